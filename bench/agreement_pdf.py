"""Write an agreement-like text PDF of any length with reportlab (for the benchmarks).

Each page has a running header, a paraf line and a page number, and the body runs
through numbered Pasal with ayat, wrapped at about 90 characters per line.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

HEADER = "PKS Pemerintah Kabupaten Contoh - Universitas Contoh"
AYAT = (
    "PIHAK PERTAMA dan PIHAK KEDUA sepakat untuk melaksanakan kegiatan sebagaimana dimaksud "
    "dalam Pasal ini sesuai dengan ketentuan peraturan perundang-undangan yang berlaku, "
    "dengan memperhatikan asas manfaat, efisiensi, efektivitas dan saling menguntungkan, "
    "serta melaporkan pelaksanaannya secara berkala kepada masing-masing pimpinan."
)
LINES_PER_PAGE = 44


def body_lines(page_count: int, marker: str = "") -> list[str]:
    lines: list[str] = []
    pasal = 0
    while len(lines) < page_count * LINES_PER_PAGE:
        pasal += 1
        lines += [f"Pasal {pasal}", f"KETENTUAN PELAKSANAAN {marker}".strip()]
        for ayat in range(1, 4):
            lines += textwrap.wrap(f"({ayat}) {AYAT}", width=90)
        lines.append("")
    return lines


def write_agreement_pdf(path: Path, page_count: int, *, marker: str = "") -> Path:
    """`marker` (a word) goes into every Pasal heading: distinct files, and a word to search."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    lines = body_lines(page_count, marker)
    for number in range(1, page_count + 1):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(60, height - 40, HEADER)
        canvas.setFont("Helvetica", 10)
        y = height - 70
        start = (number - 1) * LINES_PER_PAGE
        for line in lines[start : start + LINES_PER_PAGE]:
            canvas.drawString(60, y, line)
            y -= 15
        canvas.setFont("Helvetica", 9)
        canvas.drawString(60, 45, "Paraf PIHAK I | PIHAK II")
        canvas.drawCentredString(width / 2, 30, f"- {number} -")
        canvas.showPage()
    canvas.save()
    return path
