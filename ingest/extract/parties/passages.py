"""Where each party's passage is: role markers, and the entry each one closes or heads.

A role given after the passage ('selanjutnya disebut PIHAK PERTAMA', 'hereinafter referred
to as the FIRST PARTY', '(the "Company")') closes it; a role alone on its line over label
rows ('PIHAK PERTAMA' / 'Nama : …') heads it. Inside the span before a closing marker the
entry starts at its list number, after the previous entry's translation in a bilingual
komparisi, after a line that only says 'dan' / 'and'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.parties.common import Marker, PartyLanguage
from ingest.extract.parties.labels import ROW, rows_text
from ingest.textutil import fold

# A party's passage is rarely longer; a longer one means a marker was missed.
_PASSAGE_REACH = 1500
_START_REACH = 1200
# The rest of a marker's sentence that may still name the signer.
TAIL_REACH = 320


def markers(region: str, rules: PartyLanguage) -> list[Marker]:
    """The role markers of the komparisi in `region`, one per role, in order."""
    headers = [
        Marker(m.start(), m.end(), normal_role(m.group("role")), leading=True)
        for m in rules.role_header.finditer(region)
        if _rows_follow(region, m.end()) and not _ends_sentence_before(region, m.start())
    ]
    if headers:
        return _one_per_role(headers)
    collective = rules.collective.search(region)
    recitals = rules.recitals.search(region) if rules.recitals else None
    found: list[Marker] = []
    for m in rules.role_marker.finditer(region, 0, recitals.start() if recitals else len(region)):
        role = marker_role(m)
        if role is None or rules.not_a_role.match(role) or _JOINT.match(region, m.end()):
            continue
        if rules.garbled is not None and rules.garbled(role):
            continue
        # roles are introduced before the parties are named together; later mentions are
        # the recitals
        if collective and m.end() > collective.start() and len(found) >= 2:
            break
        groups = m.groupdict()
        found.append(
            Marker(
                m.start(),
                m.end(),
                normal_role(role),
                defined=bool(groups.get("quoted")),
                together=bool(groups.get("together")),
            )
        )
    found = _one_per_role(found)
    if rules.recover is not None:
        found = rules.recover(region, found, collective.start() if collective else -1)
    return found


# '(... the "Partner" or collectively "the Partners")': one label for all, not a party's own
_JOINT = re.compile(r"\s*,?\s*(?:or|and)\s+(?:collectively|jointly|together)\b", re.IGNORECASE)


def marker_role(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    role = groups.get("role") or groups.get("quoted")
    return fold(role) if role else None


def normal_role(role: str) -> str:
    """The role as printed, with OCR's split words joined ('PIHAK KESA TU' -> 'PIHAK
    KESATU'), a leading 'the' dropped and OCR's 'Il' read as 'II'."""
    role = fold(role)
    role = re.sub(r"^(?:the)\s+", "", role, flags=re.IGNORECASE)
    words = role.split(" ")
    if words and words[0].casefold() == "pihak" and len(words) > 2:
        role = f"{words[0]} {''.join(words[1:])}"
    role = re.sub(r"(?<=\s)(?:\|\||Il|ll)$", "II", role)
    return re.sub(r"(?<=\s)[|l]$", "I", role)


def _one_per_role(found: list[Marker]) -> list[Marker]:
    seen: set[str] = set()
    kept: list[Marker] = []
    for marker in found:
        key = marker.role.casefold()
        if key in seen:
            continue
        seen.add(key)
        kept.append(marker)
    return kept


def _rows_follow(region: str, pos: int) -> bool:
    """True when a label row starts within the next two lines."""
    # a table's cells may come one per line ('Nama' / ':' / 'X'): put them back on one
    lines = rows_text(region[pos : pos + 300].lstrip("\n")).split("\n")[:3]
    return any(ROW.match(line) for line in lines[:2] if line.strip())


def _ends_sentence_before(region: str, pos: int) -> bool:
    """True when the line before `pos` leads into it ('selanjutnya disebut' / 'PIHAK KEDUA'):
    the role then closes a passage, it does not head one."""
    before = region[max(0, pos - 60) : pos].rstrip()
    return bool(re.search(r"(?:disebut|sebagai|as|called|the)\s*$", before, re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class Passage:
    start: int
    end: int
    role: str | None
    marker_end: int
    recovered: bool = False


def passages(region: str, found: list[Marker], rules: PartyLanguage) -> list[Passage]:
    """Each marker's passage: before a closing role, after a heading one."""
    out: list[Passage] = []
    if found and found[0].leading:
        limit = rules.collective.search(region, found[-1].end)
        for i, marker in enumerate(found):
            end = found[i + 1].start if i + 1 < len(found) else len(region)
            if i + 1 == len(found) and limit is not None:
                end = min(end, _line_start(region, limit.start()))
            end = min(end, marker.end + _PASSAGE_REACH)
            out.append(Passage(marker.end, end, marker.role, marker.end, marker.recovered))
        return out
    pos = _first_start(region[: found[0].start], rules) if found else 0
    for index, marker in enumerate(found):
        start = max(pos, marker.start - _PASSAGE_REACH)
        start = _after_translation(region, start, marker.start, rules)
        start = _entry_start(region, start, marker.start, index)
        out.extend(_entities(region, start, marker, rules))
        # '(the "Company"), and B': the next party follows in the same sentence
        pos = marker.end if marker.defined else _sentence_end(region, marker.end)
    return out


# a line that only joins two entries ('dan', 'and', 'dan/and')
_JOINING_LINE = re.compile(r"^[ \t]*(?:dan|and|dan\s*/\s*and|serta)[ \t]*[,;]?[ \t]*$", re.I | re.M)


def _after_translation(region: str, start: int, end: int, rules: PartyLanguage) -> int:
    """Where the entry before `end` starts in a bilingual komparisi: after the previous
    entry's translation (closed by the other language's role marker) and after a line that
    only says 'dan' / 'and'."""
    if rules.foreign_marker is not None:
        for m in rules.foreign_marker.finditer(region, start, end):
            start = _sentence_end(region, m.end())
    for m in _JOINING_LINE.finditer(region, start, end):
        start = m.end()
    return start


def _entities(region: str, start: int, marker: Marker, rules: PartyLanguage) -> list[Passage]:
    """The passage before `marker`, split where a further institution starts: 'A, a New York
    corporation ... and [*] ("Distributor")' names two parties, the role belongs to the last
    one (to all of them when the marker says 'collectively')."""
    cuts = [start]
    if rules.entities is not None and marker.defined:
        cuts += [m.end() for m in rules.entities.finditer(region, start, marker.start)]
    out: list[Passage] = []
    for k, cut in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else marker.start
        last = k + 1 == len(cuts)
        if not last and not re.sub(r"(?i)\band\b|[\s,;]", "", region[cut:end]):
            continue  # ', and' between the previous party's marker and this one
        role = marker.role if last or marker.together else None
        out.append(Passage(cut, end, role, marker.end if last else end, marker.recovered and last))
    return out


def _line_start(region: str, pos: int) -> int:
    return region.rfind("\n", 0, pos) + 1


def _first_start(region: str, rules: PartyLanguage) -> int:
    """Where the first entry can start: after the opening ('di bawah ini:'), and after its
    translation when one follows ('... we the undersigned:')."""
    m = rules.komparisi_start.search(region, 0, _START_REACH)
    start = m.end() if m else 0
    if m and rules.foreign_start is not None:
        translated = rules.foreign_start.search(region, start, _START_REACH)
        if (
            translated
            and not region[start : translated.start()].count("\n\n")
            and (translated.start() - start < 300)
        ):
            start = translated.end()
    return start


def _sentence_end(region: str, pos: int) -> int:
    """Where the sentence that closed a passage ends (its role marker at `pos`)."""
    m = re.compile(r"[.;]+\s*|\n").search(region, pos)
    return m.end() if m else pos


# '1.', 'II.', 'a)', OCR's Roman numerals 'll.', '|.', 'Il.', and '1 ' before a capital
_ITEM = re.compile(
    r"^[ \t]*(?P<n>\d{1,2}|[IVX]{1,4}|[Il1|]{1,3})(?:[.)]|(?=[ \t]+[A-Z]))[ \t]*", re.MULTILINE
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}


def _item_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    text = text.casefold().replace("l", "i").replace("|", "i").replace("1", "i")
    return _ROMAN.get(text)


def _entry_start(region: str, start: int, end: int, index: int) -> int:
    """Where party `index`'s entry starts between `start` and `end`: at its list number
    ('2.' for the second party) when there is one, so the opening sentence, a translation
    of the previous entry or 'dan' stay out of it."""
    items = [m for m in _ITEM.finditer(region, start, end) if m.end() < end]
    dotted = [m for m in items if re.match(r"[ \t]*\S+[.)]", m.group())]
    numbered = [m for m in items if _item_number(m.group("n")) == index + 1]
    # '2. Luh Contoh, S.Pd : Kepala SD Negeri' / '2 Batubulan Kangin': the dotted one
    if numbered:
        return ([m for m in numbered if m in dotted] or numbered)[-1].start()
    rows = [m for m in ROW.finditer(region, start, end)]
    if rows:
        before = [m for m in dotted if m.start() <= rows[0].start()]
        return before[-1].start() if before else start
    return dotted[-1].start() if dotted else start


def marker_tail(region: str, start: int, end: int, rules: PartyLanguage) -> str:
    """The rest of the sentence a role marker stands in, up to the next entry."""
    end = min(end, start + TAIL_REACH)
    if (collective := rules.collective.search(region, start, end)) is not None:
        end = collective.start()
    text = region[start:end]
    stop = re.search(r";|\.\s*\n|\n\s*\n|\n[ \t]*(?:\d{1,2}|[IVX]{1,4})[.)]", text)
    return text[: stop.start()] if stop else text
