"""A consistent copy of the database taken while the server runs, and its way back.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies every page under one read
transaction, so writers in WAL mode go on and the copy is one moment of the store. PostgreSQL:
`pg_dump --snapshot` of a REPEATABLE READ transaction that stays open while it runs, so the
counts and the originals listed here are exactly those of the dump. Back: a SQLite copy is
moved into place (or its rows copied into PostgreSQL); a dump is loaded with `pg_restore` in
one transaction. Nothing here knows the archive (search_api/backup/).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from sqlalchemy import Connection, Engine, create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from search_api.store.db import HEAD_REVISION, Store
from search_api.store.models import Base

log = logging.getLogger(__name__)

Dialect = Literal["sqlite", "postgresql"]

# Tables a store has before anyone used it: the schema's version, the seeded synonyms and the
# marks of that seeding. A target holding rows of any other table is not empty.
SEED_TABLES: Final = frozenset({"alembic_version", "meta", "synonyms"})
# Queued and running jobs read an original that has no agreement row yet.
_ACTIVE_JOBS: Final = ("queued", "running")


class SnapshotFailed(Exception):
    """The copy could not be taken or loaded; `step` names where (pg_dump, pg_restore ...)."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step


@dataclass(frozen=True, slots=True)
class Contents:
    """What a copy holds: its schema revision, the rows of each table, the originals it
    references (agreements, earlier versions, queued and running jobs)."""

    revision: str | None
    counts: dict[str, int]
    shas: frozenset[str]


def dialect_of(url: str) -> Dialect:
    name = make_url(url).get_backend_name()
    if name == "sqlite":
        return "sqlite"
    if name == "postgresql":
        return "postgresql"
    raise SnapshotFailed("dialect", f"{name}: only SQLite and PostgreSQL stores can be copied")


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise SnapshotFailed("dialect", "an in-memory SQLite store has nothing to copy")
    return Path(database)


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore read it (no +driver)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def contents(connection: Connection) -> Contents:
    """Counts and referenced originals, read through `connection` (a copy or a snapshot)."""
    present = set(inspect(connection).get_table_names())
    counts = {
        table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
        for table in Base.metadata.sorted_tables
        if table.name in present
    }
    tables = Base.metadata.tables
    shas: set[str] = set()
    shas.update(connection.scalars(select(tables["agreements"].c.sha256)))
    if "agreement_versions" in present:
        shas.update(connection.scalars(select(tables["agreement_versions"].c.sha256)))
    if "jobs" in present:
        jobs = tables["jobs"]
        shas.update(connection.scalars(select(jobs.c.sha256).where(jobs.c.state.in_(_ACTIVE_JOBS))))
    revision = (
        connection.scalar(text("SELECT version_num FROM alembic_version"))
        if "alembic_version" in present
        else None
    )
    return Contents(None if revision is None else str(revision), counts, frozenset(shas))


@contextmanager
def taken(store: Store, into: Path) -> Iterator[Contents]:
    """Write a consistent copy of the store's database to `into` (SQLite file or pg_dump
    custom format) and yield what it holds. Raises SnapshotFailed."""
    dialect = dialect_of(str(store.engine.url.render_as_string(hide_password=False)))
    if dialect == "sqlite":
        source = sqlite3.connect(sqlite_path(store.engine.url.render_as_string()), timeout=30)
        try:
            target = sqlite3.connect(into)
            try:
                source.backup(target)  # all pages in one step: one read transaction
            finally:
                target.close()
        finally:
            source.close()
        engine = create_engine(f"sqlite:///{into}")
        try:
            with engine.connect() as connection:
                yield contents(connection)
        finally:
            engine.dispose()
        return
    with store.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot_id = connection.scalar(text("SELECT pg_export_snapshot()"))
            _run(
                "pg_dump",
                [
                    "--format=custom",
                    f"--snapshot={snapshot_id}",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={into}",
                    f"--dbname={libpq_url(store.engine.url.render_as_string(hide_password=False))}",
                ],
            )
            yield contents(connection)


def read_contents(sqlite_copy: Path) -> Contents:
    engine = create_engine(f"sqlite:///{sqlite_copy}")
    try:
        with engine.connect() as connection:
            return contents(connection)
    finally:
        engine.dispose()


def holds_data(url: str) -> list[str]:
    """The tables of the database at `url` that hold rows beyond a new store's seed (empty:
    nothing there, the database may be restored into)."""
    if dialect_of(url) == "sqlite":
        path = sqlite_path(url)
        if not path.exists() or path.stat().st_size == 0:
            return []
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
            return [
                name
                for name in names
                if name not in SEED_TABLES
                and connection.scalar(text(f'SELECT 1 FROM "{name}" LIMIT 1')) is not None
            ]
    finally:
        engine.dispose()


def clear_seed(url: str) -> None:
    """Drop the tables of a new, unused store (`holds_data` said empty) so a copy can be
    loaded in their place."""
    if dialect_of(url) == "sqlite":
        path = sqlite_path(url)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


def put_sqlite(copy: Path, url: str) -> None:
    """Move a SQLite copy into place as the database of `url` (fsynced, then renamed: the
    database appears whole or not at all)."""
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(copy, partial)
    with partial.open("rb+") as f:
        os.fsync(f.fileno())
    partial.replace(target)


def load_dump(dump: Path, url: str) -> None:
    """Load a pg_dump archive into the (empty) PostgreSQL database of `url`, all or nothing."""
    _run(
        "pg_restore",
        [
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={libpq_url(url)}",
            str(dump),
        ],
    )


def copy_rows(source: Engine, target: Engine, *, batch: int = 500) -> dict[str, int]:
    """Copy every row of a store at the newest revision into another one (SQLite into
    PostgreSQL), in one transaction of the target: its rows (the seed) are replaced. Integer
    keys keep their values, and PostgreSQL's sequences are moved past them."""
    copied: dict[str, int] = {}
    tables = Base.metadata.sorted_tables
    with source.connect() as reading, target.begin() as writing:
        for table in reversed(tables):
            writing.execute(table.delete())
        for table in tables:
            rows = reading.execute(select(table)).mappings()
            n = 0
            while chunk := rows.fetchmany(batch):
                writing.execute(table.insert(), [dict(row) for row in chunk])
                n += len(chunk)
            copied[table.name] = n
        if target.dialect.name == "postgresql":
            for table in tables:
                key = table.c.get("id")
                if key is not None and key.autoincrement is True:
                    writing.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                        )
                    )
    return copied


def is_current(revision: str | None) -> bool:
    return revision == HEAD_REVISION


def _run(program: str, arguments: list[str]) -> None:
    if shutil.which(program) is None:
        raise SnapshotFailed(
            program,
            f"{program} is not installed: install the PostgreSQL client "
            "(apt-get install postgresql-client) and try again",
        )
    done = subprocess.run([program, *arguments], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # the URL (and its password) stays out of the message
        said = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise SnapshotFailed(program, f"{program} failed: {said[0]}")
