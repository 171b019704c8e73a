"""Facet counts on the embedded index's dense facet columns: party slots, the overflow slot and
a language every record shares must count exactly as a multi-valued column would."""

from __future__ import annotations

import threading
from datetime import date

from search_api.index.base import IndexedAgreement, IndexedClause, SearchQuery
from search_api.index.embedded import EmbeddedIndex


def agreement(
    agreement_id: str, parties: list[str], *, language: str = "id", category: str = "term"
) -> IndexedAgreement:
    return IndexedAgreement(
        agreement_id=agreement_id,
        title="Perjanjian Kerja Sama",
        subject=None,
        doc_type="agreement",
        language=language,
        numbers=[],
        parties=parties,
        signed_date=date(2022, 1, 5),
        expiry_date=None,
        clauses=[
            IndexedClause(
                f"{agreement_id}-1", 1, "1", "JANGKA WAKTU", category, "berlaku lima tahun"
            ),
            IndexedClause(f"{agreement_id}-2", 2, "2", "PENUTUP", None, "dibuat rangkap dua"),
        ],
    )


def test_facets_count_every_party_including_those_past_the_fourth() -> None:
    index = EmbeddedIndex(None)
    index.upsert_many(
        [
            agreement("a", ["Gowa", "Unhas"]),
            agreement("b", ["Gowa", "Unhas", "RSUD", "Bank", "Vale", "Takalar"]),
            agreement("c", ["Unhas", "Gowa", "Gowa"]),
        ]
    )
    page = index.search(SearchQuery(q="tahun "))
    assert page.total == 3
    assert page.facets["party"] == {
        "Gowa": 3,
        "Unhas": 3,
        "Bank": 1,
        "RSUD": 1,
        "Takalar": 1,
        "Vale": 1,
    }
    assert page.facets["language"] == {"id": 3}
    assert page.facets["category"] == {"term": 3}
    index.close()


def test_facets_count_languages_once_a_second_language_is_indexed() -> None:
    index = EmbeddedIndex(None)
    index.upsert(agreement("a", ["Gowa"]))
    assert index.search(SearchQuery(q="")).facets["language"] == {"id": 2}
    index.upsert(agreement("b", ["Gowa"], language="en"))
    clauses = index.search(SearchQuery(q="", language="en"))
    assert clauses.facets["language"] == {"en": 2}
    assert index.search(SearchQuery(q="")).facets["language"] == {"id": 2, "en": 2}
    assert index.search(SearchQuery(q="", scope="agreements")).facets["category"] == {"term": 2}
    index.close()


def test_counts_are_the_same_when_no_pool_thread_is_free_to_count() -> None:
    """The count runs beside the top hits on a pool thread; when none has taken it up by the
    time the hits are ready, the search counts itself: same total, same facets."""
    index = EmbeddedIndex(None)
    index.upsert_many([agreement("a", ["Gowa", "Unhas"]), agreement("b", ["Gowa", "RSUD"])])
    queries = [
        SearchQuery(q="tahun"),
        SearchQuery(q=""),
        SearchQuery(q="kerja", scope="agreements"),
        SearchQuery(q="dua", party="RSUD"),
    ]
    expected = [index.search(q) for q in queries]
    release = threading.Event()
    busy = [index._pool.submit(release.wait) for _ in range(2)]  # both pool threads
    try:
        assert [index.search(q) for q in queries] == expected
    finally:
        release.set()
        for future in busy:
            future.result()
    assert [p.total for p in expected] == [2, 4, 2, 1]
    assert expected[0].facets["party"] == {"Gowa": 2, "Unhas": 1, "RSUD": 1}
    index.close()
