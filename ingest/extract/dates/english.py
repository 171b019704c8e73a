"""English dates: 'September 20, 2018', '20th day of September 2018', '2018-09-20',
'the twentieth day of September, two thousand and eighteen', US '09/20/2018'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from re import Match

from ingest.extract.dates.common import (
    DAY_DIGITS,
    ISO,
    MISSPELT_MONTH,
    MONTH,
    MONTHS,
    NOT_AFTER_NUMBER,
    NUMERIC,
    YEAR_DIGITS,
    DateLanguage,
    digits_starts,
    make_date,
    month_number,
    numeric_date,
    ocr_int,
    weekday_pattern,
)
from ingest.extract.numwords import EN_WORDS, en_words_starts, parse_en
from ingest.extract.scan import WordLed, find_words, finditer, fold, shortest_prefixes
from ingest.model import Found

_SUFFIX = r"(?:st|nd|rd|th)?"
_DAY = rf"(?:{NOT_AFTER_NUMBER}{DAY_DIGITS}{_SUFFIX}\b|{EN_WORDS})"
_YEAR = rf"(?:{NOT_AFTER_NUMBER}{YEAR_DIGITS}\b|{EN_WORDS})"
_DAY_FIRST = (
    rf"(?:the\s+)?(?P<d>{_DAY})(?:\s*\(\s*(?P<d2>{_DAY})\s*\))?(?:\s+day)?(?:\s+of)?[\s,]+"
    rf"(?P<m>{MONTH}|{MISSPELT_MONTH})[\s,]+(?:(?:in\s+)?the\s+year\s+(?:of\s+)?)?"
    rf"(?P<y>{_YEAR})(?:\s*\(\s*(?P<y2>{_YEAR})\s*\))?"
)
_MONTH_FIRST = (
    rf"(?P<m3>{MONTH})\s+(?P<d3>{NOT_AFTER_NUMBER}{DAY_DIGITS}){_SUFFIX},?\s+"
    rf"(?P<y3>{NOT_AFTER_NUMBER}{YEAR_DIGITS})\b"
)
DATE_RE = re.compile(rf"{_DAY_FIRST}|{_MONTH_FIRST}|{NUMERIC}|{ISO}", re.IGNORECASE)
# Every match starts at 'the' or a month name (inside a word too), at number words or at digits.
_LEADS = shortest_prefixes(["the", *MONTHS])


def find(text: str) -> Iterator[Found[date]]:
    """Every well-formed English date in reading order; impossible dates are skipped."""
    for match in matches(text):
        if match["d"]:
            value = _day_first(match)
        elif match["m3"]:
            value = make_date(ocr_int(match["y3"]), month_number(match["m3"]), ocr_int(match["d3"]))
        else:
            value = numeric_date(match, month_first=True)
        if value is not None:
            yield Found(value, match.span())


def matches(text: str) -> Iterator[Match[str]]:
    """What DATE_RE.finditer(text) yields, trying DATE_RE only where a match can start."""
    starts = {*find_words(fold(text), _LEADS), *en_words_starts(text), *digits_starts(text)}
    return finditer(DATE_RE, text, sorted(starts))


def _day_first(match: Match[str]) -> date | None:
    return make_date(
        _value(match["y"], match["y2"]), month_number(match["m"]), _value(match["d"], match["d2"])
    )


def _value(main: str, bracketed: str | None) -> int | None:
    for part in (main, bracketed):
        if part and (number := ocr_int(re.sub(r"(?i)(st|nd|rd|th)$", "", part))) is not None:
            return number
    return parse_en(main)


WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

# A town: one to four words, the first capitalised, never the words that follow it.
_PLACE = (
    r"(?!(?i:on|this|the|date|dated|pada|hari)\b)"
    r"[A-Z][\w'’.-]*(?:[ ](?!(?i:on|this|the|day)\b)[A-Za-z][\w'’.-]*){0,3}"
)

LANGUAGE = DateLanguage(
    find=find,
    opening=WordLed(
        re.compile(
            r"\bon\s+this\b|\bthis\s+(?=\S+\s+day\s+of\b)"
            r"|\bthis\b[^.;]{0,150}?\b(?:dated|made|entered\s+into|executed)\b"
            # 'On Thursday, January 19, 2017, at Muara Lestari, ...'
            r"|\bon\s+(?=(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
            re.IGNORECASE,
        ),
        ("on", "this"),
    ),
    opening_stop=re.compile(r"\bby\s+and\s+between\b|\bbetween\b|\bwe\b|\bby\b", re.IGNORECASE),
    opening_place=re.compile(
        # 'signed at Makassar', or the place right after the opening date:
        # 'made on this 14th day of June 2021 in Sungguminasa between ...'
        r"(?:\b(?i:taking\s+place|signed|done|executed|made)\s+(?:in\s+\w+\s+)?|(?<=\d{4})\s*,?\s+)"
        r"(?:at|in)\s+(?P<place>[A-Z][^,;:\n(\[]*?)"
        r"\s*(?=,|;|:|\s+on\b|\s+this\b|\s+(?i:between|by\s+and)\b|\n|$)"
    ),
    signature_prefix=re.compile(
        rf"(?:(?i:signed|done|executed)(?:\s+(?i:in)\s+\w+)?\s+(?i:at|in)\s+(?P<place>{_PLACE})"
        rf"\s*,?\s*(?:(?i:on)\s+)?(?:(?i:this)\s+)?"
        rf"|(?:^|\n|\t|[ ]{{2,}})(?P<town>{_PLACE})[ \t]*,[ \t]*"
        rf"|\b(?i:dated?|on)[ \t]*:\s*(?:(?i:date)[ \t]*:\s*)*"
        rf"|\b(?i:signed)[ \t]+(?:(?i:on)[ \t]+)?)\Z"
    ),
    weekdays=WEEKDAYS,
    weekday=weekday_pattern(WEEKDAYS),
    closing_place=re.compile(
        rf"\b(?i:signed|executed|done|made)\b[^.]{{0,100}}?\b(?i:at|in)\s+(?P<place>{_PLACE})\s*,?\s+"
        r"(?i:on\s+the\s+(?:day\s+and\s+)?(?:date|day)\s+first\s+(?:above\s+)?written)"
    ),
    closing_date=re.compile(
        rf"\b(?i:done|signed|executed|made)\b[^.\n]{{0,60}}?\b(?i:at|in)\s+(?P<place>{_PLACE})"
        r"\s*,?\s*(?:(?i:on)\s+)?(?:(?i:this|the)\s+)?\Z"
    ),
    place_row=re.compile(
        r"(?i:place|done\s+at|signed\s+at|made\s+at)[ \t]*:[ \t]*(?P<place>[^\n:]{2,40}?)[ \t]*(?=\n)"
    ),
)
