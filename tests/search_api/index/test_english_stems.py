"""English inflections agree, on both engines (issue #14.1): a noun, its verb and their -ing and
-ed forms find the same English clauses, with the synonym groups and without them."""

from __future__ import annotations

from datetime import date

import pytest

from search_api.index.base import (
    IndexedAgreement,
    IndexedClause,
    SearchIndex,
    SearchQuery,
    SynonymGroup,
)
from search_api.index.synonyms import DEFAULT_SYNONYMS

# Clauses as English cooperation agreements word them: each family's words in several forms.
ENGLISH = [
    (
        "TERMINATION",
        "Either Party may terminate this Agreement by giving the other Party thirty (30) days' "
        "written notice.",
    ),
    (
        "EFFECT OF TERMINATION",
        "Upon termination of this Agreement, each Party shall return the Confidential "
        "Information of the other Party.",
    ),
    (
        "TERM",
        "This Agreement shall remain in force for three (3) years unless terminated earlier in "
        "accordance with Article 9.",
    ),
    (
        "OBLIGATIONS OF THE PARTIES",
        "The Company is obliged to provide training facilities; its other obligations are "
        "listed in Annex 1.",
    ),
    (
        "GOVERNING LAW",
        "This Agreement is governed by and construed in accordance with the laws of the "
        "Republic of Indonesia.",
    ),
    (
        "CONFIDENTIALITY",
        "Neither Party shall disclose the other Party's information while the Agreement is in "
        "force.",
    ),
]
INDONESIAN = [
    (
        "PENGAKHIRAN",
        "Perjanjian ini dapat diakhiri sebelum jangka waktunya berakhir atas kesepakatan PARA "
        "PIHAK.",
    ),
    ("KEWAJIBAN", "PIHAK KEDUA wajib menyediakan tempat praktik bagi siswa."),
]
FAMILIES = {
    "terminate": (
        ("terminate", "termination", "terminating", "terminated"),
        {"en-1", "en-2", "en-3"},
    ),
    "oblige": (("obligation", "obligations", "obliged"), {"en-4"}),
    "govern": (("governed", "governing", "govern"), {"en-5"}),
}


def _agreement(
    agreement_id: str, language: str, clauses: list[tuple[str, str]]
) -> IndexedAgreement:
    return IndexedAgreement(
        agreement_id=agreement_id,
        title="COOPERATION AGREEMENT" if language == "en" else "PERJANJIAN KERJA SAMA",
        subject=None,
        doc_type="agreement",
        language=language,
        numbers=[],
        parties=["Politeknik Negeri Batam", "PT Contoh Industri"],
        signed_date=date(2022, 5, 10),
        expiry_date=None,
        clauses=[
            IndexedClause(f"{agreement_id}-{n}", n, str(n), heading, None, text)
            for n, (heading, text) in enumerate(clauses, 1)
        ],
    )


@pytest.fixture
def index(empty_index: SearchIndex) -> SearchIndex:
    empty_index.upsert_many([_agreement("en", "en", ENGLISH), _agreement("id", "id", INDONESIAN)])
    return empty_index


def found(index: SearchIndex, q: str) -> set[str | None]:
    return {h.clause_id for h in index.search(SearchQuery(q=q, limit=50)).hits}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_inflections_of_an_english_word_find_the_same_english_clauses_without_synonyms(
    index: SearchIndex, family: str
) -> None:
    index.set_synonyms([])
    words, expected = FAMILIES[family]
    for word in words:
        assert found(index, f"{word} ") == expected, word


def test_terminate_termination_and_terminating_agree_with_the_default_synonyms(
    index: SearchIndex,
) -> None:
    index.set_synonyms(DEFAULT_SYNONYMS)
    words, english = FAMILIES["terminate"]
    answers = {word: found(index, f"{word} ") for word in words}
    # every form also finds the Indonesian termination clause ('pengakhiran' is in the group:
    # 'diakhiri' shares its root)
    assert all(answer == english | {"id-1"} for answer in answers.values()), answers
    # and the same English clause comes first whichever form was typed
    firsts = {index.search(SearchQuery(q=f"{w} ")).hits[0].clause_id for w in words}
    assert len(firsts) == 1 and firsts <= english


def test_an_english_inflection_of_a_synonym_expands_to_its_group(index: SearchIndex) -> None:
    index.set_synonyms([SynonymGroup("obligation", ("obligation", "kewajiban"))])
    assert found(index, "obliged ") == {"en-4", "id-2"}
