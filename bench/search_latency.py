"""Search latency on generated clauses: the HTTP API vs a bare Tantivy top-10, and reindex time.

    .venv/bin/python bench/search_latency.py --clauses 100000

Builds a data folder (bench/out/latency-N) with agreements of ~10 clauses whose words come from
the real clause texts in tests/search_api/cases, times `reindex`, then runs 1-5 word queries
(some misspelled, a filter, facets and snippets included) through uvicorn over real HTTP, and the
same words as a plain Tantivy query, side by side.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import statistics
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import tantivy
import uvicorn

from ingest.model import Agreement, Clause, Party, Source
from search_api.app import create_app
from search_api.index.text import stem_terms, surface_terms
from search_api.library import open_library
from search_api.settings import Settings

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


def generate(n_clauses: int, rng: random.Random) -> list[Agreement]:
    words = vocabulary()
    agreements = []
    for i in range((n_clauses + 9) // 10):
        signed = date(2010, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        clauses = []
        for k in range(10):
            start = rng.randrange(len(words) - 80)
            text = " ".join(words[start : start + rng.randrange(25, 80)])
            clauses.append(Clause(str(k + 1), HEADINGS[k % 7], CATEGORIES[k % 7], text))
        partner = rng.choice(PARTNERS)
        agreements.append(
            Agreement(
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
        )
    return agreements


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


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clauses", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="reuse an existing data folder")
    args = parser.parse_args()
    rng = random.Random(42)
    data = ROOT / "bench" / "out" / f"latency-{args.clauses}"
    settings = Settings(data_dir=data, meili_url=None, database_url=None, log_level="WARNING")

    if not (args.keep and data.exists()):
        shutil.rmtree(data, ignore_errors=True)
        library = open_library(settings)
        t = time.perf_counter()
        for agreement in generate(args.clauses, rng):
            library.store.add(agreement, size=0, extractor_version="bench")
        print(f"store: {args.clauses} clauses added in {time.perf_counter() - t:.1f}s")
        t = time.perf_counter()
        done = library.reindex(batch=500)
        print(
            f"reindex: {done} agreements ({args.clauses} clauses) in {time.perf_counter() - t:.1f}s"
        )
        library.close()

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    qs = queries(args.queries, rng)
    api: list[float] = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        for q in qs[:20]:
            client.get("/api/search", params={"q": q})
        for i, q in enumerate(qs):
            params = {"q": q, "limit": 10}
            if i % 2:
                params["doc_type"] = "agreement"
            t = time.perf_counter()
            r = client.get("/api/search", params=params)
            api.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
    server.should_exit = True
    thread.join()

    index = tantivy.Index.open(str(data / "index" / "tantivy"))
    bare: list[float] = []
    for q in qs:
        stems = " ".join(stem_terms(q)) or "x"
        t = time.perf_counter()
        searcher = index.searcher()
        query = index.parse_query(stems, ["body_x"])
        hits = searcher.search(query, 10).hits
        for _, address in hits:
            searcher.doc(address)
        bare.append((time.perf_counter() - t) * 1000)

    print(
        f"queries: {len(qs)} of 1-5 words, 30% with a typo, half with a doc_type filter; facets and snippets on"
    )
    print(f"HTTP API   p50 {pct(api, 50):6.2f} ms  p95 {pct(api, 95):6.2f} ms")
    print(f"bare top10 p50 {pct(bare, 50):6.2f} ms  p95 {pct(bare, 95):6.2f} ms")
    print(f"ratio p95 {pct(api, 95) / pct(bare, 95):.1f}x")


if __name__ == "__main__":
    main()
