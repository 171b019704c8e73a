"""The government affairs (*bidang urusan*, UU 23/2014) an agreement is about.

The LPPD register and the provinces' open data count cooperation per field: education,
health, public works, ... (DOMAIN 1.8). The field is in what the agreement is about: its
subject ('TENTANG PENDIDIKAN KLINIK DAN PENGABDIAN KEPADA MASYARAKAT'), else its title
without the parties, else its purpose and scope clauses. Party names are left out: a
faculty of medicine may sign about teaching, a bank about internships.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal, get_args

from ingest.extract.parties import title_party_names
from ingest.textutil import fold

Sector = Literal[
    "education",
    "health",
    "labour",
    "public_works",
    "housing",
    "social",
    "environment",
    "population",
    "village",
    "transport",
    "ict",
    "cooperatives_sme",
    "investment",
    "youth_sports",
    "culture_tourism",
    "library_archives",
    "agriculture_food",
    "marine_fisheries",
    "energy",
    "trade_industry",
    "finance",
    "public_order",
]
SECTORS: Final[tuple[Sector, ...]] = get_args(Sector)

# Word beginnings, folded: 'pendidik' finds 'pendidikan' and 'pendidik'. Phrases allowed.
_WORDS: Final[dict[Sector, tuple[str, ...]]] = {
    "education": (
        "pendidikan", "pendidik", "sekolah", "pembelajaran", "mengajar", "magang", "siswa",
        "mahasiswa", "praktik kerja lapangan", "praktek kerja lapangan", "prakerin",
        "tri dharma", "tridharma", "kurikulum", "beasiswa", "akademik", "kompetensi",
        "sumber daya manusia", "pelatihan", "education", "academic", "student", "internship",
        "training", "stem",
    ),
    "health": (
        "kesehatan", "kedokteran", "klinik", "medis", "rumah sakit", "puskesmas",
        "keperawatan", "farmasi", "gizi", "stunting", "health", "medical", "hospital",
        "dental",
    ),
    "labour": (
        "ketenagakerjaan", "tenaga kerja", "jaminan sosial", "kecelakaan kerja",
        "employment", "labour", "labor",
    ),
    "public_works": (
        "pekerjaan umum", "jalan", "jembatan", "irigasi", "air minum", "sanitasi",
        "infrastruktur", "penataan ruang", "drainase", "infrastructure",
    ),
    "housing": ("perumahan", "permukiman", "kawasan kumuh", "housing"),
    "social": ("sosial", "kemiskinan", "disabilitas", "bantuan sosial", "welfare"),
    "environment": (
        "lingkungan hidup", "lingkungan", "sampah", "limbah", "iklim", "environment",
        "waste", "climate",
    ),
    "population": ("kependudukan", "pencatatan sipil", "catatan sipil", "dukcapil"),
    "village": ("desa", "pemberdayaan masyarakat", "village"),
    "transport": ("perhubungan", "transportasi", "angkutan", "transport"),
    "ict": (
        "komunikasi", "informatika", "teknologi informasi", "digital", "sistem informasi",
        "aplikasi", "statistik", "persandian", "data", "information technology", "software",
    ),
    "cooperatives_sme": ("koperasi", "usaha mikro", "umkm", "ukm", "cooperative"),
    "investment": ("penanaman modal", "investasi", "investment"),
    "youth_sports": ("kepemudaan", "pemuda", "olahraga", "sport", "youth"),
    "culture_tourism": ("kebudayaan", "budaya", "pariwisata", "wisata", "culture", "tourism"),
    "library_archives": ("perpustakaan", "kearsipan", "arsip", "library", "archive"),
    "agriculture_food": (
        "pertanian", "pangan", "peternakan", "perkebunan", "hortikultura", "agriculture",
        "food",
    ),
    "marine_fisheries": ("kelautan", "perikanan", "fisheries", "marine"),
    "energy": ("energi", "sumber daya mineral", "ketenagalistrikan", "listrik", "energy"),
    "trade_industry": ("perdagangan", "perindustrian", "industri kecil", "ekspor", "trade"),
    "finance": (
        "keuangan", "perbankan", "pembayaran", "non tunai", "nontunai", "pajak", "retribusi",
        "pendapatan", "bagi hasil", "pinjaman", "kredit", "loan", "financial", "payment",
    ),
    "public_order": (
        # not 'keamanan' / 'security': 'keamanan pangan', 'food security'
        "ketenteraman", "ketertiban", "kebakaran", "bencana", "public order", "disaster",
    ),
}  # fmt: skip
# One alternation of every word, longest first, and the field of each (by its folded,
# single-spaced form): one pass over a text instead of one per field. The words are grouped by
# their first letter ('p(?:endidikan|endidik|...)|s(?:ekolah|...)') and the text is lowercased
# first: the regex engine then drops most branches at their first letter, about ten times
# faster than the flat, case-insensitive alternation (the same matches on the corpus texts).
_SECTOR_OF: Final[dict[str, Sector]] = {
    word: sector for sector, words in _WORDS.items() for word in words
}


def _grouped_alternation(words: Sequence[str]) -> str:
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]).replace(r"\ ", r"\s+"))
    return "|".join(
        f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in sorted(groups.items())
    )


_PATTERN: Final = re.compile(r"(?<!\w)(?:" + _grouped_alternation(list(_SECTOR_OF)) + ")")
_MOST: Final = 3


def sectors_of(text: str) -> list[Sector]:
    """Up to three fields `text` names, the most named first (ties in SECTORS order)."""
    counts: dict[Sector, int] = dict.fromkeys(SECTORS, 0)
    for word in _PATTERN.findall(fold(text).lower()):
        counts[_SECTOR_OF[" ".join(word.split())]] += 1
    found = sorted((s for s in SECTORS if counts[s]), key=lambda s: -counts[s])
    return found[:_MOST]


def agreement_sectors(
    title: str, subject: str | None, purpose_and_scope: Sequence[str] = ()
) -> list[Sector]:
    """The fields of an agreement: from its subject, else its title less the parties'
    names, else its purpose and scope clauses."""
    if subject and (found := sectors_of(subject)):
        return found
    rest = title
    for name in title_party_names(title):
        rest = rest.replace(name, " ")
    if found := sectors_of(rest):
        return found
    return sectors_of("\n".join(purpose_and_scope))
