"""Komparisi written as label rows: `Nama : …` / `Jabatan : …` / `Alamat : …` (DOMAIN 2.5).

Rows come in any order, with a colon, a tab stop or a table cell between label and value,
numbered (`1. Nama : …`) or not, in Indonesian, English or both (`Nama/Name : …`). OCR of a
two-column table can read the labels first and the values after them (`Nama :` / `Jabatan :` /
then the two values): those are paired in order. Both languages share this reader; only the
label words differ, and a label of either language is read in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.textutil import fold, is_placeholder

# kind -> label words, longest first where one starts another ('Nama Instansi' before 'Nama')
LABELS: dict[str, tuple[str, ...]] = {
    "institution": (
        "Nama Instansi", "Nama Perusahaan", "Nama Lembaga", "Name of Institution",
        "Name of Organi[sz]ation", "Instansi", "Institution", "Organi[sz]ation", "Unit Kerja",
        "Satuan Kerja", "Perusahaan", "Company", "Lembaga", "Badan Usaha", "Affiliation",
    ),
    # OCR reads 'm' as 'rn' (DOMAIN 4.14): 'Narna', 'Alarnat'
    "name": ("Nama Lengkap", "Full Name", "Nama", "Narna", "Name"),
    "position": ("Jabatan", "Title", "Position", "Designation", "Kedudukan"),
    "address": (
        "Alamat Kantor", "Alamat", "Alarnat", "Address", "Berkedudukan di", "Berkedudukan", "Domisili",
        "Berkantor di",
    ),
    "id": ("NIP", "NIK", "NIDN", "NRP", "NPWP", "No\\.?\\s*KTP", "ID No\\.?", "Employee No\\.?"),
    "other": (
        "Telepon", "Telp\\.?", "Phone", "Telephone", "E-?mail", "Fax", "Faksimile", "Pangkat",
        "Golongan", "Pangkat/Golongan", "Website", "HP", "No\\.?\\s*HP",
    ),
}  # fmt: skip
_KIND_OF = {word.casefold(): kind for kind, words in LABELS.items() for word in words}
_ALTERNATION = "|".join(w for words in LABELS.values() for w in words)
# one label, optionally a translation after a slash ('Nama/Name', 'Jabatan / Title')
_LABEL = rf"(?P<label>{_ALTERNATION})(?:\s*/\s*(?:{_ALTERNATION}))?"
# OCR reads a table's border before a label or a value as '|', 'I', '(' or '[': 'INama',
# ': (Dr. X'
_BORDER = r"[|(\[]?[ \t]*|[Il](?=[A-Z][a-z])"
ROW = re.compile(
    rf"^[ \t]*(?:(?:\d{{1,2}}|[IVX]{{1,4}}|[a-z])[.)][ \t]*)?(?:{_BORDER})?{_LABEL}"
    r"(?:[ \t]*:[ \t]*|[ \t]*\t[ \t]*(?::[ \t]*)?)(?:[|(\[](?![^\n]*[)\]]))?(?P<value>[^\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
# A row whose colon and tab a text layer dropped ('Nama Drs. X' / 'Jabatan Kepala Dinas'):
# read only where two such rows of different kinds follow each other
_LOOSE_ROW = re.compile(
    r"^[ \t]*(?:(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)][ \t]*)?"
    r"(?P<label>Nama|Name|Jabatan|Title|Position|Alamat|Address|NIP|Instansi)[ ]+(?P<value>\S[^\n]*)$",
    re.MULTILINE,
)
# A label alone on its line, its value in the next column ('Nama' / 'Jabatan' as a list)
_BARE = re.compile(
    rf"^[ \t]*(?:(?:\d{{1,2}}|[IVX]{{1,4}}|[a-z])[.)][ \t]*)?{_LABEL}[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# a value line goes on on the next line when it ends mid-phrase
_OPEN_END = re.compile(r"(?:\b(?:dan|and|of|atau|serta|pada|di|for|the)|[,&/-])\s*$", re.IGNORECASE)
# a row OCR ran into the previous one: 'Nama : X Jabatan : Y'
_INNER_ROW = re.compile(rf"\s(?={_LABEL}[ \t]*:)", re.IGNORECASE)
# a value going on on a line that names its region ('Kepala Dinas PU' / 'Kabupaten Gowa')
_REGION_START = re.compile(
    r"^\s*(?:Kabupaten|Kota|Provinsi|Daerah|Republik|Regency|City|Province)\b", re.IGNORECASE
)
_STOP_LINE = re.compile(
    r"^\s*(?:dalam\s+hal|bertindak|selanjutnya|yang\s+selanjutnya|acting|hereinafter|in\s+this|"
    r"berdasarkan|sesuai|selaku|sebagai|untuk\s+dan|atas\s+nama|on\s+behalf|based\s+on|"
    r"\d{1,2}[.)]|[IVX]{1,4}[.)]|PIHAK\b|(?:FIRST|SECOND|THIRD)\s+PARTY)",
    re.IGNORECASE,
)


def kind_of(label: str) -> str:
    label = fold(label).casefold()
    if label in _KIND_OF:
        return _KIND_OF[label]
    for word, kind in _KIND_OF.items():
        if re.fullmatch(word, label):
            return kind
    return "other"


@dataclass(frozen=True, slots=True)
class Rows:
    """The label rows of one passage: value and span (offsets in the passage) per kind."""

    values: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    start: int = 0  # where the first row starts
    end: int = 0  # where the last row (and its continuation) ends
    empty: tuple[str, ...] = ()  # kinds whose row was there but blank or a placeholder

    def __bool__(self) -> bool:
        return bool(self.values) or bool(self.empty)


def read_rows(passage: str) -> Rows:
    """The label rows of `passage`; the first row of a kind wins."""
    passage = rows_text(passage)
    values: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    first, last = -1, 0
    rows = list(ROW.finditer(passage))
    starts = {m.start() for m in rows}
    blank = [m for m in _BARE.finditer(passage) if m.start() not in starts]
    for m in rows:
        kind = kind_of(m.group("label"))
        value, end = _with_continuation(passage, m, kind)
        first = m.start() if first < 0 else first
        last = max(last, end)
        if not value:
            blank.append(m)
        elif kind not in values and kind != "other" and not is_placeholder(value):
            values[kind] = value
            spans[kind] = (m.start("value"), end)
        elif is_placeholder(value):
            blank.append(m)
    empty = [kind_of(m.group("label")) for m in blank]
    if blank:
        for kind, (value, span) in _pair_bare_labels(passage, sorted(blank, key=_start)).items():
            if kind not in values and kind != "other":
                values[kind] = value
                spans[kind] = span
                last = max(last, span[1])
    empty = [k for k in empty if k not in values and k != "other"]
    if first < 0 and blank:
        first = min(m.start() for m in blank)
        last = max(last, max(m.end() for m in blank))
    return Rows(values, spans, max(first, 0), last, tuple(dict.fromkeys(empty)))


# a table's label, colon and value cells read one per line: 'Nama' / ':' / 'Dr. X'
_CELLS_ROW = re.compile(
    rf"^(?P<head>[ \t]*(?:(?:\d{{1,2}}|[IVX]{{1,4}}|[a-z])[.)][ \t]*)?{_LABEL})[ \t]*"
    r"(?P<colon>\n[ \t]*:[ \t]*\n|\n[ \t]*:(?=[ \t]*\S))",
    re.IGNORECASE | re.MULTILINE,
)


def rows_text(passage: str) -> str:
    """`passage` with its label rows put back on lines of their own, with a separator (same
    length): rows whose cells were read one per line, rows OCR ran together, rows a text
    layer took the colon from."""
    passage = _CELLS_ROW.sub(lambda m: m["head"] + m["colon"].replace("\n", " "), passage)
    passage = split_run_rows(passage)
    return passage if ROW.search(passage) else _loose_rows(passage)


def _loose_rows(passage: str) -> str:
    """Rows that lost their colon, given one back (same length: the space after the label
    becomes a tab), when at least two of them, of different kinds, stand one under another."""
    found = list(_LOOSE_ROW.finditer(passage))
    kinds = {kind_of(m.group("label")) for m in found}
    runs = any(
        passage.count("\n", a.end(), b.start()) <= 1 and kind_of(a["label"]) != kind_of(b["label"])
        for a, b in zip(found, found[1:], strict=False)
    )
    if len(kinds) < 2 or not runs:
        return passage
    chars = list(passage)
    for m in found:
        chars[m.end("label")] = "\t"
    return "".join(chars)


def split_run_rows(passage: str) -> str:
    """'Nama : X Jabatan : Y' (two rows OCR read as one line) as two lines; same length."""
    cuts = [
        m.start("value") + inner.start()
        for m in ROW.finditer(passage)
        for inner in _INNER_ROW.finditer(m.group("value"))
        if inner.start() > 0
    ]
    if not cuts:
        return passage
    chars = list(passage)
    for cut in cuts:
        chars[cut] = "\n"
    return "".join(chars)


def _start(m: re.Match[str]) -> int:
    return m.start()


def _with_continuation(passage: str, m: re.Match[str], kind: str) -> tuple[str, int]:
    value = m.group("value").strip()
    end = m.end()
    if kind == "name":
        return fold(value), end
    for _ in range(3):
        nxt = re.match(r"\n([^\n]+)", passage[end:])
        if nxt is None or ROW.match(nxt.group(1)) or _STOP_LINE.match(nxt.group(1)):
            break
        if re.match(r"\s*[A-Za-z/ ]{2,24}[ \t]*:", nxt.group(1)):
            break  # another row, its label misread ('AJamat : ...')
        # an office wraps mid-phrase ('... Vokasi' / 'dan Profesi, Direktorat ...') or before
        # its region ('... Penataan Ruang' / 'Kabupaten Gowa')
        joins = re.match(r"\s*(?:dan|and|serta|of)\b", nxt.group(1)) or (
            _REGION_START.match(nxt.group(1)) and len(nxt.group(1).strip()) <= 60
        )
        # an office's name wrapped in its cell ('Direktur Utama Perusahaan Umum Daerah Air
        # Minum' / 'Tirta Lestari Kabupaten Gunung Sejuk'): a short line, no row, no prose
        joins = joins or (
            kind in ("position", "institution")
            and len(nxt.group(1).strip()) <= 70
            and bool(re.match(r"\s*[A-Z(]", nxt.group(1)))
            and not re.search(r"[.;:]\s*$", value)
        )
        if not (_OPEN_END.search(value) or joins):
            break
        value = f"{value} {nxt.group(1).strip()}"
        end += nxt.end()
    return fold(value), end


def _pair_bare_labels(
    passage: str, labels: list[re.Match[str]]
) -> dict[str, tuple[str, tuple[int, int]]]:
    """Labels listed without values, then as many value lines: paired in order."""
    out: dict[str, tuple[str, tuple[int, int]]] = {}
    # only a run of consecutive labels, the values on the lines after the run
    run = [labels[0]]
    for m in labels[1:]:
        between = passage[run[-1].end() : m.start()]
        if between.strip():
            break
        run.append(m)
    pos = run[-1].end()
    for m in run:
        line = re.match(r"\n[ \t]*:?[ \t]*([^\n]*)", passage[pos:])
        if line is None or not line.group(1).strip() or _STOP_LINE.match(line.group(1)):
            break
        if ROW.match(line.group(1)) or _BARE.match(line.group(1)):
            break
        value = fold(line.group(1))
        start = pos + line.start(1)
        pos += line.end()
        out.setdefault(kind_of(m.group("label")), (value, (start, pos)))
    return out
