"""Readers: bytes of an uploaded file -> RawDocument (pages of lines in reading order).

The format is decided by the first bytes (see `formats.detect`), never by the file name.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Final, Protocol

from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.model import MEDIA_DOCX, MEDIA_IMAGES, MEDIA_PDF, Page, RawDocument
from ingest.readers import docx, image, pdf
from ingest.readers.formats import detect

log = logging.getLogger(__name__)


class Reader(Protocol):
    def __call__(self, data: bytes, filename: str, limits: Limits = ...) -> tuple[Page, ...]: ...


READERS: Final[dict[str, Reader]] = {
    MEDIA_PDF: pdf.read_pages,
    MEDIA_DOCX: docx.read_pages,
    **dict.fromkeys(MEDIA_IMAGES, image.read_pages),
}


def read(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Return the pages of lines of a PDF, DOCX or image (JPEG, PNG, TIFF) file as bytes.

    `filename` is only used in messages and in the result. `page_count` is the number of
    PDF pages or image frames and None for DOCX; image pages are empty until OCR.
    Raises EmptyDocument, UnsupportedFormat,
    LegacyWordFormat, EncryptedDocument, DamagedDocument, UnsafeDocument or
    DocumentTooLarge (also past `limits`: pages, characters).
    """
    media_type = detect(data, filename)
    pages = READERS[media_type](data, filename, limits)
    return RawDocument(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        page_count=None if media_type == MEDIA_DOCX else len(pages),
        pages=pages,
    )


def read_path(path: Path) -> RawDocument:
    """`read` the file at `path`, named by its base name. Raises what `read` raises."""
    return read(path.read_bytes(), path.name)
