"""Line-end hyphenation: `pelak-` + `sanaan` -> `pelaksanaan`, `masing-` + `masing` stays.

A hyphen at the end of a line is ambiguous in Indonesian: reduplication (`undang-undang`,
`masing-masing`, `bersama-sama`, `surat-menyurat`) keeps it, a word broken by the typesetter
loses it. The word list is PySastrawi's root-word dictionary; a joined word counts as known
when it, or its Sastrawi stem, is in that list. English words are recognised by a suffix rule.
A line-end soft hyphen (U+00AD) is the typesetter's own mark: it always joins.
"""

from __future__ import annotations

import functools
import re
from typing import Final, Protocol

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Cache.ArrayCache import ArrayCache
from Sastrawi.Stemmer.CachedStemmer import CachedStemmer
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

SOFT_HYPHEN: Final = "\u00ad"

_LINE_END_HYPHEN: Final = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([-\u2010\u00ad])$")
_HYPHENS: Final = ("-", "\u2010", SOFT_HYPHEN)  # the characters _LINE_END_HYPHEN ends with
_FIRST_TOKEN: Final = re.compile(r"(\S+)\s*")
_LETTERS: Final = re.compile(r"[^\W\d_]+")
# English words broken at a line end mostly end in one of these (cooperation, agreement, ...).
_ENGLISH_SUFFIX: Final = re.compile(
    r"(?:tion|sion|ment|ness|ship|ance|ence|ancy|ency|ity|ing|able|ible|ive|ous|ure|ize|ise"
    r"|ary|ory|ful|less|ism|ist|ated|ally|ical)s?$"
)
# English prefixes that keep their hyphen (non-binding, co-operation, self-funded).
_ENGLISH_HYPHEN_PREFIXES: Final = frozenset(
    {"non", "co", "self", "well", "ex", "anti", "cross", "multi", "semi", "post", "pre", "re"}
)
_MIN_ROOT: Final = 3
# Compounds written as one word once affixed (ditandatangani, dikerjasamakan): Sastrawi's
# list has only their parts, so its stemmer could not reach a root without these.
_COMPOUND_ROOTS: Final = ("tandatangan", "kerjasama", "tanggungjawab", "sebagaimana")


class _Stemmer(Protocol):
    def stem(self, text: str) -> str: ...


def join_hyphenated(pages: list[list[str]]) -> list[list[str]]:
    """Join words broken by a line-end hyphen with the start of the next line.

    The whole second half moves up to the first line, so the word stays on one line with
    or without its hyphen; a line left empty by the move disappears. The next line may sit
    on the next page (blank lines between are skipped only across a page break).
    """
    result: list[list[str | None]] = [list(page) for page in pages]
    previous: tuple[int, int] | None = None
    for page_index, page in enumerate(result):
        for line_index, line in enumerate(page):
            if not line:
                if previous is not None and previous[0] == page_index:
                    previous = None
                continue
            if previous is not None:
                _join_pair(result, previous, (page_index, line_index))
            current = result[page_index][line_index]
            previous = (page_index, line_index) if current else None
    return [[line.rstrip(SOFT_HYPHEN) for line in page if line is not None] for page in result]


def _join_pair(
    pages: list[list[str | None]], first_at: tuple[int, int], second_at: tuple[int, int]
) -> None:
    first_line = pages[first_at[0]][first_at[1]]
    second_line = pages[second_at[0]][second_at[1]]
    # Most lines end without a hyphen: see that before a search tries every position ('$'
    # also matches before a last newline).
    if not first_line or not second_line or not first_line.removesuffix("\n").endswith(_HYPHENS):
        return
    broken = _LINE_END_HYPHEN.search(first_line)
    token_match = _FIRST_TOKEN.match(second_line)
    if broken is None or token_match is None:
        return
    token = token_match.group(1)
    second_half = _LETTERS.match(token)
    if second_half is None:
        return
    first_half, mark = broken.group(1), broken.group(2)
    keep = mark != SOFT_HYPHEN and keeps_hyphen(first_half, second_half.group(0))
    pages[first_at[0]][first_at[1]] = first_line[: broken.start(2)] + ("-" if keep else "") + token
    rest = second_line[token_match.end() :]
    pages[second_at[0]][second_at[1]] = rest if rest else None


def keeps_hyphen(first: str, second: str) -> bool:
    """True when `first-` at a line end and `second` on the next line form a hyphenated word."""
    if second[:1].isupper() and not second.isupper():
        return True  # Undang-Undang, Jawa-Bali: a capital after the break is a real compound
    if is_reduplication(first, second):
        return True
    return not is_known_word(first + second, first=first)


def is_reduplication(first: str, second: str) -> bool:
    """True for masing-masing, bersama-sama, surat-menyurat, perundang-undangan."""
    a, b = first.lower(), second.lower()
    if a == b:
        return True
    root = _stem(a)
    if len(root) < _MIN_ROOT:
        return False
    return b.startswith(root) or _stem(b) == root


def is_known_word(word: str, *, first: str = "") -> bool:
    """True when `word` (or its Sastrawi stem) is an Indonesian root, or looks English."""
    lowered = word.lower()
    words = _root_words()
    if lowered in words or _stem(lowered) in words:
        return True
    if not lowered.isascii() or first.lower() in _ENGLISH_HYPHEN_PREFIXES:
        return False
    return _ENGLISH_SUFFIX.search(lowered) is not None


@functools.cache
def _root_words() -> frozenset[str]:
    words: list[str] = StemmerFactory().get_words()
    return frozenset(word.strip() for word in [*words, *_COMPOUND_ROOTS] if word.strip())


@functools.cache
def _stemmer() -> _Stemmer:
    # built once, on the first hyphen that needs it, from the same word list as above
    dictionary = ArrayDictionary(sorted(_root_words()))
    stemmer: _Stemmer = CachedStemmer(ArrayCache(), Stemmer(dictionary))
    return stemmer


@functools.cache
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))
