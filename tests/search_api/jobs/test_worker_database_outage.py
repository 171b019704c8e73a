"""A `naskah worker` whose PostgreSQL goes out of reach for a while, real processes: the
worker reaches the database through a TCP proxy of this test, which closes its port and
cuts every open connection, then opens again. Idle, the worker keeps looking for jobs and
claims the one queued meanwhile once the database is back; mid-job, it loses nothing: the
job is done once, its agreement stored once, and the worker goes on taking jobs."""

from __future__ import annotations

import signal
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from search_api.store.db import Store
from search_api.store.jobs import JobStore
from tests.auth import served_token
from tests.search_api.agreement_files import draft_docx
from tests.search_api.jobs.test_worker_processes import (
    LEASE_S,
    SCAN,
    postgres_url,
    upload,
    wait_for,
    worker,
    worker_env,
)
from tests.served import free_port, serving


class Outage:
    """A TCP proxy to `target`: `cut()` closes its port and resets every connection through
    it (the database is out of reach), `restore()` listens again on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        assert self._listener is not None
        with suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept blocked on it
        self._listener.close()
        self._listener = None
        with self._lock:
            cut, self._open = self._open, []
        for sock in cut:
            with suppress(OSError):
                # a reset, as when the server's machine goes away; shutdown first: a close
                # alone leaves the socket open while a pump thread is blocked reading it
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._open += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    with suppress(OSError):
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    with suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


@contextmanager
def outage_proxy(url: str) -> Iterator[tuple[Outage, str]]:
    parts = urlsplit(url)
    proxy = Outage((parts.hostname or "127.0.0.1", parts.port or 5432))
    proxy.restore()
    try:
        yield proxy, url.replace(f":{parts.port}/", f":{proxy.port}/")
    finally:
        with suppress(AssertionError):
            proxy.cut()


@pytest.mark.postgres
@pytest.mark.ocr
@pytest.mark.slow
def test_a_worker_rides_out_its_database_out_of_reach_idle_and_mid_job(tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = postgres_url()
    web_env = worker_env(data, url)
    token = served_token(web_env, role="editor")
    store = Store.open(url)
    jobs = JobStore(store)
    log = tmp_path / "worker.log"
    try:
        with (
            outage_proxy(url) as (proxy, through_proxy),
            serving(web_env, tmp_path / "serve.log") as base,
            httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
            ) as client,
            worker(worker_env(data, through_proxy), log) as process,
        ):
            # idle: the worker looks for jobs while the database is away, and claims the
            # one queued meanwhile once it is back
            wait_for_text(log, "running jobs")
            proxy.cut()
            queued = upload(client, draft_docx(tmp_path / "pks-1.docx", serial=901))["id"]
            time.sleep(LEASE_S)
            wait_for_text(log, "database unavailable")
            assert jobs.get(queued).state == "queued"
            proxy.restore()
            done = wait_for(jobs, queued, lambda j: j.state in ("done", "failed"), 120, "done")
            assert (done.state, done.attempts) == ("done", 1), done

            # mid-job: the database goes away while the worker OCRs a scan, for longer than
            # its lease; the job is taken up again and done once
            scan = upload(client, SCAN)["id"]
            wait_for(jobs, scan, lambda j: j.state == "running" and j.page >= 1, 180, "read")
            proxy.cut()
            time.sleep(LEASE_S * 2)
            assert process.poll() is None, log.read_text()
            proxy.restore()
            ended = wait_for(jobs, scan, lambda j: j.state in ("done", "failed"), 300, "done")
            assert ended.state == "done", ended
            # the lease passed while the database was away, but nobody took the job over:
            # the reading was kept and stored once the database answered, not read again
            assert ended.attempts == 1, ended

            # and the worker goes on: its job threads did not die of the outage
            after = upload(client, draft_docx(tmp_path / "pks-2.docx", serial=902))["id"]
            last = wait_for(jobs, after, lambda j: j.state in ("done", "failed"), 120, "done")
            assert last.state == "done", last
            assert process.poll() is None, log.read_text()
            process.send_signal(signal.SIGTERM)
            assert process.wait(30) == 0, log.read_text()

            listed = client.get("/api/agreements").json()
            assert listed["total"] == 3  # each upload stored once
            assert {i["id"] for i in listed["items"]} == {
                done.agreement_id,
                ended.agreement_id,
                last.agreement_id,
            }
    finally:
        store.close()


def wait_for_text(log: Path, text: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while text not in log.read_text():
        assert time.monotonic() < deadline, f"{text!r} not in the worker's log:\n{log.read_text()}"
        time.sleep(0.2)
