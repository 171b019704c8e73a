"""Page furniture: running headers and footers, page numbers, paraf boxes, watermarks, BSrE footers.

Works on normalised lines (single spaces, stripped), page by page. Furniture is looked for
only where it lives: running headers/footers and page numbers among the first and last
EDGE_LINES non-empty lines of a page, BSrE e-signature footers among the last BSRE_LINES;
paraf boxes and watermarks are drawn anywhere on the page, so any line may be one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Final

EDGE_LINES: Final = 3
BSRE_LINES: Final = 6
MIN_REPEAT_PAGES: Final = 3
MAX_PARAF_CHARS: Final = 80

_DIGITS: Final = re.compile(r"\d+")
# clause headings start many pages; they are structure, never running headers
_STRUCTURE: Final = re.compile(
    r"(?:pasal|article|bab|bagian|paragraf|section|clause|lampiran|annex)\b", re.IGNORECASE
)
_PAGE_NUMBER: Final = re.compile(
    r"[-\u2013\u2014]?\s*(?P<bare>\d{1,4})\s*[-\u2013\u2014]?"
    r"|(?:halaman|hal\.?|page|pg\.?)\s*(?P<labelled>\d{1,4})(?:\s*(?:dari|of|/)\s*\d{1,4})?"
    r"|(?P<fraction>\d{1,4})\s*(?:/|dari|of)\s*\d{1,4}"
    # Word's '9 | Page' footer, also as OCR reads it ('10| Page', '11 |')
    r"|(?P<piped>\d{1,4})\s*\|\s*(?:halaman|page|pg\.?)?"
    r"|(?:halaman|page)\s*\|\s*(?P<piped_after>\d{1,4})",
    re.IGNORECASE,
)
_PARAF: Final = re.compile(r"paraf\b", re.IGNORECASE)
_WATERMARKS: Final = frozenset({"salinan", "draft", "draf", "konsep"})
# The lookahead holds the phrases' first letters: most characters fail it at once, before
# the search tries each phrase there.
_BSRE: Final = re.compile(
    r"(?=[bsdua])(?:\bBSrE\b|balai sertifikasi elektronik|sertifikat elektronik"
    r"|ditandatangani secara elektronik|\bUU ITE\b|dokumen elektronik dan/atau"
    r"|alat bukti hukum yang sah)",
    re.IGNORECASE,
)


def drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Return the pages without furniture lines (see the module docstring)."""
    page_total = len(pages)
    running = _running_keys(pages)
    return [_keep_body(page, running, page_total) for page in pages]


def _keep_body(page: list[str], running: frozenset[str], page_total: int) -> list[str]:
    filled = [index for index, line in enumerate(page) if line]
    edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
    bottom = set(filled[-BSRE_LINES:])
    return [
        line
        for index, line in enumerate(page)
        if not line
        or not (
            _is_paraf(line)
            or _is_watermark(line)
            or (index in bottom and _BSRE.search(line) is not None)
            or (index in edges and (_key(line) in running or _is_page_number(line, page_total)))
        )
    ]


def _running_keys(pages: list[list[str]]) -> frozenset[str]:
    """Keys of edge lines that repeat on at least half of the pages with text (and >= 3)."""
    with_text = [page for page in pages if any(page)]
    needed = max(MIN_REPEAT_PAGES, math.ceil(len(with_text) / 2))
    if len(with_text) < needed:
        return frozenset()
    counts: Counter[str] = Counter()
    for page in with_text:
        filled = [line for line in page if line]
        edge_lines = filled[:EDGE_LINES] + filled[-EDGE_LINES:]
        counts.update({_key(line) for line in edge_lines if not _STRUCTURE.match(line)})
    return frozenset(key for key, count in counts.items() if count >= needed)


def _key(line: str) -> str:
    """Digits become '#', case and spacing fold: 'Halaman 3' and 'HALAMAN  4' match."""
    return _DIGITS.sub("#", " ".join(line.casefold().split()))


def _is_page_number(line: str, page_total: int) -> bool:
    match = _PAGE_NUMBER.fullmatch(line)
    if match is None:
        return False
    bare = match.group("bare")
    # a lone number is a page number only if it could be one (not a year, not an amount)
    return bare is None or 0 < int(bare) <= page_total + 10


def _is_paraf(line: str) -> bool:
    return len(line) <= MAX_PARAF_CHARS and _PARAF.match(line) is not None


def _is_watermark(line: str) -> bool:
    return len(line) <= 20 and "".join(line.split()).casefold() in _WATERMARKS
