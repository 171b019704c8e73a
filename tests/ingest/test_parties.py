from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from ingest import extract_bytes
from ingest.extract.parties import read_parties, smart_title, title_party_names
from ingest.extract.parties.names import split_name, wrong_name
from ingest.extract.parties.signatures import read_signers
from ingest.structure import outline
from tests.ingest.casetable import load

CASES = load("parties.json") + load("parties.id.json") + load("parties.en.json")


def _read(row: dict[str, Any]) -> Any:
    text: str = row["text"]
    structure = outline(text, row["language"])
    return read_parties(
        text,
        structure.opening_start,
        structure.preamble_end,
        language=row["language"],
        title=row["title"],
        signatures=text[structure.signatures_start :],
    )


@pytest.mark.parametrize("row", CASES)
def test_parties_are_found_with_signers(row: dict[str, Any]) -> None:
    reading = _read(row)
    got = [
        [f.value.role, f.value.name, f.value.representative, f.value.position]
        for f in reading.parties
    ]
    assert got == row["parties"]
    for f in reading.parties:
        assert 0 <= f.span[0] < f.span[1] <= len(row["text"])


@pytest.mark.parametrize(
    "row", [c for c in CASES if "doubts" in c.values[0] or c.values[0].get("no_doubts")]
)
def test_parties_say_what_may_be_wrong(row: dict[str, Any]) -> None:
    doubts = {(d.code, d.item) for d in _read(row).doubts}
    if row.get("no_doubts"):
        assert doubts == set()
    for code, item in row.get("doubts", []):
        assert (code, item) in doubts, doubts


@pytest.mark.parametrize("row", load("names.csv"))
def test_a_name_keeps_its_titles_and_the_office_follows(row: dict[str, str]) -> None:
    split = split_name(row["text"])
    assert split.name == row["name"]
    assert split.rest.strip(" ,:") == row["rest"]


@pytest.mark.parametrize("row", load("name_shapes.csv"))
def test_only_a_name_shaped_value_is_a_name(row: dict[str, str]) -> None:
    assert (wrong_name(row["value"]) is None) is (row["is_name"] == "true")


def test_title_block_names_split_on_dengan_before_dan() -> None:
    title = (
        "PERJANJIAN ANTARA FAKULTAS KEDOKTERAN DAN ILMU KESEHATAN DENGAN DINAS KESEHATAN TENTANG X"
    )
    assert title_party_names(title) == ["FAKULTAS KEDOKTERAN DAN ILMU KESEHATAN", "DINAS KESEHATAN"]


def test_english_title_block_names_split_on_and() -> None:
    title = (
        "MEMORANDUM OF UNDERSTANDING BETWEEN HANOVER WATER PARTNERSHIP AND GOWA REGENCY ON WATER"
    )
    assert title_party_names(title) == ["HANOVER WATER PARTNERSHIP", "GOWA REGENCY"]


def test_smart_title_keeps_acronyms_upper() -> None:
    assert (
        smart_title("PT. LOUIS ALAIN DAN SMK NEGERI 6 BATAM")
        == "PT. Louis Alain dan SMK Negeri 6 Batam"
    )


def _docx_agreement(path: Path, *, second_signer: str = "Prof. Dr. Ir. Budi Santoso, M.T.") -> None:
    """A Kesepakatan Bersama with its komparisi in Word tables and its date only above the
    signatures, as regional offices write them."""
    first = [
        ("1.", "Nama", ":", "H. Andi Rahman Syam, S.IP., M.H."),
        ("", "Jabatan", ":", "Bupati Maros"),
        ("", "Alamat", ":", "Jalan Asoka Nomor 1, Maros"),
    ]
    second = [
        ("2.", "Nama", ":", second_signer),
        ("", "Jabatan", ":", "Rektor Universitas Negeri Contoh"),
    ]
    document = docx.Document()
    for line in ("KESEPAKATAN BERSAMA", "ANTARA", "PEMERINTAH KABUPATEN MAROS", "DENGAN"):
        document.add_paragraph(line)
    for line in ("UNIVERSITAS NEGERI CONTOH", "TENTANG", "PENGEMBANGAN SUMBER DAYA MANUSIA"):
        document.add_paragraph(line)
    document.add_paragraph("Kami yang bertanda tangan di bawah ini:")
    for rows, tail in (
        (first, "Pemerintah Kabupaten Maros, selanjutnya disebut PIHAK PERTAMA."),
        (second, "Universitas Negeri Contoh, selanjutnya disebut PIHAK KEDUA."),
    ):
        table = document.add_table(rows=len(rows), cols=4)
        for i, cells in enumerate(rows):
            for j, value in enumerate(cells):
                table.cell(i, j).text = value
        document.add_paragraph(f"Dalam hal ini bertindak untuk dan atas nama {tail}")
    document.add_paragraph("PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK.")
    for number, heading, body in (
        ("1", "MAKSUD DAN TUJUAN", "Kesepakatan ini menjadi landasan kerja sama."),
        (
            "2",
            "JANGKA WAKTU",
            "Kesepakatan ini berlaku selama 5 (lima) tahun sejak ditandatangani.",
        ),
        ("3", "PENUTUP", "Demikian Kesepakatan Bersama ini dibuat dalam rangkap 2 (dua)."),
    ):
        document.add_paragraph(f"Pasal {number}")
        document.add_paragraph(heading)
        document.add_paragraph(body)
    document.add_paragraph("Maros, 8 Juli 2019")
    signatures = document.add_table(rows=3, cols=2)
    for i, (left, right) in enumerate(
        [
            ("PIHAK KEDUA,", "PIHAK PERTAMA,"),
            ("REKTOR,", "BUPATI MAROS,"),
            ("PROF. DR. IR. BUDI SANTOSO, M.T.", "H. ANDI RAHMAN SYAM, S.IP., M.H."),
        ]
    ):
        signatures.cell(i, 0).text = left
        signatures.cell(i, 1).text = right
    document.save(str(path))


def test_a_komparisi_in_word_tables_gives_parties_signers_and_the_signature_date(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kb-maros.docx"
    _docx_agreement(path)
    agreement = extract_bytes(path.read_bytes(), path.name, ocr=False)
    assert [(p.role, p.name, p.representative, p.position) for p in agreement.parties] == [
        (
            "PIHAK PERTAMA",
            "Pemerintah Kabupaten Maros",
            "H. Andi Rahman Syam, S.IP., M.H.",
            "Bupati Maros",
        ),
        (
            "PIHAK KEDUA",
            "Universitas Negeri Contoh",
            "Prof. Dr. Ir. Budi Santoso, M.T.",
            "Rektor Universitas Negeri Contoh",
        ),
    ]
    assert agreement.signed_date == date(2019, 7, 8)
    assert agreement.signed_place == "Maros"
    assert agreement.expiry_date == date(2024, 7, 7)
    assert agreement.doubts_of("parties") == []


def test_a_signer_that_is_a_label_word_is_doubted_in_the_agreement(tmp_path: Path) -> None:
    path = tmp_path / "kb-maros.docx"
    _docx_agreement(path, second_signer="Nama")
    agreement = extract_bytes(path.read_bytes(), path.name, ocr=False)
    second = agreement.parties[1]
    assert second.representative == "PROF. DR. IR. BUDI SANTOSO, M.T."  # from its signature
    codes = {(d.code, d.item) for d in agreement.doubts_of("parties")}
    assert ("wrong_shape", 1) in codes
    assert ("fallback", 1) in codes


@pytest.mark.parametrize("row", load("signatures.json"))
def test_signature_blocks_give_each_role_its_signer(row: dict[str, Any]) -> None:
    signers = read_signers(row["text"], row.get("parties", ()))
    got = [[s.role, s.institution, s.office, s.name] for s in signers]
    assert got == row["signers"]
