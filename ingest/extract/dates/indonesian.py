"""Indonesian dates: '20 September 2018', '20-09-2018', '3-III-2024',
'tanggal dua puluh bulan September tahun dua ribu delapan belas', '1 (satu) Agustus 2022'."""

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
from ingest.extract.numwords import ID_WORDS, id_words_starts, parse_id
from ingest.extract.scan import WordLed, find_words, finditer, fold
from ingest.model import Found

_DAY = rf"(?:{NOT_AFTER_NUMBER}{DAY_DIGITS}\b|{ID_WORDS})"
_YEAR = rf"(?:{NOT_AFTER_NUMBER}{YEAR_DIGITS}\b|{ID_WORDS})"
_WRITTEN = (
    rf"(?:(?:tanggal|tgl\.?)[ \t]*:?\s*)?"
    rf"(?P<d>{_DAY})(?:\s*\(\s*(?P<d2>{_DAY})\s*\))?[\s,]*"
    rf"(?:(?:bulan\s+)?(?P<m>{MONTH}|{MISSPELT_MONTH})|bulan\s+(?P<mn>[0-9]{{1,2}})\b)[\s,]*"
    rf"(?:tahun\s+)?(?P<y>{_YEAR})(?:\s*\(\s*(?P<y2>{_YEAR})\s*\))?"
)
DATE_RE = re.compile(rf"{_WRITTEN}|{NUMERIC}|{ISO}", re.IGNORECASE)
# Every match starts at 'tanggal' / 'tgl' (inside a word too), at number words or at digits.
_LEADS = ("tanggal", "tgl")


def find(text: str) -> Iterator[Found[date]]:
    """Every well-formed Indonesian date in reading order; impossible dates are skipped."""
    for match in matches(text):
        value = _written_date(match) if match["d"] else numeric_date(match, month_first=False)
        if value is not None:
            yield Found(value, match.span())


def matches(text: str) -> Iterator[Match[str]]:
    """What DATE_RE.finditer(text) yields, trying DATE_RE only where a match can start."""
    starts = {*find_words(fold(text), _LEADS), *id_words_starts(text), *digits_starts(text)}
    return finditer(DATE_RE, text, sorted(starts))


def _written_date(match: Match[str]) -> date | None:
    month = month_number(match["m"]) if match["m"] else int(match["mn"])
    return make_date(_value(match["y"], match["y2"]), month, _value(match["d"], match["d2"]))


def _value(main: str, bracketed: str | None) -> int | None:
    """Digits win over words: '1 (satu)' and 'satu (1)' both give the digits."""
    for part in (main, bracketed):
        if part and (number := ocr_int(part)) is not None:
            return number
    return parse_id(main)


WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}  # fmt: skip

# A town: one to four words, the first capitalised, never the words that follow it.
_PLACE = (
    # not the opening formula's words, in either language ('Pada hari ini, [tanggal]')
    r"(?!(?i:pada|hari|dibuat|ditandatangani|tanggal|on|this|date)\b)"
    r"[A-Z][\w'’.-]*(?:[ ](?!(?i:pada|tanggal|tgl)\b)[A-Za-z][\w'’.-]*){0,3}"
)

LANGUAGE = DateLanguage(
    find=find,
    opening=WordLed(
        # OCR reads the i of 'hari' as l, 1 or | ('Pada harl Senin')
        re.compile(r"\bpada\s+har[il1|]\b(?:\s+ini\b)?|\bhar[il1|]\s+ini\b", re.IGNORECASE),
        ("pada", "hari"),
    ),
    opening_stop=re.compile(
        r"\bbertempat\b|\byang\s+bertanda\b|\bkami\b|\btelah\b|\bdi\s+bawah\b", re.IGNORECASE
    ),
    opening_place=re.compile(
        # the place may wrap its line once ('di Kantor Bupati Gunung' / 'Sejuk, telah ...')
        r"\bbertempat\s+di\s+(?P<place>[^,;:\n(\[]+?(?:\n(?=[A-Z])[^,;:\n(\[]+?)?)\s*"
        r"(?=,|;|:|\byang\s+bertanda|\bkami\b|\n\n|$"
        r"|\b(?:dibuat|ditandatangani|telah|oleh|di\s*adakan)\b)",
        re.IGNORECASE,
    ),
    signature_prefix=re.compile(
        rf"(?:(?i:ditandatangani|dibuat)\s+di\s+(?P<place>{_PLACE})\s*,?\s*(?i:pada\s+)?"
        rf"(?:(?i:tanggal|tgl\.?)\s*:?\s*)?"
        rf"|(?:^|\n|\t|[ ]{{2,}})(?P<town>{_PLACE})[ \t]*,[ \t]*(?:(?i:tanggal|tgl\.?)[ \t]*:?[ \t]*)?"
        rf"|\(?(?i:tanggal|tgl\.?)\)?[ \t]*:[ \t]*)\Z"
    ),
    weekdays=WEEKDAYS,
    weekday=weekday_pattern(WEEKDAYS),
    closing_place=re.compile(
        rf"\b(?i:ditandatangani|dibuat)\b[^.]{{0,100}}?\bdi\s+(?P<place>{_PLACE})\s*,?\s+"
        r"(?i:pada\s+hari\s*(?:,\s*|dan\s+)?tanggal\s+(?:sebagaimana|seperti|yang)\b)"
    ),
    closing_date=re.compile(
        rf"\b(?i:dibuat|ditandatangani)\b[^.\n]{{0,80}}?\b(?i:di)\s+(?P<place>{_PLACE})\s*,?\s*"
        r"(?i:pada)\s+(?:(?i:hari)\s+\w+\s*,?\s*)?(?:(?i:tanggal|tgl\.?)\s*:?\s*)?\Z"
    ),
    place_row=re.compile(
        # the place may wrap onto a line of its own ('Padang Panjang' / 'Baru')
        r"(?i:dibuat|ditandatangani)\s+(?i:di)[ \t]*:[ \t]*(?P<place>[^\n:]{2,40}?"
        r"(?:\n[A-Z][\w'’. -]{1,30}(?=\n))?)[ \t]*(?=\n)"
    ),
)
