"""What ingest derives is kept in columns on every write, the standing follows the agreements
citing one, and migration 0014 back-fills both on a database at 0013 (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, inspect, select, text, update

from ingest.model import Agreement, Party
from ingest.profile import profile_of
from search_api.index.text import normalise_number
from search_api.store.db import MIGRATIONS, Store
from search_api.store.models import AgreementRow
from tests.search_api.conftest import DSAW_NAME, LOUIS_NAME, real_agreement

COLUMNS = (
    "profile",
    "cooperation_kind",
    "partner_type_keys",
    "sector_keys",
    "regional_office",
    "search_text",
    "parties_folded",
    "title_folded",
    "extended_until",
    "end_date",
    "effective_date",
    "renewed",
)


def _variant(
    sha: str,
    *,
    numbers: list[str],
    references: list[str] = (),  # type: ignore[assignment]
    doc_type: str = "agreement",
    signed: date | None = date(2021, 1, 4),
    expiry: date | None = date(2023, 1, 4),
    name: str = LOUIS_NAME,
) -> Agreement:
    base = real_agreement(name)
    return replace(
        base,
        source=replace(base.source, sha256=sha * 64),
        numbers=numbers,
        references=list(references),
        doc_type=doc_type,  # type: ignore[arg-type]
        signed_date=signed,
        expiry_date=expiry,
    )


def _columns(store: Store) -> dict[str, dict[str, Any]]:
    with store.session() as s:
        rows = s.scalars(select(AgreementRow)).all()
        return {r.id: {c: getattr(r, c) for c in COLUMNS} for r in rows}


def _fill(store: Store) -> dict[str, str]:
    """A KB, a PKS carrying it out, an addendum of the PKS that ends it later, a renewal of the
    KB, a person's correction of the PKS's parties, and one in the trash."""
    kb, _ = store.add(
        _variant("a", numbers=["119/1234/HUMKER/IX/2018"], doc_type="mou"),
        size=1,
        extractor_version="t",
    )
    pks, _ = store.add(
        _variant("b", numbers=["445/112/DINKES/III/2019"], references=["119/1234/humker/IX/2018"]),
        size=1,
        extractor_version="t",
    )
    addendum, _ = store.add(
        _variant(
            "c",
            numbers=["690/215/BAG.KS/XII/2020"],
            references=["445/112/DINKES/III/2019"],
            doc_type="amendment",
            expiry=date(2027, 6, 30),
            name=DSAW_NAME,
        ),
        size=1,
        extractor_version="t",
    )
    renewal, _ = store.add(
        _variant(
            "d",
            numbers=["200/1/HUMKER/2024"],
            references=["119/1234/HUMKER/IX/2018"],
            doc_type="mou",
            signed=date(2024, 2, 1),
        ),
        size=1,
        extractor_version="t",
    )
    store.correct(
        pks.id,
        {
            "parties": [
                Party(
                    "PIHAK PERTAMA", "Pemerintah Kabupaten Gowa", "Adnan", "Bupati Gowa"
                ).to_dict(),
                Party("PIHAK KEDUA", "Universitas Hasanuddin", "Jamaluddin", "Rektor").to_dict(),
            ]
        },
    )
    gone, _ = store.add(
        _variant(
            "e",
            numbers=["9/9/2022"],
            references=["119/1234/HUMKER/IX/2018"],
            doc_type="amendment",
            expiry=date(2040, 1, 1),
        ),
        size=1,
        extractor_version="t",
    )
    store.trash(gone.id)
    return {"kb": kb.id, "pks": pks.id, "addendum": addendum.id, "renewal": renewal.id}


def test_the_store_keeps_the_profile_and_the_standing_on_every_write(store: Store) -> None:
    ids = _fill(store)
    kept = _columns(store)
    pks = store.get(ids["pks"])
    # the corrected parties: a region with a university, derived again from them
    assert pks.agreement.profile == profile_of(replace(pks.agreement, profile=None))
    assert kept[ids["pks"]]["cooperation_kind"] == "ksdpk"
    assert kept[ids["pks"]]["partner_type_keys"] == "\nregion\nuniversity\n"
    assert "universitas hasanuddin" in kept[ids["pks"]]["parties_folded"]
    # the addendum ends the PKS later; the renewal renews the KB; the trashed addendum of
    # the KB counts for nothing
    assert pks.extended_until == date(2027, 6, 30) == kept[ids["pks"]]["end_date"]
    assert pks.end_date == date(2027, 6, 30)
    kb = store.get(ids["kb"])
    assert kb.renewed and kb.extended_until is None and kb.end_date == date(2023, 1, 4)
    addendum = store.get(ids["addendum"])
    assert not addendum.renewed and addendum.end_date == date(2027, 6, 30)
    # the addendum is corrected to cite nothing: the PKS is no longer extended
    cited_by_addendum = (ids["addendum"], normalise_number("445/112/DINKES/III/2019"))
    assert cited_by_addendum in _cited(store)
    store.correct(ids["addendum"], {"references": []})
    assert cited_by_addendum not in _cited(store)  # nor found citing it by the index
    assert store.get(ids["pks"]).extended_until is None
    assert store.get(ids["pks"]).end_date == date(2023, 1, 4)


def _at_0013(url: str) -> None:
    """An empty database at revision 0013, as the release before this one left it."""
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0013")
    engine.dispose()


def _rows(source: Store) -> dict[str, list[dict[str, Any]]]:
    meta = MetaData()
    meta.reflect(source.engine)
    with source.engine.connect() as read:
        return {
            name: [dict(r._mapping) for r in read.execute(select(meta.tables[name]))]
            for name in ("agreements", "clauses", "corrections")
        }


def _cited(store: Store) -> set[tuple[str, str]]:
    with store.engine.connect() as conn:
        return {(a, k) for a, k in conn.execute(text("SELECT agreement_id, key FROM cited_keys"))}


def _write(rows: dict[str, list[dict[str, Any]]], url: str) -> None:
    """The rows into the 0013 database at `url`: the columns 0013 has."""
    target = create_engine(url)
    meta = MetaData()
    meta.reflect(target)
    with target.begin() as write:
        for name, found in rows.items():
            keep = {c.name for c in meta.tables[name].columns}
            if found:
                write.execute(
                    meta.tables[name].insert(),
                    [{k: v for k, v in r.items() if k in keep} for r in found],
                )
    target.dispose()


def test_migrations_0014_and_0016_back_fill_a_0013_database_as_the_store_writes(
    store: Store, tmp_path: Path
) -> None:
    ids = _fill(store)
    written = _columns(store)
    profile = store.get(ids["pks"]).agreement.profile
    cited = _cited(store)
    assert (ids["addendum"], normalise_number("445/112/DINKES/III/2019")) in cited
    rows = _rows(store)
    if store.engine.dialect.name == "postgresql":  # the same database, emptied
        url = store.engine.url.render_as_string(hide_password=False)
        with store.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        url = f"sqlite:///{tmp_path / 'at-0013.db'}"
    store.engine.dispose()
    _at_0013(url)
    _write(rows, url)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert not {c["name"] for c in inspect(conn).get_columns("agreements")} & set(COLUMNS)
        assert conn.execute(text("SELECT count(*) FROM corrections")).scalar() == 1
    engine.dispose()
    reopened = Store.open(url)
    try:
        assert _columns(reopened) == written
        assert written[ids["pks"]]["end_date"] == date(2027, 6, 30)
        assert written[ids["kb"]]["renewed"] is True
        assert written[ids["pks"]]["cooperation_kind"] == "ksdpk"
        assert reopened.get(ids["pks"]).agreement.profile == profile
        # migration 0016 back-fills the cited numbers as the store writes them
        assert _cited(reopened) == cited
        # the clauses and the correction came through the migration whole
        with reopened.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM clauses")).scalar() == len(
                rows["clauses"]
            )
    finally:
        reopened.close()


def test_a_row_without_a_profile_reads_as_none_not_as_a_guess(store: Store) -> None:
    ids = _fill(store)
    with store.session() as s:
        s.execute(update(AgreementRow).where(AgreementRow.id == ids["kb"]).values(profile=None))
    assert store.get(ids["kb"]).agreement.profile is None
