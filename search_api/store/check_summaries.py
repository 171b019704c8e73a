"""Kelengkapan kept per agreement (table `check_summaries`, migration 0011): how many of its
rule pack's requirements an agreement meets, with the fingerprint of what that depends on.
The register (search_api/register/completeness.py) decides when a row is stale."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select

from search_api.store.db import Store
from search_api.store.models import AgreementRow, CheckSummaryRow


@dataclass(frozen=True, slots=True)
class CheckSummary:
    agreement_id: str
    fingerprint: str
    met: int
    total: int


class CheckSummaries:
    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self) -> dict[str, CheckSummary]:
        """Agreement id -> its kept summary, for every agreement that has one."""
        with self.store.session() as s:
            rows = s.execute(
                select(
                    CheckSummaryRow.agreement_id,
                    CheckSummaryRow.fingerprint,
                    CheckSummaryRow.met,
                    CheckSummaryRow.total,
                )
            ).all()
            return {r[0]: CheckSummary(r[0], r[1], r[2], r[3]) for r in rows}

    def put(self, summaries: Sequence[CheckSummary]) -> int:
        """Keep these summaries (replacing earlier ones); those of agreements deleted
        meanwhile are left out. Returns how many were kept."""
        if not summaries:
            return 0
        now = datetime.now(UTC)
        ids = [x.agreement_id for x in summaries]
        with self.store.session() as s:
            present = set(s.scalars(select(AgreementRow.id).where(AgreementRow.id.in_(ids))))
            s.execute(delete(CheckSummaryRow).where(CheckSummaryRow.agreement_id.in_(ids)))
            kept = [x for x in summaries if x.agreement_id in present]
            s.add_all(
                CheckSummaryRow(
                    agreement_id=x.agreement_id,
                    fingerprint=x.fingerprint,
                    met=x.met,
                    total=x.total,
                    computed_at=now,
                )
                for x in kept
            )
        return len(kept)
