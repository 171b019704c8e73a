"""Against a real `naskah serve` on loopback: an oversized upload is cut off while it streams.

The TestClient hands the app the whole body in one message, so only a real server shows
that the body is not read (or spooled to disk) past the cap.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.auth import served_token

LIMIT_MB = 1
CHUNK = 1024 * 1024
CHUNKS = 200  # 200 MB offered


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, dict[str, str]]]:
    data_dir = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NASKAH_")}
    env.update(
        NASKAH_DATA_DIR=str(data_dir),
        NASKAH_MAX_UPLOAD_MB=str(LIMIT_MB),
        NASKAH_LOG_LEVEL="WARNING",
    )
    auth = {"Authorization": f"Bearer {served_token(env, 'editor')}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "search_api.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    try:
        yield url, data_dir, auth
    finally:
        process.terminate()
        process.wait(30)


def test_a_chunked_upload_past_the_cap_is_cut_off_while_it_streams(
    server: tuple[str, Path, dict[str, str]],
) -> None:
    url, data_dir, auth = server
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="besar.pdf"\r\n\r\n'
        yield b"%PDF-1.7\n"
        for _ in range(CHUNKS):
            sent += 1
            yield bytes(CHUNK)
        yield b"\r\n--b--\r\n"

    status: int | None = None
    try:
        response = httpx.post(
            f"{url}/api/agreements",
            content=body(),  # no length: sent chunked
            headers={"Content-Type": "multipart/form-data; boundary=b", **auth},
            timeout=30,
        )
        status = response.status_code
        assert response.json()["error"]["code"] == "file_too_large"
    except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
        pass  # the server answered 413 and closed while we were still sending
    assert status in (None, 413)
    # the server stopped reading at the cap: what was sent beyond sits in socket buffers
    assert sent < CHUNKS // 4, f"{sent} MB of {CHUNKS} MB were accepted"
    assert httpx.get(f"{url}/api/health", timeout=5).json()["agreements"] == 0
    assert not any(p.is_file() for p in (data_dir / "files").rglob("*"))


def test_a_declared_length_past_the_cap_is_refused_before_the_body(
    server: tuple[str, Path, dict[str, str]],
) -> None:
    url, _, auth = server
    data = b"%PDF-1.7\n" + bytes((LIMIT_MB + 1) * CHUNK)
    response = httpx.post(
        f"{url}/api/agreements", files={"file": ("besar.pdf", data)}, headers=auth, timeout=30
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"


def test_an_anonymous_upload_is_refused_before_its_body_is_read(
    server: tuple[str, Path, dict[str, str]],
) -> None:
    url, data_dir, _ = server
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
        for _ in range(CHUNKS):
            sent += 1
            yield bytes(CHUNK)
        yield b"\r\n--b--\r\n"

    status: int | None = None
    try:
        response = httpx.post(
            f"{url}/api/agreements",
            content=body(),
            headers={"Content-Type": "multipart/form-data; boundary=b"},
            timeout=30,
        )
        status = response.status_code
    except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
        pass  # answered 401 and closed while we were still sending
    assert status in (None, 401)
    assert sent < CHUNKS // 4, f"{sent} MB of {CHUNKS} MB were accepted"
    assert not any(p.is_file() for p in (data_dir / "files").rglob("*"))
