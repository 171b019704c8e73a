"""Invented people, institutions and numbers for the variation corpus, and number words.

Region names are real place names (a party is a real kind of government); every person,
university, company, number and date is invented. Nothing here is one real document's text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

REGENCIES = (
    "Maros",
    "Gowa",
    "Takalar",
    "Jeneponto",
    "Bantaeng",
    "Sinjai",
    "Bone",
    "Wajo",
    "Soppeng",
    "Pinrang",
    "Enrekang",
    "Luwu Utara",
    "Tana Toraja",
    "Kepulauan Selayar",
    "Banyuasin",
    "Klaten",
    "Semarang",
    "Sleman",
    "Bantul",
    "Gunungkidul",
    "Tabanan",
    "Gianyar",
    "Buleleng",
    "Sumbawa",
    "Lombok Timur",
    "Kutai Kartanegara",
    "Berau",
    "Minahasa Utara",
    "Banggai",
    "Aceh Besar",
    "Deli Serdang",
    "Agam",
    "Kampar",
    "Musi Banyuasin",
    "Lampung Selatan",
)
CITIES = (
    "Makassar",
    "Parepare",
    "Palopo",
    "Surabaya",
    "Semarang",
    "Yogyakarta",
    "Denpasar",
    "Mataram",
    "Balikpapan",
    "Samarinda",
    "Manado",
    "Kendari",
    "Palu",
    "Ambon",
    "Padang",
    "Pekanbaru",
    "Jambi",
    "Bengkulu",
    "Malang",
    "Bogor",
    "Cirebon",
    "Batam",
)
PROVINCES = (
    "Sulawesi Selatan",
    "Sulawesi Tengah",
    "Sulawesi Tenggara",
    "Jawa Tengah",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Kalimantan Timur",
    "Sumatera Barat",
    "Riau",
    "Jambi",
    "Kepulauan Riau",
    "Maluku",
    "Gorontalo",
)
# English names of the provinces that have one; the rest keep their Indonesian name.
PROVINCE_EN = {
    "Sulawesi Selatan": "South Sulawesi",
    "Sulawesi Tengah": "Central Sulawesi",
    "Sulawesi Tenggara": "Southeast Sulawesi",
    "Jawa Tengah": "Central Java",
    "Jawa Timur": "East Java",
    "Nusa Tenggara Barat": "West Nusa Tenggara",
    "Kalimantan Timur": "East Kalimantan",
    "Sumatera Barat": "West Sumatra",
    "Kepulauan Riau": "Riau Islands",
}

UNI_WORDS = (
    "Bina Nusa",
    "Cendekia Timur",
    "Tunas Bangsa",
    "Lentera Ilmu",
    "Pelita Harapan Raya",
    "Mulia Sejahtera",
    "Karya Mandiri",
    "Sinar Bahari",
    "Arunika",
    "Wira Bhakti",
    "Samudra Nusantara",
    "Teknologi Pradipta",
    "Islam Al-Hikmah",
    "Kristen Bethesda",
    "Megarezky Utama",
    "Insan Cita",
    "Andalan Jaya",
)
COMPANY_WORDS = (
    "Sinar Maju Sentosa",
    "Bumi Hijau Lestari",
    "Tirta Mandala",
    "Arta Graha Digital",
    "Cahaya Samudra Logistik",
    "Nusa Karya Konstruksi",
    "Griya Pangan Sejahtera",
    "Mitra Energi Surya",
    "Sarana Data Informatika",
    "Permata Agro Nusantara",
    "Lintas Media Kreasi",
    "Duta Farma Medika",
    "Kencana Semen Timur",
    "Delta Marina Shipyard",
)
COMPANY_SUFFIX = ("", "", " Tbk", " (Persero)", " (Persero) Tbk", " Indonesia")
MINISTRIES = (
    ("Pertanian", "Agriculture"),
    ("Kesehatan", "Health"),
    ("Perhubungan", "Transportation"),
    ("Pariwisata dan Ekonomi Kreatif", "Tourism and Creative Economy"),
    ("Kelautan dan Perikanan", "Marine Affairs and Fisheries"),
    (
        "Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
        "Villages, Development of Disadvantaged Regions and Transmigration",
    ),
    ("Lingkungan Hidup dan Kehutanan", "Environment and Forestry"),
)
OPDS = (
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pariwisata",
    "Dinas Pertanian",
    "Badan Perencanaan Pembangunan Daerah",
    "Dinas Komunikasi dan Informatika",
    "Dinas Lingkungan Hidup",
    "Dinas Koperasi dan Usaha Kecil Menengah",
)
OPD_EN = {
    "Dinas Kesehatan": "Health Office",
    "Dinas Pendidikan": "Education Office",
    "Dinas Pekerjaan Umum dan Penataan Ruang": "Public Works and Spatial Planning Office",
    "Dinas Kependudukan dan Pencatatan Sipil": "Population and Civil Registration Office",
    "Dinas Pariwisata": "Tourism Office",
    "Dinas Pertanian": "Agriculture Office",
    "Badan Perencanaan Pembangunan Daerah": "Regional Development Planning Agency",
    "Dinas Komunikasi dan Informatika": "Communication and Informatics Office",
    "Dinas Lingkungan Hidup": "Environment Office",
    "Dinas Koperasi dan Usaha Kecil Menengah": "Cooperatives and SME Office",
}
FACULTIES = (
    "Teknik",
    "Kedokteran",
    "Ekonomi dan Bisnis",
    "Hukum",
    "Pertanian",
    "Ilmu Sosial dan Ilmu Politik",
    "Keguruan dan Ilmu Pendidikan",
)
FOREIGN_UNIS = (
    "Northbridge University",
    "University of Eastmoor",
    "Kingsford Institute of Technology",
    "Halden Polytechnic",
    "Marlow College of Agriculture",
    "Westhaven University",
)
FOREIGN_ORGS = (
    "Blue Reef Conservation Trust",
    "Hanover Water Partnership",
    "Tamsin Health Foundation",
    "Orchid Coast Development Agency",
    "Lakeside Learning Alliance",
)
FOREIGN_CITIES = (
    "Eastmoor",
    "Kingsford",
    "Halden",
    "Marlow",
    "Westhaven",
    "Tamsin",
    "Lakeside",
)

FIRST = (
    "Ahmad",
    "Muhammad",
    "Andi",
    "Siti",
    "Nur",
    "Rahmat",
    "Budi",
    "Dewi",
    "Agus",
    "Sri",
    "Made",
    "Ketut",
    "Nyoman",
    "Putu",
    "Wayan",
    "Yusuf",
    "Hasanuddin",
    "Rini",
    "Fitriani",
    "Bambang",
    "Hendra",
    "Irwan",
    "Syamsul",
    "Rusdi",
    "Ratna",
    "Yohanes",
    "Markus",
    "Maria",
    "Lukman",
    "Taufik",
    "Arif",
    "Rizal",
    "Darmawati",
    "Sulaiman",
    "Kurniawan",
    "Asriani",
)
LAST = (
    "Yani",
    "Rahman",
    "Hidayat",
    "Saputra",
    "Pratama",
    "Wijaya",
    "Santoso",
    "Suarta",
    "Mappaseng",
    "Daeng Nai",
    "Patongai",
    "Lumban Tobing",
    "Siregar",
    "Nasution",
    "Harahap",
    "Kusuma",
    "Setiawan",
    "Purnomo",
    "Hamzah",
    "Latif",
    "Arsyad",
    "Tangdilintin",
    "Manuaba",
    "Wirawan",
    "Lestari",
    "Handayani",
    "Syarifuddin",
    "Baso Rahim",
    "Karaeng Lalo",
)
EN_FIRST = (
    "Emily",
    "James",
    "Olivia",
    "Thomas",
    "Hannah",
    "Daniel",
    "Grace",
    "Michael",
    "Sophie",
    "Robert",
)
EN_LAST = (
    "Hartwell",
    "Fenwick",
    "Ashdown",
    "Calloway",
    "Pemberton",
    "Whitlock",
    "Marsden",
    "Holloway",
)
PREFIX_TITLES = (
    "H.",
    "Hj.",
    "Dr.",
    "dr.",
    "Ir.",
    "Drs.",
    "Dra.",
    "Prof. Dr.",
    "Dr. Ir.",
    "Prof. Dr. Ir.",
    "Dr. H.",
    "A.",
)
SUFFIX_TITLES = (
    "S.H.",
    "M.H.",
    "S.E.",
    "M.M.",
    "M.Si.",
    "M.Kes.",
    "S.STP.",
    "M.AP.",
    "S.Sos.",
    "Ph.D.",
    "M.T.",
    "M.Pd.",
    "S.Kom.",
    "M.Eng.",
    "Sp.PD.",
)

STREETS = (
    "Jalan Jenderal Sudirman",
    "Jalan Ahmad Yani",
    "Jalan Poros",
    "Jalan Pendidikan",
    "Jalan Merdeka",
    "Jalan Pahlawan",
    "Jalan Veteran",
    "Jalan Perintis Kemerdekaan",
    "Jalan Sultan Hasanuddin",
    "Jalan Gatot Subroto",
)

ID_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ID_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ROMAN = (
    "",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)

_ID_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_EN_ONES = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty")


def id_words(n: int) -> str:
    """Indonesian words for 0 < n < 10000 ('dua ribu dua puluh empat')."""
    if n < 10:
        return _ID_ONES[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_ID_ONES[n - 10]} belas"
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{_ID_ONES[tens]} puluh" + (f" {_ID_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_ID_ONES[hundreds]} ratus"
        return head + (f" {id_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{id_words(thousands)} ribu"
    return head + (f" {id_words(rest)}" if rest else "")


def en_words(n: int) -> str:
    """English words for 0 < n < 60."""
    if n < 20:
        return _EN_ONES[n]
    tens, ones = divmod(n, 10)
    return _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else "")


def en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Person:
    written: str  # as the komparisi writes it, titles included
    nip: str | None


def person(rng: random.Random, *, english: bool = False, civil_servant: bool = False) -> Person:
    if english:
        first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
        pre = rng.choice(("", "", "Dr. ", "Prof. ", "Mr. ", "Ms. "))
        suf = rng.choice(("", "", ", Ph.D."))
        return Person(f"{pre}{first} {last}{suf}", None)
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if rng.random() < 0.25:
        name = f"{rng.choice(FIRST)} {name}"
    pre = rng.choice(PREFIX_TITLES) + " " if rng.random() < 0.6 else ""
    k = rng.choice((0, 1, 1, 2, 2))
    sufs = rng.sample(SUFFIX_TITLES, k)
    written = pre + name + "".join(f", {s}" for s in sufs)
    if rng.random() < 0.3:
        # many komparisi write the name in capitals, titles as they are
        written = pre + name.upper() + "".join(f", {s}" for s in sufs)
    nip = None
    if civil_servant:
        y, m, d = rng.randint(1965, 1985), rng.randint(1, 12), rng.randint(1, 28)
        ay, am = y + rng.randint(22, 30), rng.randint(1, 12)
        nip = f"{y}{m:02d}{d:02d} {ay}{am:02d} {rng.randint(1, 2)} {rng.randint(1, 20):03d}"
    return Person(written, nip)


def doc_number(rng: random.Random, unit: str, month: int, year: int) -> str:
    shape = rng.randrange(6)
    rm = ROMAN[month]
    if shape == 0:
        return f"{rng.choice(('119', '415', '180', '900', '130', '070'))}/{rng.randint(1, 999)}/{unit}/{rm}/{year}"
    if shape == 1:
        return f"{rng.randint(1, 99):02d}/MoU/{unit}/{year}"
    if shape == 2:
        return f"B-{rng.randint(1, 999):03d}/{rng.randint(1000, 9999)}/{unit}/{month:02d}/{year}"
    if shape == 3:
        return (
            f"HK.{rng.randint(1, 9):02d}.{rng.randint(1, 9):02d}/{rng.randint(1, 99)}/{unit}/{year}"
        )
    if shape == 4:
        return f"{rng.randint(100, 999)}/{rng.randint(1, 99)}.{rng.choice('ABCD')}{rng.randint(1, 9):02d}/PKS-{unit}/{rm}/{year}"
    return f"{rng.randint(1, 999):03d}/{unit}/KS/{year}"
