"""The one-way pipeline: bytes -> RawDocument (-> OCR) -> CleanText -> Outline -> Agreement."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from ingest.assemble import assemble
from ingest.clean import clean
from ingest.errors import DocumentTooLarge, EmptyDocument
from ingest.extract.language import detect
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.model import Agreement
from ingest.ocr import (
    DEFAULT_LANGUAGES,
    Progress,
    ocr_document,
    pages_to_ocr,
    tidy_scanned_layers,
)
from ingest.readers import read
from ingest.structure import outline

log = logging.getLogger(__name__)


def extract(
    data: bytes,
    filename: str,
    *,
    ocr: bool = True,
    ocr_languages: str = DEFAULT_LANGUAGES,
    tessdata_dir: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_ocr: Callable[[int], None] | None = None,
    ocr_all_pages: bool = False,
    progress: Progress | None = None,
) -> Agreement:
    """Extract one agreement. Raises IngestError subclasses for input a user must fix.

    With `ocr`, pages without a usable text layer (every page with `ocr_all_pages`) are
    OCR'd in `ocr_languages` ('ind', 'eng', 'ind+eng'); without it they stay empty (for a
    later OCR job). `on_ocr` is told how many pages OCR will read before it starts (a
    caller timing us may allow more time); `progress(done, total)` after each of them.
    DocumentTooLarge past `limits`.
    """
    t0 = time.perf_counter()
    raw = read(data, filename, limits)
    t1 = time.perf_counter()
    if ocr:
        if on_ocr is not None and (todo := len(pages_to_ocr(raw, all_pages=ocr_all_pages))):
            on_ocr(todo)
        raw = ocr_document(
            raw,
            data,
            languages=ocr_languages,
            tessdata_dir=tessdata_dir,
            all_pages=ocr_all_pages,
            progress=progress,
        )
    raw = tidy_scanned_layers(raw)
    t_ocr = time.perf_counter()
    cleaned = clean(raw)
    if len(cleaned.text) > limits.max_chars:
        raise DocumentTooLarge(
            filename,
            f"its text is {len(cleaned.text):,} characters, more than the "
            f"{limits.max_chars:,} naskah reads",
        )
    if not cleaned.text.strip():
        if raw.ocr:
            raise EmptyDocument(filename, "OCR found no text on the page images")
        if all(p.has_text_layer for p in raw.pages):
            raise EmptyDocument(filename, "the document contains no text")
    t2 = time.perf_counter()
    language = detect(cleaned.text)
    structure = outline(cleaned.text, language, ocr_title=bool(raw.pages) and raw.pages[0].ocr)
    t3 = time.perf_counter()
    agreement = assemble(raw, cleaned.text, structure, language)
    t4 = time.perf_counter()
    log.info(
        "extract file=%s pages=%s ocr=%s clauses=%d parties=%d read=%.3fs ocr=%.3fs "
        "clean=%.3fs structure=%.3fs fields=%.3fs",
        filename,
        raw.page_count,
        raw.ocr,
        len(agreement.clauses),
        len(agreement.parties),
        t1 - t0,
        t_ocr - t1,
        t2 - t_ocr,
        t3 - t2,
        t4 - t3,
    )
    return agreement
