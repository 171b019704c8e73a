from __future__ import annotations

from typing import Any

import pytest

from ingest.extract.parties import find_parties, smart_title, title_party_names
from ingest.structure import outline
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("parties.json"))
def test_parties_are_found_with_signers(row: dict[str, Any]) -> None:
    text: str = row["text"]
    structure = outline(text, row["language"])
    found = find_parties(
        text,
        structure.opening_start,
        structure.preamble_end,
        language=row["language"],
        title=row["title"],
        signatures=text[structure.signatures_start :],
    )
    got = [[f.value.role, f.value.name, f.value.representative, f.value.position] for f in found]
    assert got == row["parties"]
    for f in found:
        assert 0 <= f.span[0] < f.span[1] <= len(text)


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
