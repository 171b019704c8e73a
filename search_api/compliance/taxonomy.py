"""The clause taxonomy's heading phrases, to tell which subjects a heading or body names.

ingest classifies each clause under one key (a heading joining two subjects takes the
first: 'JANGKA WAKTU DAN PENGAKHIRAN' -> term). A completeness check must see both: it asks
whether any heading names a subject, and whether a body mentions it. The phrases are the
taxonomy's own (ingest/data/clause-categories.json, the copy of
shared/schema/clause-categories.json that ingest ships).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

# Run-together OCR headings ('PEMBATALANPERJANJIAN', 'JANGKA W AKTU') are matched with
# their spaces removed, but only for phrases long enough not to hide inside other words
# ('hak' is in 'pihak', 'aset' in 'kepastian').
_MIN_SQUEEZED = 8


@cache
def _table() -> dict[str, tuple[str, ...]]:
    data = json.loads(
        resources.files("ingest").joinpath("data/clause-categories.json").read_text("utf-8")
    )
    table: dict[str, tuple[str, ...]] = {}
    for key, entry in data["categories"].items():
        phrases = {norm(h) for h in [*entry["headings"], entry["id"], entry["en"]]}
        table[key] = tuple(sorted(phrases - {""}, key=len, reverse=True))
    return table


def category_keys() -> frozenset[str]:
    return frozenset(_table())


def norm(text: str) -> str:
    """Lower case, 'kerjasama' as 'kerja sama', punctuation and brackets as spaces."""
    text = text.lower().replace("kerjasama", "kerja sama")
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


def phrases(category: str) -> tuple[str, ...]:
    """The taxonomy's heading phrases of `category`, normalised, longest first."""
    return _table().get(category, ())


@cache
def _heading_pattern(categories: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({p for c in categories for p in phrases(c)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def heading_names(heading: str, categories: tuple[str, ...]) -> bool:
    """Whether `heading` names any subject of `categories`, anywhere in it."""
    normalised = norm(heading)
    if not normalised or not any(phrases(c) for c in categories):
        return False
    if _heading_pattern(categories).search(normalised):
        return True
    squeezed = normalised.replace(" ", "")
    return any(
        len(p.replace(" ", "")) >= _MIN_SQUEEZED and p.replace(" ", "") in squeezed
        for c in categories
        for p in phrases(c)
    )


@cache
def mention_pattern(categories: tuple[str, ...], extra: tuple[str, ...]) -> re.Pattern[str]:
    """Words a body uses for `categories`: the taxonomy's phrases of two words or more
    ('penyelesaian perselisihan'; one word alone, like 'biaya', says too little) and the
    rule's own `extra` words."""
    words = {p for c in categories for p in phrases(c) if " " in p} | {norm(e) for e in extra}
    ordered = sorted(words - {""}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")")
