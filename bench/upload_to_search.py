"""Time from `POST /api/agreements` of a 20-page text PDF until a search finds one of its clauses.

    .venv/bin/python bench/upload_to_search.py                          # an empty data folder
    .venv/bin/python bench/upload_to_search.py bench/out/latency-100000 # beside 100k clauses

Starts `naskah serve` in a child process, writes a 20-page agreement-like PDF (agreement_pdf.py)
whose Pasal headings carry a word found nowhere else, uploads it, then searches that word until a
clause is found. Repeats 5 times with fresh files (target: at most 2 s each). With a data folder,
the uploaded agreements are deleted again afterwards.
"""

from __future__ import annotations

import os
import random
import socket
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from agreement_pdf import write_agreement_pdf

TARGET_S = 2.0
RUNS = 5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_token(naskah: str, env: dict[str, str]) -> dict[str, str]:
    """An editor's API token, made with the command line as an operator would (the data folder
    may be kept from an earlier run: then the user exists already)."""
    subprocess.run(
        [naskah, "user", "add", "bench", "--role", "editor", "--password-stdin"],
        env=env,
        input=b"bench-password-only\n",
        capture_output=True,
        check=False,
    )
    token = subprocess.run(
        [naskah, "token", "create", "bench"], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    return {"Authorization": f"Bearer {token}"}


def serve(data: Path, port: int) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    env = {
        **os.environ,
        "NASKAH_DATA_DIR": str(data),
        "NASKAH_DATABASE_URL": "",
        "NASKAH_MEILI_URL": "",
        "NASKAH_LOG_LEVEL": "WARNING",
    }
    naskah = str(Path(sys.executable).with_name("naskah"))
    auth = bench_token(naskah, env)
    server = subprocess.Popen([naskah, "serve", "--port", str(port)], env=env)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                return server, auth
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("naskah serve did not start")


def one_run(client: httpx.Client, folder: Path, marker: str) -> tuple[float, float, str]:
    """(seconds until the upload answered, seconds until a search found it, agreement id)."""
    pdf = write_agreement_pdf(folder / f"{marker}.pdf", 20, marker=marker)
    data = pdf.read_bytes()
    started = time.perf_counter()
    answer = client.post("/api/agreements", files={"file": (pdf.name, data, "application/pdf")})
    answer.raise_for_status()
    uploaded = time.perf_counter() - started
    while True:
        page = client.get("/api/search", params={"q": marker.lower() + " "}).json()
        if page["total"] > 0:
            return uploaded, time.perf_counter() - started, str(answer.json()["id"])
        if time.perf_counter() - started > 60:
            raise SystemExit(f"{marker}: not found after 60 s")
        time.sleep(0.01)


def main(argv: list[str]) -> None:
    rng = random.Random()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(argv[0]) if argv else Path(tmp) / "data"
        port = free_port()
        server, auth = serve(data, port)
        print(f"load {os.getloadavg()[0]:.1f}; data {data}")
        print(f"{'run':>3} {'upload answered':>16} {'found by search':>16}")
        worst = 0.0
        try:
            with httpx.Client(
                base_url=f"http://127.0.0.1:{port}", timeout=120, headers=auth
            ) as client:
                for run in range(1, RUNS + 1):
                    marker = "ZQ" + "".join(rng.choices(string.ascii_uppercase, k=8))
                    uploaded, found, agreement_id = one_run(client, Path(tmp), marker)
                    worst = max(worst, found)
                    print(f"{run:>3} {uploaded:15.2f}s {found:15.2f}s")
                    if argv:
                        client.delete(f"/api/agreements/{agreement_id}").raise_for_status()
        finally:
            server.terminate()
            server.wait()
    verdict = "meets" if worst <= TARGET_S else "MISSES"
    print(f"\nworst {worst:.2f}s: {verdict} the {TARGET_S:.0f} s target")


if __name__ == "__main__":
    main(sys.argv[1:])
