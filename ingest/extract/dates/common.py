"""Pieces both date languages share: month names, Roman months, OCR digit repair, validation."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from re import Match, Pattern

from rapidfuzz.distance import Levenshtein

from ingest.extract.scan import WordLed, alternation
from ingest.model import Found

MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agust": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
# Longest first, so 'Sept' is not cut to 'Sep'. 'May' is an English verb: only capitalised.
MONTH = "(?:" + alternation(set(MONTHS) - {"may"}) + r"|(?-i:May|MAY))\b\.?"

# A month name a typist or OCR got one letter wrong ('Sepetember', 'Agustos', 'Oktobcr'),
# between a day and a year only: month_number() accepts it within one letter of a full name.
MISSPELT_MONTH = r"[A-Za-z]{6,11}\b"
_FULL_MONTHS = tuple(name for name in MONTHS if len(name) >= 6)

ROMAN_MONTHS = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6,
    "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12,
}  # fmt: skip
ROMAN = "(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"

# OCR reads 0 as O and 1 as l or I; these classes accept them inside numbers only.
DAY_DIGITS = r"[0-9OlI]{1,2}"
YEAR_DIGITS = r"[12][0-9OolI]{3}"
NOT_AFTER_NUMBER = r"(?<![\w./-])"
NOT_BEFORE_NUMBER = r"(?![\w/-]|\.\d)"
NUMERIC = (
    rf"{NOT_AFTER_NUMBER}(?P<nd>{DAY_DIGITS})(?P<sep>[-/.])(?P<nm>{DAY_DIGITS}|{ROMAN})"
    rf"(?P=sep)(?P<ny>{YEAR_DIGITS}){NOT_BEFORE_NUMBER}"
)
ISO = rf"{NOT_AFTER_NUMBER}(?P<iy>{YEAR_DIGITS})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}}){NOT_BEFORE_NUMBER}"

# Where NUMERIC, ISO or a day or year in digits can start: a character of DAY_DIGITS or
# YEAR_DIGITS as re.IGNORECASE reads them, NOT_AFTER_NUMBER. It opens with a set of
# characters, so `re` scans for it fast.
_DIGITS_START = re.compile(r"[0-9OolLiI\u0130\u0131](?<![\w./-].)")

_OCR_DIGITS = str.maketrans("OolI", "0011")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def digits_starts(text: str) -> list[int]:
    """Positions where a date part in digits (NUMERIC, ISO, DAY_DIGITS or YEAR_DIGITS after
    NOT_AFTER_NUMBER) can start, in order."""
    return [m.start() for m in _DIGITS_START.finditer(text)]


def ocr_int(text: str) -> int | None:
    """Digits as printed or as OCR misread them ('2O18' -> 2018); None if no real digit."""
    if not any(c.isdigit() for c in text):
        return None
    fixed = text.translate(_OCR_DIGITS)
    return int(fixed) if fixed.isdigit() else None


def month_number(name: str) -> int | None:
    """The month a name gives; a name one letter off a full month name (six letters or more)
    gives that month when no other full name is as near."""
    key = name.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    if len(key) < 6 or not key.isalpha():
        return None
    near = {MONTHS[full] for full in _FULL_MONTHS if Levenshtein.distance(key, full) <= 1}
    return near.pop() if len(near) == 1 else None


def make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """A real calendar date or None: 31 February is rejected, never guessed."""
    if year is None or month is None or day is None or not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def numeric_date(match: Match[str], *, month_first: bool) -> date | None:
    """A date from NUMERIC or ISO groups; day/month order by language, swapped only if needed."""
    if match.group("iy"):
        return make_date(ocr_int(match["iy"]), int(match["im"]), int(match["id"]))
    year = ocr_int(match["ny"])
    first = ocr_int(match["nd"])
    if match["nm"].upper() in ROMAN_MONTHS:
        return make_date(year, ROMAN_MONTHS[match["nm"].upper()], first)
    second = ocr_int(match["nm"])
    if month_first:
        return make_date(year, first, second) or make_date(year, second, first)
    return make_date(year, second, first) or make_date(year, first, second)


@dataclass(frozen=True, slots=True)
class DateLanguage:
    """How one language writes dates and the sentences around a signing date."""

    find: Callable[[str], Iterator[Found[date]]]
    opening: WordLed  # where the opening formula starts ('Pada hari ini', 'On this day')
    opening_stop: Pattern[str]  # the end of the opening's date part ('bertempat', 'kami')
    opening_place: Pattern[str]  # group 'place'
    signature_prefix: Pattern[str]  # text just before a signature-block date; optional 'place'
    weekdays: dict[str, int]
    weekday: Pattern[str]
    # a closing that names the place and points back at the opening's date ('ditandatangani
    # ... di Jakarta pada hari dan tanggal sebagaimana tersebut pada awal'); group 'place'
    closing_place: Pattern[str] | None = None
    # a closing sentence that dates the signing, the date right after the match ('dibuat dan
    # ditandatangani di Makassar pada tanggal', 'Done at Makassar on the'); group 'place'
    closing_date: Pattern[str] | None = None
    # a row naming the place above the date's row ('Dibuat di : Maros', 'Place: Makassar')
    place_row: Pattern[str] | None = None


def weekday_pattern(weekdays: dict[str, int]) -> Pattern[str]:
    names = sorted(weekdays, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


def first_date_ending_from(dates: Sequence[Found[date]], pos: int) -> Found[date] | None:
    """The first date (in reading order) that ends at or after `pos`, found by bisection."""
    index = bisect.bisect_left(dates, pos, key=lambda found: found.span[1])
    return dates[index] if index < len(dates) else None
