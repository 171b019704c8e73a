"""Find the parts of a page set in two columns, so that OCR reads each column down.

Tesseract reads a page with page segmentation 4 (one column of text, ingest/ocr/engine.py):
right for the usual agreement, where a komparisi or signature block in two columns must be
read line by line, as a text layer gives it. A page whose body runs in two columns (a
bilingual agreement set side by side, Indonesian left and English right, or a body set in
newspaper columns) read that way comes out as lines that are half one clause and half
another, and no clause is found.

A two-column part has a gutter: a vertical band near the middle of the text with no ink,
from the part's first line to its last, with text on both sides for many lines. Found on a
small binarised copy of the page, on whole text lines (rows of ink between blank rows), so
a part starts and ends between lines. Parts shorter than `MIN_COLUMN_LINES` lines on either
side (a signature block, a two-cell table) are left to be read line by line.

`reading_blocks(image)` gives the page's boxes in reading order: full-width parts as they
come, each two-column part as its left column then its right column. A page without a
two-column part gives one box, the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from PIL import Image

from ingest.ocr.preprocess import otsu

# The small copy's width; a two-column A4 page's gutter (7-13 mm) is 20-40 px there.
_WIDTH: Final = 500
# The gutter's middle lies in this share of the text's width, measured from its left edge.
_GUTTER_ZONE: Final = (0.3, 0.7)
# ... and it is at least this share of the text's width wide: Word's default spacing
# between columns (1.27 cm) is 7-8% of a page's text, a typesetter's narrowest about 4%.
# Word spaces are under 1%, and the gap between a label table's colons and its values
# (`Alamat   :  Jalan ...`, 2-3%) is no gutter: such a table is read row by row.
_MIN_GUTTER: Final = 0.04
# Each column of a two-column part holds at least this many lines.
MIN_COLUMN_LINES: Final = 10
# ... and half of them or more are inked over this share of the column's width (text is;
# a column of labels and colons is not).
MIN_LINE_COVERAGE: Final = 0.4
# A pixel of the small copy of the binarised page darker than this holds some ink.
_INK_BELOW: Final = 250
_BLANKS: Final = re.compile(rb"\x00+")


Box = tuple[int, int, int, int]  # left, top, right, bottom in the page's pixels


@dataclass(frozen=True)
class _Band:
    top: int
    bottom: int  # exclusive
    mask: int  # ink per column of the text's width, one byte per pixel (0 or 1)


def reading_blocks(image: Image.Image) -> list[Box]:
    """The boxes of `image` to read, in reading order (see the module docstring)."""
    whole: Box = (0, 0, image.width, image.height)
    if image.width < 100 or image.height < 100:
        return [whole]
    scale = image.width / _WIDTH
    gray = image.convert("L")
    # binarised at full size first: a thin stroke averaged into a small copy's pixel comes
    # out light gray, and the page would seem to have gaps where its text is
    threshold = otsu(gray)
    binary = gray.point(lambda v: 0 if v < threshold else 255)
    small = binary.resize((_WIDTH, max(1, round(image.height / scale))), Image.Resampling.BOX)
    ink = small.point(lambda v: 1 if v < _INK_BELOW else 0)
    bbox = ink.getbbox()
    if bbox is None:
        return [whole]
    left, _, right, _ = bbox
    width = right - left
    data = ink.tobytes()
    bands = _bands(data, small.width, small.height, left, right)
    parts = _two_column_parts(bands, width, data, small.width, left)
    if not parts:
        return [whole]
    blocks: list[Box] = []
    top = 0

    def full(upto: int) -> None:
        # a full-width stretch between parts is read when it holds a line
        if any(top <= band.top and band.bottom <= upto for band in bands):
            blocks.append(
                (0, _up(top, scale, image.height), image.width, _up(upto, scale, image.height))
            )

    for part_top, part_bottom, gutter_left, gutter_right in parts:
        full(part_top)
        y0, y1 = _up(part_top, scale, image.height), _up(part_bottom, scale, image.height)
        middle = left + (gutter_left + gutter_right) // 2
        x = _up(middle, scale, image.width)
        blocks.append((0, y0, x, y1))
        blocks.append((x, y0, image.width, y1))
        top = part_bottom
    full(small.height)
    return blocks


def _up(value: int, scale: float, limit: int) -> int:
    return min(limit, round(value * scale))


def _bands(data: bytes, width: int, height: int, left: int, right: int) -> list[_Band]:
    """The page's text lines: runs of rows with ink, split at rows with none. Each band's
    top and bottom are widened to the blank rows around it, so that crops keep whole lines."""
    bands: list[_Band] = []
    start: int | None = None
    mask = 0
    for y in range(height):
        row = data[y * width + left : y * width + right]
        if any(row):
            if start is None:
                start, mask = y, 0
            mask |= int.from_bytes(row, "big")
        elif start is not None:
            bands.append(_Band(start, y, mask))
            start = None
    if start is not None:
        bands.append(_Band(start, height, mask))
    return bands


def _gutter(mask: int, width: int) -> tuple[int, int] | None:
    """The widest blank run of `mask` whose middle lies in the gutter zone, as (left, right)
    offsets from the text's left edge, when it is wide enough to be a gutter."""
    row = mask.to_bytes(width, "big")
    best: tuple[int, int] | None = None
    for run in _BLANKS.finditer(row):
        middle = (run.start() + run.end()) / 2
        if not _GUTTER_ZONE[0] * width <= middle <= _GUTTER_ZONE[1] * width:
            continue
        if best is None or run.end() - run.start() > best[1] - best[0]:
            best = (run.start(), run.end())
    if best is None or best[1] - best[0] < max(2, _MIN_GUTTER * width):
        return None
    return best


def _two_column_parts(
    bands: list[_Band], width: int, data: bytes, row_width: int, left: int
) -> list[tuple[int, int, int, int]]:
    """(top, bottom, gutter left, gutter right) of each two-column part, top to bottom."""
    parts: list[tuple[int, int, int, int]] = []
    i = 0
    while i < len(bands):
        mask = 0
        j = i
        gutter: tuple[int, int] | None = None
        while j < len(bands):
            found = _gutter(mask | bands[j].mask, width)
            if found is None:
                break
            mask |= bands[j].mask
            gutter = found
            j += 1
        if gutter is not None and j > i:
            top, bottom = bands[i].top, bands[j - 1].bottom
            if _column_of_text(data, row_width, top, bottom, left, left + gutter[0]) and (
                _column_of_text(data, row_width, top, bottom, left + gutter[1], left + width)
            ):
                # the blank rows above and below belong to the part: crops keep whole lines
                above = parts[-1][1] if parts else 0
                top = max(above, top - 1)
                bottom = min(bottom + 1, bands[j].top if j < len(bands) else bottom + 1)
                parts.append((top, bottom, gutter[0], gutter[1]))
                i = j
                continue
        i += 1
    return parts


def _column_of_text(data: bytes, row_width: int, top: int, bottom: int, x0: int, x1: int) -> bool:
    """Whether rows top..bottom between x0 and x1 hold a column of running text: at least
    MIN_COLUMN_LINES lines (runs of inked rows), most of them inked over much of the width.
    A column of labels (`Nama`, `Alamat`, `Telepon` and their colons) is mostly blank."""
    coverages: list[float] = []
    inked = 0
    for y in range(top, bottom + 1):
        row = data[y * row_width + x0 : y * row_width + x1] if y < bottom else b""
        if any(row):
            inked |= int.from_bytes(row, "big")
            continue
        if inked:
            coverages.append(inked.to_bytes(x1 - x0, "big").count(1) / max(1, x1 - x0))
            inked = 0
    if len(coverages) < MIN_COLUMN_LINES:
        return False
    coverages.sort()
    return coverages[len(coverages) // 2] >= MIN_LINE_COVERAGE
