"""The party part of an agreement, read the same way in both languages.

1. Each party's passage is found by its role marker (passages.py).
2. A passage is read by the label-row reader (labels.py) when it has rows, else as prose:
   an institution first ('X, suatu perseroan …, diwakili oleh NAME selaku OFFICE') or a
   person first ('NAME, titles, OFFICE, … atas nama X').
3. Every value is checked for its shape (names.py); a value of the wrong shape is dropped and
   doubted, never kept as a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.parties.common import PartyLanguage, Reading
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
from ingest.extract.parties.passages import marker_tail, markers, passages
from ingest.textutil import fold, is_placeholder

# A name and its office come first in a person-first passage.
_HEAD_REACH = 320

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
    elif institution and (looks_like_institution(institution) or _described(entry, institution)):
        reading.name = strip_end(institution)


# what only an institution is said to have before its representative is named
_DESCRIBED = re.compile(
    r"\s*,\s*(?:having\s+its|with\s+its\s+(?:registered|principal)|whose\s+(?:registered|office)|"
    r"domiciled|located|berkedudukan|beralamat|berkantor)\b",
    re.IGNORECASE,
)


def _described(entry: str, institution: str) -> bool:
    """'X, having its office at ..., represented by': a name the passage describes as a
    body with an office before naming its representative is an institution's, whatever
    its words."""
    rest = fold(entry.lstrip())[len(institution) :]
    return len(institution) <= 150 and _DESCRIBED.match(rest) is not None


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
    pieces = office.split(",")
    out = pieces[:1]
    in_list = False  # a list of fields has started ('Desa, Pembangunan ..., dan ...')
    for k in range(1, len(pieces)):
        piece = pieces[k]
        goes_on = _LIST_GOES_ON.match(",".join(pieces[k:])) is not None
        closes = in_list and re.match(r"\s*(?:dan|and)\s+[A-Z]", piece) is not None
        if not (_UNIT_AFTER_COMMA.match(piece) or _field_list(piece) or goes_on or closes):
            break
        in_list = in_list or goes_on
        out.append(piece)
    return strip_end(",".join(out))


# ', Pembangunan Daerah Tertinggal, dan Transmigrasi': the comma goes on with a list of
# capitalised fields that 'dan' closes
_ITEM_WORD = (
    r"(?!(?:Jalan|Jl|Pemerintah|Universitas|PT|Kabupaten|Kota|Provinsi|Dinas|Badan)\b)[A-Z][\w-]*"
)
_LIST_GOES_ON = re.compile(
    rf"\s*{_ITEM_WORD}(?:\s+[A-Z][\w-]*){{0,4}}(?:\s*,\s*{_ITEM_WORD}(?:\s+[A-Z][\w-]*){{0,4}})*"
    rf"\s*,?\s+(?:dan|and)\s+{_ITEM_WORD}"
)


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
            or _LIST_GOES_ON.match(after)
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
            tail = marker_tail(region, passage.marker_end, tail_end, rules)
            if tail and (rules.represented.search(tail) or rules.on_behalf.search(tail)):
                again = read_passage(f"{text} {tail}", rules, passage.role, span)
                if again.representative is not None:
                    again.span = (span[0], passage.marker_end + len(tail))
                    reading = again
        if passage.recovered:
            reading.doubt("fallback", "the role was read by elimination (OCR garbled it)")
        yield reading
