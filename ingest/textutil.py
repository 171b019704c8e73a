"""Small text helpers shared by the structure and field extractors (pure, no state)."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"(\.{3,}|…|_{3,}|\[[^\]]*\]|\(\s*\)|^\s*-+\s*$)")


def fold(text: str) -> str:
    """Whitespace (tabs and newlines included) folded to single spaces, ends stripped."""
    return " ".join(text.split())  # str.split's white space is the same as re's \s


def is_placeholder(text: str) -> bool:
    """True for unfilled template values: dotted lines, underscores, [bracketed] hints."""
    stripped = text.strip(" \t,.;:")
    if not stripped:
        return True
    return bool(_PLACEHOLDER.search(text))


def upper_ratio(text: str) -> float:
    letters = list(filter(str.isalpha, text))
    if not letters:
        return 0.0
    return sum(map(str.isupper, letters)) / len(letters)
