"""A text layer written over a page scan by another program's OCR (a scanner's or Acrobat's
'Paper Capture') is repaired like our own OCR; a text PDF with a logo is left as it is."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ingest import pipeline
from ingest.readers import read

LINES = (
    "NOTA KESEPAHAMAN",
    "ANTARA",
    "PEMERINTAH KABUPATEN CONTOH",
    "DENG AN",
    "UNIVERSITAS CONTOH",
    "N om or : 12/NK/PEM/2024",
    "Pada hari ini Senin tanggal 5 Februari 2024 yang bertanda tangan di bawah ini:",
)


def _pdf(image_size: tuple[int, int], drawn: tuple[float, float, float, float]) -> bytes:
    """One A4 page: an image of `image_size` pixels drawn at (x, y, w, h) points, and the
    text lines over it in invisible text (render mode 3), as OCR sandwich PDFs are made."""
    out = BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    image = Image.new("L", image_size, 255)
    page.drawImage(ImageReader(image), *drawn)
    text = page.beginText(72, A4[1] - 90)
    text.setTextRenderMode(3)
    text.setFont("Helvetica", 11)
    for line in LINES:
        text.textLine(line)
    page.drawText(text)
    page.showPage()
    page.save()
    return out.getvalue()


def test_a_text_layer_over_a_page_scan_is_marked_and_its_ocr_slips_repaired(
    tmp_path: Path,
) -> None:
    data = _pdf((1654, 2339), (0, 0, A4[0], A4[1]))  # A4 at 200 dpi
    assert read(data, "sandwich.pdf").pages[0].scanned
    agreement = pipeline.extract(data, "sandwich.pdf", ocr=False)
    assert agreement.numbers == ["12/NK/PEM/2024"]
    assert "DENGAN" in agreement.title and "DENG AN" not in agreement.title


def test_a_text_pdf_with_a_logo_is_not_a_scan() -> None:
    data = _pdf((400, 400), (72, A4[1] - 150, 80, 80))
    page = read(data, "logo.pdf").pages[0]
    assert not page.scanned
    assert "N om or : 12/NK/PEM/2024" in page.lines


def test_a_text_pdf_with_a_wide_banner_is_not_a_scan() -> None:
    data = _pdf((2400, 300), (0, A4[1] - 80, A4[0], 80))  # a letterhead across the top
    assert not read(data, "banner.pdf").pages[0].scanned
