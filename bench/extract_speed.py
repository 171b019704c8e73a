"""Time naskah's extraction against bare pypdf: python bench/extract_speed.py [PDF ...].

Without arguments: the text-layer PDFs of the shared corpus plus a generated 50-page
agreement. For each file, best of 3 runs of
  bare     PdfReader(f) + extract_text() on every page,
  read     ingest.readers.read + ingest.clean.clean,
  naskah   ingest.extract_agreement(path) (falls back to read + clean when not importable),
as pages per second, and naskah / bare (target: at most 1.5).

`--cpu` times this process's CPU instead of the wall clock: on a machine shared with other
work the wall clock measures the neighbours too (every step runs in this one thread).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from agreement_pdf import write_agreement_pdf
from pypdf import PdfReader

from ingest.clean import clean
from ingest.errors import IngestError
from ingest.readers import read_path

try:
    from ingest import extract_agreement
except ImportError:
    extract_agreement = None

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
RUNS = 3
TARGET = 1.5


def bare_pypdf(path: Path) -> None:
    reader = PdfReader(path)
    for page in reader.pages:
        page.extract_text()


def read_and_clean(path: Path) -> None:
    clean(read_path(path))


def full_extraction(path: Path) -> None:
    if extract_agreement is None:
        read_and_clean(path)
    else:
        # The text-layer pipeline is what pypdf's bare extraction compares with; pages that
        # are images (a scanned signature page) go to OCR, measured by bench/ocr_speed.py.
        extract_agreement(path, ocr=False)


CLOCK: Callable[[], float] = time.perf_counter


def best_of(runs: int, work: Callable[[Path], None], path: Path) -> float:
    best = float("inf")
    for _ in range(runs):
        started = CLOCK()
        work(path)
        best = min(best, CLOCK() - started)
    return best


def text_layer_pdfs() -> list[Path]:
    found = []
    for path in sorted(CORPUS.glob("*.pdf")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if not gold["source"]["ocr"]:
            found.append(path)
    return found


def measure(paths: list[Path]) -> None:
    mode = "extract_agreement" if extract_agreement is not None else "read + clean"
    print(f"naskah = {mode}; best of {RUNS}; target naskah/bare <= {TARGET}\n")
    header = (
        f"{'file':<48} {'pages':>5} {'bare p/s':>9} {'read p/s':>9} {'naskah p/s':>10}"
        f" {'read/bare':>9} {'naskah/bare':>11}"
    )
    print(header)
    print("-" * len(header))
    total_bare = total_read = total_full = 0.0
    for path in paths:
        pages = len(PdfReader(path).pages)
        bare = best_of(RUNS, bare_pypdf, path)
        read = best_of(RUNS, read_and_clean, path)
        try:
            full = best_of(RUNS, full_extraction, path)
        except IngestError as exc:
            print(f"{path.name[:48]:<48} {pages:>5} extraction refused: {exc}")
            continue
        total_bare += bare
        total_read += read
        total_full += full
        flag = "" if full / bare <= TARGET else "  over target"
        print(
            f"{path.name[:48]:<48} {pages:>5} {pages / bare:>9.0f} {pages / read:>9.0f}"
            f" {pages / full:>10.0f} {read / bare:>9.2f} {full / bare:>11.2f}{flag}"
        )
    if total_bare:
        print(
            f"\n{'all files (time-weighted)':<48} {'':>5} {'':>9} {'':>9} {'':>10}"
            f" {total_read / total_bare:>9.2f} {total_full / total_bare:>11.2f}"
        )


def main(argv: list[str]) -> None:
    global CLOCK
    if "--cpu" in argv:
        argv = [a for a in argv if a != "--cpu"]
        CLOCK = time.process_time
        print("clock: CPU time of this process")
    if argv:
        measure([Path(arg) for arg in argv])
        return
    with tempfile.TemporaryDirectory() as folder:
        generated = write_agreement_pdf(Path(folder) / "generated-50-pages.pdf", 50)
        measure([*text_layer_pdfs(), generated])


if __name__ == "__main__":
    main(sys.argv[1:])
