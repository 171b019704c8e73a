"""NASKAH_WEB_PROCESSES=2: two web processes on one port beside a `naskah worker`, real
processes over one data folder. The first writes the embedded index, the second reads it:
an upload through either becomes searchable through both, and a synonym group saved
through one is used by the other. Which process answered a connection is read from /proc
(the server's end of the connection is a socket only the accepting process holds)."""

from __future__ import annotations

import http.client
import json
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.auth import served_token
from tests.search_api.agreement_files import draft_docx
from tests.search_api.jobs.test_worker_processes import worker, worker_env
from tests.served import serving

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="which process answered is read from Linux's /proc"
)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found


def cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def web_processes(port: int) -> list[int]:
    """The web processes of the `naskah serve` on `port` (its spawned children)."""
    parent = next(p for p in children(os.getpid()) if f"--port {port}" in cmdline(p))
    return [p for p in children(parent) if "resource_tracker" not in cmdline(p)]


def answering(connection: http.client.HTTPConnection, pids: list[int]) -> int:
    """The pid of the web process holding the server's end of this open connection."""
    assert connection.sock is not None
    client_port = connection.sock.getsockname()[1]
    server_port = connection.sock.getpeername()[1]
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == (
            client_port
        ):
            inode = fields[9]
    assert inode is not None, "the server's end of the connection is not in /proc/net/tcp"
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if str(fd.readlink()) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    raise AssertionError(f"no web process holds socket {inode}")


class Api:
    """One kept-alive connection, so that every request goes to the same web process."""

    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, body: bytes | None = None, **headers: str) -> Any:
        self.connection.request(method, path, body=body, headers={**self.headers, **headers})
        response = self.connection.getresponse()
        data = response.read()
        assert response.status < 300, (response.status, data[:500])
        return json.loads(data)

    def upload(self, path: Path) -> Any:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + path.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.call(
            "POST",
            "/api/agreements",
            body,
            **{"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )

    def found(self, q: str) -> set[str]:
        page = self.call("GET", f"/api/search?q={q}&scope=agreements")
        return {hit["agreement_id"] for hit in page["hits"]}


@contextmanager
def one_connection_each(url: str, token: str, pids: list[int]) -> Iterator[dict[int, Api]]:
    """A kept-alive connection to each web process (new ones until each has one: the second
    may start listening a little after the first answered)."""
    by_pid: dict[int, Api] = {}
    spare: list[Api] = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            api = Api(url, token)
            api.call("GET", "/api/health")
            pid = answering(api.connection, pids)
            if pid in by_pid:
                spare.append(api)
            else:
                by_pid[pid] = api
            if len(by_pid) == len(pids):
                break
            time.sleep(0.1)
        assert set(by_pid) == set(pids), "the kernel gave every connection to one process"
        yield by_pid
    finally:
        for api in [*by_pid.values(), *spare]:
            api.connection.close()


def wait_until(check: Any, what: str, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, f"not {what} within {timeout_s} s"
        time.sleep(0.2)


@pytest.mark.slow
def test_an_upload_through_one_web_process_is_found_through_the_other(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = worker_env(data) | {"NASKAH_WEB_PROCESSES": "2"}
    token = served_token(env, role="admin")
    with serving(env, tmp_path / "serve.log") as url, worker(env, tmp_path / "worker.log"):
        port = urlsplit(url).port or 0
        pids = web_processes(port)
        assert len(pids) == 2
        with one_connection_each(url, token, pids) as apis:
            first, second = apis.values()
            assert not first.found("pangkajene") and not second.found("pangkajene")

            # an upload through each: a job the worker reads (NASKAH_WORKERS=0), stored,
            # indexed by the first web process, read by both
            ids = []
            for api, serial in ((first, 4711), (second, 4712)):
                job = api.upload(draft_docx(tmp_path / f"pks-{serial}.docx", serial=serial))
                wait_until(
                    lambda job=job, api=api: (
                        api.call("GET", f"/api/jobs/{job['id']}")["state"] in ("done", "failed")
                    ),
                    f"job {job['id']} done",
                )
                ended = api.call("GET", f"/api/jobs/{job['id']}")
                assert ended["state"] == "done", ended
                ids.append(ended["agreement_id"])
            for api in (first, second):
                wait_until(lambda api=api: set(ids) <= api.found("pangkajene"), "found")

            # a synonym group saved through the second is used by the first
            word = "zlorbatani"
            assert not first.found(word)
            groups = second.call("GET", "/api/synonyms")
            second.call(
                "PUT",
                "/api/synonyms",
                json.dumps(
                    {"groups": [*groups["groups"], {"name": word, "terms": [word, "pangkajene"]}]}
                ).encode(),
                **{"Content-Type": "application/json"},
            )
            wait_until(lambda: set(ids) <= second.found(word), "found by a synonym there")
            wait_until(lambda: set(ids) <= first.found(word), "found by a synonym here", 30)
        # both processes still serve (none died, none was restarted)
        assert web_processes(port) == pids
