"""Synonym groups expanded at query time (DOMAIN.md 5.3). The store seeds these; admins edit them.

Reviewed against the real corpus (issue #14.5): a term that also means something narrower or
wider is found one way (`also`), and each such choice says why next to its group. Migration 0017
brings a store's groups that are still as first seeded to these.
"""

from __future__ import annotations

from search_api.index.base import SynonymGroup

DEFAULT_SYNONYMS: tuple[SynonymGroup, ...] = (
    SynonymGroup(
        "framework",
        (
            "MoU",
            "Memorandum of Understanding",
            "Nota Kesepahaman",
            "Nota Kesepakatan",
            "Kesepakatan Bersama",
            "Memorandum Saling Pengertian",
            "MSP",
            "Nota Saling Pengertian",
        ),
        # 'KB' is also Keluarga Berencana (family planning, a regional service of its own)
        ("KB",),
    ),
    SynonymGroup(
        "implementing",
        (
            "PKS",
            "Perjanjian Kerja Sama",
            "MoA",
            "Memorandum of Agreement",
            "Implementing Arrangement",
            "Perjanjian Pelaksanaan",
        ),
    ),
    SynonymGroup("intent", ("LoI", "Letter of Intent", "Pernyataan Kehendak", "Surat Minat")),
    # An addendum is a change; not every change is one ('perubahan alamat': a new address),
    # but a change of the agreement is
    SynonymGroup(
        "change",
        (
            "Addendum",
            "Adendum",
            "Amandemen",
            "Amendment",
            "Perubahan Perjanjian",
            "Perubahan atas Perjanjian",
        ),
        ("Perubahan",),
    ),
    SynonymGroup(
        "force_majeure",
        ("kahar", "keadaan kahar", "keadaan memaksa", "force majeure", "overmacht"),
    ),
    # Arbitration and deliberation are ways to settle a dispute, not every dispute's way
    SynonymGroup(
        "dispute",
        ("sengketa", "perselisihan", "dispute"),
        ("arbitrase", "arbitration", "musyawarah untuk mufakat"),
    ),
    SynonymGroup("arbitration", ("arbitrase", "arbitration")),
    # 'breach' is any breach (of a warranty, of confidentiality), 'default' also 'by default'
    SynonymGroup(
        "default",
        ("wanprestasi", "cidera janji", "cedera janji", "ingkar janji"),
        ("default", "breach"),
    ),
    # Both ways although English 'term' is also 'the terms of this Agreement' (one English
    # clause in three): one way, 'term of the agreement' found a fifth of its clauses, not half
    SynonymGroup(
        "term",
        ("jangka waktu", "masa berlaku", "durasi", "term", "duration", "validity"),
    ),
    # 'berakhirnya' (the end: also of a term that runs out) has the root of 'pengakhiran'
    SynonymGroup("termination", ("pengakhiran", "pemutusan", "termination")),
    # APBD and APBN are particular budgets
    SynonymGroup(
        "money",
        ("pembiayaan", "pendanaan", "biaya", "anggaran", "funding", "financing"),
        ("APBD", "APBN"),
    ),
    # copyright, patents and marks are kinds of intellectual property
    SynonymGroup(
        "ip",
        ("hak kekayaan intelektual", "HKI", "HaKI", "KI", "intellectual property"),
        ("hak cipta", "paten", "merek", "copyright", "patent", "trademark"),
    ),
    SynonymGroup("first_party", ("PIHAK PERTAMA", "First Party")),
    SynonymGroup("second_party", ("PIHAK KEDUA", "Second Party")),
    SynonymGroup("parties", ("PARA PIHAK", "the Parties")),
    # a regency's, a city's or a province's government is a regional government
    SynonymGroup(
        "pemda",
        ("Pemda", "Pemerintah Daerah"),
        (
            "Pemkab",
            "Pemerintah Kabupaten",
            "Pemkot",
            "Pemerintah Kota",
            "Pemprov",
            "Pemerintah Provinsi",
        ),
    ),
    SynonymGroup("pemkab", ("Pemkab", "Pemerintah Kabupaten")),
    SynonymGroup("pemkot", ("Pemkot", "Pemerintah Kota")),
    SynonymGroup("pemprov", ("Pemprov", "Pemerintah Provinsi")),
    SynonymGroup("setda", ("Setda", "Sekretariat Daerah")),
    SynonymGroup("opd", ("OPD", "SKPD", "perangkat daerah")),
)
