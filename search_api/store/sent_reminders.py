"""Expiry reminders in the store (tables `sent_reminders` and `reminder_contacts`, migration
0013): who an agreement's reminders go to, and each reminder claimed, sent or failed.

A reminder is (agreement, days before the end, end date), UNIQUE in the table. A process
claims it before it sends, in one transaction: it inserts the row ("sending"), or, for a
failed row with attempts left (or a "sending" row whose process died, claimed before
`stale_before`), changes it only if it is still as it read it. Whoever loses the race gets
None and sends nothing. Nothing here sends (search_api/reminders/ does).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final, Literal

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.exc import IntegrityError

from search_api.errors import AgreementNotFound
from search_api.store.db import Store
from search_api.store.models import AgreementRow, ReminderContactRow, SentReminderRow

log = logging.getLogger(__name__)

ReminderStatus = Literal["sending", "sent", "failed"]
STATUSES: Final[tuple[ReminderStatus, ...]] = ("sending", "sent", "failed")


@dataclass(frozen=True, slots=True)
class ReminderKey:
    agreement_id: str
    mark_days: int
    end_date: date


@dataclass(frozen=True, slots=True)
class SentReminder:
    id: int
    key: ReminderKey
    recipients: list[str]
    status: ReminderStatus
    attempts: int
    last_error: str | None
    error_step: str | None
    claimed_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class ReminderContact:
    """The unit responsible for an agreement (None: the OPD the register derives) and the
    addresses its reminders go to."""

    agreement_id: str
    unit: str | None
    emails: list[str]
    changed_by: str | None
    changed_at: datetime


def _utc(moment: datetime) -> datetime:
    """SQLite hands back the UTC times we stored without their zone; PostgreSQL keeps it."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _status(value: str) -> ReminderStatus:
    return next((s for s in STATUSES if s == value), "failed")


def _sent(row: SentReminderRow) -> SentReminder:
    return SentReminder(
        id=row.id,
        key=ReminderKey(row.agreement_id, row.mark_days, row.end_date),
        recipients=list(row.recipients),
        status=_status(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        error_step=row.error_step,
        claimed_at=_utc(row.claimed_at),
        sent_at=_utc(row.sent_at) if row.sent_at else None,
    )


def _contact(row: ReminderContactRow) -> ReminderContact:
    return ReminderContact(
        agreement_id=row.agreement_id,
        unit=row.unit,
        emails=list(row.emails),
        changed_by=row.changed_by,
        changed_at=_utc(row.changed_at),
    )


class ReminderStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- who receives them --------------------------------------------------------------------

    def contacts(self) -> dict[str, ReminderContact]:
        """Agreement id -> its contact, for every agreement that has one."""
        with self.store.session() as s:
            return {r.agreement_id: _contact(r) for r in s.scalars(select(ReminderContactRow))}

    def contact(self, agreement_id: str) -> ReminderContact | None:
        with self.store.session() as s:
            row = s.get(ReminderContactRow, agreement_id)
            return _contact(row) if row else None

    def set_contact(
        self, agreement_id: str, unit: str | None, emails: Sequence[str], *, by: str | None
    ) -> ReminderContact:
        """Keep the unit and addresses of a stored agreement (not in the trash). Raises
        AgreementNotFound."""
        now = datetime.now(UTC)
        with self.store.session() as s:
            live = s.scalar(
                select(AgreementRow.id).where(
                    AgreementRow.id == agreement_id, AgreementRow.trashed_at.is_(None)
                )
            )
            if live is None:
                raise AgreementNotFound(agreement_id)
            row = s.get(ReminderContactRow, agreement_id)
            if row is None:
                row = ReminderContactRow(agreement_id=agreement_id)
                s.add(row)
            row.unit, row.emails, row.changed_by, row.changed_at = unit, list(emails), by, now
            s.flush()
            return _contact(row)

    # -- the reminders --------------------------------------------------------------------------

    def records(self) -> dict[ReminderKey, SentReminder]:
        """Every reminder claimed so far, by its key."""
        with self.store.session() as s:
            return {(r := _sent(row)).key: r for row in s.scalars(select(SentReminderRow))}

    def recent(self, limit: int = 200) -> list[SentReminder]:
        """The reminders last claimed, newest first."""
        with self.store.session() as s:
            rows = s.scalars(
                select(SentReminderRow)
                .order_by(SentReminderRow.claimed_at.desc(), SentReminderRow.id.desc())
                .limit(limit)
            )
            return [_sent(row) for row in rows]

    def claim(
        self,
        key: ReminderKey,
        recipients: Sequence[str],
        *,
        max_attempts: int,
        stale_before: datetime,
        now: datetime | None = None,
    ) -> SentReminder | None:
        """Claim a reminder for sending: the row as claimed (status "sending", this attempt
        counted), or None when another process has it, it is sent, or its attempts are used."""
        now = now or datetime.now(UTC)
        try:
            with self.store.session() as s:
                row = SentReminderRow(
                    agreement_id=key.agreement_id,
                    mark_days=key.mark_days,
                    end_date=key.end_date,
                    recipients=list(recipients),
                    status="sending",
                    attempts=1,
                    last_error=None,
                    error_step=None,
                    claimed_at=now,
                    sent_at=None,
                )
                s.add(row)
                s.flush()
                return _sent(row)
        except IntegrityError:
            pass  # claimed before (or the agreement is gone): take it over only if it may be
        with self.store.session() as s:
            where = (
                SentReminderRow.agreement_id == key.agreement_id,
                SentReminderRow.mark_days == key.mark_days,
                SentReminderRow.end_date == key.end_date,
                SentReminderRow.attempts < max_attempts,
                or_(
                    SentReminderRow.status == "failed",
                    (SentReminderRow.status == "sending")
                    & (SentReminderRow.claimed_at < stale_before),
                ),
            )
            taken = s.execute(
                update(SentReminderRow)
                .where(*where)
                .values(
                    status="sending",
                    attempts=SentReminderRow.attempts + 1,
                    recipients=list(recipients),
                    claimed_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            if not isinstance(taken, CursorResult) or taken.rowcount != 1:
                return None
            found = s.scalar(
                select(SentReminderRow).where(
                    SentReminderRow.agreement_id == key.agreement_id,
                    SentReminderRow.mark_days == key.mark_days,
                    SentReminderRow.end_date == key.end_date,
                )
            )
            return _sent(found) if found else None

    def finish(
        self,
        claimed: SentReminder,
        *,
        error: str | None,
        step: str | None = None,
        now: datetime | None = None,
    ) -> bool:
        """Record how the claimed send ended: sent (error None) or failed with `error` at
        `step`.
        False when the claim was taken over meanwhile (it had gone stale)."""
        now = now or datetime.now(UTC)
        with self.store.session() as s:
            done = s.execute(
                update(SentReminderRow)
                .where(
                    SentReminderRow.id == claimed.id,
                    SentReminderRow.status == "sending",
                    SentReminderRow.attempts == claimed.attempts,
                )
                .values(
                    status="failed" if error else "sent",
                    last_error=error,
                    error_step=step if error else None,
                    sent_at=None if error else now,
                )
                .execution_options(synchronize_session=False)
            )
            return isinstance(done, CursorResult) and done.rowcount == 1
