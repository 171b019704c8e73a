"""Signature blocks (DOMAIN 2.9, 3.6, 4.10): who signed for each role.

`PIHAK PERTAMA, | PIHAK KEDUA,` / office / (signature, stamp, meterai) / NAME / NIP, in one
column per party (either party on the left), stacked, or as `By: / Name: / Title:` rows, or
`Name, Title, Organisation` under a signature line. Columns are told apart by tab stops, wide
gaps or repeated labels; a line whose columns cannot be told apart is split only where a name
visibly starts again. Witnesses (`Saksi`) and acknowledging officials (`Mengetahui`) end the
parties' blocks: they are not parties.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.extract.parties import english, indonesian
from ingest.extract.parties.names import (
    has_org_word,
    is_address,
    is_degree,
    looks_like_office,
    tidy_name,
    wrong_name,
)
from ingest.textutil import fold, is_placeholder

_ROLE = rf"(?:{indonesian.ROLE}|(?:THE\s+|The\s+)?{english.ROLE})"
_ROLE_CELL = re.compile(rf"^\s*(?P<role>{_ROLE})\s*[,:.]?\s*$")
# a line of one to three roles ('PIHAK PERTAMA, PIHAK KEDUA,' run together by a text layer)
_ROLES_LINE = re.compile(rf"^\s*(?:{_ROLE})(?:[\s,:./]+(?:{_ROLE})){{0,3}}\s*[,:.]?\s*$")
# 'PIHAK PERTAMA / FIRST PARTY': one heading in two languages
_TRANSLATED_ROLE = re.compile(rf"(?P<role>{_ROLE})\s*/\s*{_ROLE}")
_ROLE_IN_LINE = re.compile(_ROLE)
_FOR_CELL = re.compile(
    r"^\s*(?:FOR|For|UNTUK|Untuk)(?:\s+(?:AND|and|DAN|dan)\s+(?:ON\s+BEHALF\s+OF|on\s+behalf\s+of|"
    r"ATAS\s+NAMA|atas\s+nama))?\s+(?:THE\s+|the\s+)?(?P<inst>[A-Z].{2,100}?)\s*[,:]?\s*$"
)
_END = re.compile(
    r"^\s*(?:Mengetahui|Menyetujui|Saksi|Disaksikan|Witness|WITNESS(?!\s+WHEREOF)|MENGETAHUI|SAKSI|"
    r"LAMPIRAN|Lampiran|ANNEX|Annex|ATTACHMENT|Attachment|APPENDIX|Appendix|"
    # the title block of a version in the other language, after this one's signatures
    r"MEMORANDUM\s+OF|NOTA\s+KESEPAHAMAN|KESEPAKATAN\s+BERSAMA|PERJANJIAN\s+KERJA|"
    r"(?:IMPLEMENTING\s+)?(?:ARRANGEMENT|AGREEMENT)\s*$|ADD?ENDUM\b|"
    # a clause header: the lines read were not the signature blocks
    r"(?i:pasal|article|bab|clause|section)\s+[\wIVX]+\s*[.:]?\s*$)"
)
# 'By: /s/ A   By: /s/ B', 'Name: A Name: B': a label repeated in one line starts a column
_SIGN_LABEL = re.compile(r"\b(?P<label>By|Name|Title|Nama|Jabatan|NIP|Date|Tanggal)\s*:", re.I)
_CELL_GAP = re.compile(r"\t+|[ ]{3,}")
_NOISE = re.compile(
    r"^(?:[\W\d_]*|.*\b(?:METERAI|MATERAI|meterai|materai|TEMPEL|ttd|TTD|Cap|CAP|stempel)\b.*|"
    r"[A-Z0-9]{10,}|.{0,3}|(?:Date|DATE|Tanggal|TANGGAL|Place|Tempat|Signature|SIGNATURE|"
    r"Initials|Paraf)\b.*|.*\S+\.(?:docx?|pdf)\b.*)$"
)
# a duty stamp's serial ('YN4MDTE', 'BNHNYDE'): one token of letters and digits, or of
# consonant runs no name has
_SERIAL = re.compile(
    r"^(?:(?=\S*\d)(?=\S*[A-Za-z])\S{5,}|\S*[BCDFGHJKLMNPQRSTVWXZY]{5,}\S*)$"
    # or a short run of them with the stamp's value: 'TUP6X 3000', 'NP4 10000'
    r"|^(?:\S+\s+){0,2}(?:Rp\.?\s*)?(?:3|6|10)\.?000\s*$",
    re.IGNORECASE,
)
_STAMP = re.compile(r"\b(?:METERAI|MATERAI|TEMPEL)\b", re.IGNORECASE)
_ID_LINE = re.compile(
    r"^\s*(?:NIP|NIK|NIDN|NRP|NPP|Pembina|Penata|Pangkat)\b|^\s*[\d .]{8,}$", re.I
)
_RULE = re.compile(r"^\s*[_\-.…]{5,}\s*$")
_LINES_REACH = 90


@dataclass(slots=True)
class Signer:
    """One signature block: the role above it, the office and institution, the name."""

    role: str | None = None
    institution: str | None = None
    office: str | None = None
    name: str | None = None
    offices: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    last: str = ""  # the kind of the last line added
    last_line: str = (
        ""  # and that line as printed  # offsets in the text read, heading to last line read
    )

    def add_office(self, line: str) -> None:
        line = line.strip(" ,:")
        if line:
            self.offices.append(line)
            self.office = " ".join(self.offices)


_CLAUSE_HEAD = re.compile(
    r"^[ \t]*(?i:pasal|article|bab|clause|section)[ \t]+[\wIVX]+[ \t]*[.:]?[ \t]*$", re.M
)


def after_clause_heads(text: str) -> int:
    """Where the text after its last clause header line starts (0 if it has none): the
    signature blocks of a document whose outline did not find them are read from there."""
    ends = [m.end() for m in _CLAUSE_HEAD.finditer(text)]
    return ends[-1] if ends else 0


def block_start(text: str) -> int:
    """Where the last block of role headings starts in `text` (-1 if none): the signatures
    of a document whose outline did not find them."""
    start = -1
    pos = 0
    for line in text.split("\n"):
        if _ROLES_LINE.match(line) or _is_role_cells(line):
            start = pos
        pos += len(line) + 1
    return start


def _is_role_cells(line: str) -> bool:
    cells = [c for c in _CELL_GAP.split(line) if c.strip()]
    return len(cells) >= 2 and all(_ROLE_CELL.match(c) or _FOR_CELL.match(c) for c in cells)


def read_signers(text: str, parties: Sequence[str] = ()) -> list[Signer]:
    """The signers of the signature blocks at the start of `text`, in reading order.

    `parties` are the names the komparisi gave the parties: a caption row that names one of
    them in one column and a person in another ('Murree Brewery    Nouman (Organizer)') is
    read as a block per column."""
    numbered = _rows_of_cells(_numbered(text.split("\n")[:_LINES_REACH]))
    lines = [raw for _, raw in numbered]
    signers: list[Signer] = []
    group: list[Signer] = []  # the blocks under the current line of role headings
    after_rule = False
    wrapped = False  # the last line named a signer and an institution that may wrap
    headed = False  # the last line was a heading naming an institution, which may wrap
    merged = False  # the headings' line ran the columns together: so do the lines under it
    stamp = 0  # lines left in a duty stamp's print (its serial, its value)
    captioned: Signer | None = None  # the person of a caption row, whose title may follow
    for k, (at, raw) in enumerate(numbered):
        if _END.match(raw):
            break
        line = raw.strip()
        if not line:
            continue
        if _STAMP.search(line):
            stamp = 3
            continue
        if stamp and (len(line.split()) == 1 or re.search(r"\d", line)) and not is_degree(line):
            stamp -= 1
            continue  # 'LEJBU', 'XHPBU', '3000' under 'METERAI TEMPEL'
        stamp = 0
        for signer in group:
            signer.span = (signer.span[0], at + len(raw))
        roles = _roles(line)
        if roles is None and headed and group and _is_wrapped_heading(group, line):
            last = group[-1]  # 'FEDERATED INVESTMENT MANAGEMENT' / 'COMPANY'
            last.institution = f"{last.institution} {line}"
            continue
        if roles is None and _heads_labels(line, lines[k + 1 : k + 3]):
            # 'ALPHA CORP.' over 'By: / Name: / Title:', one per column
            roles = [
                (None, None if is_placeholder(c) else c.strip(" ,:"))
                for c in _CELL_GAP.split(line)
                if c.strip()
            ]
        if (
            roles is None
            and parties
            and not any(s.role for s in group)  # under role headings their columns hold
            and (caption := _caption(line, parties)) is not None
        ):
            for signer in caption:
                signer.span = (at, at + len(raw))
            group = caption
            signers.extend(group)
            captioned = next((s for s in group if s.name and not s.offices), None)
            after_rule = wrapped = headed = merged = False
            continue
        if captioned is not None:
            person, captioned = captioned, None
            if not _CELL_GAP.search(line) and len(line.split()) <= 6 and _kind(line) != "noise":
                person.add_office(line)  # 'Lead Organizer' under the person's column
                continue
        if roles is not None:
            group = [Signer(role=r, institution=i, span=(at, at + len(raw))) for r, i in roles]
            signers.extend(group)
            after_rule = wrapped = False
            headed = any(i for _, i in roles)
            merged = len(roles) > 1 and not _CELL_GAP.search(line)
            continue
        headed = False
        if _RULE.match(line):
            after_rule, wrapped = True, False
            continue
        if after_rule and (signed := _name_title_line(line)) is not None:
            signed.span = (at, at + len(raw))
            signers.append(signed)
            group, after_rule, wrapped = [], False, signed.institution is not None
            continue
        if wrapped and len(line) < 60 and _is_continuation(line):
            last = signers[-1]
            last.institution = f"{last.institution} {line}"
            last.span = (last.span[0], at + len(raw))
        after_rule = wrapped = False
        if not group:
            continue
        labels = list(_SIGN_LABEL.finditer(line))
        if len(group) == 1 and len(labels) >= 2 and not line[: labels[0].start()].strip():
            # 'By: /s/ A By: /s/ B' under one line naming both institutions
            more = [Signer(span=group[0].span) for _ in labels[1:]]
            group.extend(more)
            signers.extend(more)
        cells = _cells(line, len(group))
        if len(cells) == len(group) and len(group) > 1:
            for signer, cell in zip(group, cells, strict=True):
                _add(signer, cell)
        elif merged:
            continue  # 'BUPATI MAROS, REKTOR UNIVERSITAS CONTOH,': whose part is whose is unknown
        elif (target := _stream_target(group, line)) is not None:
            _add(target, line)
    return [s for s in signers if s.name or s.office or s.institution]


# a signature table's label cell without its value ('By', 'TITLE:')
_BARE_SIGN_LABEL = re.compile(
    r"^\s*(?P<label>By|Name|Title|Nama|Jabatan|Date|Tanggal|Signature|Tanda\s+Tangan)\s*:?\s*$",
    re.IGNORECASE,
)


def _numbered(lines: list[str]) -> list[tuple[int, str]]:
    """Each line with its offset in the text read."""
    out: list[tuple[int, str]] = []
    pos = 0
    for raw in lines:
        out.append((pos, raw))
        pos += len(raw) + 1
    return out


def _rows_of_cells(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A two-column signature table read one cell per line ('LUCID Inc.' / '[*]' / 'By' /
    'By' / NAME / '[*]' / 'TITLE' / 'TITLE:'): where the same bare label comes twice in a
    row, the lines from the row before it (the institutions) are put back into rows of two
    cells joined by a tab."""
    filled = [(i, at, raw.strip()) for i, (at, raw) in enumerate(lines) if raw.strip()]
    for j in range(2, len(filled) - 1):
        a = _BARE_SIGN_LABEL.match(filled[j][2])
        b = _BARE_SIGN_LABEL.match(filled[j + 1][2])
        if a and b and a["label"].casefold() == b["label"].casefold():
            break
    else:
        return lines
    rest = filled[j - 2 :]
    rows = [
        (rest[k][1], "\t".join(cell for _, _, cell in rest[k : k + 2]))
        for k in range(0, len(rest), 2)
    ]
    return lines[: rest[0][0]] + rows


# 'Nouman (Organizer)': a person with the office in brackets
_PERSON_OFFICE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<office>[^()]{2,60})\)$")


def _caption(line: str, parties: Sequence[str]) -> list[Signer] | None:
    """A caption row of signature columns, one naming a party and one a person (with the
    office in brackets or not), as informal MoUs print them above or without signature lines;
    columns run together are split where a party's name starts or ends the line. None when
    the line is not such a row."""
    cells = [c.strip() for c in _CELL_GAP.split(line) if c.strip()]
    if len(cells) == 1:
        cells = _split_at_party(cells[0], parties)
    if not 2 <= len(cells) <= 3:
        return None
    out: list[Signer] = []
    for cell in cells:
        if any(names_party(cell, name) for name in parties):
            out.append(Signer(institution=cell.strip(" ,:")))
        elif (person := _person(cell)) is not None:
            out.append(person)
        else:
            return None
    kinds = {s.institution is None for s in out}
    return out if kinds == {True, False} else None


def _split_at_party(line: str, parties: Sequence[str]) -> list[str]:
    folded = line.casefold()
    for name in parties:
        key = name.casefold().strip()
        if len(key) < 3 or folded == key:
            continue
        if folded.startswith(key + " "):
            return [line[: len(key)].strip(), line[len(key) :].strip()]
        if folded.endswith(" " + key):
            return [line[: -len(key)].strip(), line[-len(key) :].strip()]
    return [line]


def _person(cell: str) -> Signer | None:
    name, office = cell, None
    if (m := _PERSON_OFFICE.match(cell)) is not None:
        name, office = m["name"], m["office"].strip()
    name = name.strip()
    if not name[:1].isupper() or len(name.split()) > 6 or _kind(name) != "name":
        return None
    if has_org_word(name):
        return None
    signer = Signer(name=tidy_name(name))
    if office:
        signer.add_office(office)
    return signer


def names_party(text: str, name: str) -> bool:
    """Whether `text` names the party called `name`: the same words, one inside the other,
    nearly the same letters, or each word of the shorter starting the other's word
    ('ZAPTA Technologies' for 'ZAPTA TECH')."""
    a = re.sub(r"[^\w ]+", " ", fold(text).casefold()).split()
    b = re.sub(r"[^\w ]+", " ", fold(name).casefold()).split()
    if not a or not b:
        return False
    ja, jb = " ".join(a), " ".join(b)
    if ja == jb:
        return True
    if (f" {ja} " in f" {jb} " or f" {jb} " in f" {ja} ") and abs(len(a) - len(b)) <= 3:
        return True  # 'PT Bank Contoh (Persero) Tbk' for 'Bank Contoh'; not two names run together
    if SequenceMatcher(None, ja, jb).ratio() >= 0.85:
        return True
    return min(len(a), len(b)) >= 2 and all(
        min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x))
        for x, y in zip(a, b, strict=False)
    )


def _is_wrapped_heading(group: list[Signer], line: str) -> bool:
    """The next line of an institution heading its block, before anything else is read."""
    if any(s.name or s.offices for s in group) or group[-1].institution is None:
        return False
    return line.isupper() and len(line) < 60 and not _SIGN_LABEL.match(line)


def _heads_labels(line: str, following: list[str]) -> bool:
    """An institution's name over 'By:' / 'Name:' rows (the blocks of US agreements)."""
    if _SIGN_LABEL.match(line) or not has_org_word(line) or looks_like_office(line):
        return False
    return any(re.match(r"\s*(?:By|Name)\b\s*:?", nxt, re.I) for nxt in following)


def _roles(line: str) -> list[tuple[str | None, str | None]] | None:
    """The role headings of a line ('PIHAK KEDUA, PIHAK PERTAMA,', 'FOR X\tFOR Y'), or None."""
    if _ROLES_LINE.match(line):
        line = _TRANSLATED_ROLE.sub(lambda m: m["role"], line)
        return [(fold(m.group()), None) for m in _ROLE_IN_LINE.finditer(line)]
    cells = [
        _TRANSLATED_ROLE.sub(lambda m: m["role"], c) for c in _CELL_GAP.split(line) if c.strip()
    ]
    if not cells or not all(_ROLE_CELL.match(c) or _FOR_CELL.match(c) for c in cells):
        return None
    out: list[tuple[str | None, str | None]] = []
    for cell in cells:
        if (m := _ROLE_CELL.match(cell)) is not None:
            out.append((fold(m.group("role")), None))
        elif (f := _FOR_CELL.match(cell)) is not None:
            out.append((None, fold(f.group("inst")).rstrip(",:")))
    return out


def _cells(line: str, columns: int) -> list[str]:
    cells = [c.strip() for c in _CELL_GAP.split(line) if c.strip()]
    if len(cells) == columns:
        return cells
    labels = list(_SIGN_LABEL.finditer(line))
    if len(labels) == columns and not line[: labels[0].start()].strip():
        bounds = [m.start() for m in labels] + [len(line)]
        return [line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    if columns == 2 and len(cells) == 1:
        names = _split_two_names(line)
        if names is not None:
            return list(names)
    return cells


def _split_two_names(line: str) -> tuple[str, str] | None:
    """'ANDI BASO, S.H. Prof. Dr. MUH. CONTOH, M.T.': two names run together, split where a
    second name starts after the first one's degrees."""
    words = line.split()
    for k in range(1, len(words)):
        if is_degree(words[k - 1].rstrip(",")) and not is_degree(words[k].rstrip(",")):
            left, right = " ".join(words[:k]), " ".join(words[k:])
            if wrong_name(left) is None and wrong_name(right) is None:
                return left, right
    return None


def _stream_target(group: list[Signer], line: str) -> Signer | None:
    """The block a one-column line belongs to: blocks read one after the other (a table read
    cell by cell), each until its name and the office line right after it."""
    kind = _kind(line)
    if kind == "label":
        label = line.split(":", 1)[0].strip().casefold()
        wants_office = label in ("title", "jabatan")
        for signer in group:
            if (signer.offices if wants_office else signer.name) is None or (
                wants_office and not signer.offices
            ):
                return signer
        return None
    for k, signer in enumerate(group):
        if signer.name is None:
            return signer
        if (
            kind == "office"
            and not signer.offices
            and k + 1 < len(group)
            and group[k + 1].name is None
            and not group[k + 1].offices
        ):
            return signer
        if kind == "office" and not signer.offices and k + 1 == len(group):
            return signer
    return None


# OCR's leftovers of a signature or stamp before a line: '=" ', 'pe ', 'ii | '
# (possessive: a long rule of underscores must not backtrack through every split of itself)
_SMUDGE = re.compile(r"^(?:[^A-Za-z(]++|[a-z]{1,3}\s++(?:\|\s*+)?)++(?=[A-Z(])")


def _kind(text: str) -> str:
    office_line = text.rstrip().endswith(",")  # 'BUPATI GOWA,': the office ends with a comma
    text = _SMUDGE.sub("", text.strip(" ,"))
    if not text or _NOISE.match(text) or _ID_LINE.match(text) or is_placeholder(text):
        return "noise"
    if _BARE_SIGN_LABEL.match(text):
        return "noise"
    if _SERIAL.match(text) or not re.search(r"[A-Z][A-Za-z]{2,}", text) or is_address(text):
        return "noise"  # a serial, or no capitalised word at all ('ii | _—_—')
    label = re.match(r"^(?P<label>By|Name|Nama|Title|Jabatan)\s*:\s*(?P<value>.*)$", text, re.I)
    if label:
        return "label"
    if re.match(r"^[A-Za-z][\w /.-]{1,24}\s*:", text):
        return "noise"  # another label row ('Alamat : ...', 'Telepon : ...')
    bare = text.strip('()[]“”"')
    if wrong_name(bare) is None and not looks_like_office(bare) and not office_line:
        return "name"
    if has_org_word(text) and not looks_like_office(text):
        return "institution"
    return "office"


def _add(signer: Signer, cell: str) -> None:
    cell = cell.strip()
    bare = _BARE_SIGN_LABEL.match(cell)
    if bare is not None:
        # a 'TITLE' cell: the cell under it is the office, whatever it looks like
        signer.last = "title" if bare["label"].casefold() in ("title", "jabatan") else "label"
        return
    kind = _kind(cell)
    if kind == "noise":
        return
    if signer.last == "title" and kind in ("name", "institution"):
        kind = "office"
    if kind == "name" and signer.name is None and _continues_office(signer, cell):
        kind = "office"  # 'KEPALA DINAS KEPENDUDUKAN DAN' / 'PENCATATAN SIPIL,'
    signer.last, signer.last_line = kind, cell
    if kind == "label":
        m = re.match(r"^(?P<label>By|Name|Nama|Title|Jabatan)\s*:\s*(?P<value>.*)$", cell, re.I)
        assert m is not None
        value = re.sub(r"^/s/\s*", "", m.group("value")).strip()
        if not value or is_placeholder(value):
            return
        if m.group("label").casefold() in ("title", "jabatan"):
            signer.add_office(value)
        elif (
            signer.name is None or m.group("label").casefold() in ("name", "nama")
        ) and wrong_name(value) is None:
            signer.name = tidy_name(value)
        return
    if kind == "name" and signer.name is None:
        signer.name = tidy_name(_SMUDGE.sub("", cell).strip('()[]“”"'))
    elif kind == "institution" and signer.institution is None and signer.name is None:
        signer.institution = cell.strip(" ,")
    elif kind in ("office", "institution"):
        signer.add_office(cell)


def _continues_office(signer: Signer, line: str) -> bool:
    """A line that goes on with the office above it: the office line did not end with a
    comma, and this one is in capitals like it, without degrees."""
    if signer.last != "office" or not signer.offices:
        return False
    previous = signer.last_line
    return (
        not previous.rstrip().endswith(",")
        and previous.isupper()
        and line.isupper()
        and "," not in line
        and not any(is_degree(w) for w in line.split())
    )


def _name_title_line(line: str) -> Signer | None:
    """'Jackie Example, Executive Director, Example Solar Foundation' under a signature line."""
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 2 or wrong_name(parts[0]) is not None:
        return None
    signer = Signer(name=tidy_name(parts[0]))
    rest = parts[1:]
    if len(rest) >= 2 and (has_org_word(rest[-1]) or not looks_like_office(rest[-1])):
        signer.institution = rest[-1]
        rest = rest[:-1]
    signer.add_office(", ".join(rest))
    return signer


def _is_continuation(line: str) -> bool:
    """A wrapped institution ('Development' after 'Data Science for Sustainable')."""
    return not _RULE.match(line) and bool(re.match(r"^[A-Z][\w&.'-]*(?:\s+[\w&.'-]+){0,4}$", line))
