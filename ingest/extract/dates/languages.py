"""The table of date languages: which rules a language code picks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

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
    return list(language_rules(language).find(text))
