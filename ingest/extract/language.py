"""Main language of an agreement from stop-word counts: fast, and enough for id vs en."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.model import Language

_WORD = re.compile(r"[a-z]+")
# In ASCII text str.split finds _WORD's words faster once every other character is a space;
# the line breaks of str.splitlines stay, and so do the lines' lengths.
_NOT_WORD = str.maketrans(
    {
        c: " "
        for c in map(chr, range(128))
        if not "a" <= c <= "z" and c not in "\n\r\x0b\x0c\x1c\x1d\x1e"
    }
)
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
    id_words, en_words = _STOP_WORDS["id"].__contains__, _STOP_WORDS["en"].__contains__
    for length, words in _lines(text.lower()):
        id_hits, en_hits = sum(map(id_words, words)), sum(map(en_words, words))
        if id_hits != en_hits:
            weight["id" if id_hits > en_hits else "en"] += length
    # Indonesian is the mandatory version of a bilingual agreement (UU 24/2009 art. 31), so two
    # halves of about equal size are 'id'; English needs a clear majority.
    return "en" if weight["en"] > _ENGLISH_MAJORITY * (weight["en"] + weight["id"]) else "id"


def _lines(lower: str) -> Iterator[tuple[int, list[str]]]:
    """(length, words) of each line of lower-cased text, the words as _WORD finds them."""
    if lower.isascii():
        return ((len(line), line.split()) for line in lower.translate(_NOT_WORD).splitlines())
    return ((len(line), _WORD.findall(line)) for line in lower.splitlines())


def line_languages(lines: list[str]) -> list[Language | None]:
    """Each line's language by its stop words, None where they do not tell (no stop word,
    or as many of each)."""
    id_words, en_words = _STOP_WORDS["id"].__contains__, _STOP_WORDS["en"].__contains__
    out: list[Language | None] = []
    for line in lines:
        words = _WORD.findall(line.lower())
        id_hits, en_hits = sum(map(id_words, words)), sum(map(en_words, words))
        out.append(None if id_hits == en_hits else "id" if id_hits > en_hits else "en")
    return out
