"""Who gets the cores under load: a `naskah worker` reads files in processes of Linux's
SCHED_IDLE class at nice 19 with one OpenMP thread for Tesseract, while its own threads (the
heartbeat that keeps its leases) stay in the normal class; `naskah serve`'s own extraction
processes, which also read the uploads a person waits for, are niced but not idle. Real
processes, their scheduling read from /proc."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.search_api.jobs.test_worker_processes import descendants, worker, worker_env
from tests.served import serving

pytestmark = pytest.mark.skipif(
    not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux's; other systems only nice"
)


def extraction_processes(pid: int, timeout_s: float = 60.0) -> list[int]:
    """The extraction processes under `pid`: the children of its forkserver (a child of
    `pid` itself), once at least one has started."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        children = set(_children(pid))
        found = [p for p in descendants(pid) if p not in children and _parent(p) in children]
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no extraction process under {pid} in {timeout_s} s")


def settle(pids: list[int], timeout_s: float = 30.0) -> None:
    """Wait until each of these new processes lowered its priority: a worker forked from the
    forkserver runs a moment before it calls nice (longer on a busy machine)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and any(nice_of(pid) != 19 for pid in pids):
        time.sleep(0.1)
    time.sleep(0.2)  # SCHED_IDLE is set right after nice


def _children(pid: int) -> list[int]:
    return [p for p in descendants(pid) if _parent(p) == pid]


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def nice_of(pid: int, tid: int | None = None) -> int:
    stat = Path(f"/proc/{pid}/task/{tid}/stat" if tid else f"/proc/{pid}/stat")
    return int(stat.read_text().rsplit(")", 1)[1].split()[16])


def environment_of(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(p.decode().split("=", 1) for p in pairs if b"=" in p)


def threads_of(pid: int) -> list[int]:
    return [int(t.name) for t in Path(f"/proc/{pid}/task").iterdir()]


@pytest.mark.slow
def test_a_worker_reads_files_in_idle_processes_and_keeps_its_own_threads_normal(
    tmp_path: Path,
) -> None:
    env = worker_env(tmp_path / "data")
    with worker(env, tmp_path / "worker.log") as process:
        readers = extraction_processes(process.pid)
        settle(readers)
        for pid in readers:
            assert os.sched_getscheduler(pid) == os.SCHED_IDLE
            assert nice_of(pid) == 19
            assert environment_of(pid)["OMP_THREAD_LIMIT"] == "1"
        # the worker's own threads (job threads, heartbeat) are niced, not idle: a busy
        # machine still lets the heartbeat renew the leases
        threads = threads_of(process.pid)
        assert len(threads) > 1
        for tid in threads:
            assert os.sched_getscheduler(tid) == os.SCHED_OTHER
            assert nice_of(process.pid, tid) == 19
        assert process.poll() is None, (tmp_path / "worker.log").read_text()


@pytest.mark.slow
def test_serve_reads_uploads_in_niced_processes_that_are_not_idle(tmp_path: Path) -> None:
    env = worker_env(tmp_path / "data") | {"NASKAH_WORKERS": "1", "NASKAH_OCR_THREADS": "2"}
    with serving(env, tmp_path / "serve.log") as url:
        port = url.rsplit(":", 1)[1]
        server = next(
            pid
            for pid in _children(os.getpid())
            if f"\0--port\0{port}\0" in Path(f"/proc/{pid}/cmdline").read_text()
        )
        readers = extraction_processes(server)
        settle(readers)
        for pid in readers:
            assert os.sched_getscheduler(pid) == os.SCHED_OTHER
            assert nice_of(pid) == 19
            assert environment_of(pid)["OMP_THREAD_LIMIT"] == "2"
        assert os.sched_getscheduler(server) == os.SCHED_OTHER
        assert nice_of(server) == os.nice(0)  # the web process keeps its priority
