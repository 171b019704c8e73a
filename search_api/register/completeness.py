"""Kelengkapan in the register: how many of the requirements of its rule pack each agreement
meets (Pemeriksaan naskah, issue #15), without running every check on every read.

A result is kept per agreement (search_api/store/check_summaries.py) with the fingerprint
of the checks it was judged by: the rule packs and the rules switched off
(`Library.checks_fingerprint`), and for an undated agreement the day (it is judged at
today). The store forgets the results of an agreement, of those it cites and of those
citing it whenever it writes one (a PKS is judged against the KB it carries out). A read
finds the agreements without a fresh result in SQL and computes them for at most
`budget_s` seconds; what is left is shown as "being computed" and the server's background
refresh (`keep_completeness`) finishes it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date

from search_api.agreements import Library
from search_api.errors import AgreementNotFound
from search_api.store.check_summaries import CheckSummary, Judging

log = logging.getLogger(__name__)

# How long one register read may spend computing results that are not kept yet.
READ_BUDGET_S = 1.5
# How often the server looks for results to compute, and how long it spends each time.
REFRESH_EVERY_S = 30.0
REFRESH_BUDGET_S = 5.0
# Agreements asked for at a time while computing.
BATCH = 50


def fill_completeness(
    library: Library,
    judging: Judging,
    today: date,
    *,
    budget_s: float = READ_BUDGET_S,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Compute and keep the results missing or stale under `judging`, oldest stored first,
    for up to `budget_s` seconds (at least one). Returns how many are left (those whose
    check failed are not: they wait for a change, and the log names them)."""
    # The common read finds every result kept: counted over the covering register index
    # (store/check_summaries.py), not listed in created order from the table's rows.
    if not library.unjudged_count(judging):
        return 0
    deadline = clock() + budget_s
    computed = 0
    failed: set[str] = set()
    gone: set[str] = set()
    out_of_time = False
    while not out_of_time:
        skip = failed | gone
        listed = library.unjudged(judging, BATCH + len(skip))
        batch = [x for x in listed if x[0] not in skip][:BATCH]
        if not batch:
            if not (computed or skip):
                return 0  # every result kept and fresh: the common read
            break
        done: list[CheckSummary] = []
        for agreement_id, is_dated in batch:
            if (computed or done) and clock() > deadline:
                out_of_time = True
                break
            try:
                met, total = library.requirements_met(agreement_id, today=today)
            except AgreementNotFound:
                gone.add(agreement_id)  # deleted since it was listed
                continue
            except Exception:
                # one agreement the checks cannot read must not take the register down: it
                # stays "being computed" and the log names it
                log.exception("register step=completeness agreement=%s check failed", agreement_id)
                failed.add(agreement_id)
                continue
            done.append(CheckSummary(agreement_id, judging.of(is_dated=is_dated), met, total))
        if done:
            library.keep_check_summaries(done)
            computed += len(done)
    left = max(library.unjudged_count(judging) - len(failed), 0)
    if computed:
        log.info("register step=completeness computed=%d left=%d", computed, left)
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
