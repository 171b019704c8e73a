"""Blocks -> text PDF with reportlab: one or two columns, running headers, page numbers, paraf boxes.

reportlab runs in invariant mode (no creation time, fixed document id) so one seed gives the same
bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from tests.variation.model import Centered, Document, Para, Rows, Signatures

rl_config.invariant = 1

_ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def _styles(font: str) -> dict[str, ParagraphStyle]:
    bold = {"Times-Roman": "Times-Bold", "Helvetica": "Helvetica-Bold"}[font]
    return {
        "body": ParagraphStyle(
            "body", fontName=font, fontSize=10.5, leading=14, alignment=TA_JUSTIFY, spaceAfter=4
        ),
        "center": ParagraphStyle(
            "center", fontName=bold, fontSize=11, leading=15, alignment=TA_CENTER
        ),
        "center_plain": ParagraphStyle(
            "center_plain", fontName=font, fontSize=10.5, leading=14, alignment=TA_CENTER
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=13, alignment=TA_LEFT),
        "sig": ParagraphStyle("sig", fontName=font, fontSize=10.5, leading=13, alignment=TA_CENTER),
    }


def render(doc: Document, path: Path) -> int:
    layout = doc.layout
    st = _styles(layout["font"])
    width, height = A4
    margin = 2.5 * cm
    frame_w = width - 2 * margin
    one = Frame(margin, 2.8 * cm, frame_w, height - 5.3 * cm, id="one")
    gap = 0.8 * cm
    col_w = (frame_w - gap) / 2
    two = [
        Frame(margin, 2.8 * cm, col_w, height - 5.3 * cm, id="left"),
        Frame(margin + col_w + gap, 2.8 * cm, col_w, height - 5.3 * cm, id="right"),
    ]

    def furniture(canvas: Any, d: Any) -> None:
        canvas.saveState()
        font = layout["font"]
        n = canvas.getPageNumber()
        if layout["header"] and n > 1:
            canvas.setFont(font, 8.5)
            canvas.drawCentredString(width / 2, height - 1.5 * cm, doc.running_header[:110])
        style = layout["page_numbers"]
        if style:
            canvas.setFont(font, 9)
            text = {"dash": f"- {n} -", "halaman": f"Halaman {n}", "plain": str(n)}[style]
            if doc.language == "en" and style == "halaman":
                text = f"Page {n}"
            canvas.drawCentredString(width / 2, 1.4 * cm, text)
        if layout["paraf"]:
            x, y = width - margin - 5 * cm, 1.9 * cm
            canvas.setFont(font, 7.5)
            canvas.rect(x, y, 5 * cm, 0.8 * cm)
            canvas.line(x + 2.5 * cm, y, x + 2.5 * cm, y + 0.8 * cm)
            canvas.drawString(x + 0.15 * cm, y + 0.55 * cm, "Paraf PIHAK I")
            canvas.drawString(x + 2.65 * cm, y + 0.55 * cm, "Paraf PIHAK II")
        canvas.restoreState()

    templates = [PageTemplate(id="one", frames=[one], onPage=furniture)]
    two_columns = layout["columns"] == 2
    if two_columns:
        templates.append(PageTemplate(id="two", frames=two, onPage=furniture))
    pdf = BaseDocTemplate(
        str(path),
        pagesize=A4,
        pageTemplates=templates,
        title="",
        author="",
        subject="",
        creator="naskah variation",
        leftMargin=margin,
        rightMargin=margin,
    )
    story: list[Any] = []
    switched = False
    for block in doc.blocks:
        if two_columns and not switched and isinstance(block, Centered) and _is_first_clause(block):
            story += [NextPageTemplate("two"), PageBreak()]
            switched = True
        if two_columns and switched and isinstance(block, Signatures):
            story += [NextPageTemplate("one"), PageBreak()]
        story += _flowables(block, st, frame_w if not switched else col_w)
    pdf.build(story)
    return int(pdf.page)


def _is_first_clause(block: Centered) -> bool:
    return any(
        line.split(" ")[0].lower() in {"pasal", "article"}
        and line.split(" ")[1:2] in (["1"], ["I"], ["1:"])
        for line in block.lines
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _flowables(block: Any, st: dict[str, ParagraphStyle], width: float) -> list[Any]:
    if isinstance(block, Centered):
        style = st["center"] if block.bold else st["center_plain"]
        return [Spacer(1, 4), *[_p(line, style) for line in block.lines], Spacer(1, 4)]
    if isinstance(block, Para):
        style = ParagraphStyle(
            f"p{block.indent}{block.align}",
            parent=st["body"],
            leftIndent=0.7 * cm * block.indent,
            alignment=_ALIGN[block.align],
        )
        return [_p(block.text, style)]
    if isinstance(block, Rows) and block.style != "table":
        out: list[Any] = []
        for i, (label, value) in enumerate(block.rows):
            lead = (block.lead or "") + " " if i == 0 else ""
            style = ParagraphStyle("row", parent=st["cell"], leftIndent=0.9 * cm if i else 0)
            out.append(_p(f"{lead}{label} : {value}", style))
        return [*out, Spacer(1, 3)]
    if isinstance(block, Rows):
        data = [
            [
                _p((block.lead or "") if i == 0 else "", st["cell"]),
                _p(label, st["cell"]),
                _p(":", st["cell"]),
                _p(value, st["cell"]),
            ]
            for i, (label, value) in enumerate(block.rows)
        ]
        widths = [0.9 * cm, 2.6 * cm, 0.4 * cm, width - 3.9 * cm]
        t = Table(data, colWidths=widths, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return [t, Spacer(1, 3)]
    if isinstance(block, Signatures):
        cols = block.columns
        n = len(cols)
        if block.style == "rowwise":
            height = max(len(c) for c in cols)
            data = [
                [_p(c[r] if r < len(c) else "", st["cell"]) for c in cols] for r in range(height)
            ]
        else:
            data = [
                [[_p(line, st["sig"]) if line else Spacer(1, 12) for line in col] for col in cols]
            ]
        t = Table(data, colWidths=[width / n] * n)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [Spacer(1, 10), t]
    raise TypeError(block)
