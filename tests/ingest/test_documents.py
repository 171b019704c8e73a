"""Whole extraction on agreements written for these tests (not from the corpus), rendered into
real files the way offices produce them: a multi-page PDF with a running header, page numbers
and wrapped lines, and a DOCX with the signature block in a table. Every field must match."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ingest import extract_bytes
from ingest.evaluate import score_document

DOCUMENTS = Path(__file__).parent / "documents"
NAMES = sorted(p.stem for p in DOCUMENTS.glob("*.txt"))


def render_pdf(text: str, path: Path, *, header: str) -> None:
    """A4 pages of 11-pt text wrapped at 95 characters, 22 pt apart, with header and '- n -' footer."""
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    lines: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:  # a two-column row: both cells on one line, as PDF text comes out
            lines.append("        ".join(line.split("\t")))
        else:
            lines.extend(textwrap.wrap(line, 95) or [""])
    page = 1
    y = height - 80
    for line in lines:
        if y < 80:
            canvas.setFont("Helvetica", 9)
            canvas.drawCentredString(width / 2, 40, f"- {page} -")
            canvas.showPage()
            page += 1
            y = height - 80
        if y == height - 80:
            canvas.setFont("Helvetica", 9)
            canvas.drawString(60, height - 50, header)
        canvas.setFont("Helvetica", 11)
        canvas.drawString(60, y, line)
        y -= 22
    canvas.setFont("Helvetica", 9)
    canvas.drawCentredString(width / 2, 40, f"- {page} -")
    canvas.save()


def render_docx(text: str, path: Path) -> None:
    """Paragraphs, with the rows holding tabs (signature columns) put in one table."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, cells in enumerate(rows):
                for j, value in enumerate(cells):
                    table.cell(i, j).text = value
            rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        document.add_paragraph(line)
    flush()
    document.save(str(path))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_written_agreement_extracts_every_field(tmp_path: Path, name: str, kind: str) -> None:
    text = (DOCUMENTS / f"{name}.txt").read_text("utf-8")
    gold = json.loads((DOCUMENTS / f"{name}.json").read_text("utf-8"))
    path = tmp_path / f"{name}.{kind}"
    if kind == "pdf":
        render_pdf(text, path, header=f"{gold['doc_type'].upper()} {name}")
    else:
        render_docx(text, path)
    agreement = extract_bytes(path.read_bytes(), path.name, ocr=False)
    if kind == "pdf":
        assert agreement.source.pages is not None and agreement.source.pages >= 2
    scores = score_document(agreement.to_dict(), gold)
    assert {field: score for field, score in scores.items() if score < 1.0} == {}
