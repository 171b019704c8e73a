from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.extract.categories import category_keys, classify
from ingest.extract.title import find_doc_type, find_subject
from tests.ingest.casetable import load

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "schema"


@pytest.mark.parametrize("row", load("titles.csv"))
def test_title_gives_doc_type_and_subject(row: dict[str, str]) -> None:
    assert find_doc_type(row["title"]) == row["doc_type"]
    assert find_subject(row["title"]) == (row["subject"] or None)


@pytest.mark.parametrize("row", load("clause_categories.csv"))
def test_clause_category_from_heading_then_body(row: dict[str, str]) -> None:
    assert classify(row["heading"] or None, row["body"]) == row["expected"]


def test_packaged_taxonomy_matches_the_shared_one() -> None:
    shared = SHARED / "clause-categories.json"
    if not shared.is_file():
        pytest.skip(f"{shared} is not beside this checkout")
    keys = list(json.loads(shared.read_text("utf-8"))["categories"])
    assert category_keys() == keys
