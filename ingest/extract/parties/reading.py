"""The party part of an agreement, read the same way in both languages.

1. Each party's passage is found by its role marker: a role given after the passage
   ('selanjutnya disebut PIHAK PERTAMA', 'hereinafter referred to as the FIRST PARTY',
   '(the "Company")') or a role heading its label rows ('PIHAK PERTAMA' / 'Nama : …').
2. A passage is read by the label-row reader (labels.py) when it has rows, else as prose:
   an institution first ('X, suatu perseroan …, diwakili oleh NAME selaku OFFICE') or a
   person first ('NAME, titles, OFFICE, … atas nama X').
3. Every value is checked for its shape (names.py); a value of the wrong shape is dropped and
   doubted, never kept as a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.extract.parties.common import Marker, PartyLanguage, Reading
from ingest.extract.parties.labels import ROW, read_rows, rows_text
from ingest.extract.parties.names import (
    has_org_word,
    is_degree,
    looks_like_office,
    office_inside,
    split_name,
    tidy_name,
    wrong_name,
    wrong_position,
)
from ingest.textutil import fold, is_placeholder

# A party's passage is rarely longer; a longer one means a marker was missed.
_PASSAGE_REACH = 1500
_START_REACH = 1200
# A name and its office come first in a person-first passage.
_HEAD_REACH = 320


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
        if collective and m.start() > collective.start() and len(found) >= 2:
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
    return re.sub(r"\b(?:Il|ll)$", "II", role)


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
    lines = region[pos : pos + 300].lstrip("\n").split("\n")[:3]
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


# NIP and similar numbers in prose ('NIP. 19650101 199003 1 012,'): blanked, same length
_ID_NUMBER = re.compile(r"\b(?:NIP|NIK|NIDN|NRP)\b\.?\s*:?\s*[\d ]{6,}\d\s*,?", re.IGNORECASE)
# a list number before an entry; without a dot only digits ('1 Prof. Dr. X'): 'I Made X' is a
# Balinese name
_LEAD = re.compile(r"^[\s\-–•]*(?:(?:\d{1,2}|[IVX]{1,4}|[Il1|]{1,3})[.)]|\d{1,2}\s(?=[A-Z]))?\s*")


def read_passage(
    passage: str, rules: PartyLanguage, role: str | None, span: tuple[int, int]
) -> Reading:
    """One party from its passage. Values that are not there stay None."""
    text = _ID_NUMBER.sub(lambda m: " " * len(m.group()), passage)
    text = re.sub(r"^(?:\s*(?:dan|and)\b|\s*,)+", lambda m: " " * len(m.group()), text)
    reading = Reading(role, None, None, None, span)
    rows = read_rows(text)
    if "name" in rows.values or "position" in rows.values or "name" in rows.empty:
        _read_rows(text, rows.values, reading, rules)
        for kind in rows.empty:
            if kind == "name":
                reading.doubt("placeholder", "the signer's name is left blank")
    elif (represented := rules.represented.search(text)) is not None:
        _read_institution_first(text, represented, reading, rules)
    else:
        _read_person_first(text, reading, rules)
    if reading.name is None:
        reading.name = institution_after(text, rules)
    if rules.on_own_behalf.search(text) and reading.representative:
        reading.name = reading.representative
    return reading


def _read_rows(text: str, values: dict[str, str], reading: Reading, rules: PartyLanguage) -> None:
    text = rows_text(text)
    reading.representative = check_name(values.get("name"), reading)
    reading.position = check_position(values.get("position"), reading)
    institution = values.get("institution")
    if institution and not is_placeholder(institution):
        reading.name = strip_end(institution)
        return
    reading.name = institution_after(text, rules)
    if reading.name is None:
        # '1. PT CONTOH ABADI' over the rows: the entry names its institution
        first_row = ROW.search(text)
        lead = _LEAD.sub("", text[: first_row.start() if first_row else 0]).strip(" :,\n")
        if lead and "\n" not in lead and len(lead) <= 120 and looks_like_institution(lead):
            reading.name = strip_end(fold(lead))


def _read_person_first(text: str, reading: Reading, rules: PartyLanguage) -> None:
    body = _LEAD.sub(lambda m: " " * len(m.group()), text, count=1)
    if rules.apposition is not None and rules.apposition.match(body):
        # 'ADMA BioManufacturing, LLC, a Delaware limited liability company, having ...'
        reading.name = strip_end(cut_institution(body.strip(), rules)) or None
        return
    stop = rules.head_stop.search(body, 0, _HEAD_REACH)
    head = body[: stop.start()] if stop else body[:_HEAD_REACH]
    name, position = split_head(head, rules)
    if name is not None and wrong_name(name) is None:
        reading.representative = name
        if position is None and stop is not None:
            position = _office_after_stop(body, stop, rules)
        reading.position = check_position(position, reading)
        return
    head_text = fold(head).strip(" ,:;")
    if head_text and looks_like_office(head_text) and wrong_position(head_text) is None:
        # 'Kepala Sekolah SD Negeri 17, dalam hal ini bertindak ...': the office, no name
        reading.position = cut_office(head_text, rules)
        reading.doubt("fallback", "the passage names the office, not the signer")
    elif head_text and looks_like_institution(head_text) and not rules.on_behalf.search(text):
        # 'between A, a Delaware corporation (...)': only the institution
        name = cut_institution(head_text, rules)
        reading.name = strip_end(re.sub(r"^the\s+(?=[A-Z])", "", name))
    elif name is not None:
        check_name(name, reading)


def _read_institution_first(
    text: str, represented: re.Match[str], reading: Reading, rules: PartyLanguage
) -> None:
    """'X, suatu Perguruan Tinggi ..., dalam hal ini diwakili oleh NAME selaku OFFICE' and
    'A, a company ..., represented by NAME, its OFFICE' (or 'by OFFICE, NAME')."""
    lead = _LEAD.sub(lambda m: " " * len(m.group()), text, count=1)
    entry = lead[: represented.start()]
    institution = cut_institution(entry.lstrip(), rules)
    after = text[represented.end() :]
    stop = rules.head_stop.search(after, 0, _HEAD_REACH)
    head = after[: stop.start()] if stop else after[:_HEAD_REACH]
    name, position = split_head(head, rules)
    if (name is None or wrong_name(name)) and "," in head:
        # 'represented by Director-General, Mr. Harry Houston'
        office, _, person = fold(head).partition(",")
        if looks_like_office(office) and wrong_name(person.strip(" ,.")) is None:
            name, position = person.strip(" ,"), office
    reading.representative = check_name(name, reading)
    if position is None and stop is not None:
        position = _office_after_stop(after, stop, rules)
    reading.position = check_position(position, reading)
    on_behalf = institution_after(text, rules)
    label = _entry_label(entry)
    if label and (on_behalf is None or not _words(label) <= _words(on_behalf)):
        # '1. BPJS KETENAGAKERJAAN CABANG X : Suatu badan hukum ...': the entry's label names
        # the institution, often more precisely (the branch) than 'atas nama' further on
        reading.name = label
    elif on_behalf is not None:
        reading.name = on_behalf
    elif institution and looks_like_institution(institution):
        reading.name = strip_end(institution)


def _office_after_stop(text: str, stop: re.Match[str], rules: PartyLanguage) -> str | None:
    """'NAME, dalam jabatannya selaku DIREKTUR sesuai ...': the office right after the stop."""
    opener = rules.office_opener.search(text, stop.start(), stop.end() + 60)
    if opener is None:
        return None
    return cut_office(fold(text[opener.end() : opener.end() + 200]), rules) or None


_ENTRY_LABEL = re.compile(r"^\s*(?P<label>[^\n:]{3,120}?)[ \t]+:[ \t]")


def _entry_label(entry: str) -> str | None:
    m = _ENTRY_LABEL.match(entry)
    if m is None or not looks_like_institution(m.group("label")):
        return None
    return strip_end(fold(m.group("label")))


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.casefold()))


def split_head(head: str, rules: PartyLanguage) -> tuple[str | None, str | None]:
    """A passage head cut into (name with titles, office)."""
    head = _wrapped_degrees(head)
    opener = rules.office_opener.search(head, 0, 200)
    if opener is not None and opener.start() > 0:
        named = split_name(head[: opener.start()])
        if wrong_name(named.name) is None:
            office = named.rest.strip(" ,") + " " + head[opener.end() :]
            return named.name, cut_office(fold(office), rules) or None
    first, newline, rest = head.strip().partition("\n")
    if newline and wrong_name(tidy_name(first)) is None and looks_like_office(rest):
        named = split_name(first)
        if not named.rest.strip(" ,"):
            return named.name, cut_office(fold(rest), rules) or None
    named = split_name(fold(head))
    if not named.name:
        return None, None
    office = named.rest.strip(" ,:;")
    if not office and (at := office_inside(named.name)) is not None:
        # 'ANDI BASO CONTOH Bupati Sinjai dalam hal ini ...'
        return tidy_name(named.name[:at]), cut_office(named.name[at:], rules) or None
    return named.name, cut_office(office, rules) or None


def _wrapped_degrees(head: str) -> str:
    """'Prof. Dr. I Nyoman X, : Rektor Universitas Y,' / 'M.Pd. dalam hal ini': a name set in
    its own column wraps its degrees onto the next line, after the office's first line."""
    m = re.match(r"(?P<name>[^\n,:]+,)[ \t]*:(?P<office>[^\n]*)\n(?P<next>[^\n]*)", head)
    if m is None:
        return head
    words = m.group("next").split()
    k = 0
    while k < len(words) and is_degree(words[k].rstrip(",")):
        k += 1
    if k == 0:
        return head
    degrees = " ".join(words[:k])
    rest = " ".join(words[k:])
    return f"{m.group('name')} {degrees} :{m.group('office')}\n{rest}{head[m.end() :]}"


_UNIT_AFTER_COMMA = re.compile(
    r"\s*(?:Fakultas|Program|Prodi|Jurusan|Direktorat|Kementerian|Dinas|Badan|Kantor|Cabang|"
    r"Sekretariat|Universitas|Bidang|Bagian|Divisi|Business|Department|Faculty|Office)\b"
)


def cut_office(office: str, rules: PartyLanguage) -> str:
    """An office up to where the passage goes on ('Kepala Dinas X, berdasarkan ...'). A
    comma ends it unless a unit follows ('Direktorat X, Direktorat Jenderal Y') or a list of
    fields ('Dinas Pendidikan, Pemuda dan Olahraga')."""
    office = fold(office)
    office = re.sub(r"^(?:[:,\-–]\s*|(?:selaku|sebagai)\b\s*)+", "", office, flags=re.I)
    stop = rules.office_stop.search(office)
    if stop is not None:
        office = office[: stop.start()]
    out = []
    for k, piece in enumerate(office.split(",")):
        if k and not (_UNIT_AFTER_COMMA.match(piece) or _field_list(piece)):
            break
        out.append(piece)
    return strip_end(",".join(out))


def _field_list(piece: str) -> bool:
    """' Pemuda dan Olahraga Kabupaten X', ' Kebudayaan': a list of fields in a name, its
    items capitalised, closed by 'dan'."""
    words = piece.split()
    if not words or not words[0][:1].isupper() or len(words) > 8:
        return False
    return "dan" in words[:4] or (len(words) <= 2 and not has_org_word(piece))


def cut_institution(text: str, rules: PartyLanguage) -> str:
    """An institution's name up to where the passage goes on. A comma ends it unless a unit
    follows ('Program Studi PGSD, Fakultas Ilmu Pendidikan') or a list of fields
    ('Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi'); an address does not."""
    pos = 0
    while (stop := rules.institution_stop.search(text, pos)) is not None:
        after = text[stop.end() :]
        if stop.group().strip() == "," and (
            _UNIT_AFTER_COMMA.match(after)
            or _field_list(after.split(",")[0])
            or re.match(r"\s*(?:dan|and)\s+[A-Z]", after)
        ):
            pos = stop.end()
            continue
        return fold(text[: stop.start()])
    return fold(text)


def institution_after(text: str, rules: PartyLanguage) -> str | None:
    """The institution after 'untuk dan atas nama' / 'on behalf of', as printed."""
    for m in rules.on_behalf.finditer(text):
        rest = text[m.end() : m.end() + 300]
        if rules.on_own_behalf.search(text, m.start(), m.end() + 30):
            continue
        name = cut_institution(rest, rules)
        name = re.sub(r"^(?:the)\s+(?=[A-Z])", "", name)
        if name and not is_placeholder(name) and len(name) <= 200:
            return strip_end(name)
        if name and is_placeholder(name):
            return None
    return None


def looks_like_institution(value: str) -> bool:
    """An organisation's name ('PT Contoh', 'BPJS KETENAGAKERJAAN', 'Alpha Holdings Corp.')."""
    return has_org_word(value) and not looks_like_office(value)


_ABBREVIATION_END = re.compile(
    r"\b(?:Corp|Inc|Ltd|Co|Tbk|Bhd|L\.L\.C|N\.V|S\.A|Cab|Kab|Prov|[A-Z])\.$", re.IGNORECASE
)


def strip_end(name: str) -> str:
    """Trailing punctuation off a name, but not the dot of 'Corp.' or 'Tbk.'."""
    name = name.strip().rstrip(" ,;:")
    if name.endswith(".") and not _ABBREVIATION_END.search(name):
        name = name.rstrip(".").rstrip()
    return name


def check_name(value: str | None, reading: Reading) -> str | None:
    """`value` when it has a name's shape; else None, and the reading says why."""
    if value is None:
        return None
    value = tidy_name(value)
    if not value or is_placeholder(value):
        return None
    why = wrong_name(value)
    if why is None:
        return value
    reading.doubt("wrong_shape", f"{value!r} is not a signer's name ({why})")
    return None


def check_position(value: str | None, reading: Reading) -> str | None:
    if value is None:
        return None
    value = strip_end(fold(value))
    if not value or is_placeholder(value):
        return None
    why = wrong_position(value, reading.representative)
    if why is None:
        return value
    reading.doubt("wrong_shape", f"{value!r} is not an office ({why})")
    return None


def _tail(region: str, start: int, end: int, rules: PartyLanguage) -> str:
    """The rest of the sentence a role marker stands in, up to the next entry."""
    end = min(end, start + _HEAD_REACH)
    if (collective := rules.collective.search(region, start, end)) is not None:
        end = collective.start()
    text = region[start:end]
    stop = re.search(r";|\.\s*\n|\n\s*\n|\n[ \t]*(?:\d{1,2}|[IVX]{1,4})[.)]", text)
    return text[: stop.start()] if stop else text


def read_komparisi(region: str, rules: PartyLanguage) -> Iterator[Reading]:
    """The parties of the komparisi in `region`, with spans relative to `region`."""
    found = markers(region, rules)
    cut = passages(region, found, rules)
    for k, passage in enumerate(cut):
        text = region[passage.start : passage.end]
        span = (passage.start, max(passage.end, passage.marker_end))
        reading = read_passage(text, rules, passage.role, span)
        if reading.representative is None and passage.marker_end > passage.end:
            # 'X, selanjutnya disebut PIHAK PERTAMA, dalam hal ini diwakili oleh NAME selaku
            # OFFICE;': the signer after the role
            tail_end = cut[k + 1].start if k + 1 < len(cut) else len(region)
            tail = _tail(region, passage.marker_end, tail_end, rules)
            if tail and (rules.represented.search(tail) or rules.on_behalf.search(tail)):
                again = read_passage(f"{text} {tail}", rules, passage.role, span)
                if again.representative is not None:
                    again.span = (span[0], passage.marker_end + len(tail))
                    reading = again
        if passage.recovered:
            reading.doubt("fallback", "the role was read by elimination (OCR garbled it)")
        yield reading
