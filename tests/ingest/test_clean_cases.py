"""Clean-up behaviour, driven by the case tables in tests/ingest/cases/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingest.clean import CleanText, clean, normalise_line
from ingest.model import MEDIA_PDF, Page, RawDocument
from tests.ingest.casetable import load

PAGE_CASES = Path(__file__).parent / "cases" / "clean"


def _page_cases() -> list[Any]:
    """One case per cases/clean/<case>.json: {"pages": [[line, ...], ...], "expected": ...}."""
    paths = sorted(PAGE_CASES.glob("*.json"))
    return [pytest.param(json.loads(p.read_text(encoding="utf-8")), id=p.stem) for p in paths]


def _document(pages: list[list[str]]) -> RawDocument:
    return RawDocument(
        filename="case.pdf",
        sha256="0" * 64,
        media_type=MEDIA_PDF,
        page_count=len(pages),
        pages=tuple(
            Page(number=n, lines=tuple(lines), has_text_layer=bool(lines))
            for n, lines in enumerate(pages, start=1)
        ),
    )


def _pages_of(cleaned: CleanText) -> list[list[str]]:
    ends = [start - 1 for start in cleaned.page_starts[1:]] + [len(cleaned.text)]
    texts = [cleaned.text[start:end] for start, end in zip(cleaned.page_starts, ends, strict=True)]
    return [text.split("\n") if text else [] for text in texts]


@pytest.mark.parametrize("row", load("hyphenation.csv"))
def test_line_end_hyphens_join_or_stay_as_the_case_says(row: dict[str, str]) -> None:
    cleaned = clean(_document([row["lines"].split("|")]))
    assert cleaned.text.split("\n") == row["expected"].split("|")


@pytest.mark.parametrize("row", load("characters.json"))
def test_odd_characters_and_spaces_normalise_as_the_case_says(row: dict[str, str]) -> None:
    assert normalise_line(row["line"]) == row["expected"]


@pytest.mark.parametrize("case", _page_cases())
def test_clean_pages_match_the_case(case: dict[str, Any]) -> None:
    assert _pages_of(clean(_document(case["pages"]))) == case["expected"]


def test_page_starts_point_at_the_first_character_of_each_page() -> None:
    cleaned = clean(_document([["Pasal 1", "TUJUAN"], [], ["Pasal 2"]]))
    assert cleaned.text == "Pasal 1\nTUJUAN\n\nPasal 2"
    assert cleaned.page_starts == (0, 15, 16)
    assert cleaned.text[cleaned.page_starts[2] :].startswith("Pasal 2")
    assert [cleaned.page_at(offset) for offset in (0, 14, 15, 16, 22)] == [1, 1, 2, 3, 3]


def test_clean_of_a_document_without_pages_is_empty() -> None:
    assert clean(_document([])) == CleanText(text="", page_starts=())
