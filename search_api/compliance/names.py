"""Comparing names as agreements print them: with titles, in capitals, OCR-damaged.

'Dr. H. Andi Baso Contoh, S.H., M.Si.' in the komparisi is 'ANDI BASO CONTOH, S.H.' under
the signature (DOMAIN 4.11): the same person. Titles are dropped, case and punctuation
folded; nobility markers (Andi, A., Karaeng) are part of the name and stay.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

# Academic, professional and religious titles before or after a name (DOMAIN 4.11).
_TITLES = re.compile(
    r"(?<![\w])(?:prof|dr|drs|dra|ir|h|hj|drg|apt|ns|kh|mr|mrs|ms|sir|"
    r"s\.?\s?h|m\.?\s?h|s\.?\s?e|m\.?\s?m|m\.?\s?si|s\.?\s?sos|m\.?\s?kes|s\.?\s?stp|"
    r"m\.?\s?ap|m\.?\s?pd|s\.?\s?pd|m\.?\s?t|s\.?\s?t|m\.?\s?kom|s\.?\s?kom|m\.?\s?sc|"
    r"ph\.?\s?d|mba|m\.?\s?eng|s\.?\s?ked|sp\.?\s?\w{1,3}|m\.?\s?b\.?\s?a|s\.?\s?ip|"
    r"m\.?\s?ip|s\.?\s?ag|m\.?\s?ag|s\.?\s?psi|m\.?\s?psi|s\.?\s?ds|m\.?\s?ds|m\.?\s?hum|"
    r"s\.?\s?hum|m\.?\s?a|b\.?\s?a|b\.?\s?sc|s\.?\s?ars|m\.?\s?ars|s\.?\s?ikom|"
    r"m\.?\s?ikom|s\.?\s?farm|m\.?\s?farm|mh|se|sh|mm)(?:\.|(?=[\s,]|$))",
    re.IGNORECASE,
)
_NOT_LETTER = re.compile(r"[^\w\s]|\d|_")
# How alike two names of bodies must be ('SMK Negeri 6 Batam' / 'SMK N 6 Batam').
_SAME_BODY = 85
# How alike each word of a person's name must be to a word signed: OCR swaps a letter in
# four or five ('Dedeo Suryaoa' for 'Deden Suryana'). Words of one or two letters ('I',
# 'A.') say too little to count.
_SAME_WORD = 75
_MIN_WORD = 3


def person_key(name: str) -> str:
    """A name without its titles, lower-case, letters and single spaces only."""
    parts = [p for p in name.split(",") if p.strip()]
    # the part before the first comma is the name, the rest are degrees ('ANDI, S.H., M.Si.')
    core = parts[0] if parts else name
    core = _TITLES.sub(" ", core)
    return " ".join(_NOT_LETTER.sub(" ", core.lower()).split())


def text_key(text: str) -> str:
    return " ".join(_NOT_LETTER.sub(" ", text.lower()).split())


def appears_in(name: str, text: str) -> bool:
    """Whether the person `name` appears in `text` (a signature block), allowing for titles,
    case, line breaks and a letter or two of OCR damage."""
    key = person_key(name)
    if not key:
        return False
    haystack = text_key(text)
    if f" {key} " in f" {haystack} ":
        return True
    words = [w for w in key.split() if len(w) >= _MIN_WORD]
    signed = set(haystack.split())
    return bool(words) and all(
        any(fuzz.ratio(word, other) >= _SAME_WORD for other in signed) for word in words
    )


def same_body(a: str, b: str) -> bool:
    """Whether two institution names name the same body ('PT. Louis Alain' / 'PT LOUIS
    ALAIN', 'SMK Negeri 6 Batam' / 'SMK N 6 Batam')."""
    return fuzz.token_set_ratio(text_key(a), text_key(b)) >= _SAME_BODY
