"""Search latency on generated clauses: the HTTP API vs a bare Tantivy top-10, and reindex.

    .venv/bin/python bench/search_latency.py                 # 100k clauses
    .venv/bin/python bench/search_latency.py --million       # 100k, then 1M clauses
    .venv/bin/python bench/search_latency.py --clauses 10000 --keep
    .venv/bin/python bench/search_latency.py --clauses 1000000 --direct --keep  # index only

For each size: fills a store (bench/out/latency-N) with agreements of 10 clauses whose words come
from the real clause texts in tests/search_api/cases, rebuilds the index with `naskah reindex` in
a child process (wall time and its peak RSS), starts `naskah serve` in another, then runs 1-5 word
queries (30% misspelled, half with a doc_type filter; facets and snippets on) through HTTP and the
same words as a plain Tantivy top-10 query on the same index, interleaved query by query so both
see the same machine load. Measuring starts once the server's start-up work in background
threads is done (it prints how much CPU that took), and each request's server CPU time is
recorded too: on a shared machine it moves far less than the wall time.

`--direct` writes the same agreements straight into the index (no store rows, no `naskah
reindex`): filling a store of 1M clauses takes over an hour on the 2-core machine, and a search
reads only the index (the store then holds just the bench's user and token).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import tantivy
from served import free_port, load, naskah, naskah_env, pct, serve, server_cpu_ms, settle

from ingest.model import Agreement, Clause, Party, Source
from search_api.index.text import stem_terms, surface_terms
from search_api.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "search_api" / "cases" / "clause_texts"
HEADINGS = [
    "TUJUAN",
    "RUANG LINGKUP",
    "JANGKA WAKTU",
    "PEMBIAYAAN",
    "KEADAAN KAHAR",
    "PENYELESAIAN PERSELISIHAN",
    "PENUTUP",
]
CATEGORIES = [
    "purpose",
    "scope",
    "term",
    "financing",
    "force_majeure",
    "dispute_resolution",
    "closing",
]
PARTNERS = [
    "Universitas Hasanuddin",
    "PT Vale Indonesia",
    "RSUD Syekh Yusuf",
    "Kabupaten Takalar",
    "Universitas Muhammadiyah Makassar",
    "PT Bank Sulselbar",
]


def vocabulary() -> list[str]:
    words: list[str] = []
    for path in sorted(CASES.glob("*.json")):
        for clause in json.loads(path.read_text())["clauses"]:
            words.extend(clause["text"].split())
    return words


def generate(n_clauses: int, rng: random.Random) -> Iterator[Agreement]:
    words = vocabulary()
    for i in range((n_clauses + 9) // 10):
        signed = date(2010, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        clauses = []
        for k in range(10):
            start = rng.randrange(len(words) - 80)
            text = " ".join(words[start : start + rng.randrange(25, 80)])
            clauses.append(Clause(str(k + 1), HEADINGS[k % 7], CATEGORIES[k % 7], text))
        partner = rng.choice(PARTNERS)
        yield Agreement(
            source=Source(f"gen-{i}.pdf", f"{i:064x}", "application/pdf", 5, False),
            language="id",
            doc_type=rng.choice(["mou", "agreement", "agreement", "amendment"]),
            title=f"PERJANJIAN KERJA SAMA ANTARA PEMERINTAH KABUPATEN GOWA DENGAN {partner.upper()} NOMOR {i}",
            subject=None,
            numbers=[f"{i}/{rng.randrange(9999)}/HUMKER/IX/{signed.year}"],
            parties=[
                Party("PIHAK PERTAMA", "Pemerintah Kabupaten Gowa", None, None),
                Party("PIHAK KEDUA", partner, None, None),
            ],
            signed_date=signed,
            signed_place="Sungguminasa",
            effective_date=signed,
            term=None,
            expiry_date=signed + timedelta(days=5 * 365),
            references=[],
            clauses=clauses,
        )


def queries(n: int, rng: random.Random) -> list[str]:
    words = [w for w in surface_terms(" ".join(vocabulary())) if len(w) > 3 and w.isalpha()]
    out = []
    for _ in range(n):
        chosen = [rng.choice(words) for _ in range(rng.randrange(1, 6))]
        if rng.random() < 0.3:  # a typo: swap two letters in one word
            j = rng.randrange(len(chosen))
            w = chosen[j]
            if len(w) > 5:
                p = rng.randrange(1, len(w) - 2)
                chosen[j] = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
        out.append(" ".join(chosen))
    return out


def fill_store(data: Path, n_clauses: int, rng: random.Random) -> float:
    """A fresh store of generated agreements, nothing queued for the index; seconds taken."""
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    store = Store.open(f"sqlite:///{(data / 'naskah.db').resolve()}")
    started = time.perf_counter()
    for agreement in generate(n_clauses, rng):
        store.add(agreement, size=0, extractor_version="bench")
    while changes := store.pending(5000):
        store.done(changes)
    store.close()
    return time.perf_counter() - started


def fill_index(data: Path, n_clauses: int, rng: random.Random) -> float:
    """The agreements `fill_store` would store, indexed directly under an empty store;
    seconds taken."""
    from search_api.index.base import indexed_agreement
    from search_api.index.embedded import EmbeddedIndex

    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    Store.open(f"sqlite:///{(data / 'naskah.db').resolve()}").close()
    index = EmbeddedIndex(data / "index" / "tantivy")
    started = time.perf_counter()
    batch = []
    for i, agreement in enumerate(generate(n_clauses, rng)):
        agreement_id = f"gen{i:08d}"
        ids = [f"{agreement_id}-{k}" for k in range(len(agreement.clauses))]
        batch.append(indexed_agreement(agreement_id, agreement, ids))
        if len(batch) == 500:
            index.upsert_many(batch)
            batch = []
    if batch:
        index.upsert_many(batch)
    index.close()
    return time.perf_counter() - started


def reindex(data: Path) -> tuple[float, float]:
    """`naskah reindex` in a child process: (seconds, the child's peak RSS in MB)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [naskah(), "reindex", "--batch", "500"],
        env=naskah_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"naskah reindex failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def bare_query(index: tantivy.Index, q: str) -> float:
    """A plain top-10 on the stems of `q` in one field, stored documents read: milliseconds."""
    stems = " ".join(stem_terms(q)) or "x"
    started = time.perf_counter()
    searcher = index.searcher()
    query = index.parse_query(stems, ["body_x"])
    for _, address in searcher.search(query, 10).hits:
        searcher.doc(address)
    return (time.perf_counter() - started) * 1000


def measure(data: Path, qs: list[str]) -> tuple[list[float], list[float], list[float]]:
    """(HTTP milliseconds, bare milliseconds, server CPU milliseconds) per query, interleaved.

    The client is the standard library's keep-alive connection, which adds about 0.1 ms to a
    request's round trip; httpx added 0.4-0.5 ms more (measured on this machine, 1,000 requests
    each), which is the client's cost, not the server's."""
    port = free_port()
    server, auth = serve(data, port)
    busy = settle(server.pid)
    print(
        f"server: {busy:.1f} CPU-seconds of start-up work (background threads) before it "
        "went quiet; measuring from then",
        flush=True,
    )
    index = tantivy.Index.open(str(data / "index" / "tantivy"))
    api: list[float] = []
    bare: list[float] = []
    cpu: list[float] = []
    connection = http.client.HTTPConnection("127.0.0.1", port)

    def get(params: dict[str, str | int]) -> None:
        connection.request("GET", "/api/search?" + urllib.parse.urlencode(params), headers=auth)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"search answered {response.status}: {body[:300]!r}")

    try:
        for q in qs[:20]:  # warm up both
            get({"q": q})
            bare_query(index, q)
        for i, q in enumerate(qs):
            params: dict[str, str | int] = {"q": q, "limit": 10}
            if i % 2:
                params["doc_type"] = "agreement"
            if i % 4 < 2:  # alternate which goes first
                bare.append(bare_query(index, q))
            used = server_cpu_ms(server.pid)
            started = time.perf_counter()
            get(params)
            api.append((time.perf_counter() - started) * 1000)
            cpu.append(server_cpu_ms(server.pid) - used)
            if i % 4 >= 2:
                bare.append(bare_query(index, q))
    finally:
        connection.close()
        server.terminate()
        server.wait()
    return api, bare, cpu


def run(n_clauses: int, n_queries: int, *, keep: bool, direct: bool) -> dict[str, float]:
    rng = random.Random(42)
    data = ROOT / "bench" / "out" / f"latency-{n_clauses}{'-direct' if direct else ''}"
    row: dict[str, float] = {"clauses": n_clauses}
    if direct and not (keep and (data / "naskah.db").exists()):
        seconds = fill_index(data, n_clauses, rng)
        print(f"{n_clauses} clauses: indexed directly in {seconds:.0f}s", flush=True)
    elif not (keep and (data / "naskah.db").exists()):
        seconds = fill_store(data, n_clauses, rng)
        print(f"{n_clauses} clauses: store filled in {seconds:.0f}s", flush=True)
        row["reindex_s"], row["reindex_mb"] = reindex(data)
        print(
            f"{n_clauses} clauses: naskah reindex {row['reindex_s']:.1f}s, "
            f"peak RSS {row['reindex_mb']:.0f} MB (load {load()})",
            flush=True,
        )
    load_before = load()
    api, bare, cpu = measure(data, queries(n_queries, random.Random(7)))
    print(f"{n_clauses} clauses: load before {load_before}, after {load()}", flush=True)
    row.update(
        api50=pct(api, 50),
        api95=pct(api, 95),
        api99=pct(api, 99),
        bare50=pct(bare, 50),
        bare95=pct(bare, 95),
        cpu50=pct(cpu, 50),
        cpu95=pct(cpu, 95),
    )
    row["ratio"] = row["api95"] / row["bare95"]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clauses", type=int, nargs="+", default=[100_000])
    parser.add_argument("--million", action="store_true", help="also run 1,000,000 clauses")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="reuse an existing data folder")
    parser.add_argument(
        "--direct", action="store_true", help="index the agreements directly, no store rows"
    )
    args = parser.parse_args()
    sizes = [*args.clauses, *([1_000_000] if args.million else [])]
    rows = [run(n, args.queries, keep=args.keep, direct=args.direct) for n in sizes]
    print(
        f"\n{args.queries} queries of 1-5 words, 30% with a typo, half with a doc_type filter; "
        "facets and snippets on. Milliseconds; ratio = HTTP p95 / bare p95 (target <= 4); "
        "cpu = the server's CPU time per request (all its threads), which load elsewhere on "
        "the machine does not inflate."
    )
    print(
        f"{'clauses':>9} {'HTTP p50':>9} {'p95':>7} {'p99':>7} {'bare p50':>9} {'p95':>6} "
        f"{'ratio':>6} {'cpu p50':>8} {'p95':>6} {'reindex':>8} {'peak RSS':>9}"
    )
    for r in rows:
        reindexed = (
            f"{r['reindex_s']:7.1f}s {r['reindex_mb']:6.0f} MB" if "reindex_s" in r else "(kept)"
        )
        print(
            f"{int(r['clauses']):>9} {r['api50']:9.2f} {r['api95']:7.2f} {r['api99']:7.2f} "
            f"{r['bare50']:9.2f} {r['bare95']:6.2f} {r['ratio']:5.1f}x "
            f"{r['cpu50']:8.2f} {r['cpu95']:6.2f} {reindexed}"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
