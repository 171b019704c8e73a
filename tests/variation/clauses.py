"""Clause headings (from the taxonomy) and bodies, Indonesian and English, in several wordings.

A body is a list of paragraphs; the term clause's first paragraph is written by build.py
because it carries the gold term. '{subject}', '{doc}', '{ps}' are filled per document.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

# the repository's copy of shared/schema/clause-categories.json
TAXONOMY = Path(__file__).resolve().parents[2] / "ingest" / "data" / "clause-categories.json"

# Headings written for this corpus when the taxonomy file is not at hand; the taxonomy's own
# lists (a superset) are used when it is.
_FALLBACK: dict[str, tuple[list[str], list[str]]] = {
    "purpose": (["MAKSUD DAN TUJUAN", "TUJUAN"], ["Purpose", "Objectives"]),
    "scope": (["RUANG LINGKUP", "RUANG LINGKUP KERJA SAMA"], ["Scope of Cooperation", "Scope"]),
    "implementation": (["PELAKSANAAN", "PELAKSANAAN KEGIATAN"], ["Implementation"]),
    "rights_obligations": (
        ["HAK DAN KEWAJIBAN", "TUGAS DAN TANGGUNG JAWAB"],
        ["Rights and Obligations"],
    ),
    "financing": (["PEMBIAYAAN", "PENDANAAN"], ["Financing", "Financial Arrangements"]),
    "term": (["JANGKA WAKTU", "MASA BERLAKU"], ["Term", "Duration"]),
    "termination": (["PENGAKHIRAN"], ["Termination"]),
    "force_majeure": (["KEADAAN KAHAR", "KEADAAN MEMAKSA"], ["Force Majeure"]),
    "dispute_resolution": (["PENYELESAIAN PERSELISIHAN"], ["Settlement of Disputes"]),
    "amendment": (["PERUBAHAN", "ADENDUM"], ["Amendment"]),
    "monitoring_evaluation": (["MONITORING DAN EVALUASI"], ["Monitoring and Evaluation"]),
    "coordination": (["KORESPONDENSI", "KOORDINASI"], ["Notices"]),
    "confidentiality": (["KERAHASIAAN"], ["Confidentiality"]),
    "intellectual_property": (["HAK KEKAYAAN INTELEKTUAL"], ["Intellectual Property"]),
    "closing": (["PENUTUP"], ["Final Provisions", "Closing"]),
    "miscellaneous": (["LAIN-LAIN"], ["Miscellaneous"]),
    "sanctions": (["SANKSI"], ["Penalties"]),
    "governing_law": (["DOMISILI HUKUM"], ["Governing Law"]),
}

# Headings whose taxonomy key a reader could argue about are left out of the draw.
_AMBIGUOUS = {"MAKSUD DAN RUANG LINGKUP", "SUBJEK DAN OBJEK", "KETENTUAN LAIN-LAIN"}


@cache
def headings() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """category -> (Indonesian headings, English headings)."""
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    if TAXONOMY.is_file():
        data = json.loads(TAXONOMY.read_text("utf-8"))["categories"]
        for key in _FALLBACK:
            hs = [h for h in data.get(key, {}).get("headings", []) if h not in _AMBIGUOUS]
            ids = tuple(h for h in hs if h == h.upper())
            ens = tuple(h for h in hs if h != h.upper())
            out[key] = (ids or tuple(_FALLBACK[key][0]), ens or tuple(_FALLBACK[key][1]))
        return out
    return {k: (tuple(a), tuple(b)) for k, (a, b) in _FALLBACK.items()}


ID_BODIES: dict[str, list[list[str]]] = {
    "purpose": [
        [
            "(1) Maksud {doc} ini adalah sebagai pedoman bagi PARA PIHAK dalam melaksanakan kerja sama {subject}.",
            "(2) Tujuan {doc} ini adalah untuk meningkatkan efektivitas dan efisiensi penyelenggaraan pemerintahan serta pelayanan kepada masyarakat.",
        ],
        [
            "Kerja sama ini dimaksudkan untuk mensinergikan potensi dan sumber daya yang dimiliki PARA PIHAK dengan tujuan meningkatkan kualitas {subject}."
        ],
    ],
    "scope": [
        [
            "Ruang lingkup {doc} ini meliputi:",
            "a. pertukaran data dan informasi;",
            "b. peningkatan kapasitas sumber daya manusia;",
            "c. penelitian dan pengabdian kepada masyarakat; dan",
            "d. kegiatan lain yang disepakati PARA PIHAK.",
        ],
        [
            "Ruang lingkup kerja sama mencakup perencanaan, pelaksanaan dan pendampingan kegiatan {subject} di wilayah PIHAK PERTAMA."
        ],
    ],
    "implementation": [
        [
            "(1) Pelaksanaan {doc} ini akan dijabarkan lebih lanjut dalam Perjanjian Kerja Sama yang disusun oleh perangkat daerah terkait.",
            "(2) PARA PIHAK membentuk tim pelaksana yang ditetapkan dengan keputusan masing-masing pihak.",
        ],
        [
            "Kegiatan sebagaimana dimaksud dalam Pasal 2 dilaksanakan berdasarkan rencana kerja yang disepakati PARA PIHAK setiap tahun anggaran."
        ],
    ],
    "rights_obligations": [
        [
            "(1) PIHAK PERTAMA berkewajiban:",
            "a. menyediakan data dan informasi yang diperlukan;",
            "b. memfasilitasi pelaksanaan kegiatan.",
            "(2) PIHAK KEDUA berkewajiban:",
            "a. menyediakan tenaga ahli sesuai bidangnya;",
            "b. menyampaikan laporan pelaksanaan kegiatan.",
        ],
        [
            "PARA PIHAK berhak memperoleh manfaat dari hasil kerja sama dan berkewajiban melaksanakan kegiatan sesuai dengan ketentuan peraturan perundang-undangan."
        ],
    ],
    "financing": [
        [
            "Segala biaya yang timbul dalam pelaksanaan {doc} ini dibebankan pada Anggaran Pendapatan dan Belanja Daerah dan/atau sumber lain yang sah dan tidak mengikat sesuai ketentuan peraturan perundang-undangan."
        ],
        [
            "(1) Pembiayaan kegiatan ditanggung bersama oleh PARA PIHAK sesuai kemampuan masing-masing.",
            "(2) Rincian biaya diatur lebih lanjut dalam rencana kerja.",
        ],
    ],
    "termination": [
        [
            "(1) {doc} ini berakhir apabila jangka waktu telah berakhir atau atas kesepakatan PARA PIHAK.",
            "(2) Dalam hal salah satu pihak bermaksud mengakhiri kerja sama sebelum jangka waktu berakhir, pihak tersebut wajib memberitahukan secara tertulis paling lambat 3 (tiga) bulan sebelumnya.",
        ],
    ],
    "force_majeure": [
        [
            "(1) Keadaan kahar adalah keadaan di luar kemampuan PARA PIHAK, antara lain bencana alam, kebakaran, wabah penyakit, huru-hara dan kebijakan pemerintah.",
            "(2) Pihak yang mengalami keadaan kahar wajib memberitahukan kepada pihak lainnya paling lambat 14 (empat belas) hari kalender sejak terjadinya keadaan kahar.",
        ],
    ],
    "dispute_resolution": [
        [
            "Apabila terjadi perselisihan dalam pelaksanaan {doc} ini, PARA PIHAK sepakat untuk menyelesaikannya secara musyawarah untuk mufakat."
        ],
        [
            "(1) Setiap perselisihan diselesaikan secara musyawarah untuk mencapai mufakat.",
            "(2) Apabila musyawarah tidak mencapai mufakat, PARA PIHAK sepakat menyelesaikannya melalui Pengadilan Negeri setempat.",
        ],
    ],
    "amendment": [
        [
            "Hal-hal yang belum diatur atau perubahan atas {doc} ini akan diatur kemudian oleh PARA PIHAK dalam bentuk adendum yang merupakan bagian tidak terpisahkan dari {doc} ini."
        ],
    ],
    "monitoring_evaluation": [
        [
            "PARA PIHAK melakukan monitoring dan evaluasi atas pelaksanaan kerja sama paling sedikit 1 (satu) kali dalam setahun."
        ],
    ],
    "coordination": [
        [
            "Setiap pemberitahuan dan korespondensi dalam rangka pelaksanaan {doc} ini dilakukan secara tertulis dan disampaikan ke alamat masing-masing pihak sebagaimana tercantum dalam {doc} ini."
        ],
    ],
    "confidentiality": [
        [
            "PARA PIHAK wajib menjaga kerahasiaan data dan informasi yang diperoleh dalam pelaksanaan kerja sama dan tidak memberikannya kepada pihak lain tanpa persetujuan tertulis."
        ],
    ],
    "intellectual_property": [
        [
            "Hak kekayaan intelektual yang timbul dari pelaksanaan kerja sama menjadi milik bersama PARA PIHAK kecuali disepakati lain secara tertulis."
        ],
    ],
    "closing": [
        [
            "{doc} ini dibuat dalam rangkap 2 (dua) asli, bermeterai cukup, masing-masing mempunyai kekuatan hukum yang sama setelah ditandatangani oleh PARA PIHAK."
        ],
        [
            "Demikian {doc} ini dibuat dan ditandatangani oleh PARA PIHAK dalam rangkap 2 (dua) bermeterai cukup dan mempunyai kekuatan hukum yang sama."
        ],
    ],
    "sanctions": [
        [
            "Pihak yang tidak melaksanakan kewajibannya dikenakan sanksi sesuai dengan ketentuan peraturan perundang-undangan."
        ],
    ],
    "governing_law": [
        [
            "Untuk pelaksanaan {doc} ini PARA PIHAK memilih domisili hukum yang tetap dan umum di Kantor Kepaniteraan Pengadilan Negeri setempat."
        ],
    ],
    "miscellaneous": [
        [
            "Hal-hal lain yang belum cukup diatur dalam {doc} ini akan ditetapkan kemudian atas kesepakatan PARA PIHAK."
        ],
    ],
}

EN_BODIES: dict[str, list[list[str]]] = {
    "purpose": [
        [
            "The purpose of this {doc} is to establish a framework of cooperation between the Parties in {subject}."
        ],
        [
            "(1) This {doc} is intended to strengthen the relationship between the Parties.",
            "(2) The objective is to improve the quality of {subject} for the benefit of both communities.",
        ],
    ],
    "scope": [
        [
            "The scope of cooperation under this {doc} shall include:",
            "a. exchange of information and expertise;",
            "b. capacity building and training;",
            "c. joint research and development; and",
            "d. other activities mutually agreed upon by the Parties.",
        ],
    ],
    "implementation": [
        [
            "(1) The Parties shall establish a Joint Working Group to implement this {doc}.",
            "(2) Specific activities shall be set out in separate implementing arrangements.",
        ],
        [
            "The activities referred to in Article 2 shall be carried out according to an annual work plan agreed by the Parties."
        ],
    ],
    "rights_obligations": [
        [
            "Each Party shall designate a contact person, provide the facilities needed for the agreed activities and report on their progress."
        ],
    ],
    "financing": [
        [
            "Each Party shall bear its own costs arising from this {doc}, subject to the availability of funds and the laws and regulations of each Party."
        ],
    ],
    "termination": [
        [
            "Either Party may terminate this {doc} by giving the other Party at least three (3) months' written notice."
        ],
    ],
    "force_majeure": [
        [
            "Neither Party shall be liable for any failure to perform its obligations caused by force majeure, including natural disasters, epidemics, war or government action."
        ],
    ],
    "dispute_resolution": [
        [
            "Any dispute arising from the interpretation or implementation of this {doc} shall be settled amicably through consultation and negotiation between the Parties."
        ],
    ],
    "amendment": [
        [
            "This {doc} may be amended at any time by mutual written consent of the Parties. Any amendment shall form an integral part of this {doc}."
        ],
    ],
    "monitoring_evaluation": [
        ["The Parties shall jointly review the implementation of this {doc} at least once a year."],
    ],
    "coordination": [
        [
            "All notices under this {doc} shall be in writing and delivered to the addresses of the Parties stated above."
        ],
    ],
    "confidentiality": [
        [
            "Each Party shall keep confidential all information received from the other Party and shall not disclose it to any third party without prior written consent."
        ],
    ],
    "intellectual_property": [
        [
            "Intellectual property arising from joint activities shall be jointly owned by the Parties unless otherwise agreed in writing."
        ],
    ],
    "closing": [
        [
            "This {doc} is made in two (2) original copies in the Indonesian and English languages, both texts being equally authentic."
        ],
    ],
    "sanctions": [
        [
            "A Party in default shall remedy the default within thirty (30) days of written notice from the other Party."
        ],
    ],
    "governing_law": [
        [
            "This {doc} shall be governed by and construed in accordance with the laws of the Republic of Indonesia."
        ],
    ],
    "miscellaneous": [
        [
            "Matters not provided for in this {doc} shall be settled by mutual agreement of the Parties."
        ],
    ],
}


def body(rng: random.Random, category: str, language: str) -> list[str]:
    table = ID_BODIES if language == "id" else EN_BODIES
    return list(rng.choice(table[category]))


def heading(rng: random.Random, category: str, language: str) -> str:
    ids, ens = headings()[category]
    return rng.choice(ids if language == "id" else ens)
