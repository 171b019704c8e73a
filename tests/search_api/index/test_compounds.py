"""Compounds written joined or apart, on both engines (issue #14.3): either spelling finds both,
from the index's own words (no list). Meilisearch does it with its split and concatenated
queries, the embedded index from its vocabulary (search_api/index/query.py `with_compounds`)."""

from __future__ import annotations

from datetime import date

import pytest

from search_api.index.base import IndexedAgreement, IndexedClause, SearchIndex, SearchQuery
from tests.search_api.conftest import clause_id, real_indexed

TRISAKTI = "id-pks-draft-trisakti-warmadewa-fk-2022"
# Clauses as regional agreements write them: the same compound joined in one, apart in another.
CLAUSES = {
    "apart": (
        "TATA CARA PEMBAYARAN",
        "Tata cara pembayaran dana hibah diatur dalam petunjuk teknis yang disusun PARA PIHAK. "
        "Sumber daya manusia disediakan oleh PIHAK KEDUA.",
    ),
    "joined": (
        "PELAPORAN",
        "Tatacara pelaporan kegiatan dilaksanakan setiap triwulan. PIHAK PERTAMA menyediakan "
        "sumberdaya yang diperlukan dan dokumen dalam bentuk softcopy.",
    ),
    "scattered": (
        "PENGAWASAN",
        "Pengawasan dilakukan dengan cara yang disepakati; tata tertib kunjungan ditetapkan "
        "oleh PIHAK PERTAMA. Salinan diserahkan dalam bentuk soft copy dan cetak.",
    ),
}


def agreement(name: str, heading: str, text: str) -> IndexedAgreement:
    return IndexedAgreement(
        agreement_id=name,
        title=f"PERJANJIAN KERJA SAMA {name.upper()}",
        subject=None,
        doc_type="agreement",
        language="id",
        numbers=[],
        parties=["Pemerintah Kabupaten Gowa", "Universitas Contoh"],
        signed_date=date(2023, 3, 1),
        expiry_date=None,
        clauses=[IndexedClause(f"{name}-1", 1, "1", heading, None, text)],
    )


@pytest.fixture
def index(empty_index: SearchIndex) -> SearchIndex:
    empty_index.upsert_many(
        [*real_indexed(), *(agreement(k, h, t) for k, (h, t) in CLAUSES.items())]
    )
    return empty_index


def found(index: SearchIndex, q: str) -> set[str | None]:
    return {h.clause_id for h in index.search(SearchQuery(q=q, limit=100)).hits}


@pytest.mark.parametrize("q", ["tatacara ", "tata cara ", "tatacara", "Tata Cara pembayaran "])
def test_tata_cara_joined_or_apart_finds_both_spellings(index: SearchIndex, q: str) -> None:
    hits = found(index, q)
    assert "apart-1" in hits
    if "pembayaran" not in q.lower():
        assert "joined-1" in hits


def test_a_word_typed_joined_matches_its_two_words_only_side_by_side(index: SearchIndex) -> None:
    # 'cara' and 'tata' both stand in the scattered clause, but not as 'tata cara'
    assert "scattered-1" not in found(index, "tatacara ")
    # typed apart, the two words may stand anywhere, as before
    assert "scattered-1" in found(index, "tata cara ")


@pytest.mark.parametrize("q", ["softcopy ", "soft copy "])
def test_softcopy_joined_or_apart_finds_both(index: SearchIndex, q: str) -> None:
    assert {"joined-1", "scattered-1"} <= found(index, q)


@pytest.mark.parametrize("q", ["sumberdaya ", "sumber daya "])
def test_sumber_daya_finds_the_real_clause_that_writes_it_apart(index: SearchIndex, q: str) -> None:
    hits = found(index, q)
    # Trisakti's force majeure clause: "kegagalan sumber daya listrik"
    assert {clause_id(TRISAKTI, 7), clause_id(TRISAKTI, 10)} <= hits
    assert {"apart-1", "joined-1"} <= hits


def test_a_split_compound_marks_both_words_in_the_snippet(index: SearchIndex) -> None:
    page = index.search(SearchQuery(q="tatacara "))
    apart = next(h for h in page.hits if h.clause_id == "apart-1")
    assert "<mark>Tata</mark> <mark>cara</mark>" in apart.snippet
    joined = next(h for h in page.hits if h.clause_id == "joined-1")
    assert "<mark>Tatacara</mark>" in joined.snippet
