from typing import Any

import pytest

from ingest.extract.language import detect
from ingest.extract.numwords import parse_en, parse_id
from tests.ingest.casetable import load

PARSERS = {"id": parse_id, "en": parse_en}


@pytest.mark.parametrize("row", load("numwords.csv"))
def test_number_words_give_their_value(row: dict[str, Any]) -> None:
    expected = int(row["expected"]) if row["expected"] else None
    assert PARSERS[row["language"]](row["text"]) == expected


@pytest.mark.parametrize("row", load("language.csv"))
def test_detect_names_the_main_language(row: dict[str, Any]) -> None:
    assert detect(row["text"]) == row["expected"]
