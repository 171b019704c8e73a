"""Concurrent uploaders and searchers against a real `naskah serve` on 127.0.0.1, for a bounded time.

    .venv/bin/python bench/load.py                       # 60 s, 10 uploaders, 40 searchers
    .venv/bin/python bench/load.py --seconds 20 --uploaders 4 --searchers 10
    .venv/bin/python bench/load.py --workers 1           # web-only serve + 1 `naskah worker`
    .venv/bin/python bench/load.py --web-processes 2     # NASKAH_WEB_PROCESSES of the server
    .venv/bin/python bench/load.py --think 1-3           # searchers as people: 1-3 s between searches

Starts `naskah serve` on a free port over a temporary data folder, seeds it with a few
agreements, writes distinct agreement PDFs (agreement_pdf.py, a marker word in each; a
share of them truncated, to be refused) before the clock starts, then runs the threads:
uploaders POST files one after another, searchers GET /api/search with words from the
agreements. Reports answers by status and latency percentiles per kind, and the CPU the
client, the web process(es) and the workers used; exits 1 on any 5xx or transport error
(the target is none).

By default every searcher sends its next search as soon as the last one answered (a closed
loop: 40 searches always in flight, so latency is 40 / throughput). `--think MIN-MAX`
makes them people instead, waiting MIN to MAX seconds between searches.

With `--workers N` the server is a web process only (NASKAH_WORKERS=0: an upload answers
202 with its job) and N `naskah worker` processes read the files; the report adds how many
of the jobs the uploads made were done by the end (the rest wait in the queue).
"""

from __future__ import annotations

import argparse
import os
import random
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from agreement_pdf import write_agreement_pdf
from served import free_port, serve, start_worker, tree_cpu_s

WORDS = (
    "pasal",
    "kerja sama",
    "pelaksanaan",
    "pendidikan",
    "jangka waktu",
    "pihak kedua",
    "perselisihan",
    "kabupaten",
    "universitas",
    '"ketentuan pelaksanaan"',
    "efisiensi",
    "laporan",
)


@dataclass
class Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: str, seconds: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)


def make_files(folder: Path, count: int, pages: int, bad_share: float) -> list[tuple[str, bytes]]:
    rng = random.Random(5)
    out = []
    for n in range(count):
        marker = "ZL" + "".join(rng.choices(string.ascii_uppercase, k=8))
        data = write_agreement_pdf(folder / f"{marker}.pdf", pages, marker=marker).read_bytes()
        if rng.random() < bad_share:
            out.append((f"rusak-{n}.pdf", data[: len(data) // 3]))
        else:
            out.append((f"naskah-{n}.pdf", data))
    return out


def _cpu(server: subprocess.Popen[bytes], workers: list[subprocess.Popen[bytes]]) -> list[float]:
    """CPU seconds so far of this client, the server's process tree and the workers' trees
    (the server's own extraction processes count as the server's)."""
    client = time.process_time()
    return [client, tree_cpu_s(server.pid), sum(tree_cpu_s(w.pid) for w in workers)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def report(name: str, tally: Tally, seconds: float) -> None:
    n = len(tally.latencies)
    statuses = ", ".join(f"{s}: {c}" for s, c in sorted(tally.statuses.items()))
    print(f"{name:>8}: {n} requests ({n / seconds:.1f}/s)  {statuses}")
    if n:
        ms = [v * 1000 for v in tally.latencies]
        print(
            f"{'':>8}  p50 {percentile(ms, 50):.0f} ms  p95 {percentile(ms, 95):.0f} ms  "
            f"p99 {percentile(ms, 99):.0f} ms  max {max(ms):.0f} ms"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--uploaders", type=int, default=10)
    parser.add_argument("--searchers", type=int, default=40)
    parser.add_argument("--files", type=int, default=1000, help="distinct files written first")
    parser.add_argument("--pages", type=int, default=3, help="pages per uploaded PDF")
    parser.add_argument("--bad-share", type=float, default=0.1, help="share of truncated files")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="a web-only serve and this many `naskah worker` processes (default: serve's own)",
    )
    parser.add_argument(
        "--web-processes",
        type=int,
        default=None,
        help="NASKAH_WEB_PROCESSES of the server (default: the server's default)",
    )
    parser.add_argument(
        "--think",
        default=None,
        help="MIN-MAX seconds each searcher waits between searches (default: none)",
    )
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split("-")) if args.think else None

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        started = time.perf_counter()
        uploads = make_files(folder, args.files, args.pages, args.bad_share)
        print(f"wrote {len(uploads)} files in {time.perf_counter() - started:.1f}s")
        port = free_port()
        data_dir = Path(tmp) / "data"
        separate = {"NASKAH_WORKERS": "0"} if args.workers is not None else {}
        if args.web_processes is not None:
            separate["NASKAH_WEB_PROCESSES"] = str(args.web_processes)
        server, auth = serve(data_dir, port, **separate)
        workers = [start_worker(data_dir) for _ in range(args.workers or 0)]
        url = f"http://127.0.0.1:{port}"
        upload_tally, search_tally = Tally(), Tally()
        next_file = iter(range(10**9))
        file_lock = threading.Lock()
        try:
            with httpx.Client(base_url=url, timeout=120, headers=auth) as seed:
                for name, data in uploads[:5]:
                    seed.post("/api/agreements", files={"file": (name, data)})
            print(f"load before: {os.getloadavg()[0]:.1f} (other work on this machine counts)")
            deadline = time.monotonic() + args.seconds

            def upload() -> None:
                with httpx.Client(base_url=url, timeout=120, headers=auth) as client:
                    while time.monotonic() < deadline:
                        with file_lock:
                            name, data = uploads[next(next_file) % len(uploads)]
                        t0 = time.perf_counter()
                        try:
                            r = client.post("/api/agreements", files={"file": (name, data)})
                            status = str(r.status_code)
                        except httpx.TransportError as exc:
                            status = type(exc).__name__
                        upload_tally.add(status, time.perf_counter() - t0)

            def search(seed: int) -> None:
                rng = random.Random(seed)
                with httpx.Client(base_url=url, timeout=120, headers=auth) as client:
                    while time.monotonic() < deadline:
                        params = {"q": rng.choice(WORDS)}
                        if rng.random() < 0.3:
                            params["scope"] = "agreements"
                        t0 = time.perf_counter()
                        try:
                            status = str(client.get("/api/search", params=params).status_code)
                        except httpx.TransportError as exc:
                            status = type(exc).__name__
                        search_tally.add(status, time.perf_counter() - t0)
                        if think:
                            time.sleep(rng.uniform(think[0], think[-1]))

            threads = [threading.Thread(target=upload) for _ in range(args.uploaders)]
            threads += [threading.Thread(target=search, args=(i,)) for i in range(args.searchers)]
            t0 = time.perf_counter()
            cpu0 = _cpu(server, workers)
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - t0
            cpu = [
                after - before for after, before in zip(_cpu(server, workers), cpu0, strict=True)
            ]
            with httpx.Client(base_url=url, timeout=30, headers=auth) as client:
                health = client.get("/api/health").json()
                jobs = client.get("/api/jobs", params={"limit": 200}).json()["items"]
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(60)
            server.terminate()
            server.wait(30)
    if workers:
        states = Counter(job["state"] for job in jobs)
        print(f"{len(workers)} workers; the latest {len(jobs)} jobs: {dict(states)}")
    print(
        f"{args.uploaders} uploaders, {args.searchers} searchers"
        f"{f' (think {args.think} s)' if think else ''}, {elapsed:.0f}s; "
        f"load after: {os.getloadavg()[0]:.1f}; stored {health['agreements']}, "
        f"pending index {health['pending_index']}"
    )
    report("uploads", upload_tally, elapsed)
    report("searches", search_tally, elapsed)
    # The client's 50 threads share the machine's cores with the server: say how much it took.
    cores = os.cpu_count() or 1
    print(
        f"     cpu: client {cpu[0]:.0f} s, web {cpu[1]:.0f} s, workers {cpu[2]:.0f} s "
        f"of {elapsed * cores:.0f} core-seconds ({cores} cores): client "
        f"{cpu[0] / (elapsed * cores):.0%}, web {cpu[1] / (elapsed * cores):.0%}, workers "
        f"{cpu[2] / (elapsed * cores):.0%}"
    )
    failures = sum(
        count
        for tally in (upload_tally, search_tally)
        for status, count in tally.statuses.items()
        if not status.isdigit() or status.startswith("5")
    )
    print("target met: no 5xx, no transport errors" if not failures else f"FAILED: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
