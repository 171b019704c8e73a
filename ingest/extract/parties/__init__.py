"""Parties: role, institution bound, representative and position, with reasons to doubt them.

One design for both languages (reading.py): each party's passage is found by its role marker
and read by the label-row reader or a prose reader, with the language's words from a table
(`LANGUAGES`); the signature blocks (signatures.py) then confirm, complete or contradict what
the passage says. Parties named only in a 'between A and B' sentence, in signature blocks or
in a contact block are read by fallbacks and doubted as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ingest.errors import UnsupportedLanguage
from ingest.extract.parties import english, indonesian
from ingest.extract.parties.common import PartyLanguage, Reading, role_ordinal
from ingest.extract.parties.fallbacks import between_parties, contact_signers, represented_parties
from ingest.extract.parties.names import name_key
from ingest.extract.parties.passages import normal_role
from ingest.extract.parties.reading import read_komparisi
from ingest.extract.parties.signatures import (
    Signer,
    after_clause_heads,
    block_start,
    names_party,
    read_signers,
)
from ingest.extract.parties.titles import smart_title, title_party_names
from ingest.model import Doubt, Found, Party
from ingest.textutil import fold, is_placeholder

__all__ = [
    "LANGUAGES",
    "PartyReading",
    "find_parties",
    "language_rules",
    "read_parties",
    "smart_title",
    "title_party_names",
]

LANGUAGES: dict[str, PartyLanguage] = {
    "id": replace(
        indonesian.LANGUAGE,
        foreign_marker=english.LANGUAGE.role_marker,
        foreign_start=english.LANGUAGE.komparisi_start,
    ),
    "en": replace(
        english.LANGUAGE,
        foreign_marker=indonesian.LANGUAGE.role_marker,
        foreign_start=indonesian.LANGUAGE.komparisi_start,
    ),
}
# The party part of an agreement is a page or two; a longer region means the outline missed
# the first clause, and reading on would take the recitals for parties.
_REGION_REACH = 12_000
_SIGNATURES_REACH = 6_000
_TAIL_REACH = 2_500


def language_rules(language: str) -> PartyLanguage:
    """The party rules of one language. Raises UnsupportedLanguage for any other code."""
    if language not in LANGUAGES:
        raise UnsupportedLanguage(language, supported=sorted(LANGUAGES))
    return LANGUAGES[language]


@dataclass(frozen=True, slots=True)
class PartyReading:
    """The parties in reading order, each with its span, and the doubts about them
    (`Doubt.item` is the party's index)."""

    parties: list[Found[Party]]
    doubts: list[Doubt] = field(default_factory=list)


def find_parties(
    text: str, start: int, end: int, *, language: str, title: str, signatures: str
) -> list[Found[Party]]:
    """Parties in reading order, each with the span of the passage that names it."""
    return read_parties(
        text, start, end, language=language, title=title, signatures=signatures
    ).parties


def read_parties(
    text: str, start: int, end: int, *, language: str, title: str, signatures: str
) -> PartyReading:
    """The parties of the komparisi between offsets `start` and `end` of `text`, checked
    against the signature blocks in `signatures` (the text from where they start; when the
    outline found none, the last block of role headings after `end` is read). Raises
    UnsupportedLanguage."""
    rules = language_rules(language)
    region = text[start : min(end, start + _REGION_REACH)]
    readings = _komparisi(region, rules, language)
    for reading in readings:
        reading.span = (start + reading.span[0], start + reading.span[1])
    titles = title_party_names(title)
    if readings:
        _complete_from_titles(readings, titles)
        readings = [r for r in readings if _is_party(r)]
    else:
        readings = _fallback_readings(region, start)
    at = _signature_start(text, end, signatures)
    named = [r.name for r in readings if r.name and not is_placeholder(r.name)]
    signers = read_signers(text[at : at + _SIGNATURES_REACH], named)
    for signer in signers:
        signer.span = (at + signer.span[0], at + signer.span[1])
    if readings:
        _reconcile(readings, signers)
    else:
        readings = _from_blocks(signers) or contact_signers(text)
    _joint_role(readings, region, rules)
    return _result([r for r in readings if _is_party(r)])


def _komparisi(region: str, rules: PartyLanguage, language: str) -> list[Reading]:
    readings = list(read_komparisi(region, rules))
    if not readings:
        # a bilingual agreement may name its parties in its other language only
        other = next(code for code in LANGUAGES if code != language)
        readings = list(read_komparisi(region, LANGUAGES[other]))
    return readings


def _joint_role(readings: list[Reading], region: str, rules: PartyLanguage) -> None:
    """'(hereinafter each a "Partner" or collectively "the Partners")': the one label of every
    party, when none has a label of its own."""
    joint = next((r.joint_role for r in (rules, LANGUAGES["en"]) if r.joint_role), None)
    if not readings or any(r.role for r in readings) or joint is None:
        return
    if (m := joint.search(region)) is not None:
        for reading in readings:
            reading.role = normal_role(m.group("role"))


def _signature_start(text: str, end: int, signatures: str) -> int:
    """Where the signature blocks start in `text`: where the outline found them, else at the
    last line of role headings after the komparisi, else near the end of the document."""
    if signatures.strip() and text.endswith(signatures):
        return len(text) - len(signatures)
    at = block_start(text[end:])
    if at >= 0:
        return end + at
    # no role headings either: the end of the document ('Name, Title, Organisation' lines),
    # after its last clause header
    tail = max(0, len(text) - _TAIL_REACH)
    return tail + after_clause_heads(text[tail:])


def _complete_from_titles(readings: list[Reading], titles: list[str]) -> None:
    """A party whose passage names no institution takes the title block's name for it; with
    none there either, a signer who acts for no one is the party (an individual)."""
    for index, reading in enumerate(readings):
        if reading.name is not None:
            continue
        if index < len(titles) and not is_placeholder(titles[index]):
            reading.name = smart_title(titles[index])
            reading.doubt("fallback", "the institution's name comes from the title block")
        elif reading.representative is not None and index >= len(titles):
            reading.name = reading.representative
            reading.doubt("fallback", "no institution is named: the signer is the party")


def _reconcile(readings: list[Reading], signers: list[Signer]) -> None:
    """Each party against the signature block of its role: a missing signer or office is
    taken from there (doubted as a fallback), a different signer is doubted."""
    # a block headed by a party's own name is that party's, whatever the order
    by_name = {
        index: signer
        for index, reading in enumerate(readings)
        if reading.name
        and role_ordinal(reading.role) is None
        and (signer := _named_block(reading.name, signers, readings)) is not None
    }
    used: list[Signer] = list(by_name.values())
    for index, reading in enumerate(readings):
        later = sum(1 for k in range(index, len(readings)) if k not in by_name)
        signer = by_name.get(index) or _signer_of(
            reading, later, [s for s in signers if s not in used]
        )
        if signer is None:
            continue
        used.append(signer)
        if reading.representative is None and signer.name:
            reading.representative = signer.name
            reading.doubt("fallback", "the signer's name comes from the signature block")
        elif (
            reading.representative and signer.name and _differ(reading.representative, signer.name)
        ):
            reading.doubt(
                "disagree",
                f"the komparisi names {reading.representative!r}, "
                f"the signature block {signer.name!r}",
            )
        if reading.position is None and signer.office:
            reading.position = fold(signer.office).strip(" ,")
            reading.doubt("fallback", "the office comes from the signature block")


def _named_block(name: str, signers: list[Signer], readings: list[Reading]) -> Signer | None:
    """The one block whose heading names this party and no other."""
    others = [r.name for r in readings if r.name and r.name != name]
    named = [
        s
        for s in signers
        if s.institution
        and names_party(s.institution, name)
        and not any(names_party(s.institution, other) for other in others)
    ]
    return named[0] if len(named) == 1 else None


def _signer_of(reading: Reading, later: int, signers: list[Signer]) -> Signer | None:
    """The block of `reading` among the blocks not yet given to a party; `later` is how many
    parties (this one included) still wait for theirs."""
    ordinal = role_ordinal(reading.role)
    if ordinal is not None:
        same = [s for s in signers if role_ordinal(s.role) == ordinal]
        if same:
            return same[0]
    if reading.role:
        same = [s for s in signers if s.role and s.role.casefold() == reading.role.casefold()]
        if same:
            return same[0]
    if reading.name:
        key = reading.name.casefold()
        scored = [
            (_similar(s.institution.casefold(), key), k)
            for k, s in enumerate(signers)
            if s.institution
        ]
        best = max(scored, key=lambda pair: (pair[0], -pair[1]), default=(0.0, -1))
        if best[0] >= 0.8:
            return signers[best[1]]
    if len(signers) == later and not any(s.role for s in signers):
        return signers[0]
    return None


def _differ(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or ka in kb or kb in ka:
        return False
    return _similar(ka, kb) < 0.8


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _fallback_readings(region: str, start: int) -> list[Reading]:
    """The parties of a komparisi the readers did not find: 'represented by' prose or
    'between A and B'."""
    readings = represented_parties(region) or between_parties(region)
    for reading in readings:
        reading.span = (start + reading.span[0], start + reading.span[1])
    return readings


def _from_blocks(signers: list[Signer]) -> list[Reading]:
    """With no komparisi at all: the parties the signature blocks name."""
    from_blocks = [
        Reading(s.role, s.institution, s.name, s.office, s.span)
        for s in signers
        if s.institution and s.name
    ]
    for reading in from_blocks:
        reading.doubt("fallback", "the party is named only in its signature block")
    return from_blocks


def _is_party(reading: Reading) -> bool:
    return bool(reading.name) and not is_placeholder(reading.name or "")


def _result(readings: list[Reading]) -> PartyReading:
    parties: list[Found[Party]] = []
    doubts: list[Doubt] = []
    for index, reading in enumerate(readings):
        assert reading.name is not None
        party = Party(reading.role, reading.name, reading.representative, reading.position)
        parties.append(Found(party, reading.span))
        doubts.extend(Doubt("parties", code, detail, index) for code, detail in reading.doubts)
    return PartyReading(parties, doubts)
