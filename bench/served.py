"""A real `naskah serve` for the benchmarks: a free port, a data folder, an editor's token."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def naskah() -> str:
    """The `naskah` command of this virtual environment."""
    return str(Path(sys.executable).with_name("naskah"))


def naskah_env(data: Path, **extra: str) -> dict[str, str]:
    """The environment with naskah's own settings replaced: the embedded engines over `data`
    (and the NASKAH_* of `extra`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NASKAH_")}
    env.update(NASKAH_DATA_DIR=str(data), NASKAH_LOG_LEVEL="WARNING", **extra)
    return env


def bench_token(data: Path) -> dict[str, str]:
    """Headers with an editor's API token, made with the command line as an operator would
    (the data folder may be kept from an earlier run: then the user exists already)."""
    env = naskah_env(data)
    subprocess.run(
        [naskah(), "user", "add", "bench", "--role", "editor", "--password-stdin"],
        env=env,
        input=b"bench-password-only\n",
        capture_output=True,
        check=False,
    )
    token = subprocess.run(
        [naskah(), "token", "create", "bench"], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    return {"Authorization": f"Bearer {token}"}


def serve(data: Path, port: int, **extra: str) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    """The server once it answers /api/health, and the headers of an editor's token; `extra`:
    NASKAH_* settings of the server."""
    auth = bench_token(data)
    server = subprocess.Popen(
        [naskah(), "serve", "--port", str(port)],
        env=naskah_env(data, **extra),
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 600  # a first start on an old index rebuilds it
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                return server, auth
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("naskah serve did not start")


def start_worker(data: Path, **extra: str) -> subprocess.Popen[bytes]:
    """A `naskah worker` over `data` (stop it with terminate(): SIGTERM)."""
    return subprocess.Popen(
        [naskah(), "worker"], env=naskah_env(data, **extra), stderr=subprocess.DEVNULL
    )


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def server_cpu_ms(pid: int) -> float:
    """CPU time the server's threads have used so far (ns-resolution scheduler statistics): what
    a request costs the server, whatever else the machine runs."""
    total = 0
    for thread in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((thread / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue  # a thread that ended since the listing
    return total / 1e6


def settle(pid: int, quiet_ms: float = 50.0, timeout_s: float = 300.0) -> float:
    """Wait until the server uses less than `quiet_ms` of CPU in a second (its start-up work in
    background threads is done: Kelengkapan, reminders); the CPU seconds it used meanwhile."""
    first = previous = server_cpu_ms(pid)
    deadline = time.monotonic() + timeout_s
    time.sleep(3.0)  # the background threads start a moment after the server answers
    while time.monotonic() < deadline:
        now = server_cpu_ms(pid)
        if now - previous < quiet_ms:
            break
        previous = now
        time.sleep(1.0)
    return (server_cpu_ms(pid) - first) / 1000


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process and its live descendants have used so far: a
    worker's extraction processes count as the worker's. Descendants that already ended are
    not counted (their time went to a parent only once it waited for them)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        todo.extend(children.get(current, []))
    return total
