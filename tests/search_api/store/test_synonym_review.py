"""Migration 0017 on a store at 0014 (SQLite and PostgreSQL): one-way terms kept, the default
groups still as first seeded become the reviewed ones, a group an admin changed stays as written,
a new default group comes when its name and terms are free."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, text

from search_api.index.base import SynonymGroup
from search_api.index.synonyms import DEFAULT_SYNONYMS
from search_api.store.db import MIGRATIONS, Store


def _migration() -> ModuleType:
    path = MIGRATIONS / "versions" / "0017_one_way_synonyms.py"
    spec = importlib.util.spec_from_file_location("migration_0017", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _at_0014_with(url: str, rows: dict[str, list[str]]) -> None:
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0014")
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        conn.execute(
            meta.tables["synonyms"].insert(),
            [{"name": name, "terms": terms} for name, terms in rows.items()],
        )
        conn.execute(
            meta.tables["meta"].insert(), [{"key": "synonyms_seeded", "value": "2026-11-01"}]
        )
    engine.dispose()


def test_migration_0017_reviews_the_seeded_groups_and_keeps_an_admins(
    store: Store, tmp_path: Path
) -> None:
    reviewed = _migration()._REVIEWED
    # the groups as the release before this one seeded them, and one an admin changed since
    seeded = {g.name: list(g.terms) for g in DEFAULT_SYNONYMS if g.name != "arbitration"}
    seeded.update({name: first for name, (first, _, _) in reviewed.items()})
    seeded["default"] = ["wanprestasi", "ingkar janji", "breach of contract"]
    if store.engine.dialect.name == "postgresql":  # the same database, emptied
        url = store.engine.url.render_as_string(hide_password=False)
        with store.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        url = f"sqlite:///{tmp_path / 'at-0014.db'}"
    store.engine.dispose()
    _at_0014_with(url, seeded)
    reopened = Store.open(url)
    try:
        groups = {g.name: g for g in reopened.synonyms()}
    finally:
        reopened.close()
    expected = {g.name: g for g in DEFAULT_SYNONYMS}
    for name, group in groups.items():
        if name == "default":
            assert group == SynonymGroup(
                "default", ("wanprestasi", "ingkar janji", "breach of contract")
            )
        else:
            # the reviewed defaults, to the letter: the migration and synonyms.py agree
            assert group == expected[name], name
    assert set(groups) == set(expected)
    assert groups["change"].also == ("Perubahan",)


def test_a_new_store_seeds_the_reviewed_groups(store: Store) -> None:
    assert store.synonyms() == sorted(DEFAULT_SYNONYMS, key=lambda g: g.name)
