"""One backup archive (an uncompressed tar: the originals are PDFs and scans already) of
everything needed to rebuild the service, and its restore into an empty target.

    database/naskah.sqlite3 | database/naskah.pgdump   the consistent copy (store/snapshot.py)
    files/ab/cd/<sha256>                               every original the copy references
    manifest.json                                      format, schema revision, counts, checksums

The index is not in it: it derives from the store, and restore rebuilds it. The settings
that live in the store (synonyms, switched-off rules, reminders sent and their recipients,
users and tokens) are rows of the copy; the manifest counts them.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Final

from sqlalchemy import create_engine

from search_api.agreements import (
    REINDEX_MARK,
    check,
    extractor_version,
    open_library,
    open_store,
)
from search_api.errors import BackupFailed, RestoreRefused
from search_api.settings import Settings
from search_api.store.db import HEAD_REVISION, Store
from search_api.store.files import FileStore
from search_api.store.jobs import JobStore
from search_api.store.snapshot import (
    Contents,
    Dialect,
    SnapshotFailed,
    clear_seed,
    contents,
    copy_rows,
    dialect_of,
    holds_data,
    load_dump,
    put_sqlite,
    taken,
)

log = logging.getLogger(__name__)

FORMAT: Final = 1
MANIFEST: Final = "manifest.json"
DATABASE: Final[dict[Dialect, str]] = {
    "sqlite": "database/naskah.sqlite3",
    "postgresql": "database/naskah.pgdump",
}
# An original removed between the copy and its turn (the trash purged it): take it all again.
_ATTEMPTS: Final = 3
_CHUNK: Final = 1 << 20


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an archive holds. `originals` maps each sha256 to its size in bytes."""

    format: int
    created_at: datetime
    naskah_version: str
    schema_revision: str
    dialect: Dialect
    database_sha256: str
    database_size: int
    counts: dict[str, int]
    originals: dict[str, int] = field(default_factory=dict)

    @property
    def agreements(self) -> int:
        return self.counts.get("agreements", 0)

    def to_json(self) -> bytes:
        body: dict[str, Any] = {
            "format": self.format,
            "created_at": self.created_at.isoformat(),
            "naskah_version": self.naskah_version,
            "schema_revision": self.schema_revision,
            "dialect": self.dialect,
            "database": {
                "name": DATABASE[self.dialect],
                "sha256": self.database_sha256,
                "size": self.database_size,
            },
            "counts": self.counts,
            "originals": [{"sha256": s, "size": n} for s, n in sorted(self.originals.items())],
        }
        return json.dumps(body, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        """Raises KeyError, ValueError or TypeError on what is not a manifest."""
        body = json.loads(data)
        dialect = body["dialect"]
        if dialect not in DATABASE:
            raise ValueError(f"unknown dialect {dialect!r}")
        return cls(
            format=int(body["format"]),
            created_at=datetime.fromisoformat(body["created_at"]),
            naskah_version=str(body["naskah_version"]),
            schema_revision=str(body["schema_revision"]),
            dialect=dialect,
            database_sha256=str(body["database"]["sha256"]),
            database_size=int(body["database"]["size"]),
            counts={str(k): int(v) for k, v in body["counts"].items()},
            originals={str(o["sha256"]): int(o["size"]) for o in body["originals"]},
        )


def back_up(store: Store, files: FileStore, target: Path) -> Manifest:
    """Write the archive `target` (it appears whole or not at all) while the server may be
    running. Raises BackupFailed (nothing is left under `target`)."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return _write(store, files, target)
        except _OriginalGone as gone:
            if attempt == _ATTEMPTS or store_references(store, gone.sha256):
                raise BackupFailed(target.name, "original", f"{gone.sha256} is missing") from None
            log.info("backup step=retry original=%s removed meanwhile", gone.sha256)
    raise AssertionError("unreachable")


def store_references(store: Store, sha256: str) -> bool:
    """Whether the store (now) still needs this original."""
    with store.engine.connect() as connection:
        return sha256 in contents(connection).shas


class _OriginalGone(Exception):
    def __init__(self, sha256: str) -> None:
        super().__init__(sha256)
        self.sha256 = sha256


def back_up_data(settings: Settings, target: Path) -> Manifest:
    """`back_up` of the store and originals of `settings` (no index is opened: a running
    server keeps its lock). Raises BackupFailed."""
    store = open_store(settings)
    try:
        return back_up(store, FileStore(settings.files_dir), target)
    finally:
        store.close()


def _write(store: Store, files: FileStore, target: Path) -> Manifest:
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    dialect = dialect_of(store.engine.url.render_as_string(hide_password=False))
    with tempfile.TemporaryDirectory(prefix=".naskah-backup-", dir=target.parent) as work:
        copy = Path(work) / Path(DATABASE[dialect]).name
        try:
            with taken(store, copy) as found:
                held = found
        except SnapshotFailed as exc:
            raise BackupFailed(target.name, "database", str(exc)) from exc
        partial = Path(work) / "archive.tar"
        try:
            with partial.open("wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
                db_sha, db_size = _add_file(tar, DATABASE[dialect], copy)
                originals = _add_originals(tar, files, held, target.name)
                manifest = Manifest(
                    format=FORMAT,
                    created_at=datetime.now(UTC),
                    naskah_version=extractor_version(),
                    schema_revision=held.revision or "",
                    dialect=dialect,
                    database_sha256=db_sha,
                    database_size=db_size,
                    counts=held.counts,
                    originals=originals,
                )
                _add_bytes(tar, MANIFEST, manifest.to_json())
                tar.close()
                raw.flush()
                os.fsync(raw.fileno())
            partial.replace(target)
        except OSError as exc:
            raise BackupFailed(target.name, "archive", exc.strerror or str(exc)) from exc
    _fsync_dir(target.parent)
    log.info(
        "backup step=done file=%s agreements=%d originals=%d bytes=%d in %.1fs",
        target.name,
        manifest.agreements,
        len(manifest.originals),
        target.stat().st_size,
        time.perf_counter() - started,
    )
    return manifest


def _add_originals(
    tar: tarfile.TarFile, files: FileStore, held: Contents, archive: str
) -> dict[str, int]:
    originals: dict[str, int] = {}
    for sha256 in sorted(held.shas):
        try:
            data = files.read(sha256)
        except FileNotFoundError:
            raise _OriginalGone(sha256) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BackupFailed(archive, "original", f"{sha256} differs from its sha256")
        _add_bytes(tar, _member_of(sha256), data)
        originals[sha256] = len(data)
    return originals


def _member_of(sha256: str) -> str:
    return f"files/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mtime = int(time.time())
    info.mode = 0o600
    with path.open("rb") as f:
        tar.addfile(info, f)
    return digest.hexdigest(), info.size


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- reading an archive -------------------------------------------------------------------


def read_manifest(archive: Path) -> Manifest:
    """The manifest of an archive. Raises RestoreRefused (unreadable)."""
    with _opened(archive) as tar:
        return _manifest(tar, archive)


@contextmanager
def _opened(archive: Path) -> Iterator[tarfile.TarFile]:
    try:
        tar = tarfile.open(archive, mode="r:")  # noqa: SIM115 (closed below; open errors are ours)
    except (OSError, tarfile.TarError) as exc:
        raise RestoreRefused(archive.name, "unreadable", str(exc)) from exc
    try:
        yield tar
    finally:
        tar.close()


def _manifest(tar: tarfile.TarFile, archive: Path) -> Manifest:
    try:
        member = tar.getmember(MANIFEST)
        data = _member_bytes(tar, member)
        manifest = Manifest.from_json(data)
    except (KeyError, ValueError, TypeError, tarfile.TarError) as exc:
        raise RestoreRefused(archive.name, "unreadable", f"no valid {MANIFEST}") from exc
    if manifest.format > FORMAT:
        raise RestoreRefused(archive.name, "newer", f"archive format {manifest.format}")
    if _revision_number(manifest.schema_revision) > _revision_number(HEAD_REVISION):
        raise RestoreRefused(archive.name, "newer", f"schema {manifest.schema_revision}")
    return manifest


def _revision_number(revision: str) -> int:
    return int(revision) if revision.isdigit() else 0


def _member_bytes(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    f = tar.extractfile(member)
    if f is None:
        raise tarfile.TarError(f"{member.name} is not a file")
    with f:
        return f.read()


def _hashed(f: IO[bytes], sink: Callable[[bytes], object] | None = None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := f.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink(chunk)
    return digest.hexdigest(), size


def verify(archive: Path) -> Manifest:
    """Read every member and check it against the manifest (the database's checksum, each
    original's sha256 and size, none missing). Raises RestoreRefused (unreadable, damaged)."""
    with _opened(archive) as tar:
        manifest = _manifest(tar, archive)
        wanted = dict(manifest.originals)
        database_seen = False
        try:
            for member in tar:
                if not member.isfile() or member.name == MANIFEST:
                    continue
                f = tar.extractfile(member)
                if f is None:
                    continue
                with f:
                    sha256, size = _hashed(f)
                if member.name == DATABASE[manifest.dialect]:
                    if (sha256, size) != (manifest.database_sha256, manifest.database_size):
                        raise RestoreRefused(archive.name, "damaged", member.name)
                    database_seen = True
                elif member.name.startswith("files/"):
                    name = member.name.rsplit("/", 1)[-1]
                    if name != sha256 or wanted.pop(name, None) != size:
                        raise RestoreRefused(archive.name, "damaged", member.name)
        except (OSError, tarfile.TarError) as exc:
            raise RestoreRefused(archive.name, "damaged", str(exc)) from exc
    if not database_seen:
        raise RestoreRefused(archive.name, "damaged", f"{DATABASE[manifest.dialect]} missing")
    if wanted:
        raise RestoreRefused(archive.name, "damaged", f"{len(wanted)} originals missing")
    return manifest


# -- restoring ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Restored:
    """A finished restore: the archive's manifest, the rows found after it (the same as the
    manifest's, migrations aside), and `naskah check`'s lines and verdict."""

    manifest: Manifest
    counts: dict[str, int]
    check_lines: list[str]
    is_consistent: bool


def occupied(settings: Settings) -> list[str]:
    """What makes the target not empty: tables with data, originals on disk (empty list:
    a restore may go ahead)."""
    found = holds_data(settings.effective_database_url)
    files = settings.files_dir
    if files.is_dir() and next(FileStore(files).stored(), None) is not None:
        found.append(f"{files}/")
    return found


def restore(
    settings: Settings, archive: Path, *, progress: Callable[[str], None] | None = None
) -> Restored:
    """Restore `archive` into the empty data folder and database of `settings`: the
    originals first, then the database (whole, migrated to this version), then the index
    rebuilt and `naskah check` run. Raises RestoreRefused before changing anything."""
    say = progress or (lambda _: None)
    url = settings.effective_database_url
    manifest = read_manifest(archive)
    target = dialect_of(url)
    if manifest.dialect == "postgresql" and target != "postgresql":
        raise RestoreRefused(archive.name, "dialect")
    in_the_way = occupied(settings)
    if in_the_way:
        raise RestoreRefused(archive.name, "occupied", ", ".join(in_the_way))
    say(f"verifying {archive.name}: {len(manifest.originals)} originals")
    verify(archive)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    files = FileStore(settings.files_dir)
    with tempfile.TemporaryDirectory(prefix=".naskah-restore-", dir=settings.data_dir) as work:
        copy = Path(work) / Path(DATABASE[manifest.dialect]).name
        with _opened(archive) as tar:
            for member in tar:
                if not member.isfile():
                    continue
                f = tar.extractfile(member)
                if f is None:
                    continue
                with f:
                    if member.name.startswith("files/"):
                        files.put(f.read())
                    elif member.name == DATABASE[manifest.dialect]:
                        with copy.open("wb") as out:
                            shutil.copyfileobj(f, out, _CHUNK)
        say(f"originals restored: {len(manifest.originals)}")
        _restore_database(manifest, copy, url)
    say(f"database restored (schema {manifest.schema_revision} -> {HEAD_REVISION})")
    return _finish(settings, manifest, say)


def _restore_database(manifest: Manifest, copy: Path, url: str) -> None:
    if manifest.dialect == "postgresql":
        clear_seed(url)
        load_dump(copy, url)
        Store.open(url).close()  # migrates an older schema
        return
    # bring the copy to this version before it takes its place
    Store.open(f"sqlite:///{copy}").close()
    if dialect_of(url) == "sqlite":
        clear_seed(url)
        put_sqlite(copy, url)
        return
    target = Store.open(url)  # the schema, at the newest revision
    source = create_engine(f"sqlite:///{copy}")
    try:
        copy_rows(source, target.engine)
    finally:
        source.dispose()
        target.close()


def _finish(settings: Settings, manifest: Manifest, say: Callable[[str], None]) -> Restored:
    store = open_store(settings)
    store.set_meta(REINDEX_MARK, None)  # the copy may have been taken mid-rebuild
    library = open_library(settings, store=store)
    try:
        say("rebuilding the index")
        library.reindex()
        counts = _counts(store)
        report = check(library, JobStore(store), repair=False, verify_files=True, grace_s=0)
    finally:
        library.close()
    lines = report.lines()
    consistent = report.is_consistent
    for table in ("agreements", "agreement_versions", "users", "synonyms"):
        if table in manifest.counts and counts.get(table) != manifest.counts[table]:
            consistent = False
            lines.append(
                f"{table}: {counts.get(table)} rows restored, the archive has "
                f"{manifest.counts[table]}"
            )
    log.info(
        "restore step=done agreements=%d consistent=%s",
        counts.get("agreements", 0),
        consistent,
    )
    return Restored(manifest, counts, lines, consistent)


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return contents(connection).counts


__all__ = [
    "Manifest",
    "Restored",
    "back_up",
    "back_up_data",
    "occupied",
    "read_manifest",
    "restore",
    "verify",
]
