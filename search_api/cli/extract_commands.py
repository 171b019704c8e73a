"""`naskah extract FILE [--json]` and `naskah eval DIR`: extraction from the command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from ingest import extract_agreement
from ingest.errors import IngestError
from ingest.evaluate import FIELDS, Report, score_document
from ingest.model import Agreement

SUFFIXES = {".pdf", ".docx"}
COMMANDS = frozenset({"extract", "eval"})


def main(argv: list[str]) -> int:
    """`naskah extract|eval ...` on their own (see search_api/cli/entry.py)."""
    parser = argparse.ArgumentParser(prog="naskah")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=args.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    try:
        code: int = args.handler(args)
    except IngestError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("naskah: interrupted", file=sys.stderr)
        return 130
    return code


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("extract", help="extract one agreement file (PDF or DOCX)")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print the schema's JSON")
    p.add_argument("--no-ocr", action="store_true", help="skip OCR of pages without text")
    p.add_argument("-v", "--verbose", action="store_const", const="INFO", dest="log_level")
    p.set_defaults(handler=run_extract, log_level="WARNING")

    e = subparsers.add_parser("eval", help="score extraction against gold JSON beside each file")
    e.add_argument("directory", type=Path)
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    e.add_argument(
        "--text-only",
        action="store_true",
        help="only documents with a text layer (gold source.ocr is false)",
    )
    e.add_argument(
        "--scans-only",
        action="store_true",
        help="only scanned documents (gold source.ocr is true)",
    )
    e.add_argument("--no-ocr", action="store_true", help="skip OCR of pages without text")
    e.add_argument("-v", "--verbose", action="store_const", const="INFO", dest="log_level")
    e.set_defaults(handler=run_eval, log_level="WARNING")


def _fail(message: str) -> int:
    print(f"naskah: {message}", file=sys.stderr)
    return 2


def run_extract(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        return _fail(f"{path}: no such file. Check the path and try again.")
    try:
        agreement = extract_agreement(path, ocr=not args.no_ocr)
    except IngestError as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps(agreement.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(summary(agreement))
    return 0


def summary(agreement: Agreement) -> str:
    """A readable summary of an extraction for people at a terminal."""
    a = agreement
    lines = [
        f"File       : {a.source.filename} ({_pages(a.source.pages)}"
        f"{', OCR' if a.source.ocr else ''})",
        f"Title      : {a.title or '-'}",
        f"Kind       : {a.doc_type} ({a.language})",
        f"Subject    : {a.subject or '-'}",
        f"Numbers    : {', '.join(a.numbers) or '-'}",
    ]
    for party in a.parties:
        who = ", ".join(x for x in (party.representative, party.position) if x)
        lines.append(
            f"Party      : {party.role or '-'}: {party.name}" + (f" ({who})" if who else "")
        )
    term = a.term
    lines += [
        f"Signed     : {a.signed_date or '-'}"
        + (f" at {a.signed_place}" if a.signed_place else ""),
        f"Effective  : {a.effective_date or '-'}",
        f"Term       : {f'{term.years}y {term.months}m {term.days}d' if term else '-'}",
        f"Expires    : {a.expiry_date or '-'}",
        f"References : {', '.join(a.references) or '-'}",
        f"Clauses    : {len(a.clauses)}",
    ]
    for clause in a.clauses:
        lines.append(
            f"  {clause.number:>4}  {clause.heading or '(no heading)'}  [{clause.category}]"
        )
    if a.doubts:
        lines.append(
            "Doubts     : "
            + ("INCOMPLETE, review before use" if a.is_incomplete else "check these values")
        )
    for doubt in a.doubts:
        where = doubt.field + (f"[{doubt.item + 1}]" if doubt.item is not None else "")
        lines.append(f"  {where}: {doubt.code}" + (f" ({doubt.detail})" if doubt.detail else ""))
    return "\n".join(lines)


def _pages(count: int | None) -> str:
    if count is None:
        return "no fixed pages"
    return f"{count} page" if count == 1 else f"{count} pages"


def evaluate_directory(
    directory: Path, *, text_only: bool = False, scans_only: bool = False, ocr: bool = True
) -> Report:
    """Run extraction over every PDF/DOCX in directory that has a gold JSON beside it."""
    report = Report()
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() not in SUFFIXES:
            continue
        gold_path = path.with_suffix(".json")
        if not gold_path.is_file():
            continue
        gold: dict[str, Any] = json.loads(gold_path.read_text("utf-8"))
        is_scan = bool(gold.get("source", {}).get("ocr"))
        if (text_only and is_scan) or (scans_only and not is_scan):
            continue
        try:
            predicted = extract_agreement(path, ocr=ocr).to_dict()
        except IngestError as exc:
            report.failures[path.name] = str(exc)
            continue
        report.documents[path.name] = score_document(predicted, gold)
    return report


def run_eval(args: argparse.Namespace) -> int:
    directory: Path = args.directory
    if not directory.is_dir():
        return _fail(f"{directory}: not a folder. Give the folder that holds files and gold JSON.")
    report = evaluate_directory(
        directory, text_only=args.text_only, scans_only=args.scans_only, ocr=not args.no_ocr
    )
    if not report.documents and not report.failures:
        return _fail(f"{directory}: no PDF or DOCX file with a gold JSON beside it.")
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
        return 0
    short = [f[:6] for f in FIELDS]
    print(f"{'document':44} " + " ".join(f"{s:>6}" for s in short))
    for name, scores in report.documents.items():
        print(f"{name[:44]:44} " + " ".join(f"{scores[f]:6.2f}" for f in FIELDS))
    for name, reason in report.failures.items():
        print(f"{name[:44]:44} FAILED: {reason}")
    print()
    for name, value in report.field_scores().items():
        print(f"{name:24} {value:.3f}")
    print(f"{'overall':24} {report.overall():.3f}")
    return 0
