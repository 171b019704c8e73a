"""Which expiry reminders are due: pure, from the register's rows (their effective end is the
register's one definition, search_api/register/rows.py `effective_end`).

A reminder is (agreement, mark, end date): the mail `mark` days before the end. On a given day
the one due for an agreement is its tightest mark reached (30 days left with marks 90, 30, 7:
the 30-day one, never the 90-day one as well), until the end day itself; an agreement that
has ended gets none. A later end (an addendum) makes new reminders, the old ones stay sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from search_api.register import RegisterRow, effective_end
from search_api.store.sent_reminders import ReminderKey


@dataclass(frozen=True, slots=True)
class Reminder:
    """The reminder of `row` at `key.mark_days` before its end `key.end_date`, due on `due_on`."""

    key: ReminderKey
    due_on: date
    row: RegisterRow

    @property
    def days_left(self) -> int:
        """Days from the day it is due to the end (the mark itself when sent on time)."""
        return (self.key.end_date - self.due_on).days


def due_mark(days_left: int, marks: Sequence[int]) -> int | None:
    """The tightest mark reached with `days_left` to go (None: none reached, or ended)."""
    if days_left < 0:
        return None
    reached = [m for m in marks if days_left <= m]
    return min(reached) if reached else None


def due_reminders(rows: Iterable[RegisterRow], marks: Sequence[int], today: date) -> list[Reminder]:
    """The reminder due today of each agreement that has one, the soonest end first."""
    found = []
    for row in rows:
        end = effective_end(row)
        if end is None:
            continue
        mark = due_mark((end - today).days, marks)
        if mark is not None:
            found.append(Reminder(ReminderKey(row.id, mark, end), today, row))
    return sorted(found, key=lambda r: (r.key.end_date, r.row.title, r.row.id))


def planned_reminders(
    rows: Iterable[RegisterRow], marks: Sequence[int], today: date
) -> list[Reminder]:
    """Every reminder still to come of the agreements not ended: the one due today, if any,
    and each later mark on its own day; by day."""
    found = []
    for row in rows:
        end = effective_end(row)
        if end is None or end < today:
            continue
        days_left = (end - today).days
        now = due_mark(days_left, marks)
        for mark in marks:
            if mark == now:
                found.append(Reminder(ReminderKey(row.id, mark, end), today, row))
            elif mark < days_left:
                found.append(
                    Reminder(ReminderKey(row.id, mark, end), end - timedelta(days=mark), row)
                )
    return sorted(found, key=lambda r: (r.due_on, r.key.end_date, r.row.title, r.row.id))
