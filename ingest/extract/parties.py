"""Parties: role, institution bound, representative and position.

Indonesian komparisi (DOMAIN 2.5): each party's passage ends with 'selanjutnya disebut PIHAK
PERTAMA'; inside it, the representative comes first, the office after 'selaku' or on the next
line, the institution after 'untuk dan atas nama'. Placeholders of a template are not values;
a party whose name is only a placeholder is left out. English preambles: 'between A (the
"Role") and B (...)', with 'as represented by' or the 'By: / Name: / Title:' signature blocks
for the signers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.model import Found, Party
from ingest.textutil import fold, is_placeholder

_ROLE_MENTION = re.compile(
    r"(?:disebut|dinamakan|disingkat)\s+(?:sebagai\s+|dengan\s+)?[\"“”'‘’]?\s*"
    r"(?P<role>PIHAK\s+(?:PERTAMA|KESATU|KEDUA|KETIGA|KEEMPAT|IV|III|II|I)\b|"
    r"Pihak\s+(?:Pertama|Kesatu|Kedua|Ketiga)\b)",
)
_COLLECTIVE = re.compile(r"\bPARA\s+PIHAK\b|\bsecara\s+bersama-sama\b", re.IGNORECASE)
_ORG_UNITS = (
    "Fakultas", "Program", "Prodi", "Jurusan", "Departemen", "Universitas", "Politeknik",
    "Institut", "Sekolah", "Bagian", "Divisi", "Direktorat", "Cabang", "Unit", "Kantor",
    "Dinas", "Badan", "Biro", "Pusat", "Lembaga", "Rumah\\s+Sakit",
)  # fmt: skip
_ON_BEHALF = re.compile(
    r"(?:untuk\s+dan\s+atas\s+nama|atas\s+nama|mewakili)\s+(?P<name>.+?)"
    # a comma ends the name unless an organisational unit follows: 'Program Studi PGSD,
    # Fakultas Ilmu Pendidikan Universitas X, selanjutnya' keeps its faculty, while
    # 'SMK Negeri 6 Batam, Kota Batam, Provinsi Kepulauan Riau' loses its address
    r"(?=\s*;|\s*,(?!\s*(?:"
    + "|".join(_ORG_UNITS)
    + r")\b)|\s+(?:yang\s+)?(?:berkedudukan|beralamat|berkantor|berdomisili|selanjutnya|"
    # 'yang ber...' opens a relative clause, however OCR spelt it ('yang berkrdudukan')
    r"sesuai|berdasarkan|dalam\s+hal\s+ini)\b|\s+yang\s+ber[a-z]{4,}\b|\s*$)",
    re.IGNORECASE | re.DOTALL,
)
_SELF = re.compile(r"atas\s+nama\s+(?:diri\s+)?sendiri", re.IGNORECASE)
_POSITION_END = re.compile(
    r"\s*(?:[,;]|\b(?:berkedudukan|beralamat|berkantor|berdasarkan|dalam\s+hal\s+ini|yang\s+dalam|"
    r"yang\s+berkedudukan|yang\s+beralamat|sesuai|bertindak|dari\s+dan\s+oleh|NIP)\b|"
    r"\n\s*(?:NIP|Alamat)\b)",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^[ \t]*(?P<label>Nama|Jabatan|Alamat|NIP|Instansi)[ \t]*:[ \t]*(?P<value>.*)$", re.I | re.M
)
# '1.', 'II.', 'a)', and OCR's readings of Roman numerals: 'll.', '|.', 'Il.'
_LEAD_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[Il1|]{1,4}|[a-z])\s*[.)]\s*")
_TITLE_PARTIES = re.compile(r"\b(?:ANTARA|Antara|BETWEEN|Between)\b\s+(?P<body>.+)$")
_TITLE_SPLIT = re.compile(r"\s+(?:DENGAN|Dengan|AND|And|and)\s+")
_TITLE_END = re.compile(r"\s+(?:TENTANG|MENGENAI|Tentang|Mengenai|ON|CONCERNING|REGARDING)\b.*$")
_UPPER_WORDS = {
    "PT",
    "PT.",
    "CV",
    "CV.",
    "TBK",
    "TBK.",
    "SMK",
    "SMA",
    "SMP",
    "SD",
    "SDN",
    "RSUD",
    "BPJS",
    "UPT",
    "BUMN",
    "BUMD",
    "DPRD",
    "II",
    "III",
    "IV",
    "UD",
    "KSP",
    "LLC",
    "INC.",
    "LTD.",
}
_LOWER_WORDS = {"dan", "dengan", "di", "ke", "dari", "untuk", "atas", "of", "and", "the", "for"}


@dataclass(frozen=True, slots=True)
class FoundParty:
    party: Party
    span: tuple[int, int]


def title_party_names(title: str) -> list[str]:
    """Party names in the title block ('ANTARA A DENGAN B'), as printed; may be placeholders."""
    m = _TITLE_PARTIES.search(title)
    if not m:
        return []
    body = _TITLE_END.sub("", m.group("body"))
    parts = (
        _TITLE_SPLIT.split(body)
        if re.search(r"\bDENGAN\b", body, re.I)
        else re.split(r"\s+(?:DAN|Dan)\s+", body)
    )
    if len(parts) > 3:
        # 'DAN' inside a name ('FAKULTAS KEDOKTERAN DAN ILMU KESEHATAN'): keep two halves
        parts = [parts[0], " dan ".join(parts[1:])]
    return [fold(p).strip(" ,") for p in parts if fold(p)]


def smart_title(name: str) -> str:
    """'FAKULTAS KEDOKTERAN UNIVERSITAS TRISAKTI' -> 'Fakultas Kedokteran Universitas Trisakti'."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split()):
        if i > 0 and word.lower() in _LOWER_WORDS:
            words.append(word.lower())
        elif word.startswith("(") and len(word) <= 8:
            words.append(word)  # '(DSAW)', '(PERSERO)': an acronym in brackets
        elif word in _UPPER_WORDS or (
            len(word) <= 3 and re.fullmatch(r"[A-Z]{1,3}\.?|\d\w*", word)
        ):
            words.append(word)
        else:
            words.append(word.capitalize())
    return " ".join(words)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    role: str


def find_parties_id(text: str, start: int, end: int, title: str) -> list[FoundParty]:
    """Parties of an Indonesian komparisi between offsets start and end of text."""
    region = text[start:end]
    mentions: list[_Mention] = []
    seen: set[str] = set()
    collective = _COLLECTIVE.search(region)
    for m in _ROLE_MENTION.finditer(region):
        role = fold(m.group("role")).upper()
        if role in seen:
            continue
        # roles are introduced before 'PARA PIHAK' is; later mentions are the recitals
        if collective and m.start() > collective.start() and len(mentions) >= 2:
            break
        seen.add(role)
        mentions.append(_Mention(m.start(), m.end(), fold(m.group("role"))))
    mentions = _with_unreadable_roles(region, mentions, collective)
    names_in_title = title_party_names(title)
    parties: list[FoundParty] = []
    seg_start = _komparisi_start(region)
    for index, mention in enumerate(mentions):
        segment = region[seg_start : mention.start]
        party = _party_from_segment(segment, mention.role, names_in_title, index)
        if party is not None:
            parties.append(FoundParty(party, (start + seg_start, start + mention.end)))
        seg_start = _segment_restart(region, mention.end)
    return parties


# A role marker OCR could not read ('selanjutnya diecschiit "DIHAK KENIIA"'): after
# 'selanjutnya' or 'disebut' (itself perhaps misread), quoted, two capital words, the first
# within two letters of PIHAK.
_UNREAD_ROLE = re.compile(
    r"(?:disebut|dinamakan|selanjutnya\s+\w{4,12})\s+(?:sebagai\s+)?[\"“”'‘’]\s*"
    r"(?P<marker>(?P<first>[A-Z|]{5})\s+[A-Z|1]{4,8})\s*[\"“”'‘’]"
)
_ROLE_ANYWHERE = re.compile(r"\bPIHAK\s+(?P<ord>PERTAMA|KESATU|KEDUA|KETIGA|KEEMPAT)\b")
_ROLE_ORDER = ("PERTAMA", "KESATU", "KEDUA", "KETIGA", "KEEMPAT")


def _with_unreadable_roles(
    region: str, mentions: list[_Mention], collective: re.Match[str] | None
) -> list[_Mention]:
    """Add komparisi entries whose role marker OCR garbled, with their role by elimination.

    Only where it is unambiguous: the roles the passage names elsewhere ('PIHAK PERTAMA dan
    PIHAK KEDUA secara bersama-sama') less the roles read, as many as unreadable markers,
    given out in their order. A fuzzy match of 'KENIIA' would pick KETIGA over KEDUA.
    """
    limit = collective.start() if collective else len(region)
    unread = [
        m
        for m in _UNREAD_ROLE.finditer(region, 0, limit)
        if _close_to_pihak(m.group("first")) and not _ROLE_ANYWHERE.fullmatch(m.group("marker"))
    ]
    if not unread:
        return mentions
    read = {mention.role.upper().split()[-1] for mention in mentions}
    named = {m.group("ord") for m in _ROLE_ANYWHERE.finditer(region)}
    missing = [o for o in _ROLE_ORDER if o in named and o not in read]
    if "KESATU" in read or "PERTAMA" in read:  # one first party, whichever word it uses
        missing = [o for o in missing if o not in ("PERTAMA", "KESATU")]
    if len(missing) != len(unread):
        return mentions
    added = [
        _Mention(m.start(), m.end(), f"PIHAK {o}") for m, o in zip(unread, missing, strict=True)
    ]
    return sorted(mentions + added, key=lambda mention: mention.start)


def _close_to_pihak(word: str) -> bool:
    """Within two letter changes of PIHAK (same length), as OCR misreads it: DIHAK, PIHAH."""
    return len(word) == 5 and sum(a != b for a, b in zip(word, "PIHAK", strict=True)) <= 2


_OPENING = re.compile(r"\s*(?:pada\s+hari|hari\s+ini|pada\s+tanggal|kami|yang\s+bertanda)", re.I)


def _komparisi_start(region: str) -> int:
    m = re.search(
        r"(?:di\s*bawah\s+ini|dibawah\s+ini|antara|berikut)\s*:?[^\n]*?:\s*", region, re.I
    )
    if m and m.start() < 1200:
        return m.end()
    # no 'di bawah ini:' — skip the opening sentence only if the region starts with one
    if _OPENING.match(region):
        newline = region.find("\n")
        return newline + 1 if newline >= 0 else 0
    return 0


def _segment_restart(region: str, pos: int) -> int:
    """Skip the rest of the sentence that introduced the previous party."""
    m = re.compile(r"[.;]\s*|\n").search(region, pos)
    return m.end() if m else pos


def _party_from_segment(
    segment: str, role: str, names_in_title: list[str], index: int
) -> Party | None:
    segment = _LEAD_NUMBER.sub("", segment.strip())
    labels = {m.group("label").lower(): m.group("value").strip() for m in _LABEL.finditer(segment)}
    representative: str | None
    position: str | None
    represented = _REPRESENTED_ID.search(segment)
    if "nama" in labels:
        representative = labels.get("nama") or None
        position = labels.get("jabatan") or None
    elif represented:
        # 'X, suatu Perguruan Tinggi ..., dalam hal ini diwakili oleh NAME selaku OFFICE'
        representative = represented.group("rep")
        position = _position_after(segment, represented.end())
    else:
        representative, position = _signer_from_prose(segment)
    institution: str | None = None
    if _SELF.search(segment):
        institution = representative
    else:
        m = _ON_BEHALF.search(segment)
        if m and not is_placeholder(m.group("name")):
            institution = _strip_end(fold(m.group("name")))
    entry = _ENTRY_LABEL.match(segment) if represented and "nama" not in labels else None
    if entry and _ORG_WORD.search(entry.group("label")):
        # '1. BPJS KETENAGAKERJAAN CABANG X : Suatu badan hukum ... diwakili oleh NAME': the
        # entry's label names the institution as the parties call it, often more precisely
        # (the branch) than 'atas nama' further on; unless that name holds all its words
        label = smart_title(_strip_end(fold(entry.group("label"))))
        if institution is None or not _words(label) <= _words(institution):
            institution = label
    representative = _value(representative)
    position = _value(position)
    institution = _value(institution)
    if institution is None and index < len(names_in_title):
        title_name = names_in_title[index]
        institution = None if is_placeholder(title_name) else smart_title(title_name)
    if institution is None:
        return None
    return Party(role=role, name=institution, representative=representative, position=position)


# A komparisi entry set as 'LABEL : description' (a table of two columns, one line in a text
# layer, one line after ingest/ocr/layout.py in OCR).
_ENTRY_LABEL = re.compile(r"(?P<label>[^\n:]{3,120}?)[ \t]+:[ \t]")
_ORG_WORD = re.compile(
    r"\b(?:" + "|".join(_ORG_UNITS) + r"|PT|CV|BPJS|SMKN?|SMAN?|SMPN?|SDN?|RSUD|Yayasan|Koperasi|"
    r"Pemerintah|Kabupaten|Provinsi|Kementerian|Perusahaan|Universitas)\b",
    re.IGNORECASE,
)
_REPRESENTED_ID = re.compile(
    # the name may go on on the next line (after a blank one in OCR), unless that line
    # starts with the office: 'NAME\nselaku Kepala ...'
    r"\bdiwakili(?:\s+oleh)?\s*:?\s*(?P<rep>[^\n]{3,120}?(?:\n\s*(?!(?:selaku|sebagai|yang)\b)"
    r"[^\n]{1,60}?)?)\s*,?\s*"
    r"(?=\b(?:dalam\s+jabatannya|[Ss]elaku|sebagai|yang|dalam\s+hal|berdasarkan|sesuai|bertindak)\b)",
    re.IGNORECASE,
)
_OCR_BAR_I = re.compile(r"(?<=\s)\|(?=\s+[A-Z])")
_SELAKU = re.compile(r"\b(?:selaku|sebagai)\b\s*:?\s*", re.IGNORECASE)


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.casefold()))


def _position_after(segment: str, pos: int) -> str | None:
    """The office after 'selaku' that follows a representative's name."""
    m = _SELAKU.search(segment, pos, pos + 60)
    if not m:
        return None
    rest = segment[m.end() :]
    end = _POSITION_END.search(rest)
    return fold(rest[: end.start()] if end else rest[:120]).strip(" ,:") or None


_ABBREVIATION_END = re.compile(r"\b(?:Corp|Inc|Ltd|Co|Tbk|Bhd|L\.L\.C|N\.V|S\.A)\.$", re.IGNORECASE)


def _strip_end(name: str) -> str:
    """Trailing punctuation off a name, but not the dot of 'Corp.' or 'Tbk.'."""
    name = name.rstrip(" ,;:")
    if name.endswith(".") and not _ABBREVIATION_END.search(name):
        name = name.rstrip(".").rstrip()
    return name


# 'S.H.', 'M.Si.', 'Ph.D.', 'S.STP.', 'M.Pd', 'MAB.': academic titles after a name's comma
_ACADEMIC = re.compile(r"(?:[A-Z][A-Za-z]{0,5}\.){1,3}[A-Za-z]{0,5}\.?|[A-Z]{2,4}\.")
_PROSE_STOP = re.compile(
    r",?\s*\b(?:dalam\s+hal\s+ini|bertindak|berkedudukan|beralamat|berkantor|NIP)\b", re.I
)


def _name_comma_office(segment: str) -> tuple[str, str] | None:
    """'Adnan Purichta Contoh, Bupati Gowa, dalam hal ini bertindak ...' and 'Prof. Dr. X,
    M.Pd., Rektor Universitas Y, berkedudukan di ...': (name with its titles, office)."""
    stop = _PROSE_STOP.search(segment)
    if stop is None or stop.start() > 250 or "\n" in segment[: stop.start()].strip():
        return None  # on several lines: name and office by line (the caller's fallback)
    name, office = _name_then_office(segment[: stop.start()])
    if office is None or len(name.split(",")[0].split()) > 6 or len(name) > 80:
        return None
    return name, office


def _name_then_office(text: str) -> tuple[str, str | None]:
    """'Prof. Dr. X, M.Pd., Rektor Universitas Y' -> ('Prof. Dr. X, M.Pd.', 'Rektor
    Universitas Y'): comma-separated, the academic titles after a name stay with it, the
    next part is the office when it starts with a capital."""
    parts = [part.strip() for part in fold(text).split(",")]
    k = 1
    while k < len(parts) and _ACADEMIC.fullmatch(parts[k]):
        k += 1
    office = parts[k] if k < len(parts) and parts[k][:1].isupper() else None
    return ", ".join(parts[:k]), office


def _signer_from_prose(segment: str) -> tuple[str | None, str | None]:
    m = re.search(r"\s*(?::\s*)?\bselaku\b\s*:?\s*|\s+:\s+|\t", segment)
    if m and m.start() <= 160:
        representative = fold(segment[: m.start()]).rstrip(" ,:")
        rest = segment[m.end() :]
    elif found := _name_comma_office(segment):
        return found
    else:
        first, _, rest = segment.partition("\n")
        representative = fold(first).rstrip(" ,:")
        if len(representative) > 80:
            return None, None
    end = _POSITION_END.search(rest)
    position = fold(rest[: end.start()] if end else rest[:120]).strip(" ,:")
    return representative or None, position or None


def _value(value: str | None) -> str | None:
    if value is None:
        return None
    value = fold(value).strip(" ,:;")
    value = _OCR_BAR_I.sub("I", value)  # OCR reads the Balinese name part 'I' as '|'

    if not value or is_placeholder(value) or len(value) > 160:
        return None
    return value


# --- English ---------------------------------------------------------------

_PREAMBLE_END = re.compile(
    r"\b(?:WHEREAS|RECITALS|NOW,?\s+THEREFORE)\b|\n\s*\n|"
    r"\s+(?:in\s+order\s+to|to|for\s+the\s+purpose\s+of)\s+(?=[a-z])"
)
_NAME_END = re.compile(
    r"\s*\(|,\s+(?:a|an|the)\s|,?\s*(?:whose|with|having|located|acting|duly|herein\w*|"
    r"(?:as\s+)?represented)\b"
)
_BETWEEN = re.compile(r"\b(?:by\s+and\s+)?between\b\s*:?\s*", re.IGNORECASE)
_ROLE_EN = re.compile(
    r"\(\s*(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?)?[\"“”']+(?P<role>[^\"“”']{1,40})[\"“”']+\s*\)",
    re.IGNORECASE,
)
# 'IU and the Company (hereinafter referred to as the "Partner" or collectively as "the
# Partners")', '... (each a "Participant" and together the "Participants")': one label for
# every party, used when no party has a label of its own.
_JOINT_ROLE = re.compile(
    r"\band\b[^()\n]{1,80}?\(\s*(?:hereinafter\s+)?(?:each\s+|individually\s+|severally\s+)?"
    r"(?:(?:be\s+)?referred\s+to\s+as\s+|called\s+)?(?:the\s+|a\s+|an\s+)?"
    r"[\"“”']+(?P<role>[^\"“”'()]{1,40})[\"“”']+\s*,?\s*(?:or|and)\s+"
    r"(?:collectively|jointly|together)\b",
    re.IGNORECASE,
)
_NOT_A_ROLE = re.compile(
    r"^(?:this\s+)?(?:agreement|memorandum|mou|moa|contract|amendment|addendum|letter)\b",
    re.IGNORECASE,
)
_REPRESENTED = re.compile(
    r"(?:as\s+)?represented\s+by\s*:?\s*(?P<a>[^,\n]+(?:\n[^,\n]+)?),\s*"
    r"(?P<b>[^,;]+?)(?=\s*(?:[,;]|\.\s*\n|\.\s*$|\n\s*and\b|$))",
    re.IGNORECASE,
)
_OFFICE_WORDS = re.compile(
    r"\b(?:Director|President|CEO|Chief|Officer|Manager|Head|Rector|Dean|Chairman|Chair|Secretary|"
    r"Minister|Mayor|Governor|Regent|Principal|Founder|Partner|Owner|Organizer|Coordinator|General)\b"
)
_SIGNER = re.compile(r"\b(?:By|Name)\s*:\s*(?:/s/\s*)?(?P<v>.+?)(?=\s+(?:By|Name|Title)\s*:|\t|$)")
_TITLE_LINE = re.compile(r"\bTitle\s*:\s*(?P<v>.*?)(?=\s+Title\s*:|\t|$)")


def find_parties_en(text: str, start: int, end: int, signatures: str) -> list[FoundParty]:
    region = text[start:end]
    m = _BETWEEN.search(region)
    parties: list[FoundParty] = []
    if m:
        stop = _PREAMBLE_END.search(region, m.end())
        chunk = region[m.end() : stop.start() if stop else m.end() + 700]
        for seg, offset in _split_and(chunk):
            party = _party_en(seg)
            if party:
                s = start + m.end() + offset
                parties.append(FoundParty(party, (s, s + len(seg))))
    else:
        parties = _represented_parties(region, start) or _hereinafter_parties(region, start)
    signers = _signature_signers(signatures)
    merged: list[FoundParty] = []
    for i, fp in enumerate(parties):
        p = fp.party
        if p.representative is None and i < len(signers):
            rep, pos = signers[i]
            p = Party(p.role, p.name, rep, p.position or pos)
        merged.append(FoundParty(p, fp.span))
    if merged and all(fp.party.role is None for fp in merged):
        joint = _JOINT_ROLE.search(region)
        if joint and not _NOT_A_ROLE.match(role := fold(joint.group("role"))):
            merged = [FoundParty(replace(fp.party, role=role), fp.span) for fp in merged]
    return merged


def _represented_parties(region: str, start: int) -> list[FoundParty]:
    """'A (IU), whose headquarters ..., as represented by Office, Name, and B, ...'."""
    found: list[FoundParty] = []
    pos = 0
    for m in _REPRESENTED.finditer(region):
        seg = region[pos : m.start()]
        seg = re.sub(r"^(?:\s*(?:and\b|,))+\s*", "", seg.strip(), flags=re.I)
        name = re.split(r"\s*[,(]", seg, maxsplit=1)[0].strip()
        a, b = fold(m.group("a")), fold(m.group("b"))
        rep, position = (b, a) if _OFFICE_WORDS.search(a) else (a, b)
        if name and len(name) <= 120:
            found.append(
                FoundParty(Party(None, fold(name), rep, position), (start + pos, start + m.end()))
            )
        pos = m.end()
        if len(found) >= 4:
            break
    return found


# The Indonesian komparisi in English, as bilingual agreements translate it: '1. NAME, OFFICE,
# acting for and on behalf of INSTITUTION, hereinafter referred to as the FIRST PARTY.'
_HEREINAFTER_ROLE = re.compile(
    r"\bhereinafter\s+(?:referred\s+to\s+as|called)\s+(?:the\s+)?[\"“”']?"
    r"(?P<role>(?:FIRST|SECOND|THIRD|FOURTH)\s+PARTY)\b",
    re.IGNORECASE,
)
_ON_BEHALF_EN = re.compile(
    r"\b(?:acting\s+)?(?:for\s+and\s+)?on\s+behalf\s+of\s+(?P<name>[^,;]+?)(?=\s*[,;]|\s+hereinafter\b)",
    re.IGNORECASE,
)
_EN_STOP = re.compile(
    r",?\s*\b(?:acting|duly|having|residing|domiciled|whose|located|in\s+this\s+matter|"
    r"hereinafter)\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"(?m)^\s*(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)]\s+")


def _hereinafter_parties(region: str, start: int) -> list[FoundParty]:
    """Numbered English komparisi entries closed by 'hereinafter referred to as the FIRST
    PARTY': the signer and office before the first stop word, the institution after 'on
    behalf of'. The role stays unset, as for other English agreements."""
    found: list[FoundParty] = []
    pos = 0
    for m in _HEREINAFTER_ROLE.finditer(region):
        items = list(_LIST_ITEM.finditer(region, pos, m.start()))
        if not items:
            pos = m.end()
            continue
        seg = region[items[-1].end() : m.start()]
        institution = _ON_BEHALF_EN.search(seg)
        if institution is None:
            pos = m.end()
            continue
        stop = _EN_STOP.search(seg)
        representative, position = _name_then_office(seg[: stop.start() if stop else 0])
        name = _strip_end(fold(institution.group("name")))
        found.append(
            FoundParty(
                Party(None, name, _value(representative or None), _value(position)),
                (start + items[-1].start(), start + m.end()),
            )
        )
        pos = m.end()
        if len(found) >= 4:
            break
    return found


def _split_and(chunk: str) -> list[tuple[str, int]]:
    """Split 'A, a Delaware trust (the "X"), and B ("Y")' at top-level 'and'."""
    # The sentence naming the parties ends at the first '(...).': an 'and' after it ('X and
    # Y may be referred to as ...') joins no parties.
    if (sentence_end := re.search(r"\)\s*\.(?=\s|$)", chunk)) is not None:
        chunk = chunk[: sentence_end.end()]
    parts: list[tuple[str, int]] = []
    depth = 0
    last = 0
    i = 0
    while i < len(chunk):
        c = chunk[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = re.compile(r",?\s+and\s+", re.IGNORECASE).match(chunk, i)
            if m and i > last:
                parts.append((chunk[last:i], last))
                last = m.end()
                i = m.end()
                if len(parts) >= 3:
                    break
                continue
        i += 1
    tail = chunk[last:]
    end = re.search(r"\)\s*[.;]|\.\s+[A-Z]|\.$", tail)
    parts.append((tail[: end.start() + 1] if end else tail, last))
    return parts


def _party_en(segment: str) -> Party | None:
    seg = fold(segment)
    role_m = _ROLE_EN.search(seg)
    role = fold(role_m.group("role")) if role_m else None
    name = _NAME_END.split(seg, maxsplit=1)[0]
    if not name or len(name) > 120 or is_placeholder(name):
        return None
    name = _strip_end(name.strip())
    if not name:
        return None
    rep = None
    position = None
    rm = _REPRESENTED.search(seg)
    if rm:
        a, b = fold(rm.group("a")), fold(rm.group("b"))
        rep, position = (b, a) if _OFFICE_WORDS.search(a) else (a, b)
    return Party(role, name, rep, position)


def _signature_signers(signatures: str) -> list[tuple[str | None, str | None]]:
    """(name, title) of each 'By: / Name: / Title:' block, in order (two columns per line too)."""
    by: list[str] = []
    names: list[str] = []
    titles: list[str | None] = []
    for line in signatures.split("\n"):
        for m in _SIGNER.finditer(line):
            value = fold(m.group("v"))
            target = names if m.group(0).lstrip().startswith("Name") else by
            target.append(value)
        for tm in _TITLE_LINE.finditer(line):
            titles.append(_value(tm.group("v")))
    chosen = names or by
    return [(_value(n), titles[i] if i < len(titles) else None) for i, n in enumerate(chosen)]


def find_parties(
    text: str, start: int, end: int, *, language: str, title: str, signatures: str
) -> list[Found[Party]]:
    """Parties in reading order, each with the span of the passage that names it."""
    if language == "id":
        found = find_parties_id(text, start, end, title)
        if not found:
            found = find_parties_en(text, start, end, signatures)
    else:
        found = find_parties_en(text, start, end, signatures)
        if not found:
            found = find_parties_id(text, start, end, title)
    if not found:
        found = _contact_signers(text)
    return [Found(fp.party, fp.span) for fp in found]


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


def _contact_signers(text: str) -> list[FoundParty]:
    """An individual who signs with a contact block ('Rick Shory, instrumentation developer' /
    'Company: ...' / 'Email: ...') near the end, when no preamble names the parties."""
    tail_start = max(0, len(text) - 2000)
    found: list[FoundParty] = []
    for m in _CONTACT_NAME.finditer(text, tail_start):
        following = text[m.end() : m.end() + 200]
        if _CONTACT_DETAIL.match(following.lstrip("\n")):
            name = fold(m.group("name"))
            position = fold(m.group("position"))
            found.append(FoundParty(Party(None, name, name, position), m.span()))
    return found
