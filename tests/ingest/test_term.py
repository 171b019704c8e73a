from datetime import date
from typing import Any

import pytest

from ingest.errors import UnsupportedLanguage
from ingest.extract.term import compute_expiry, find_effective, find_stated_expiry, find_term
from ingest.model import Term
from tests.ingest.casetable import load


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@pytest.mark.parametrize("row", load("term.csv"))
def test_find_term_reads_the_stated_duration(row: dict[str, Any]) -> None:
    found = find_term(row["text"], row["language"])
    expected = (
        Term(int(row["years"]), int(row["months"]), int(row["days"])) if row["years"] else None
    )
    assert (found.value if found else None) == expected


@pytest.mark.parametrize("row", load("expiry.csv"))
def test_find_stated_expiry_reads_the_end_date(row: dict[str, Any]) -> None:
    found = find_stated_expiry(row["text"], row["language"])
    assert (found.value if found else None) == _date(row["expected"])


@pytest.mark.parametrize("row", load("effective.csv"))
def test_find_effective_reads_the_start(row: dict[str, Any]) -> None:
    found = find_effective(row["text"], row["language"], _date(row["signed"]))
    assert (found.value if found else None) == _date(row["expected"])


@pytest.mark.parametrize("row", load("compute_expiry.csv"))
def test_compute_expiry_ends_the_day_before(row: dict[str, Any]) -> None:
    term = Term(int(row["years"]), int(row["months"]), int(row["days"]))
    assert compute_expiry(date.fromisoformat(row["effective"]), term) == _date(row["expected"])


def test_find_term_span_covers_the_duration() -> None:
    text = "berlaku untuk jangka waktu 5 (lima) tahun terhitung sejak"
    found = find_term(text, "id")
    assert found and text[slice(*found.span)] == "5 (lima) tahun"


def test_find_term_refuses_an_unknown_language() -> None:
    with pytest.raises(UnsupportedLanguage):
        find_term("5 years", "de")
