"""Rules that read one field, as case tables a lawyer can extend: who may sign for a
region (cases/compliance_signers.csv) and when a komparisi name is the name signed
(cases/compliance_names.csv)."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from ingest.model import Agreement, agreement_from_dict
from search_api.compliance import CheckContext, check_agreement, load_packs
from search_api.compliance.checks import CHECKS
from search_api.compliance.names import appears_in
from tests.search_api.compliance_drafts import with_profile
from tests.search_api.conftest import CASES


def _rows(name: str) -> list[Any]:
    with (CASES / name).open(encoding="utf-8", newline="") as file:
        return [pytest.param(row, id=row["case"]) for row in csv.DictReader(file)]


def _agreement(party: str, position: str | None) -> Agreement:
    agreement = agreement_from_dict(
        {
            "source": {
                "filename": "x.docx",
                "sha256": "0" * 64,
                "media_type": "docx",
                "pages": None,
            },
            "language": "id",
            "doc_type": "agreement",
            "title": "",
            "parties": [
                {
                    "role": "PIHAK KESATU",
                    "name": party,
                    "representative": "A",
                    "position": position,
                },
                {
                    "role": "PIHAK KEDUA",
                    "name": "PT Contoh Sejahtera",
                    "representative": "B",
                    "position": "Direktur",
                },
            ],
            "signed_date": "2024-03-04",
        }
    )
    return with_profile(agreement)  # as ingest assembles it


@pytest.mark.parametrize("row", _rows("compliance_signers.csv"))
def test_who_may_sign_for_a_region(row: dict[str, str]) -> None:
    agreement = _agreement(row["party"], row["position"] or None)
    result = check_agreement(agreement, CheckContext(today=date(2026, 12, 6)), kind=row["kind"])
    (finding,) = [f for f in result.findings if f.rule == "signer.authority"]
    rule = next(r for r in load_packs().get(row["kind"]).rules if r.id == "signer.authority")
    # the finding's message is the one of the expected reason, filled with this party
    expected = rule.messages[row["expected"]]["en"].split("{party}")[1].split("{")[0]
    assert expected in finding.message["en"]
    assert finding.status == CHECKS["signer_authority"].reasons[row["expected"]].status
    assert row["party"] in finding.message["en"]


@pytest.mark.parametrize("row", _rows("compliance_names.csv"))
def test_when_the_komparisi_name_is_the_name_signed(row: dict[str, str]) -> None:
    assert appears_in(row["komparisi"], row["signatures"]) is (row["expected"] == "true")


@pytest.mark.parametrize("row", _rows("compliance_bases.csv"))
def test_which_citations_name_a_replaced_legal_basis(row: dict[str, str]) -> None:
    # a PKS signed in 2022 whose recitals cite `text`
    agreement = replace(
        _agreement("Pemerintah Kabupaten Gowa", "Bupati Gowa"),
        text=f"PERJANJIAN KERJA SAMA\n\nMengingat:\n1. {row['text']};\n\nPasal 1\nTUJUAN\nx\n",
    )
    result = check_agreement(agreement, CheckContext(today=date(2026, 12, 6)))
    (finding,) = [f for f in result.findings if f.rule == "basis.replaced"]
    if row["expected"]:
        assert finding.status == "doubt"
        assert f"{row['expected']} is cited" in finding.message["en"]
    else:
        assert finding.status == "ok"
        assert "Cites no legal basis that had been replaced" in finding.message["en"]
