from __future__ import annotations

from typing import Any

import pytest

from ingest.extract.clausenum import parse_clause_number
from ingest.structure import outline
from ingest.textutil import fold
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("clause_numbers.csv"))
def test_clause_number_is_normalised_to_arabic(row: dict[str, str]) -> None:
    parsed = parse_clause_number(row["token"])
    if not row["value"]:
        assert parsed is None
    else:
        assert parsed == (int(row["value"]), row["suffix"])


@pytest.mark.parametrize("row", load("outlines.json"))
def test_outline_finds_clauses_and_headings(row: dict[str, Any]) -> None:
    result = outline(row["text"], row["language"], ocr_title=row.get("ocr_title", False))
    assert [[c.number, c.heading] for c in result.clauses] == row["clauses"]
    if "title" in row:
        assert fold(" ".join(line.text for line in result.title_lines)) == row["title"]
    if "last_body" in row:
        last = result.clauses[-1]
        assert fold(row["text"][last.body_start : last.body_end]) == row["last_body"]


def test_outline_of_empty_text_has_no_clauses() -> None:
    result = outline("", "id")
    assert result.clauses == ()
    assert result.title_lines == ()
