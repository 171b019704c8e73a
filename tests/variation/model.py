"""What a generated agreement is before it becomes a file: blocks in reading order, plus gold.

Renderers (render_docx.py, render_pdf.py) turn the blocks into a file; the gold label is built
from the same decisions, never read back from the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Centered:
    """Lines centred on the page (title block, NOMOR lines, clause numbers and headings)."""

    lines: list[str]
    bold: bool = True


@dataclass
class Para:
    text: str
    indent: int = 0  # 0 body, 1 list item, 2 item under an item
    align: str = "justify"  # justify | left | center | right


@dataclass
class Rows:
    """Label rows of a komparisi: ('Nama', 'H. Ahmad Yani, S.E.'), ...

    style: colon ('Nama : x', spaces), tab ('Nama<TAB>: x' with tab stops), table (one row per
    label, cells label | ':' | value). lead is the party's number ('1.') or None.
    """

    rows: list[tuple[str, str]]
    style: str
    lead: str | None = None


@dataclass
class Signatures:
    """Signature block. columns: one list of lines per column, side by side.

    style: columns (a table, one cell per party) or rowwise (a table whose rows hold one kind
    of line for every party: 'By:' | 'By:', then the names, then the titles).
    """

    columns: list[list[str]]
    style: str = "columns"


@dataclass
class Document:
    name: str
    language: str
    blocks: list[Any] = field(default_factory=list)
    gold: dict[str, Any] = field(default_factory=dict)
    # rendering choices, decided with the content so that one seed gives one file
    fmt: str = "pdf"  # pdf | docx
    layout: dict[str, Any] = field(default_factory=dict)
    running_header: str = ""
