"""Relevance of the search index on judged queries over a real corpus: P@10, MRR, top-3 and
variant-group agreement.

    .venv/bin/python bench/relevance_corpus.py /work/shared/corpus/real bench/out/relevance-real.json
    .venv/bin/python bench/relevance.py                       # embedded engine, summary
    .venv/bin/python bench/relevance.py -v                    # every query with its top hits
    NASKAH_MEILI_URL=... .venv/bin/python bench/relevance.py --engine meili

The clauses are the extractor's (cached by relevance_corpus.py); what is relevant is judged
against the corpus's hand-made gold, never against the ranker's output:
- `category` queries: every clause whose gold category is one of `categories`, in any language
  (a reader who types "penyelesaian sengketa" wants the dispute clauses, also the English ones);
- `clauses` queries: the listed clauses (`doc#number`, gold numbering), judged by reading them;
- `match` queries: every clause whose heading and text match all the regular expressions (a
  judgement written down before any ranking, e.g. "mentions kerja sama and penelitian");
- `agreements`: every record of the listed agreements (the agreement record in agreement
  scope, its clauses in clause scope).
Filters of a query (language, doc_type) restrict its relevant set too.
Queries sharing a `group` ask for the same thing in different words (spellings, inflections,
typos); their agreement is the mean pairwise overlap (Jaccard) of their top-10s.

P@10 is capped by the relevant set's size (min(10, |R|)), so a query with 3 relevant clauses
can score 1.0. Top-3 counts content queries (`clauses`, `agreement`) with a relevant hit in the
first three.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_api.index.base import (  # noqa: E402
    IndexedAgreement,
    IndexedClause,
    SearchIndex,
    SearchQuery,
)
from search_api.index.synonyms import DEFAULT_SYNONYMS  # noqa: E402

CORPUS = Path("/work/shared/corpus/real")
CACHE = ROOT / "bench" / "out" / "relevance-real.json"
QUERIES = ROOT / "bench" / "relevance_queries.json"
FILTERS = ("doc_type", "category", "language", "party")


def agreements(cache: dict[str, Any]) -> list[IndexedAgreement]:
    found = []
    for stem, a in sorted(cache.items()):
        clauses = [
            IndexedClause(
                clause_id=f"{stem}#{position}",
                position=position,
                number=c["number"],
                heading=c["heading"],
                category=c["category"],
                text=c["text"],
            )
            for position, c in enumerate(a["clauses"], 1)
        ]
        found.append(
            IndexedAgreement(
                agreement_id=stem,
                title=a["title"],
                subject=a["subject"],
                doc_type=a["doc_type"],
                language=a["language"],
                numbers=a["numbers"],
                parties=a["parties"],
                signed_date=date.fromisoformat(a["signed_date"]) if a["signed_date"] else None,
                expiry_date=date.fromisoformat(a["expiry_date"]) if a["expiry_date"] else None,
                clauses=clauses,
            )
        )
    return found


def gold_categories(corpus: Path) -> dict[tuple[str, str], str]:
    """(document, clause number) -> the hand-labelled category."""
    found: dict[tuple[str, str], str] = {}
    for path in corpus.glob("*.json"):
        for clause in json.loads(path.read_text())["clauses"]:
            if clause.get("category"):
                found[(path.stem, str(clause["number"]).upper())] = clause["category"]
    return found


def relevant(
    judged: dict[str, Any], indexed: list[IndexedAgreement], gold: dict[tuple[str, str], str]
) -> set[str]:
    """The records judged relevant to one query, within its filters (language, kind of document)."""
    scope = judged.get("scope", "clauses")
    listed = {r.upper() for r in judged.get("clauses", ())}
    patterns = [re.compile(p, re.IGNORECASE) for p in judged.get("match", ())]
    wanted: set[str] = set()
    for a in indexed:
        if any(judged.get(k) not in (None, getattr(a, k)) for k in ("language", "doc_type")):
            continue
        if a.agreement_id in judged.get("agreements", ()):
            wanted.update(
                [a.agreement_id] if scope == "agreements" else [c.clause_id for c in a.clauses]
            )
            continue
        for c in a.clauses:
            text = f"{c.heading or ''} {c.text}"
            if (
                gold.get((a.agreement_id, c.number.upper())) in judged.get("categories", ())
                or f"{a.agreement_id}#{c.number}".upper() in listed
                or (patterns and all(p.search(text) for p in patterns))
            ):
                wanted.add(a.agreement_id if scope == "agreements" else c.clause_id)
    return wanted


def engine(name: str) -> SearchIndex:
    if name == "meili":
        from search_api.index.meili import MeiliIndex  # noqa: PLC0415

        url = os.environ.get("NASKAH_MEILI_URL")
        if not url:
            raise SystemExit("--engine meili needs NASKAH_MEILI_URL")
        return MeiliIndex(
            url, os.environ.get("NASKAH_MEILI_KEY"), "naskah-relevance", DEFAULT_SYNONYMS
        )  # type: ignore[call-arg]
    from search_api.index.embedded import EmbeddedIndex  # noqa: PLC0415

    return EmbeddedIndex(None, DEFAULT_SYNONYMS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--engine", choices=("embedded", "meili"), default="embedded")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--only", help="only queries whose text or group contains this")
    args = parser.parse_args()
    if not args.cache.exists():
        raise SystemExit(f"{args.cache} is missing: run bench/relevance_corpus.py first")
    indexed = agreements(json.loads(args.cache.read_text()))
    gold = gold_categories(args.corpus)
    judged_queries = json.loads(args.queries.read_text())["queries"]
    index = engine(args.engine)
    index.upsert_many(indexed)

    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    tops: dict[str, list[set[str]]] = defaultdict(list)
    for judged in judged_queries:
        if args.only and args.only not in judged["q"] and args.only not in judged.get("group", ""):
            continue
        wanted = relevant(judged, indexed, gold)
        if not wanted:
            # The extraction lost what the judgement names (clauses missing from the cache):
            # said and counted, not scored as a miss of the ranker.
            print(
                f"SKIPPED {judged['q']!r}: nothing judged relevant in this extraction "
                f"(clauses {judged.get('clauses') or judged.get('match') or judged.get('categories')})",
                file=sys.stderr,
            )
            skipped.append(judged["q"])
            continue
        scope = judged.get("scope", "clauses")
        query = SearchQuery(
            q=judged["q"],
            scope=scope,
            limit=10,
            **{k: judged[k] for k in FILTERS if k in judged},
        )
        page = index.search(query)
        ids = [h.agreement_id if scope == "agreements" else h.clause_id or "" for h in page.hits]
        good = [i in wanted for i in ids]
        first = next((rank for rank, ok in enumerate(good, 1) if ok), None)
        row = {
            "q": judged["q"],
            "kind": judged["kind"],
            "group": judged.get("group"),
            "p10": sum(good) / min(10, len(wanted)),
            "rr": 1 / first if first else 0.0,
            "top3": bool(first and first <= 3),
            "total": page.total,
            "relevant": len(wanted),
        }
        rows.append(row)
        if judged.get("group"):
            tops[judged["group"]].append(set(ids))
        if args.verbose:
            marks = "".join("+" if ok else "." for ok in good)
            print(
                f"{row['p10']:.2f} rr={row['rr']:.2f} {marks:<10} total={page.total:<4} "
                f"R={len(wanted):<3} [{judged['kind']}] {judged['q']!r}"
            )
            if row["p10"] < 1 or not row["top3"]:
                for hit, ok in list(zip(page.hits, good, strict=True))[:5]:
                    print(
                        f"      {'+' if ok else '-'} {hit.clause_id or hit.agreement_id} {hit.heading!r}"
                    )

    def mean(values: list[float]) -> float:
        return statistics.fmean(values) if values else float("nan")

    content = [r for r in rows if r["kind"] in ("content", "number")]
    agreement_by_group = {
        group: mean(
            [len(a & b) / len(a | b) if a | b else 1.0 for a, b in itertools.combinations(sets, 2)]
        )
        for group, sets in tops.items()
        if len(sets) > 1
    }
    print(
        f"engine={args.engine} queries={len(rows)} agreements={len(indexed)} "
        f"clauses={sum(len(a.clauses) for a in indexed)} skipped={len(skipped)}"
    )
    for kind in sorted({r["kind"] for r in rows}):
        of = [r for r in rows if r["kind"] == kind]
        print(
            f"  {kind:<9} n={len(of):<3} P@10={mean([r['p10'] for r in of]):.3f} "
            f"MRR={mean([r['rr'] for r in of]):.3f} top3={mean([float(r['top3']) for r in of]):.3f} "
            f"zero-hit={sum(1 for r in of if r['total'] == 0)}"
        )
    print(
        f"ALL       P@10={mean([r['p10'] for r in rows]):.3f} MRR={mean([r['rr'] for r in rows]):.3f} "
        f"top3(content)={mean([float(r['top3']) for r in content]):.3f} "
        f"variant-agreement={mean(list(agreement_by_group.values())):.3f}"
    )
    if args.verbose:
        for group, value in sorted(agreement_by_group.items()):
            print(f"  group {group:<28} agreement={value:.2f}")
    index.close()


if __name__ == "__main__":
    main()
