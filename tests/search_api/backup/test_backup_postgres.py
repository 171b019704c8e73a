"""Backup and restore on PostgreSQL: pg_dump of a running store restores into an empty
database; an office PC's SQLite archive restores into PostgreSQL (the move to the server);
a PostgreSQL archive is refused by a SQLite target."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from search_api.app import create_app
from search_api.cli import main
from search_api.settings import Settings
from tests.auth import accounts_of, sign_in
from tests.search_api.backup.test_backup import FILES, env, snapshot_of, uploaded

pytestmark = pytest.mark.postgres

__all__ = ["env"]


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    """Two empty PostgreSQL databases on the server the test command started."""
    url = os.environ.get("NASKAH_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PostgreSQL tests need NASKAH_TEST_POSTGRES_URL (scripts/test sets it)")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    names = ("naskah_backup_there", "naskah_backup_here")
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {name}"))
    base = make_url(url)
    yield tuple(base.set(database=n).render_as_string(hide_password=False) for n in names)  # type: ignore[misc]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def test_a_postgresql_store_restores_into_an_empty_database(
    env: pytest.MonkeyPatch,
    tmp_path: Path,
    databases: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    there_url, here_url = databases
    there, here, archive = tmp_path / "there", tmp_path / "here", tmp_path / "naskah.tar"
    token = uploaded(there, there_url)
    before = snapshot_of(there, token, there_url)
    assert len(before["agreements"]) == len(FILES)  # type: ignore[arg-type]

    env.setenv("NASKAH_DATA_DIR", str(there))
    env.setenv("NASKAH_DATABASE_URL", there_url)
    assert main(["backup", str(archive)]) == 0
    assert "postgresql" in capsys.readouterr().out

    env.setenv("NASKAH_DATA_DIR", str(here))
    env.setenv("NASKAH_DATABASE_URL", here_url)
    assert main(["restore", str(archive)]) == 0
    assert "naskah: consistent" in capsys.readouterr().out
    assert snapshot_of(here, token, here_url) == before
    # and again: now the database holds data
    assert main(["restore", str(archive)]) == 2
    assert "the target already holds data" in capsys.readouterr().err

    # a SQLite data folder cannot take a PostgreSQL archive
    env.setenv("NASKAH_DATA_DIR", str(tmp_path / "pc"))
    env.delenv("NASKAH_DATABASE_URL")
    assert main(["restore", str(archive)]) == 2
    assert "restores only into PostgreSQL" in capsys.readouterr().err


def test_an_office_pc_archive_restores_into_postgresql(
    env: pytest.MonkeyPatch,
    tmp_path: Path,
    databases: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, here_url = databases
    office, server, archive = tmp_path / "office", tmp_path / "server", tmp_path / "naskah.tar"
    token = uploaded(office)
    before = snapshot_of(office, token)
    env.setenv("NASKAH_DATA_DIR", str(office))
    assert main(["backup", str(archive)]) == 0

    env.setenv("NASKAH_DATA_DIR", str(server))
    env.setenv("NASKAH_DATABASE_URL", here_url)
    assert main(["restore", str(archive)]) == 0
    assert "naskah: consistent" in capsys.readouterr().out
    assert snapshot_of(server, token, here_url) == before
    # integer keys went over as they were, and PostgreSQL's sequences past them: a new
    # user, token and audit row get keys of their own
    settings = Settings(data_dir=server, database_url=here_url)
    with TestClient(create_app(settings)) as client:
        sign_in(client, "viewer", name="kedua")
        accounts_of(client).audit("kedua", "test", "x", "after restore")
        assert client.get("/api/agreements").json()["total"] == len(FILES)
