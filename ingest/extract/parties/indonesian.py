"""Indonesian komparisi (DOMAIN 2.5, 4.13): 'NAMA, JABATAN, dalam hal ini bertindak untuk dan
atas nama INSTANSI, selanjutnya disebut PIHAK PERTAMA', 'INSTANSI, ..., dalam hal ini diwakili
oleh NAMA selaku JABATAN', label rows, or 'PIHAK PERTAMA' over its label rows."""

from __future__ import annotations

import re

from ingest.extract.parties.common import Marker, PartyLanguage


def _spaced(word: str) -> str:
    """'KESATU' as OCR may split it: 'KESA TU', 'PERT AMA'."""
    return "[ ]?".join(word)


_ORDINALS = ("PERTAMA", "KESATU", "KEDUA", "KETIGA", "KEEMPAT")
# 'PIHAK PERTAMA' (also 'PERTAMAdan' run into the next word), 'Pihak Pertama', 'PIHAK I'
ROLE = (
    r"(?:PIHAK\s*(?:" + "|".join(_spaced(w) for w in _ORDINALS) + r")(?![A-Z])"
    r"|Pihak\s+(?:Pertama|Kesatu|Kedua|Ketiga|Keempat)(?![a-z])"
    # OCR reads the Roman I as 'l' or '|': 'PIHAK |', 'PIHAK Il'
    r"|(?:PIHAK|Pihak)\s+(?:IV|III|II|I|Il|ll|\|\||\||[1-4])(?![A-Za-z0-9|]))"
)
_QUOTE = "[\"“”'‘’]"
# ORG_UNITS: words that go on an institution's name after a comma ('Program Studi PGSD,
# Fakultas Ilmu Pendidikan Universitas X'), while an address after a comma does not
ORG_UNITS = (
    "Fakultas", "Program", "Prodi", "Jurusan", "Departemen", "Universitas", "Politeknik",
    "Institut", "Sekolah", "Bagian", "Divisi", "Direktorat", "Cabang", "Unit", "Kantor",
    "Dinas", "Badan", "Biro", "Pusat", "Lembaga", "Rumah\\s+Sakit", "Kementerian",
    "Direktorat\\s+Jenderal", "Sekretariat", "Balai", "Bidang", "Seksi", "Subbagian",
)  # fmt: skip
_UNITS = "|".join(ORG_UNITS)

# A role marker OCR could not read ('selanjutnya diecschiit "DIHAK KENIIA"'): after
# 'selanjutnya' or 'disebut' (itself perhaps misread), quoted, two capital words, the first
# within two letters of PIHAK.
UNREAD_ROLE = re.compile(
    r"(?:disebut|dinamakan|selanjutnya\s+\w{4,12})\s+(?:sebagai\s+)?"
    r"(?:[\"“”'‘’]\s*(?P<marker>(?P<first>[A-Z|]{4,6})\s+[A-Z|1]{4,8})\s*[\"“”'‘’]"
    # unquoted: 'selanjutnya disebut PIHA PERTAMY'
    r"|(?P<bare>(?P<bare_first>[A-Z|]{4,6})\s+[A-Z|1]{4,8})(?![A-Za-z]))"
)
ROLE_ANYWHERE = re.compile(r"\bPIHAK\s+(?P<ord>PERTAMA|KESATU|KEDUA|KETIGA|KEEMPAT)\b")


def recover_unread_roles(region: str, found: list[Marker], collective: int) -> list[Marker]:
    """Add komparisi entries whose role marker OCR garbled, with their role by elimination.

    Only where it is unambiguous: the roles the passage names elsewhere ('PIHAK PERTAMA dan
    PIHAK KEDUA secara bersama-sama') less the roles read, as many as unreadable markers,
    given out in their order. A fuzzy match of 'KENIIA' would pick KETIGA over KEDUA.
    """
    limit = collective if collective >= 0 else len(region)
    unread = [
        m
        for m in UNREAD_ROLE.finditer(region, 0, limit)
        if _close_to_pihak(m.group("first") or m.group("bare_first"))
        and not ROLE_ANYWHERE.fullmatch(m.group("marker") or m.group("bare"))
    ]
    if not unread:
        return found
    read = {marker.role.upper().split()[-1] for marker in found}
    named = {m.group("ord") for m in ROLE_ANYWHERE.finditer(region)}
    missing = [o for o in _ORDINALS if o in named and o not in read]
    if "KESATU" in read or "PERTAMA" in read:  # one first party, whichever word it uses
        missing = [o for o in missing if o not in ("PERTAMA", "KESATU")]
    if len(missing) != len(unread):
        return found
    added = [
        Marker(m.start(), m.end(), f"PIHAK {o}", recovered=True)
        for m, o in zip(unread, missing, strict=True)
    ]
    return sorted(found + added, key=lambda marker: marker.start)


def is_garbled(role: str) -> bool:
    """'DIHAK KENIIA', 'PIHAH KETTGA': a role word OCR misread, not a name of its own."""
    first = role.split()[0] if role.split() else ""
    return _close_to_pihak(first)


def _close_to_pihak(word: str) -> bool:
    """Within two letter edits of PIHAK, as OCR misreads it: DIHAK, PIHAH, PIHA, PIIHAK."""
    return word != "PIHAK" and 4 <= len(word) <= 6 and _edits(word, "PIHAK") <= 2


def _edits(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


LANGUAGE = PartyLanguage(
    role_marker=re.compile(
        rf"\b(?:di\s*sebut|dinamakan)\s+(?:sebagai\s+|dengan\s+)?{_QUOTE}?\s*"
        rf"(?P<role>{ROLE}|(?<={_QUOTE})[A-Z][\w .&/-]{{1,40}}?(?={_QUOTE})"
        r"|[A-Z]{3,}(?:(?:[ \t]+|\n)[A-Z]{3,}){0,2}(?![\w]))"
    ),
    role_header=re.compile(
        rf"^[ \t]*(?:(?:\d{{1,2}}|[IVX]{{1,4}})[.)][ \t]*)?(?P<role>{ROLE})[ \t]*[:,.]?[ \t]*$",
        re.MULTILINE,
    ),
    collective=re.compile(
        r"\bPARA\s+PIHAK\b|\bsecara\s+bersama-sama\b|\bkedua\s+belah\s+pihak\b", re.IGNORECASE
    ),
    komparisi_start=re.compile(
        r"\b(?:di\s*bawah\s+ini|oleh\s+dan\s+antara|antara)\b[^\n:]{0,40}?:", re.IGNORECASE
    ),
    head_stop=re.compile(
        r",?\s*\b(?:dalam\s+hal\s+ini|yang\s+dalam\s+hal|bertindak|berkedudukan|beralamat|"
        r"berkantor|berdomisili|berdasarkan|sesuai|untuk\s+dan\s+atas|atas\s*n\s*ama|mewakili|"
        r"selanjutnya|yang\s+selanjutnya|yang\s+(?:di|ber)[a-z]{3,}|dari\s+dan\s+oleh|"
        r"dalam\s+(?:jabatannya|kedudukannya))\b|;",
        re.IGNORECASE,
    ),
    office_opener=re.compile(
        r"[ \t]*(?::[ \t]*)?\b(?:(?:dalam\s+(?:jabatannya|kedudukannya)\s+)?(?:selaku|sebagai))\b"
        r"[ \t]*:?[ \t]*"
        r"|[ \t]+:[ \t]*|[ \t]*\n?[ \t]*:[ \t]+|\t+",
        re.IGNORECASE,
    ),
    office_stop=re.compile(
        r"\s*(?:;|,?\s*\b(?:berdasarkan|yang|sesuai|berkedudukan|beralamat|berkantor|"
        r"dalam\s+hal\s+ini|bertindak|dari\s+dan\s+oleh|dalam\s+(?:jabatannya|kedudukannya))\b)",
        re.IGNORECASE,
    ),
    on_behalf=re.compile(
        # 'untuk dan atas nama serta sah mewakili X': the second phrase is part of the first
        r"\b(?:untuk\s+dan\s+)?atas\s*n\s*ama\s+(?:serta\s+(?:sah\s+)?mewakili\s+)?"
        r"|\b(?:sah\s+)?mewakili\s+",
        re.IGNORECASE,
    ),
    on_own_behalf=re.compile(r"\batas\s+nama\s+(?:diri\s+)?(?:sendiri|pribadi)\b", re.IGNORECASE),
    represented=re.compile(r"\bdiwakili(?:\s+oleh)?\s*:?\s*", re.IGNORECASE),
    institution_stop=re.compile(
        r"\s*(?:;|:\s|,|\s+(?:dan\s+|yang\s+)?(?:berkedudukan|beralamat|berkantor|berdomisili|"
        r"selanjutnya|sesuai|berdasarkan|dalam\s+hal\s+ini|suatu|sebuah|adalah|merupakan|untuk\s+"
        r"menerima)\b|\s+yang\s+(?:ber|di)[a-z]{4,}\b|\s*$)",
        re.IGNORECASE,
    ),
    not_a_role=re.compile(
        r"^(?:PARA\b.*|PIHAK|NOTA\s+KESEPAHAMAN|KESEPAKATAN(?:\s+BERSAMA)?|PERJANJIAN\b.*|"
        r"MOU|MOA|PKS|KB|NK|ADD?ENDUM|AMANDEMEN|KERJA\s*SAMA|SURAT\s+KUASA|LAMPIRAN|KUASA)$",
        re.IGNORECASE,
    ),
    recover=recover_unread_roles,
    garbled=is_garbled,
)
