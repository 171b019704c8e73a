"""Readers refuse what they cannot read with the error a user can act on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from ingest.errors import (
    DamagedDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    LegacyWordFormat,
    UnsupportedFormat,
)
from ingest.model import MEDIA_PDF
from ingest.readers import read, read_path
from ingest.readers.formats import MAX_UNPACKED_BYTES

SAMPLES = Path(__file__).parent / "samples"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _encrypted_pdf(user_password: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(SAMPLES / "agreement.pdf"))
    writer.encrypt(user_password=user_password, owner_password="pemilik", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _docx_entries() -> dict[str, bytes]:
    with zipfile.ZipFile(SAMPLES / "komparisi.docx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_empty_file_is_an_empty_document() -> None:
    with pytest.raises(EmptyDocument, match="kosong.pdf"):
        read(b"", "kosong.pdf")


def test_truncated_pdf_is_a_damaged_document() -> None:
    data = (SAMPLES / "agreement.pdf").read_bytes()
    with pytest.raises(DamagedDocument, match="damaged or truncated"):
        read(data[: len(data) // 2], "terpotong.pdf")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_with_a_user_password_is_an_encrypted_document(algorithm: str) -> None:
    with pytest.raises(EncryptedDocument, match="password-protected"):
        read(_encrypted_pdf("rahasia", algorithm), "rahasia.pdf")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_encrypted_with_an_empty_user_password_reads_fine(algorithm: str) -> None:
    doc = read(_encrypted_pdf("", algorithm), "terbatas.pdf")
    assert doc.page_count == 4
    assert "Pasal 1" in doc.pages[0].lines


def test_pdf_after_a_few_junk_bytes_still_reads() -> None:
    data = b"\r\n\x00junk " + (SAMPLES / "agreement.pdf").read_bytes()
    doc = read(data, "sampah.pdf")
    assert (doc.media_type, doc.page_count) == (MEDIA_PDF, 4)


def test_pdf_without_pages_is_an_empty_document() -> None:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    with pytest.raises(EmptyDocument, match="no pages"):
        read(buffer.getvalue(), "kosong.pdf")


def test_old_binary_word_file_is_a_legacy_word_format() -> None:
    data = OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(64)
    with pytest.raises(LegacyWordFormat, match=r"\.doc\)"):
        read(data, "lama.doc")


def test_encrypted_docx_in_an_ole_container_is_an_encrypted_document() -> None:
    data = OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    with pytest.raises(EncryptedDocument):
        read(data, "rahasia.docx")


def test_truncated_png_image_is_a_damaged_document() -> None:
    # images are read (and OCR'd) since issue 6; a PNG header alone is a broken image
    data = b"\x89PNG\r\n\x1a\n" + bytes(64)
    with pytest.raises(DamagedDocument, match="unreadable image"):
        read(data, "scan.pdf")


def test_gif_image_is_unsupported_and_says_to_save_as_png_or_jpeg() -> None:
    with pytest.raises(UnsupportedFormat, match="GIF image; save the scan as PNG, JPEG or TIFF"):
        read(b"GIF89a" + bytes(64), "foto.gif")


def test_rtf_file_is_unsupported_and_says_to_save_as_docx() -> None:
    with pytest.raises(UnsupportedFormat, match=r"RTF file; save it as \.docx or PDF"):
        read(b"{\\rtf1\\ansi Perjanjian}", "perjanjian.doc")


def test_plain_text_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat, match="plain text"):
        read(b"PERJANJIAN KERJA SAMA\nPasal 1\n", "perjanjian.txt")


def test_zip_without_a_word_document_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat, match="not a Word document"):
        read(_zip({"catatan.txt": b"isi"}), "perjanjian.docx")


def test_excel_workbook_is_unsupported_and_named() -> None:
    with pytest.raises(UnsupportedFormat, match="Excel workbook"):
        read(_zip({"xl/workbook.xml": b"<workbook/>"}), "daftar.docx")


def test_macro_enabled_word_file_is_refused() -> None:
    entries = _docx_entries()
    entries["word/vbaProject.bin"] = b"\x00macro"
    with pytest.raises(UnsupportedFormat, match="macro-enabled"):
        read(_zip(entries), "makro.docx")


def test_a_macro_enabled_main_document_type_is_refused() -> None:
    entries = _docx_entries()
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )
    with pytest.raises(UnsupportedFormat, match="macro-enabled"):
        read(_zip(entries), "makro.docx")


def test_a_bin_default_type_without_a_macro_part_is_a_clean_docx() -> None:
    """Word templates declare a Default for .bin parts as vbaProject whether or not the
    package has one: without a macro part or a macro-enabled document type it is a .docx."""
    entries = _docx_entries()
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"<Default ",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ',
        1,
    )
    assert b"vbaProject" in entries["[Content_Types].xml"]
    raw = read(_zip(entries), "bersih.docx")
    assert raw.pages


def test_truncated_docx_is_a_damaged_document() -> None:
    data = (SAMPLES / "komparisi.docx").read_bytes()
    with pytest.raises(DamagedDocument):
        read(data[: len(data) // 2], "terpotong.docx")


def test_docx_with_broken_xml_is_a_damaged_document() -> None:
    entries = _docx_entries()
    entries["word/document.xml"] = b"<w:document><w:body><w:p>"
    with pytest.raises(DamagedDocument):
        read(_zip(entries), "rusak.docx")


def test_docx_without_text_is_an_empty_document() -> None:
    entries = _docx_entries()
    entries["word/document.xml"] = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p/></w:body></w:document>"
    )
    with pytest.raises(EmptyDocument, match="no text"):
        read(_zip(entries), "kosong.docx")


def test_docx_that_unpacks_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/zeros.bin", "w") as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                entry.write(chunk)
    with pytest.raises(DocumentTooLarge, match="unpacks to"):
        read_path(path)
