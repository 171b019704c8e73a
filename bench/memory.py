"""Peak memory of one extraction: python bench/memory.py [PAGES] (default 300, target 400 MB).

Writes an agreement-like text PDF of PAGES pages into a temporary folder, runs
ingest.extract_agreement on it in a fresh Python process and reports that process's
peak resident set size (ru_maxrss), next to a process that only imports naskah.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agreement_pdf import write_agreement_pdf

TARGET_MB = 400
# The child reports its own peak RSS (Linux: kilobytes), so each run is measured alone.
CHILD = """
import resource, sys
from pathlib import Path
try:
    from ingest import extract_agreement as run
except ImportError:  # before the pipeline exists: read + clean
    from ingest.clean import clean
    from ingest.readers import read_path
    def run(path):
        return clean(read_path(path))
if sys.argv[1] != "-":
    run(Path(sys.argv[1]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(pdf: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, pdf], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def main(argv: list[str]) -> None:
    pages = int(argv[0]) if argv else 300
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        pdf = write_agreement_pdf(Path(folder) / f"agreement-{pages}-pages.pdf", pages)
        size_mb = pdf.stat().st_size / 1024 / 1024
        print(f"generated {pages} pages ({size_mb:.1f} MB) in {time.perf_counter() - started:.1f}s")
        baseline = peak_rss_mb("-")
        started = time.perf_counter()
        peak = peak_rss_mb(str(pdf))
        elapsed = time.perf_counter() - started
    verdict = "within" if peak <= TARGET_MB else "OVER"
    print(f"\n{'process':<36} {'peak RSS':>10}")
    print("-" * 47)
    print(f"{'python + import ingest':<36} {baseline:>7.0f} MB")
    print(f"{f'extract {pages}-page PDF ({elapsed:.1f}s)':<36} {peak:>7.0f} MB")
    print(f"\npeak {peak:.0f} MB is {verdict} the {TARGET_MB} MB target")


if __name__ == "__main__":
    main(sys.argv[1:])
