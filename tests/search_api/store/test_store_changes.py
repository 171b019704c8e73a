"""The trash, new versions and clause corrections in the store, on real SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from ingest.model import Agreement, Clause
from search_api.errors import (
    AgreementNotFound,
    ClauseNotFound,
    FileOfOtherAgreement,
    NotInTrash,
    SameVersion,
)
from search_api.store.clause_edits import add_of, split_of
from search_api.store.db import ListFilter, Store
from tests.search_api.conftest import DSAW_NAME, LOUIS_NAME, real_agreement


def new_file(agreement: Agreement, sha: str, **changes: object) -> Agreement:
    """The same agreement read from another file (the signed scan of a draft)."""
    source = replace(agreement.source, sha256=sha * 64, filename=f"{sha}.pdf")
    return replace(agreement, source=source, **changes)  # type: ignore[arg-type]


def test_an_agreement_in_the_trash_is_out_of_every_read_but_the_trash(store: Store) -> None:
    louis, _ = store.add(real_agreement(LOUIS_NAME), size=1, extractor_version="t")
    dsaw, _ = store.add(real_agreement(DSAW_NAME), size=1, extractor_version="t")
    store.done(store.pending(10))
    store.trash(louis.id, by="Ni Luh Ayu")

    with pytest.raises(AgreementNotFound):
        store.get(louis.id)
    with pytest.raises(ClauseNotFound):
        store.clause(louis.clauses[0].clause_id)
    assert [s.id for s in store.get_many([louis.id, dsaw.id])] == [dsaw.id]
    assert store.listing(ListFilter())[0] == 1
    assert store.count() == 1
    assert [i for i, _ in store.versions()] == [dsaw.id]
    assert store.shas() == {dsaw.sha256: dsaw.id}
    assert store.clause_texts([louis.id, dsaw.id], ["dispute_resolution", "other"]).keys() <= {
        dsaw.id
    }
    assert store.ids_after("", 10) == [dsaw.id]
    # its file is still needed, and a new upload of it names it
    assert store.kept_shas() == {louis.sha256, dsaw.sha256}
    assert store.is_file_referenced(louis.sha256)
    found = store.find_by_sha(louis.sha256)
    assert found is not None and found.trashed_by == "Ni Luh Ayu" and found.trashed_at
    [item] = store.trash_items()
    assert (item.stored.id, item.trashed_by) == (louis.id, "Ni Luh Ayu")
    assert [(p.agreement_id, p.op) for p in store.pending(10)] == [(louis.id, "delete")]

    restored = store.restore(louis.id)
    assert restored == store.get(louis.id)
    assert restored.agreement == louis.agreement and restored.trashed_at is None
    assert [(p.agreement_id, p.op) for p in store.pending(10)] == [(louis.id, "upsert")]
    with pytest.raises(NotInTrash):
        store.restore(louis.id)


def test_a_trashed_agreement_can_be_neither_corrected_nor_given_a_version(store: Store) -> None:
    louis, _ = store.add(real_agreement(LOUIS_NAME), size=1, extractor_version="t")
    store.trash(louis.id)
    with pytest.raises(AgreementNotFound):
        store.correct(louis.id, {"title": "x"})
    with pytest.raises(AgreementNotFound):
        store.add_version(louis.id, new_file(louis.agreement, "b"), size=1, extractor_version="t")
    with pytest.raises(NotInTrash):
        store.purge(store.add(real_agreement(DSAW_NAME), size=1, extractor_version="t")[0].id)


def test_only_what_waited_long_enough_is_expired(store: Store) -> None:
    louis, _ = store.add(real_agreement(LOUIS_NAME), size=1, extractor_version="t")
    store.trash(louis.id)
    now = datetime.now(UTC)
    assert store.trash_items(before=now - timedelta(days=1)) == []
    assert [i.stored.id for i in store.trash_items(before=now + timedelta(seconds=5))] == [louis.id]


def test_a_purge_removes_every_row_and_names_every_file_the_agreement_had(store: Store) -> None:
    louis, _ = store.add(real_agreement(LOUIS_NAME), size=1, extractor_version="t")
    store.correct(louis.id, {"title": "PKS Louis Alain"})
    store.add_version(louis.id, new_file(louis.agreement, "b"), size=2, extractor_version="t")
    store.trash(louis.id)
    assert store.purge(louis.id) == sorted([louis.sha256, "b" * 64])
    assert store.kept_shas() == set()
    assert store.find_by_sha(louis.sha256) is None
    assert store.trash_items() == []


def test_a_new_version_keeps_corrections_of_fields_it_reads_alike(store: Store) -> None:
    draft = real_agreement(LOUIS_NAME)
    stored, _ = store.add(draft, size=10, extractor_version="t")
    store.correct(stored.id, {"title": "PKS Louis Alain", "signed_place": "Batam"})
    signed = new_file(draft, "b", signed_place="Kota Batam", subject=draft.subject)

    current, change = store.add_version(stored.id, signed, size=20, extractor_version="t2")

    assert (change.number, change.changed, change.set_aside) == (
        2,
        ["signed_place"],
        ["signed_place"],
    )
    assert current.corrections == {"title": "PKS Louis Alain"}
    assert current.agreement.title == "PKS Louis Alain"
    assert current.agreement.signed_place == "Kota Batam"  # the new file's value applies
    assert (current.sha256, current.size, current.version) == ("b" * 64, 20, 2)
    _, entries = store.corrections(stored.id)
    assert {e.field: e.retired_in for e in entries} == {"title": None, "signed_place": 2}
    first, second = store.version_list(stored.id)
    assert (first.number, first.sha256, first.changed) == (1, stored.sha256, ["signed_place"])
    assert (second.number, second.sha256, second.replaced_at) == (2, "b" * 64, None)
    assert store.find_by_sha(stored.sha256) == current  # the old file still names it
    assert store.is_file_referenced(stored.sha256)


def test_a_new_version_must_be_a_new_file_of_this_agreement_only(store: Store) -> None:
    louis, _ = store.add(real_agreement(LOUIS_NAME), size=1, extractor_version="t")
    dsaw, _ = store.add(real_agreement(DSAW_NAME), size=1, extractor_version="t")
    with pytest.raises(SameVersion):
        store.add_version(louis.id, louis.agreement, size=1, extractor_version="t")
    with pytest.raises(FileOfOtherAgreement) as other:
        store.add_version(louis.id, dsaw.agreement, size=1, extractor_version="t")
    assert other.value.agreement_id == dsaw.id
    assert store.get(louis.id) == louis  # as it was
    assert store.version_list(louis.id)[0].replaced_at is None


def test_clause_corrections_survive_a_new_reading_and_a_new_version(store: Store) -> None:
    draft = real_agreement(LOUIS_NAME)
    stored, _ = store.add(draft, size=1, extractor_version="t")
    text = stored.clauses[1].text
    at = text.index(" ", len(text) // 2) + 1
    store.correct_clauses(
        stored.id, lambda c: split_of(c, 2, at, {"number": "2A", "heading": "PELAKSANAAN"})
    )
    extra = "Para pihak menjaga kerahasiaan data peserta didik yang diperoleh selama magang."
    corrected = store.correct_clauses(
        stored.id,
        lambda c: add_of(c, len(c), {"number": "12", "category": "confidentiality", "text": extra}),
        author="ani",
    )
    numbers = [c.number for c in corrected.clauses]
    assert numbers == ["1", "2", "2A", *[str(n) for n in range(3, 13)]]
    # what the register and similar clauses read: the corrected clause rows
    assert store.clause_texts([stored.id], ["confidentiality"])[stored.id][-1] == extra
    added, owner = store.clause(corrected.clauses[-1].clause_id)
    assert (added.number, added.category, owner) == ("12", "confidentiality", stored.id)

    again = store.replace_machine(stored.id, draft, extractor_version="t2")
    assert [c.number for c in again.clauses] == numbers
    noisy = [
        Clause(c.number, c.heading, c.category, c.text.replace("l", "1", 2)) for c in draft.clauses
    ]
    versioned, _ = store.add_version(
        stored.id, new_file(draft, "c", clauses=noisy), size=1, extractor_version="t3"
    )
    assert [c.number for c in versioned.clauses] == numbers
    assert versioned.clauses[-1].text == extra
    assert [c.outcome for c in store.clause_corrections(stored.id)] == ["applied", "applied"]
    assert [c.author for c in store.clause_corrections(stored.id)] == [None, "ani"]
