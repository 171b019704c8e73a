from __future__ import annotations

from typing import Any

import pytest

from ingest.extract.partners import cooperation_kind, partner_type, regional_office
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("partner_types.csv"))
def test_partner_type_from_the_name(row: dict[str, Any]) -> None:
    assert partner_type(row["name"]) == row["type"]


@pytest.mark.parametrize("row", load("cooperation_kinds.csv"))
def test_cooperation_kind_from_the_parties_and_language(row: dict[str, Any]) -> None:
    assert cooperation_kind(row["names"].split(";"), row["language"]) == row["kind"]


@pytest.mark.parametrize("row", load("regional_offices.csv"))
def test_regional_office_running_the_agreement(row: dict[str, Any]) -> None:
    parties = [tuple(p.split("|")) for p in row["parties"].split(";")]
    assert regional_office([(name, position) for name, position in parties]) == (
        row["office"] or None
    )
