"""Readers on the real agreements in the shared corpus (skipped where it is not mounted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.model import MEDIA_DOCX, MEDIA_PDF
from ingest.readers import read, read_path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
FILES = sorted(CORPUS.glob("*.pdf")) + sorted(CORPUS.glob("*.docx")) if CORPUS.is_dir() else []


def _lines(path: Path) -> list[str]:
    return [line for page in read_path(path).pages for line in page.lines]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_reader_file_facts_agree_with_the_gold_label(path: Path) -> None:
    source = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["source"]
    doc = read_path(path)
    assert (doc.sha256, doc.media_type, doc.page_count) == (
        source["sha256"],
        source["media_type"],
        source["pages"],
    )
    assert source["ocr"] == (not any(page.has_text_layer for page in doc.pages))


def test_text_pdf_yields_pasal_lines_on_seven_pages() -> None:
    doc = read_path(CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf")
    assert doc.page_count == len(doc.pages) == 7
    lines = [line for page in doc.pages for line in page.lines]
    assert "Pasal 1" in lines
    assert "Pasal 11" in lines
    assert doc.pages[6].has_text_layer is False  # the signature page is a scan


def test_scan_pdf_pages_have_no_text_layer() -> None:
    doc = read_path(CORPUS / "id-pks-dsaw-smkn6-batam-2021.pdf")
    assert doc.media_type == MEDIA_PDF
    assert [page.has_text_layer for page in doc.pages] == [False, False, False]
    assert all(page.lines == () for page in doc.pages)


def test_docx_layout_table_yields_both_language_columns_in_order() -> None:
    lines = _lines(CORPUS / "id-nk-template-polibatam-industri.docx")
    assert lines.index("NOTA KESEPAHAMAN") < lines.index("MEMORANDUM OF UNDERSTANDING")
    assert "Nama\t:\tDessy Ratna Sary" in lines
    assert "Pasal 7" in lines


def test_docx_signature_table_roles_come_out_on_one_tabbed_line() -> None:
    lines = _lines(CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx")
    assert "PIHAK KEDUA,\tPIHAK PERTAMA," in lines
    assert "NIK 230 800 245" in lines


def test_docx_of_plain_paragraphs_reads_in_order() -> None:
    doc = read_path(CORPUS / "en-mou-cipher-craft-murree-brewery-2024.docx")
    assert doc.media_type == MEDIA_DOCX
    assert doc.page_count is None
    assert [page.number for page in doc.pages] == [1]
    assert doc.pages[0].lines[:2] == ("Memorandum of Understanding (MOU)", "1. Introduction")


def test_pdf_named_docx_still_reads_as_pdf() -> None:
    data = (CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf").read_bytes()
    doc = read(data, "perjanjian.docx")
    assert (doc.media_type, doc.page_count, doc.filename) == (MEDIA_PDF, 7, "perjanjian.docx")


def test_pdf_whose_words_are_placed_without_spaces_reads_with_spaces() -> None:
    # its generator positions each word; pypdf's plain mode runs them together
    doc = read_path(CORPUS / "en-mou-insulate-ukraine-dssd-2023.pdf")
    text = " ".join(" ".join(line.split()) for page in doc.pages for line in page.lines)
    assert "Memorandum of Understanding on Cooperation between" in text
    assert "MemorandumofUnderstanding" not in text
