"""Decide what a file is from its first bytes, never from its name.

`detect(data, filename)` returns the media type naskah can read or raises the error
that tells the user what the file looks like and what to do instead.
"""

from __future__ import annotations

import codecs
import io
import logging
import zipfile
from typing import Final

from ingest.errors import (
    DamagedDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    LegacyWordFormat,
    UnsupportedFormat,
)
from ingest.model import MEDIA_DOCX, MEDIA_JPEG, MEDIA_PDF, MEDIA_PNG, MEDIA_TIFF

log = logging.getLogger(__name__)

# PDF readers accept junk before the header (Acrobat looks in the first 1024 bytes).
PDF_HEADER_WINDOW: Final = 1024
# python-docx loads every part into memory: refuse zips that unpack to more than this.
MAX_UNPACKED_BYTES: Final = 256 * 1024 * 1024
# [Content_Types].xml is a few KB; anything bigger is not worth reading to sniff.
MAX_CONTENT_TYPES_BYTES: Final = 1024 * 1024

_ZIP: Final = b"PK\x03\x04"
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Scanned pages uploaded as images: OCR reads them (ingest/readers/image.py).
_IMAGES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\x89PNG\r\n\x1a\n", MEDIA_PNG),
    (b"\xff\xd8\xff", MEDIA_JPEG),
    (b"II*\x00", MEDIA_TIFF),
    (b"MM\x00*", MEDIA_TIFF),
)
_SIGNATURES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"{\\rtf", "this is an RTF file; save it as .docx or PDF and upload that"),
    (b"GIF8", "this is a GIF image; save the scan as PNG, JPEG or TIFF and upload that"),
    (b"Rar!", "this is a RAR archive; unpack it and upload the agreement itself"),
    (b"7z\xbc\xaf\x27\x1c", "this is a 7-Zip archive; unpack it and upload the agreement itself"),
)
_ZIP_KINDS: Final[tuple[tuple[str, str], ...]] = (
    ("xl/workbook.xml", "this is an Excel workbook, not a Word document"),
    ("ppt/presentation.xml", "this is a PowerPoint presentation, not a Word document"),
    ("content.xml", "this is an OpenDocument file (.odt); save it as .docx and upload that"),
)


def detect(data: bytes, filename: str) -> str:
    """Return MEDIA_PDF, MEDIA_DOCX, MEDIA_JPEG, MEDIA_PNG or MEDIA_TIFF for `data`.

    Raises EmptyDocument, EncryptedDocument, LegacyWordFormat, DamagedDocument,
    DocumentTooLarge or UnsupportedFormat (naming what the bytes look like).
    """
    if not data:
        raise EmptyDocument(filename)
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return MEDIA_PDF
    if data.startswith(_ZIP):
        _check_word_zip(data, filename)
        return MEDIA_DOCX
    if data.startswith(_OLE):
        _refuse_ole(data, filename)
    for magic, media_type in _IMAGES:
        if data.startswith(magic):
            return media_type
    for magic, detail in _SIGNATURES:
        if data.startswith(magic):
            raise UnsupportedFormat(filename, detail)
    raise UnsupportedFormat(filename, _describe_unknown(data))


def _check_word_zip(data: bytes, filename: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                raise UnsupportedFormat(filename, _describe_zip(names))
            if "word/vbaProject.bin" in names or _is_macro_enabled(archive):
                raise UnsupportedFormat(
                    filename,
                    "this is a macro-enabled Word file (.docm); save it as .docx and upload that",
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise DamagedDocument(filename, f"broken zip container: {exc}") from exc
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentTooLarge(filename, f"the Word file unpacks to {unpacked // (1024 * 1024)} MB")


def _is_macro_enabled(archive: zipfile.ZipFile) -> bool:
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return False
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        return False
    return b"macroEnabled" in archive.read(info)


def _describe_zip(names: set[str]) -> str:
    for marker, detail in _ZIP_KINDS:
        if marker in names:
            return detail
    return "this is a zip archive, not a Word document"


def _refuse_ole(data: bytes, filename: str) -> None:
    # An encrypted .docx is an OLE container holding an "EncryptedPackage" stream; stream
    # names are stored in UTF-16, so a byte search is enough to tell.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedDocument(filename)
    if "Workbook".encode("utf-16-le") in data:
        raise UnsupportedFormat(filename, "this is an old Excel workbook (.xls)")
    if "PowerPoint Document".encode("utf-16-le") in data:
        raise UnsupportedFormat(filename, "this is an old PowerPoint presentation (.ppt)")
    raise LegacyWordFormat(filename)


def _describe_unknown(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "this is a web page (HTML); open it in Word, save it as .docx and upload that"
    if b"word.document" in head or b"<w:worddocument" in head:
        return "this is a Word 2003 XML file; save it as .docx and upload that"
    try:
        # not final: a character cut at byte 4096 is not an error
        codecs.getincrementaldecoder("utf-8")().decode(data[:4096], final=False)
    except UnicodeDecodeError:
        return "the content is not a PDF or Word document"
    if b"\x00" in data[:4096]:
        return "the content is not a PDF or Word document"
    return "this is a plain text file, not a PDF or Word document"
