"""Synonym groups expanded at query time (DOMAIN.md 5.3). The store seeds these; admins edit them."""

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
            "KB",
            "Memorandum Saling Pengertian",
            "MSP",
            "Nota Saling Pengertian",
        ),
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
    SynonymGroup("change", ("Addendum", "Adendum", "Amandemen", "Perubahan", "Amendment")),
    SynonymGroup(
        "force_majeure",
        ("kahar", "keadaan kahar", "keadaan memaksa", "force majeure", "overmacht"),
    ),
    SynonymGroup(
        "dispute",
        ("sengketa", "perselisihan", "dispute", "musyawarah untuk mufakat", "arbitrase"),
    ),
    SynonymGroup("default", ("wanprestasi", "cidera janji", "ingkar janji", "default", "breach")),
    SynonymGroup(
        "term",
        ("jangka waktu", "masa berlaku", "durasi", "term", "duration", "validity"),
    ),
    SynonymGroup("termination", ("pengakhiran", "pemutusan", "berakhirnya", "termination")),
    SynonymGroup("money", ("pembiayaan", "pendanaan", "biaya", "anggaran", "APBD", "funding")),
    SynonymGroup(
        "ip",
        ("hak kekayaan intelektual", "HKI", "HaKI", "KI", "intellectual property"),
    ),
    SynonymGroup("first_party", ("PIHAK PERTAMA", "First Party")),
    SynonymGroup("second_party", ("PIHAK KEDUA", "Second Party")),
    SynonymGroup("parties", ("PARA PIHAK", "the Parties")),
    SynonymGroup("pemda", ("Pemda", "Pemerintah Daerah")),
    SynonymGroup("pemkab", ("Pemkab", "Pemerintah Kabupaten")),
    SynonymGroup("pemkot", ("Pemkot", "Pemerintah Kota")),
    SynonymGroup("pemprov", ("Pemprov", "Pemerintah Provinsi")),
    SynonymGroup("setda", ("Setda", "Sekretariat Daerah")),
    SynonymGroup("opd", ("OPD", "SKPD", "perangkat daerah")),
)
