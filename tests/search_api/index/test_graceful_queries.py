"""Long queries that no clause holds whole, on both engines (issue #14.2): the clauses holding
most of the typed words are found, those holding more first; a quoted phrase still must match."""

from __future__ import annotations

import html
import re

from search_api.index.base import SearchIndex, SearchPage, SearchQuery

# A word no agreement holds, too far from any word for a typo to reach.
NOWHERE = "zxqvw"


def search(index: SearchIndex, q: str, **kwargs: object) -> SearchPage:
    return index.search(SearchQuery(q=q, **kwargs))  # type: ignore[arg-type]


def test_a_clause_holding_all_but_one_word_is_found_and_marked_partial(
    loaded_index: SearchIndex,
) -> None:
    page = search(loaded_index, f"biaya diperlukan dibebankan {NOWHERE} ")
    assert page.partial
    assert page.hits[0].clause_id == "id-pks-louis-alain-smkn6-5"  # BIAYA: holds three of four


def test_clauses_holding_more_of_the_words_rank_first(loaded_index: SearchIndex) -> None:
    # Both agreements' PEMANTAUAN DAN EVALUASI clauses hold the four real words; a clause that
    # only mentions 'pelaksanaan' holds one of five and is below them.
    page = search(loaded_index, f"pemantauan evaluasi pelaksanaan sendiri {NOWHERE} ")
    assert page.partial
    assert {h.clause_id for h in page.hits[:2]} == {
        "id-pks-louis-alain-smkn6-7",
        "id-pks-dsaw-smkn6-batam--5",
    }


def test_a_query_whose_words_a_clause_holds_less_than_half_of_stays_empty(
    loaded_index: SearchIndex,
) -> None:
    for q in (f"biaya {NOWHERE} ", f"biaya diperlukan {NOWHERE} qqxxz "):
        page = search(loaded_index, q)
        assert (page.total, page.partial) == (0, False), q


def test_a_query_every_word_of_which_a_clause_holds_is_not_partial(
    loaded_index: SearchIndex,
) -> None:
    page = search(loaded_index, "biaya diperlukan dibebankan ")
    assert page.total and not page.partial


def test_a_quoted_phrase_still_must_match_when_other_words_are_let_go(
    loaded_index: SearchIndex,
) -> None:
    q = f'"masing-masing pihak" biaya dibebankan {NOWHERE} '
    page = search(loaded_index, q)
    assert page.partial and page.hits
    for hit in page.hits:
        shown = html.unescape(re.sub(r"</?mark>", "", hit.snippet)).lower()
        assert "masing-masing pihak" in shown, hit
    # The phrase with words that no clause holds next to it finds nothing.
    assert not search(loaded_index, f'"pihak kesatu wajib biaya" biaya {NOWHERE} qqxxz ').total


def test_a_relaxed_search_sorted_by_date_or_past_the_first_page_is_still_partial(
    loaded_index: SearchIndex,
) -> None:
    q = f"pemantauan evaluasi pelaksanaan sendiri {NOWHERE} "
    by_date = search(loaded_index, q, sort="date")
    assert by_date.partial and by_date.total
    assert search(loaded_index, q, offset=1).partial


def test_an_agreement_number_in_clause_scope_gives_its_card_above_its_clauses(
    loaded_index: SearchIndex,
) -> None:
    page = search(loaded_index, "B/422/401/SMKN6/2022")
    assert [a.agreement_id for a in page.agreements] == ["id-pks-louis-alain-smkn6"]
    assert page.hits and {h.agreement_id for h in page.hits} == {"id-pks-louis-alain-smkn6"}
    # With words: the card stays, its matching clause first.
    worded = search(loaded_index, "B/422/401/SMKN6/2022 biaya ")
    assert [a.agreement_id for a in worded.agreements] == ["id-pks-louis-alain-smkn6"]
    assert worded.hits[0].clause_id == "id-pks-louis-alain-smkn6-5"
    # No number typed: no card.
    assert search(loaded_index, "biaya ").agreements == []


def test_a_pasal_number_in_agreement_scope_finds_the_agreement(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "B/422/401/SMKN6/2022 pasal 5", scope="agreements")
    assert [h.agreement_id for h in page.hits] == ["id-pks-louis-alain-smkn6"]
