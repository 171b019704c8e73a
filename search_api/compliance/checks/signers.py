"""Who signs: the signer's authority for a regional party, and the same names throughout.

PP 28/2018 Art. 2: the head of the region (Gubernur, Bupati, Wali Kota) acts for the
region and may give an official of a perangkat daerah a power of attorney to sign the
PKS. So a regional party signed by anyone else needs a stated Surat Kuasa (or another
stated delegation: a.n., u.b., pelimpahan wewenang); what the text does not state cannot
be confirmed, and is a doubt. Interim heads (Pj., Plt., Plh.) and the Wakil count as the
head. Which offices count and which words state a delegation are the rule's parameters.
"""

from __future__ import annotations

import re

from ingest.model import Party
from search_api.compliance.checks.outcomes import (
    Check,
    NotApplicable,
    Outcome,
    Outcomes,
    Param,
    compiled,
    reason,
)
from search_api.compliance.facts import REGIONAL, Facts
from search_api.compliance.names import appears_in
from search_api.compliance.rules import Rule

# A party's passage in the komparisi ends where the text names its role.
_ROLE_GIVEN = re.compile(r"\b(?:disebut|hereinafter|referred\s+to\s+as)\b", re.IGNORECASE)
_PASSAGE_REACH = 900


def _passage(facts: Facts, party: Party) -> str:
    """The komparisi text about `party`: from after the previous party's role to its own
    role, found through its signer's name or office; its office alone when not found."""
    preamble = facts.preamble
    fallback = party.position or ""
    anchor = party.representative or party.position
    if not anchor or not preamble:
        return fallback
    words = re.findall(r"\w+", anchor)
    if not words:
        return fallback
    m = re.search(r"\W+".join(re.escape(w) for w in words), preamble, re.IGNORECASE)
    if m is None:
        return fallback
    start = 0
    for start_match in _ROLE_GIVEN.finditer(preamble, 0, m.start()):
        start = start_match.end()
    end_match = _ROLE_GIVEN.search(preamble, m.end(), m.end() + _PASSAGE_REACH)
    end = end_match.end() if end_match else min(len(preamble), m.end() + _PASSAGE_REACH)
    return preamble[start:end]


def signer_authority(facts: Facts, rule: Rule) -> Outcomes:
    regional = [
        party
        for party, kind in zip(facts.agreement.parties, facts.party_types, strict=True)
        if kind in REGIONAL
    ]
    if not regional:
        return NotApplicable("no_region")
    heads = compiled(rule, "heads")
    mandates = compiled(rule, "mandates")
    allowed = bool(rule.param("delegation_allowed", True))
    out: list[Outcome] = []
    for party in regional:
        values = {
            "party": party.name,
            "position": party.position or "",
            "signer": party.representative or "",
        }
        position = " ".join((party.position or "").split())
        if not position:
            out.append(Outcome("no_position", values))
        elif heads is not None and heads.search(position):
            out.append(Outcome("head", values))
        elif mandates is not None and (
            mandates.search(position) or mandates.search(_passage(facts, party))
        ):
            out.append(Outcome("mandate" if allowed else "mandate_not_for_kind", values))
        else:
            out.append(Outcome("no_mandate", values))
    return out


def signer_names(facts: Facts, rule: Rule) -> Outcomes:
    signers = [p.representative for p in facts.agreement.parties if p.representative]
    if not signers:
        return NotApplicable("no_signers")
    block = facts.signatures
    if not block.strip():
        return [Outcome("no_block", {"names": signers})]
    absent = [name for name in signers if not appears_in(name, block)]
    if absent:
        return [Outcome("not_found", {"names": absent})]
    return [Outcome("ok", {"names": signers})]


_PARTY_VALUES = ("party", "position", "signer")

SIGNER_AUTHORITY = Check(
    run=signer_authority,
    reasons={
        "head": reason("ok", *_PARTY_VALUES),
        "mandate": reason("ok", *_PARTY_VALUES),
        "mandate_not_for_kind": reason("doubt", *_PARTY_VALUES),
        "no_mandate": reason("doubt", *_PARTY_VALUES),
        "no_position": reason("doubt", *_PARTY_VALUES),
        "no_region": reason("skip"),
    },
    params={
        "heads": Param("patterns", required=True),
        "mandates": Param("patterns", required=True),
        "delegation_allowed": Param("bool"),
    },
)

SIGNER_NAMES = Check(
    run=signer_names,
    reasons={
        "ok": reason("ok", "names"),
        "not_found": reason("doubt", "names"),
        "no_block": reason("doubt", "names"),
        "no_signers": reason("skip"),
    },
)
