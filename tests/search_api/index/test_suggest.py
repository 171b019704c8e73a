from __future__ import annotations

from pathlib import Path

from search_api.index.base import SearchQuery
from search_api.index.embedded import EmbeddedIndex
from search_api.index.suggest import corrected, reach
from search_api.index.synonyms import DEFAULT_SYNONYMS
from tests.search_api.conftest import real_indexed


def test_reach_is_one_edit_past_the_search_typo_budget_and_at_most_two() -> None:
    assert [reach("a" * n) for n in (3, 4, 5, 8, 9, 12)] == [0, 1, 2, 2, 2, 2]


def test_corrected_replaces_words_by_their_folded_form_and_keeps_the_rest() -> None:
    raw = '"Jangka Waktu" Biya 445/23/UHK pendidkan '
    assert (
        corrected(raw, {"biya": "biaya", "pendidkan": "pendidikan"})
        == '"Jangka Waktu" biaya 445/23/UHK pendidikan '
    )


def test_the_embedded_index_corrects_only_the_words_that_matched_nothing(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path, DEFAULT_SYNONYMS)
    try:
        index.upsert_many(real_indexed())
        # 'pserat': two edits from 'peserta', one past a six-letter word's budget
        assert index.search(SearchQuery(q="biaya pserat")).total == 0
        assert index.suggest("biaya pserat") == "biaya peserta"
        # 'pesrta' is within the budget: the search matched it, the miss is elsewhere
        assert index.suggest("pesrta kedokteran gigi") is None
        assert index.suggest("biaya peserta") is None  # every word known
        assert index.suggest("xqzvw") is None  # nothing near
    finally:
        index.close()
