"""The register's words in each language: document kinds, statuses, cooperation kinds, partner
types and fields of government affairs, as the export and the register page show them."""

from __future__ import annotations

from search_api.register.rows import RegisterRow

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "mou": "Nota Kesepahaman / Kesepakatan Bersama",
        "agreement": "Perjanjian Kerja Sama",
        "amendment": "Adendum",
        "other": "Lainnya",
        "active": "Aktif",
        "expiring": "Akan berakhir (≤ 90 hari)",
        "expired": "Berakhir",
        "unknown": "Tidak diketahui",
        "years": "tahun",
        "months": "bulan",
        "days": "hari",
        "completeness_pending": "sedang dihitung",
        # cooperation kinds (PP 28/2018)
        "ksdd": "Kerja Sama Daerah dengan Daerah Lain (KSDD)",
        "ksdpk": "Kerja Sama Daerah dengan Pihak Ketiga (KSDPK)",
        "ksdpl": "Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri (KSDPL)",
        "ksdll": "Kerja Sama Daerah dengan Lembaga di Luar Negeri (KSDLL)",
        "central": "Kerja sama dengan Pemerintah Pusat",
        "other_kind": "Bukan kerja sama daerah",
        # partner types
        "region": "Pemerintah daerah",
        "regional_agency": "Perangkat daerah",
        "central_government": "Pemerintah pusat / lembaga negara",
        "university": "Perguruan tinggi",
        "school": "Sekolah",
        "hospital": "Rumah sakit / klinik",
        "state_company": "BUMN / BUMD",
        "company": "Badan usaha swasta",
        "organisation": "Organisasi / yayasan",
        "individual": "Perorangan",
        "other_party": "Lainnya",
    },
    "en": {
        "mou": "Memorandum of Understanding",
        "agreement": "Cooperation agreement",
        "amendment": "Amendment",
        "other": "Other",
        "active": "Active",
        "expiring": "Expiring (≤ 90 days)",
        "expired": "Expired",
        "unknown": "Unknown",
        "years": "years",
        "months": "months",
        "days": "days",
        "completeness_pending": "being computed",
        "ksdd": "Cooperation with another region (KSDD)",
        "ksdpk": "Cooperation with a third party (KSDPK)",
        "ksdpl": "Cooperation with a local government abroad (KSDPL)",
        "ksdll": "Cooperation with an institution abroad (KSDLL)",
        "central": "Cooperation with the central government",
        "other_kind": "Not regional cooperation",
        "region": "Regional government",
        "regional_agency": "Regional agency",
        "central_government": "Central government / state body",
        "university": "University",
        "school": "School",
        "hospital": "Hospital / clinic",
        "state_company": "State-owned company",
        "company": "Private company",
        "organisation": "Organisation / foundation",
        "individual": "Individual",
        "other_party": "Other",
    },
}


# Fields of government affairs (UU 23/2014), as the LPPD and the provinces name them.
SECTOR_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "education": "Pendidikan",
        "health": "Kesehatan",
        "labour": "Tenaga kerja",
        "public_works": "Pekerjaan umum dan penataan ruang",
        "housing": "Perumahan dan kawasan permukiman",
        "social": "Sosial",
        "environment": "Lingkungan hidup",
        "population": "Administrasi kependudukan dan pencatatan sipil",
        "village": "Pemberdayaan masyarakat dan desa",
        "transport": "Perhubungan",
        "ict": "Komunikasi, informatika dan statistik",
        "cooperatives_sme": "Koperasi dan UKM",
        "investment": "Penanaman modal",
        "youth_sports": "Kepemudaan dan olahraga",
        "culture_tourism": "Kebudayaan dan pariwisata",
        "library_archives": "Perpustakaan dan kearsipan",
        "agriculture_food": "Pertanian dan pangan",
        "marine_fisheries": "Kelautan dan perikanan",
        "energy": "Energi dan sumber daya mineral",
        "trade_industry": "Perdagangan dan perindustrian",
        "finance": "Keuangan",
        "public_order": "Ketenteraman, ketertiban umum dan bencana",
    },
    "en": {
        "education": "Education",
        "health": "Health",
        "labour": "Labour",
        "public_works": "Public works and spatial planning",
        "housing": "Housing and settlements",
        "social": "Social affairs",
        "environment": "Environment",
        "population": "Population and civil registration",
        "village": "Community and village development",
        "transport": "Transport",
        "ict": "Communication, informatics and statistics",
        "cooperatives_sme": "Cooperatives and SMEs",
        "investment": "Investment",
        "youth_sports": "Youth and sports",
        "culture_tourism": "Culture and tourism",
        "library_archives": "Libraries and archives",
        "agriculture_food": "Agriculture and food",
        "marine_fisheries": "Marine affairs and fisheries",
        "energy": "Energy and mineral resources",
        "trade_industry": "Trade and industry",
        "finance": "Finance",
        "public_order": "Public order and disasters",
    },
}


def term_text(row: RegisterRow, lang: str) -> str:
    labels = LABELS[lang]
    parts = [
        f"{n} {labels[unit]}"
        for n, unit in (
            (row.term_years, "years"),
            (row.term_months, "months"),
            (row.term_days, "days"),
        )
        if n
    ]
    return " ".join(parts)


def kind_label(kind: str, lang: str) -> str:
    return LABELS[lang]["other_kind" if kind == "other" else kind]


def sector_label(sector: str, lang: str) -> str:
    return SECTOR_LABELS[lang][sector]


def partner_label(kind: str, lang: str) -> str:
    return LABELS[lang]["other_party" if kind == "other" else kind]
