"""Clause numbers as written ('3', 'III', 'TIGA', 'Kesatu', 'l' from OCR, '5A') -> (3, '')."""

from __future__ import annotations

import re

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_UNITS = {
    "satu": 1, "kesatu": 1, "pertama": 1, "dua": 2, "kedua": 2, "tiga": 3, "ketiga": 3,
    "empat": 4, "keempat": 4, "lima": 5, "kelima": 5, "enam": 6, "keenam": 6,
    "tujuh": 7, "ketujuh": 7, "delapan": 8, "kedelapan": 8, "sembilan": 9, "kesembilan": 9,
    "sepuluh": 10, "kesepuluh": 10, "sebelas": 11, "kesebelas": 11,
    "one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4,
    "fourth": 4, "five": 5, "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7,
    "eight": 8, "eighth": 8, "nine": 9, "ninth": 9, "ten": 10, "tenth": 10,
    "eleven": 11, "eleventh": 11, "twelve": 12, "twelfth": 12,
}  # fmt: skip
_DIGITS = re.compile(r"^(?P<d>[0-9OolI]{1,3})(?P<s>[A-Za-z]?)$")


def parse_clause_number(token: str) -> tuple[int, str] | None:
    """(value, suffix) of a clause number token, or None when it is not a number."""
    token = token.strip().rstrip(".:")
    if not token:
        return None
    m = _DIGITS.match(token)
    if m and any(c.isdigit() for c in m.group("d")):
        digits = m.group("d").translate(str.maketrans("OolI", "0011"))
        suffix = m.group("s").upper()
        return int(digits), suffix
    if token in {"l", "I"}:  # OCR reads 1 as l; Roman I
        return 1, ""
    if re.fullmatch(r"[IVXLC]+", token):
        return _roman(token), ""
    words = token.lower().split()
    if not words:
        return None
    if words[0] in _UNITS and len(words) == 1:
        return _UNITS[words[0]], ""
    # 'dua belas', 'kedua belas', 'dua puluh satu'
    base = words[0].removeprefix("ke") if words[0] not in _UNITS else words[0]
    unit = _UNITS.get(base) or _UNITS.get(words[0])
    if unit is None:
        return None
    if len(words) >= 2 and words[1] == "belas":
        return 10 + unit, ""
    if len(words) >= 2 and words[1] == "puluh":
        extra = _UNITS.get(words[2], 0) if len(words) > 2 else 0
        return unit * 10 + extra, ""
    return None


def _roman(token: str) -> int:
    total = 0
    prev = 0
    for ch in reversed(token):
        value = _ROMAN[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total
