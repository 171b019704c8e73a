"""A stored agreement is checked as it was read: the store keeps its text and its clauses,
not the clauses' places in the text, and the checks find those again (facts.placed)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from ingest.model import Agreement, Clause, agreement_from_dict
from ingest.structure import outline
from search_api.compliance import CheckContext, check_agreement
from search_api.compliance.facts import placed
from tests.conftest import CORPUS
from tests.search_api.compliance_drafts import corpus_agreement

TODAY = date(2026, 12, 6)
TEXT_LAYER = [
    gold.stem
    for gold in sorted(CORPUS.glob("*.json"))
    if not json.loads(gold.read_text(encoding="utf-8"))["source"]["ocr"]
]


def as_stored(agreement: Agreement) -> Agreement:
    """What the store gives back (search_api/store/db.py `_stored_from`): the schema dict
    with the text and the values' spans and the kept profile, the clauses without their spans."""
    return replace(
        agreement_from_dict(agreement.to_dict()),
        text=agreement.text,
        spans=agreement.spans,
        profile=agreement.profile,
    )


@pytest.mark.parametrize("name", TEXT_LAYER)
def test_a_stored_agreement_gets_the_findings_it_got_when_read(name: str) -> None:
    read = corpus_agreement(name)
    stored = as_stored(read)
    assert all(c.span == (0, 0) for c in stored.clauses)
    context = CheckContext(today=TODAY)
    before = check_agreement(read, context)
    after = check_agreement(stored, context)
    assert [(f.rule, f.status, f.clauses) for f in after.findings] == [
        (f.rule, f.status, f.clauses) for f in before.findings
    ]


def test_stored_clauses_find_their_pasal_by_number_in_reading_order() -> None:
    read = corpus_agreement("id-pks-draft-trisakti-warmadewa-fk-2022")
    blocks = outline(read.text, read.language).clauses
    again = placed(as_stored(read).clauses, blocks)
    assert [c.span for c in again] == [c.span for c in read.clauses]


def test_a_clause_the_outline_no_longer_has_stays_without_a_place() -> None:
    read = corpus_agreement("id-pks-draft-trisakti-warmadewa-fk-2022")
    blocks = outline(read.text, read.language).clauses
    extra = Clause(number="99", heading="TAMBAHAN", category="other", text="ditambahkan")
    clauses = [*as_stored(read).clauses[:3], extra, *as_stored(read).clauses[3:]]
    again = placed(clauses, blocks)
    assert again[3].span == (0, 0)
    assert [c.span for c in again if c is not again[3]] == [c.span for c in read.clauses]


def test_clauses_read_with_their_spans_are_kept_as_they_are() -> None:
    read = corpus_agreement("id-pks-draft-trisakti-warmadewa-fk-2022")
    assert placed(read.clauses, ()) == tuple(read.clauses)
