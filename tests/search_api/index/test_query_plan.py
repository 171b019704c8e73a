"""How the embedded index runs a query changes its speed, never its answer (issue #14, latency):
a scoring part asked about each found record and one scanned with the others give the same
hits, scores and totals; a query compiled before a commit finds what the commit added."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from search_api.index import embedded
from search_api.index.base import IndexedAgreement, IndexedClause, SearchPage, SearchQuery
from search_api.index.embedded import EmbeddedIndex
from search_api.index.synonyms import DEFAULT_SYNONYMS
from tests.search_api.conftest import real_indexed

# A word no agreement holds, too far from any word for a typo to reach.
NOWHERE = "zxqvw"

QUERIES = [
    "biaya",
    "pihak kedua",  # two common words
    "biaya diperlukan dibebankan",  # a rare word with common ones
    "kewajiban para pihak",
    "jangka waktu perjanjian",
    "keadaan kahar",
    "adendum",  # a synonym group
    "penyelesaian perselisihan",
    "pengakhiran perjanjian",
    "tanggung jawab",
    "tanggungjawab",  # a compound
    "pelaksanan kegiatan",  # a typo
    "perjanj",  # a prefix, being typed
    '"masing-masing pihak" biaya',  # a phrase
    f"biaya diperlukan dibebankan {NOWHERE} ",  # relaxed: all words but one
    f"pemantauan evaluasi pelaksanaan sendiri {NOWHERE} ",
    "B/422/401/SMKN6/2022 biaya",  # an agreement number
    "pasal 5 biaya",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedIndex]:
    found = EmbeddedIndex(tmp_path_factory.mktemp("plan") / "tantivy", DEFAULT_SYNONYMS)
    found.upsert_many(real_indexed())
    yield found
    found.close()


def answered(index: EmbeddedIndex, ratio: float, **kwargs: object) -> SearchPage:
    """A search with every query compiled again under this seek ratio."""
    old = embedded._SEEK_RATIO
    embedded._SEEK_RATIO = ratio
    try:
        index._forget_queries()
        return index.search(SearchQuery(limit=500, **kwargs))  # type: ignore[arg-type]
    finally:
        embedded._SEEK_RATIO = old
        index._forget_queries()


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("scope", ["clauses", "agreements"])
def test_asking_each_found_record_and_scanning_give_the_same_answer(
    index: EmbeddedIndex, q: str, scope: str
) -> None:
    # 0: every scoring part asked about each found record; 1e9: all of them scanned together.
    seek, scan = (answered(index, ratio, q=q, scope=scope) for ratio in (0.0, 1e9))
    assert (seek.total, seek.partial, seek.facets) == (scan.total, scan.partial, scan.facets)
    assert len(seek.hits) == len(scan.hits)
    # Every hit of the index (limit 500): the same records, each with the same score (summed
    # in another order, so up to its last bits).
    scores = {h.clause_id or h.agreement_id: h.score for h in scan.hits}
    for hit in seek.hits:
        assert hit.score == pytest.approx(scores[hit.clause_id or hit.agreement_id], rel=1e-5)
    ranked = [h.score for h in seek.hits]
    assert ranked == sorted(ranked, reverse=True)


def test_the_strict_queries_of_the_list_find_something(index: EmbeddedIndex) -> None:
    # The comparison above means little on empty answers.
    empty = [q for q in QUERIES if not answered(index, 1.0, q=q).total]
    assert empty == []


def _agreement(agreement_id: str, language: str, texts: list[str]) -> IndexedAgreement:
    return IndexedAgreement(
        agreement_id=agreement_id,
        title="PERJANJIAN KERJA SAMA",
        subject=None,
        doc_type="agreement",
        language=language,
        numbers=[],
        parties=["Politeknik Negeri Batam", "PT Contoh Industri"],
        signed_date=date(2022, 5, 10),
        expiry_date=None,
        clauses=[
            IndexedClause(f"{agreement_id}-{n}", n, str(n), None, None, text)
            for n, text in enumerate(texts, 1)
        ],
    )


def found(index: EmbeddedIndex, q: str) -> set[str | None]:
    return {h.clause_id for h in index.search(SearchQuery(q=q)).hits}


def test_a_query_asked_before_a_commit_finds_what_the_commit_added(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path / "tantivy")
    try:
        # 'services' in an Indonesian sentence: its Indonesian reading is indexed, its English
        # one ('servic') is not, so the compiled query leaves that reading out...
        first = [
            "PIHAK KEDUA menyediakan services pelatihan kerja.",
            "The Party provides training.",
        ]
        index.upsert(_agreement("a", "id", first))
        assert found(index, "services ") == {"a-1"}
        # ...until an English clause holds it, in words the index knew already (no new word,
        # which would have had the queries compiled again anyway).
        index.upsert(_agreement("b", "en", ["The Party provides services."]))
        assert found(index, "services ") == {"a-1", "b-1"}
    finally:
        index.close()
