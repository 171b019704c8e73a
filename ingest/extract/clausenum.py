"""Clause numbers as written ('3', 'III', 'TIGA', 'Kesatu', 'l' from OCR, '5A') -> (3, '')."""

from __future__ import annotations

import re

from ingest.extract.numwords import parse_en, parse_id

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
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
    value = parse_id(token)
    if value is None:
        value = parse_en(token)
    return (value, "") if value is not None and 0 < value < 1000 else None


def _roman(token: str) -> int:
    total = 0
    prev = 0
    for ch in reversed(token):
        value = _ROMAN[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total
