from typing import Any

import pytest

from ingest.extract.dates import find_signing
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("signing.csv"))
def test_find_signing_reads_date_place_and_weekday(row: dict[str, Any]) -> None:
    signing = find_signing(row["text"], row["language"])
    assert (signing.date.value.isoformat() if signing.date else "") == row["date"]
    assert (signing.place.value if signing.place else "") == row["place"]
    assert signing.weekday_mismatch is (row["weekday_mismatch"] == "true")


def test_find_signing_spans_point_at_the_source() -> None:
    text = "Pada hari ini Kamis tanggal 20 September 2018, bertempat di Sungguminasa, kami"
    signing = find_signing(text, "id")
    assert signing.date and text[slice(*signing.date.span)].endswith("20 September 2018")
    assert signing.place and text[slice(*signing.place.span)] == "Sungguminasa"
