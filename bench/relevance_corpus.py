"""Extract every document of a corpus folder once and keep the clauses as JSON, for relevance.py.

    .venv/bin/python bench/relevance_corpus.py /work/shared/corpus/real bench/out/relevance-real.json

Extraction (OCR for scans) is the slow part and does not change what the ranker sees between
ranking runs, so relevance.py reads this cache. Documents that fail to extract are listed with
their error and left out, never silently.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ingest import extract_agreement

SUFFIXES = {".pdf", ".docx"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    done: dict[str, dict[str, object]] = {}
    if args.out.exists():
        done = json.loads(args.out.read_text())
    for path in sorted(args.corpus.iterdir()):
        if path.suffix.lower() not in SUFFIXES or path.stem in done:
            continue
        started = time.monotonic()
        try:
            agreement = extract_agreement(path)
        except Exception as exc:  # noqa: BLE001 - reported and skipped, the rest still counts
            print(f"{path.name}: FAILED {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        done[path.stem] = {
            "title": agreement.title,
            "subject": agreement.subject,
            "doc_type": agreement.doc_type,
            "language": agreement.language,
            "numbers": list(agreement.numbers),
            "parties": [p.name for p in agreement.parties],
            "signed_date": agreement.signed_date.isoformat() if agreement.signed_date else None,
            "expiry_date": agreement.expiry_date.isoformat() if agreement.expiry_date else None,
            "clauses": [c.to_dict() for c in agreement.clauses],
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(done, ensure_ascii=False, indent=1))
        print(
            f"{path.name}: {len(agreement.clauses)} clauses, {time.monotonic() - started:.1f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
