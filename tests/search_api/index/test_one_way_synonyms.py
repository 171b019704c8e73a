"""One-way synonyms on both engines (issue #14.5): an addendum is a change, not every change is
an addendum. 'adendum' also finds 'perubahan'; 'perubahan' does not find 'adendum'."""

from __future__ import annotations

import pytest

from search_api.index.base import SearchIndex, SearchQuery, SynonymGroup
from search_api.index.synonyms import DEFAULT_SYNONYMS
from tests.search_api.index.test_compounds import agreement

CLAUSES = {
    "adendum": (
        "ADENDUM",
        "Hal-hal yang belum diatur akan dituangkan dalam adendum yang ditandatangani PARA PIHAK.",
    ),
    "alamat": (
        "KORESPONDENSI",
        "Perubahan alamat korespondensi wajib diberitahukan secara tertulis kepada pihak lain.",
    ),
    "sengketa": (
        "PENYELESAIAN PERSELISIHAN",
        "Setiap perselisihan diselesaikan secara musyawarah untuk mufakat.",
    ),
    "arbitrase": (
        "ARBITRASE",
        "Apabila musyawarah tidak berhasil, perkara diselesaikan melalui arbitrase.",
    ),
}


@pytest.fixture
def index(empty_index: SearchIndex) -> SearchIndex:
    empty_index.set_synonyms(DEFAULT_SYNONYMS)
    empty_index.upsert_many([agreement(k, h, t) for k, (h, t) in CLAUSES.items()])
    return empty_index


def found(index: SearchIndex, q: str) -> set[str | None]:
    return {h.clause_id for h in index.search(SearchQuery(q=q, limit=50)).hits}


def test_adendum_also_finds_a_change_but_a_change_does_not_find_adendum(
    index: SearchIndex,
) -> None:
    assert found(index, "adendum ") == {"adendum-1", "alamat-1"}
    assert found(index, "perubahan ") == {"alamat-1"}


def test_a_dispute_finds_arbitration_and_arbitration_only_itself(index: SearchIndex) -> None:
    assert {"sengketa-1", "arbitrase-1"} <= found(index, "sengketa ")
    assert found(index, "arbitrase ") == {"arbitrase-1"}
    assert found(index, "arbitration ") == {"arbitrase-1"}


def test_an_edited_group_made_both_ways_finds_both_ways(index: SearchIndex) -> None:
    index.set_synonyms([SynonymGroup("change", ("adendum", "perubahan"))])
    assert found(index, "perubahan ") == {"adendum-1", "alamat-1"}
