"""A bilingual agreement laid out side by side in a Word table (DOMAIN 4.15): Indonesian left,
English right, row by row. Read row by row, the versions interleave sentence by sentence; the
reader gives the Indonesian column whole, then the English one."""

from __future__ import annotations

import io
import textwrap

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest import extract_bytes
from ingest.readers import read
from ingest.readers.columns import Piece, column_lines, interleaved

ROWS = (
    (
        "NOTA KESEPAHAMAN\nANTARA\nPEMERINTAH KABUPATEN GOWA\nDAN\nKOTA KITAKYUSHU\nTENTANG\n"
        "KERJA SAMA PENGELOLAAN LINGKUNGAN HIDUP",
        "MEMORANDUM OF UNDERSTANDING\nBETWEEN\nTHE GOVERNMENT OF GOWA REGENCY\nAND\n"
        "THE CITY OF KITAKYUSHU\nON\nCOOPERATION IN ENVIRONMENTAL MANAGEMENT",
    ),
    ("Nomor: 050/77/HUMKER/VI/2021", "Number: 050/77/HUMKER/VI/2021"),
    (
        "Pada hari ini Senin tanggal empat belas bulan Juni tahun dua ribu dua puluh satu, "
        "bertempat di Sungguminasa, yang bertanda tangan di bawah ini:",
        "On this Monday, the fourteenth day of June in the year two thousand and twenty-one, "
        "in Sungguminasa, the undersigned:",
    ),
    (
        "1. Adnan Purichta Contoh, Bupati Gowa, dalam hal ini bertindak untuk dan atas nama "
        "Pemerintah Kabupaten Gowa, selanjutnya disebut PIHAK PERTAMA.",
        "1. Adnan Purichta Contoh, Regent of Gowa, acting for and on behalf of the Government "
        "of Gowa Regency, hereinafter referred to as the FIRST PARTY.",
    ),
    (
        "2. Kenji Contoh, Wali Kota Kitakyushu, dalam hal ini bertindak untuk dan atas nama "
        "Kota Kitakyushu, selanjutnya disebut PIHAK KEDUA.",
        "2. Kenji Contoh, Mayor of Kitakyushu, acting for and on behalf of the City of "
        "Kitakyushu, hereinafter referred to as the SECOND PARTY.",
    ),
    (
        "PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK, sepakat sebagai "
        "berikut:",
        "The FIRST PARTY and the SECOND PARTY, together the PARTIES, agree as follows:",
    ),
    (
        "Pasal 1\nMAKSUD DAN TUJUAN\nNota Kesepahaman ini dimaksudkan sebagai landasan kerja "
        "sama pengelolaan lingkungan hidup.",
        "Article 1\nPURPOSE\nThis Memorandum of Understanding is intended as the basis of "
        "cooperation in environmental management.",
    ),
    (
        "Pasal 2\nJANGKA WAKTU\nNota Kesepahaman ini berlaku selama 3 (tiga) tahun sejak "
        "ditandatangani.",
        "Article 2\nDURATION\nThis Memorandum of Understanding is valid for 3 (three) years "
        "from its signing.",
    ),
)


def _table_docx(rows: tuple[tuple[str, str], ...]) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=2)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            first, *rest = text.split("\n")
            cell.paragraphs[0].text = first
            for line in rest:
                cell.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_side_by_side_bilingual_agreement_is_read_once_in_indonesian() -> None:
    agreement = extract_bytes(_table_docx(ROWS), "mou-gowa-kitakyushu.docx")
    assert agreement.language == "id"
    assert agreement.title.startswith("NOTA KESEPAHAMAN ANTARA PEMERINTAH KABUPATEN GOWA")
    assert agreement.numbers == ["050/77/HUMKER/VI/2021"]
    assert [(p.role, p.name, p.representative, p.position) for p in agreement.parties] == [
        ("PIHAK PERTAMA", "Pemerintah Kabupaten Gowa", "Adnan Purichta Contoh", "Bupati Gowa"),
        ("PIHAK KEDUA", "Kota Kitakyushu", "Kenji Contoh", "Wali Kota Kitakyushu"),
    ]
    assert [(c.number, c.heading) for c in agreement.clauses] == [
        ("1", "MAKSUD DAN TUJUAN"),
        ("2", "JANGKA WAKTU"),
    ]
    assert agreement.signed_date is not None and agreement.signed_date.isoformat() == "2021-06-14"
    assert agreement.term is not None and agreement.term.years == 3


def test_the_english_column_comes_after_the_whole_indonesian_one() -> None:
    # English left this time: the Indonesian version is still read first
    swapped = tuple((en, id_) for id_, en in ROWS)
    lines = [line for line in read(_table_docx(swapped), "x.docx").pages[0].lines if line]
    assert lines[0] == "NOTA KESEPAHAMAN"
    assert lines.index("Pasal 2") < lines.index("MEMORANDUM OF UNDERSTANDING")


def test_a_two_column_table_in_one_language_is_read_row_by_row() -> None:
    rows = tuple(
        (f"PIHAK PERTAMA menyediakan tempat praktik nomor {i} bagi siswa.", f"PIHAK KEDUA "
         f"mengirim siswa ke tempat praktik nomor {i} sesuai jadwal yang disepakati.")
        for i in range(1, 6)
    )  # fmt: skip
    lines = [line for line in read(_table_docx(rows), "x.docx").pages[0].lines if line]
    # each row one line, cells joined by a tab, rows in order (the reader's usual rendering)
    assert lines == ["\t".join(row) for row in rows]


def _paragraphs_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_english_first_then_indonesian_takes_the_indonesian_title_and_clauses() -> None:
    # 'one after the other': the whole English version, then the whole Indonesian one
    english = [line for en in (r[1] for r in ROWS) for line in en.split("\n")]
    indonesian = [line for id_ in (r[0] for r in ROWS) for line in id_.split("\n")]
    agreement = extract_bytes(_paragraphs_docx([*english, "", *indonesian]), "en-id.docx")
    assert agreement.language == "id"
    assert agreement.title.startswith("NOTA KESEPAHAMAN ANTARA PEMERINTAH KABUPATEN GOWA")
    assert agreement.subject == "KERJA SAMA PENGELOLAAN LINGKUNGAN HIDUP"
    assert agreement.numbers == ["050/77/HUMKER/VI/2021"]
    assert [p.representative for p in agreement.parties] == [
        "Adnan Purichta Contoh",
        "Kenji Contoh",
    ]
    assert [(c.number, c.heading) for c in agreement.clauses] == [
        ("1", "MAKSUD DAN TUJUAN"),
        ("2", "JANGKA WAKTU"),
    ]


def _side_by_side_pdf(rows: tuple[tuple[str, str], ...]) -> bytes:
    """Each row's versions in two columns, wrapped at 48 characters, as a layout program
    sets a bilingual agreement."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("Helvetica", 8)
    y = A4[1] - 60
    for left_text, right_text in rows:
        left = [w for para in left_text.split("\n") for w in textwrap.wrap(para, 48)]
        right = [w for para in right_text.split("\n") for w in textwrap.wrap(para, 48)]
        for k in range(max(len(left), len(right))):
            if k < len(left):
                pdf.drawString(40, y, left[k])
            if k < len(right):
                pdf.drawString(310, y, right[k])
            y -= 11
        y -= 6
    pdf.save()
    return out.getvalue()


def test_a_side_by_side_bilingual_pdf_is_read_once_in_indonesian() -> None:
    for rows in (ROWS, tuple((en, id_) for id_, en in ROWS)):  # Indonesian left, then right
        agreement = extract_bytes(_side_by_side_pdf(rows), "mou-gowa-kitakyushu.pdf")
        assert agreement.title.startswith("NOTA KESEPAHAMAN ANTARA PEMERINTAH KABUPATEN GOWA")
        assert agreement.numbers == ["050/77/HUMKER/VI/2021"]
        assert [(p.representative, p.position) for p in agreement.parties] == [
            ("Adnan Purichta Contoh", "Bupati Gowa"),
            ("Kenji Contoh", "Wali Kota Kitakyushu"),
        ]
        assert [(c.number, c.heading) for c in agreement.clauses] == [
            ("1", "MAKSUD DAN TUJUAN"),
            ("2", "JANGKA WAKTU"),
        ]


def test_interleaving_needs_many_lines_switching_language() -> None:
    pairs = ["Pihak yang bertanda tangan dan para pihak", "The parties and the undersigned"] * 5
    assert interleaved(pairs)
    quote = ["Para pihak sepakat dan setuju bahwa yang tersebut"] * 9 + ["the party of the first"]
    assert not interleaved(quote)  # one English line in Indonesian text is a quotation
    assert not interleaved(pairs[:6])  # too few lines to tell


def test_pieces_in_one_column_are_no_columns() -> None:
    pieces = [Piece(40, 800 - 11 * i, f"baris {i} dan seterusnya") for i in range(20)]
    assert column_lines(pieces, 595) is None
