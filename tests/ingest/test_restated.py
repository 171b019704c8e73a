"""What an agreement writes twice (ingest/extract/restated.py): numbers in figures and
words, dates restated in brackets, weekdays before dates. Cases: cases/restated.csv."""

from typing import Any

import pytest

from ingest.errors import UnsupportedLanguage
from ingest.extract.restated import (
    find_restated_dates,
    find_restated_numbers,
    find_stated_weekdays,
)
from tests.ingest.casetable import load


def _readings(row: dict[str, Any]) -> list[str]:
    text, language = row["text"], row["language"]
    if row["finder"] == "numbers":
        return [
            f"{n.figures}{'=' if n.agrees else '!='}{n.words if n.words is not None else '?'}"
            for n in find_restated_numbers(text, language)
        ]
    if row["finder"] == "dates":
        return [
            f"{d.first.isoformat()}{'=' if d.agrees else '!='}{d.second.isoformat()}"
            for d in find_restated_dates(text, language)
        ]
    return [
        f"{w.name}:{w.date.isoformat()}{'=' if w.agrees else '!='}"
        for w in find_stated_weekdays(text, language)
    ]


@pytest.mark.parametrize("row", load("restated.csv"))
def test_restated_readings_match_the_case_table(row: dict[str, Any]) -> None:
    expected = [part for part in row["expected"].split(";") if part]
    assert _readings(row) == expected


def test_restated_readings_keep_the_span_of_both_readings() -> None:
    text = "berlaku 5 (lima) tahun"
    (number,) = find_restated_numbers(text, "id")
    assert text[number.span[0] : number.span[1]] == "5 (lima)"


def test_restated_readings_refuse_an_unknown_language() -> None:
    with pytest.raises(UnsupportedLanguage):
        find_restated_numbers("5 (cinq)", "fr")
