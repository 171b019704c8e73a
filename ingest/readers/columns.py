"""Side-by-side bilingual pages of a PDF (DOMAIN 4.15): Indonesian on the left, English on
the right, or the reverse. Plain text extraction interleaves them line by line ('Pada hari
ini Senin tanggal ...' / 'On this Monday, the ...'); with each text piece's position the two
columns are read one after the other, the Indonesian one first. Pure: text and positions in,
lines out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from ingest.extract.language import detect, line_languages

# At least this many lines whose language is clear, most of them switching language from
# the one before: a translation set beside its original, not a quote in another language.
_MIN_CLEAR_LINES: Final = 8
_MIN_SWITCH_SHARE: Final = 0.6


def interleaved(lines: Sequence[str]) -> bool:
    """Whether the lines alternate between Indonesian and English, as a side-by-side
    bilingual page reads in plain text."""
    clear = [lang for lang in line_languages(list(lines)) if lang is not None]
    if len(clear) < _MIN_CLEAR_LINES or len(set(clear)) < 2:
        return False
    switches = sum(1 for a, b in zip(clear, clear[1:], strict=False) if a != b)
    return switches >= _MIN_SWITCH_SHARE * (len(clear) - 1)


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of text as the PDF places it: x of its start and y of its baseline (points)."""

    x: float
    y: float
    text: str


def column_lines(pieces: Sequence[Piece], page_width: float) -> list[str] | None:
    """The page's lines column by column, the Indonesian column first; None when the pieces
    do not fall into two columns (a right column starts where many pieces start, in the
    right half)."""
    starts = Counter(round(p.x) for p in pieces if p.x > 0.4 * page_width)
    if not starts:
        return None
    edge, count = starts.most_common(1)[0]
    if count < _MIN_CLEAR_LINES:
        return None
    left = [p for p in pieces if p.x < edge - 2]
    right = [p for p in pieces if p.x >= edge - 2]
    if not left or not right:
        return None
    columns = [_lines(left), _lines(right)]
    if detect("\n".join(columns[0])) == "en" and detect("\n".join(columns[1])) == "id":
        columns.reverse()
    return [*columns[0], "", *columns[1]]


def _lines(pieces: list[Piece]) -> list[str]:
    """Pieces grouped into lines by baseline (top of the page first), each line's pieces in
    x order."""
    rows: dict[float, list[Piece]] = {}
    for piece in pieces:
        rows.setdefault(round(piece.y), []).append(piece)
    lines = []
    for y in sorted(rows, reverse=True):
        # pieces placed apart are words apart: a space between them, then spaces folded
        text = " ".join(p.text for p in sorted(rows[y], key=lambda p: p.x))
        lines.append(" ".join(text.split()))
    return lines
