"""naskah ingest: file in, structured Agreement out. Pure: no database, no index, no HTTP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.model import Agreement

__all__ = ["OCR_LANGUAGES", "Agreement", "Limits", "extract_agreement", "extract_bytes"]

# Tesseract languages OCR reads in unless told otherwise (ingest/ocr): Indonesian and English.
OCR_LANGUAGES: Final = "ind+eng"


def extract_agreement(
    path: Path,
    *,
    ocr: bool = True,
    ocr_languages: str = OCR_LANGUAGES,
    tessdata_dir: Path | None = None,
) -> Agreement:
    """Read and extract one agreement file. Raises IngestError subclasses for bad input."""
    return extract_bytes(
        Path(path).read_bytes(),
        Path(path).name,
        ocr=ocr,
        ocr_languages=ocr_languages,
        tessdata_dir=tessdata_dir,
    )


def extract_bytes(
    data: bytes,
    filename: str,
    *,
    ocr: bool = True,
    ocr_languages: str = OCR_LANGUAGES,
    tessdata_dir: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_ocr: Callable[[int], None] | None = None,
    ocr_all_pages: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Agreement:
    """Extract an agreement from the bytes of a PDF, DOCX or image file named `filename`.

    With `ocr` (the default) pages without a usable text layer (every page of a PDF or
    image with `ocr_all_pages`) are read by Tesseract in `ocr_languages` ('ind', 'eng' or
    'ind+eng'); `tessdata_dir` overrides where its language data is looked for;
    `on_ocr(pages)` is called before OCR starts and `progress(done, pages)` before the
    first page and after each, on the calling thread. Raises
    IngestError subclasses for input a user must fix (DocumentTooLarge past `limits`),
    and OcrUnavailable when Tesseract or its language data is not installed.
    """
    from ingest.pipeline import extract

    return extract(
        data,
        filename,
        ocr=ocr,
        ocr_languages=ocr_languages,
        tessdata_dir=tessdata_dir,
        limits=limits,
        on_ocr=on_ocr,
        ocr_all_pages=ocr_all_pages,
        progress=progress,
    )
