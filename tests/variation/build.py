"""One generated agreement: the decisions (seeded), its blocks and its exact gold label."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from tests.variation import clauses, vocab
from tests.variation.model import Centered, Document, Para, Signatures
from tests.variation.parties import (
    EN_ROLES,
    ID_ROLES,
    Party,
    komparisi_en,
    komparisi_id,
    make_party,
    signature_column_en,
    signature_column_id,
)

ID_SUBJECTS = (
    "PENGEMBANGAN SUMBER DAYA MANUSIA",
    "PENYELENGGARAAN PRAKTIK KERJA LAPANGAN",
    "PEMANFAATAN DATA KEPENDUDUKAN",
    "PENINGKATAN PELAYANAN KESEHATAN MASYARAKAT",
    "PENGEMBANGAN POTENSI PARIWISATA DAERAH",
    "PENELITIAN DAN PENGABDIAN KEPADA MASYARAKAT",
    "PENGELOLAAN SAMPAH TERPADU",
    "PEMBANGUNAN JARINGAN INTERNET DESA",
    "PENDAMPINGAN USAHA MIKRO, KECIL DAN MENENGAH",
    "PENYEDIAAN AIR MINUM",
    "PEMANFAATAN BARANG MILIK DAERAH BERUPA TANAH DAN BANGUNAN",
    "KULIAH KERJA NYATA TEMATIK",
    "PERCEPATAN PENURUNAN STUNTING",
)
EN_SUBJECTS = (
    "COOPERATION IN EDUCATION, RESEARCH AND COMMUNITY SERVICE",
    "SISTER CITY COOPERATION",
    "DEVELOPMENT OF SUSTAINABLE TOURISM",
    "CAPACITY BUILDING IN PUBLIC HEALTH",
    "MARINE AND COASTAL CONSERVATION",
    "VOCATIONAL TRAINING AND INTERNSHIP PROGRAMMES",
    "RENEWABLE ENERGY DEVELOPMENT",
    "SMART CITY AND DIGITAL GOVERNMENT",
)
LAWS = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah",
    "Peraturan Menteri Dalam Negeri Nomor 22 Tahun 2020 tentang Tata Cara Kerja Sama Daerah dengan Daerah Lain dan Kerja Sama Daerah dengan Pihak Ketiga",
    "Undang-Undang Nomor 12 Tahun 2012 tentang Pendidikan Tinggi",
    "Peraturan Daerah Kabupaten Nomor 4 Tahun 2021 tentang Kerja Sama Daerah",
)

KB_CLAUSES = [
    "purpose",
    "scope",
    "implementation",
    "financing",
    "term",
    "dispute_resolution",
    "amendment",
    "closing",
]
PKS_CLAUSES = [
    "purpose",
    "scope",
    "rights_obligations",
    "implementation",
    "financing",
    "term",
    "termination",
    "force_majeure",
    "monitoring_evaluation",
    "coordination",
    "dispute_resolution",
    "closing",
]
EN_CLAUSES = [
    "purpose",
    "scope",
    "implementation",
    "financing",
    "intellectual_property",
    "confidentiality",
    "term",
    "dispute_resolution",
    "amendment",
    "closing",
]

DOC_WORD = {
    ("id", "mou"): ("KESEPAKATAN BERSAMA", "NOTA KESEPAHAMAN"),
    ("id", "agreement"): ("PERJANJIAN KERJA SAMA", "PERJANJIAN KERJASAMA"),
    ("en", "mou"): ("MEMORANDUM OF UNDERSTANDING",),
    ("en", "agreement"): (
        "COOPERATION AGREEMENT",
        "MEMORANDUM OF AGREEMENT",
        "IMPLEMENTING ARRANGEMENT",
    ),
}


ID_DOC_WORD = {
    "KESEPAKATAN BERSAMA": "Kesepakatan Bersama",
    "NOTA KESEPAHAMAN": "Nota Kesepahaman",
    "PERJANJIAN KERJA SAMA": "Perjanjian Kerja Sama",
    "PERJANJIAN KERJASAMA": "Perjanjian Kerjasama",
}


def fold(text: str) -> str:
    return " ".join(text.split())


def id_date(d: date) -> str:
    return f"{d.day} {vocab.ID_MONTHS[d.month - 1]} {d.year}"


def en_date(rng: random.Random, d: date) -> str:
    if rng.random() < 0.5:
        return f"{vocab.EN_MONTHS[d.month - 1]} {d.day}, {d.year}"
    return f"{d.day} {vocab.EN_MONTHS[d.month - 1]} {d.year}"


def id_date_words(d: date) -> str:
    return (
        f"Pada hari ini {vocab.ID_DAYS[d.weekday()]} tanggal {vocab.id_words(d.day)} bulan "
        f"{vocab.ID_MONTHS[d.month - 1]} tahun {vocab.id_words(d.year)}"
    )


def title_case(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def build(seed: int, index: int) -> Document:
    rng = random.Random(seed * 100_003 + index)
    language = "en" if rng.random() < 0.3 else "id"
    doc_type = rng.choice(("mou", "mou", "agreement", "agreement", "amendment"))
    fmt = "docx" if rng.random() < 0.45 else "pdf"
    name = f"var-{index:04d}-{language}-{doc_type}"
    doc = Document(name=name, language=language, fmt=fmt)
    en = language == "en"

    # -- parties ------------------------------------------------------------------------
    gov = rng.choice(("regency", "regency", "city", "province", "opd"))
    if doc_type == "mou" and gov == "opd":
        gov = "regency"
    partner = rng.choice(
        ("university", "company", "regency", "city", "ministry")
        + (("foreign", "foreign") if en else ())
    )
    kinds = [gov, partner]
    if rng.random() < 0.08:
        kinds.append(rng.choice(("university", "company")))
    if rng.random() < 0.3:
        kinds.reverse()
    parties: list[Party] = []
    for kind in kinds:
        for _ in range(10):
            p = make_party(rng, kind, language)
            if all(p.name != q.name for q in parties):
                break
        parties.append(p)
    roles = rng.choice(EN_ROLES if en else ID_ROLES)
    for p, role in zip(parties, roles, strict=False):
        p.role = role

    # -- dates, term -------------------------------------------------------------------
    signed = date(rng.randint(2015, 2026), rng.randint(1, 12), 1) + timedelta(
        days=rng.randint(0, 27)
    )
    date_mode = rng.choice(("opening", "opening", "signature", "signature", "both", "blank"))
    place_party = parties[0] if parties[0].kind not in {"foreign", "ministry"} else parties[-1]
    place = place_party.address.split(", ")[-1]
    if (
        rng.random() < 0.15
        and not en
        and place_party.kind in {"regency", "city", "province", "opd"}
    ):
        place = f"Kantor {place_party.position}" if place_party.kind != "opd" else place
    signed_date: date | None = None if date_mode == "blank" else signed
    effective: date | None = signed_date
    term_mode = rng.choice(("years", "years", "years", "months", "long", "until", "separate_start"))
    if doc_type == "amendment":
        term_mode = rng.choice(("none", "years"))
    years = months = 0
    end: date | None = None
    if term_mode in {"years", "separate_start"}:
        years = rng.choice((1, 2, 3, 5, 5, 5))
    elif term_mode == "months":
        months = rng.choice((6, 10, 12, 18, 24))
    elif term_mode == "long":
        years = rng.choice((10, 15, 20, 25, 30))
    if term_mode == "separate_start":
        effective = date(signed.year + (signed.month == 12), signed.month % 12 + 1, 1)
    if term_mode == "until":
        end = date(signed.year + rng.randint(1, 4), 12, 31)
    term = {"years": years, "months": months, "days": 0} if (years or months) else None
    if term_mode == "none":
        effective = None  # nothing says when it takes effect
    expiry: date | None = end
    if term and effective:
        expiry = effective + relativedelta(years=years, months=months) - timedelta(days=1)

    # -- numbers, references -----------------------------------------------------------
    units_id = ("HUMKER", "KS", "BKS", "SETDA", "UN", "DIR", "REK", "PKS")
    numbers: list[str] = []
    draft = rng.random() < 0.1
    if not draft:
        for _party in parties[:2]:
            unit = rng.choice(units_id)
            numbers.append(vocab.doc_number(rng, unit, signed.month, signed.year))
        if len(set(numbers)) < len(numbers):
            numbers = numbers[:1]
    references: list[str] = []
    if doc_type in {"agreement", "amendment"} and rng.random() < 0.8:
        ref_year = signed.year - rng.randint(0, 2)
        ref_month = rng.randint(1, 12)
        references = [
            vocab.doc_number(rng, rng.choice(units_id), ref_month, ref_year)
            for _ in range(rng.choice((1, 2)))
        ]
        references = list(dict.fromkeys(references))
        ref_date = date(ref_year, ref_month, rng.randint(1, 28))
        references = [r for r in references if r not in numbers]

    # -- title ---------------------------------------------------------------------------
    subject = rng.choice(EN_SUBJECTS if en else ID_SUBJECTS)
    if doc_type == "amendment":
        base = rng.choice(DOC_WORD[(language, "agreement")])
        if en:
            head = [
                rng.choice(("FIRST AMENDMENT TO THE", "ADDENDUM TO THE", "AMENDMENT NO. 1 TO THE")),
                base,
            ]
        else:
            head = [rng.choice(("ADENDUM PERTAMA", "ADDENDUM I", "PERUBAHAN PERTAMA ATAS")), base]
        doc_word = "Addendum" if en else rng.choice(("Adendum", "Addendum"))
    else:
        head = [rng.choice(DOC_WORD[(language, doc_type)])]
        doc_word = head[0].title() if en else ID_DOC_WORD[head[0]]
    between, conj, about = (
        ("BETWEEN", "AND", rng.choice(("ON", "CONCERNING", "REGARDING")))
        if en
        else ("ANTARA", rng.choice(("DENGAN", "DAN")), "TENTANG")
    )
    title_lines = [*head, between]
    for i, p in enumerate(parties):
        if i:
            title_lines.append(conj if i == len(parties) - 1 else ",")
        title_lines.append(p.title_name)
    # fold a lone comma into the line before it
    tl: list[str] = []
    for line in title_lines:
        if line == "," and tl:
            tl[-1] += ","
        else:
            tl.append(line)
    title_lines = tl
    subject_lines = [about, subject]
    number_label = (
        rng.choice(("NOMOR", "Nomor")) if not en else rng.choice(("Number", "No.", "NUMBER"))
    )
    number_lines = [
        f"{number_label} : {n}" if number_label != "No." else f"No. {n}" for n in numbers
    ]
    if not en and len(numbers) == 2 and rng.random() < 0.25:
        # 'Nomor PIHAK PERTAMA : ...' / 'Nomor PIHAK KEDUA : ...'
        number_lines = [f"Nomor {p.role} : {n}" for p, n in zip(parties, numbers, strict=False)]
    if draft:
        number_lines = [
            f"{'NOMOR' if not en else 'Number'} : ....................." for _ in parties[:2]
        ]
    numbers_before_subject = not en and rng.random() < 0.2
    blocks: list[Any] = []
    if numbers_before_subject:
        blocks += [
            Centered(title_lines),
            Centered(number_lines, bold=False),
            Centered(subject_lines),
        ]
    else:
        blocks += [Centered(title_lines + subject_lines), Centered(number_lines, bold=False)]
    title = fold(" ".join(title_lines + subject_lines))

    # -- opening ---------------------------------------------------------------------
    place_words = f"bertempat di {place}"
    if en:
        if date_mode in {"opening", "both"}:
            opening = rng.choice(
                (
                    f"This {doc_word} is made and entered into on {vocab.EN_DAYS[signed.weekday()]}, the "
                    f"{vocab.en_ordinal(signed.day)} day of {vocab.EN_MONTHS[signed.month - 1]} {signed.year}, in {place}, by and between:",
                    f"On this day, {vocab.EN_DAYS[signed.weekday()]}, {en_date(rng, signed)}, in {place}, the undersigned:",
                )
            )
        elif date_mode == "blank":
            opening = f"This {doc_word} is made on this ........ day of {vocab.EN_MONTHS[signed.month - 1]} {signed.year}, in {place}, by and between:"
        else:
            opening = f"This {doc_word} is made by and between:"
    else:
        if date_mode in {"opening", "both"}:
            day, month = vocab.ID_DAYS[signed.weekday()], vocab.ID_MONTHS[signed.month - 1]
            when = rng.choice(
                (
                    id_date_words(signed),
                    # commas between the parts
                    f"Pada hari ini, {day}, tanggal {vocab.id_words(signed.day)}, bulan {month}, "
                    f"tahun {vocab.id_words(signed.year)}",
                    # digits with the words in brackets
                    f"Pada hari ini {day} tanggal {signed.day} ({vocab.id_words(signed.day)}) bulan {month} "
                    f"tahun {signed.year} ({vocab.id_words(signed.year)})",
                    # words with the date in digits after them
                    f"{id_date_words(signed)} ({signed.day:02d}-{signed.month:02d}-{signed.year})",
                    f"Pada hari ini {day}, tanggal {id_date(signed)}",
                )
            )
            opening = f"{when}, {place_words}, kami yang bertanda tangan di bawah ini:"
        elif date_mode == "blank":
            opening = (
                f"Pada hari ini ............ tanggal ............ bulan {vocab.ID_MONTHS[signed.month - 1]} "
                f"tahun {vocab.id_words(signed.year)}, {place_words}, kami yang bertanda tangan di bawah ini:"
            )
        else:
            opening = rng.choice(
                ("Yang bertanda tangan di bawah ini:", "Kami yang bertanda tangan di bawah ini:")
            )
    blocks.append(Para(opening))
    opening_has_place = date_mode in {"opening", "both", "blank"}

    # -- komparisi -----------------------------------------------------------------------
    style = rng.choice(("prose", "prose", "colon", "tab", "table"))
    if fmt == "pdf" and style == "tab":
        style = "colon"
    leads = rng.choice((("1.", "2.", "3."), ("I.", "II.", "III."), ("1)", "2)", "3)")))
    headed = style != "prose" and rng.random() < 0.3  # the role heads each party's rows
    for p, lead in zip(parties, leads, strict=False):
        blocks += (komparisi_en if en else komparisi_id)(rng, p, lead, doc_word, style, headed)
    if en:
        blocks.append(
            Para(
                'The FIRST PARTY and the SECOND PARTY are hereinafter collectively referred to as the "PARTIES".'
                if parties[0].role.isupper()
                else 'The First Party and the Second Party are hereinafter collectively referred to as "the Parties".'
            )
        )
    else:
        blocks.append(
            Para(f"{parties[0].role} dan {parties[1].role} secara bersama-sama disebut PARA PIHAK.")
        )

    # -- recitals ------------------------------------------------------------------------
    ps = "PARA PIHAK" if not en else "the Parties"
    if en:
        rec = ["WHEREAS the Parties wish to strengthen their cooperation for mutual benefit;"]
        if references:
            ref_txt = " and ".join(references)
            rec.append(
                f"WHEREAS the Parties have signed the Memorandum of Understanding Number {ref_txt} dated {en_date(rng, ref_date)};"
            )
        rec.append("NOW, THEREFORE, the Parties have agreed as follows:")
        blocks += [Para(r) for r in rec]
    else:
        laws = rng.sample(LAWS, rng.randint(2, 4))
        blocks.append(Para("Dengan memperhatikan:"))
        blocks += [Para(f"{i}. {law};", indent=1) for i, law in enumerate(laws, 1)]
        blocks.append(Para(f"{ps} terlebih dahulu menerangkan hal-hal sebagai berikut:"))
        blocks.append(
            Para(
                "a. bahwa PARA PIHAK memiliki komitmen untuk bekerja sama sesuai dengan kewenangan masing-masing;",
                indent=1,
            )
        )
        if references:
            kind_ref = "Kesepakatan Bersama" if doc_type == "agreement" else "Perjanjian Kerja Sama"
            blocks.append(
                Para(
                    f"b. bahwa PARA PIHAK telah menandatangani {kind_ref} Nomor {' dan Nomor '.join(references)} "
                    f"tanggal {id_date(ref_date)} tentang {title_case(subject)};",
                    indent=1,
                )
            )
        blocks.append(
            Para(
                f"Berdasarkan hal-hal tersebut di atas, PARA PIHAK sepakat untuk mengadakan {doc_word} dengan ketentuan sebagai berikut:"
            )
        )

    # -- clauses ---------------------------------------------------------------------------
    if doc_type == "amendment":
        cats = ["amendment", "scope"] + (["term"] if term else []) + ["closing"]
    elif en:
        cats = [c for c in EN_CLAUSES if c != "intellectual_property" or rng.random() < 0.5]
    else:
        cats = list(KB_CLAUSES if doc_type == "mou" else PKS_CLAUSES)
        if rng.random() < 0.3:
            cats.insert(
                -1,
                rng.choice(
                    ("confidentiality", "intellectual_property", "sanctions", "governing_law")
                ),
            )
    num_style = rng.choice(("A", "A", "B", "C", "D", "E"))
    gold_clauses = []
    subject_phrase = subject.lower() if not en else subject.lower()
    for n, cat in enumerate(cats, 1):
        heading = clauses.heading(rng, cat, language)
        if cat == "term":
            paras = [
                term_sentence(
                    rng,
                    language,
                    doc_word,
                    term,
                    effective if term_mode == "separate_start" else None,
                    end,
                )
            ]
            if rng.random() < 0.5:
                paras.append(
                    "(2) Jangka waktu dapat diperpanjang atas kesepakatan PARA PIHAK."
                    if not en
                    else "This period may be extended by mutual written agreement of the Parties."
                )
        elif cat == "amendment" and doc_type == "amendment":
            art = rng.randint(2, 5)
            if en:
                paras = [
                    f'The provisions of Article {art} of the Agreement are amended to read as follows: "The Parties shall jointly implement the activities in the extended area."'
                ]
            else:
                paras = [
                    f'Ketentuan Pasal {art} Perjanjian diubah sehingga berbunyi sebagai berikut: "PARA PIHAK melaksanakan kegiatan bersama di wilayah yang diperluas."'
                ]
        else:
            paras = clauses.body(rng, cat, language)
        paras = [p.format(doc=doc_word, subject=subject_phrase, ps=ps) for p in paras]
        if not en:
            # bodies name the roles the way this document does
            paras = [
                p.replace("PIHAK PERTAMA", "\0")
                .replace("PIHAK KEDUA", "\1")
                .replace("\0", parties[0].role)
                .replace("\1", parties[1].role)
                for p in paras
            ]
        if cat == "closing" and not en and date_mode != "blank" and rng.random() < 0.3:
            paras[-1] = paras[
                -1
            ]  # the closing keeps its wording; the date goes above the signatures
        display = clause_lines(num_style, n, heading, language)
        blocks.append(Centered(display))
        blocks += [Para(p, indent=1 if p[:2] in {"a.", "b.", "c.", "d."} else 0) for p in paras]
        shown = heading if num_style in {"A", "D"} else heading.upper()
        gold_clauses.append(
            {"number": str(n), "heading": shown, "category": cat, "text": fold(" ".join(paras))}
        )

    # -- signing line and signatures ----------------------------------------------------------
    sig_place_stated = False
    if date_mode in {"signature", "both"} or (date_mode == "blank" and rng.random() < 0.5):
        sig_place_stated = True
        if en:
            if date_mode == "blank":
                line = [
                    f"Signed in {place} on ........ {vocab.EN_MONTHS[signed.month - 1]} {signed.year}"
                ]
            else:
                line = [
                    rng.choice(
                        (
                            f"Signed in {place} on {en_date(rng, signed)}",
                            f"Done in duplicate at {place} on this {vocab.en_ordinal(signed.day)} day of {vocab.EN_MONTHS[signed.month - 1]} {signed.year}, in the Indonesian and English languages, both texts being equally authentic.",
                            f"{place}, {en_date(rng, signed)}",
                        )
                    )
                ]
        else:
            when = (
                f"......... {vocab.ID_MONTHS[signed.month - 1]} {signed.year}"
                if date_mode == "blank"
                else id_date(signed)
            )
            line = rng.choice(
                (
                    [f"{place}, {when}"],
                    [f"Dibuat di : {place}", f"Pada tanggal : {when}"],
                    [f"Ditandatangani di {place} pada tanggal {when}"],
                )
            )
        blocks.append(
            Para(line[0], align="right" if len(line) == 1 and "," in line[0][:30] else "left")
        )
        blocks += [Para(x, align="left") for x in line[1:]]
    signed_place = place if (opening_has_place or sig_place_stated) else None
    if en and date_mode in {"opening", "both"} and not opening_has_place:
        signed_place = None

    if en:
        blocks.append(
            Para(
                "IN WITNESS WHEREOF, the undersigned, being duly authorised, have signed this "
                + doc_word
                + "."
            )
        )
        shape = rng.randrange(3)
        if rng.random() < 0.4:
            # row-wise: By: | By:, then the names, then the titles, then the bodies
            cols = [["By:", "", "", signer_name(p), p.position, p.name] for p in parties]
            blocks.append(Signatures(cols, style="rowwise"))
        else:
            blocks.append(Signatures([signature_column_en(rng, p, shape) for p in parties]))
    else:
        stamp_i = rng.randrange(len(parties))
        cols = [signature_column_id(rng, p, i == stamp_i) for i, p in enumerate(parties)]
        if rng.random() < 0.5:
            cols.reverse()  # PIHAK KEDUA on the left is common
        blocks.append(Signatures(cols))
        if rng.random() < 0.2:
            # acknowledged by an official who is not a party
            witness = vocab.person(rng)
            region = rng.choice(vocab.REGENCIES).upper()
            blocks += [
                Para("Mengetahui,", align="center"),
                Para(f"KETUA DPRD KABUPATEN {region},", align="center"),
                Para(witness.written, align="center"),
            ]

    # -- layout decisions for the renderers ------------------------------------------------
    doc.blocks = blocks
    doc.layout = {
        "komparisi": style,
        "columns": 2 if fmt == "pdf" and rng.random() < 0.25 else 1,
        "header": fmt == "pdf" and rng.random() < 0.5,
        "page_numbers": rng.choice(("dash", "halaman", "plain", None)),
        "paraf": fmt == "pdf" and not en and rng.random() < 0.4,
        "whole_in_table": fmt == "docx" and rng.random() < 0.15,
        "font": rng.choice(("Times-Roman", "Helvetica")),
        "date_mode": date_mode,
        "term_mode": term_mode,
        "num_style": num_style,
    }
    doc.running_header = f"{doc_word} {parties[0].name} - {parties[1].name}"
    doc.gold = {
        "source": {"filename": "", "sha256": "", "media_type": "", "pages": None, "ocr": False},
        "language": language,
        "doc_type": doc_type,
        "title": title,
        "subject": subject,
        "numbers": numbers,
        "parties": [
            {
                "role": p.role,
                "name": p.name,
                "representative": p.person.written,
                "position": p.position,
            }
            for p in parties
        ],
        "signed_date": signed_date.isoformat() if signed_date else None,
        "signed_place": signed_place,
        "effective_date": effective.isoformat() if effective else None,
        "term": term,
        "expiry_date": expiry.isoformat() if expiry else None,
        "references": references,
        "clauses": gold_clauses,
        "notes": [
            f"generated: seed {seed} index {index}; {fmt}; komparisi {style}; dates {date_mode}; term {term_mode}; clause numbers {num_style}"
        ],
    }
    return doc


def signer_name(p: Party) -> str:
    return p.person.written


def term_sentence(
    rng: random.Random,
    language: str,
    doc_word: str,
    term: dict[str, int] | None,
    start: date | None,
    end: date | None,
) -> str:
    en = language == "en"
    if term is None and end is not None:
        if en:
            return f"This {doc_word} shall enter into force on the date of signing and shall remain in force until {end.day} {vocab.EN_MONTHS[end.month - 1]} {end.year}."
        return f"(1) {doc_word} ini berlaku sejak tanggal ditandatangani sampai dengan tanggal {id_date(end)}."
    if term is None:
        return (
            "This Addendum shall enter into force on the date of its signing."
            if en
            else f"(1) {doc_word} ini mulai berlaku sejak tanggal ditandatangani oleh PARA PIHAK."
        )
    n, unit_id, unit_en = (
        (term["years"], "tahun", "years") if term["years"] else (term["months"], "bulan", "months")
    )
    if en:
        words = vocab.en_words(n)
        since = (
            f"from {start.day} {vocab.EN_MONTHS[start.month - 1]} {start.year}"
            if start
            else "from the date of signing"
        )
        return rng.choice(
            (
                f"This {doc_word} shall be valid for a period of {words} ({n}) {unit_en} {since}.",
                f"This {doc_word} shall remain in force for {n} ({words}) {unit_en} {since} and may be extended by mutual agreement.",
            )
        )
    words = vocab.id_words(n)
    since = (
        f"terhitung mulai tanggal {id_date(start)}"
        if start
        else rng.choice(
            (
                "terhitung sejak tanggal ditandatangani",
                "sejak tanggal ditandatanganinya " + doc_word + " ini",
            )
        )
    )
    return rng.choice(
        (
            f"(1) {doc_word} ini berlaku untuk jangka waktu {n} ({words}) {unit_id} {since}.",
            f"(1) Jangka waktu {doc_word} ini adalah selama {n} ({words}) {unit_id} {since}.",
        )
    )


def clause_lines(style: str, n: int, heading: str, language: str) -> list[str]:
    word = "Pasal" if language == "id" else "Article"
    if style == "A":
        return [f"{word} {n}", heading]
    if style == "B":
        return [f"{word.upper()} {n}", heading.upper()]
    if style == "C":
        return [f"{word.upper()} {n} - {heading.upper()}"]
    if style == "D":
        return [f"{word} {vocab.ROMAN[n]}", heading]
    return [heading.upper(), f"{word} {n}"]
