"""What kind of body a party is, and what kind of regional cooperation an agreement is.

The LPPD register (DOMAIN 1.8) counts agreements by cooperation kind (PP 28/2018, DOMAIN
1.2) and by partner type. Both follow from the parties' names: 'Pemerintah Kabupaten
Gowa' is a region, 'Dinas Pendidikan' one of its agencies, 'PT Bank Mandiri (Persero)
Tbk.' a state company. Not part of the extraction schema: the register derives them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal, get_args

from ingest.textutil import fold

PartnerType = Literal[
    "region",
    "regional_agency",
    "central_government",
    "university",
    "school",
    "hospital",
    "state_company",
    "company",
    "organisation",
    "individual",
    "other",
]
CooperationKind = Literal["ksdd", "ksdpk", "ksdpl", "ksdll", "central", "other"]

PARTNER_TYPES: Final[tuple[PartnerType, ...]] = get_args(PartnerType)
COOPERATION_KINDS: Final[tuple[CooperationKind, ...]] = get_args(CooperationKind)


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


# First match wins: a state bank is a state company before it is a company, a regional
# hospital (RSUD) an agency of its region, a faculty a university.
_RULES: Final[tuple[tuple[PartnerType, re.Pattern[str]], ...]] = (
    (
        "state_company",
        _words(
            r"\(?Persero\)?",
            r"Perum",
            r"Perumda",
            r"Perusahaan\s+(?:Umum|Daerah)",
            r"PDAM",
            r"(?-i:BUMN|BUMD)",
            r"Bank\s+Pembangunan\s+Daerah",
        ),
    ),
    (
        "regional_agency",
        _words(
            r"Dinas",
            r"Badan\s+(?:\w+\s+){0,4}Daerah",
            r"Bappeda",
            r"Kecamatan",
            r"Kelurahan",
            r"Inspektorat",
            r"Satuan\s+Polisi\s+Pamong\s+Praja",
            r"Satpol\s+PP",
            r"Rumah\s+Sakit\s+Umum\s+Daerah",
            r"RSUD",
            r"Puskesmas",
            r"Sekretariat\s+(?:Daerah|DPRD)",
            r"Setda",
        ),
    ),
    (
        "region",
        re.compile(
            r"^(?:Pemerintah\s+(?:Daerah\s+)?(?:Provinsi|Kabupaten|Kota)|Pemerintah\s+Daerah|"
            r"Pem(?:kab|kot|prov)|Provinsi|Kabupaten|Kota|DPRD)\b"
            # English names of Indonesian regions: 'the Government of Gowa Regency'
            r"|\bRegency\b",
            re.IGNORECASE,
        ),
    ),
    (
        "central_government",
        _words(
            r"Kementerian",
            r"Kementrian",
            r"Ministry",
            r"Direktorat\s+Jenderal",
            r"Badan\s+(?:Pusat|Nasional)",
            r"Badan\s+\w+\s+Nasional",
            r"BPJS",
            r"Kepolisian",
            r"Kejaksaan",
            r"Mahkamah",
            r"Tentara\s+Nasional",
            r"Komisi",
            r"Lembaga\s+(?:Negara|Administrasi|Ilmu|Kebijakan)",
        ),
    ),
    (
        "university",
        _words(
            r"Universitas",
            r"Institut",
            r"Politeknik",
            r"Sekolah\s+Tinggi",
            r"Akademi",
            r"Fakultas",
            r"Program\s+Studi",
            r"Prodi",
            r"University",
            r"Polytechnic",
            r"College",
            r"Institute\s+of\s+Technology",
        ),
    ),
    (
        "school",
        _words(
            r"(?-i:SMKN?|SMAN?|SMPN?|SDN?)",
            r"Sekolah\s+(?:Menengah|Dasar)",
            r"Madrasah",
            r"(?-i:MAN|MTsN?)",
        ),
    ),
    ("hospital", _words(r"Rumah\s+Sakit", r"(?-i:RSU?)", r"Klinik", r"Hospital", r"Clinic")),
    (
        "company",
        _words(
            r"(?-i:PT|CV|UD)\.?",
            r"Tbk\.?",
            r"Firma",
            r"Koperasi",
            r"Inc\.?",
            r"Ltd\.?",
            r"LLC",
            r"Corp\.?",
            r"Corporation",
            r"Company",
            r"GmbH",
            r"Limited",
            r"PLC",
        ),
    ),
    (
        "organisation",
        _words(
            r"Yayasan",
            r"Perkumpulan",
            r"Lembaga\s+Swadaya\s+Masyarakat",
            r"(?-i:LSM)",
            r"Asosiasi",
            r"Ikatan",
            r"Himpunan",
            r"Persatuan",
            r"Forum",
            r"Organisasi",
            r"Foundation",
            r"Association",
            r"Society",
        ),
    ),
    # only a personal title says a person: 'Cipher Craft' is a firm, 'Rick Shory' is unknowable
    (
        "individual",
        re.compile(r"^(?:Dr|Prof|Ir|Drs|Dra|H|Hj|Mr|Mrs|Ms|Bapak|Ibu|Sdr|Sdri)\.?\s+[A-Z]"),
    ),
)
_REGIONAL: Final = frozenset({"region", "regional_agency"})


_LOCAL_GOVERNMENT_ABROAD: Final = _words(
    r"City", r"Prefecture", r"Municipality", r"County", r"Province", r"State", r"Government"
)


def partner_type(name: str) -> PartnerType:
    """The kind of body `name` is ('other' when its name does not say)."""
    name = re.sub(r"^the\s+", "", fold(name).strip(), flags=re.IGNORECASE)
    for kind, pattern in _RULES:
        if pattern.search(name):
            return kind
    return "other"


def cooperation_kind(names: Sequence[str], language: str) -> CooperationKind:
    """The PP 28/2018 kind of an agreement between parties named `names`, written in
    `language`.

    'ksdd' between two regions (or their agencies), 'central' between a region and the
    central government, 'ksdpk' between a region and anyone else at home (companies,
    universities, schools, organisations, people). Abroad: Indonesian law has agreements
    with Indonesian parties written in Indonesian (UU 24/2009), so a region's agreement
    written in English is with a partner abroad: 'ksdpl' with a local government ('the City
    of Kitakyushu'), 'ksdll' with any other institution. 'other' with no region among the
    parties (a university with a school, a company with a company).
    """
    types = [partner_type(name) for name in names]
    regional = sum(1 for t in types if t in _REGIONAL)
    if regional == 0 or len(types) < 2:
        return "other"
    others = [n for n, t in zip(names, types, strict=True) if t not in _REGIONAL]
    if not others:
        return "ksdd"
    if language == "en" and not any(t == "central_government" for t in types):
        abroad_government = any(_LOCAL_GOVERNMENT_ABROAD.search(n) for n in others)
        return "ksdpl" if abroad_government else "ksdll"
    if any(t == "central_government" for t in types):
        return "central"
    return "ksdpk"


# The office a region's signer heads: 'Kepala Dinas Kesehatan Kabupaten Gowa', 'Plt. Kepala
# Badan ...', 'Direktur RSUD ...', 'Sekretaris Daerah ...' (the Setda), 'Camat Bajeng'.
_HEAD_OF = re.compile(
    r"^(?:(?:Plt|Plh|Pj)\.?\s+)?(?:Kepala|Direktur(?:\s+Utama)?)\s+(?P<office>"
    r"(?:Dinas|Badan|Bagian|Kantor|Inspektorat|Satuan|Rumah\s+Sakit|RSUD|Puskesmas)\b.+)$"
    r"|^(?:(?:Plt|Plh|Pj)\.?\s+)?(?P<setda>Sekretari(?:s|at)\s+Daerah\b.*)$"
    r"|^(?:(?:Plt|Plh|Pj)\.?\s+)?Camat\s+(?P<district>.+)$",
    re.IGNORECASE,
)


def regional_office(parties: Sequence[tuple[str, str | None]]) -> str | None:
    """The perangkat daerah (OPD) that runs an agreement, from its parties' (name, position):
    a regional agency among the parties, else the office a region's signer heads ('Kepala
    Dinas Kesehatan Kabupaten Gowa' -> 'Dinas Kesehatan Kabupaten Gowa'); None when the
    head of the region signs for it ('Bupati Gowa') or no region is a party."""
    for name, _ in parties:
        if partner_type(name) == "regional_agency":
            return fold(name)
    for name, position in parties:
        if partner_type(name) != "region" or not position:
            continue
        m = _HEAD_OF.match(fold(position))
        if m is None:
            continue
        if m["office"]:
            return m["office"].strip(" ,.")
        if m["setda"]:
            return "Sekretariat Daerah" + m["setda"].split("Daerah", 1)[1].rstrip(" ,.")
        return f"Kecamatan {m['district'].strip(' ,.')}"
    return None
