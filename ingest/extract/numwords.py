"""Number words -> int, for Indonesian and English.

`parse_id("dua ribu delapan belas") == 2018`, `parse_en("thirty-first") == 31`. Both return None
for text that is not a well-formed number. `ID_WORDS` and `EN_WORDS` are regex fragments (no
groups) matching a run of number words, for other extractors to embed in their patterns.
"""

from __future__ import annotations

import functools
import re

from ingest.extract.scan import alternation, find_words, fold, shortest_prefixes

_ID_UNITS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
# Whole words that are already a value: se- means one.
_ID_FIXED = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_ID_SCALES = {"ribu": 1_000, "juta": 1_000_000}
_ID_FIXED_SCALES = {"seribu": 1_000, "sejuta": 1_000_000}

_ID_TOKENS = (
    "sepuluh", "sebelas", "seratus", "seribu", "sejuta", "satu", "dua", "tiga", "empat", "lima",
    "enam", "tujuh", "delapan", "sembilan", "belas", "puluh", "ratus", "ribu", "juta",
)  # fmt: skip
# No token starts with another, so at most one matches at a position.
_ID_TOKEN = alternation(_ID_TOKENS)
# Run-together forms (duaribu, delapanbelas) are several tokens inside one word.
_ID_WORD = rf"(?:{_ID_TOKEN})+"
# At most eight words: enough for any day, year or term, and it keeps a long run of number
# words from costing quadratic time.
ID_WORDS = rf"(?:\b(?:ke-?)?{_ID_WORD}\b(?:[ \t\n,]+{_ID_WORD}\b){{0,7}}|\bpertama\b)"
_ID_TOKEN_RE = re.compile(_ID_TOKEN)
_ID_LEADS = shortest_prefixes([*_ID_TOKENS, "pertama"])

_EN_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_EN_SCALES = {"thousand": 1_000, "million": 1_000_000}

_EN_TOKENS = (*_EN_ONES, *_EN_TENS, *_EN_ORDINALS, "hundred", *_EN_SCALES)
_EN_TOKEN = alternation(_EN_TOKENS)  # longest first: 'seventeen' before 'seven'
EN_WORDS = rf"(?:\b(?:{_EN_TOKEN})\b(?:(?:[ \t\n,]+(?:and[ \t\n]+)?|-)(?:{_EN_TOKEN})\b){{0,7}})"
_EN_SPLIT_RE = re.compile(r"[\s,\-]+")
_EN_LEADS = shortest_prefixes(_EN_TOKENS)


# The date and the term finders both ask for the number words of the same document text.
@functools.lru_cache(maxsize=4)
def id_words_starts(text: str) -> tuple[int, ...]:
    """Positions in `text` where a match of ID_WORDS can start (and more), not in order:
    at a number word, or at 'ke' / 'ke-' just before one."""
    folded = fold(text)
    starts = find_words(folded, _ID_LEADS)
    for at in starts[:]:
        if at >= 3 and folded.startswith("ke-", at - 3):
            starts.append(at - 3)
        elif at >= 2 and folded.startswith("ke", at - 2):
            starts.append(at - 2)
    return tuple(starts)


@functools.lru_cache(maxsize=4)
def en_words_starts(text: str) -> tuple[int, ...]:
    """Positions in `text` where a match of EN_WORDS can start (and more), not in order:
    at a number word."""
    return tuple(find_words(fold(text), _EN_LEADS))


def parse_id(text: str) -> int | None:
    """Indonesian number words (cardinal or ordinal: 'kesatu', 'ke-5', 'pertama') -> int."""
    words = text.lower().strip()
    if words == "pertama":
        return 1
    if words.startswith("ke"):
        rest = words[2:].lstrip("-")
        if rest.isdigit():
            return int(rest)
        if _ID_TOKEN_RE.match(rest):
            words = rest
    tokens: list[str] = []
    for word in re.split(r"[\s,]+", words):
        if not word:
            continue
        pos = 0
        for match in _ID_TOKEN_RE.finditer(word):
            if match.start() != pos:
                return None
            tokens.append(match.group())
            pos = match.end()
        if pos != len(word):
            return None
    return _evaluate_id(tokens) if tokens else None


def _evaluate_id(tokens: list[str]) -> int | None:
    total, group, unit = 0, 0, 0
    for token in tokens:
        if token in _ID_UNITS:
            if unit:
                return None
            unit = _ID_UNITS[token]
        elif token in _ID_FIXED:
            if unit:
                return None
            group += _ID_FIXED[token]
        elif token in ("belas", "puluh", "ratus"):
            if not unit:
                return None
            group += unit * {"belas": 1, "puluh": 10, "ratus": 100}[token] + (
                10 if token == "belas" else 0
            )
            unit = 0
        elif token in _ID_FIXED_SCALES:
            if unit or group:
                return None
            total += _ID_FIXED_SCALES[token]
        else:  # ribu, juta
            if not (unit or group):
                return None
            total += (group + unit) * _ID_SCALES[token]
            group, unit = 0, 0
    return total + group + unit


def parse_en(text: str) -> int | None:
    """English number words (cardinal, ordinal, 'nineteen ninety-nine' years) -> int."""
    tokens = [t for t in _EN_SPLIT_RE.split(text.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    for i in range(1, len(tokens)):
        # 'nineteen ninety-nine', 'twenty twenty-two': two two-digit groups make a year.
        if tokens[i] in _EN_TENS and _is_two_digit_group(tokens[:i]):
            left, right = _evaluate_en(tokens[:i]), _evaluate_en(tokens[i:])
            if left is not None and right is not None and right < 100:
                return left * 100 + right
    return _evaluate_en(tokens)


def _is_two_digit_group(tokens: list[str]) -> bool:
    value = _evaluate_en(tokens)
    return value is not None and 10 <= value < 100 and not {"hundred", *_EN_SCALES} & set(tokens)


def _evaluate_en(tokens: list[str]) -> int | None:
    total, group = 0, 0
    last = ""  # kind of the previous token, to reject 'one two'
    for token in tokens:
        if token in _EN_ONES or token in _EN_ORDINALS:
            value = _EN_ONES.get(token, _EN_ORDINALS.get(token, 0))
            if last in ("one", "teen") or (last == "tens" and value >= 10):
                return None
            group += value
            last = "one" if value < 10 else "teen"
        elif token in _EN_TENS:
            if last in ("one", "teen", "tens"):
                return None
            group += _EN_TENS[token]
            last = "tens"
        elif token == "hundred":
            if not group or group >= 100:
                return None
            group = group * 100
            last = "scale"
        elif token in _EN_SCALES:
            total += (group or 1) * _EN_SCALES[token]
            group = 0
            last = "scale"
        else:
            return None
    return total + group
