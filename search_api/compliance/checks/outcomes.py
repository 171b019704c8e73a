"""What every check looks like: facts and a rule in, outcomes (or 'does not apply') out.

A check declares the reasons it can give, each with the status it means and the values
its message may use, and the parameters its rules may set. packs.py holds every rule's
templates and parameters against these declarations when it loads the packs, so a pack
that names an unknown reason, value or parameter fails at load, not in front of a user.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from search_api.compliance.facts import Facts
from search_api.compliance.messages import Value
from search_api.compliance.model import Status
from search_api.compliance.rules import Rule

ParamKind = Literal["str", "int", "bool", "strings", "patterns", "tables"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One thing a check found: a reason (a key of the check's `reasons`), the values its
    message is filled with, and the Pasal it points at."""

    reason: str
    values: Mapping[str, Value] = field(default_factory=dict)
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """The rule does not apply to this agreement (no regional party, not dated, ...)."""

    reason: str
    values: Mapping[str, Value] = field(default_factory=dict)


Outcomes = Sequence[Outcome] | NotApplicable


@dataclass(frozen=True, slots=True)
class Reason:
    status: Status | Literal["skip"]
    values: frozenset[str] = frozenset()


def reason(status: Status | Literal["skip"], *values: str) -> Reason:
    return Reason(status, frozenset(values))


@dataclass(frozen=True, slots=True)
class Param:
    kind: ParamKind
    required: bool = False


@dataclass(frozen=True, slots=True)
class Check:
    """A kind of check: `run(facts, rule)`, the reasons it gives and the parameters it
    reads. `precedents(rule)` is the clause category whose stored wordings help when the
    rule is not met (None: no precedents)."""

    run: Callable[[Facts, Rule], Outcomes]
    reasons: Mapping[str, Reason]
    params: Mapping[str, Param] = field(default_factory=dict)
    precedents: Callable[[Rule], str | None] = lambda rule: rule.param("precedents")
    # what is wrong with a rule's parameters beyond their kinds (packs.py reports it)
    validate: Callable[[Rule], list[str]] = lambda rule: []


# Every template may use the rule's own title.
COMMON_VALUES = frozenset({"title"})


def validate_param(name: str, spec: Param, value: Any) -> str | None:
    """Why `value` does not fit `spec`, or None."""
    if spec.kind == "str":
        return None if isinstance(value, str) else "a string"
    if spec.kind == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) else "an integer"
    if spec.kind == "bool":
        return None if isinstance(value, bool) else "true or false"
    if not isinstance(value, list):
        return "a list"
    if spec.kind == "tables":
        return None if all(isinstance(v, dict) for v in value) else "a list of tables"
    if not all(isinstance(v, str) for v in value):
        return "a list of strings"
    if spec.kind == "patterns":
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                return f"a list of regular expressions ({pattern!r}: {exc})"
    return None


def compiled(rule: Rule, name: str) -> re.Pattern[str] | None:
    """A rule's list of regular expressions as one case-insensitive alternation."""
    patterns = rule.param(name) or []
    if not patterns:
        return None
    return _alternation(tuple(patterns))


_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    if patterns not in _CACHE:
        _CACHE[patterns] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return _CACHE[patterns]
