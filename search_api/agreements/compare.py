"""Word-level differences between two clauses, for the side-by-side precedent view.

Pure: the template escapes every part, so the text of a clause is never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Kind = Literal["same", "removed", "added"]

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    kind: Kind


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_diff(left: str, right: str) -> tuple[list[Part], list[Part]]:
    """Both texts cut into runs: kept words are "same"; words only in `left` are "removed",
    words only in `right` are "added". Case and spacing count as the same word."""
    a, b = _words(left), _words(right)
    keys_a = [w.strip().casefold() for w in a]
    keys_b = [w.strip().casefold() for w in b]
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out_a: list[Part] = []
    out_b: list[Part] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(out_a, "".join(a[i1:i2]), "same")
            _append(out_b, "".join(b[j1:j2]), "same")
            continue
        if i2 > i1:
            _append(out_a, "".join(a[i1:i2]), "removed")
        if j2 > j1:
            _append(out_b, "".join(b[j1:j2]), "added")
    return out_a, out_b


def _append(parts: list[Part], text: str, kind: Kind) -> None:
    if parts and parts[-1].kind == kind:
        parts[-1] = Part(parts[-1].text + text, kind)
    else:
        parts.append(Part(text, kind))


def shared_ratio(left: str, right: str) -> float:
    """Share of words the two texts have in common, 0..1 (shown beside each precedent)."""
    a = [w.strip().casefold() for w in _words(left)]
    b = [w.strip().casefold() for w in _words(right)]
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
