"""What a check takes and gives: the context passed in, findings and the result.

The engine is pure: everything it needs besides the Agreement comes in a `CheckContext`
(stored agreements by number, precedent clauses, disabled rules, today's date), so the
HTTP layer, the CLI and the tests give it real stores and indexes without the engine
knowing them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol

from ingest.model import Agreement, Profile

Status = Literal["ok", "missing", "doubt"]
Level = Literal["requirement", "recommendation"]
STATUSES: tuple[Status, ...] = ("ok", "missing", "doubt")
LANGUAGES = ("id", "en")


def kept_profile(agreement: Agreement) -> Profile:
    """What ingest derived of the agreement when it extracted it (its partner types and
    cooperation kind, ingest/profile.py), as the store keeps it: the checks read it and never
    derive it again. Raises ValueError for an Agreement built without one (neither read by
    `ingest.extract_agreement` nor by the store): that is a caller's bug."""
    if agreement.profile is None:
        raise ValueError(
            f"{agreement.source.filename}: checking failed, the agreement has no profile; "
            "check an agreement as ingest extracts it or as the store reads it"
        )
    return agreement.profile


@dataclass(frozen=True, slots=True)
class StoredAgreement:
    """An agreement naskah holds, as a lookup returns it."""

    agreement_id: str
    agreement: Agreement


class AgreementLookup(Protocol):
    """Stored agreements whose own numbers include `number` (compared without spaces and
    case), newest first; empty when none is stored."""

    def __call__(self, number: str) -> Sequence[StoredAgreement]: ...


@dataclass(frozen=True, slots=True)
class Precedent:
    """A clause of a stored agreement that shows how a requirement was worded before."""

    agreement_id: str
    clause_id: str
    title: str  # the agreement's title
    snippet: str

    def to_dict(self) -> dict[str, str]:
        return {
            "agreement_id": self.agreement_id,
            "clause_id": self.clause_id,
            "title": self.title,
            "snippet": self.snippet,
        }


class PrecedentFinder(Protocol):
    """The best-matching stored clauses of `category` (a clause-taxonomy key), preferring
    agreements of the same check kind and partner type (ingest.extract.partners), best
    first."""

    def __call__(
        self, category: str, kind: str, partner_type: str | None
    ) -> Sequence[Precedent]: ...


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may know besides the agreement itself.

    `lookup` None: whether a cited KB or agreement is stored cannot be checked (said so in
    the finding). `precedents` None: findings carry no precedents. `disabled`: rule ids an
    admin switched off. `today`: the date a draft without a signing date is judged at.
    """

    lookup: AgreementLookup | None = None
    precedents: PrecedentFinder | None = None
    disabled: frozenset[str] = frozenset()
    today: date = field(default_factory=date.today)
    max_precedents: int = 3


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of one rule on one agreement. `message` holds the text in every
    language of LANGUAGES; `clauses` the numbers of the Pasal it points at."""

    rule: str
    status: Status
    level: Level
    title: dict[str, str]
    message: dict[str, str]
    basis: str
    verified: bool
    clauses: tuple[str, ...] = ()
    precedents: tuple[Precedent, ...] = ()

    def to_dict(self, language: str = "id") -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "level": self.level,
            "title": self.title[language],
            "message": self.message[language],
            "basis": self.basis,
            "verified": self.verified,
            "clauses": list(self.clauses),
            "precedents": [p.to_dict() for p in self.precedents],
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A rule of the pack that does not apply to this agreement, and why."""

    rule: str
    title: dict[str, str]
    reason: dict[str, str]

    def to_dict(self, language: str = "id") -> dict[str, Any]:
        return {"rule": self.rule, "title": self.title[language], "reason": self.reason[language]}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Every finding of the pack chosen for an agreement.

    `kind` is the pack's id; `kind_reason` says how it was chosen (or that the caller
    chose it). Rules an admin disabled are not run and are listed in `disabled`."""

    kind: str
    kind_name: dict[str, str]
    kind_reason: str
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...] = ()
    disabled: tuple[str, ...] = ()

    @property
    def requirements_met(self) -> tuple[int, int]:
        """(requirements with status ok, requirements checked): the register's completeness."""
        required = [f for f in self.findings if f.level == "requirement"]
        return sum(1 for f in required if f.status == "ok"), len(required)

    def to_dict(self, language: str = "id") -> dict[str, Any]:
        met, total = self.requirements_met
        return {
            "kind": self.kind,
            "kind_name": self.kind_name[language],
            "kind_reason": self.kind_reason,
            "requirements_met": met,
            "requirements": total,
            "findings": [f.to_dict(language) for f in self.findings],
            "skipped": [s.to_dict(language) for s in self.skipped],
            "disabled": list(self.disabled),
        }
