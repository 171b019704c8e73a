"""Two files of one agreement, as an office has them: the draft in Word, with the signing date
left blank, and the signed copy as a PDF (a text layer, or a scan without one), with the date
and place filled in. Written by the tests that need them (python-docx, reportlab, Pillow)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

TITLE = (
    "PERJANJIAN KERJA SAMA",
    "ANTARA",
    "PEMERINTAH KABUPATEN GOWA",
    "DENGAN",
    "POLITEKNIK PERTANIAN PANGKAJENE",
    "TENTANG",
    "PENGEMBANGAN SUMBER DAYA MANUSIA BIDANG PERTANIAN",
)
NUMBERS = ("Nomor: 074/{serial}/BAG.KS/VIII/2024", "Nomor: 15/PL22/KS/2024")
DRAFT_OPENING = (
    "Pada hari ini ........ tanggal ........ bulan ........ tahun dua ribu dua puluh empat, "
    "kami yang bertanda tangan di bawah ini:"
)
SIGNED_OPENING = (
    "Pada hari ini Senin tanggal lima bulan Agustus tahun dua ribu dua puluh empat, "
    "bertempat di Sungguminasa, kami yang bertanda tangan di bawah ini:"
)
PARTIES = (
    "1. ADNAN PURICHTA ICHSAN, Bupati Gowa, dalam hal ini bertindak untuk dan atas nama "
    "Pemerintah Kabupaten Gowa, selanjutnya disebut PIHAK PERTAMA.",
    "2. DARMAWAN, Direktur Politeknik Pertanian Pangkajene, dalam hal ini bertindak untuk dan "
    "atas nama Politeknik Pertanian Pangkajene, selanjutnya disebut PIHAK KEDUA.",
)
CLAUSES = (
    ("Pasal 1", "MAKSUD DAN TUJUAN"),
    (
        "Maksud Perjanjian ini adalah sebagai pedoman bagi PARA PIHAK dalam melaksanakan "
        "pengembangan sumber daya manusia bidang pertanian.",
    ),
    ("Pasal 2", "RUANG LINGKUP"),
    (
        "Ruang lingkup Perjanjian ini meliputi pelatihan penyuluh pertanian dan praktik kerja "
        "lapangan mahasiswa di balai benih milik PIHAK PERTAMA.",
        "PIHAK KEDUA berkewajiban menyediakan dosen pembimbing dan menyusun laporan kegiatan "
        "setiap semester kepada PIHAK PERTAMA.",
    ),
    ("Pasal 3", "JANGKA WAKTU"),
    (
        "Perjanjian ini berlaku selama 3 (tiga) tahun sejak tanggal ditandatangani dan dapat "
        "diperpanjang atas kesepakatan PARA PIHAK.",
    ),
    ("Pasal 4", "PENYELESAIAN PERSELISIHAN"),
    (
        "Perselisihan yang timbul diselesaikan secara musyawarah untuk mufakat, dan apabila "
        "tidak tercapai diselesaikan melalui Pengadilan Negeri Sungguminasa.",
    ),
)
SIGNATURES = ("PIHAK PERTAMA,    PIHAK KEDUA,", "ADNAN PURICHTA ICHSAN    DARMAWAN")


def lines(*, signed: bool, serial: int = 112) -> list[str]:
    """The agreement's lines; `serial` makes another agreement of the same kind (its number)."""
    numbers = [n.format(serial=serial) for n in NUMBERS]
    out = [*TITLE, *numbers, "", SIGNED_OPENING if signed else DRAFT_OPENING, *PARTIES, ""]
    for block in CLAUSES:
        out.extend(block)
    return [*out, "", *SIGNATURES]


def draft_docx(path: Path, serial: int = 112) -> Path:
    document = docx.Document()
    for line in lines(signed=False, serial=serial):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _wrapped(text: str, width: int) -> list[str]:
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*out, line] if line else out


def signed_pdf(path: Path, serial: int = 112) -> Path:
    """The signed copy with a text layer."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    _, height = A4
    y = height - 60
    canvas.setFont("Helvetica", 10)
    for line in lines(signed=True, serial=serial):
        for part in _wrapped(line, 95) or [""]:
            if y < 60:
                canvas.showPage()
                canvas.setFont("Helvetica", 10)
                y = height - 60
            canvas.drawString(60, y, part)
            y -= 14
    canvas.save()
    return path


def signed_scan(path: Path, serial: int = 112) -> Path:
    """The signed copy as a scan: page images without a text layer (read by OCR)."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 30)
    pages: list[Image.Image] = []
    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(page)
    y = 120
    for line in lines(signed=True, serial=serial):
        for part in _wrapped(line, 80) or [""]:
            if y > 2339 - 160:
                pages.append(page)
                page = Image.new("L", (1654, 2339), 255)
                draw = ImageDraw.Draw(page)
                y = 120
            draw.text((120, y), part, font=font, fill=0)
            y += 44
    pages.append(page)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for image in pages:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        buffer.seek(0)
        canvas.drawImage(ImageReader(buffer), 0, 0, width=width, height=height)
        canvas.showPage()
    canvas.save()
    return path


def cover_letter() -> bytes:
    """What lands in the upload folder beside the agreement: the letter that sent it."""
    document = docx.Document()
    document.add_paragraph("SURAT PENGANTAR")
    document.add_paragraph("Yth. Kepala Bagian Kerja Sama")
    document.add_paragraph(
        "Dengan hormat, bersama ini kami sampaikan draf naskah kerja sama bidang pendidikan "
        "untuk ditelaah dan diberi paraf sebelum ditandatangani oleh pimpinan masing-masing."
    )
    document.add_paragraph(
        "Atas perhatian dan kerja sama Bapak/Ibu kami ucapkan terima kasih. Mohon tanggapan "
        "dapat dikirim melalui surat elektronik kepada sekretariat."
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
