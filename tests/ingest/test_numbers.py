from typing import Any

import pytest

from ingest.extract.numbers import find_numbers, find_references
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("numbers.json"))
def test_find_numbers_reads_the_title_block(row: dict[str, Any]) -> None:
    found = find_numbers(row["text"])
    assert [f.value for f in found] == row["expected"]
    assert all(row["text"][slice(*f.span)] == f.value for f in found)


@pytest.mark.parametrize("row", load("references.json"))
def test_find_references_keeps_other_agreements_only(row: dict[str, Any]) -> None:
    found = find_references(row["text"], row["own"])
    assert [f.value for f in found] == row["expected"]
    assert all(row["text"][slice(*f.span)] == f.value for f in found)
