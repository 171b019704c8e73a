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
import string
import sys
import tempfile
import time
from pathlib import Path

import httpx
from agreement_pdf import write_agreement_pdf
from served import free_port, serve

TARGET_S = 2.0
RUNS = 5


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
