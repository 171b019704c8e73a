"""A scanned page whose body runs in two columns is read column by column (issue #12: scans).

Pages are typeset with reportlab the ways agreements set them (one column; a full-width
title over a two-column body; Indonesian and English side by side; a komparisi of label
rows; a signature block of two short columns) and rendered as a scanner sees them. The
layout finder must split only the two-column bodies, and OCR of a two-column scan must find
every clause in order: read line by line, its lines are half one clause and half another.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ingest import extract_bytes
from ingest.ocr.columns import reading_blocks
from ingest.ocr.render import render_page

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=11, leading=14, alignment=4)
HEAD = ParagraphStyle("head", fontName="Times-Bold", fontSize=11, leading=14, alignment=1)

CLAUSES_ID = (
    (
        "MAKSUD DAN TUJUAN",
        "Kesepakatan ini dimaksudkan sebagai pedoman bagi PARA PIHAK dalam "
        "melaksanakan kerja sama untuk meningkatkan mutu pelayanan publik di daerah.",
    ),
    (
        "RUANG LINGKUP",
        "Ruang lingkup kerja sama meliputi pendidikan dan pelatihan aparatur, "
        "penelitian terapan, pengabdian kepada masyarakat dan pertukaran data.",
    ),
    (
        "PELAKSANAAN",
        "Pelaksanaan kerja sama dituangkan dalam perjanjian kerja sama yang "
        "disusun oleh perangkat daerah terkait bersama unit kerja PIHAK KEDUA.",
    ),
    (
        "PEMBIAYAAN",
        "Biaya pelaksanaan kerja sama dibebankan kepada anggaran masing-masing "
        "pihak sesuai dengan ketentuan peraturan perundang-undangan yang berlaku.",
    ),
    (
        "JANGKA WAKTU",
        "Kesepakatan ini berlaku untuk jangka waktu 5 (lima) tahun terhitung "
        "sejak tanggal ditandatangani dan dapat diperpanjang atas kesepakatan.",
    ),
    (
        "PENYELESAIAN PERSELISIHAN",
        "Perselisihan yang timbul diselesaikan secara "
        "musyawarah untuk mencapai mufakat oleh PARA PIHAK dengan itikad baik.",
    ),
)
CLAUSES_EN = (
    (
        "PURPOSE",
        "This agreement serves as a guideline for THE PARTIES in carrying out "
        "cooperation to improve the quality of public services in the region.",
    ),
    (
        "SCOPE",
        "The scope of cooperation covers education and training of civil servants, "
        "applied research, community service and the exchange of data.",
    ),
    (
        "IMPLEMENTATION",
        "The cooperation is carried out through cooperation agreements drawn "
        "up by the regional offices concerned together with the SECOND PARTY.",
    ),
    (
        "FUNDING",
        "The costs of the cooperation are borne by the budget of each party in "
        "accordance with the laws and regulations in force.",
    ),
    (
        "TERM",
        "This agreement is valid for a period of 5 (five) years from the date of "
        "signing and may be extended by agreement of the parties.",
    ),
    (
        "DISPUTES",
        "Any dispute arising is settled amicably by deliberation to reach "
        "consensus between THE PARTIES in good faith.",
    ),
)


def _clauses(word: str, clauses: tuple[tuple[str, str], ...]) -> list[Flowable]:
    out: list[Flowable] = []
    for number, (heading, text) in enumerate(clauses, start=1):
        out += [Paragraph(f"{word} {number}", HEAD), Paragraph(heading, HEAD)]
        out += [Paragraph(f"({k}) {text}", BODY) for k in (1, 2)]
        out.append(Spacer(1, 6))
    return out


def _title() -> list[Flowable]:
    return [
        Paragraph("KESEPAKATAN BERSAMA", HEAD),
        Paragraph("ANTARA PEMERINTAH KABUPATEN GOWA DAN UNIVERSITAS HASANUDDIN", HEAD),
        Paragraph("TENTANG KERJA SAMA PENYELENGGARAAN PEMERINTAHAN DAERAH", HEAD),
        Spacer(1, 12),
    ]


def _pdf(story: list[Flowable], *, columns: int) -> bytes:
    """One A4 page: a full-width frame on top, then `columns` frames (a 0.8 cm gutter)."""
    out = io.BytesIO()
    margin = 2 * cm
    width = A4[0] - 2 * margin
    top_h = 3.2 * cm
    body_h = A4[1] - 2 * margin - top_h
    col_w = (width - 0.8 * cm) / columns
    frames = [Frame(margin, A4[1] - margin - top_h, width, top_h, id="top")]
    frames += [
        Frame(margin + k * (col_w + 0.8 * cm), margin, col_w, body_h, id=f"c{k}")
        for k in range(columns)
    ]
    doc = BaseDocTemplate(out, pagesize=A4, pageTemplates=[PageTemplate("p", frames)])
    doc.build(story)
    return out.getvalue()


def _scan(pdf: bytes, dpi: int = 200) -> Image.Image:
    return render_page(pdf, "page.pdf", 1, dpi=dpi).convert("L")


def _two_column_pdf() -> bytes:
    return _pdf([*_title(), FrameBreak(), *_clauses("Pasal", CLAUSES_ID)], columns=2)


def _bilingual_pdf() -> bytes:
    left = _clauses("Pasal", CLAUSES_ID[:4])
    right = _clauses("Article", CLAUSES_EN[:4])
    return _pdf([*_title(), FrameBreak(), *left, FrameBreak(), *right], columns=2)


def _one_column_pdf() -> bytes:
    return _pdf([*_title(), FrameBreak(), *_clauses("Pasal", CLAUSES_ID[:4])], columns=1)


def _komparisi_pdf() -> bytes:
    rows = []
    for label, value in (
        ("Nama", "Dr. H. Adnan Purichta Ichsan, S.H., M.H."),
        ("Jabatan", "Bupati Gowa"),
        ("Alamat", "Jalan Masjid Raya Nomor 38, Sungguminasa, Kabupaten Gowa"),
        ("Nama", "Prof. Dr. Ir. Jamaluddin Jompa, M.Sc."),
        ("Jabatan", "Rektor Universitas Hasanuddin"),
        ("Alamat", "Jalan Perintis Kemerdekaan Km. 10, Makassar"),
    ) * 3:
        rows.append([Paragraph(label, BODY), Paragraph(":", BODY), Paragraph(value, BODY)])
    table = Table(rows, colWidths=[3 * cm, 0.5 * cm, 12 * cm])
    return _pdf([*_title(), FrameBreak(), table], columns=1)


def _contact_table_pdf() -> bytes:
    """Addresses for notices as a table: labels and colons in a wide column, a wide gap."""
    rows = []
    for label, value in (
        ("Nama Instansi", "Pemerintah Kabupaten Gowa"),
        ("Alamat", "Jalan Masjid Raya Nomor 38, Sungguminasa, Kecamatan Somba Opu"),
        ("Telepon/Faks", "0411-861142"),
        ("Narahubung", "Kepala Bagian Kerja Sama"),
        ("Pos-el", "kerjasama@gowakab.go.id"),
        ("Nama Instansi", "Universitas Hasanuddin"),
        ("Alamat", "Jalan Perintis Kemerdekaan Km. 10, Tamalanrea, Kota Makassar"),
        ("Telepon/Faks", "0411-586200"),
        ("Narahubung", "Direktur Kemitraan"),
        ("Pos-el", "kemitraan@unhas.ac.id"),
    ) * 2:
        rows.append([Paragraph(label, BODY), Paragraph(":", BODY), Paragraph(value, BODY)])
    table = Table(rows, colWidths=[5 * cm, 1.6 * cm, 9 * cm])
    return _pdf([*_title(), FrameBreak(), table], columns=1)


def _signatures_pdf() -> bytes:
    left = ["PIHAK PERTAMA,", "BUPATI GOWA,", "", "", "ADNAN PURICHTA ICHSAN"]
    right = ["PIHAK KEDUA,", "REKTOR UNIVERSITAS HASANUDDIN,", "", "", "JAMALUDDIN JOMPA"]
    table = Table(
        [[Paragraph(a, HEAD), Paragraph(b, HEAD)] for a, b in zip(left, right, strict=True)],
        colWidths=[8 * cm, 8 * cm],
    )
    story = [*_title(), FrameBreak(), *_clauses("Pasal", CLAUSES_ID[4:]), Spacer(1, 20), table]
    return _pdf(story, columns=1)


def test_a_two_column_body_under_a_full_width_title_is_read_title_left_right() -> None:
    page = _scan(_two_column_pdf())
    blocks = reading_blocks(page)
    assert len(blocks) == 3, blocks
    title, left, right = blocks
    assert title[1] == 0 and title[2] == page.width  # the title spans the page, on top
    assert left[1] == right[1] >= title[3] - 2  # both columns start under the title
    assert left[0] == 0 and left[2] == right[0] and right[2] == page.width
    assert page.width * 0.4 < left[2] < page.width * 0.6  # split in the gutter


def test_indonesian_and_english_side_by_side_are_split() -> None:
    assert len(reading_blocks(_scan(_bilingual_pdf(), dpi=150))) == 3


@pytest.mark.parametrize(
    "make",
    [_one_column_pdf, _komparisi_pdf, _contact_table_pdf, _signatures_pdf],
    ids=lambda f: f.__name__[1:-4],
)
def test_one_column_pages_label_rows_and_signature_columns_are_read_whole(make) -> None:  # noqa: ANN001
    page = _scan(make())
    assert reading_blocks(page) == [(0, 0, page.width, page.height)]


def test_a_blank_page_is_one_block() -> None:
    page = Image.new("L", (1654, 2339), 255)
    assert reading_blocks(page) == [(0, 0, 1654, 2339)]


def _as_scan_pdf(page: Image.Image) -> bytes:
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=200)
    return out.getvalue()


@pytest.mark.ocr
def test_a_two_column_scan_gives_every_clause_in_order_with_its_heading() -> None:
    agreement = extract_bytes(_as_scan_pdf(_scan(_two_column_pdf())), "dua-kolom.pdf")
    found = [(c.number, (c.heading or "").upper()) for c in agreement.clauses]
    want = [(str(n), heading) for n, (heading, _) in enumerate(CLAUSES_ID, start=1)]
    assert found == want
    term = next(c for c in agreement.clauses if c.number == "5")
    assert "5 (lima) tahun" in term.text
