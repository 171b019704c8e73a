"""The checking engine: an Agreement and a context in, one finding per rule out.

Pure: no store, index or HTTP. Whatever it needs from outside comes in the CheckContext
(model.py); the rules come from the packs (packs.py). Each rule runs its check; the
finding's status is the worst of the check's outcomes (missing > doubt > ok), its message
the outcomes' messages in both languages, and a rule whose legal basis was not verified
says so in its message.
"""

from __future__ import annotations

import logging

from ingest.model import Agreement
from search_api.compliance.checks import CHECKS
from search_api.compliance.checks.outcomes import Check, NotApplicable, Outcome
from search_api.compliance.facts import Facts
from search_api.compliance.messages import fill
from search_api.compliance.model import (
    LANGUAGES,
    CheckContext,
    CheckResult,
    Finding,
    Precedent,
    Skipped,
    Status,
)
from search_api.compliance.packs import Packs, load_packs
from search_api.compliance.rules import Pack, Rule

log = logging.getLogger(__name__)

_SEVERITY: dict[Status, int] = {"ok": 0, "doubt": 1, "missing": 2}
UNVERIFIED = {
    "id": "Dasar hukum belum diverifikasi.",
    "en": "Legal basis not verified.",
}


def check_agreement(
    agreement: Agreement,
    context: CheckContext | None = None,
    *,
    kind: str | None = None,
    packs: Packs | None = None,
) -> CheckResult:
    """Every rule of the pack for `agreement` (or of the pack `kind`), as findings.

    Raises UnknownCheckKind for a `kind` no pack has, InvalidPack for broken pack files."""
    context = context or CheckContext()
    packs = packs or load_packs()
    if kind is not None:
        pack, reason = packs.get(kind), "chosen by the caller"
    else:
        choice = packs.choose(agreement)
        pack, reason = choice.pack, choice.reason
    facts = Facts(agreement, pack.kind, context)
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    disabled: list[str] = []
    for rule in pack.rules:
        if rule.id in context.disabled:
            disabled.append(rule.id)
            continue
        check = CHECKS[rule.check]
        result = check.run(facts, rule)
        if isinstance(result, NotApplicable):
            values = {"title": rule.title, **result.values}
            skipped.append(
                Skipped(rule.id, dict(rule.title), fill(rule.messages[result.reason], values))
            )
            continue
        findings.append(_finding(rule, check, list(result), facts, pack))
    log.info(
        "check file=%s kind=%s rules=%d missing=%d doubt=%d skipped=%d disabled=%d",
        agreement.source.filename,
        pack.kind,
        len(findings),
        sum(1 for f in findings if f.status == "missing"),
        sum(1 for f in findings if f.status == "doubt"),
        len(skipped),
        len(disabled),
    )
    return CheckResult(
        kind=pack.kind,
        kind_name=dict(pack.name),
        kind_reason=reason,
        findings=tuple(findings),
        skipped=tuple(skipped),
        disabled=tuple(disabled),
    )


def _status(check: Check, outcome: Outcome) -> Status:
    status = check.reasons[outcome.reason].status
    if status == "skip":
        raise AssertionError(f"check gave the skip reason {outcome.reason!r} as an outcome")
    return status


def _finding(
    rule: Rule, check: Check, outcomes: list[Outcome], facts: Facts, pack: Pack
) -> Finding:
    if not outcomes:
        raise AssertionError(f"rule {rule.id}: its check gave no outcome")
    statuses = [_status(check, o) for o in outcomes]
    status = max(statuses, key=_SEVERITY.__getitem__)
    shown = [o for o, s in zip(outcomes, statuses, strict=True) if status == "ok" or s != "ok"]
    texts = [fill(rule.messages[o.reason], {"title": rule.title, **o.values}) for o in shown]
    message = {}
    for language in LANGUAGES:
        parts = [t[language] for t in texts]
        if not rule.verified:
            parts.append(UNVERIFIED[language])
        message[language] = " ".join(parts)
    clauses: list[str] = []
    for o in outcomes:
        clauses.extend(c for c in o.clauses if c not in clauses)
    precedents: tuple[Precedent, ...] = ()
    finder = facts.context.precedents
    category = check.precedents(rule)
    if status != "ok" and finder is not None and category:
        found = finder(category, pack.kind, facts.partner_type)
        precedents = tuple(found[: facts.context.max_precedents])
    return Finding(
        rule=rule.id,
        status=status,
        level=rule.level,
        title=dict(rule.title),
        message=message,
        basis=rule.basis,
        verified=rule.verified,
        clauses=tuple(clauses),
        precedents=precedents,
    )
