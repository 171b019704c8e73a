"""Small text helpers shared by the structure and field extractors (pure, no state)."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"(\.{3,}|…|_{3,}|\[[^\]]*\]|\(\s*\)|^\s*-+\s*$)")


def fold(text: str) -> str:
    """Whitespace (tabs and newlines included) folded to single spaces, ends stripped."""
    return _SPACES.sub(" ", text).strip()


def is_placeholder(text: str) -> bool:
    """True for unfilled template values: dotted lines, underscores, [bracketed] hints."""
    stripped = text.strip(" \t,.;:")
    if not stripped:
        return True
    return bool(_PLACEHOLDER.search(text))


def upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)
