"""Patterns tried only where a match can start (ingest/extract/scan.py) find what a plain
search finds. The texts are words of the case tables glued at random, in mixed case, with the
characters re.IGNORECASE folds to ASCII letters ('ſ', 'ı', 'İ', the Kelvin sign)."""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from re import Match, Pattern

import pytest

from ingest.extract import numbers
from ingest.extract.dates import english, indonesian
from ingest.extract.dates.languages import LANGUAGES as DATE_LANGUAGES
from ingest.extract.scan import WordLed, alternation, fold, shortest_prefixes
from ingest.extract.term import LANGUAGES as TERM_LANGUAGES
from tests.ingest.casetable import CASES

TABLES = ("dates.id.csv", "dates.en.csv", "term.csv", "effective.csv", "expiry.csv", "signing.csv")
DOCUMENTS = Path(__file__).parent / "documents"

# Pieces of dates and durations, glued into phrases the patterns match, or nearly.
PREFIXES = ["", "", "tanggal ", "Tgl ", "tgl. ", "TANGGAL: ", "Pertanggal ", "the ", "bathe "]
DAYS = [
    "1", "20", "31", "O1", "l2", "I", "2O", "İ", "20th", "1st", "3rd", "satu", "ſatu", "tıga",
    "dua puluh", "dua puluh satu", "sebelas", "kedua", "ke-2", "ke-dua", "kesatu", "pertama", "\u212aelima",
    "first", "twenty-first", "thirtieth", "ten", "Twenty Two", "seventeen",
]  # fmt: skip
MONTHS = [
    "Maret", "SEPTEMBER", "Sept.", "sep", "Agustus", "agt", "Pebruari", "mei", "May", "may",
    "Dec", "desember", "June", "bulan Juli", "bulan 3", "bulan 12", "Januari",
]  # fmt: skip
YEARS = [
    "2018", "2O18", "1999", "3000", "dua ribu delapan belas", "seribu sembilan ratus",
    "nineteen ninety-nine", "two thousand and eighteen", "tahun 2024", "the year 2020",
]  # fmt: skip
NUMERIC = ["20-09-2018", "3-III-2024", "2018-09-20", "09/20/2018", "1.2.2020", "l2/O1/2O18"]
UNITS = ["tahun", "bulan", "hari", "minggu", "tahun anggaran", "years", "month", "day", "weeks"]
SEPARATORS = [" ", " ", ", ", "\n", " of ", " day of ", ""]


def _words() -> list[str]:
    """Words of the case tables and the literal words of the scanned patterns."""
    words = {"(", ")", ",", "-", "/", ".", ":", "Ⅻ", "٢٠١٨", "N0MOR", "n0mor:"}
    for table in TABLES:
        with (CASES / table).open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                words.update(row["text"].split())
    for led in LED.values():
        source = re.sub(r"\\.", " ", led.pattern.pattern)  # drop escapes: \b, \s, \.
        words.update(re.findall(r"[A-Za-z/.]{2,}", source))
    return sorted(words)


def _phrase(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:  # day month year, or month day year
        day, month, year = rng.choice(DAYS), rng.choice(MONTHS), rng.choice(YEARS)
        if rng.random() < 0.2:
            day += f" ({rng.choice(DAYS)})"
        if rng.random() < 0.2:
            return f"{month} {day}, {year}"
        return (
            rng.choice(PREFIXES)
            + day
            + rng.choice(SEPARATORS)
            + month
            + rng.choice(SEPARATORS)
            + year
        )
    if kind == 1:
        return rng.choice(PREFIXES) + rng.choice(NUMERIC)
    number = rng.choice([*DAYS, "5", "12", "365", "1.000", "2,5", "x5"])
    if rng.random() < 0.3:
        number += f" ({rng.choice(DAYS)})"
    return number + rng.choice([" ", "", "-"]) + rng.choice(UNITS)


def _texts(count: int = 3000) -> list[str]:
    rng = random.Random(20240)
    words = _words()
    glue = [" ", " ", " ", "  ", "\n", ", ", "-", "/", ".", "(", ") ", ""]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(2, 16)):
            piece = _phrase(rng) if rng.random() < 0.4 else rng.choice(words)
            roll = rng.random()
            if roll < 0.15:
                piece = piece.upper()
            elif roll < 0.25:
                piece = "".join(c.upper() if rng.random() < 0.5 else c for c in piece)
            parts.append(piece + rng.choice(glue))
        texts.append("".join(parts))
    texts.extend(path.read_text(encoding="utf-8") for path in sorted(DOCUMENTS.glob("*.txt")))
    return texts


def _spans(matches: Iterator[Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def _span(match: Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


FAST: dict[str, tuple[Callable[[str], Iterator[Match[str]]], Pattern[str]]] = {
    "dates_id": (indonesian.matches, indonesian.DATE_RE),
    "dates_en": (english.matches, english.DATE_RE),
    **{
        f"durations_{code}": (rules.durations, rules.duration)
        for code, rules in TERM_LANGUAGES.items()
    },
}
LED: dict[str, WordLed] = {
    "references": numbers.REFERENCE,
    **{f"opening_{code}": rules.opening for code, rules in DATE_LANGUAGES.items()},
    **{
        f"{field}_{code}": getattr(rules, field)
        for code, rules in TERM_LANGUAGES.items()
        for field in ("until", "signing_start", "explicit_start")
    },
}


TEXTS = _texts()


@pytest.mark.parametrize("name", FAST)
def test_scanning_only_where_a_match_can_start_finds_every_match(name: str) -> None:
    fast, pattern = FAST[name]
    for text in TEXTS:
        assert _spans(fast(text)) == _spans(pattern.finditer(text)), text


@pytest.mark.parametrize("name", LED)
def test_a_pattern_led_by_words_finds_every_match(name: str) -> None:
    led = LED[name]
    for text in TEXTS:
        assert _spans(led.finditer(text)) == _spans(led.pattern.finditer(text)), text
        assert _span(led.search(text)) == _span(led.pattern.search(text)), text


def test_fold_keeps_positions_and_gives_the_letter_ignorecase_matches() -> None:
    letter = re.compile(r"(?i)[a-z]")
    for code in range(0x110000):
        char = chr(code)
        folded = fold(char)
        assert len(folded) == 1
        matched = letter.fullmatch(char) is not None
        assert matched == ("a" <= folded <= "z"), hex(code)
        if matched:
            assert re.fullmatch(f"(?i){folded}", char), hex(code)


def test_alternation_matches_the_flat_list_longest_first() -> None:
    rng = random.Random(5)
    for _ in range(300):
        words = ["".join(rng.choice("abc") for _ in range(rng.randrange(1, 5))) for _ in range(8)]
        flat = "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"
        for after in ("", "c", "b?c", r"\b"):  # what follows makes re backtrack into the group
            expected, factored = re.compile(flat + after), re.compile(alternation(words) + after)
            for _ in range(20):
                text = "".join(rng.choice("abcd ") for _ in range(10))
                assert _spans(factored.finditer(text)) == _spans(expected.finditer(text))


def test_shortest_prefixes_drop_words_another_word_starts() -> None:
    assert shortest_prefixes(["sept", "sep", "september", "des", "dec"]) == ("dec", "des", "sep")
