"""A page reads as well however an office scanner stored it (issue #12: scans).

One agreement page is rendered once, then stored the ways scanners store pages: colour JPEG
(the reference), grayscale JPEG, 1-bit CCITT G4 with /BlackIs1 (most office scanners'
default), 1-bit Flate with an inverting /Decode array, upside down and sideways. Each is read
by the product's OCR path (`extract_bytes`) and compared with the words on the page: every
kind must read as well as the upright colour scan. A decoder that ignores /Decode or
/BlackIs1 reads white text on black and fails here; so does a page that is not turned.
"""

from __future__ import annotations

import difflib
import io
import re
import zlib
from collections.abc import Callable

import pytest
from PIL import Image, ImageOps
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ingest import extract_bytes
from ingest.ocr.render import render_page

pytestmark = pytest.mark.ocr

LINES = (
    "PERJANJIAN KERJA SAMA",
    "ANTARA PEMERINTAH KABUPATEN GOWA DAN UNIVERSITAS HASANUDDIN",
    "Pasal 3",
    "PENDANAAN",
    "Biaya pelaksanaan kegiatan dalam perjanjian ini dibebankan kepada",
    "anggaran masing-masing pihak sesuai dengan ketentuan peraturan",
    "perundang-undangan yang berlaku dan tidak mengikat secara hukum.",
    "Pasal 4",
    "JANGKA WAKTU",
    "Perjanjian ini berlaku untuk jangka waktu 5 (lima) tahun terhitung",
    "sejak tanggal ditandatangani dan dapat diperpanjang atas kesepakatan",
    "para pihak dengan pemberitahuan tertulis paling lambat tiga bulan.",
)
DPI = 200


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _accuracy(text: str) -> float:
    """How many of the page's words the reading holds, in order (1.0 = all)."""
    truth = _words(" ".join(LINES))
    matcher = difflib.SequenceMatcher(a=truth, b=_words(text), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(truth)


@pytest.fixture(scope="module")
def page() -> Image.Image:
    """The page as a 200 dpi scanner sees it (8-bit gray)."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 90
    for line in LINES:
        bold = line.isupper() or line.startswith("Pasal")
        pdf.setFont("Times-Bold" if bold else "Times-Roman", 12)
        pdf.drawString(70, y, line)
        y -= 22
    pdf.save()
    return render_page(out.getvalue(), "page.pdf", 1, dpi=DPI).convert("L")


def _jpeg_pdf(image: Image.Image, *, landscape: bool = False) -> bytes:
    size = (A4[1], A4[0]) if landscape else A4
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    buffer.seek(0)
    pdf.drawImage(ImageReader(buffer), 0, 0, width=size[0], height=size[1])
    pdf.save()
    return out.getvalue()


def colour(page: Image.Image) -> bytes:
    # scanner paper is not white: a warm tint over the gray page
    tinted = ImageOps.colorize(page, black=(20, 20, 45), white=(250, 244, 228))
    return _jpeg_pdf(tinted)


def grayscale(page: Image.Image) -> bytes:
    return _jpeg_pdf(page)


def bilevel_ccitt(page: Image.Image) -> bytes:
    """Pillow writes 1-bit pages as CCITT G4 with /BlackIs1 true, as office scanners do."""
    out = io.BytesIO()
    page.point(lambda v: 255 if v > 160 else 0).convert("1").save(out, "PDF", resolution=DPI)
    assert b"/BlackIs1 true" in out.getvalue()
    return out.getvalue()


def bilevel_decode(page: Image.Image) -> bytes:
    """1-bit samples stored inverted (1 = black) with /Decode [1 0] to draw them right."""
    bits = page.point(lambda v: 255 if v > 160 else 0).convert("1")
    inverted = ImageOps.invert(bits.convert("L")).convert("1")
    writer = PdfWriter()
    width, height = A4
    pdf_page = writer.add_blank_page(width, height)
    image = StreamObject()
    image.set_data(zlib.compress(inverted.tobytes()))
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(bits.width),
            NameObject("/Height"): NumberObject(bits.height),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(1),
            NameObject("/Decode"): ArrayObject([NumberObject(1), NumberObject(0)]),
            NameObject("/Filter"): NameObject("/FlateDecode"),
        }
    )
    xobjects = DictionaryObject({NameObject("/Im0"): writer._add_object(image)})
    pdf_page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
    content = DecodedStreamObject()
    content.set_data(f"q {width:.2f} 0 0 {height:.2f} 0 0 cm /Im0 Do Q".encode())
    pdf_page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upside_down(page: Image.Image) -> bytes:
    return _jpeg_pdf(page.rotate(180))


def sideways(page: Image.Image) -> bytes:
    return _jpeg_pdf(page.rotate(90, expand=True), landscape=True)


def photographed(page: Image.Image) -> bytes:
    """A phone-scanner app's page: gray paper with a dark edge, a little tilted, drawn
    smaller than the PDF page on white, with the app's banner as a second image below."""
    paper = page.point(lambda v: 40 + v * 160 // 255)  # white paper photographs gray
    paper.paste(30, (0, 0, paper.width // 40, paper.height))  # the table edge beside it
    tilted = paper.rotate(1.2, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    banner = Image.new("L", (600, 70), 235)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for image, (x, y, w, h) in (
        (tilted, (0, 40, A4[0] * 0.97, A4[1] - 40)),
        (banner, (A4[0] - 200, 5, 190, 22)),
    ):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85)
        buffer.seek(0)
        pdf.drawImage(ImageReader(buffer), x, y, width=w, height=h)
    pdf.save()
    return out.getvalue()


KINDS: dict[str, Callable[[Image.Image], bytes]] = {
    "photographed-on-white-page": photographed,
    "grayscale": grayscale,
    "bilevel-ccitt-blackis1": bilevel_ccitt,
    "bilevel-decode-inverted": bilevel_decode,
    "upside-down": upside_down,
    "sideways": sideways,
}


@pytest.fixture(scope="module")
def reference(page: Image.Image) -> float:
    agreement = extract_bytes(colour(page), "warna.pdf")
    assert agreement.source.ocr
    accuracy = _accuracy(agreement.text)
    assert accuracy >= 0.95, f"the upright colour scan itself reads only {accuracy:.2f}"
    return accuracy


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_scan_reads_as_well_as_the_upright_colour_scan(
    kind: str, page: Image.Image, reference: float
) -> None:
    agreement = extract_bytes(KINDS[kind](page), f"{kind}.pdf")
    assert agreement.source.ocr
    accuracy = _accuracy(agreement.text)
    assert accuracy >= reference - 0.03, (
        f"{kind}: {accuracy:.2f} of the page's words against {reference:.2f} upright in colour"
    )
    assert [c.heading for c in agreement.clauses] == ["PENDANAAN", "JANGKA WAKTU"]


TITLE_PAGE = (
    "KESEPAKATAN BERSAMA",
    "ANTARA",
    "PEMERINTAH KABUPATEN GOWA",
    "DENGAN",
    "UNIVERSITAS HASANUDDIN",
    "TENTANG",
    "KERJA SAMA PENDIDIKAN DAN PELATIHAN",
)


@pytest.mark.parametrize("turned", [90, 180, 270])
def test_a_title_page_of_a_few_lines_at_150_dpi_is_read_upright(turned: int) -> None:
    """A sparse page at 150 dpi leaves Tesseract's orientation detection unsure (confidence
    4-5 where 5 is trusted); its guess is read against the page as scanned."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 90
    for line in TITLE_PAGE:
        pdf.setFont("Times-Bold", 12)
        pdf.drawCentredString(A4[0] / 2, y, line)
        y -= 22
    pdf.save()
    page = render_page(out.getvalue(), "judul.pdf", 1, dpi=150).convert("L")
    scan = page.rotate(turned, expand=True)
    data = io.BytesIO()
    scan.save(data, format="PDF", resolution=150)
    agreement = extract_bytes(data.getvalue(), f"judul-{turned}.pdf")
    words = set(_words(agreement.text))
    assert {"kesepakatan", "bersama", "gowa", "hasanuddin", "pelatihan"} <= words, agreement.text
