"""Internal consistency: what the document says twice says the same, and nothing is blank.

The weekday fits the date; a date or number written in words and in figures reads the
same both ways; the signature block's date is the opening's; each party has its number;
a document presented as signed (its date filled in) has no blanks left ('........',
'[tanggal]'); an English agreement of a region has its Indonesian version (UU 24/2009
Art. 31). The readings come from ingest (ingest/extract/restated.py).
"""

from __future__ import annotations

import re
from datetime import date

from ingest.extract.dates import find_dates
from ingest.extract.language import line_languages
from ingest.extract.restated import (
    find_restated_dates,
    find_restated_numbers,
    find_stated_weekdays,
)
from search_api.catalogue import LANGS, weekday_names
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
from search_api.compliance.messages import Localized, Place, Value, render
from search_api.compliance.rules import Rule


def _weekday(day: date) -> Localized:
    return {language: weekday_names(language)[day.weekday()] for language in LANGS}


def _clauses(facts: Facts, positions: list[int]) -> tuple[str, ...]:
    out: list[str] = []
    for pos in positions:
        clause = facts.clause_at(pos)
        if clause is not None and clause.number not in out:
            out.append(clause.number)
    return tuple(out)


def weekday(facts: Facts, rule: Rule) -> Outcomes:
    if not facts.has_text:
        return NotApplicable("none_stated")
    stated = find_stated_weekdays(facts.text, facts.agreement.language)
    if not stated:
        return NotApplicable("none_stated")
    wrong = [w for w in stated if not w.agrees]
    if not wrong:
        return [Outcome("ok", {"count": len(stated)})]
    items: list[Localized] = [
        {
            language: f"{w.name} {render(w.date, language)} ({render(_weekday(w.date), language)})"
            for language in LANGS
        }
        for w in wrong
    ]
    return [Outcome("mismatch", {"items": items}, _clauses(facts, [w.span[0] for w in wrong]))]


def date_words(facts: Facts, rule: Rule) -> Outcomes:
    if not facts.has_text:
        return NotApplicable("nothing_restated")
    a = facts.agreement
    text, language = facts.text, a.language
    out: list[Outcome] = []
    checked = 0
    restated = find_restated_dates(text, language)
    checked += len(restated)
    for r in restated:
        if not r.agrees:
            clauses = _clauses(facts, [r.span[0]])
            out.append(Outcome("restated", {"first": r.first, "second": r.second}, clauses))
    date_spans = [found.span for found in find_dates(text, language)]
    for number in find_restated_numbers(text, language):
        if not any(s <= number.span[0] < e for s, e in date_spans):
            continue
        checked += 1
        if not number.agrees:
            written = " ".join(text[number.span[0] : number.span[1]].split())
            out.append(Outcome("words", {"written": written}, _clauses(facts, [number.span[0]])))
    if a.signed_date is not None and facts.signatures.strip():
        block_dates = [f.value for f in find_dates(facts.signatures, language)]
        checked += len(block_dates)
        differing = sorted({d for d in block_dates if d != a.signed_date})
        if differing:
            out.append(Outcome("block", {"dates": differing, "signed": a.signed_date}))
    if out:
        return out
    return [Outcome("ok", {"count": checked})] if checked else NotApplicable("nothing_restated")


def number_words(facts: Facts, rule: Rule) -> Outcomes:
    if not facts.has_text:
        return NotApplicable("nothing_restated")
    text, language = facts.text, facts.agreement.language
    date_spans = [found.span for found in find_dates(text, language)]
    numbers = [
        n
        for n in find_restated_numbers(text, language)
        if not any(s <= n.span[0] < e for s, e in date_spans)
    ]
    if not numbers:
        return NotApplicable("nothing_restated")
    wrong = [n for n in numbers if not n.agrees]
    if not wrong:
        return [Outcome("ok", {"count": len(numbers)})]
    written = [" ".join(text[n.span[0] : n.span[1]].split()) for n in wrong]
    return [Outcome("mismatch", {"items": written}, _clauses(facts, [n.span[0] for n in wrong]))]


def placeholders(facts: Facts, rule: Rule) -> Outcomes:
    if not facts.is_dated:
        return NotApplicable("draft")
    pattern = compiled(rule, "patterns")
    if pattern is None or not facts.has_text:
        return NotApplicable("draft")
    places: list[Place] = []
    positions: list[int] = []
    for m in pattern.finditer(facts.text):
        positions.append(m.start())
        place = facts.place_at(m.start())
        if place not in places:
            places.append(place)
    if not positions:
        return [Outcome("ok")]
    values: dict[str, Value] = {
        "places": places,
        "count": len(positions),
        "date": facts.agreement.signed_date or "",
    }
    return [Outcome("found", values, _clauses(facts, positions))]


_NUMBER_LINE = re.compile(r"^\s*(?:n[o0]m[o0]r|no\.?|number)\b[^:]*:?(?P<value>.*)$", re.IGNORECASE)
_BLANK = re.compile(r"^[\s.…_/\-\[\]()]*$|[.…_]{3}")


def party_numbers(facts: Facts, rule: Rule) -> Outcomes:
    a = facts.agreement
    languages = rule.param("languages") or []
    if languages and a.language not in languages:
        return NotApplicable("language")
    expected = max(len(a.parties), int(rule.param("min_numbers", 2)))
    if len(a.numbers) >= expected:
        return [Outcome("ok", {"count": len(a.numbers)})]
    blank = 0
    for line in facts.number_lines if facts.has_text else ():
        m = _NUMBER_LINE.match(line)
        if m and _BLANK.search(m["value"]):
            blank += 1
    values: dict[str, Value] = {"count": len(a.numbers), "expected": expected, "blank": blank}
    return [Outcome("blank" if blank else "fewer", values)]


def indonesian_version(facts: Facts, rule: Rule) -> Outcomes:
    a = facts.agreement
    if a.language == "id":
        return [Outcome("main")]
    if not facts.has_text:
        return [Outcome("unread")]
    lines = a.text.splitlines()
    weight = {"id": 0, "en": 0}
    for line, language in zip(lines, line_languages(lines), strict=True):
        if language is not None:
            weight[language] += len(line)
    total = weight["id"] + weight["en"]
    share = weight["id"] / total if total else 0.0
    if share >= float(rule.param("min_share_percent", 20)) / 100:
        return [Outcome("bilingual", {"percent": round(100 * share)})]
    return [Outcome("absent", {"percent": round(100 * share)})]


WEEKDAY = Check(
    run=weekday,
    reasons={
        "ok": reason("ok", "count"),
        "mismatch": reason("doubt", "items"),
        "none_stated": reason("skip"),
    },
)

DATE_WORDS = Check(
    run=date_words,
    reasons={
        "ok": reason("ok", "count"),
        "restated": reason("doubt", "first", "second"),
        "words": reason("doubt", "written"),
        "block": reason("doubt", "dates", "signed"),
        "nothing_restated": reason("skip"),
    },
)

NUMBER_WORDS = Check(
    run=number_words,
    reasons={
        "ok": reason("ok", "count"),
        "mismatch": reason("doubt", "items"),
        "nothing_restated": reason("skip"),
    },
)

PLACEHOLDERS = Check(
    run=placeholders,
    reasons={
        "ok": reason("ok"),
        "found": reason("doubt", "places", "count", "date"),
        "draft": reason("skip"),
    },
    params={"patterns": Param("patterns", required=True)},
)

PARTY_NUMBERS = Check(
    run=party_numbers,
    reasons={
        "ok": reason("ok", "count"),
        "blank": reason("doubt", "count", "expected", "blank"),
        "fewer": reason("doubt", "count", "expected", "blank"),
        "language": reason("skip"),
    },
    params={"languages": Param("strings"), "min_numbers": Param("int")},
)

INDONESIAN_VERSION = Check(
    run=indonesian_version,
    reasons={
        "main": reason("ok"),
        "bilingual": reason("ok", "percent"),
        "absent": reason("doubt", "percent"),
        "unread": reason("doubt"),
    },
    params={"min_share_percent": Param("int")},
)
