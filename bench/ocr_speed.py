"""OCR pages per minute: naskah (tesserocr, threads) vs Tesseract's own command line.

    .venv/bin/python bench/ocr_speed.py [--pages 8] [--languages ind+eng]

The page images are the embedded scans of the shared corpus's scanned PDFs (the first
pages of each, as ingest.readers.pdf hands them to OCR), written once as PNG files to a
temporary folder. On the same images, best of --runs:

  cli        `tesseract IMG - -l LANGS` per page, one after another, Tesseract's defaults
             (OpenMP threads on)
  cli x N    N `tesseract` processes at a time with OMP_THREAD_LIMIT=1 (the fastest way to
             use the command line on N cores)
  naskah     ingest.ocr.ocr_document on a TIFF of the same pages: decoding, grayscale,
             recognition on N threads and noise normalisation

naskah / best CLI is the time ratio; the target is at most 1.3.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from ingest.limits import MAX_OCR_PIXELS
from ingest.ocr import OCR_WORKERS, ocr_document
from ingest.ocr.render import render_page
from ingest.readers import read
from ingest.readers.pdf import ocr_render_dpis

CORPUS = Path("/work/shared/corpus/real")


def corpus_pages(count: int) -> list[Image.Image]:
    """`count` scan pages, taken round-robin from the corpus's image-only PDFs."""
    per_file: list[list[Image.Image]] = []
    for pdf in sorted(CORPUS.glob("id-*.pdf")):
        data = pdf.read_bytes()
        raw = read(data, pdf.name)
        if not raw.pages or any(page.has_text_layer for page in raw.pages[:3]):
            continue  # a text PDF: nothing to OCR
        dpis = ocr_render_dpis(
            data, pdf.name, range(1, min(3, len(raw.pages)) + 1), max_pixels=MAX_OCR_PIXELS
        )
        per_file.append([render_page(data, pdf.name, n, dpi=dpi).convert("L") for n, dpi in dpis])
    pages: list[Image.Image] = []
    while len(pages) < count and any(per_file):
        for images in per_file:
            if images and len(pages) < count:
                pages.append(images.pop(0))
    return pages


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def tesseract_cli(paths: list[Path], languages: str, *, parallel: int) -> None:
    env = dict(os.environ)
    if parallel > 1:
        env["OMP_THREAD_LIMIT"] = "1"

    def one(path: Path) -> None:
        subprocess.run(
            ["tesseract", str(path), "-", "-l", languages],
            check=True,
            capture_output=True,
            env=env,
        )

    if parallel == 1:
        for path in paths:
            one(path)
        return
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, paths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--languages", default="ind+eng")
    parser.add_argument("--workers", type=int, default=OCR_WORKERS)
    args = parser.parse_args()
    pages = corpus_pages(args.pages)
    n = len(pages)
    tiff = io.BytesIO()
    pages[0].save(
        tiff, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw"
    )
    raw = read(tiff.getvalue(), "bench.tiff")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, page in enumerate(pages, start=1):
            path = Path(tmp) / f"page-{k:02d}.png"
            page.save(path)
            paths.append(path)
        print(
            f"{n} corpus scan pages, {args.languages}, {os.cpu_count()} cores, best of {args.runs}"
        )
        results = {
            "cli": best_of(args.runs, lambda: tesseract_cli(paths, args.languages, parallel=1)),
            f"cli x {args.workers}": best_of(
                args.runs, lambda: tesseract_cli(paths, args.languages, parallel=args.workers)
            ),
            f"naskah ({args.workers} threads)": best_of(
                args.runs,
                lambda: ocr_document(
                    raw, tiff.getvalue(), languages=args.languages, workers=args.workers
                ),
            ),
        }
    for name, seconds in results.items():
        print(f"{name:22} {seconds:7.1f} s  {60 * n / seconds:6.1f} pages/min")
    naskah = results[f"naskah ({args.workers} threads)"]
    best_cli = min(results["cli"], results[f"cli x {args.workers}"])
    print(f"naskah / best CLI = {naskah / best_cli:.2f} (target <= 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
