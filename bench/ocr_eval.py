"""Score OCR + extraction on scanned documents, per field, and keep the OCR'd text.

    .venv/bin/python bench/ocr_eval.py [DIR ...] [--texts /tmp/ocr_texts] [--json]

For every PDF or image in DIR with a gold JSON beside it whose `source.ocr` is true (the
corpus scans; bench/make_scans.py output), extract with OCR, score against the gold with
ingest.evaluate, and write the cleaned text each extraction read to TEXTS/<name>.txt.
Synthetic scans named scan-<stem>.pdf are also scored from their text-layer original in
/work/shared/corpus/real, so OCR's loss (scan vs original) and extraction's loss (original
vs gold) can be told apart.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

from ingest import extract_bytes
from ingest.evaluate import FIELDS, Report, score_document

CORPUS = Path("/work/shared/corpus/real")
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def scanned(directory: Path) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted(directory.iterdir()):
        gold_path = path.with_suffix(".json")
        if path.suffix.lower() not in SUFFIXES or not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        if gold["source"].get("ocr"):
            found.append((path, gold))
    return found


def print_report(title: str, report: Report) -> None:
    print(f"\n== {title}")
    short = [f[:6] for f in FIELDS]
    print(f"{'document':44} " + " ".join(f"{s:>6}" for s in short))
    for name, scores in report.documents.items():
        print(f"{name[:44]:44} " + " ".join(f"{scores[f]:6.2f}" for f in FIELDS))
    for name, reason in report.failures.items():
        print(f"{name[:44]:44} FAILED: {reason}")
    fields = report.field_scores()
    print("  ".join(f"{name}={value:.2f}" for name, value in fields.items()))
    print(f"overall {report.overall():.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", type=Path, nargs="*", default=[CORPUS])
    parser.add_argument("--texts", type=Path, default=Path("/tmp/ocr_texts"))
    parser.add_argument("--languages", default="ind+eng")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    args.texts.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    for directory in args.dirs:
        report, original = Report(), Report()
        started = time.perf_counter()
        pages = 0
        for path, gold in scanned(directory):
            data = path.read_bytes()
            agreement = extract_bytes(data, path.name, ocr_languages=args.languages)
            pages += agreement.source.pages or 0
            (args.texts / f"{path.stem}.txt").write_text(agreement.text, "utf-8")
            report.documents[path.name] = score_document(agreement.to_dict(), gold)
            source = CORPUS / f"{path.stem.removeprefix('scan-')}.pdf"
            if path.stem.startswith("scan-") and source.is_file():
                text_layer = extract_bytes(source.read_bytes(), source.name, ocr=False)
                original.documents[source.name] = score_document(text_layer.to_dict(), gold)
        elapsed = time.perf_counter() - started
        print_report(f"{directory} with OCR ({pages} pages in {elapsed:.0f} s)", report)
        if original.documents:
            print_report(f"{directory}: the same documents from their text layer", original)
        results[str(directory)] = {
            "ocr": report.to_dict(),
            "text_layer": original.to_dict() if original.documents else None,
        }
    if args.json:
        print(json.dumps(results, indent=2))
    print(f"\nOCR'd text: {args.texts}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
