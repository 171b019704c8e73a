"""Readers and clean-up against golden files.

tests/ingest/samples/<name>.<ext> (written by make_samples.py) pairs with
expected/<name>.txt (reader output) and expected/<name>.clean.txt (after clean-up).
NASKAH_REGENERATE=1 rewrites the goldens; a missing golden fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.clean import clean
from ingest.model import RawDocument
from ingest.readers import read_path

HERE = Path(__file__).parent
SAMPLES = sorted(p for p in (HERE / "samples").iterdir() if p.suffix in {".pdf", ".docx"})
EXPECTED = HERE / "expected"


def render(doc: RawDocument) -> str:
    parts = [f"# media_type={doc.media_type} page_count={doc.page_count}\n"]
    for page in doc.pages:
        layer = "text layer" if page.has_text_layer else "no text layer"
        parts.append(f"=== page {page.number} ({layer}) ===\n")
        parts.extend(f"{line}\n" for line in page.lines)
    return "".join(parts)


def assert_matches_golden(actual: str, golden: Path) -> None:
    if os.environ.get("NASKAH_REGENERATE") == "1":
        golden.write_bytes(actual.encode("utf-8"))
        return
    if not golden.exists():
        pytest.fail(f"missing golden {golden}; run with NASKAH_REGENERATE=1 and review it")
    assert actual == golden.read_bytes().decode("utf-8")


def test_sample_names_are_unique_without_their_extension() -> None:
    assert len({p.stem for p in SAMPLES}) == len(SAMPLES)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_reader_output_matches_its_golden(sample: Path) -> None:
    assert_matches_golden(render(read_path(sample)), EXPECTED / f"{sample.stem}.txt")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_clean_output_matches_its_golden(sample: Path) -> None:
    text = clean(read_path(sample)).text + "\n"
    assert_matches_golden(text, EXPECTED / f"{sample.stem}.clean.txt")
