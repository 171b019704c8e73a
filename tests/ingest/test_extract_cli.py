"""`naskah extract` as a user runs it: a real process on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfWriter

NASKAH = str(Path(sys.executable).parent / "naskah")
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "ingest" / "data" / "agreement.schema.json").read_text()
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NASKAH, *args], capture_output=True, text=True, timeout=120)


def text_layer_files(corpus: Path) -> list[Path]:
    files = []
    for gold in sorted(corpus.glob("*.json")):
        data = json.loads(gold.read_text("utf-8"))
        if not data["source"]["ocr"]:
            files.extend(p for p in corpus.glob(gold.stem + ".*") if p.suffix != ".json")
    return files


@pytest.mark.slow
def test_extract_json_matches_the_schema_for_every_text_document(corpus: Path) -> None:
    files = text_layer_files(corpus)
    assert len(files) >= 9
    for path in files:
        result = run("extract", str(path), "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        jsonschema.validate(data, SCHEMA)
        assert data["source"]["filename"] == path.name


def test_packaged_schema_is_the_shared_schema(corpus: Path) -> None:
    shared = json.loads((corpus.parents[1] / "schema" / "agreement.schema.json").read_text())
    assert shared == SCHEMA


def test_extract_summary_names_title_and_clauses(corpus: Path) -> None:
    result = run("extract", str(corpus / "id-pks-louis-alain-smkn6-batam-2022.pdf"))
    assert result.returncode == 0, result.stderr
    assert "PERJANJIAN KERJA SAMA" in result.stdout
    assert "Clauses    : 11" in result.stdout


def _encrypted_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    with path.open("wb") as fh:
        writer.write(fh)


BAD_INPUTS = {
    "empty.pdf": lambda p: p.write_bytes(b""),
    "truncated.pdf": lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
    "old.doc": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
    "picture.pdf": lambda p: p.write_bytes(b"GIF89a" + b"\0" * 64),
    "notes.docx": lambda p: p.write_bytes(b"just some text, not a Word file"),
    "locked.pdf": _encrypted_pdf,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_unreadable_input_gives_one_line_and_nonzero_exit(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    BAD_INPUTS[name](path)
    result = run("extract", str(path), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]


def test_missing_file_gives_one_line(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "nothing.pdf"))
    assert result.returncode != 0
    assert "no such file" in result.stderr


def test_a_document_without_clauses_or_date_is_reported_incomplete(corpus: Path) -> None:
    # a one-page English MoU with no numbered sections and no signing date (gold says so too)
    result = run("extract", str(corpus / "en-mou-greenlogger-loan-2014.pdf"))
    assert result.returncode == 0, result.stderr
    assert "Doubts     : INCOMPLETE, review before use" in result.stdout
    assert "clauses: not_found" in result.stdout
    assert "signed_date: not_found" in result.stdout


def test_a_complete_extraction_has_no_missing_part(corpus: Path) -> None:
    result = run("extract", str(corpus / "id-pks-louis-alain-smkn6-batam-2022.pdf"))
    assert result.returncode == 0, result.stderr
    assert "INCOMPLETE" not in result.stdout
    assert "not_found" not in result.stdout
