"""Kelengkapan in the register: how many of the requirements of its rule pack each agreement
meets (Pemeriksaan naskah, issue #15), without running every check on every read.

A result is kept per agreement (search_api/store/check_summaries.py) with the fingerprint
of what it depends on: the agreement's last change, the rule packs and the rules switched
off (`Library.checks_fingerprint`), the agreements it cites and that cite it (a PKS is
judged against the KB it carries out), and for an undated agreement the day (it is judged
at today). A read uses the kept results whose fingerprint still matches and computes the
others for at most `budget_s` seconds; what is left is shown as "being computed" and the
server's background refresh (`keep_completeness`) finishes it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from search_api.agreements import Library
from search_api.errors import AgreementNotFound
from search_api.index.text import normalise_number
from search_api.store.check_summaries import CheckSummary


class RegisterRow(Protocol):
    """What the Kelengkapan reads of a row and sets on it: a register row, or the light
    record of every agreement the register reads for the fingerprints
    (store/register_reads.py `Linked`)."""

    id: str
    numbers: list[str]
    references: list[str]
    signed_date: date | None
    effective_date: date | None
    requirements_met: int | None
    requirements_total: int | None


log = logging.getLogger(__name__)

# How long one register read may spend computing results that are not kept yet.
READ_BUDGET_S = 1.5
# How often the server looks for results to compute, and how long it spends each time.
REFRESH_EVERY_S = 30.0
REFRESH_BUDGET_S = 5.0


def linked_ids(rows: Sequence[RegisterRow]) -> dict[str, set[str]]:
    """Row id -> the ids of the rows it cites by number and of the rows that cite it."""
    bearing: dict[str, list[str]] = {}
    for row in rows:
        for key in {normalise_number(n) for n in row.numbers if n.strip()}:
            bearing.setdefault(key, []).append(row.id)
    linked: dict[str, set[str]] = {row.id: set() for row in rows}
    for row in rows:
        for ref in row.references:
            for target in bearing.get(normalise_number(ref), []):
                if target != row.id:
                    linked[row.id].add(target)
                    linked[target].add(row.id)
    return linked


def fingerprint(
    row: RegisterRow,
    updated: Mapping[str, datetime],
    linked: set[str],
    checks: str,
    today: date,
) -> str:
    parts = [checks, row.id, updated[row.id].isoformat()]
    parts += sorted(f"{i}@{updated[i].isoformat()}" for i in linked if i in updated)
    if row.signed_date is None and row.effective_date is None:
        parts.append(today.isoformat())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def fill_completeness(
    library: Library,
    rows: Sequence[RegisterRow],
    updated: Mapping[str, datetime],
    today: date,
    *,
    budget_s: float = READ_BUDGET_S,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Set each row's `requirements_met` / `requirements_total` from the kept results,
    computing missing or stale ones for up to `budget_s` seconds (at least one). Rows left
    keep None. Returns how many are left."""
    checks = library.checks_fingerprint()
    links = linked_ids(rows)
    kept = library.check_summaries()
    stale: list[tuple[RegisterRow, str]] = []
    for row in rows:
        if row.id not in updated:
            continue
        fp = fingerprint(row, updated, links[row.id], checks, today)
        found = kept.get(row.id)
        if found is not None and found.fingerprint == fp:
            row.requirements_met, row.requirements_total = found.met, found.total
        else:
            stale.append((row, fp))
    deadline = clock() + budget_s
    computed: list[CheckSummary] = []
    left = len(stale)
    for row, fp in stale:
        if computed and clock() > deadline:
            break
        left -= 1
        try:
            met, total = library.requirements_met(row.id, today=today)
        except AgreementNotFound:
            continue  # deleted since the rows were read
        except Exception:
            # one agreement the checks cannot read must not take the register down: it stays
            # "being computed" and the log names it
            log.exception("register step=completeness agreement=%s check failed", row.id)
            continue
        row.requirements_met, row.requirements_total = met, total
        computed.append(CheckSummary(row.id, fp, met, total))
    if computed:
        library.keep_check_summaries(computed)
        log.info("register step=completeness computed=%d left=%d", len(computed), left)
    return left


def keep_completeness(
    refresh: Callable[[], int], stop: threading.Event, every_s: float = REFRESH_EVERY_S
) -> None:
    """Until `stop` is set: shortly after start and then every `every_s` seconds, compute
    the Kelengkapan that is missing or stale (`refresh` returns how many are still left:
    while some are, it goes on at once)."""
    wait = 2.0
    while not stop.wait(wait):
        try:
            left = refresh()
        except Exception:
            log.exception("register step=completeness background refresh failed")
            left = 0
        wait = 0.5 if left else every_s
