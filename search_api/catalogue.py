"""The one source of every word naskah shows: the message catalogue, one file per language
(web/static/i18n/<lang>.json, read by the pages, the JS, the exports, the checks' messages
and the mails alike), and the clause categories' names from ingest's taxonomy.

At the bottom of the service's layers: any part may read it, it imports nothing of them.
Month and weekday names are catalogue keys too (`date.month.1` .. `date.month.12`,
`date.weekday.0` Monday .. `date.weekday.6` Sunday), so a date reads the same everywhere.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"

WEB_DIR = Path(__file__).resolve().parents[1] / "web"


def as_lang(value: str) -> Lang:
    """'en' for English, else the default (Indonesian)."""
    return "en" if value == "en" else DEFAULT_LANG


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    """Key -> text. Raises FileNotFoundError when web/ is not beside the packages."""
    data: dict[str, str] = json.loads(
        (WEB_DIR / "static" / "i18n" / f"{lang}.json").read_text(encoding="utf-8")
    )
    return data


def text(lang: Lang, key: str, **values: object) -> str:
    """The catalogue's text for `key` with {name} placeholders filled; the key if missing."""
    found = catalogue(lang).get(key, key)
    for name, value in values.items():
        found = found.replace("{" + name + "}", str(value))
    return found


@cache
def month_names(lang: Lang) -> tuple[str, ...]:
    """January .. December in `lang`."""
    return tuple(catalogue(lang)[f"date.month.{m}"] for m in range(1, 13))


@cache
def weekday_names(lang: Lang) -> tuple[str, ...]:
    """Monday .. Sunday in `lang` (the index is `date.weekday()`)."""
    return tuple(catalogue(lang)[f"date.weekday.{d}"] for d in range(7))


def written_date(day: date, lang: Lang, *, weekday: bool = False) -> str:
    """'1 Agustus 2022' / '1 August 2022'; with weekday 'Senin, 1 Agustus 2022'."""
    words = f"{day.day} {month_names(lang)[day.month - 1]} {day.year}"
    return f"{weekday_names(lang)[day.weekday()]}, {words}" if weekday else words


@cache
def category_labels(lang: Lang) -> dict[str, str]:
    """Clause category key -> its name in `lang`, from the taxonomy ingest classifies with."""
    raw = (resources.files("ingest") / "data" / "clause-categories.json").read_text("utf-8")
    categories: dict[str, dict[str, str]] = json.loads(raw)["categories"]
    return {key: entry[lang] for key, entry in categories.items()}
