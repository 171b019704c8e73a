"""Drafts held for their checks: for their user only, bounded in number and bytes, for a
while; a job's draft waits, is filled or fails; pasted text becomes a DOCX read as uploads."""

from __future__ import annotations

import io
import time

import docx
import pytest

from search_api.agreements import CheckedDrafts, pasted_docx
from search_api.errors import CheckNotFound
from tests.search_api.compliance_drafts import corpus_agreement

AGREEMENT = corpus_agreement("id-pks-draft-trisakti-warmadewa-fk-2022")


def test_a_draft_is_answered_to_its_user_and_to_no_one_else() -> None:
    drafts = CheckedDrafts()
    draft = drafts.hold(owner="rina", filename="draf.docx", data=b"x", agreement=AGREEMENT)
    assert drafts.get(draft.id, "rina").agreement is AGREEMENT
    with pytest.raises(CheckNotFound):
        drafts.get(draft.id, "budi")
    with pytest.raises(CheckNotFound):
        drafts.get("0" * 32, "rina")


def test_the_oldest_drafts_go_first_past_the_count_and_the_bytes() -> None:
    drafts = CheckedDrafts(max_held=3, max_bytes=10)
    first = drafts.hold(owner="a", filename="1.docx", data=b"1234", agreement=AGREEMENT)
    second = drafts.hold(owner="a", filename="2.docx", data=b"1234", agreement=AGREEMENT)
    third = drafts.hold(owner="a", filename="3.docx", data=b"1234", agreement=AGREEMENT)
    with pytest.raises(CheckNotFound):  # 12 bytes held: the oldest went
        drafts.get(first.id, "a")
    assert drafts.get(second.id, "a") and drafts.get(third.id, "a")
    pasted = [
        drafts.hold(owner="a", filename="t", data=None, agreement=AGREEMENT) for _ in range(3)
    ]
    assert len(drafts) == 3
    assert [drafts.get(p.id, "a").is_pasted for p in pasted] == [True, True, True]


def test_a_draft_is_forgotten_after_its_time() -> None:
    drafts = CheckedDrafts(hold_s=0.05)
    draft = drafts.hold(owner="a", filename="d.docx", data=b"x", agreement=AGREEMENT)
    time.sleep(0.1)
    with pytest.raises(CheckNotFound):
        drafts.get(draft.id, "a")


def test_a_jobs_draft_waits_then_is_filled_or_keeps_only_why_it_failed() -> None:
    drafts = CheckedDrafts()
    waiting = drafts.hold(
        owner="a", filename="s.pdf", data=b"scan", agreement=None, draft_id="job1"
    )
    assert drafts.is_waiting("job1") and not waiting.is_read
    assert drafts.fill("job1", AGREEMENT)
    assert not drafts.is_waiting("job1")
    assert drafts.get("job1", "a").agreement is AGREEMENT
    assert not drafts.fill("job2", AGREEMENT)  # never reserved: nothing is held

    drafts.hold(owner="a", filename="s.pdf", data=b"scan", agreement=None, draft_id="job3")
    drafts.fail("job3", "extraction_timeout", "s.pdf: reading stopped")
    failed = drafts.get("job3", "a")
    assert (failed.error, failed.data, failed.is_waiting) == (
        ("extraction_timeout", "s.pdf: reading stopped"),
        None,
        False,
    )
    assert not drafts.fill("job3", AGREEMENT)


def test_pasted_text_becomes_one_paragraph_a_line_without_characters_xml_refuses() -> None:
    text = "PERJANJIAN KERJA SAMA\r\nPasal 1\x0c\nPara pihak\x00 sepakat.\rPasal 2"
    document = docx.Document(io.BytesIO(pasted_docx(text)))
    assert [p.text for p in document.paragraphs] == [
        "PERJANJIAN KERJA SAMA",
        "Pasal 1",
        "Para pihak sepakat.",
        "Pasal 2",
    ]
