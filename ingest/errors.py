"""Failures a user can fix. Each message names the file and the step and says what to do."""

from __future__ import annotations


class IngestError(Exception):
    """Base of every error `ingest` raises on purpose. `code` is stable for the UI and API."""

    code = "ingest_error"

    def __init__(self, file_name: str, message: str) -> None:
        super().__init__(f"{file_name}: {message}")
        self.file_name = file_name


class UnsupportedFormat(IngestError):
    code = "unsupported_format"

    def __init__(self, file_name: str, detail: str) -> None:
        super().__init__(
            file_name,
            f"reading failed, {detail}. naskah reads PDF (.pdf) and Word (.docx) files, "
            "and scanned pages as JPEG, PNG or TIFF images.",
        )


class LegacyWordFormat(IngestError):
    code = "legacy_word_format"

    def __init__(self, file_name: str) -> None:
        super().__init__(
            file_name,
            "reading failed, this is an old binary Word file (.doc). "
            "Open it in Word or LibreOffice, save it as .docx or PDF, and upload that.",
        )


class EncryptedDocument(IngestError):
    code = "encrypted_document"

    def __init__(self, file_name: str) -> None:
        super().__init__(
            file_name,
            "reading failed, the file is password-protected. "
            "Save a copy without the password and upload that.",
        )


class DamagedDocument(IngestError):
    code = "damaged_document"

    def __init__(self, file_name: str, detail: str) -> None:
        super().__init__(
            file_name,
            f"reading failed, the file is damaged or truncated ({detail}). "
            "Export or scan it again and upload the new file.",
        )


class EmptyDocument(IngestError):
    code = "empty_document"

    def __init__(self, file_name: str, detail: str = "the file is empty") -> None:
        super().__init__(
            file_name, f"reading failed, {detail}. Check that you chose the right file."
        )


class UnsupportedLanguage(IngestError):
    code = "unsupported_language"

    def __init__(self, language: str, supported: list[str]) -> None:
        super().__init__(
            "-", f"language {language!r} is not supported (supported: {', '.join(supported)})."
        )


class DocumentTooLarge(IngestError):
    code = "document_too_large"

    def __init__(self, file_name: str, detail: str) -> None:
        super().__init__(
            file_name,
            f"reading failed, {detail}. Split the file or save it without embedded media "
            "and upload that.",
        )


class OcrUnavailable(IngestError):
    """Tesseract (the tesserocr binding) or its language data is not installed."""

    code = "ocr_unavailable"

    def __init__(self, file_name: str, detail: str) -> None:
        super().__init__(
            file_name,
            f"OCR failed, {detail}. Run scripts/setup, or install the Debian packages "
            "tesseract-ocr, tesseract-ocr-ind and tesseract-ocr-eng, and try again.",
        )
        self.detail = detail


class OcrFailed(IngestError):
    """Tesseract or the page renderer failed on one page of a scan."""

    code = "ocr_failed"

    def __init__(self, file_name: str, page: int, step: str, detail: str) -> None:
        super().__init__(
            file_name,
            f"OCR failed on page {page} at step {step} ({detail}). "
            "Scan the page again or export the file again, and upload the new file.",
        )
        self.page = page
        self.step = step


class UnsafeDocument(IngestError):
    """A file built to attack readers: a polyglot, a zip with unsafe part names, XML entities."""

    code = "unsafe_document"

    def __init__(self, file_name: str, detail: str) -> None:
        super().__init__(
            file_name,
            f"reading refused, {detail}. naskah does not open such files. Open the original in "
            "Word or a PDF viewer, save or print it again as .docx or PDF, and upload that.",
        )
        self.detail = detail
