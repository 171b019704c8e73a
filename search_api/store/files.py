"""Originals, byte-identical, addressed by their sha256: files/ab/cd/abcd...; written durably."""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)


def _host_key() -> str:
    """This machine (or container: each has its own pids) in a temporary file's name."""
    return "h" + hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


_HOST: Final = _host_key()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Write `data` (if not there yet), fsynced before returning its sha256.

        The file is complete on disk before any database row can point at it.
        """
        digest = sha256_of(data)
        target = self.path_of(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        # the writer's pid and host in the name: a later process can tell a dead writer's
        # leftover from a write still in flight in another live process
        # (`remove_dead_leftovers`); a pid means nothing on another machine or container
        # sharing the folder (a web app and its workers)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".tmp-{os.getpid()}-{_HOST}-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            Path(tmp_name).replace(target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        log.info("files step=put sha256=%s bytes=%d", digest, len(data))
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path_of(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).exists()

    def stored(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every original on disk, by walking the folders."""
        for path in self.root.glob("??/??/*"):
            if path.is_file() and not path.name.startswith(".tmp-"):
                yield path.name, path

    def leftovers(self) -> Iterator[Path]:
        """Temporary files of writes that never finished (the process died mid-`put`)."""
        yield from (path for path in self.root.glob("??/??/.tmp-*") if path.is_file())

    def remove_dead_leftovers(self) -> int:
        """Delete temporary files whose writer process, on this host, is gone (killed
        mid-`put`). Another host's are left alone: its pids cannot be looked at from here."""
        removed = 0
        for path in self.leftovers():
            pid = _writer_pid(path.name)
            if pid is not None and _is_ours(path.name) and not _is_alive(pid):
                path.unlink(missing_ok=True)
                removed += 1
        if removed:
            log.warning("files step=clean removed=%d unfinished writes of dead processes", removed)
        return removed

    def remove(self, sha256: str) -> None:
        self.path_of(sha256).unlink(missing_ok=True)
        log.info("files step=remove sha256=%s", sha256)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _writer_pid(name: str) -> int | None:
    """The pid in '.tmp-<pid>-<random>', or None for names without one."""
    parts = name.split("-")
    if len(parts) >= 3 and parts[1].isdigit():
        return int(parts[1])
    return None


def _is_ours(name: str) -> bool:
    """Written on this host: its key in the name, or no key (before keys were written)."""
    parts = name.split("-")
    has_key = len(parts) >= 4 and len(parts[2]) == 9 and parts[2].startswith("h")
    return not has_key or parts[2] == _HOST


def _is_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True
