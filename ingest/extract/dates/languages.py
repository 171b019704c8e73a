"""The table of date languages: which rules a language code picks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache

from ingest.errors import UnsupportedLanguage
from ingest.extract.dates import english, indonesian
from ingest.extract.dates.common import DateLanguage
from ingest.model import Found

LANGUAGES: dict[str, DateLanguage] = {"id": indonesian.LANGUAGE, "en": english.LANGUAGE}
FINDERS: dict[str, Callable[[str], Iterator[Found[date]]]] = {
    code: rules.find for code, rules in LANGUAGES.items()
}


def language_rules(language: str) -> DateLanguage:
    """The date rules of one language. Raises UnsupportedLanguage for any other code."""
    if language not in LANGUAGES:
        raise UnsupportedLanguage(language, supported=sorted(LANGUAGES))
    return LANGUAGES[language]


def find_dates(text: str, language: str) -> list[Found[date]]:
    """Every real calendar date in `text`, in reading order. Raises UnsupportedLanguage."""
    language_rules(language)
    return list(_dates(text, language))


# The signing, effective-date and expiry finders all need the dates of the same document
# text; finding them once per text halves the cost of field extraction.
@lru_cache(maxsize=4)
def _dates(text: str, language: str) -> tuple[Found[date], ...]:
    return tuple(LANGUAGES[language].find(text))
