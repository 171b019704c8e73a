"""People's names as agreements print them, and the shapes a name or an office can have.

A signer's name keeps its titles (DOMAIN 4.11): prefixes (Prof., Dr., dr., Ir., Drs., H., Hj.,
A. for Andi) and the degrees after commas (`H. Ahmad Yani, S.E., M.Si.`). What follows the
degrees is the office. A value that is a label word, a bare number, a date phrase, only
degrees, or an office is never a name; these checks are the same in both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.dates.common import MONTHS
from ingest.textutil import fold, is_placeholder

# Degrees written without dots, as signers' names carry them ('SONY SUHARSONO SE, M.Si.').
# A closed list: an open pattern for short capitals would take 'CEO' or 'PT' for a degree.
_PLAIN_DEGREES = frozenset(
    [
        "sh",
        "mh",
        "se",
        "mm",
        "mba",
        "msc",
        "ma",
        "mt",
        "st",
        "skm",
        "mkes",
        "mpd",
        "spd",
        "msi",
        "ssos",
        "sip",
        "map",
        "skom",
        "mkom",
        "phd",
        "ak",
        "ca",
        "cpa",
        "sstp",
        "mpa",
        "mph",
        "bsc",
        "ba",
        "llm",
        "llb",
        "sp",
        "mp",
        "ssi",
        "sag",
        "mag",
        "spsi",
        "mpsi",
        "sked",
        "shi",
        "mhum",
        "shum",
        "stp",
        "mtp",
        "mab",
        "mars",
        "msn",
        "bba",
        "mpp",
        "meng",
        "beng",
        "dba",
        "mcomm",
        "sikom",
        "mikom",
        "mm.pd",
        "sst",
        "mhi",
        "shut",
    ]
)
# Dotted words that are not degrees: position prefixes, address and company abbreviations.
_NOT_DEGREES = frozenset(
    ["plt", "pj", "plh", "pjs", "an", "ub", "jl", "jln", "no", "kab", "kec", "kel", "tbk"]
    + ["bhd", "inc", "ltd", "co", "corp", "prov", "kota", "rt", "rw"]
    # titles that come before a name
    + ["prof", "dr", "drs", "dra", "drg", "ir", "h", "hj", "mr", "mrs", "ms", "tn", "ny", "kh"]
)
# A dotted degree: 'S.H.', 'M.Si.', 'S.STP.', 'Ph.D.', 'M.M.Pd', 'Sp.FK', 'M.PD', 'LL.M.'
_DOTTED = re.compile(r"(?:[A-Z][A-Za-z]{0,4}\.){1,4}(?:[A-Za-z]{1,5}\.?)?")
_PREFIX_TITLES = frozenset(
    [
        "prof",
        "dr",
        "dr.",
        "drs",
        "dra",
        "ir",
        "h",
        "hj",
        "hj.",
        "ny",
        "nn",
        "mr",
        "mrs",
        "ms",
        "miss",
        "sir",
        "tn",
        "kh",
        "drg",
        "apt",
        "a",
        "andi",
    ]
)
_LABEL_WORDS = frozenset(
    [
        "nama",
        "name",
        "jabatan",
        "title",
        "position",
        "designation",
        "alamat",
        "address",
        "nip",
        "nik",
        "instansi",
        "institution",
        "organisation",
        "organization",
        "tanggal",
        "date",
        "by",
        "signature",
        "tanda",
        "tangan",
        "ttd",
        "telepon",
        "phone",
        "email",
        "selaku",
        "sebagai",
        "pangkat",
        "golongan",
        "unit",
        "kerja",
    ]
)
_DOCUMENT_WORDS = frozenset(
    ["penutup", "lampiran", "demikian", "pasal", "article", "closing", "mengetahui"]
    + ["menyetujui", "saksi", "saksi-saksi", "witness", "witnesses", "signature", "tanda tangan"]
    + ["regarding", "concerning", "tentang", "mengenai", "antara", "dengan", "between"]
)
# words of clause headings, which no name has ('KETENTUAN LAIN-LAIN', 'JANGKA WAKTU')
_HEADING_WORDS = frozenset(
    ["ketentuan", "jangka", "lingkup", "kewajiban", "penyelesaian", "perselisihan", "pembiayaan"]
    + ["pendanaan", "kahar", "maksud", "tujuan", "perubahan", "pengakhiran", "korespondensi"]
    + ["pasal", "bab", "article", "section", "clause", "lain-lain", "umum", "penutup"]
)
_LOWER_OK = ("dr.", "drg.", "dr ", "drg ", "d'")
_OFFICE_START = re.compile(
    r"(?:Plt\.?|Pj\.?|Plh\.?|Pjs\.?|a\.\s?n\.?|u\.\s?b\.?)?\s*(?:Bupati|Wakil|Wali\s*kota|Walikota|"
    r"Gubernur|Rektor|Kepala|Direktur|Ketua|Dekan|Sekretaris|Camat|Lurah|Kepala|Koordinator|"
    r"Koorprodi|Pimpinan|Presiden|Manajer|Manager|Kabag|Kadis|Menteri|Deputi|Asisten|Regent|"
    r"Mayor|Governor|Director|President|Head|Chairman|Chairperson|Chair|Principal|Dean|Rector|"
    r"Vice|Chief|Secretary|Minister|Executive|General|Senior|Managing|Owner|Founder|"
    r"Pejabat|Komisaris|Bendahara|Staf|Staff|Officer)\b",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:(?-i:PT|CV|SMK|SMA|SMP|SMKN|SMAN|SMPN|SD|SDN|RSUD|BPJS|UPT|BUMD|BUMN|PDAM|LPK|LLC|"
    r"LP|N\.V|S\.A|GmbH|Tbk)|Universitas|Pemerintah|Pemkab|Pemkot|Pemprov|Kabupaten|Kota|"
    r"Provinsi|Dinas|Badan|Sekolah|Politeknik|Institut|Yayasan|Koperasi|Perumda|Perusahaan|"
    r"Perseroan|Rumah\s+Sakit|Kementerian|Direktorat|Fakultas|Program\s+Studi|Prodi|Lembaga|"
    r"Perkumpulan|Asosiasi|Bank|University|College|Government|Regency|Municipality|Council|"
    r"Company|Foundation|Institute|Corporation|Corp|Ltd|Inc|Agency|Ministry|Department|Authority|"
    r"Holdings|Partners|Group|Trust|Association|Society|School|Lab|Laboratory|Team|Centre|Center|"
    r"Office|Bureau|City|Province|Brewery|Services)\b",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\b(?:tanggal|hari\s+ini|on\s+this|day\s+of|tahun\s+\w+|bulan\s+\w+|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_WORDS = frozenset(m for m in MONTHS if len(m) > 3)
_FUNCTION_START = re.compile(
    r"^(?:dan|and|the|of|on|in|yang|dalam|selaku|sebagai|acting(?=\s+(?:for|on|in|as)\b)|behalf|untuk|atas|oleh|between|"
    # 'made' opens a sentence ('made and entered into'), 'Made' also a Balinese name
    r"antara|by|is|are|this|these|made(?=\s+(?:and|by|on|in|at|between)\b)|entered|"
    r"berkedudukan|beralamat|bertindak|located|whose|with|hereinafter|selanjutnya|disebut)\b",
    re.IGNORECASE,
)
_ADDRESS_START = re.compile(r"^(?:Jl\.?|Jln\.?|Jalan|Street|Kompleks|Komplek|Gedung)\b", re.I)


def is_degree(word: str) -> bool:
    """True for one academic degree as printed after a name: 'S.H.', 'M.Si', 'SE', 'Ph.D.'."""
    word = word.strip()
    if not word or len(word) > 12:
        return False
    bare = word.replace(".", "").casefold()
    if bare in _PLAIN_DEGREES:
        return True
    if "." not in word or bare in _NOT_DEGREES:
        return False
    return _DOTTED.fullmatch(word) is not None and bare.isalpha()


def is_degrees(part: str) -> bool:
    """True when `part` (one comma-separated piece) holds only degrees: 'S.Pd. M.Pd', 'MAB.'."""
    words = part.split()
    return bool(words) and all(is_degree(w) for w in words)


@dataclass(frozen=True, slots=True)
class NameSplit:
    """A passage head cut into the name (titles kept, as written) and what follows it."""

    name: str
    rest: str  # the text after the name's last degree, separators included
    end: int  # offset in the head where the name ends


_COMMA = re.compile(r"\s*,\s*")


def split_name(head: str) -> NameSplit:
    """'H. Ahmad Yani, S.E., M.Si., Bupati Pinrang' -> name 'H. Ahmad Yani, S.E., M.Si.',
    rest ', Bupati Pinrang'. Degrees after commas stay with the name; 'S.Pd.,M.Pd' too."""
    pieces = [(m.start(), m.end()) for m in _COMMA.finditer(head)]
    end = pieces[0][0] if pieces else len(head)
    for k, (_, after) in enumerate(pieces):
        stop = pieces[k + 1][0] if k + 1 < len(pieces) else len(head)
        part = head[after:stop]
        # 'M.Pd : Rektor' or 'M.Si. selaku Kepala': degrees that open the next piece
        lead = _leading_degrees(part)
        if lead == 0:
            break
        end = after + lead
        if lead < len(part.rstrip()):
            break
    name = tidy_name(head[:end])
    return NameSplit(name, head[end:], end)


def _leading_degrees(part: str) -> int:
    """The length of the run of degrees that `part` starts with (0 if none)."""
    end = 0
    for m in re.finditer(r"\S+", part):
        word = m.group().rstrip(":;")
        if not is_degree(word):
            break
        end = m.start() + len(word)
        if m.group() != word:  # 'M.Pd:' ends the name at the colon
            break
    return end


def tidy_name(name: str) -> str:
    """Whitespace folded, ' ,' closed up ('I Made Sudiada , S.H'), ends trimmed; the dot of a
    last degree stays ('M.Si.')."""
    name = fold(name).replace(" ,", ",")
    name = re.sub(r",(?=\S)", ", ", name) if ", " in name else name
    name = name.strip(" ,;:")
    # OCR reads the Balinese name part 'I' as '|'
    return re.sub(r"(?:(?<=\s)|^)\|(?=\s+[A-Z])", "I", name)


def name_key(name: str) -> str:
    """A name without titles, degrees, case or punctuation, for telling signers apart."""
    words = []
    for part in _COMMA.split(fold(name)):
        if is_degrees(part):
            continue
        for word in part.split():
            bare = word.strip(".,:;()").casefold()
            if bare.rstrip(".") in _PREFIX_TITLES or is_degree(word):
                continue
            words.append(re.sub(r"\W", "", bare))
    return " ".join(w for w in words if w)


def wrong_name(value: str) -> str | None:
    """Why `value` cannot be a person's name, or None when it can be one."""
    folded = fold(value)
    if not folded or is_placeholder(folded):
        return "empty or a placeholder"
    if all(w.strip(" :.,/") in _LABEL_WORDS for w in folded.casefold().split()):
        return "a label word"
    words = set(re.findall(r"[a-z]+", folded.casefold()))
    if folded.casefold().strip(" :.,") in _DOCUMENT_WORDS or words & _HEADING_WORDS:
        return "a word of the document's own"
    if not re.search(r"[A-Za-z]{2}", folded):
        return "no word in it"
    if re.fullmatch(r"[\d\s.,/:()-]+", folded):
        return "a number"
    if _DATE_WORDS.search(folded) or (words & _MONTH_WORDS and re.search(r"\d", folded)):
        return "a date phrase"
    if not name_key(folded):
        return "only titles and degrees"
    if not folded[0].isalpha():
        return "does not start with a letter"
    if _ADDRESS_START.match(folded):
        return "an address"
    if _FUNCTION_START.match(folded) or (
        folded[0].islower() and not folded.casefold().startswith(_LOWER_OK)
    ):
        return "starts like a sentence"
    if _OFFICE_START.match(folded) or _ORG_WORDS.search(folded):
        return "an office or an institution"
    if len(folded) > 90 or len(name_key(folded).split()) > 7:
        return "too long"
    return None


def wrong_position(value: str, representative: str | None = None) -> str | None:
    """Why `value` cannot be an office ('Bupati Gowa', 'Plt. Kepala Dinas'), or None."""
    folded = fold(value)
    if not folded or is_placeholder(folded):
        return "empty or a placeholder"
    if folded.casefold().rstrip(" :.") in _LABEL_WORDS:
        return "a label word"
    if not re.search(r"[A-Za-z]{2}", folded) or re.fullmatch(r"[\d\s.,/:()-]+", folded):
        return "a number"
    if re.search(r"\b(?:tanggal|hari\s+ini|on\s+this)\b", folded, re.IGNORECASE):
        return "a date phrase"
    if _ADDRESS_START.match(folded):
        return "an address"
    if _FUNCTION_START.match(folded):
        return "starts like a sentence"
    if representative and name_key(folded) == name_key(representative):
        return "the signer's name"
    if len(folded) > 200:
        return "too long"
    return None


def office_inside(value: str) -> int | None:
    """Where an office starts after a name with no comma between ('ANDI BASO Bupati Sinjai'),
    or None. At least two words of name come first."""
    for m in re.finditer(r"\s+(?=\S)", value):
        if len(value[: m.start()].split()) >= 2 and _OFFICE_START.match(value, m.end()):
            return m.end()
    return None


def is_address(value: str) -> bool:
    """True for a street address ('Jalan Udayana Nomor 11', 'Jl. Sudirman')."""
    return _ADDRESS_START.match(fold(value)) is not None


def has_org_word(value: str) -> bool:
    """True when `value` names an organisation ('PT Contoh', 'Kota Batam', 'Alpha Corp.')."""
    return _ORG_WORDS.search(fold(value)) is not None


def looks_like_office(value: str) -> bool:
    """True when `value` starts with an office word ('Kepala Sekolah', 'Regent of Gowa')."""
    return _OFFICE_START.match(fold(value)) is not None  # match: at the start only
