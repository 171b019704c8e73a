"""The checklist of a check as a Word document, for the legal reviewer's memo.

One table row per rule, in the pack's order: what is required, its status (ada / tidak
ada / perlu diperiksa), what was found and where, the legal basis and the precedents;
the rules that do not apply and those an admin switched off follow. Returns the bytes of
a .docx (python-docx), in Indonesian or English.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from search_api.catalogue import as_lang, text
from search_api.compliance.messages import render
from search_api.compliance.model import CheckResult, Finding


@dataclass(frozen=True, slots=True)
class _Words:
    heading: str
    kind: str
    checked: str
    met: str
    columns: tuple[str, ...]
    level: dict[str, str]
    status: dict[str, str]
    skipped: str
    disabled: str
    clauses: str


def _words(language: str) -> _Words:
    """The checklist's words in `language`, from the catalogue (search_api/catalogue.py)."""
    lang = as_lang(language)

    def t(key: str) -> str:
        return text(lang, key)

    return _Words(
        heading=t("checklist.heading"),
        kind=t("check.kind"),
        checked=t("check.checked_on"),
        met=t("checklist.met"),
        columns=tuple(
            t(f"checklist.col.{c}")
            for c in ("no", "rule", "status", "finding", "basis", "precedents")
        ),
        level={level: t(f"check.level.{level}") for level in ("requirement", "recommendation")},
        status={status: t(f"check.status.{status}") for status in ("ok", "missing", "doubt")},
        skipped=t("check.skipped"),
        disabled=t("check.disabled"),
        clauses=t("checklist.clause"),
    )


_COLOURS = {
    "ok": RGBColor(0x1B, 0x5E, 0x20),
    "missing": RGBColor(0xB7, 0x1C, 0x1C),
    "doubt": RGBColor(0x8D, 0x5A, 0x00),
}


def checklist_docx(
    result: CheckResult, *, title: str, checked_on: date, language: str = "id"
) -> bytes:
    """The findings of `result` as a .docx checklist; `title` names the agreement checked."""
    words = _words(language)
    document = docx.Document()
    document.add_heading(words.heading, level=1)
    intro = document.add_paragraph()
    intro.add_run(title).bold = True
    met, total = result.requirements_met
    for label, value in (
        (words.kind, result.kind_name[language]),
        (words.checked, render(checked_on, language)),
        (words.met, f"{met} / {total}"),
    ):
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)

    table = document.add_table(rows=1, cols=len(words.columns))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, words.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    for number, finding in enumerate(result.findings, start=1):
        _row(table.add_row().cells, number, finding, language)

    if result.skipped:
        document.add_heading(words.skipped, level=2)
        for skipped in result.skipped:
            item = document.add_paragraph(style="List Bullet")
            item.add_run(f"{skipped.title[language]}: ").bold = True
            item.add_run(skipped.reason[language])
    if result.disabled:
        document.add_heading(words.disabled, level=2)
        for rule in result.disabled:
            document.add_paragraph(rule, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _row(cells: list[docx.table._Cell], number: int, finding: Finding, language: str) -> None:
    words = _words(language)
    cells[0].text = str(number)
    cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cells[1].text = ""
    cells[1].paragraphs[0].add_run(finding.title[language]).bold = True
    cells[1].add_paragraph(f"({words.level[finding.level]}; {finding.rule})").runs[
        0
    ].font.size = Pt(8)
    cells[2].text = ""
    status = cells[2].paragraphs[0].add_run(words.status[finding.status])
    status.bold = True
    status.font.color.rgb = _COLOURS[finding.status]
    cells[3].text = finding.message[language]
    if finding.clauses:
        cells[3].add_paragraph(f"{words.clauses}: {', '.join(finding.clauses)}")
    cells[4].text = finding.basis
    cells[5].text = ""
    for i, precedent in enumerate(finding.precedents):
        paragraph = cells[5].paragraphs[0] if i == 0 else cells[5].add_paragraph()
        paragraph.add_run(precedent.title).bold = True
        paragraph.add_run(f" ({precedent.clause_id}): {precedent.snippet}")
