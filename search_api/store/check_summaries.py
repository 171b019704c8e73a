"""Kelengkapan kept per agreement (table `check_summaries`, migration 0011): how many of its
rule pack's requirements an agreement meets, with the fingerprint of the checks it was
judged by (the rule packs and the rules switched off; and the day, for an undated one).

A kept result is fresh while that fingerprint is today's, it was computed after the
agreement's last change, and no agreement it cites or that cites it has changed since: the
store forgets the results of those whenever it writes one (store/db.py `_unjudge`). So a
read finds what is stale in SQL (`is_judged`), never by reading the whole store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, delete, exists, func, select
from sqlalchemy.orm import aliased

from search_api.store.db import Store
from search_api.store.models import AgreementRow, CheckSummaryRow


@dataclass(frozen=True, slots=True)
class Judging:
    """The fingerprints a kept result must carry to be fresh today: the checks' own for a
    dated agreement, the checks' with today's date for an undated one (it is judged at
    today)."""

    dated: str
    undated: str

    def of(self, *, is_dated: bool) -> str:
        return self.dated if is_dated else self.undated


def is_dated() -> Any:
    """The agreement has a date it is judged at (signed or effective)."""
    return (AgreementRow.signed_date.is_not(None)) | (AgreementRow.effective_date.is_not(None))


def judged_summary(judging: Judging, k: Any = CheckSummaryRow) -> Any:
    """SQL: summary row `k` is the agreement's (AgreementRow) fresh kept result."""
    c = AgreementRow
    wanted = case((is_dated(), judging.dated), else_=judging.undated)
    return and_(k.agreement_id == c.id, k.fingerprint == wanted, k.computed_at >= c.updated_at)


def is_judged(judging: Judging, *, incomplete: bool = False) -> Any:
    """SQL: the agreement (AgreementRow) has a fresh kept result (that misses a requirement,
    with `incomplete`)."""
    k = aliased(CheckSummaryRow)
    condition = exists().where(judged_summary(judging, k))
    return exists().where(judged_summary(judging, k), k.met < k.total) if incomplete else condition


@dataclass(frozen=True, slots=True)
class CheckSummary:
    agreement_id: str
    fingerprint: str
    met: int
    total: int


class CheckSummaries:
    def __init__(self, store: Store) -> None:
        self.store = store

    def unjudged(self, judging: Judging, limit: int) -> list[tuple[str, bool]]:
        """Up to `limit` live agreements with no fresh kept result, oldest stored first:
        (id, whether it is dated)."""
        c = AgreementRow
        with self.store.session() as s:
            rows = s.execute(
                select(c.id, is_dated())
                .where(c.trashed_at.is_(None), ~is_judged(judging))
                .order_by(c.created_at, c.id)
                .limit(limit)
            ).all()
        return [(i, bool(d)) for i, d in rows]

    def unjudged_count(self, judging: Judging) -> int:
        c = AgreementRow
        with self.store.session() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(c)
                    .where(c.trashed_at.is_(None), ~is_judged(judging))
                )
                or 0
            )

    def judged(self, judging: Judging, agreement_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """Agreement id -> (met, total) of its fresh kept result, for those that have one."""
        if not agreement_ids:
            return {}
        c, k = AgreementRow, CheckSummaryRow
        with self.store.session() as s:
            rows = s.execute(
                select(c.id, k.met, k.total)
                .join(k, judged_summary(judging))
                .where(c.id.in_(list(agreement_ids)))
            ).all()
        return {i: (met, total) for i, met, total in rows}

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
