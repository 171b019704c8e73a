"""Read a Word (.docx) file: paragraphs and tables in document order (the only python-docx importer).

Rendering, so that later steps see the same kind of lines as from a PDF:

* each paragraph is one line; a soft line break (<w:br/>) starts a new line; an empty
  paragraph becomes one blank line (runs of them collapse to one), which keeps the
  visual paragraph gaps that structure detection also sees in PDF text;
* a table row whose distinct cells each hold at most one line, all short (at most
  MAX_ROW_CELL_CHARS) except perhaps the last, becomes ONE line, cells joined by a TAB
  ("Nama\t:\tJohn Doe", "Alamat\t:\t<a long address>", "PIHAK PERTAMA,\tPIHAK KEDUA,");
  empty cells are left out of that line;
* any other row is emitted cell after cell, each cell's lines in order with a blank line
  between cells, so a two-column signature block reads column by column and a layout
  table holding the whole agreement reads naturally;
* merged cells are emitted once: a horizontal merge is one <w:tc>, and a vertical merge
  continuation (<w:vMerge/> without "restart") is skipped, its text lives in the first row;
* nested tables, content controls (<w:sdt>) and text boxes are read in place; deleted
  tracked changes, headers, footers and footnotes are not (headers and footers are page
  furniture, which the clean-up step would drop anyway).

The whole document is one Page (Word has no fixed pages).
"""

from __future__ import annotations

import io
import logging
import time
import zipfile
import zlib
from collections.abc import Iterator
from typing import Final, Protocol

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from ingest.errors import DamagedDocument, DocumentTooLarge, EmptyDocument
from ingest.extract.language import detect
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.model import Page

log = logging.getLogger(__name__)

MAX_ROW_CELL_CHARS: Final = 80
# A column of a bilingual table holds at least this much text (a version, not a label list).
_PARALLEL_MIN_CHARS: Final = 200

_MC_FALLBACK: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_T, W_TAB, W_PTAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
W_NO_BREAK_HYPHEN, W_TXBX_CONTENT = qn("w:noBreakHyphen"), qn("w:txbxContent")
W_TC_PR, W_VMERGE, W_VAL = qn("w:tcPr"), qn("w:vMerge"), qn("w:val")
# Subtrees with no visible text: properties (their <w:tab> are tab stops), deleted and
# moved-away revisions, and the duplicate legacy copy of every text box.
_SKIPPED: Final = frozenset({qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:moveFrom"), _MC_FALLBACK})


class _Element(Protocol):
    """The slice of lxml's element API this module uses."""

    tag: object
    text: str | None

    def __iter__(self) -> Iterator[_Element]: ...
    def find(self, path: str) -> _Element | None: ...
    def get(self, key: str) -> str | None: ...


def read_pages(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Page, ...]:
    """Return the document as one Page of lines (see the module docstring for the rules).

    Raises DamagedDocument when python-docx cannot open the package, EmptyDocument
    when the document holds no text at all and DocumentTooLarge past `limits.max_chars`.
    The package must have passed `formats.detect` (zip and XML checks) first.
    """
    started = time.perf_counter()
    try:
        document = docx.Document(io.BytesIO(data))
        body: _Element = document.element.body
    # lxml's XMLSyntaxError is a SyntaxError: catching that avoids importing untyped lxml
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        SyntaxError,
        EOFError,
        zlib.error,
    ) as exc:
        raise DamagedDocument(filename, f"{type(exc).__name__}: {exc}"[:120]) from exc
    lines = _block_lines(body)
    if not lines:
        raise EmptyDocument(filename, "the Word document contains no text")
    chars = sum(len(line) for line in lines)
    if chars > limits.max_chars:
        raise DocumentTooLarge(
            filename,
            f"its text is {chars:,} characters, more than the {limits.max_chars:,} naskah reads",
        )
    log.info(
        "read file=%s step=docx lines=%d in %.2fs",
        filename,
        len(lines),
        time.perf_counter() - started,
    )
    return (Page(number=1, lines=tuple(lines)),)


def _block_lines(container: _Element) -> list[str]:
    """Lines of a block container: the body, a table cell, a text box, a content control."""
    lines: list[str] = []
    for child in container:
        if child.tag == W_P:
            lines.extend(_paragraph_lines(child))
        elif child.tag == W_TBL:
            lines.append("")
            lines.extend(_table_lines(child))
            lines.append("")
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                lines.extend(_block_lines(content))
        elif child.tag == W_CUSTOM_XML:
            lines.extend(_block_lines(child))
    return _tidy(lines)


def _paragraph_lines(paragraph: _Element) -> list[str]:
    parts: list[str] = []
    boxes: list[str] = []
    _collect_text(paragraph, parts, boxes)
    lines = [line.rstrip() for line in "".join(parts).split("\n")]
    if boxes:
        lines.extend(["", *boxes, ""])
    return lines


def _collect_text(element: _Element, parts: list[str], boxes: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == W_T:
            parts.append(child.text or "")
        elif tag in (W_TAB, W_PTAB):
            parts.append("\t")
        elif tag in (W_BR, W_CR):
            parts.append("\n")
        elif tag == W_NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == W_TXBX_CONTENT:
            boxes.extend(_block_lines(child))
        elif isinstance(tag, str) and tag not in _SKIPPED:
            _collect_text(child, parts, boxes)


def _table_lines(table: _Element) -> list[str]:
    rows = [
        cells
        for row in _children(table, W_TR)
        if (cells := [cell for cell in map(_block_lines, _row_cells(row)) if cell])
    ]
    if (first := _parallel_first(rows)) is not None:
        return _parallel_lines(rows, first)
    lines: list[str] = []
    for cells in rows:
        if _is_one_line_row(cells):
            lines.append("\t".join(cell[0].strip() for cell in cells))
            continue
        for cell in cells:
            lines.extend(["", *cell, ""])
    return lines


def _parallel_first(rows: list[list[list[str]]]) -> int | None:
    """For a bilingual table (DOMAIN 4.15: Indonesian beside English, row by row), the index
    of the column to read first: the Indonesian one, the version the law makes binding.
    None for any other table.

    Bilingual: most rows hold two cells, and the two columns, each with some text, are in
    different languages. Read row by row, such a table interleaves the versions sentence by
    sentence, and every extractor after it sees each party, number and clause twice."""
    pairs = [cells for cells in rows if len(cells) == 2]
    if len(pairs) < 3 or len(pairs) < 0.6 * len(rows):
        return None
    columns = ["\n".join(line for cells in pairs for line in cells[k]) for k in (0, 1)]
    if min(len(c) for c in columns) < _PARALLEL_MIN_CHARS:
        return None
    languages = [detect(c) for c in columns]
    if languages[0] == languages[1]:
        return None
    return languages.index("id")


def _parallel_lines(rows: list[list[list[str]]], first: int) -> list[str]:
    """The first column's cells top to bottom (rows of one cell in place), then the other's."""
    lines: list[str] = []
    for k in (first, 1 - first):
        for cells in rows:
            if len(cells) == 2:
                lines.extend(["", *cells[k], ""])
            elif k == first:
                for cell in cells:
                    lines.extend(["", *cell, ""])
        lines.append("")
    return lines


def _is_one_line_row(cells: list[list[str]]) -> bool:
    # The last cell may be long: "Alamat : <a long address>" is still one key-value line.
    if any(len(cell) > 1 for cell in cells):
        return False
    return all(len(cell[0]) <= MAX_ROW_CELL_CHARS for cell in cells[:-1])


def _row_cells(row: _Element) -> Iterator[_Element]:
    """Distinct cells of a row, skipping continuations of a vertical merge."""
    for cell in _children(row, W_TC):
        properties = cell.find(W_TC_PR)
        merge = properties.find(W_VMERGE) if properties is not None else None
        if merge is None or merge.get(W_VAL) == "restart":
            yield cell


def _children(element: _Element, tag: str) -> Iterator[_Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == W_CUSTOM_XML:
            yield from _children(child, tag)


def _tidy(lines: list[str]) -> list[str]:
    """Blank out whitespace-only lines, collapse blank runs, trim blanks at both ends."""
    tidy: list[str] = []
    for line in lines:
        if line.strip():
            tidy.append(line)
        elif tidy and tidy[-1]:
            tidy.append("")
    if tidy and not tidy[-1]:
        tidy.pop()
    return tidy
