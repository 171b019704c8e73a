"""Put back together a 'label : value' block whose label wraps in its own column.

A komparisi set as two columns reads, line by line as Tesseract gives it:

    1. BPJS KETENAGAKERJAAN   : Suatu badan hukum publik yang didirikan
       CABANG BATAM SEKUPANG    berdasarkan Undang-undang ...

so the label's second line lands in front of the value's second line ('CABANG BATAM
SEKUPANG berdasarkan ...'), and every extractor after OCR reads a broken name. With the
words' x positions the columns are plain: words left of the colon belong to the label,
words from the value's left edge on to the value. The block is rewritten as

    1. BPJS KETENAGAKERJAAN CABANG BATAM SEKUPANG : Suatu badan hukum publik yang didirikan
    berdasarkan Undang-undang ...

A text layer of the same layout gives the label on one line; this makes OCR agree with it.
Lines outside such a block, and blocks whose label does not wrap (a Nama/Jabatan table
whose long values wrap), come back as they were.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    right: int


@dataclass(frozen=True)
class Line:
    """One line as Tesseract read it: `text` with its own line ends ('\\n', '\\n\\n' at the end
    of a paragraph), and its words with their horizontal extent in pixels."""

    text: str
    words: tuple[Word, ...]


# A column edge may wander this share of the page width from line to line (skew, ragged
# scans); the gutter between label and value is at least as wide.
_TOLERANCE: Final = 0.02
_LIST_NUMBER: Final = re.compile(r"(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)]")


def join_label_columns(lines: Sequence[Line], page_width: int) -> str:
    """The page's text, with each two-column 'label : value' block whose label wraps
    rewritten so that the whole label stands before the colon on the block's first line."""
    tolerance = max(8, round(page_width * _TOLERANCE))
    out: list[str] = []
    i = 0
    while i < len(lines):
        block = _label_block(lines, i, tolerance)
        if block is None:
            out.append(lines[i].text)
            i += 1
            continue
        rewritten, i = block
        out.extend(rewritten)
    return "".join(out)


@dataclass(frozen=True)
class _Columns:
    label_left: int  # where the label's words start (after a list number)
    colon_left: int  # the colon's left edge: label words end before it
    value_left: int  # where the value's words start


def _columns(line: Line, tolerance: int) -> tuple[_Columns, int] | None:
    """The columns of a 'label : value' row and the index of its colon word, or None.

    The label must stand clear of the colon (a gutter of at least `tolerance`): in running
    prose ('sebagai berikut : a.') the colon follows its word at a space's width."""
    words = line.words
    first = 1 if words and _LIST_NUMBER.fullmatch(words[0].text) else 0
    for k in range(first + 1, len(words) - 1):
        if words[k].text != ":":
            continue
        if words[k].left - words[k - 1].right < tolerance:
            return None
        return _Columns(words[first].left, words[k].left, words[k + 1].left), k
    return None


def _split(line: Line, cols: _Columns, tolerance: int) -> tuple[list[Word], list[Word]] | None:
    """(label words, value words) of a line inside a block, or None when it does not sit in
    the block's two columns."""
    words = line.words
    if not words:
        return None
    if abs(words[0].left - cols.value_left) <= tolerance:
        return [], list(words)  # the value goes on; nothing in the label column
    if abs(words[0].left - cols.label_left) > tolerance:
        return None
    label = [w for w in words if w.right < cols.colon_left]
    value = list(words[len(label) :])
    if not value:
        # a label line with nothing beside it: more often a heading under a table
        # ('PIHAK KEDUA:' under 'Telp : ...') than a label longer than its value
        return None
    if any(w.text == ":" for w in value):
        return None  # a row of its own: 'Jabatan : ...' under 'Nama : ...'
    if abs(value[0].left - cols.value_left) > tolerance:
        return None
    if value[0].left < (cols.colon_left + cols.value_left) / 2:
        return None  # a word where the colon stands: a row whose ':' OCR read as '1'
    if value[0].left - label[-1].right < tolerance or label[-1].right > cols.colon_left - tolerance:
        return None  # no clear gutter: prose that starts at the margin
    return label, value


def _label_block(lines: Sequence[Line], start: int, tolerance: int) -> tuple[list[str], int] | None:
    """The rewritten lines of the block starting at `start` and the index after it, or None
    when no block starts there or its label does not wrap."""
    found = _columns(lines[start], tolerance)
    if found is None:
        return None
    cols, colon = found
    head = lines[start].words
    label_more: list[Word] = []
    values: list[tuple[list[Word], str]] = []
    label_ended = False
    end = start + 1
    while end < len(lines):
        parts = _split(lines[end], cols, tolerance)
        if parts is None:
            break
        label, value = parts
        if label and (label_ended or len(label_more) > 12):
            break  # label words after the label had ended: not this block any more
        label_ended = not label
        label_more.extend(label)
        values.append((value, _line_end(lines[end].text)))
        end += 1
    if not label_more:
        return None
    first = " ".join(w.text for w in (*head[:colon], *label_more, *head[colon:]))
    rewritten = [first + _line_end(lines[start].text)]
    rewritten.extend(" ".join(w.text for w in value) + ending for value, ending in values if value)
    return rewritten, end


def _line_end(text: str) -> str:
    return text[len(text.rstrip("\n")) :] or "\n"
