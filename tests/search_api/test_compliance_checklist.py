"""The checklist DOCX for the review memo: written by checklist_docx, read back with
python-docx."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from search_api.catalogue import text as catalogue_text
from search_api.compliance import CheckContext, StoredAgreement, check_agreement, checklist_docx
from tests.search_api.compliance_drafts import CorpusPrecedents, corpus_agreement

TRISAKTI = "id-pks-draft-trisakti-warmadewa-fk-2022"


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_checklist_has_one_row_per_finding_with_status_message_and_basis(
    language: str,
) -> None:
    agreement = corpus_agreement(TRISAKTI)
    result = check_agreement(agreement, CheckContext(today=date(2026, 12, 6)))
    data = checklist_docx(
        result, title=agreement.title, checked_on=date(2026, 12, 6), language=language
    )

    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert agreement.title in text
    met, total = result.requirements_met
    assert f"{met} / {total}" in text
    (table,) = document.tables
    rows = table.rows[1:]
    assert len(rows) == len(result.findings)
    for row, finding in zip(rows, result.findings, strict=True):
        cells = [cell.text for cell in row.cells]
        assert finding.title[language] in cells[1]
        assert finding.rule in cells[1]
        assert cells[2] == catalogue_text(language, f"check.status.{finding.status}")
        assert cells[3].startswith(finding.message[language])
        assert cells[4] == finding.basis
    # rules that do not apply are listed under their own heading
    for skipped in result.skipped:
        assert skipped.title[language] in text
        assert skipped.reason[language] in text


def test_the_checklist_shows_precedents_and_the_rules_switched_off() -> None:
    agreement = corpus_agreement(TRISAKTI)
    louis = "id-pks-louis-alain-smkn6-batam-2022"
    precedents = CorpusPrecedents([StoredAgreement(louis, corpus_agreement(louis))])
    result = check_agreement(
        agreement,
        CheckContext(
            today=date(2026, 12, 6),
            disabled=frozenset({"contents.assets"}),
            precedents=precedents,
        ),
    )
    (dispute,) = [f for f in result.findings if f.rule == "contents.dispute_resolution"]
    assert dispute.status == "missing" and dispute.precedents
    data = checklist_docx(result, title=agreement.title, checked_on=date(2026, 12, 6))
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Dinonaktifkan oleh admin" in text
    assert "contents.assets" in text
    statuses = [row.cells[2].text for row in document.tables[0].rows[1:]]
    assert "Tidak ada" in statuses and "Perlu diperiksa" in statuses and "Ada" in statuses
    (row,) = [
        r for r in document.tables[0].rows[1:] if "contents.dispute_resolution" in r.cells[1].text
    ]
    assert dispute.precedents[0].clause_id in row.cells[5].text
    assert corpus_agreement(louis).title in row.cells[5].text
