"""Blocks -> .docx with python-docx: paragraphs, tab stops, tables, or the whole text in a table.

Word packages carry the time they were written; the zip is rewritten with a fixed date and
fixed core properties so one seed gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tests.variation.model import Centered, Document, Para, Rows, Signatures

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
FIXED = datetime(2024, 1, 1, 0, 0, 0)


def render(doc: Document, path: Path) -> None:
    d = docx.Document()
    props = d.core_properties
    props.author, props.last_modified_by = "naskah variation", "naskah variation"
    props.created = props.modified = FIXED
    props.revision = 1
    style = d.styles["Normal"]
    style.font.name = "Times New Roman" if doc.layout["font"] == "Times-Roman" else "Arial"
    style.font.size = Pt(11)
    if doc.layout.get("whole_in_table"):
        table = d.add_table(rows=1, cols=1)
        container: Any = table.cell(0, 0)
        container.paragraphs[0].text = ""
        first = container.paragraphs[0]
    else:
        container, first = d, None
    for block in doc.blocks:
        first = _block(container, block, doc, first)
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_stable_zip(buf.getvalue()))


def _para(container: Any, first: Any, text: str = "") -> Any:
    if first is not None:
        first.text = text
        return first
    return container.add_paragraph(text)


def _block(container: Any, block: Any, doc: Document, first: Any) -> None:
    if isinstance(block, Centered):
        for line in block.lines:
            p = _para(container, first, "")
            first = None
            run = p.add_run(line)
            run.bold = block.bold
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return None
    if isinstance(block, Para):
        p = _para(container, first, block.text)
        p.alignment = _ALIGN[block.align]
        if block.indent:
            p.paragraph_format.left_indent = Cm(0.75 * block.indent)
        return None
    if isinstance(block, Rows):
        _rows(container, block, first)
        return None
    if isinstance(block, Signatures):
        _signatures(container, block)
        return None
    raise TypeError(block)


def _rows(container: Any, block: Rows, first: Any) -> None:
    if block.style == "table":
        table = container.add_table(rows=len(block.rows), cols=4)
        for i, (label, value) in enumerate(block.rows):
            cells = table.rows[i].cells
            cells[0].text = (block.lead or "") if i == 0 else ""
            cells[1].text = label
            cells[2].text = ":"
            cells[3].text = value
        return
    for i, (label, value) in enumerate(block.rows):
        lead = (block.lead or "") if i == 0 else ""
        if block.style == "tab":
            p = _para(container, first, f"{lead}\t{label}\t: {value}")
            tabs = p.paragraph_format.tab_stops
            tabs.add_tab_stop(Cm(0.75))
            tabs.add_tab_stop(Cm(3.5))
        else:
            pad = " " * max(1, 10 - len(label))
            p = _para(
                container,
                first,
                f"{lead} {label}{pad}: {value}".strip() if lead else f"     {label}{pad}: {value}",
            )
        first = None
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _signatures(container: Any, block: Signatures) -> None:
    cols = block.columns
    height = max(len(c) for c in cols)
    if block.style == "rowwise":
        table = container.add_table(rows=height, cols=len(cols))
        for r in range(height):
            for c, col in enumerate(cols):
                table.cell(r, c).text = col[r] if r < len(col) else ""
        return
    table = container.add_table(rows=1, cols=len(cols))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, col in enumerate(cols):
        cell = table.cell(0, c)
        cell.paragraphs[0].text = col[0]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in col[1:]:
            p = cell.add_paragraph(line)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _stable_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
