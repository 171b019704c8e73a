"""OCR: the pages of a RawDocument that have no usable text layer get their text from
Tesseract reading the page image. Pure ingest: no database, no jobs.

A page is OCR'd when it has no text layer (a scan, an image upload) or when its text layer
is garbage (ingest/ocr/quality.py). A PDF page is read as it is drawn: pdftoppm renders the
whole page (every image with its /Decode, /BlackIs1 and placement, /Rotate, vector text) at
its scan's resolution; a page scanned sideways or upside down is turned first (Tesseract's
orientation detection, ingest/ocr/engine.py). Pages run in parallel on threads, one
Tesseract per thread (tesserocr releases the GIL while it recognises).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, as_completed, wait
from pathlib import Path
from typing import Final

from PIL import Image

from ingest.limits import MAX_OCR_PIXELS
from ingest.model import MEDIA_IMAGES, MEDIA_PDF, Page, RawDocument
from ingest.ocr.columns import reading_blocks
from ingest.ocr.engine import (
    DEFAULT_LANGUAGES,
    RETRY_BELOW_WORDS,
    Orientation,
    Tesseract,
    check_languages,
    find_tessdata,
)
from ingest.ocr.noise import normalise_ocr_lines
from ingest.ocr.preprocess import prepare
from ingest.ocr.quality import is_garbage
from ingest.ocr.render import render_page
from ingest.readers import image as image_reader
from ingest.readers import pdf

__all__ = [
    "DEFAULT_LANGUAGES",
    "Progress",
    "needs_ocr",
    "ocr_document",
    "ocr_page_image",
    "pages_to_ocr",
    "tidy_scanned_layers",
]

log = logging.getLogger(__name__)

# progress(done, total): pages OCR has finished and pages it will read
Progress = Callable[[int, int], None]


def _default_workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


# One Tesseract per core; beyond 4 the models' memory (about 100 MB each) outweighs the gain.
OCR_WORKERS: Final = _default_workers()


def ocr_page_image(
    image: Image.Image, languages: str = DEFAULT_LANGUAGES, *, tessdata_dir: Path | None = None
) -> str:
    """The text Tesseract reads in one page image (preprocessed as for documents).

    Raises UnsupportedLanguage, OcrUnavailable or OcrFailed.
    """
    tessdata = find_tessdata(languages, tessdata_dir)
    with Tesseract(languages, tessdata) as tesseract, Orientation(tessdata) as orientation:
        return read_page(tesseract, upright_page(tesseract, orientation, _gray(image)))


def upright_page(
    engine: Tesseract,
    orientation: Orientation,
    gray: Image.Image,
    *,
    file_name: str = "-",
    page: int = 0,
) -> Image.Image:
    """`gray` turned upright and prepared for reading.

    A page the orientation detection is sure of is turned as it says. A page it is unsure
    of but would turn (a title page of a few lines at 150 dpi: its guess is right, its
    confidence 4-5) is read both ways, and the way Tesseract reads with more confidence
    wins: text upside down or sideways reads as low-confidence noise.
    """
    degrees, sure = orientation.guess(gray)
    if not degrees:
        return prepare(gray)
    turned = prepare(gray.rotate(degrees, expand=True))
    if sure:
        log.info("ocr file=%s page=%d step=orientation turned=%d", file_name, page, degrees)
        return turned
    as_is = prepare(gray)
    engine.recognise(as_is, file_name=file_name, page=page, retry_below=0)
    kept = engine.confidence()
    engine.recognise(turned, file_name=file_name, page=page, retry_below=0)
    other = engine.confidence()
    log.info(
        "ocr file=%s page=%d step=orientation unsure, read both ways: as scanned %d, turned %d: %s",
        file_name,
        page,
        kept,
        other,
        "turned" if other > kept else "as scanned",
    )
    return turned if other > kept else as_is


def read_page(engine: Tesseract, image: Image.Image, *, file_name: str = "-", page: int = 0) -> str:
    """The text of one upright, prepared page image: a part set in two columns is read
    column by column, left then right (ingest/ocr/columns.py), the rest line by line."""
    blocks = reading_blocks(image)
    if len(blocks) == 1:
        return engine.recognise(image, file_name=file_name, page=page)
    log.info(
        "ocr file=%s page=%d step=columns blocks=%d (read column by column)",
        file_name,
        page,
        len(blocks),
    )
    area = image.width * image.height
    texts: list[str] = []
    for box in blocks:
        crop = image.crop(box)
        share = crop.width * crop.height / area
        text = engine.recognise(
            crop, file_name=file_name, page=page, retry_below=round(RETRY_BELOW_WORDS * share)
        )
        if text.strip():
            texts.append(text if text.endswith("\n\n") else text.rstrip("\n") + "\n\n")
    return "".join(texts)


def _gray(image: Image.Image) -> Image.Image:
    return image if image.mode == "L" else image.convert("L")


def needs_ocr(page: Page) -> bool:
    """True for a page without a text layer or whose text layer is garbage."""
    return not page.has_text_layer or is_garbage(page.lines)


def pages_to_ocr(raw: RawDocument, *, all_pages: bool = False) -> list[Page]:
    """The pages `ocr_document` reads: those that `needs_ocr` (every page with `all_pages`);
    none for a format without page images (DOCX)."""
    if raw.media_type not in (MEDIA_PDF, *MEDIA_IMAGES):
        return []
    return [page for page in raw.pages if all_pages or needs_ocr(page)]


def ocr_document(
    raw: RawDocument,
    data: bytes,
    *,
    languages: str = DEFAULT_LANGUAGES,
    tessdata_dir: Path | None = None,
    workers: int = OCR_WORKERS,
    all_pages: bool = False,
    progress: Progress | None = None,
) -> RawDocument:
    """`raw` with every page that `needs_ocr` (every page with `all_pages`) replaced by its
    OCR'd, noise-normalised lines.

    `data` is the file `raw` was read from (its page images are taken from it). Pages
    OCR'd get `ocr=True` and so does the document; `raw` comes back unchanged when no page
    needs OCR. `progress(done, total)` is called on the caller's thread once before the
    first page and after each page. Raises UnsupportedLanguage, OcrUnavailable (binding,
    language data or renderer missing) or OcrFailed (a page could not be rendered or
    recognised).
    """
    check_languages(languages)
    todo = pages_to_ocr(raw, all_pages=all_pages)
    if not todo:
        return raw
    started = time.perf_counter()
    garbage = sum(page.has_text_layer for page in todo)
    tessdata = find_tessdata(languages, tessdata_dir, raw.filename)
    texts = _recognise_pages(
        raw, data, [p.number for p in todo], languages, tessdata, workers, progress
    )
    replaced = {
        page.number: dataclasses.replace(page, lines=_lines(texts[page.number]), ocr=True)
        for page in todo
    }
    pages = tuple(replaced.get(page.number, page) for page in raw.pages)
    log.info(
        "ocr file=%s step=ocr pages=%d garbage_layers=%d languages=%s workers=%d chars=%d in %.2fs",
        raw.filename,
        len(todo),
        garbage,
        languages,
        workers,
        sum(len(text) for text in texts.values()),
        time.perf_counter() - started,
    )
    return dataclasses.replace(raw, pages=pages, ocr=True)


def tidy_scanned_layers(raw: RawDocument) -> RawDocument:
    """`raw` with the text layers that another program's OCR wrote over a page scan
    (`Page.scanned`) put through the same noise repair as our own OCR ('N om or', 'DENG AN',
    'PIHAK KESA TU'); `raw` itself when it has none."""
    if not any(page.scanned and not page.ocr and page.lines for page in raw.pages):
        return raw
    pages = tuple(
        dataclasses.replace(page, lines=normalise_ocr_lines(page.lines))
        if page.scanned and not page.ocr
        else page
        for page in raw.pages
    )
    log.debug("read file=%s step=ocr-layer noise repaired on scanned pages", raw.filename)
    return dataclasses.replace(raw, pages=pages)


def _lines(text: str) -> tuple[str, ...]:
    return normalise_ocr_lines(line.rstrip() for line in text.strip("\n\f").splitlines())


def _page_images(
    raw: RawDocument, data: bytes, numbers: list[int]
) -> Iterator[tuple[int, Image.Image]]:
    if raw.media_type in MEDIA_IMAGES:
        yield from image_reader.page_images(data, raw.filename, numbers)
        return
    # pages are decoded or rendered one step ahead of OCR, not all at once
    for source in pdf.ocr_sources(data, raw.filename, numbers, max_pixels=MAX_OCR_PIXELS):
        if source.scan is not None:
            yield source.number, source.scan
        else:
            yield source.number, render_page(data, raw.filename, source.number, dpi=source.dpi)


def _recognise_pages(
    raw: RawDocument,
    data: bytes,
    numbers: list[int],
    languages: str,
    tessdata: Path,
    workers: int,
    progress: Progress | None = None,
) -> dict[int, str]:
    local = threading.local()
    engines: list[Tesseract | Orientation] = []
    lock = threading.Lock()

    def recognise(number: int, image: Image.Image) -> tuple[int, str]:
        engine: Tesseract | None = getattr(local, "engine", None)
        if engine is None:
            engine = local.engine = Tesseract(languages, tessdata, raw.filename)
            local.orientation = Orientation(tessdata, raw.filename)
            with lock:
                engines.extend((engine, local.orientation))
        started = time.perf_counter()
        orientation: Orientation = local.orientation
        upright = upright_page(
            engine, orientation, _gray(image), file_name=raw.filename, page=number
        )
        text = read_page(engine, upright, file_name=raw.filename, page=number)
        log.debug(
            "ocr file=%s page=%d step=page size=%dx%d chars=%d in %.2fs",
            raw.filename,
            number,
            image.width,
            image.height,
            len(text),
            time.perf_counter() - started,
        )
        return number, text

    texts: dict[int, str] = {}
    pending: set[Future[tuple[int, str]]] = set()

    def collect(done: Iterator[Future[tuple[int, str]]]) -> None:
        for future in done:
            page_number, text = future.result()
            texts[page_number] = text
            if progress is not None:
                progress(len(texts), len(numbers))

    if progress is not None:
        progress(0, len(numbers))
    executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ocr")
    try:
        # images are decoded (or rendered) one step ahead of the workers, not all at once
        for number, image in _page_images(raw, data, numbers):
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                collect(iter(done))
            pending.add(executor.submit(recognise, number, image))
        collect(as_completed(pending))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        for engine in engines:
            engine.close()
    return texts
