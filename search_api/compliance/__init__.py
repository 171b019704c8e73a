"""Pemeriksaan naskah: check an agreement against what the rules require (issue #15).

`check_agreement(agreement, context, kind=None)` runs the rule pack for the agreement's
kind (packs/*.toml: KB, PKS between regions, PKS with a third party, addendum,
cooperation abroad) and returns one finding per rule: ok, missing or doubt, with the
Pasal it found, the legal basis, and precedents from stored agreements. Pure: stored
agreements and precedents come in through the CheckContext as callables; the partner
types and cooperation kind are the profile ingest derived (`kept_profile`), never again.
`checklist_docx(result, ...)` renders the findings for a review memo.
"""

from search_api.compliance.checklist import checklist_docx
from search_api.compliance.engine import check_agreement
from search_api.compliance.model import (
    AgreementLookup,
    CheckContext,
    CheckResult,
    Finding,
    Precedent,
    PrecedentFinder,
    Skipped,
    StoredAgreement,
    kept_profile,
)
from search_api.compliance.packs import InvalidPack, Packs, RuleVariant, SwitchableRule, load_packs
from search_api.compliance.rules import Pack, Rule
from search_api.errors import UnknownCheckKind

__all__ = [
    "AgreementLookup",
    "CheckContext",
    "CheckResult",
    "Finding",
    "InvalidPack",
    "Pack",
    "Packs",
    "Precedent",
    "PrecedentFinder",
    "Rule",
    "RuleVariant",
    "SwitchableRule",
    "Skipped",
    "StoredAgreement",
    "UnknownCheckKind",
    "check_agreement",
    "checklist_docx",
    "kept_profile",
    "load_packs",
]
