"""Extraction accuracy on the real corpus, against a floor that only ever rises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search_api.cli.extract_commands import evaluate_directory

FLOOR = json.loads((Path(__file__).parent / "accuracy_floor.json").read_text("utf-8"))


@pytest.mark.slow
def test_text_layer_documents_score_at_least_the_floor(corpus: Path) -> None:
    report = evaluate_directory(corpus, text_only=True)
    assert len(report.documents) + len(report.failures) >= 18
    assert not report.failures, report.failures
    fields = report.field_scores()
    below = {
        name: (round(fields[name], 3), floor)
        for name, floor in FLOOR["fields"].items()
        if fields[name] < floor
    }
    assert not below, f"fields under their floor: {below}"
    assert report.overall() >= FLOOR["overall"]


@pytest.mark.ocr
def test_scanned_documents_with_ocr_score_at_least_the_floor(corpus: Path) -> None:
    report = evaluate_directory(corpus, scans_only=True)
    assert len(report.documents) + len(report.failures) >= 14
    assert not report.failures, report.failures
    fields = report.field_scores()
    below = {
        name: (round(fields[name], 3), floor)
        for name, floor in FLOOR["scans"]["fields"].items()
        if fields[name] < floor
    }
    assert not below, f"fields under their floor: {below}"
    assert report.overall() >= FLOOR["scans"]["overall"], fields
