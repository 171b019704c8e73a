"""`naskah import` of a folder of generated text PDFs vs bare pypdf text extraction, both cores.

    .venv/bin/python bench/import_speed.py            # 40 PDFs of 10-20 pages
    .venv/bin/python bench/import_speed.py 80

Writes agreement-like text PDFs with reportlab (agreement_pdf.py; each with its own marker word,
so no two are the same file), then times, each on a fresh data folder:
  bare:   a 2-process pool running pypdf `PdfReader(f)` + `extract_text()` on every page;
  import: `naskah import DIR` in a child process (extract in worker processes on both cores,
          store and index in the parent), OCR on as always (text layers: no page needs it).
Target: import at least 80% of the bare speed (bare seconds / import seconds >= 0.80).
Also printed: the same files through naskah's worker pool alone (started beforehand), so
extraction's share can be told from the command's start and the storing and indexing.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from agreement_pdf import write_agreement_pdf
from pypdf import PdfReader

TARGET = 0.80


def bare_extract(path: str) -> int:
    return sum(len(page.extract_text()) for page in PdfReader(path).pages)


def time_bare(paths: list[Path]) -> float:
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        chars = sum(pool.map(bare_extract, [str(p) for p in paths]))
    assert chars > 0
    return time.perf_counter() - started


def time_pool(paths: list[Path]) -> float:
    """The extraction alone, through naskah's worker pool (2 workers, already started): what
    the import would take with no start-up, no store and no index."""
    from search_api.extraction import WorkerLimits, WorkerPool

    pool = WorkerPool(2, WorkerLimits())
    pool.start()
    files = [(p.read_bytes(), p.name) for p in paths]
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=4) as threads:
            list(threads.map(lambda f: pool.extract(*f), files))
        return time.perf_counter() - started
    finally:
        pool.close()


def time_import(folder: Path, data: Path) -> float:
    env = {
        **os.environ,
        "NASKAH_DATA_DIR": str(data),
        "NASKAH_DATABASE_URL": "",
        "NASKAH_MEILI_URL": "",
        "NASKAH_LOG_LEVEL": "WARNING",
    }
    naskah = str(Path(sys.executable).with_name("naskah"))
    started = time.perf_counter()
    done = subprocess.run(
        [naskah, "import", str(folder), "--workers", "2"],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    print("  " + done.stdout.strip().replace("\n", "\n  "))
    if done.returncode != 0:
        raise SystemExit(f"naskah import failed: {done.stderr.strip()[-500:]}")
    return elapsed


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 40
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pdfs"
        folder.mkdir()
        pages = 0
        for i in range(count):
            n = rng.randrange(10, 21)
            pages += n
            write_agreement_pdf(folder / f"pks-{i:03d}.pdf", n, marker=f"KODE{i:03d}")
        print(f"{count} text PDFs, {pages} pages (load {os.getloadavg()[0]:.1f})")
        bare = time_bare(sorted(folder.iterdir()))
        imported = time_import(folder, Path(tmp) / "data")
        pooled = time_pool(sorted(folder.iterdir()))
        bare_again = time_bare(sorted(folder.iterdir()))
    bare = min(bare, bare_again)
    ratio = bare / imported
    print(f"\n{'what':<34} {'seconds':>8} {'pages/s':>8}")
    print(f"{'bare pypdf, 2 processes (best of 2)':<34} {bare:8.2f} {pages / bare:8.1f}")
    print(f"{'naskah import, 2 workers':<34} {imported:8.2f} {pages / imported:8.1f}")
    print(f"{'  of which extraction alone (pool)':<34} {pooled:8.2f} {pages / pooled:8.1f}")
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(f"\nimport runs at {ratio:.0%} of bare speed: {verdict} the {TARGET:.0%} target")


if __name__ == "__main__":
    main(sys.argv[1:])
