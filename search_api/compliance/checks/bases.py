"""Legal bases that had been replaced when the agreement was signed.

An agreement signed after PP 28/2018 took effect that still cites PP 50/2007 (or cites
Permendagri 22/2009 after Permendagri 22/2020) rests on a revoked rule: a doubt naming the
replacing regulation. Each replacement is data in the rule: the old and new instrument,
and when the new one was in force. Where only the year of the new one is known, an
agreement signed in that year is 'possibly' affected, and the message says the date was
not verified.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from search_api.compliance.checks.outcomes import (
    Check,
    Outcome,
    Outcomes,
    Param,
    reason,
)
from search_api.compliance.facts import Facts
from search_api.compliance.rules import Rule

_REPLACED_KEYS = {"old", "new", "new_title"}
_INSTRUMENT_KEYS = {"kind", "number", "year"}


def _instrument(entry: dict[str, Any], rule: Rule) -> re.Pattern[str]:
    kinds: dict[str, list[str]] = {i["kind"]: i["names"] for i in rule.param("instruments")}
    return _citation(tuple(kinds[entry["kind"]]), int(entry["number"]), int(entry["year"]))


@cache
def _citation(names: tuple[str, ...], number: int, year: int) -> re.Pattern[str]:
    """'Peraturan Pemerintah Nomor 50 Tahun 2007', 'PP No. 50/2007', 'Government Regulation
    Number 50 of 2007', 'Permendagri Nomor 22 Tahun 2009', with any spacing."""
    kind = "|".join(f"(?:{n})" for n in names)
    return re.compile(
        rf"(?<![\w])(?:{kind})\s*(?:Republik\s+Indonesia\s*)?(?:\((?:RI|PP)\)\s*)?"
        rf"(?:Nomor|Nomer|No\.?|Number|Nr\.?)?\s*:?\s*0*{number}\s*(?:Tahun|Thn\.?|Th\.?|of|/)\s*{year}(?!\d)",
        re.IGNORECASE,
    )


def replaced_basis(facts: Facts, rule: Rule) -> Outcomes:
    if not facts.has_text:
        return [Outcome("unread")]
    on = facts.judged_on
    out: list[Outcome] = []
    for entry in rule.param("replaced"):
        m = _instrument(entry["old"], rule).search(facts.text)
        if m is None:
            continue
        place = facts.place_at(m.start())
        clauses = (place.clause,) if place.clause else ()
        values = {
            "old": entry["old"]["label"],
            "new": entry["new"]["label"],
            "new_title": entry["new_title"],
            "place": place,
            "date": on,
        }
        in_force: date | None = entry.get("in_force")
        if in_force is not None:
            key = "replaced" if on >= in_force else "not_yet"
            out.append(Outcome(key, {**values, "in_force": in_force}, clauses))
            continue
        year = int(entry["new"]["year"])
        if on.year > year:
            key = "replaced_year"
        elif on.year == year:
            key = "maybe_replaced"
        else:
            key = "not_yet_year"
        out.append(Outcome(key, {**values, "year": year}, clauses))
    return out or [Outcome("none")]


def _validate(rule: Rule) -> list[str]:
    problems = []
    kinds = {i.get("kind") for i in rule.param("instruments") or []}
    for i in rule.param("instruments") or []:
        if not isinstance(i.get("kind"), str) or not isinstance(i.get("names"), list):
            problems.append("each instrument needs a kind and a list of names")
    for entry in rule.param("replaced") or []:
        if missing := _REPLACED_KEYS - set(entry):
            problems.append(f"a replaced entry lacks {sorted(missing)}")
            continue
        for side in ("old", "new"):
            part = entry[side]
            if not isinstance(part, dict) or (_INSTRUMENT_KEYS | {"label"}) - set(part):
                problems.append(f"{side} needs kind, number, year and label")
            elif part["kind"] not in kinds:
                problems.append(f"{side} kind {part['kind']!r} is not among the instruments")
        if "in_force" in entry and not isinstance(entry["in_force"], date):
            problems.append("in_force must be a TOML date (2020-05-22)")
    return problems


REPLACED_BASIS = Check(
    run=replaced_basis,
    reasons={
        "none": reason("ok"),
        "not_yet": reason("ok", "old", "new", "new_title", "place", "date", "in_force"),
        "not_yet_year": reason("ok", "old", "new", "new_title", "place", "date", "year"),
        "replaced": reason("doubt", "old", "new", "new_title", "place", "date", "in_force"),
        "replaced_year": reason("doubt", "old", "new", "new_title", "place", "date", "year"),
        "maybe_replaced": reason("doubt", "old", "new", "new_title", "place", "date", "year"),
        "unread": reason("doubt"),
    },
    params={
        "instruments": Param("tables", required=True),
        "replaced": Param("tables", required=True),
    },
    validate=_validate,
)
