"""Read a PDF's text layer: one plain `extract_text()` per page (the only pypdf importer).

Layout mode and second passes would cost several times a plain extraction; the clean-up
step works on plain lines instead.
"""

from __future__ import annotations

import contextvars
import io
import logging
import re
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from PIL import Image
from pypdf import PasswordType, PdfReader
from pypdf.errors import (
    DependencyError,
    EmptyFileError,
    FileNotDecryptedError,
    LimitReachedError,
    PyPdfError,
)

from ingest.errors import DamagedDocument, DocumentTooLarge, EmptyDocument, EncryptedDocument
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.model import Page
from ingest.readers.columns import Piece, column_lines, interleaved

log = logging.getLogger(__name__)

# pypdf's own errors, plus the builtin ones it is known to leak from deep inside its parser
# on malformed files (bad xref offsets, null objects, broken streams, cyclic references).
# Only pypdf calls sit inside the guarded blocks, so these cannot hide a bug of ours.
PYPDF_FAILURES: Final = (
    PyPdfError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    ZeroDivisionError,
    RecursionError,
    zlib.error,
)

_current_file: contextvars.ContextVar[str] = contextvars.ContextVar("pdf_file", default="-")


class _PypdfToDebug(logging.Handler):
    """pypdf logs every harmless oddity of real PDFs as a warning; keep those at debug."""

    def emit(self, record: logging.LogRecord) -> None:
        log.debug("read file=%s step=pdf pypdf: %s", _current_file.get(), record.getMessage())


def _quiet_pypdf() -> None:
    pypdf_log = logging.getLogger("pypdf")
    if not any(isinstance(h, _PypdfToDebug) for h in pypdf_log.handlers):
        pypdf_log.addHandler(_PypdfToDebug())
    pypdf_log.propagate = False


_quiet_pypdf()


def read_pages(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Page, ...]:
    """Return one Page per PDF page, lines as extracted, trailing spaces stripped.

    A page without text (a scan) or whose text cannot be extracted comes back with
    `has_text_layer=False` and no lines. Raises EncryptedDocument, DamagedDocument,
    EmptyDocument, or DocumentTooLarge past `limits` (pages, characters).
    """
    started = time.perf_counter()
    token = _current_file.set(filename)
    try:
        reader = _open(data, filename, limits)
        pages = []
        chars = 0
        layout = False  # once a page needs layout mode, the rest of the file likely does too
        for index in range(len(reader.pages)):
            page, layout = _read_page(reader, index, filename, layout=layout)
            chars += sum(len(line) for line in page.lines)
            if chars > limits.max_chars:
                raise DocumentTooLarge(
                    filename,
                    f"its text is longer than the {limits.max_chars:,} characters naskah reads "
                    f"(reached on page {page.number})",
                )
            pages.append(page)
    finally:
        _current_file.reset(token)
    log.info(
        "read file=%s step=pdf pages=%d with_text=%d in %.2fs",
        filename,
        len(pages),
        sum(page.has_text_layer for page in pages),
        time.perf_counter() - started,
    )
    return tuple(pages)


def _open(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, filename)
        page_count = len(reader.pages)
    except (FileNotDecryptedError, DependencyError) as exc:
        raise EncryptedDocument(filename) from exc
    except EmptyFileError as exc:
        raise EmptyDocument(filename) from exc
    except LimitReachedError as exc:
        raise DocumentTooLarge(
            filename, f"it passes a safety limit of the PDF reader ({exc})"
        ) from exc
    except PYPDF_FAILURES as exc:
        raise DamagedDocument(filename, _short(exc)) from exc
    if page_count == 0:
        raise EmptyDocument(filename, "the PDF has no pages")
    # pypdf counts the page tree it walked, not the /Count the file claims
    if page_count > limits.max_pages:
        raise DocumentTooLarge(
            filename,
            f"the PDF has {page_count:,} pages, more than the {limits.max_pages:,} naskah reads",
        )
    return reader


def _decrypt(reader: PdfReader, filename: str) -> None:
    # Many PDFs are encrypted only to restrict printing or editing, with an empty user
    # password: those open without asking anyone for a password.
    try:
        result = reader.decrypt("")
    except NotImplementedError as exc:  # an encryption scheme pypdf cannot handle
        raise EncryptedDocument(filename) from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise EncryptedDocument(filename)
    log.debug("read file=%s step=pdf decrypted with the empty password", filename)


def _read_page(
    reader: PdfReader, index: int, filename: str, *, layout: bool = False
) -> tuple[Page, bool]:
    """The page, and whether its words had to be read in layout mode."""
    number = index + 1
    try:
        if layout:
            text = reader.pages[index].extract_text(extraction_mode="layout")
        else:
            text = reader.pages[index].extract_text()
    except LimitReachedError as exc:
        # a stream that inflates past pypdf's limit is a bomb, not a scan to render and OCR
        raise DocumentTooLarge(
            filename, f"page {number} passes a safety limit of the PDF reader ({exc})"
        ) from exc
    except PYPDF_FAILURES as exc:
        log.warning(
            "read file=%s step=pdf page=%d text extraction failed, page kept empty: %s",
            filename,
            number,
            _short(exc),
        )
        return Page(number=number, lines=(), has_text_layer=False), layout
    if not text.strip():
        # pypdf yields "" for image-only pages: a scan, which OCR handles later
        return Page(number=number, lines=(), has_text_layer=False), layout
    if not layout and _lacks_spaces(text):
        # Some generators place every word by coordinates with no space glyphs; plain mode
        # then runs the words together ('MemorandumofUnderstanding'). Layout mode reads
        # the gaps. It costs about as much again, so only such files pay for it, and
        # their later pages go to layout mode directly.
        try:
            text = reader.pages[index].extract_text(extraction_mode="layout")
        except PYPDF_FAILURES as exc:
            log.warning(
                "read file=%s step=pdf page=%d layout extraction failed, plain text kept: %s",
                filename,
                number,
                _short(exc),
            )
        else:
            layout = True
            log.debug(
                "read file=%s step=pdf page=%d words had no spaces: layout mode", filename, number
            )
    lines = [line.rstrip() for line in text.splitlines()]
    if not layout and _maybe_bilingual(text) and interleaved(lines):
        lines = _side_by_side(reader, index, filename) or lines
    try:
        scanned = _holds_page_scan(reader.pages[index])
    except (*PYPDF_FAILURES, OSError, ValueError, TypeError):
        scanned = False
    return Page(number=number, lines=tuple(lines), scanned=scanned), layout


# a page scan has the page's proportions (within this share) and at least this resolution
_SCAN_ASPECT_SLACK = 0.06
_SCAN_MIN_DPI = 90


def _holds_page_scan(page: object) -> bool:
    """Whether `page` holds an image of the whole page: the proportions of the page and the
    pixels of a scan of it (read from the image dictionaries; nothing is decoded). A text
    layer over it is what a scanner's or Acrobat's OCR wrote."""
    box = page.mediabox  # type: ignore[attr-defined]
    side_a, side_b = abs(float(box.width)) / 72, abs(float(box.height)) / 72
    if side_a <= 0 or side_b <= 0:
        return False
    page_ratio = max(side_a, side_b) / min(side_a, side_b)
    for width, height in _image_sizes(page):
        if min(width, height) <= 0:
            continue
        ratio = max(width, height) / min(width, height)
        if abs(ratio - page_ratio) / page_ratio > _SCAN_ASPECT_SLACK:
            continue
        if max(width, height) / max(side_a, side_b) >= _SCAN_MIN_DPI:
            return True
    return False


def _image_sizes(page: object) -> list[tuple[int, int]]:
    """(width, height) in pixels of each image drawn directly on `page`."""
    resources = page.get("/Resources")  # type: ignore[attr-defined]
    if resources is None:
        return []
    objects = resources.get_object().get("/XObject")
    if objects is None:
        return []
    sizes = []
    for ref in objects.get_object().values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Image":
            sizes.append((int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))))
    return sizes


def _maybe_bilingual(text: str) -> bool:
    """Cheap first look: both languages' commonest words, often (most pages say no here)."""
    low = text.lower()
    return low.count(" the ") >= 4 and (low.count(" yang ") + low.count(" dan ")) >= 4


def _side_by_side(reader: PdfReader, index: int, filename: str) -> list[str] | None:
    """The page read column by column, Indonesian first, when its text pieces fall into two
    columns (a bilingual page whose plain text interleaves the versions); else None."""
    pieces: list[Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            pieces.append(Piece(x, y, text))

    page = reader.pages[index]
    try:
        page.extract_text(visitor_text=visit)
        width = float(page.mediabox.width)
    except PYPDF_FAILURES:
        return None
    lines = column_lines(pieces, width)
    if lines is not None:
        log.info("read file=%s step=pdf page=%d bilingual columns read apart", filename, index + 1)
    return lines


def _lacks_spaces(text: str) -> bool:
    """True when words run together: normal prose is about one space in six characters."""
    return len(text) >= 300 and text.count(" ") < len(text) / 30


def _short(exc: BaseException) -> str:
    detail = f"{type(exc).__name__}: {exc}"
    return detail if len(detail) <= 120 else detail[:117] + "..."


# --- how to render a page for OCR ---------------------------------------------------------

# A page is rendered at the resolution of its scan (upsampling a 150 dpi scan to 300 dpi
# triples Tesseract's time for no gain), never below 150 dpi, never above 300 dpi.
_MIN_OCR_DPI: Final = 150
_MAX_OCR_DPI: Final = 300


@dataclass(frozen=True, slots=True)
class OcrSource:
    """How to get page `number`'s image for OCR: `scan`, the page's one image as stored,
    when the page is nothing but that image drawn over it; else render it at `dpi`."""

    number: int
    dpi: int
    scan: Image.Image | None = None


def ocr_sources(
    data: bytes, filename: str, numbers: Iterable[int], *, max_pixels: int
) -> Iterator[OcrSource]:
    """Yield how to read each page in `numbers` for OCR, lazily and in that order.

    A page that draws one image over the whole page and nothing else (the usual scan) gives
    that image's own pixels: rendering would resample them for nothing. Any other page
    (a banner or logo beside the scan, vector text, a garbage text layer) is rendered as
    drawn at the resolution of its largest image, clamped to 150-300 dpi and lowered so the
    rendering stays within `max_pixels`. Raises what `read_pages` raises when the file
    cannot be opened.
    """
    token = _current_file.set(filename)
    try:
        reader = _open(data, filename)
        for number in numbers:
            dpi = _ocr_dpi(reader, number, filename, max_pixels)
            yield OcrSource(number, dpi, _sole_scan(reader, number, filename, max_pixels))
    finally:
        _current_file.reset(token)


def ocr_render_dpis(
    data: bytes, filename: str, numbers: Iterable[int], *, max_pixels: int
) -> Iterator[tuple[int, int]]:
    """Yield (page number, dpi) to render each page in `numbers` at for OCR (see
    `ocr_sources`)."""
    token = _current_file.set(filename)
    try:
        reader = _open(data, filename)
        for number in numbers:
            yield number, _ocr_dpi(reader, number, filename, max_pixels)
    finally:
        _current_file.reset(token)


# a content stream that only places one image: 'q a b c d e f cm /Name Do Q' (a fill colour
# may be set too); anything else drawn (text, paths, a second image) means render the page
_SOLE_IMAGE_RE: Final = re.compile(
    rb"\s*q\s+(?:[\d.\s]+\s(?:g|rg|G|RG)\s+)?"
    rb"(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+cm"
    rb"\s+(?:[\d.\s]+\s(?:g|rg|G|RG)\s+)?/([^\s/]+)\s+Do\s+Q\s*"
)
# the image covers the page when its placement is within this many points of the page box
_PLACEMENT_TOLERANCE_PT: Final = 3.0


_BILEVEL_FILTERS: Final = frozenset({"/CCITTFaxDecode", "/JBIG2Decode", "/CCF"})


def _bilevel(xobject: object) -> bool:
    """A 1-bit image (most office scanners' default): rendered by poppler, which applies its
    /Decode array, /BlackIs1 and /ImageMask exactly as a viewer shows them."""
    get = xobject.get  # type: ignore[attr-defined]
    filters = get("/Filter")
    names = {str(f) for f in filters} if isinstance(filters, list) else {str(filters)}
    return (
        bool(get("/ImageMask")) or get("/BitsPerComponent") == 1 or bool(names & _BILEVEL_FILTERS)
    )


def _sole_scan(
    reader: PdfReader, number: int, filename: str, max_pixels: int
) -> Image.Image | None:
    """Page `number`'s one image, upright per /Rotate, when the page draws nothing but that
    image over the whole page; None otherwise or when pypdf cannot decode it."""
    try:
        page = reader.pages[number - 1]
        resources = page.get("/Resources")
        if resources is None:
            return None
        resources = resources.get_object()
        objects = resources.get("/XObject")
        if objects is None:
            return None
        objects = objects.get_object()
        if len(objects) != 1 or (resources.get("/Font") or {}):
            return None
        contents = page.get_contents()
        found = _SOLE_IMAGE_RE.fullmatch(contents.get_data()) if contents is not None else None
        if found is None or found.group(7).decode("latin-1") != str(next(iter(objects)))[1:]:
            return None
        a, b, c, d, e, f = (float(v) for v in found.groups()[:6])
        box = page.mediabox
        if b or c or abs(e - float(box.left)) > _PLACEMENT_TOLERANCE_PT:
            return None
        if abs(f - float(box.bottom)) > _PLACEMENT_TOLERANCE_PT:
            return None
        if abs(a - float(box.width)) > _PLACEMENT_TOLERANCE_PT:
            return None
        if abs(d - float(box.height)) > _PLACEMENT_TOLERANCE_PT:
            return None
        xobject = next(iter(objects.values())).get_object()
        if xobject.get("/Subtype") != "/Image" or _bilevel(xobject):
            return None
        if int(xobject.get("/Width", 0)) * int(xobject.get("/Height", 0)) > max_pixels:
            return None  # an oversized scan is rendered within the bound instead
        images = page.images
        image = images[0].image if len(images) == 1 else None
        rotation = page.rotation % 360
    except (*PYPDF_FAILURES, OSError, ValueError, Image.DecompressionBombError) as exc:
        log.info(
            "ocr file=%s page=%d step=page-image not decodable, rendering instead: %s",
            filename,
            number,
            _short(exc),
        )
        return None
    if image is None:
        return None
    return image.rotate(-rotation, expand=True) if rotation else image


def _ocr_dpi(reader: PdfReader, number: int, filename: str, max_pixels: int) -> int:
    try:
        page = reader.pages[number - 1]
        box = page.mediabox
        width_in, height_in = abs(float(box.width)) / 72, abs(float(box.height)) / 72
        widest = _widest_image(page)
    except (*PYPDF_FAILURES, OSError) as exc:
        log.info("ocr file=%s page=%d step=page-size unreadable: %s", filename, number, _short(exc))
        return _MAX_OCR_DPI
    if width_in <= 0 or height_in <= 0:
        return _MAX_OCR_DPI
    dpi = _MAX_OCR_DPI
    if widest:
        # the scan may be stored sideways (/Rotate): compare with both page sides
        dpi = round(widest / max(width_in, height_in))
    dpi = max(_MIN_OCR_DPI, min(_MAX_OCR_DPI, dpi))
    fitting = int(72 * (max_pixels / (width_in * 72 * height_in * 72)) ** 0.5)
    return max(1, min(dpi, fitting))


def _widest_image(page: object) -> int:
    """The longer side in pixels of the largest image drawn directly on `page`, 0 if none
    (read from the image dictionaries: nothing is decoded)."""
    best = max(_image_sizes(page), key=lambda size: size[0] * size[1], default=(0, 0))
    return max(best)
