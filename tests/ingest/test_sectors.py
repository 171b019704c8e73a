from __future__ import annotations

from typing import Any

import pytest

from ingest.extract.sectors import agreement_sectors
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("sectors.csv"))
def test_fields_of_government_affairs_an_agreement_is_about(row: dict[str, Any]) -> None:
    scope = [row["purpose_and_scope"]] if row["purpose_and_scope"] else []
    got = agreement_sectors(row["title"], row["subject"] or None, scope)
    assert got == [s for s in row["sectors"].split(";") if s]
