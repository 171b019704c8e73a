"""Write the variation corpus: agreements with exact gold labels, laid out like shared/corpus/real.

    python -m tests.variation.generate OUT_DIR [--count N] [--seed S] [--scans [--scan-count M]]

Every file X.pdf / X.docx gets X.json beside it (shared/schema/agreement.schema.json), which is
what `naskah eval OUT_DIR` reads. The same seed always writes the same bytes. --scans adds
image-only PDFs made from the text PDFs (scans.py), named X-scan-KIND-DPI.pdf, with gold whose
source.ocr is true.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.variation import render_docx, render_pdf, scans
from tests.variation.build import build
from tests.variation.model import Document

DEFAULT_SEED = 12
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def write_document(doc: Document, out: Path) -> Path:
    path = out / f"{doc.name}.{doc.fmt}"
    if doc.fmt == "docx":
        render_docx.render(doc, path)
        pages = None
        media = DOCX_TYPE
    else:
        render_pdf.render(doc, path)
        pages = len(PdfReader(path).pages)
        media = "application/pdf"
    _write_gold(doc.gold, path, media, pages, ocr=False)
    return path


def _write_gold(
    gold: dict[str, Any], path: Path, media: str, pages: int | None, *, ocr: bool
) -> None:
    label = json.loads(json.dumps(gold))
    label["source"] = {
        "filename": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "media_type": media,
        "pages": pages,
        "ocr": ocr,
    }
    path.with_suffix(".json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )


def generate(
    out: Path, count: int, seed: int = DEFAULT_SEED, *, formats: set[str] | None = None
) -> list[Path]:
    """Write count documents (optionally only some formats) into out; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    index = 0
    while len(written) < count:
        doc = build(seed, index)
        index += 1
        if formats and doc.fmt not in formats:
            continue
        written.append(write_document(doc, out))
    return written


def generate_scans(out: Path, count: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """count scans made from text PDFs of the same seed (generated into out/sources/ first)."""
    sources = out / "sources"
    texts = generate(sources, count, seed, formats={"pdf"})
    rng = random.Random(seed * 7919)
    written = []
    for i, src in enumerate(texts):
        plan = scans.scan_plan(rng)
        # make every kind and resolution appear, not only what the draw gives
        plan["kind"] = scans.KINDS[i % 3]
        plan["dpi"] = (150, 200, 300)[(i // 3) % 3]
        dst = (
            out
            / f"{src.stem}-scan-{plan['kind']}-{plan['dpi']}{'-r' + str(plan['rotate']) if plan['rotate'] else ''}.pdf"
        )
        pages = scans.make_scan(src, dst, plan, seed * 31 + i)
        gold = json.loads(src.with_suffix(".json").read_text("utf-8"))
        gold["notes"] = [*gold.get("notes", []), f"scan: {json.dumps(plan, sort_keys=True)}"]
        _write_gold(gold, dst, "application/pdf", pages, ocr=True)
        written.append(dst)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.variation.generate", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=320, help="text documents (default 320)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--scans", action="store_true", help="also write image-only scans")
    ap.add_argument("--scan-count", type=int, default=40)
    args = ap.parse_args(argv)
    docs = generate(args.out, args.count, args.seed)
    sys.stdout.write(f"{len(docs)} documents in {args.out}\n")
    if args.scans:
        scanned = generate_scans(args.out / "scans", args.scan_count, args.seed)
        sys.stdout.write(f"{len(scanned)} scans in {args.out / 'scans'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
