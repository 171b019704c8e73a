from typing import Any

import pytest

from ingest.errors import UnsupportedLanguage
from ingest.extract.dates import find_dates
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("dates.id.csv"))
def test_find_dates_reads_indonesian_dates(row: dict[str, Any]) -> None:
    found = find_dates(row["text"], "id")
    assert [f.value.isoformat() for f in found] == row["expected"].split()


@pytest.mark.parametrize("row", load("dates.en.csv"))
def test_find_dates_reads_english_dates(row: dict[str, Any]) -> None:
    found = find_dates(row["text"], "en")
    assert [f.value.isoformat() for f in found] == row["expected"].split()


def test_find_dates_spans_point_at_the_date() -> None:
    text = "Demikian dibuat di Batam, 1 Agustus 2022"
    [found] = find_dates(text, "id")
    assert text[found.span[0] : found.span[1]] == "1 Agustus 2022"


def test_find_dates_refuses_an_unknown_language() -> None:
    with pytest.raises(UnsupportedLanguage):
        find_dates("20 September 2018", "fr")
