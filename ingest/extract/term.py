"""How long an agreement runs: the stated term, a stated end date, the effective date.

`find_term` reads 'jangka waktu 5 (lima) tahun' / 'for a period of one (1) year' from a sentence
about duration, never a notice period or a payment deadline. `compute_expiry` applies the gold
rule: effective date + term - 1 day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from re import Match, Pattern

from dateutil.relativedelta import relativedelta

from ingest.errors import UnsupportedLanguage
from ingest.extract.dates import find_dates
from ingest.extract.dates.common import MONTH, YEAR_DIGITS, first_date_ending_from, month_number
from ingest.extract.numwords import (
    EN_WORDS,
    ID_WORDS,
    en_words_starts,
    id_words_starts,
    parse_en,
    parse_id,
)
from ingest.extract.scan import WordLed, finditer
from ingest.model import Found, Term

_SENTENCE_REACH = 160
_JOINER = re.compile(r"\s*(?:,|dan|and)?\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s|;|:\s*\n|\n\s*\n|\n\s*\(?\d{1,2}[.)]\s")


@dataclass(frozen=True, slots=True)
class TermLanguage:
    duration: Pattern[str]  # groups num, alt, unit, budget
    words_starts: Callable[[str], tuple[int, ...]]  # where number words can start
    parse_words: Callable[[str], int | None]
    trigger: Pattern[str]  # a sentence about the agreement's duration
    reject_before: Pattern[str]  # 'paling lambat 30 hari', 'within 30 days' (searched at the end)
    reject_after: Pattern[str]  # '... hari sebelum', '... days prior written notice'
    units: dict[str, str]
    until: WordLed  # 'sampai dengan', 'until', followed by the end date
    signing_start: WordLed  # 'berlaku sejak tanggal ditandatangani'
    explicit_start: WordLed  # 'terhitung mulai tanggal', 'effective as of', then a date

    def durations(self, text: str) -> Iterator[Match[str]]:
        """What `duration.finditer(text)` yields, trying `duration` only where a number in
        digits or in words starts."""
        digits = (m.start() for m in _DIGITS_START.finditer(text))
        return finditer(self.duration, text, sorted({*self.words_starts(text), *digits}))


_DIGITS = r"(?<![\d.,/-])\d{1,3}(?![\d.,/])"
# Where _DIGITS can start; it opens with a set of characters, so `re` scans for it fast.
_DIGITS_START = re.compile(r"\d(?<![\d.,/-]\d)")

LANGUAGES: dict[str, TermLanguage] = {
    "id": TermLanguage(
        duration=re.compile(
            rf"(?P<num>{_DIGITS}|{ID_WORDS})(?:\s*\(\s*(?P<alt>{_DIGITS}|{ID_WORDS})\s*\))?\s*"
            r"(?P<unit>tahun|bulan|minggu|hari)\b(?P<budget>\s+anggaran\b)?",
            re.IGNORECASE,
        ),
        words_starts=id_words_starts,
        parse_words=parse_id,
        trigger=re.compile(
            r"\bjangka\s*waktu\b|\bmasa\s+(?:berlaku|kerja\s*sama|perjanjian)\b|\bberlaku\b"
            r"|\bselama\b|\bperiode\b|\bdurasi\b",
            re.IGNORECASE,
        ),
        reject_before=re.compile(
            r"(?:paling\s+(?:lambat|cepat|sedikit)|selambat-lambatnya|sekurang-kurangnya"
            r"|minimal|dalam\s+waktu)\s*\Z",
            re.IGNORECASE,
        ),
        reject_after=re.compile(
            r"\s*(?:kerja\s+|kalender\s+)?(?:setelah|sesudah|sebelum|sebelumnya"
            r"|sejak\s+(?:diterima|terjadi))",
            re.IGNORECASE,
        ),
        units={"tahun": "years", "bulan": "months", "minggu": "weeks", "hari": "days"},
        until=WordLed(
            re.compile(
                # OCR reads 'm' as 'rn' (DOMAIN 4.14): 'sarnpai dengan'
                r"\b(?:sa(?:m|rn)pai\s+dengan|s\.\s?d\.?|s/d|hingga|berakhir\s+pada|sa(?:m|rn)pai)"
                r"(?:\s*(?:tanggal|tgl\.?))?[\s:]*",
                re.IGNORECASE,
            ),
            ("sampai", "sarnpai", "s.", "s/d", "hingga", "berakhir"),
        ),
        signing_start=WordLed(
            re.compile(
                # 'sejak tanggal Perjanjian Kerja Sama ini ditandatangani': a few words between
                r"\b(?:sejak|mulai|pada|semenjak)\s+(?:tanggal\s+)?(?:[A-Za-z]+\s+){0,5}?"
                # 'ditandatangani', 'di tandatangani', 'ditanda tanganinya'
                r"(?:di\s*tanda\s?tangani(?:nya)?|penanda\s?tanganan)",
                re.IGNORECASE,
            ),
            ("sejak", "mulai", "pada", "semenjak"),
        ),
        explicit_start=WordLed(
            re.compile(
                r"\b(?:terhitung\s+|berlaku\s+)?(?:mulai|sejak)\s+(?:(?:tanggal|tgl\.?)\s*)?"
                r"(?:\(?TMT\)?\s*)?|\bTMT\s+"
                # 'mulai berlaku pada tanggal 20 Juni 2023'
                r"|\b(?:mulai\s+)?berlaku\s+(?:pada|sejak|mulai|dari)\s+(?:(?:tanggal|tgl\.?)\s*)?",
                re.IGNORECASE,
            ),
            ("terhitung", "berlaku", "mulai", "sejak", "tmt"),
        ),
    ),
    "en": TermLanguage(
        duration=re.compile(
            rf"(?P<num>{_DIGITS}|{EN_WORDS})(?:\s*\(\s*(?P<alt>{_DIGITS}|{EN_WORDS})\s*\))?"
            r"[\s-]*(?P<unit>year|month|week|day)s?(?P<budget>)",
            re.IGNORECASE,
        ),
        words_starts=en_words_starts,
        parse_words=parse_en,
        trigger=re.compile(
            r"term\b|period|duration|\bvalid|in\s*(?:full\s*)?(?:force|effect)|effect\s*for"
            r"|remain",
            re.IGNORECASE,
        ),
        reject_before=re.compile(
            r"(?:within|at\s*least|no\s*later\s*than|not\s*less\s*than|giving)\s*\Z",
            re.IGNORECASE,
        ),
        reject_after=re.compile(
            r"[\s’']*(?:prior|before|after|notice|written|in\s*advance|following)",
            re.IGNORECASE,
        ),
        units={"year": "years", "month": "months", "week": "weeks", "day": "days"},
        until=WordLed(
            re.compile(
                r"\b(?:until|till|through|expir(?:es|ing|y)(?:\s*date)?|terminates|ends?"
                r"|end\s*date)(?:[^.;]{0,60}?\bon\s+|[\s:,]*(?:and\s+including\s+|on\s+)?)",
                re.IGNORECASE,
            ),
            ("until", "till", "through", "expir", "terminates", "end"),
        ),
        signing_start=WordLed(
            re.compile(
                r"(?:upon|\bon|\bfrom|\bas\s*of)\s*(?:the\s*)?(?:date\s*of\s*)?(?:its\s*|the\s*)?"
                r"(?:last\s*|final\s*)?(?:signature|signing|execution)"
                r"|date\s*first\s*(?:above\s*)?written",
                re.IGNORECASE,
            ),
            ("upon", "on", "from", "as", "date"),
        ),
        explicit_start=WordLed(
            re.compile(
                r"\b(?:effective|commenc\w*|come\s+into\s+force|enter\s+into\s+force|take\s+effect"
                r"|valid|with\s+effect|in\s+(?:force|effect))\s*(?:date\s*:|as\s+of|on|from)\s*"
                # 'valid for a period of five (5) years from 1 April 2025': the term, then its start
                r"|\b(?:years?|months?)\)?\s+(?:(?:commencing|starting|beginning)\s+)?(?:from|as\s+of|on)\s+",
                re.IGNORECASE,
            ),
            (
                "year",
                "month",
                "effective",
                "commenc",
                "come",
                "enter",
                "take",
                "valid",
                "with",
                "in force",
                "in effect",
            ),
        ),
    ),
}


def _rules(language: str) -> TermLanguage:
    if language not in LANGUAGES:
        raise UnsupportedLanguage(language, supported=sorted(LANGUAGES))
    return LANGUAGES[language]


def find_term(text: str, language: str) -> Found[Term] | None:
    """The agreement's stated duration, from a sentence about its term, or None.
    Digits win over words ('5 (empat) tahun' is 5 years). Raises UnsupportedLanguage."""
    rules = _rules(language)
    for match in rules.durations(text):
        if not _is_term(text, match, rules):
            continue
        term = _term(match, rules)
        if term is None:
            continue
        end = match.end()
        # '1 (satu) tahun 6 (enam) bulan': a smaller unit right after adds to the term.
        following = rules.duration.match(text, _skip_joiner(text, end))
        if following and (extra := _term(following, rules)) and _smaller(extra, term):
            term = Term(
                term.years + extra.years, term.months + extra.months, term.days + extra.days
            )
            end = following.end()
        return Found(term, (match.start(), end))
    return None


def _is_term(text: str, match: Match[str], rules: TermLanguage) -> bool:
    start = _sentence_start(text, match.start())
    before = text[start : match.start()]
    if rules.reject_before.search(before) or rules.reject_after.match(text, match.end()):
        return False
    return rules.trigger.search(before) is not None


def _term(match: Match[str], rules: TermLanguage) -> Term | None:
    number = _number(match["num"], match["alt"], rules)
    if not number:
        return None
    unit = rules.units[match["unit"].lower()]
    if unit == "weeks":
        return Term(days=7 * number)
    return Term(**{unit: number})


def _number(main: str, alt: str | None, rules: TermLanguage) -> int | None:
    for part in (main, alt):
        if part and part.strip().isdigit():
            return int(part)
    return rules.parse_words(main)


def _smaller(extra: Term, term: Term) -> bool:
    if term.years:
        return not extra.years
    return bool(term.months) and not (extra.years or extra.months)


def _skip_joiner(text: str, pos: int) -> int:
    joiner = _JOINER.match(text, pos)
    return joiner.end() if joiner else pos


def _sentence_start(text: str, pos: int) -> int:
    window_start = max(0, pos - _SENTENCE_REACH)
    start = window_start
    for end in _SENTENCE_END.finditer(text, window_start, pos):
        start = end.end()
    return start


def find_stated_expiry(text: str, language: str) -> Found[date] | None:
    """The end date the text states ('berlaku sampai dengan tanggal 31 Desember 2019',
    'until 30 June 2024'), preferring one in a sentence about duration. Raises UnsupportedLanguage."""
    rules = _rules(language)
    dates = find_dates(text, language)
    candidates: list[Found[date]] = []
    months: list[Found[date]] = []
    for until in rules.until.finditer(text):
        if found := _date_at(dates, until.end()):
            candidates.append(found)
        elif month := _month_end(text, until.end(), rules):
            months.append(month)
    for found in candidates:
        before = text[_sentence_start(text, found.span[0]) : found.span[0]]
        if rules.trigger.search(before):
            return found
    if candidates:
        return candidates[0]
    # 'sampai dengan bulan Desember tahun 2022', in a sentence about the agreement's own
    # period only: 'selama satu tahun hingga bulan Desember' is an activity's
    for found in months:
        if _MONTH_TRIGGER.search(text[_sentence_start(text, found.span[0]) : found.span[0]]):
            return found
    return None


_MONTH_TRIGGER = re.compile(
    r"\bjangka\s*waktu\b|\bmasa\s+(?:berlaku|kerja\s*sama|perjanjian)\b|\bberlaku\b"
    r"|\bin\s+(?:force|effect)\b|\bvalid\b",
    re.IGNORECASE,
)


# a month and year without a day after 'sampai dengan' / 'until': the month's last day
_MONTH_YEAR = re.compile(
    rf"(?:bulan\s+|the\s+end\s+of\s+)?(?P<m>{MONTH})[\s,]+(?:tahun\s+)?"
    rf"(?P<y>{YEAR_DIGITS}\b|{ID_WORDS}|{EN_WORDS})",
    re.IGNORECASE,
)


def _month_end(text: str, pos: int, rules: TermLanguage) -> Found[date] | None:
    m = _MONTH_YEAR.match(text, pos)
    if m is None:
        return None
    month = month_number(m["m"])
    year = int(m["y"]) if m["y"].isdigit() else rules.parse_words(m["y"])
    if month is None or year is None or not 1900 <= year <= 2100:
        return None
    last = (date(year, month, 1) + relativedelta(months=1)) - timedelta(days=1)
    return Found(last, m.span())


def _date_at(dates: list[Found[date]], pos: int) -> Found[date] | None:
    found = first_date_ending_from(dates, pos + 1)
    return found if found and found.span[0] <= pos else None


def find_effective(text: str, language: str, signed: date | None) -> Found[date] | None:
    """When the agreement takes effect: an explicit start date ('terhitung mulai tanggal
    1 Oktober 2018', 'effective as of ...') wins; 'berlaku sejak tanggal ditandatangani' /
    'effective upon signature' gives `signed` (None if unknown). Raises UnsupportedLanguage."""
    rules = _rules(language)
    dates = find_dates(text, language)
    for start in rules.explicit_start.finditer(text):
        if found := _date_at(dates, start.end()):
            return found
    if signed is not None and (phrase := rules.signing_start.search(text)):
        return Found(signed, phrase.span())
    return None


def compute_expiry(effective: date, term: Term) -> date:
    """The last day in force: effective + term - 1 day (5 years from 2018-09-20 -> 2023-09-19)."""
    end = effective + relativedelta(years=term.years, months=term.months, days=term.days)
    return end - timedelta(days=1)
