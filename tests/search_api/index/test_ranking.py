"""Ranking decisions of the embedded index (Meilisearch ranks by its own rules: see meili.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from search_api.index.base import IndexedAgreement, IndexedClause, SearchQuery
from search_api.index.embedded import EmbeddedIndex
from search_api.index.synonyms import DEFAULT_SYNONYMS


def _agreement(agreement_id: str, text: str) -> IndexedAgreement:
    return IndexedAgreement(
        agreement_id=agreement_id,
        title=f"PERJANJIAN KERJA SAMA {agreement_id.upper()}",
        subject=None,
        doc_type="agreement",
        language="id",
        numbers=[],
        parties=["Pemerintah Kabupaten Gowa", f"Mitra {agreement_id}"],
        signed_date=date(2023, 1, 1),
        expiry_date=None,
        clauses=[IndexedClause(f"{agreement_id}-1", 1, "1", "PELAKSANAAN", None, text)],
    )


def _index(tmp_path: Path) -> EmbeddedIndex:
    index = EmbeddedIndex(tmp_path, DEFAULT_SYNONYMS)
    index.upsert_many(
        [
            _agreement("a", "Pemerintah daerah menyediakan sarana dan prasarana kegiatan."),
            _agreement("b", "Perintah tertulis diberikan paling lambat tujuh hari sebelumnya."),
            _agreement("c", "Para pihak melaksanakan kegiatan sesuai rencana kerja tahunan."),
        ]
    )
    return index


def test_the_exact_word_typed_ranks_above_a_word_that_only_shares_its_stem(
    tmp_path: Path,
) -> None:
    """Sastrawi stems 'pemerintah' (government) to 'perintah' (an order): both clauses match
    either word, and the one that says what was typed comes first; a clause that matches only
    through its agreement's parties (Pemerintah Kabupaten Gowa) comes last."""
    index = _index(tmp_path)
    try:
        order = [h.clause_id for h in index.search(SearchQuery(q="perintah ")).hits]
        assert order == ["b-1", "a-1", "c-1"]
        order = [h.clause_id for h in index.search(SearchQuery(q="pemerintah ")).hits]
        assert order[0] == "a-1"
    finally:
        index.close()


def test_a_word_typed_twice_weighs_as_much_as_once(tmp_path: Path) -> None:
    index = _index(tmp_path)
    try:
        once = index.search(SearchQuery(q="kegiatan sarana "))
        twice = index.search(SearchQuery(q="kegiatan kegiatan sarana "))
        assert [(h.clause_id, h.score) for h in twice.hits] == [
            (h.clause_id, h.score) for h in once.hits
        ]
        assert once.total == twice.total == 1
    finally:
        index.close()


def test_the_term_typed_ranks_above_a_clause_holding_two_of_its_synonyms(tmp_path: Path) -> None:
    # English boilerplate says 'breach' and 'default' in one sentence; both are found by
    # 'wanprestasi' (one way), but the clause saying 'wanprestasi' comes first
    index = EmbeddedIndex(tmp_path, DEFAULT_SYNONYMS)
    index.upsert_many(
        [
            _agreement(
                "en",
                "The execution of this Agreement will not result in a breach of, or constitute "
                "a default under, any other agreement to which the Company is a party.",
            ),
            _agreement(
                "id",
                "Apabila salah satu pihak melakukan wanprestasi, pihak lain dapat mengakhiri "
                "Perjanjian ini setelah teguran tertulis kedua.",
            ),
            # clauses holding none of the words, as most do
            *(
                _agreement(f"other{n}", f"Kegiatan tahap {n} dilaksanakan sesuai rencana kerja.")
                for n in range(8)
            ),
        ]
    )
    try:
        hits = index.search(SearchQuery(q="wanprestasi ")).hits
        assert [h.agreement_id for h in hits] == ["id", "en"]
        # and an inflection of a term counts as that term typed
        terms = index.search(SearchQuery(q="breaches ")).hits
        assert [h.agreement_id for h in terms] == ["en"]
    finally:
        index.close()
