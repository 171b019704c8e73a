"""Write the small reader samples in tests/ingest/samples/ (run: python tests/ingest/make_samples.py).

Each sample shows one thing the readers must get right; the expected text lives in
tests/ingest/expected/<sample>.txt (reader output) and <sample>.clean.txt (after clean-up).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.table import Table
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

SAMPLES = Path(__file__).parent / "samples"

_TEXT_BOX_RUN = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>Catatan dalam kotak teks</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>Catatan dalam kotak teks</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""
_REVISIONS = """
<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:r><w:t xml:space="preserve">Jangka waktu </w:t></w:r>
  <w:del w:id="1" w:author="a"><w:r><w:delText>3 (tiga)</w:delText></w:r></w:del>
  <w:ins w:id="2" w:author="a"><w:r><w:t>5 (lima)</w:t></w:r></w:ins>
  <w:r><w:t xml:space="preserve"> tahun.</w:t></w:r>
</w:p>
"""
_CONTENT_CONTROL = """
<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:sdtContent><w:p><w:r><w:t>Isi kontrol konten</w:t></w:r></w:p></w:sdtContent>
</w:sdt>
"""


def paragraphs_docx(path: Path) -> None:
    """Paragraphs, blank runs, soft breaks, tabs, a text box, tracked changes, a content control."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "KOP SURAT (header, not read)"
    document.sections[0].footer.paragraphs[0].text = "Paraf PIHAK I | PIHAK II (footer, not read)"
    for line in ("PERJANJIAN KERJA SAMA", "ANTARA", "PEMERINTAH KABUPATEN CONTOH", "DENGAN"):
        document.add_paragraph(line)
    document.add_paragraph("UNIVERSITAS CONTOH").add_run().add_break()
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_paragraph("")
    document.add_paragraph("Pasal 1")
    heading = document.add_paragraph("MAKSUD DAN TUJUAN")
    heading._p.append(parse_xml(_TEXT_BOX_RUN))
    ayat = document.add_paragraph("(1) Maksud kerja sama ini adalah")
    ayat.add_run().add_break()
    ayat.add_run("pengembangan sumber daya manusia;   ")
    document.add_paragraph("Nama\t\t:\u00a0Dr. Contoh")
    document.element.body.insert(-1, parse_xml(_REVISIONS))
    document.element.body.insert(-1, parse_xml(_CONTENT_CONTROL))
    document.save(str(path))


def _fill(table: Table, rows: list[list[str]]) -> None:
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)


def komparisi_docx(path: Path) -> None:
    """A Nama/Jabatan/Alamat table (one long address) and a two-column signature table."""
    document = docx.Document()
    document.add_paragraph("Yang bertanda tangan di bawah ini:")
    address = (
        "Jalan Contoh Raya Nomor 1, Kelurahan Contoh, Kecamatan Contoh, "
        "Kabupaten Contoh, Provinsi Contoh"
    )
    komparisi = document.add_table(rows=3, cols=3)
    _fill(
        komparisi,
        [
            ["Nama", ":", "Dr. H. Andi Contoh, S.H."],
            ["Jabatan", ":", "Bupati Contoh"],
            ["Alamat", ":", address],
        ],
    )
    document.add_paragraph("selanjutnya disebut PIHAK PERTAMA.")
    signatures = document.add_table(rows=3, cols=2)
    _fill(
        signatures,
        [
            ["PIHAK PERTAMA,", "PIHAK KEDUA,"],
            ["", ""],
            [
                "BUPATI CONTOH,\n\nANDI CONTOH",
                "REKTOR,\n\nProf. Dr. CONTOH, M.T.\nNIP 19650101 199003 1 001",
            ],
        ],
    )
    document.save(str(path))


def merged_cells_docx(path: Path) -> None:
    """A header cell spanning three columns and a cell merged down two rows."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    top = table.cell(0, 0).merge(table.cell(0, 2))
    top.text = "RENCANA KERJA"
    left = table.cell(1, 0).merge(table.cell(2, 0))
    left.text = "Tahun 2024"
    table.cell(1, 1).text = "Magang"
    table.cell(1, 2).text = "Januari"
    table.cell(2, 1).text = "Pelatihan"
    table.cell(2, 2).text = "Maret"
    document.save(str(path))


def nested_table_docx(path: Path) -> None:
    """An outer two-column layout table whose left cell holds a table of its own."""
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    left, right = outer.cell(0, 0), outer.cell(0, 1)
    left.paragraphs[0].text = "PIHAK PERTAMA"
    inner = left.add_table(rows=2, cols=3)
    _fill(inner, [["Nama", ":", "Andi Contoh"], ["Jabatan", ":", "Bupati"]])
    left.add_paragraph("Pemerintah Kabupaten Contoh")
    right.paragraphs[0].text = "FIRST PARTY"
    right.add_paragraph("Government of Contoh Regency")
    document.save(str(path))


_AGREEMENT_PAGES = [
    [
        "PERJANJIAN KERJA SAMA",
        "ANTARA PEMERINTAH KABUPATEN CONTOH DAN UNIVERSITAS CONTOH",
        "NOMOR : 119/123/HUMKER/IX/2018",
        "",
        "Pasal 1",
        "MAKSUD DAN TUJUAN",
        "(1) Maksud Perjanjian ini adalah pelak-",
        "sanaan kerja sama pendidikan oleh masing-",
        "masing pihak sesuai peraturan perundang-",
        "undangan yang berlaku.",
    ],
    [
        "Pasal 2",
        "RUANG LINGKUP",
        "Ruang lingkup meliputi magang dan penelitian bersama yang dilaksana-",
        "kan PARA PIHAK.",
        "SALINAN",
        "(2) Ketentuan Undang-",
        "Undang Nomor 23 Tahun 2014 tetap berlaku.",
    ],
    [
        "Pasal 3",
        "JANGKA WAKTU",
        "Perjanjian ini berlaku selama 5 (lima) tahun sejak tanggal ditanda-",
    ],
    [
        "tangani oleh PARA PIHAK.",
        "",
        "PIHAK PERTAMA, PIHAK KEDUA,",
    ],
]


def agreement_pdf(path: Path) -> None:
    """Four pages with a running header, page numbers, paraf boxes and hyphenated words."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number, lines in enumerate(_AGREEMENT_PAGES, start=1):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(72, height - 40, "PKS Pemkab Contoh - Universitas Contoh")
        canvas.setFont("Helvetica", 11)
        y = height - 90
        for line in lines:
            canvas.drawString(72, y, line)
            y -= 16
        canvas.setFont("Helvetica", 9)
        canvas.drawString(72, 60, "Paraf PIHAK I | PIHAK II")
        canvas.drawCentredString(width / 2, 40, f"- {number} -")
        canvas.showPage()
    canvas.save()


def scan_pdf(path: Path) -> None:
    """A page with text, then a page with only a picture-like rectangle (no text layer)."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(72, 760, "Halaman dengan teks")
    canvas.showPage()
    canvas.rect(72, 300, 400, 400, fill=1)
    canvas.showPage()
    canvas.save()


BUILDERS: dict[str, Callable[[Path], None]] = {
    "paragraphs.docx": paragraphs_docx,
    "komparisi.docx": komparisi_docx,
    "merged_cells.docx": merged_cells_docx,
    "nested_table.docx": nested_table_docx,
    "agreement.pdf": agreement_pdf,
    "scan.pdf": scan_pdf,
}


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    for name, build in BUILDERS.items():
        build(SAMPLES / name)


if __name__ == "__main__":
    main()
