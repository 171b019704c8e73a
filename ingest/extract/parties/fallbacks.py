"""Parties of agreements that give no role marker: 'between A and B.', 'A, whose
headquarters ..., as represented by OFFICE, NAME, and B, ...', and an individual who signs
with a contact block. Each reading here is doubted as a fallback."""

from __future__ import annotations

import re
from collections import Counter

from ingest.extract.parties.common import Reading
from ingest.extract.parties.names import looks_like_office, tidy_name, wrong_name
from ingest.extract.parties.reading import strip_end
from ingest.textutil import fold, is_placeholder

_BETWEEN = re.compile(r"\b(?:by\s+and\s+)?between\b\s*:?\s*", re.IGNORECASE)
_PREAMBLE_END = re.compile(
    r"\b(?:WHEREAS|RECITALS|NOW,?\s+THEREFORE)\b|\n\s*\n|"
    r"\s+(?:in\s+order\s+to|to|for\s+the\s+purpose\s+of|for)\s+(?=[a-zA-Z])|\.\s"
)
_NAME_END = re.compile(
    r"\s*\(|,\s+(?:a|an|the)\s|,?\s*(?:whose|with|having|located|acting|duly|herein\w*|"
    r"(?:as\s+)?represented)\b"
)
_AND = re.compile(r",?\s+and\s+", re.IGNORECASE)


def between_parties(region: str) -> list[Reading]:
    """'This MOU is made between Cipher Craft and Murree Brewery to formalize ...'."""
    m = _BETWEEN.search(region)
    if m is None:
        return []
    stop = _PREAMBLE_END.search(region, m.end())
    chunk = region[m.end() : stop.start() if stop else m.end() + 400]
    readings: list[Reading] = []
    pos = 0
    for part in [*_AND.split(chunk, maxsplit=3)]:
        start = m.end() + chunk.find(part, pos)
        pos = chunk.find(part, pos) + len(part)
        name = strip_end(_NAME_END.split(fold(part), maxsplit=1)[0])
        if not name or len(name) > 120 or is_placeholder(name):
            continue
        reading = Reading(None, name, None, None, (start, start + len(part)))
        reading.doubt("fallback", "the party was named in a 'between A and B' sentence")
        readings.append(reading)
    return readings if len(readings) >= 2 else []


_REPRESENTED = re.compile(
    r"(?:as\s+)?represented\s+by\s*:?\s*(?P<a>[^,\n]+(?:\n[^,\n]+)?),\s*"
    r"(?P<b>[^,;]+?)(?=\s*(?:[,;]|\.\s*\n|\.\s*$|\n\s*and\b|$))",
    re.IGNORECASE,
)


def represented_parties(region: str) -> list[Reading]:
    """'A (IU), whose headquarters ..., as represented by Office, Name, and B, ...'."""
    found: list[Reading] = []
    pos = 0
    for m in _REPRESENTED.finditer(region):
        segment = region[pos : m.start()]
        if not found and (between := list(_BETWEEN.finditer(segment))):
            segment = segment[between[-1].end() :]  # 'This MoU is made ... between A, as ...'
        segment = re.sub(r"^(?:\s*(?:and\b|,))+\s*", "", segment.strip(), flags=re.I)
        name = re.split(r"\s*[,(]", segment, maxsplit=1)[0].strip()
        a, b = fold(m.group("a")), fold(m.group("b"))
        representative, position = (b, a) if looks_like_office(a) else (a, b)
        name = re.sub(r"^the\s+(?=[A-Z])", "", fold(name))
        if name and len(name) <= 120 and wrong_name(representative) is None:
            reading = Reading(None, name, tidy_name(representative), position, (pos, m.end()))
            reading.doubt("fallback", "the party was named without a role marker")
            found.append(reading)
        pos = m.end()
        if len(found) >= 4:
            break
    return found if len(found) >= 2 else []


_CONTACT_NAME = re.compile(
    r"^[ \t]*(?P<name>(?:(?:Dr|Prof|Mr|Mrs|Ms|Ir|H|Hj)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z][\w.'-]*){1,3})"
    r"\s*,\s*(?P<position>[A-Za-z][\w &/-]{2,60}?)\s*$",
    re.MULTILINE,
)
_CONTACT_DETAIL = re.compile(
    r"^[ \t]*(?:Company|Organi[sz]ation|Institution|Address|E-?mail|Phone|Tel|Perusahaan|"
    r"Instansi|Alamat|Telepon)\s*:",
    re.MULTILINE | re.IGNORECASE,
)


def contact_signers(text: str) -> list[Reading]:
    """An individual who signs with a contact block ('Rick Shory, instrumentation developer' /
    'Company: ...' / 'Email: ...') near the end, when no preamble names the parties."""
    tail_start = max(0, len(text) - 2000)
    found: list[Reading] = []
    for m in _CONTACT_NAME.finditer(text, tail_start):
        following = text[m.end() : m.end() + 200]
        if _CONTACT_DETAIL.match(following.lstrip("\n")):
            name = fold(m.group("name"))
            position = fold(m.group("position"))
            reading = Reading(_called(text, position), name, name, position, m.span())
            reading.doubt("fallback", "an individual signing with a contact block")
            found.append(reading)
    return found


def _called(text: str, position: str) -> str | None:
    """What the text calls an individual party: the noun that ends their position
    ('instrumentation developer') when the text speaks of 'the developer' again and again;
    its most frequent spelling there. None when it does not."""
    words = re.findall(r"[A-Za-z]{4,}", position)
    if not words:
        return None
    noun = words[-1]
    said: list[str] = re.findall(
        rf"\b(?:the|The|THE|Both|both)\s+({re.escape(noun)})\b", text, re.I
    )
    if len(said) < 3:
        return None
    called: str = Counter(said).most_common(1)[0][0]
    return called
