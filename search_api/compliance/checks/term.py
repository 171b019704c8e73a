"""The term: within the cap its kind's rules set, and an end that follows from the dates.

There is no universal cap (DOMAIN 1.7: asset-use cooperation runs far longer than a KB),
so a pack states its own `max_years` or none. The end follows DOMAIN 4.4: effective date +
term - 1 day; a stated end date wins but more than a day off the computation is a doubt,
and a start on the 29th-31st whose month has no such day is flagged (no single answer).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ingest.extract.term import compute_expiry
from ingest.model import Term
from search_api.compliance.checks.outcomes import (
    Check,
    NotApplicable,
    Outcome,
    Outcomes,
    Param,
    compiled,
    reason,
)
from search_api.compliance.facts import Facts
from search_api.compliance.messages import Value
from search_api.compliance.rules import Rule


def _stated_end(facts: Facts) -> date | None:
    a = facts.agreement
    return a.expiry_date if "expiry_date" in a.spans else None


def _duration(start: date, end: date) -> Term:
    """The term from a start and a last day in force (inclusive)."""
    delta = relativedelta(end + timedelta(days=1), start)
    return Term(delta.years, delta.months, delta.days)


def _term_clauses(facts: Facts) -> tuple[str, ...]:
    spans = facts.agreement.spans
    span = spans.get("term") or spans.get("expiry_date")
    clause = facts.clause_at(span[0]) if span else None
    if clause is not None:
        return (clause.number,)
    return tuple(c.number for c in facts.agreement.clauses if c.category == "term")


def term_cap(facts: Facts, rule: Rule) -> Outcomes:
    a = facts.agreement
    start = a.effective_date or a.signed_date
    term = a.term
    stated = _stated_end(facts)
    if term is None and start and stated and stated >= start:
        term = _duration(start, stated)
    if term is None:
        return NotApplicable("no_term")
    cap = rule.param("max_years")
    clauses = _term_clauses(facts)
    if cap is None:
        return [Outcome("no_cap", {"term": term}, clauses)]
    reference = start or facts.context.today
    over = reference + relativedelta(years=term.years, months=term.months, days=term.days)
    if over > reference + relativedelta(years=cap):
        return [Outcome("over", {"term": term, "cap": Term(years=cap)}, clauses)]
    return [Outcome("ok", {"term": term, "cap": Term(years=cap)}, clauses)]


def term_end(facts: Facts, rule: Rule) -> Outcomes:
    a = facts.agreement
    start = a.effective_date or a.signed_date
    stated = _stated_end(facts)
    clauses = _term_clauses(facts)
    if a.term is None and stated is None:
        follows = compiled(rule, "follows")
        if follows is not None and facts.has_text and (m := follows.search(facts.text)):
            place = facts.place_at(m.start())
            return [Outcome("follows", {}, (place.clause,) if place.clause else ())]
        return NotApplicable("no_term")
    if stated is not None and start is not None and stated < start:
        return [Outcome("before_start", {"end": stated, "start": start}, clauses)]
    if a.term is None:
        return [Outcome("stated", {"end": stated or ""}, clauses)]
    if start is None:
        return [Outcome("no_start", {"term": a.term}, clauses)]
    computed = compute_expiry(start, a.term)
    if stated is not None:
        if abs((stated - computed).days) > 1:
            values: dict[str, Value] = {
                "end": stated,
                "computed": computed,
                "term": a.term,
                "start": start,
            }
            return [Outcome("mismatch", values, clauses)]
        return [Outcome("stated", {"end": stated}, clauses)]
    shifted = start + relativedelta(years=a.term.years, months=a.term.months)
    if shifted.day != start.day:  # 31 August + 6 months: February has no 31st
        return [Outcome("month_end", {"start": start, "end": computed}, clauses)]
    return [Outcome("computed", {"end": computed, "start": start, "term": a.term}, clauses)]


TERM_CAP = Check(
    run=term_cap,
    reasons={
        "ok": reason("ok", "term", "cap"),
        "no_cap": reason("ok", "term"),
        "over": reason("doubt", "term", "cap"),
        "no_term": reason("skip"),
    },
    params={"max_years": Param("int"), "precedents": Param("str")},
    precedents=lambda rule: rule.param("precedents", "term"),
)

TERM_END = Check(
    run=term_end,
    reasons={
        "stated": reason("ok", "end"),
        "computed": reason("ok", "end", "start", "term"),
        "follows": reason("ok"),
        "mismatch": reason("doubt", "end", "computed", "term", "start"),
        "before_start": reason("doubt", "end", "start"),
        "no_start": reason("doubt", "term"),
        "month_end": reason("doubt", "start", "end"),
        "no_term": reason("skip"),
    },
    params={"follows": Param("patterns"), "precedents": Param("str")},
    precedents=lambda rule: rule.param("precedents", "term"),
)
