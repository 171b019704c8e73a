"""The agreement a document rests on: the KB a PKS carries out, the one an addendum changes.

The document must cite it by number; the cited agreement should be stored in naskah (the
context's lookup), be of the right kind, and be in force when this one was signed (or,
for a draft, today). A PKS that runs past its KB is a doubt: its basis ends first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from search_api.compliance.checks.outcomes import (
    Check,
    Outcome,
    Outcomes,
    Param,
    compiled,
    reason,
)
from search_api.compliance.facts import Facts
from search_api.compliance.model import StoredAgreement
from search_api.compliance.names import same_body
from search_api.compliance.rules import Rule


def _in_force(stored: StoredAgreement, number: str, on: date) -> Outcome:
    cited = stored.agreement
    start = cited.effective_date or cited.signed_date
    end = cited.expiry_date
    if start is not None and on < start:
        return Outcome("before", {"number": number, "start": start, "date": on})
    if end is not None and on > end:
        return Outcome("expired", {"number": number, "end": end, "date": on})
    if end is None:
        return Outcome("in_force_open", {"number": number})
    return Outcome("in_force", {"number": number, "end": end})


def _cited(facts: Facts, rule: Rule) -> tuple[list[str], Outcome | None]:
    """The numbers cited, or the outcome when there are none."""
    numbers = list(facts.agreement.references)
    if numbers:
        return numbers, None
    words = compiled(rule, "names")
    if words is not None and facts.has_text and words.search(facts.preamble or facts.text):
        return [], Outcome("unnumbered")
    return [], Outcome("absent")


def _stored(facts: Facts, numbers: Sequence[str]) -> list[tuple[str, StoredAgreement]] | None:
    lookup = facts.context.lookup
    if lookup is None:
        return None
    return [(number, stored) for number in numbers for stored in lookup(number.strip())]


def cites_kb(facts: Facts, rule: Rule) -> Outcomes:
    numbers, none = _cited(facts, rule)
    if none is not None:
        return [none]
    stored = _stored(facts, numbers)
    if stored is None:
        return [Outcome("no_lookup", {"numbers": numbers})]
    if not stored:
        return [Outcome("not_stored", {"numbers": numbers})]
    kinds = set(rule.param("doc_types") or ["mou"])
    frameworks = [(n, s) for n, s in stored if s.agreement.doc_type in kinds]
    if not frameworks:
        return [Outcome("not_kb", {"numbers": [n for n, _ in stored]})]
    on = facts.judged_on
    results = [(number, s, _in_force(s, number, on)) for number, s in frameworks]
    good = [(n, s, o) for n, s, o in results if o.reason.startswith("in_force")]
    if not good:
        return [o for _, _, o in results]
    number, kb, outcome = good[0]
    out = [outcome]
    own_end = facts.agreement.expiry_date
    kb_end = kb.agreement.expiry_date
    if own_end is not None and kb_end is not None and own_end > kb_end:
        out.append(Outcome("outlasts", {"number": number, "end": own_end, "kb_end": kb_end}))
    return out


def amends(facts: Facts, rule: Rule) -> Outcomes:
    numbers, none = _cited(facts, rule)
    if none is not None:
        return [none]
    stored = _stored(facts, numbers)
    if stored is None:
        return [Outcome("no_lookup", {"numbers": numbers})]
    if not stored:
        return [Outcome("not_stored", {"numbers": numbers})]
    number, original = stored[0]
    out = [_in_force(original, number, facts.judged_on)]
    ours = [p.name for p in facts.agreement.parties]
    theirs = [p.name for p in original.agreement.parties]
    if ours and theirs:
        absent = [name for name in theirs if not any(same_body(name, o) for o in ours)]
        if absent:
            out.append(Outcome("parties_differ", {"number": number, "names": absent}))
    return out


_CITED_REASONS = {
    "in_force": reason("ok", "number", "end"),
    "in_force_open": reason("ok", "number"),
    "absent": reason("missing"),
    "unnumbered": reason("doubt"),
    "no_lookup": reason("doubt", "numbers"),
    "not_stored": reason("doubt", "numbers"),
    "before": reason("doubt", "number", "start", "date"),
    "expired": reason("doubt", "number", "end", "date"),
}
_PARAMS = {"names": Param("patterns"), "doc_types": Param("strings"), "precedents": Param("str")}

CITES_KB = Check(
    run=cites_kb,
    reasons={
        **_CITED_REASONS,
        "not_kb": reason("doubt", "numbers"),
        "outlasts": reason("doubt", "number", "end", "kb_end"),
    },
    params=_PARAMS,
)

AMENDS = Check(
    run=amends,
    reasons={**_CITED_REASONS, "parties_differ": reason("doubt", "number", "names")},
    params=_PARAMS,
)
