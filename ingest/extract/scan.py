"""Searching long texts fast: a pattern is tried only where one of its matches can start.

`re` tries a pattern at every character of a text unless the pattern opens with a literal
or a set of characters. The date, term and number-word patterns open with optional words,
word boundaries and lookbehinds, so on a long agreement they spent their time failing at
ordinary letters. Here the positions where a match can start are found first, the words a
match starts with by str.find on the folded text (far faster than `re` at this) and digits
by a character-set scan, and the pattern is tried at those positions only: `finditer`
yields exactly what `pattern.finditer(text)` yields. `alternation` writes a long list of
words as a regex that fails fast where none of them starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from re import Match, Pattern


def alternation(words: Iterable[str]) -> str:
    """A regex group that matches what `(?:w1|w2|...)` of `words` longest first matches,
    preferring the same word, with shared prefixes factored out: 'sept|sep|jan' becomes
    '(?:sep(?:t)?|jan)'. `re` tries a group's alternatives one by one, so a long flat list
    costs time at every character; factored, most characters fail at the first test.

    `words` are ASCII words in one case. Two of them match at one position only when one
    starts with the other, and both forms try the longer one first.
    """
    longest_first = sorted(set(words) - {""}, key=lambda word: (-len(word), word))
    return f"(?:{'|'.join(_branches(longest_first))})"


def _branches(words: list[str]) -> list[str]:
    """One alternative per first character of `words` (longest first; '' is skipped)."""
    rests: dict[str, list[str]] = {}
    for word in words:
        if word:
            rests.setdefault(word[0], []).append(word[1:])
    return [re.escape(first) + _atom(tails) for first, tails in rests.items()]


def _atom(words: list[str]) -> str:
    """`words` (longest first, so '' comes last) as a piece of a concatenation."""
    branches = _branches(words)
    if "" in words:  # the word that ends here is tried after every longer one: greedy '?'
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def fold(text: str) -> str:
    """`text` in lower case, position for position: for an ASCII letter c, `fold(text)[i]`
    is c exactly when `text[i]` matches c under re.IGNORECASE. That also matches 'ſ' to
    's', 'ı' and 'İ' to 'i' and the Kelvin sign to 'k'; 'İ'.lower() is two characters."""
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").lower().replace("\u017f", "s").replace("\u0131", "i")


def shortest_prefixes(words: Iterable[str]) -> tuple[str, ...]:
    """`words` without those that start with another of them: where every word of `words`
    occurs, one of these occurs too."""
    kept: list[str] = []
    for word in sorted(set(words), key=len):
        if not any(word.startswith(shorter) for shorter in kept):
            kept.append(word)
    return tuple(sorted(kept))


def find_words(folded: str, words: Iterable[str]) -> list[int]:
    """Every position where one of `words` (lower-case ASCII) occurs in the folded text,
    inside other words too; not in order."""
    found: list[int] = []
    for word in words:
        at = folded.find(word)
        while at >= 0:
            found.append(at)
            at = folded.find(word, at + 1)
    return found


def finditer(pattern: Pattern[str], text: str, starts: Iterable[int]) -> Iterator[Match[str]]:
    """The matches `pattern.finditer(text)` yields, trying `pattern` only at `starts`.

    `starts` is ascending (repeats and extra positions cost time, not correctness) and holds
    every position where a match of `pattern` can start; `pattern` never matches the empty
    string. A match found at a position is the one a search reaching it finds: lookbehinds
    and word boundaries still see the text before it.
    """
    resume = 0
    for pos in starts:
        if pos >= resume and (match := pattern.match(text, pos)):
            yield match
            resume = match.end()


@dataclass(frozen=True, slots=True)
class WordLed:
    """A pattern each match of which starts where one of `words` (lower-case ASCII) starts,
    as re.IGNORECASE compares: 'sampai dengan', 'S/D', 'hingga' are led by 'sampai', 's/d',
    'hingga'. A word may occur inside another; it only has to be there."""

    pattern: Pattern[str]
    words: tuple[str, ...]

    def finditer(self, text: str) -> Iterator[Match[str]]:
        """What `pattern.finditer(text)` yields."""
        return finditer(self.pattern, text, sorted(set(find_words(fold(text), self.words))))

    def search(self, text: str) -> Match[str] | None:
        """What `pattern.search(text)` finds."""
        return next(self.finditer(text), None)
