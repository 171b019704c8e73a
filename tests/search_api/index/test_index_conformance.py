"""One behaviour, both engines: every test runs on the embedded index and, when NASKAH_MEILI_URL
is set, on Meilisearch. Data: real agreements from ../shared/corpus/real (see conftest)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from search_api.index.base import SearchIndex, SearchPage, SearchQuery
from tests.search_api.conftest import clause_id, real_indexed

LOUIS = "id-pks-louis-alain-smkn6-batam-2022"
DSAW = "id-pks-dsaw-smkn6-batam-2021"
TRISAKTI = "id-pks-draft-trisakti-warmadewa-fk-2022"
TEMPLATE = "id-template-perjanjian-bagi-hasil-2024"
TODAY = date(2024, 6, 1)


def search(index: SearchIndex, q: str, **kwargs: object) -> SearchPage:
    return index.search(SearchQuery(q=q, today=TODAY, **kwargs))  # type: ignore[arg-type]


def clause_ids(page: SearchPage) -> set[str | None]:
    return {h.clause_id for h in page.hits}


@pytest.mark.parametrize("q", ["kerjasama", "kerja sama ", "bekerja sama "])
def test_every_spelling_of_kerja_sama_finds_the_joined_and_the_split_form(
    loaded_index: SearchIndex, q: str
) -> None:
    found = clause_ids(search(loaded_index, q, limit=100))
    assert clause_id(TEMPLATE, 2) in found  # "saling bekerjasama"
    assert clause_id(LOUIS, 1) in found  # "Perjanjian Kerja Sama"


def test_penyelesaian_finds_a_clause_that_says_menyelesaikannya(loaded_index: SearchIndex) -> None:
    found = clause_ids(search(loaded_index, "penyelesaian "))
    assert clause_id(LOUIS, 10) in found
    assert clause_id(TEMPLATE, 4) in found  # "diselesaikan"


def test_a_misspelled_word_with_one_typo_still_finds_the_clause(loaded_index: SearchIndex) -> None:
    assert clause_id(LOUIS, 10) in clause_ids(search(loaded_index, "perselisihn "))


def test_a_long_word_with_two_typos_still_finds_the_clause(loaded_index: SearchIndex) -> None:
    assert clause_id(LOUIS, 7) in clause_ids(search(loaded_index, "pemantuaan evaluasi "))


def test_a_short_word_allows_no_typo(loaded_index: SearchIndex) -> None:
    # 'biaxa' is five letters, one typo from 'biaya'; 'bixa' is four letters: no typo allowed.
    assert clause_id(LOUIS, 5) in clause_ids(search(loaded_index, "biaxa "))
    assert search(loaded_index, "bixa ").total == 0


def test_an_unfinished_last_word_matches_as_a_prefix(loaded_index: SearchIndex) -> None:
    found = clause_ids(search(loaded_index, "korespond"))
    assert clause_id(LOUIS, 8) in found
    assert search(loaded_index, "korespond ").total == 0  # a finished word is not a prefix


def test_a_quoted_phrase_matches_those_words_in_that_order(loaded_index: SearchIndex) -> None:
    found = clause_ids(search(loaded_index, '"jangka waktu 5 (lima) tahun"', limit=100))
    assert clause_id(LOUIS, 6) in found
    assert clause_id(TRISAKTI, 9) not in found  # "berlaku 3 (tiga) tahun"


def test_a_quoted_phrase_is_not_stemmed(loaded_index: SearchIndex) -> None:
    found = clause_ids(search(loaded_index, '"diselesaikan secara"'))
    assert found == {clause_id(TEMPLATE, 4)}
    # Unquoted, 'diselesaikan' meets 'menyelesaikannya' through its stem.
    assert clause_id(LOUIS, 10) in clause_ids(search(loaded_index, "diselesaikan secara "))


@pytest.mark.parametrize("q", ["kahar", "overmacht ", "keadaan memaksa "])
def test_force_majeure_synonyms_find_the_force_majeure_clause(
    loaded_index: SearchIndex, q: str
) -> None:
    assert clause_id(TRISAKTI, 10) in clause_ids(search(loaded_index, q))


def test_sengketa_finds_a_clause_that_only_says_perselisihan(loaded_index: SearchIndex) -> None:
    found = clause_ids(search(loaded_index, "sengketa "))
    assert {clause_id(LOUIS, 10), clause_id(TEMPLATE, 4)} <= found


def test_filters_narrow_by_party_category_year_status_and_type(loaded_index: SearchIndex) -> None:
    q = "perselisihan "
    assert clause_ids(search(loaded_index, q, party="PT. Louis Alain")) == {clause_id(LOUIS, 10)}
    by_category = search(loaded_index, "kerja sama ", category="term", limit=100)
    assert {h.category for h in by_category.hits} == {"term"}
    in_2021 = search(loaded_index, "", year_from=2021, year_to=2021, limit=100)
    assert {h.agreement_id for h in in_2021.hits} == {DSAW[:24]}
    expired = search(loaded_index, "", status="expired", scope="agreements", limit=100)
    assert {h.agreement_id for h in expired.hits} == set()  # none expired by 2024-06-01
    active = search(loaded_index, "", status="active", scope="agreements", limit=100)
    assert {h.agreement_id for h in active.hits} == {LOUIS[:24], DSAW[:24], TRISAKTI[:24]}
    assert search(loaded_index, q, doc_type="mou").total == 0
    assert search(loaded_index, q, language="en").total == 0


def test_the_status_filter_counts_the_later_end_an_addendum_gives(
    empty_index: SearchIndex,
) -> None:
    """The register's one definition (store/standing.py): an agreement whose own expiry has
    passed is active while an addendum citing it ends later; without one it has expired."""
    louis, dsaw = real_indexed()[:2]
    ended = date(2023, 12, 31)
    empty_index.upsert_many(
        [
            replace(louis, expiry_date=ended, extended_until=date(2026, 6, 30)),
            replace(dsaw, expiry_date=ended),
        ]
    )

    def found(status: str) -> set[str]:
        page = search(empty_index, "", status=status, scope="agreements", limit=100)
        return {h.agreement_id for h in page.hits}

    assert found("active") == {louis.agreement_id}
    assert found("expired") == {dsaw.agreement_id}
    facets = search(empty_index, "", scope="agreements").facets["status"]
    assert facets.get("active") == 1 and facets.get("expired") == 1
    # the addendum is deleted: the agreement is indexed again without the later end
    empty_index.upsert(replace(louis, expiry_date=ended))
    assert found("active") == set()
    assert found("expired") == {louis.agreement_id, dsaw.agreement_id}


def test_a_partner_type_filter_keeps_agreements_with_such_a_party(
    loaded_index: SearchIndex,
) -> None:
    # Louis Alain and DSAW are companies with a school; Trisakti and Warmadewa are universities
    companies = search(loaded_index, "", partner_type="company", scope="agreements", limit=100)
    assert {h.agreement_id for h in companies.hits} == {LOUIS[:24], DSAW[:24]}
    clauses = search(loaded_index, "kerja sama ", partner_type="university", limit=100)
    assert clauses.total > 0
    assert {h.agreement_id for h in clauses.hits} == {TRISAKTI[:24]}
    assert search(loaded_index, "", partner_type="region").total == 0


def test_facets_count_the_matching_clauses_per_value(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "jangka waktu ", limit=1)
    assert page.facets["category"]["term"] == 3  # Louis Alain, DSAW, Trisakti
    assert page.facets["party"]["PT. Louis Alain"] >= 1
    assert page.facets["year"]["2022"] >= 2
    assert sum(page.facets["status"].values()) == page.total


def test_snippets_mark_matches_and_escape_everything_else(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "alert ")
    assert [h.clause_id for h in page.hits] == [clause_id(TEMPLATE, 5)]
    snippet = page.hits[0].snippet
    assert "<mark>alert</mark>" in snippet
    assert "&lt;script&gt;" in snippet
    assert "<script>" not in snippet
    assert "&amp;" in snippet


def test_snippets_mark_stemmed_forms(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "penyelesaian ")
    louis = next(h for h in page.hits if h.clause_id == clause_id(LOUIS, 10))
    assert "<mark>menyelesaikannya</mark>" in louis.snippet


def test_an_agreement_number_finds_exactly_that_agreement(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "B/415.4/475/SMKN6/2021", scope="agreements")
    assert [h.agreement_id for h in page.hits] == [DSAW[:24]]
    clauses = search(loaded_index, "B/422/401/SMKN6/2022", limit=100)
    assert {h.agreement_id for h in clauses.hits} == {LOUIS[:24]}
    assert clauses.total == 11


def test_pasal_and_a_number_find_that_clause(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "pasal 10 perselisihan ")
    assert clause_ids(page) == {clause_id(LOUIS, 10)}


def test_agreement_scope_answers_agreements(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "kedokteran", scope="agreements")
    assert [h.agreement_id for h in page.hits] == [TRISAKTI[:24]]
    assert page.hits[0].clause_id is None


def test_sort_by_date_puts_the_newest_first(loaded_index: SearchIndex) -> None:
    page = search(loaded_index, "", scope="agreements", sort="date", limit=10)
    dated = [h.signed_date for h in page.hits if h.signed_date]
    assert dated == sorted(dated, reverse=True)
    assert page.hits[0].agreement_id == LOUIS[:24]


def test_pages_do_not_overlap_and_cover_the_total(loaded_index: SearchIndex) -> None:
    first = search(loaded_index, "kerja sama ", limit=5, offset=0)
    second = search(loaded_index, "kerja sama ", limit=5, offset=5)
    assert first.total == second.total > 10
    assert not clause_ids(first) & clause_ids(second)


def test_similar_clauses_rank_near_identical_wording_first(loaded_index: SearchIndex) -> None:
    hits = loaded_index.similar_clauses(clause_id(LOUIS, 6), 5)
    assert hits[0].clause_id == clause_id(DSAW, 4)  # same template's JANGKA WAKTU
    assert hits[0].score > 0.9
    assert all(h.agreement_id != LOUIS[:24] for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[-1].score < hits[0].score


def test_a_pasted_draft_finds_its_closest_precedents(loaded_index: SearchIndex) -> None:
    draft = (
        "Apabila terjadi perselisihan antara para pihak akan diselesaikan secara "
        "kekeluargaan terlebih dahulu."
    )
    hits = loaded_index.similar_to_text(draft, 3)
    assert hits[0].clause_id == clause_id(TEMPLATE, 4)
    assert 0 < hits[0].score < 1


def test_deleting_an_agreement_removes_all_its_records(empty_index: SearchIndex) -> None:
    records = real_indexed()
    empty_index.upsert_many(records)
    before = empty_index.count()
    empty_index.delete(LOUIS[:24])
    assert empty_index.count() == before - 12  # 11 clauses and the agreement's record
    assert search(empty_index, "B/422/401/SMKN6/2022").total == 0


def test_upserting_again_replaces_instead_of_duplicating(empty_index: SearchIndex) -> None:
    records = real_indexed()
    empty_index.upsert_many(records)
    empty_index.upsert(records[0])
    assert empty_index.count() == sum(len(r.clauses) + 1 for r in records)
