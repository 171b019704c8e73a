from __future__ import annotations

from typing import Any

import pytest

from ingest.extract.parties import read_parties, smart_title, title_party_names
from ingest.extract.parties.names import split_name, wrong_name
from ingest.structure import outline
from tests.ingest.casetable import load

CASES = load("parties.json") + load("parties.id.json") + load("parties.en.json")


def _read(row: dict[str, Any]) -> Any:
    text: str = row["text"]
    structure = outline(text, row["language"])
    return read_parties(
        text,
        structure.opening_start,
        structure.preamble_end,
        language=row["language"],
        title=row["title"],
        signatures=text[structure.signatures_start :],
    )


@pytest.mark.parametrize("row", CASES)
def test_parties_are_found_with_signers(row: dict[str, Any]) -> None:
    reading = _read(row)
    got = [
        [f.value.role, f.value.name, f.value.representative, f.value.position]
        for f in reading.parties
    ]
    assert got == row["parties"]
    for f in reading.parties:
        assert 0 <= f.span[0] < f.span[1] <= len(row["text"])


@pytest.mark.parametrize(
    "row", [c for c in CASES if "doubts" in c.values[0] or c.values[0].get("no_doubts")]
)
def test_parties_say_what_may_be_wrong(row: dict[str, Any]) -> None:
    doubts = {(d.code, d.item) for d in _read(row).doubts}
    if row.get("no_doubts"):
        assert doubts == set()
    for code, item in row.get("doubts", []):
        assert (code, item) in doubts, doubts


@pytest.mark.parametrize("row", load("names.csv"))
def test_a_name_keeps_its_titles_and_the_office_follows(row: dict[str, str]) -> None:
    split = split_name(row["text"])
    assert split.name == row["name"]
    assert split.rest.strip(" ,:") == row["rest"]


@pytest.mark.parametrize("row", load("name_shapes.csv"))
def test_only_a_name_shaped_value_is_a_name(row: dict[str, str]) -> None:
    assert (wrong_name(row["value"]) is None) is (row["is_name"] == "true")


def test_title_block_names_split_on_dengan_before_dan() -> None:
    title = (
        "PERJANJIAN ANTARA FAKULTAS KEDOKTERAN DAN ILMU KESEHATAN DENGAN DINAS KESEHATAN TENTANG X"
    )
    assert title_party_names(title) == ["FAKULTAS KEDOKTERAN DAN ILMU KESEHATAN", "DINAS KESEHATAN"]


def test_smart_title_keeps_acronyms_upper() -> None:
    assert (
        smart_title("PT. LOUIS ALAIN DAN SMK NEGERI 6 BATAM")
        == "PT. Louis Alain dan SMK Negeri 6 Batam"
    )
