"""A komparisi set as two columns ('LABEL : description') whose label wraps: OCR reads it
line by line, and ingest/ocr/layout.py puts the label back together by the words' x
positions. Real Tesseract on a page rendered as a scanner would see it, plus the layout
rules on hand-placed words."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ingest import extract_bytes
from ingest.ocr.layout import Line, Word, join_label_columns
from ingest.ocr.render import render_page

# (list number, label lines, description lines): the label column is 150 pt wide, the
# description starts after a colon column, as in a Word table without borders.
ENTRIES = (
    (
        "1.",
        ("DINAS PENDIDIKAN", "KABUPATEN GOWA"),
        (
            "Perangkat daerah Pemerintah Kabupaten Gowa, dalam hal",
            "ini diwakili oleh Andi Baso Contoh, S.STP.",
            "selaku Kepala Dinas Pendidikan Kabupaten Gowa,",
            "bertindak untuk dan atas nama Pemerintah Kabupaten",
            "Gowa, selanjutnya disebut “PIHAK PERTAMA”.",
        ),
    ),
    (
        "2.",
        ("POLITEKNIK NEGERI", "UJUNG PANDANG"),
        (
            "Perguruan tinggi negeri yang berkedudukan di Makassar,",
            "dalam hal ini diwakili oleh Dr. Ir. Muh. Contoh, M.T.",
            "selaku Direktur Politeknik Negeri Ujung Pandang,",
            "selanjutnya disebut “PIHAK KEDUA”.",
        ),
    ),
)


def _komparisi_scan() -> bytes:
    """A one-page image-only PDF: title, opening, the two-column komparisi, one Pasal."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 80
    for line in ("PERJANJIAN KERJA SAMA", "NOMOR: 07/PKS/DISDIK/2024"):
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawCentredString(A4[0] / 2, y, line)
        y -= 22
    pdf.setFont("Helvetica", 10.5)
    pdf.drawString(
        60, y, "Pada hari ini Senin tanggal 4 Maret 2024, yang bertanda tangan di bawah ini:"
    )
    y -= 26
    for number, labels, description in ENTRIES:
        pdf.drawString(60, y, number)
        pdf.drawString(230, y, ":")
        for k in range(max(len(labels), len(description))):
            if k < len(labels):
                pdf.drawString(78, y, labels[k])
            if k < len(description):
                pdf.drawString(245, y, description[k])
            y -= 16
        y -= 10
    pdf.drawString(60, y, "PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK.")
    y -= 30
    for line in ("Pasal 1", "RUANG LINGKUP", "Ruang lingkup kerja sama ini meliputi magang guru."):
        pdf.drawString(60, y, line)
        y -= 18
    pdf.save()
    image = render_page(out.getvalue(), "komparisi.pdf", 1, dpi=200)
    scan = io.BytesIO()
    pdf = canvas.Canvas(scan, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.save()
    return scan.getvalue()


@pytest.mark.ocr
def test_wrapped_labels_of_a_scanned_two_column_komparisi_name_the_parties() -> None:
    agreement = extract_bytes(_komparisi_scan(), "komparisi-scan.pdf")
    assert agreement.source.ocr
    # Names are kept as written (the schema's convention; the scorer folds case): the
    # label column is in capitals, so the name is too. What matters is that both wrapped
    # label lines are joined into one name.
    got = [(p.role, p.name.casefold(), p.representative) for p in agreement.parties]
    assert got == [
        ("PIHAK PERTAMA", "dinas pendidikan kabupaten gowa", "Andi Baso Contoh, S.STP."),
        ("PIHAK KEDUA", "politeknik negeri ujung pandang", "Dr. Ir. Muh. Contoh, M.T."),
    ]


# --- the rules, on words placed by hand (a 1000 px wide page: 20 px tolerance) --------------


def _line(*words: tuple[str, int], end: str = "\n") -> Line:
    placed = tuple(Word(text, left, left + 12 * len(text)) for text, left in words)
    return Line(" ".join(text for text, _ in words) + end, placed)


def test_a_wrapped_label_moves_before_the_colon() -> None:
    lines = [
        _line(
            ("1.", 50), ("BADAN", 80), ("USAHA", 160), (":", 400), ("Suatu", 420), ("badan", 500)
        ),
        _line(("MILIK", 80), ("DAERAH", 160), ("hukum", 421), ("publik", 500)),
        _line(("yang", 419), ("didirikan", 480), end="\n\n"),
        _line(("Selanjutnya", 50), ("PARA", 200), ("PIHAK", 260)),
    ]
    assert join_label_columns(lines, 1000) == (
        "1. BADAN USAHA MILIK DAERAH : Suatu badan\nhukum publik\nyang didirikan\n\n"
        "Selanjutnya PARA PIHAK\n"
    )


def test_a_table_whose_values_wrap_but_labels_do_not_is_left_as_read() -> None:
    lines = [
        _line(("Nama", 80), (":", 300), ("Andi", 320), ("Baso", 380)),
        _line(("Jabatan", 80), (":", 300), ("Kepala", 320), ("Dinas", 400)),
        _line(("Pendidikan", 321), ("Kabupaten", 450)),
    ]
    assert join_label_columns(lines, 1000) == "".join(line.text for line in lines)


def test_a_heading_under_a_table_and_a_colon_read_as_one_stay_where_they_are() -> None:
    lines = [
        _line(("Telp", 80), (":", 300), ("0411-123", 316)),
        _line(("PIHAK", 80), ("KEDUA:", 160)),  # a heading: nothing in the value column
        _line(("Up.", 80), (":", 300), ("Wakil", 316), ("Kepala", 400)),
        _line(("Telp", 80), ("1", 300), ("+62", 316), ("813", 380)),  # ':' read as '1'
    ]
    assert join_label_columns(lines, 1000) == "".join(line.text for line in lines)


def test_a_colon_in_running_prose_starts_no_block() -> None:
    lines = [
        _line(("sebagai", 50), ("berikut", 150), (":", 240), ("a.", 256), ("bahwa", 290)),
        _line(("PIHAK", 50), ("PERTAMA", 130), ("adalah", 256), ("badan", 330)),
    ]
    assert join_label_columns(lines, 1000) == "".join(line.text for line in lines)


@pytest.mark.ocr
def test_a_blank_page_reads_as_no_text_not_as_a_failure() -> None:
    # tesserocr raises 'No text returned' for the empty block of a blank page
    from PIL import Image

    from ingest.ocr.engine import Tesseract, find_tessdata

    with Tesseract("ind+eng", find_tessdata("ind+eng", None)) as tesseract:
        assert tesseract.recognise(Image.new("L", (1000, 1400), 255)) == ""
