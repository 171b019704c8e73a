"""What an agreement writes twice, and whether the two readings agree.

Indonesian drafting states numbers in figures and in words ('5 (lima) tahun', 'dua puluh
(20)'), restates a date in brackets ('tanggal dua puluh bulan September tahun dua ribu
delapan belas (20-09-2018)') and names the weekday before a date ('Pada hari ini Kamis
tanggal ...'). A reviewer checks that each pair agrees (DOMAIN 4.1, 4.3); these finders give
the pairs with both readings and their spans, and leave the judgement to the caller.
Used by the compliance checks of search_api; pure, like every extractor.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from ingest.extract.dates import find_dates, language_rules
from ingest.extract.numwords import EN_WORDS, ID_WORDS, parse_en, parse_id

_WORDS: dict[str, tuple[str, Callable[[str], int | None]]] = {
    "id": (ID_WORDS, parse_id),
    "en": (EN_WORDS, parse_en),
}
_FIGURES = r"(?<![\w./,-])(?P<{name}>\d{{1,4}})(?![\w/-]|[.,]\d)"
# What may stand between a weekday and its date: 'Senin, tanggal', 'Monday, the'.
_WEEKDAY_GAP = re.compile(r"[\s,]*(?:(?:tanggal|tgl\.?|the|on)[\s,:]*)*\Z", re.IGNORECASE)
_WEEKDAY_REACH = 40
_BRACKET_OPEN = re.compile(r"\s*,?\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")


@dataclass(frozen=True, slots=True)
class RestatedNumber:
    """A number written in figures and in words: '5 (lima)' or 'lima (5)'."""

    figures: int
    words: int | None  # None: the words are not a well-formed number ('dua puluh tuju')
    span: tuple[int, int]

    @property
    def agrees(self) -> bool:
        return self.figures == self.words


@dataclass(frozen=True, slots=True)
class RestatedDate:
    """A date followed by the same date again in brackets, both as read."""

    first: date
    second: date
    span: tuple[int, int]

    @property
    def agrees(self) -> bool:
        return self.first == self.second


@dataclass(frozen=True, slots=True)
class StatedWeekday:
    """A weekday named just before a date ('Kamis tanggal 20 September 2018')."""

    name: str
    weekday: int  # Monday = 0, as date.weekday()
    date: date
    span: tuple[int, int]  # from the weekday to the end of the date

    @property
    def agrees(self) -> bool:
        return self.weekday == self.date.weekday()


@cache
def _pairs(language: str) -> re.Pattern[str]:
    words = _WORDS[language][0]
    figures_first = _FIGURES.format(name="f1") + rf"\s*\(\s*(?P<w1>{words})\s*\)"
    words_first = rf"(?<![\w-])(?P<w2>{words})\s*\(\s*" + _FIGURES.format(name="f2") + r"\s*\)"
    return re.compile(rf"{figures_first}|{words_first}", re.IGNORECASE)


def find_restated_numbers(text: str, language: str) -> list[RestatedNumber]:
    """Every number written both in figures and in words, in reading order, with both
    readings. Raises UnsupportedLanguage for a language without date rules."""
    language_rules(language)  # one table of supported languages for every finder
    parse = _WORDS[language][1]
    out: list[RestatedNumber] = []
    for m in _pairs(language).finditer(text):
        figures, words = (m["f1"], m["w1"]) if m["f1"] else (m["f2"], m["w2"])
        out.append(RestatedNumber(int(figures), parse(" ".join(words.split())), m.span()))
    return out


def find_restated_dates(text: str, language: str) -> list[RestatedDate]:
    """Every date that is followed by another date in brackets ('... (20-09-2018)'), in
    reading order, with both readings. Raises UnsupportedLanguage."""
    dates = find_dates(text, language)
    starts = [found.span[0] for found in dates]
    out: list[RestatedDate] = []
    for found in dates:
        opening = _BRACKET_OPEN.match(text, found.span[1])
        if opening is None:
            continue
        index = bisect.bisect_left(starts, opening.end())
        if index == len(dates) or dates[index].span[0] != opening.end():
            continue
        second = dates[index]
        closing = _BRACKET_CLOSE.match(text, second.span[1])
        if closing is None:
            continue
        out.append(RestatedDate(found.value, second.value, (found.span[0], closing.end())))
    return out


def find_stated_weekdays(text: str, language: str) -> list[StatedWeekday]:
    """Every date with a weekday named just before it, in reading order. Raises
    UnsupportedLanguage."""
    rules = language_rules(language)
    out: list[StatedWeekday] = []
    for found in find_dates(text, language):
        window_start = max(0, found.span[0] - _WEEKDAY_REACH)
        last = None
        for last in rules.weekday.finditer(text, window_start, found.span[0]):  # noqa: B007
            pass
        if last is None or not _WEEKDAY_GAP.match(text[last.end() : found.span[0]]):
            continue
        name = last.group(1)
        out.append(
            StatedWeekday(
                name, rules.weekdays[name.lower()], found.value, (last.start(), found.span[1])
            )
        )
    return out
