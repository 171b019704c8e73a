"""Main language of an agreement from stop-word counts: fast, and enough for id vs en."""

from __future__ import annotations

import re

from ingest.model import Language

_WORD = re.compile(r"[a-z]+")
_ENGLISH_MAJORITY = 0.6
_STOP_WORDS: dict[Language, frozenset[str]] = {
    "id": frozenset({
        "yang", "dan", "dengan", "untuk", "pihak", "ini", "dalam", "pada", "dari", "atau", "oleh",
        "sebagai", "tersebut", "akan", "dapat", "bahwa", "para", "secara", "kepada", "antara",
        "adalah",
    }),
    "en": frozenset({
        "the", "and", "of", "to", "shall", "this", "that", "with", "for", "by", "party", "parties",
        "which", "be", "is", "are", "any", "on",
    }),
}  # fmt: skip


def detect(text: str) -> Language:
    """'id' or 'en': the language whose stop words are more frequent. A bilingual agreement gets
    the language of most of its body; halves of about equal size, and text without stop words,
    give 'id'."""
    # Vote per line, weighted by its length: in a bilingual file each version counts by the
    # amount of text it holds, not by how often 'the' recurs.
    weight = {"id": 0, "en": 0}
    for line in text.lower().splitlines():
        words = _WORD.findall(line)
        hits = {code: sum(w in stop for w in words) for code, stop in _STOP_WORDS.items()}
        if hits["id"] != hits["en"]:
            weight["id" if hits["id"] > hits["en"] else "en"] += len(line)
    # Indonesian is the mandatory version of a bilingual agreement (UU 24/2009 art. 31), so two
    # halves of about equal size are 'id'; English needs a clear majority.
    return "en" if weight["en"] > _ENGLISH_MAJORITY * (weight["en"] + weight["id"]) else "id"
