"""'Mungkin maksud Anda': the pieces of a corrected query for one that found nothing. Pure; the
engine that knows its words (search_api/index/embedded.py) picks the replacements."""

from __future__ import annotations

from search_api.index.query import typo_budget
from search_api.index.text import WORD_RE, fold


def reach(word: str) -> int:
    """How many edits away a replacement for a word the index does not know may be: one more
    than the search's own typo budget, at most two ('biya', allowed no typo, gets one).
    Words under four letters get none: too many words are one edit from them."""
    if len(word) < 4:
        return 0
    return min(2, typo_budget(word) + 1)


def corrected(raw: str, replacements: dict[str, str]) -> str:
    """`raw` with every word whose folded form is a key replaced by its value; quotes, numbers,
    spacing and the other words as typed."""
    return WORD_RE.sub(lambda m: replacements.get(fold(m.group()), m.group()), raw)
