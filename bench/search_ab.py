"""Two versions of the server answering the same queries in turn: a fair before/after.

    git worktree add /tmp/naskah-before <commit>
    .venv/bin/python bench/search_ab.py /tmp/naskah-before .          # 500 queries, seed 7
    .venv/bin/python bench/search_ab.py /tmp/naskah-before . --seed 8 --queries 1000
    .venv/bin/python bench/search_ab.py /tmp/naskah-before . --data OLD_DATA NEW_DATA

Copies bench/out/latency-100000 (run search_latency.py first) once per version, starts
`naskah serve` from each source tree on its copy (same virtual environment, the tree first on
PYTHONPATH), then sends every query to both in alternating order, with the bare Tantivy top-10
of search_latency.py after each pair. Machine load moves both servers alike, so their
difference means more than two separate runs of search_latency.py.

`--data` gives each version its own data folder instead (used as it is, not copied): for two
index schemas, or the 1M index of `search_latency.py --direct`, which has no store to rebuild
an index of another schema from.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import tantivy
from search_latency import bare_query, pct, queries
from served import bench_token, free_port, naskah_env

ROOT = Path(__file__).resolve().parents[1]


def start(tree: Path, data: Path) -> tuple[subprocess.Popen[bytes], int, dict[str, str]]:
    auth = bench_token(data)
    port = free_port()
    env = {**naskah_env(data), "PYTHONPATH": str(tree)}
    server = subprocess.Popen(
        [sys.executable, "-c", "from search_api.cli import main; main()", "serve"]
        + ["--port", str(port)],
        env=env,
        cwd=tree,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/api/health")
            if probe.getresponse().status == 200:
                return server, port, auth
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"naskah serve from {tree} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, nargs=2, help="each version's data folder")
    args = parser.parse_args()
    source = ROOT / "bench" / "out" / "latency-100000"
    if args.data is None and not (source / "naskah.db").exists():
        raise SystemExit(f"{source} is missing: run bench/search_latency.py first")
    trees = [args.before.resolve(), args.after.resolve()]
    folders = (
        [d.resolve() for d in args.data]
        if args.data
        else [ROOT / "bench" / "out" / f"ab-{k}" for k in range(2)]
    )
    servers = []
    connections = []
    for tree, data in zip(trees, folders, strict=True):
        if not data.exists():
            shutil.copytree(source, data)
        server, port, auth = start(tree, data)
        servers.append(server)
        connections.append((http.client.HTTPConnection("127.0.0.1", port), auth))
    index = tantivy.Index.open(str(folders[0] / "index" / "tantivy"))
    qs = queries(args.queries, random.Random(args.seed))
    times: list[list[float]] = [[], []]
    bare: list[float] = []

    def get(k: int, params: dict[str, str | int]) -> float:
        connection, auth = connections[k]
        started = time.perf_counter()
        connection.request("GET", "/api/search?" + urllib.parse.urlencode(params), headers=auth)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{trees[k]} answered {response.status}")
        return (time.perf_counter() - started) * 1000

    try:
        for q in qs[:20]:
            get(0, {"q": q})
            get(1, {"q": q})
        for i, q in enumerate(qs):
            params: dict[str, str | int] = {"q": q, "limit": 10}
            if i % 2:
                params["doc_type"] = "agreement"
            for k in (0, 1) if i % 2 == 0 else (1, 0):
                times[k].append(get(k, params))
            bare.append(bare_query(index, q))
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    b95 = pct(bare, 95)
    print(f"load {os.getloadavg()[0]:.1f}; bare p50 {pct(bare, 50):.2f} p95 {b95:.2f} ms")
    for tree, t in zip(trees, times, strict=True):
        print(
            f"{str(tree):40} p50 {pct(t, 50):.2f} p95 {pct(t, 95):.2f} p99 {pct(t, 99):.2f} ms, "
            f"ratio {pct(t, 95) / b95:.2f}x"
        )


if __name__ == "__main__":
    main()
