"""Extraction on the generated variation corpus, scored against per-field floors that only rise.

The fast subset (~30 text documents, PDF and DOCX) runs by default; the full set (>= 300) is
`slow`, the scans are `slow` and `ocr`. Floors are in floors.json, one hundredth under what was
measured.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from search_api.cli.extract_commands import evaluate_directory
from tests.variation.generate import generate, generate_scans

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "ingest" / "data" / "agreement.schema.json").read_text(
        "utf-8"
    )
)
FAST_COUNT = 30


def _below(fields: dict[str, float], floors: dict[str, float]) -> dict[str, tuple[float, float]]:
    return {
        name: (round(fields[name], 3), floor)
        for name, floor in floors.items()
        if fields[name] < floor
    }


def test_same_seed_writes_the_same_gold_bytes(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 12, seed=5)
    b = generate(tmp_path / "b", 12, seed=5)
    assert [p.name for p in a] == [p.name for p in b]
    for x, y in zip(a, b, strict=True):
        assert x.with_suffix(".json").read_bytes() == y.with_suffix(".json").read_bytes()
        assert x.read_bytes() == y.read_bytes()
    c = generate(tmp_path / "c", 12, seed=6)
    assert [p.with_suffix(".json").read_bytes() for p in a] != [
        p.with_suffix(".json").read_bytes() for p in c
    ]


@pytest.mark.slow
def test_same_seed_writes_the_same_scans(tmp_path: Path) -> None:
    """The scan floors in CI hold only if every machine scores the same pages: the scans
    (JPEG, CCITT, skew, rotation, noise) are the same bytes for the same seed."""
    a = generate_scans(tmp_path / "a", 6, seed=5)
    b = generate_scans(tmp_path / "b", 6, seed=5)
    assert [p.name for p in a] == [p.name for p in b]
    kinds = {p.name.split("-scan-")[1].split("-")[0] for p in a}
    assert kinds == {"colour", "gray", "bilevel"}, kinds
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name
        assert x.with_suffix(".json").read_bytes() == y.with_suffix(".json").read_bytes()


def test_gold_labels_follow_the_schema(tmp_path: Path) -> None:
    paths = generate(tmp_path, 40)
    kinds = set()
    for path in paths:
        gold = json.loads(path.with_suffix(".json").read_text("utf-8"))
        jsonschema.validate(gold, SCHEMA)
        assert gold["source"]["filename"] == path.name
        kinds.add((gold["language"], gold["doc_type"], path.suffix))
    # both languages, every kind, both formats in a small draw
    assert {k[0] for k in kinds} == {"id", "en"}
    assert {k[1] for k in kinds} == {"mou", "agreement", "amendment"}
    assert {k[2] for k in kinds} == {".pdf", ".docx"}


def test_fast_subset_scores_at_least_the_floors(tmp_path: Path) -> None:
    generate(tmp_path, FAST_COUNT)
    report = evaluate_directory(tmp_path, text_only=True)
    assert len(report.documents) + len(report.failures) == FAST_COUNT
    assert not report.failures, report.failures
    fields = report.field_scores()
    below = _below(fields, FLOORS["fast"]["fields"])
    assert not below, f"fields under their floor: {below}"
    assert report.overall() >= FLOORS["fast"]["overall"], fields


@pytest.mark.slow
def test_full_text_set_scores_at_least_the_floors(tmp_path: Path) -> None:
    generate(tmp_path, FLOORS["full"]["count"])
    report = evaluate_directory(tmp_path, text_only=True)
    assert not report.failures, report.failures
    fields = report.field_scores()
    below = _below(fields, FLOORS["full"]["fields"])
    assert not below, f"fields under their floor: {below}"
    assert report.overall() >= FLOORS["full"]["overall"], fields


@pytest.mark.slow
@pytest.mark.ocr
def test_scans_score_at_least_the_floors(tmp_path: Path) -> None:
    generate_scans(tmp_path, FLOORS["scans"]["count"])
    report = evaluate_directory(tmp_path, scans_only=True)
    assert len(report.documents) + len(report.failures) == FLOORS["scans"]["count"]
    assert not report.failures, report.failures
    fields = report.field_scores()
    below = _below(fields, FLOORS["scans"]["fields"])
    assert not below, f"fields under their floor: {below}"
    assert report.overall() >= FLOORS["scans"]["overall"], fields
