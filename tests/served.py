"""`naskah serve` (or any `naskah` command) as a real process over a data folder, for the
tests that need a server running beside another process (a backup, a worker)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def naskah_command() -> list[str]:
    naskah = Path(sys.executable).with_name("naskah")
    return [str(naskah)] if naskah.exists() else [sys.executable, "-m", "search_api.cli"]


def env_for(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a naskah process over `data_dir`: none of the caller's NASKAH_*."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("NASKAH_") or k == "NASKAH_SHARED_DIR"
    }
    env.update({"NASKAH_DATA_DIR": str(data_dir), "NASKAH_LOG_LEVEL": "WARNING", **extra})
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(env: Mapping[str, str], log: Path) -> Iterator[str]:
    """`naskah serve` on a free port with `env`; its base URL; stopped after."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [*naskah_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"naskah serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """A `naskah` command with `env`, its exit code and output kept (no check)."""
    return subprocess.run(
        [*naskah_command(), *args], env=dict(env), capture_output=True, text=True, check=False
    )
