"""Where an agreement stands: the one definition of its status and effective end, its
follow-ups counted (an addendum that ends later extends it; a later agreement of its own kind
renews it). The store keeps what does not depend on the day (the effective end, the renewal)
in columns, recomputed whenever an agreement or one citing it changes; the status is that end
against today (the register, its exports and calendar, the agreement page, the index filter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel

EXPIRING_DAYS = 90

RegisterStatus = Literal["active", "expiring", "expired", "unknown"]
STATUSES: tuple[RegisterStatus, ...] = ("active", "expiring", "expired", "unknown")


class FollowUp(BaseModel):
    """A stored agreement that cites this one: its PKS, an addendum, a renewal."""

    id: str
    doc_type: str
    numbers: list[str]
    signed_date: date | None
    expiry_date: date | None


def register_status(expiry: date | None, today: date) -> RegisterStatus:
    """aktif; akan berakhir (within EXPIRING_DAYS, the day itself included); berakhir; unknown."""
    if expiry is None:
        return "unknown"
    if expiry < today:
        return "expired"
    return "expiring" if (expiry - today).days <= EXPIRING_DAYS else "active"


def expiring_until(today: date) -> date:
    """The last end date still 'expiring' today (register_status's window, as a date)."""
    return today + timedelta(days=EXPIRING_DAYS)


@dataclass(frozen=True, slots=True)
class Extension:
    """What an agreement's follow-ups make of it, whatever the day: the later end an addendum
    gives (None: none does) and whether a later agreement of its own kind renews it."""

    extended_until: date | None
    renewed: bool

    def end(self, expiry: date | None) -> date | None:
        return self.extended_until or expiry


def extension(
    doc_type: str,
    signed: date | None,
    expiry: date | None,
    follow_ups: Sequence[tuple[str, date | None, date | None]],
) -> Extension:
    """`follow_ups`: (doc_type, signed_date, expiry_date) of each stored agreement citing it."""
    ends = [end for kind, _, end in follow_ups if kind == "amendment" and end]
    extended = max(ends) if ends and (expiry is None or max(ends) > expiry) else None
    renewed = doc_type != "amendment" and any(
        kind == doc_type and when is not None and (signed is None or when > signed)
        for kind, when, _ in follow_ups
    )
    return Extension(extended, renewed)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where an agreement stands today, its follow-ups counted."""

    status: RegisterStatus
    # an addendum citing it ends later than it did: the end it gives
    extended_until: date | None
    # a later agreement of its own kind cites it: the cooperation goes on under that one
    renewed: bool
    days_left: int | None

    @property
    def has_ended(self) -> bool:
        return self.status == "expired"


def standing_of(found: Extension, expiry: date | None, today: date) -> Standing:
    end = found.end(expiry)
    return Standing(
        status=register_status(end, today),
        extended_until=found.extended_until,
        renewed=found.renewed,
        days_left=(end - today).days if end else None,
    )


def standing(
    doc_type: str,
    signed: date | None,
    expiry: date | None,
    follow_ups: Sequence[FollowUp],
    today: date,
) -> Standing:
    """The status and effective end of an agreement signed `signed`, ending `expiry`, that the
    stored `follow_ups` cite: an addendum that ends later extends it (status and days left
    follow the later end); a later agreement of the same kind renews it."""
    found = extension(
        doc_type, signed, expiry, [(u.doc_type, u.signed_date, u.expiry_date) for u in follow_ups]
    )
    return standing_of(found, expiry, today)
