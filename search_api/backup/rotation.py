"""Scheduled backups: a dated archive in NASKAH_BACKUP_DIR every NASKAH_BACKUP_EVERY_HOURS,
the newest NASKAH_BACKUP_KEEP kept; the last failure is kept in the store (the admin page
/cadangan shows it, every server process sees it) and logged as a warning.

Due means: the newest archive there is older than the period (or there is none), so a
restarted server neither skips a day nor takes two. Processes sharing the folder take turns
through a lock file; the one that finds the lock held lets the other write.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from search_api.agreements import open_store
from search_api.backup.archive import Manifest, back_up
from search_api.errors import BackupFailed
from search_api.settings import Settings
from search_api.store.db import Store
from search_api.store.files import FileStore

log = logging.getLogger(__name__)

ARCHIVE: Final = re.compile(r"^naskah-(\d{8}-\d{6})\.tar$")
_FAILURE: Final = "backup.last_failure"
_LOCK: Final = ".naskah-backup.lock"


@dataclass(frozen=True, slots=True)
class Archive:
    """A scheduled archive in the backup folder: its name, size and when it was taken."""

    name: str
    size: int
    created_at: datetime

    def age(self, now: datetime) -> timedelta:
        return now - self.created_at


@dataclass(frozen=True, slots=True)
class Failure:
    """The last scheduled (or `naskah backup`) archive that was not written, and why."""

    at: datetime
    file_name: str
    problem: str
    message: str


def archive_name(moment: datetime) -> str:
    return f"naskah-{moment.astimezone(UTC):%Y%m%d-%H%M%S}.tar"


class Backups:
    """The backups of one store and its originals into `settings.backup_dir`."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self._files = FileStore(settings.files_dir)
        self.settings = settings
        self._running = threading.Lock()

    @property
    def is_running(self) -> bool:
        """Whether this process is writing an archive now (`start_now`, the schedule)."""
        return self._running.locked()

    def start_now(self) -> bool:
        """Take an archive now in a thread of its own (the admin page's button); False when
        one is being written already or no folder is set."""
        if self.folder is None or not self._running.acquire(blocking=False):
            return False
        threading.Thread(target=self._take_held, name="naskah-backup-now", daemon=True).start()
        return True

    def _take_held(self) -> None:
        try:
            with suppress(BackupFailed):  # recorded and logged
                self._take(datetime.now(UTC))
        finally:
            self._running.release()

    @property
    def folder(self) -> Path | None:
        return self.settings.backup_dir

    def archives(self) -> list[Archive]:
        """The dated archives in the folder, newest first (none when it is not set)."""
        if self.folder is None or not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.iterdir():
            matched = ARCHIVE.match(path.name)
            if matched and path.is_file():
                taken = datetime.strptime(matched[1], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
                found.append(Archive(path.name, path.stat().st_size, taken))
        return sorted(found, key=lambda a: a.created_at, reverse=True)

    def last_failure(self) -> Failure | None:
        said = self._store.meta(_FAILURE)
        if said is None:
            return None
        body = json.loads(said)
        return Failure(
            datetime.fromisoformat(body["at"]), body["file_name"], body["problem"], body["message"]
        )

    def is_due(self, now: datetime) -> bool:
        archives = self.archives()
        period = timedelta(hours=self.settings.backup_every_hours)
        return self.folder is not None and (not archives or archives[0].age(now) >= period)

    def take(self, now: datetime | None = None) -> Manifest:
        """Write a dated archive now, then keep only the newest NASKAH_BACKUP_KEEP. Raises
        BackupFailed (recorded as the last failure) or FileExistsError without a folder."""
        if self.folder is None:
            raise FileExistsError("NASKAH_BACKUP_DIR is not set")
        with self._running:
            return self._take(now or datetime.now(UTC))

    def _take(self, now: datetime) -> Manifest:
        assert self.folder is not None
        name = archive_name(now)
        try:
            manifest = back_up(self._store, self._files, self.folder / name)
        except BackupFailed as exc:
            self._store.set_meta(
                _FAILURE,
                json.dumps(
                    {
                        "at": now.isoformat(),
                        "file_name": exc.file_name,
                        "problem": exc.problem,
                        "message": str(exc),
                    }
                ),
            )
            log.warning("backup step=%s file=%s failed: %s", exc.problem, name, exc)
            raise
        self._store.set_meta(_FAILURE, None)
        self.prune()
        return manifest

    def prune(self) -> list[str]:
        """Remove all but the newest NASKAH_BACKUP_KEEP dated archives; their names."""
        keep = max(1, self.settings.backup_keep)
        removed = [a.name for a in self.archives()[keep:]]
        for name in removed:
            assert self.folder is not None
            (self.folder / name).unlink(missing_ok=True)
        if removed:
            log.info("backup step=prune removed=%d kept=%d", len(removed), keep)
        return removed

    def take_if_due(self) -> Manifest | None:
        """The scheduled look: an archive when one is due and no other process is writing
        one; None otherwise. A failure is recorded, logged and not raised."""
        if self.folder is None:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        with _turn(self.folder / _LOCK) as is_ours:
            if not is_ours or not self.is_due(datetime.now(UTC)):
                return None
            try:
                return self.take()
            except BackupFailed:
                return None


def back_up_dated(settings: Settings) -> Manifest:
    """`naskah backup` without a file: `Backups.take` over the store of `settings`."""
    store = open_store(settings)
    try:
        return Backups(store, settings).take()
    finally:
        store.close()


@contextmanager
def _turn(lock: Path) -> Iterator[bool]:
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def keep_backing_up(
    look: Callable[[], object], stop: threading.Event, *, first_s: float, every_s: float
) -> None:
    """Until `stop`: `first_s` after start and then every `every_s`, take a backup if due."""
    wait = first_s
    while not stop.wait(wait):
        try:
            look()
        except Exception:  # a bug or a database outage: logged, and the next look comes
            log.exception("backup step=schedule failed")
        wait = every_s
