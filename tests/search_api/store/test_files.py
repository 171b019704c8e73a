"""The content-addressed file store: unfinished writes of dead processes are cleared."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from search_api.store.files import _HOST, FileStore


def dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_unfinished_writes_of_dead_processes_are_removed_and_live_ones_kept(
    tmp_path: Path,
) -> None:
    files = FileStore(tmp_path)
    sha = files.put(b"an original")
    folder = files.path_of(sha).parent
    dead = folder / f".tmp-{dead_pid()}-abc123"
    live = folder / f".tmp-{os.getpid()}-def456"
    unknown = folder / ".tmp-no-pid"
    for path in (dead, live, unknown):
        path.write_bytes(b"half a file")

    assert files.remove_dead_leftovers() == 1
    assert not dead.exists()
    assert live.exists() and unknown.exists()  # a write in flight, and one we cannot judge
    assert files.read(sha) == b"an original"


def test_a_leftover_of_another_host_sharing_the_folder_is_left_alone(tmp_path: Path) -> None:
    # a web app and its workers in containers share the originals: each has its own pids
    files = FileStore(tmp_path)
    folder = files.path_of(files.put(b"an original")).parent
    written = files.path_of(files.put(b"another original"))
    assert written.exists()
    ours = folder / f".tmp-{dead_pid()}-{_HOST}-abc123"
    theirs = folder / f".tmp-{dead_pid()}-h0badf00d-def456"
    for path in (ours, theirs):
        path.write_bytes(b"half a file")
    assert files.remove_dead_leftovers() == 1
    assert not ours.exists()
    assert theirs.exists()  # its writer may be alive over there
