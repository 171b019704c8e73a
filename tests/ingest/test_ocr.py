"""OCR on real page images: corpus scans, image-only PDFs, PNG and TIFF uploads.

Every test here runs Tesseract for real (a page or two each, a few seconds in all); the
page images are made from a small reportlab agreement in a temporary folder.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ingest import extract_bytes
from ingest.errors import OcrUnavailable, UnsupportedLanguage
from ingest.limits import MAX_OCR_PIXELS
from ingest.model import MEDIA_PNG, MEDIA_TIFF
from ingest.ocr import needs_ocr, ocr_page_image
from ingest.ocr.render import render_page
from ingest.readers import read
from ingest.readers.pdf import ocr_sources

LINES = (
    "PERJANJIAN KERJA SAMA",
    "NOMOR: 12/PKS/SMKN6/2024",
    "Pada hari ini Senin tanggal 4 Maret 2024 kami yang bertanda tangan di bawah ini:",
    "Pasal 1",
    "RUANG LINGKUP",
    "Ruang lingkup kerja sama ini meliputi praktik kerja lapangan siswa.",
    "Pasal 2",
    "JANGKA WAKTU",
    "Perjanjian ini berlaku untuk jangka waktu 3 (tiga) tahun.",
)


def _text_pdf(lines: tuple[str, ...]) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 90
    for line in lines:
        pdf.setFont(
            "Helvetica-Bold" if line.isupper() or line.startswith("Pasal") else "Helvetica", 11
        )
        pdf.drawString(60, y, line)
        y -= 24
    pdf.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def page_image() -> Image.Image:
    """The agreement page, rendered at 200 dpi as a scanner would see it."""
    return render_page(_text_pdf(LINES), "agreement.pdf", 1, dpi=200)


def _image_bytes(images: list[Image.Image], fmt: str) -> bytes:
    out = io.BytesIO()
    images[0].save(out, format=fmt, save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()


def _image_pdf(image: Image.Image, *, hidden_text: tuple[str, ...] = ()) -> bytes:
    """A PDF whose page is `image`, with `hidden_text` as an invisible text layer."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    text = pdf.beginText(60, A4[1] - 90)
    text.setTextRenderMode(3)  # invisible, like a scanner's OCR layer
    for line in hidden_text:
        text.textLine(line)
    pdf.drawText(text)
    pdf.save()
    return out.getvalue()


@pytest.mark.ocr
def test_corpus_scan_page_reads_as_indonesian_agreement_text(corpus: Path) -> None:
    data = (corpus / "id-pks-dsaw-smkn6-batam-2021.pdf").read_bytes()
    image = render_page(data, "dsaw.pdf", 2, dpi=200)
    text = ocr_page_image(image)
    assert "Pasal" in text or "PASAL" in text
    assert "PIHAK KEDUA" in text


@pytest.mark.ocr
def test_image_only_pdf_reads_back_to_its_text_and_outline(page_image: Image.Image) -> None:
    agreement = extract_bytes(_image_pdf(page_image), "scan.pdf")
    assert agreement.source.ocr
    assert agreement.title == "PERJANJIAN KERJA SAMA"
    assert agreement.numbers == ["12/PKS/SMKN6/2024"]
    assert [(c.number, c.heading) for c in agreement.clauses] == [
        ("1", "RUANG LINGKUP"),
        ("2", "JANGKA WAKTU"),
    ]
    assert agreement.term is not None and agreement.term.years == 3


@pytest.mark.ocr
def test_png_upload_is_a_one_page_document(page_image: Image.Image) -> None:
    agreement = extract_bytes(_image_bytes([page_image], "PNG"), "halaman.png")
    assert agreement.source.media_type == MEDIA_PNG
    assert agreement.source.pages == 1
    assert agreement.source.ocr
    assert "praktik kerja lapangan" in agreement.text


@pytest.mark.ocr
def test_two_page_tiff_upload_is_a_two_page_document(page_image: Image.Image) -> None:
    second = render_page(
        _text_pdf(("Pasal 3", "PENUTUP", "Demikian perjanjian ini dibuat.")), "p2.pdf", 1, dpi=200
    )
    data = _image_bytes([page_image, second], "TIFF")
    raw = read(data, "pindaian.tiff")
    assert raw.media_type == MEDIA_TIFF
    assert raw.page_count == 2
    assert all(needs_ocr(page) for page in raw.pages)
    agreement = extract_bytes(data, "pindaian.tiff")
    assert [c.number for c in agreement.clauses] == ["1", "2", "3"]


@pytest.mark.ocr
def test_page_with_a_garbage_text_layer_is_detected_and_ocrd(page_image: Image.Image) -> None:
    # a broken font encoding: every letter shifted, as some scanners' PDFs come out
    garbage = tuple("".join(chr(ord(c) + 3) if c.isalpha() else c for c in line) for line in LINES)
    data = _image_pdf(page_image, hidden_text=garbage)
    [page] = read(data, "rusak.pdf").pages
    assert page.has_text_layer and needs_ocr(page)
    agreement = extract_bytes(data, "rusak.pdf")
    assert agreement.source.ocr
    assert "RUANG LINGKUP" in agreement.text
    assert "SHUMDQMLDQ" not in agreement.text


@pytest.mark.ocr
def test_ocr_reports_page_k_of_n_after_each_page(page_image: Image.Image) -> None:
    data = _image_bytes([page_image, page_image, page_image], "TIFF")
    seen: list[tuple[int, int]] = []
    agreement = extract_bytes(data, "tiga.tiff", progress=lambda k, n: seen.append((k, n)))
    assert agreement.source.ocr
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


@pytest.mark.ocr
def test_a_good_text_layer_is_ocrd_too_when_all_pages_are_asked_for() -> None:
    seen: list[tuple[int, int]] = []
    agreement = extract_bytes(
        _text_pdf(LINES), "teks.pdf", ocr_all_pages=True, progress=lambda k, n: seen.append((k, n))
    )
    assert agreement.source.ocr
    assert seen == [(0, 1), (1, 1)]
    assert "RUANG LINGKUP" in agreement.text


def test_good_text_layer_is_kept_without_ocr() -> None:
    agreement = extract_bytes(_text_pdf(LINES), "teks.pdf")
    assert not agreement.source.ocr
    assert [c.number for c in agreement.clauses] == ["1", "2"]


def test_without_ocr_scan_pages_stay_empty(page_image: Image.Image) -> None:
    agreement = extract_bytes(_image_pdf(page_image), "scan.pdf", ocr=False)
    assert not agreement.source.ocr
    assert agreement.clauses == []


def test_missing_tesseract_language_data_says_to_run_setup(
    page_image: Image.Image, tmp_path: Path
) -> None:
    with pytest.raises(
        OcrUnavailable, match=r"scan\.pdf: OCR failed, .*ind\.traineddata.*scripts/setup"
    ):
        extract_bytes(_image_pdf(page_image), "scan.pdf", tessdata_dir=tmp_path / "tessdata")


def test_unknown_ocr_language_is_refused(page_image: Image.Image) -> None:
    with pytest.raises(UnsupportedLanguage, match="'fra'"):
        extract_bytes(_image_pdf(page_image), "scan.pdf", ocr_languages="fra")


@pytest.mark.ocr
def test_a_phone_scan_drawn_beside_a_banner_reads_its_text(corpus: Path) -> None:
    """A scanner app's page: gray paper with a dark edge, drawn on a white page beside the
    app's banner image. One Otsu threshold for the whole page reads only the banner; the
    page is read again with a local threshold."""
    name = "id-pks-prestasi-junior-smkn6-batam-2023.pdf"
    data = (corpus / name).read_bytes()
    [source] = list(ocr_sources(data, name, [1], max_pixels=MAX_OCR_PIXELS))
    assert source.scan is None  # two images on the page: it is rendered as drawn
    text = ocr_page_image(render_page(data, name, 1, dpi=source.dpi))
    assert "PIHAK PERTAMA" in text
    assert "Yayasan Prestasi Junior Gemilang Indonesia" in text
