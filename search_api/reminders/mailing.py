"""Reminders: what is due, who receives it, and sending it once (the use-case the server's
daily check, `naskah reminders send` and the /pengingat page share).

Each due reminder is claimed in the store before its mail goes out (store/sent_reminders.py),
so two processes checking at once, or a restart, never send it twice; a failed send stays
"failed" with its error and is tried again at the next check until NASKAH_REMINDER_ATTEMPTS.
A process that died between claim and outcome leaves "sending": after CLAIM_STALE it is taken
over (that one mail may then go twice; a lost one is worse).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final, Literal

from search_api.agreements import Library
from search_api.errors import InvalidReminderRecipients, ReminderNotSent
from search_api.register import RegisterFilter, RegisterRow, register_rows
from search_api.reminders.message import Addressed, addresses, reminder_message
from search_api.reminders.schedule import Reminder, due_reminders, planned_reminders
from search_api.reminders.smtp import SmtpServer, send
from search_api.settings import Settings
from search_api.store.sent_reminders import (
    ReminderContact,
    ReminderStore,
    SentReminder,
)

log = logging.getLogger(__name__)

CLAIM_STALE: Final = timedelta(hours=1)
MAX_EMAILS = 20
# one address: something@domain.tld, no spaces, commas or angle brackets
_EMAIL = re.compile(r"^[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"'.][^@\s,;<>\"']*$")
_SEPARATORS = re.compile(r"[\s,;]+")

Outcome = Literal["sent", "failed", "taken"]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A due reminder with the people it goes to (no recipients: it cannot be sent)."""

    reminder: Reminder
    to: Addressed
    record: SentReminder | None


@dataclass(frozen=True, slots=True)
class SendResult:
    """What one send did: sent, failed (`error`), or taken (another process had it)."""

    outgoing: Outgoing
    outcome: Outcome
    error: ReminderNotSent | None = None


@dataclass(frozen=True, slots=True)
class Planned:
    """A reminder still to come (or due today, not sent yet), for the page."""

    reminder: Reminder
    to: Addressed
    record: SentReminder | None


@dataclass(frozen=True, slots=True)
class Recorded:
    """A reminder claimed before, with its agreement's title (None: deleted since)."""

    record: SentReminder
    title: str | None


@dataclass(frozen=True, slots=True)
class ContactView:
    """An agreement's unit and addresses as the review page edits them: `unit` set by a
    person (None: `default_unit`, the OPD the register derives, applies)."""

    unit: str | None
    default_unit: str | None
    emails: list[str]
    office: list[str]


def parse_emails(value: str) -> list[str]:
    """The addresses in `value` (separated by commas, semicolons, spaces or new lines), each
    once. Raises InvalidReminderRecipients naming the first that is not an address."""
    found = [part for part in _SEPARATORS.split(value.strip()) if part]
    for address in found:
        if not _EMAIL.match(address) or len(address) > 254:
            raise InvalidReminderRecipients(address[:80])
    if len(found) > MAX_EMAILS:
        raise InvalidReminderRecipients(found[MAX_EMAILS][:80])
    return addresses(found)


class Reminders:
    def __init__(self, library: Library, store: ReminderStore, settings: Settings) -> None:
        self.library = library
        self.store = store
        self.settings = settings
        self.server = SmtpServer.of(settings)

    # -- recipients ---------------------------------------------------------------------------

    def contact(self, agreement_id: str, default_unit: str | None) -> ContactView:
        found = self.store.contact(agreement_id)
        return ContactView(
            unit=found.unit if found else None,
            default_unit=default_unit,
            emails=list(found.emails) if found else [],
            office=list(self.settings.reminder_recipients),
        )

    def set_contact(
        self, agreement_id: str, unit: str, emails: str, *, by: str | None
    ) -> ReminderContact:
        """Keep the unit (blank: the derived OPD) and the addresses written in `emails`.
        Raises InvalidReminderRecipients, AgreementNotFound."""
        parsed = parse_emails(emails)
        chosen = " ".join(unit.split())[:200] or None
        return self.store.set_contact(agreement_id, chosen, parsed, by=by)

    def _addressed(self, row: RegisterRow, contacts: dict[str, ReminderContact]) -> Addressed:
        contact = contacts.get(row.id)
        unit = (contact.unit if contact else None) or row.regional_office
        own = contact.emails if contact else []
        return Addressed(unit, addresses(own, self.settings.reminder_recipients))

    # -- what is due ----------------------------------------------------------------------------

    def _rows(self, today: date) -> list[RegisterRow]:
        # Kelengkapan is not needed here: the register's background refresh computes it
        return register_rows(self.library, RegisterFilter(), today, completeness_budget_s=0.0)

    def due(self, today: date) -> list[Outgoing]:
        """The reminders due today not sent yet (failed ones with attempts left included)."""
        rows = self._rows(today)
        contacts = self.store.contacts()
        records = self.store.records()
        out = []
        for reminder in due_reminders(rows, self.settings.reminder_marks, today):
            record = records.get(reminder.key)
            if record is not None and not self._may_retry(record):
                continue
            out.append(Outgoing(reminder, self._addressed(reminder.row, contacts), record))
        return out

    def _may_retry(self, record: SentReminder, now: datetime | None = None) -> bool:
        if record.attempts >= self.settings.reminder_attempts:
            return False
        if record.status == "failed":
            return True
        moment = now or datetime.now(UTC)
        return record.status == "sending" and record.claimed_at < moment - CLAIM_STALE

    def send_due(self, today: date | None = None) -> list[SendResult]:
        """Send every reminder due today once: claim, send, record. Without any recipient a
        reminder is left for later (the page shows it); without an SMTP server set, none is
        claimed (ReminderNotSent config is in each result)."""
        today = today or date.today()
        results = []
        for outgoing in self.due(today):
            if not outgoing.to.recipients:
                continue
            row = outgoing.reminder.row
            title = row.title or row.filename
            if not self.server.is_set:
                error = ReminderNotSent(row.id, title, "config")
                results.append(SendResult(outgoing, "failed", error))
                continue
            results.append(self._send(outgoing, title))
        return results

    def _send(self, outgoing: Outgoing, title: str) -> SendResult:
        now = datetime.now(UTC)
        key = outgoing.reminder.key
        claimed = self.store.claim(
            key,
            outgoing.to.recipients,
            max_attempts=self.settings.reminder_attempts,
            stale_before=now - CLAIM_STALE,
            now=now,
        )
        if claimed is None:
            return SendResult(outgoing, "taken")
        message = reminder_message(
            outgoing.reminder,
            outgoing.to,
            sender=self.settings.smtp_from,
            lang=self.settings.reminder_lang,
            public_url=self.settings.public_url,
        )
        try:
            send(message, self.server, agreement_id=key.agreement_id, title=title)
        except ReminderNotSent as exc:
            self.store.finish(claimed, error=str(exc), step=exc.problem)
            log.warning(
                "reminders step=send agreement=%s mark=%d attempt=%d failed=%s",
                key.agreement_id,
                key.mark_days,
                claimed.attempts,
                exc.problem,
            )
            return SendResult(outgoing, "failed", exc)
        self.store.finish(claimed, error=None)
        log.info(
            "reminders step=sent agreement=%s mark=%d end=%s recipients=%d",
            key.agreement_id,
            key.mark_days,
            key.end_date,
            len(outgoing.to.recipients),
        )
        return SendResult(outgoing, "sent")

    # -- the page -------------------------------------------------------------------------------

    def planned(self, today: date, limit: int = 200) -> list[Planned]:
        """The reminders to come, due today first, with what is recorded of each."""
        rows = self._rows(today)
        contacts = self.store.contacts()
        records = self.store.records()
        out = []
        for reminder in planned_reminders(rows, self.settings.reminder_marks, today):
            record = records.get(reminder.key)
            if record is not None and record.status == "sent":
                continue
            out.append(Planned(reminder, self._addressed(reminder.row, contacts), record))
        return out[:limit]

    def recorded(self, limit: int = 200) -> list[Recorded]:
        """The reminders claimed so far, newest first, with their agreements' titles."""
        records = self.store.recent(limit)
        titles = self.library.titles(sorted({r.key.agreement_id for r in records}))
        return [
            Recorded(r, titles[r.key.agreement_id][0] if r.key.agreement_id in titles else None)
            for r in records
        ]

    @property
    def is_configured(self) -> bool:
        return self.server.is_set


def keep_reminding(
    check: Callable[[], Sequence[SendResult]],
    stop: threading.Event,
    *,
    first_s: float,
    every_s: float,
) -> None:
    """Until `stop`: `first_s` after start and then every `every_s`, send what is due."""
    wait = first_s
    while not stop.wait(wait):
        try:
            results = check()
        except Exception:  # a bug or a database outage: logged, and the next check comes
            log.exception("reminders step=check failed")
        else:
            sent = sum(1 for r in results if r.outcome == "sent")
            failed = sum(1 for r in results if r.outcome == "failed")
            log.info("reminders step=check sent=%d failed=%d", sent, failed)
        wait = every_s
