"""Decide what a file is from its first bytes, never from its name.

`detect(data, filename)` returns the media type naskah can read or raises the error
that tells the user what the file looks like and what to do instead.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
import zlib
from typing import Final

from ingest.errors import (
    DamagedDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    LegacyWordFormat,
    UnsafeDocument,
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

# A .docx has 10 to 50 parts, a few hundred with many images.
MAX_ZIP_ENTRIES: Final = 1000

_ZIP: Final = b"PK\x03\x04"
_EOCD: Final = b"PK\x05\x06"
_EOCD_SIZE: Final = 22
_ENCRYPTED_FLAG: Final = 0x1
_CHUNK: Final = 64 * 1024
_MACRO_PARTS: Final = ("vbaproject.bin", "vbadata.xml")
# Declarations in UTF-8 and in both UTF-16s (an XML part may be encoded in either).
_XML_DECLARATIONS: Final = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_LONGEST_DECLARATION: Final = max(len(marker) for marker in _XML_DECLARATIONS)
_CONTENT_TYPE_DEFAULT: Final = re.compile(
    r"<Default\b[^>]*?\bExtension=\"(?P<key>[^\"]*)\"[^>]*?\bContentType=\"(?P<type>[^\"]*)\""
)
_CONTENT_TYPE_OVERRIDE: Final = re.compile(
    r"<Override\b[^>]*?\bPartName=\"(?P<key>[^\"]*)\"[^>]*?\bContentType=\"(?P<type>[^\"]*)\""
)
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
    DocumentTooLarge, UnsafeDocument (a polyglot, an unsafe Word package) or
    UnsupportedFormat (naming what the bytes look like).
    """
    if not data:
        raise EmptyDocument(filename)
    starts_as_zip = data.startswith(_ZIP)
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        if starts_as_zip or _has_zip_directory(data):
            raise UnsafeDocument(filename, "the file is both a PDF and a zip archive (a polyglot)")
        return MEDIA_PDF
    if starts_as_zip:
        _check_word_zip(data, filename)
        return MEDIA_DOCX
    if data.startswith(_OLE):
        _refuse_ole(data, filename)
    for magic, media_type in _IMAGES:
        if data.startswith(magic):
            if _has_zip_directory(data):
                raise UnsafeDocument(
                    filename, "the image has a zip archive appended to it (a polyglot)"
                )
            return media_type
    for magic, detail in _SIGNATURES:
        if data.startswith(magic):
            raise UnsupportedFormat(filename, detail)
    raise UnsupportedFormat(filename, _describe_unknown(data))


def _has_zip_directory(data: bytes) -> bool:
    """True when `data` ends with a zip's end-of-central-directory record.

    The record sits in the last 22 + 65,535 bytes and its comment runs exactly to the end
    of the file: that pins it down, so four bytes that merely look alike in a compressed
    PDF stream do not count.
    """
    tail_start = max(0, len(data) - _EOCD_SIZE - 0xFFFF)
    position = data.rfind(_EOCD, tail_start)
    while position >= 0:
        if position + _EOCD_SIZE <= len(data):
            comment_length = int.from_bytes(data[position + 20 : position + 22], "little")
            if position + _EOCD_SIZE + comment_length == len(data):
                return True
        position = data.rfind(_EOCD, tail_start, position)
    return False


def _check_word_zip(data: bytes, filename: str) -> None:
    """Refuse a zip that is not a plain Word document before python-docx opens it.

    Part names, their number and duplicates are checked first; then every part is inflated
    here in chunks, counting the bytes (declared sizes can lie), and every XML part is
    searched for a DOCTYPE or entity declaration, which Word never writes.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_part_names(infos, filename)
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                raise UnsupportedFormat(filename, _describe_zip(names))
            if _is_macro_enabled(archive, names):
                raise UnsupportedFormat(
                    filename,
                    "this is a macro-enabled Word file (.docm); save it as .docx and upload that",
                )
            declared = sum(info.file_size for info in infos)
            if declared > MAX_UNPACKED_BYTES:
                raise DocumentTooLarge(
                    filename, f"the Word file unpacks to {declared // (1024 * 1024)} MB"
                )
            _check_parts(archive, infos, filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise DamagedDocument(filename, f"broken zip container: {exc}") from exc


def _check_part_names(infos: list[zipfile.ZipInfo], filename: str) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DocumentTooLarge(
            filename,
            f"the Word file holds {len(infos):,} parts, more than the {MAX_ZIP_ENTRIES:,} "
            "naskah opens",
        )
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        folded = name.lower()
        if folded in seen:
            raise UnsafeDocument(filename, f"the Word file holds the part {name!r} twice")
        seen.add(folded)
        parts = name.replace("\\", "/").split("/")
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in parts
            or ":" in name
            or any(ord(char) < 32 or ord(char) == 127 for char in name)
        ):
            raise UnsafeDocument(
                filename, f"the Word file holds a part with an unsafe name {name!r}"
            )
        if info.flag_bits & _ENCRYPTED_FLAG:
            raise EncryptedDocument(filename)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeDocument(
                filename, f"the part {name!r} uses a compression method Word never writes"
            )


def _check_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], filename: str) -> None:
    images = _image_parts(archive, infos)
    inflated = 0
    for info in infos:
        if info.is_dir():
            continue
        is_xml = info.filename not in images
        tail = b""
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                inflated += len(chunk)
                if inflated > MAX_UNPACKED_BYTES:
                    raise DocumentTooLarge(
                        filename,
                        f"the Word file unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB",
                    )
                if is_xml:
                    window = tail + chunk
                    if any(marker in window for marker in _XML_DECLARATIONS):
                        raise UnsafeDocument(
                            filename,
                            f"the part {info.filename!r} declares a DOCTYPE or XML entities, "
                            "which Word never writes",
                        )
                    tail = window[-_LONGEST_DECLARATION:]


def _image_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> set[str]:
    """Parts whose content type is a raster image: python-docx never parses those as XML.

    Every other part may be parsed as XML (python-docx goes by content type, not by name),
    so each is searched for declarations.
    """
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return set()
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        return set()
    text = archive.read(info).decode("utf-8", "replace")
    for match in _CONTENT_TYPE_DEFAULT.finditer(text):
        defaults[match["key"].lower()] = match["type"].lower()
    for match in _CONTENT_TYPE_OVERRIDE.finditer(text):
        overrides[match["key"].lstrip("/").lower()] = match["type"].lower()
    images: set[str] = set()
    for entry in infos:
        name = entry.filename
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        content_type = overrides.get(name.lower(), defaults.get(extension, ""))
        if content_type.startswith("image/") and "xml" not in content_type:
            images.add(name)
    return images


def _is_macro_enabled(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if any(name.lower().endswith(_MACRO_PARTS) for name in names):
        return True
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return False
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        return False
    # Only a macro part or a macro-enabled type of a part that is there makes a .docm: a clean
    # file may still declare a Default for .bin parts as vbaProject (templates do)
    text = archive.read(info).decode("utf-8", "replace")
    lowered = {name.lower() for name in names}
    for match in _CONTENT_TYPE_OVERRIDE.finditer(text):
        if "macroenabled" in match["type"].lower() and match["key"].lstrip("/").lower() in lowered:
            return True
    for match in _CONTENT_TYPE_DEFAULT.finditer(text):
        kind = match["type"].lower()
        if "macroenabled" in kind or "vbaproject" in kind:
            extension = "." + match["key"].lower()
            if any(name.endswith(extension) for name in lowered):
                return True
    return False


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
