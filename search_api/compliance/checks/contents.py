"""Required contents: a clause on each subject the rules list, the parties in the komparisi.

A subject counts as present when a clause is classified under it, or when a clause's
heading names it ('JANGKA WAKTU DAN PENGAKHIRAN' covers termination too). A body that
only mentions it ('... kecuali dalam keadaan kahar' inside LAIN-LAIN) is a doubt, not a
success: the reviewer decides whether that is enough. No clause read at all is a doubt
about the reading, never 'missing' from the document.
"""

from __future__ import annotations

from ingest.model import Clause
from search_api.compliance.checks.outcomes import (
    Check,
    Outcome,
    Outcomes,
    Param,
    compiled,
    reason,
)
from search_api.compliance.facts import Facts
from search_api.compliance.messages import Place
from search_api.compliance.rules import Rule
from search_api.compliance.taxonomy import heading_names, mention_pattern, norm


def contents(facts: Facts, rule: Rule) -> Outcomes:
    a = facts.agreement
    categories = tuple(rule.param("categories"))
    if rule.param("field") == "term" and (a.term or "expiry_date" in a.spans):
        # a term a person typed in (or an agreement written without its text) has no span
        span = a.spans.get("term") or a.spans.get("expiry_date")
        clause = facts.clause_at(span[0]) if span else None
        return [Outcome("stated", {"term": a.term or a.expiry_date or ""}, _numbers(clause))]
    if not a.clauses:
        return [Outcome("unread")]
    classified = [c.number for c in a.clauses if c.category in categories]
    if classified:
        return [Outcome("ok", {"clauses": classified}, tuple(classified))]
    headed = [c.number for c in a.clauses if c.heading and heading_names(c.heading, categories)]
    if headed:
        return [Outcome("heading", {"clauses": headed}, tuple(headed))]
    words = mention_pattern(categories, tuple(rule.param("mentions") or ()))
    related = set(rule.param("related") or ())
    # a clause of a related subject (the activities, for the object) or one whose body
    # uses the subject's words may hold it: the reviewer decides
    mentioned = [c.number for c in a.clauses if c.category in related or words.search(norm(c.text))]
    if mentioned:
        return [Outcome("mentioned", {"clauses": mentioned}, tuple(mentioned))]
    return [Outcome("absent")]


def _numbers(clause: Clause | None) -> tuple[str, ...]:
    return (clause.number,) if clause is not None else ()


def parties(facts: Facts, rule: Rule) -> Outcomes:
    found = facts.agreement.parties
    if not found:
        if not facts.has_text:
            return [Outcome("unread")]
        roles = compiled(rule, "roles")
        if roles is not None and roles.search(facts.text):
            return [Outcome("unread")]  # the text names parties the reading did not get
        return [Outcome("absent")]
    names = [p.name for p in found]
    if len(found) < int(rule.param("min_parties", 2)):
        return [Outcome("too_few", {"names": names, "count": len(found)})]
    unsigned = [p.name for p in found if not p.representative or not p.position]
    if unsigned:
        return [Outcome("incomplete", {"names": unsigned})]
    return [Outcome("ok", {"names": names})]


def mention(facts: Facts, rule: Rule) -> Outcomes:
    """A statement the text must make, found by the rule's `patterns` ('tahun anggaran
    2024'); in clause bodies only with `in_clauses`."""
    if not facts.has_text:
        return [Outcome("unread")]
    pattern = compiled(rule, "patterns")
    if pattern is None:  # packs.py requires patterns; an empty list finds nothing
        return [Outcome("absent")]
    if rule.param("in_clauses", False):
        hits = [c.number for c in facts.agreement.clauses if pattern.search(c.text)]
        if hits:
            return [Outcome("ok", {"places": [Place(clause=n) for n in hits]}, tuple(hits))]
        return [Outcome("absent")]
    places: list[Place] = []
    clauses: list[str] = []
    for m in pattern.finditer(facts.text):
        place = facts.place_at(m.start())
        if place not in places:
            places.append(place)
            if place.clause:
                clauses.append(place.clause)
    if places:
        return [Outcome("ok", {"places": places}, tuple(clauses))]
    return [Outcome("absent")]


CONTENTS = Check(
    run=contents,
    reasons={
        "ok": reason("ok", "clauses"),
        "heading": reason("ok", "clauses"),
        "stated": reason("ok", "term"),
        "mentioned": reason("doubt", "clauses"),
        "absent": reason("missing"),
        "unread": reason("doubt"),
    },
    params={
        "categories": Param("strings", required=True),
        "mentions": Param("strings"),
        "related": Param("strings"),
        "field": Param("str"),
        "precedents": Param("str"),
    },
    precedents=lambda rule: rule.param("precedents") or rule.param("categories")[0],
)

PARTIES = Check(
    run=parties,
    reasons={
        "ok": reason("ok", "names"),
        "too_few": reason("doubt", "names", "count"),
        "incomplete": reason("doubt", "names"),
        "absent": reason("missing"),
        "unread": reason("doubt"),
    },
    params={"roles": Param("patterns"), "min_parties": Param("int")},
    precedents=lambda rule: None,
)

MENTION = Check(
    run=mention,
    reasons={
        "ok": reason("ok", "places"),
        "absent": reason("missing"),
        "unread": reason("doubt"),
    },
    params={
        "patterns": Param("patterns", required=True),
        "in_clauses": Param("bool"),
        "precedents": Param("str"),
    },
)
