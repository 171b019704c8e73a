"""OCR text handling without Tesseract: noise normalisation and the text-layer check."""

from __future__ import annotations

from typing import Any

import pytest

from ingest.ocr.noise import normalise_ocr_line
from ingest.ocr.quality import is_garbage
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("ocr_noise.csv"))
def test_ocr_noise_is_normalised(row: dict[str, Any]) -> None:
    assert normalise_ocr_line(row["text"]) == row["expected"]


@pytest.mark.parametrize("row", load("text_quality.csv"))
def test_text_layer_quality_decides_on_ocr(row: dict[str, Any]) -> None:
    assert is_garbage(row["text"].splitlines()) is (row["is_garbage"] == "true")
