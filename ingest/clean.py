"""Clean-up, pure: RawDocument -> CleanText, the text every later step reads.

In order: odd characters are normalised and spaces folded per line; page furniture is
dropped (ingest.furniture); words broken by a line-end hyphen are joined
(ingest.hyphenation); blank lines collapse to at most one and pages are joined by "\\n".
TAB characters survive (the DOCX reader separates table cells with them), folded to one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

from ingest.furniture import drop_furniture
from ingest.hyphenation import SOFT_HYPHEN, join_hyphenated
from ingest.model import RawDocument

_TRANSLATION: Final = str.maketrans(
    {
        **dict.fromkeys("\u00a0\u2007\u202f\u205f\u3000", " "),
        **dict.fromkeys([chr(code) for code in range(0x2000, 0x200B)], " "),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
        **dict.fromkeys([chr(code) for code in range(0x20) if chr(code) != "\t"], ""),
        "\x7f": "",
        # punctuation that looks like ASCII's but is not: the Greek question mark (canonically
        # a semicolon), full-width colon, semicolon and comma, the ratio sign
        "\u037e": ";",
        "\uff1a": ":",
        "\uff1b": ";",
        "\uff0c": ",",
        "\u2236": ":",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_TAB_RUN: Final = re.compile(r" *\t[ \t]*")
_SPACE_RUN: Final = re.compile(r"  +")
# spaces typed to align columns ('Murree Brewery          Nouman (Organizer)'): a gap as wide
# as four spaces inside a line is a column gap, as a tab stop is
_COLUMN_GAP: Final = re.compile(r"(?<=\S) {4,}(?=\S)")


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text; `page_starts[i]` is the offset in `text` where page i + 1 starts."""

    text: str
    page_starts: tuple[int, ...]

    def page_at(self, offset: int) -> int:
        """The 1-based page number that `offset` in `text` falls on."""
        return max(1, bisect.bisect_right(self.page_starts, offset))


def clean(doc: RawDocument) -> CleanText:
    """Return the cleaned text of `doc` with the offset of each page. Raises nothing."""
    pages = [[normalise_line(line) for line in page.lines] for page in doc.pages]
    # trim blanks first, so a hyphen at a page's last line meets the next page's first line
    pages = [_collapse_blanks(page) for page in drop_furniture(pages)]
    pages = join_hyphenated(pages)
    page_texts = ["\n".join(_collapse_blanks(page)) for page in pages]
    starts: list[int] = []
    offset = 0
    for page_text in page_texts:
        starts.append(offset)
        offset += len(page_text) + 1
    return CleanText(text="\n".join(page_texts), page_starts=tuple(starts))


def normalise_line(line: str) -> str:
    """Normalise odd characters, fold space and tab runs, strip the line.

    A soft hyphen at the very end survives: it marks a word the typesetter broke.
    """
    if line.isascii() and line.isprintable():
        # most lines: nothing to translate, no tab, no soft hyphen, only spaces to fold
        return (_fold_spaces(line) if "  " in line else line).strip()
    broken = line.rstrip().endswith(SOFT_HYPHEN)
    line = line.translate(_TRANSLATION)
    if "\t" in line:
        line = _TAB_RUN.sub("\t", line)
    if "  " in line:
        line = _fold_spaces(line)
    line = line.strip()
    return line + SOFT_HYPHEN if broken and line else line


def _fold_spaces(line: str) -> str:
    line = _COLUMN_GAP.sub("\t", line.strip())
    line = _SPACE_RUN.sub(" ", line)
    return _TAB_RUN.sub("\t", line) if "\t" in line else line


def _collapse_blanks(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    if kept and not kept[-1]:
        kept.pop()
    return kept
