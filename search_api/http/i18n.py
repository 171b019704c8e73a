"""The UI's words: one catalogue per language (web/static/i18n/*.json, shared with the JS),
clause-category labels from ingest's taxonomy, and dates written the way each language does."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"

WEB_DIR = Path(__file__).resolve().parents[2] / "web"

MONTHS: dict[Lang, tuple[str, ...]] = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    """Key -> text. Raises FileNotFoundError when web/ is not beside the packages."""
    data: dict[str, str] = json.loads(
        (WEB_DIR / "static" / "i18n" / f"{lang}.json").read_text(encoding="utf-8")
    )
    return data


@cache
def category_labels(lang: Lang) -> dict[str, str]:
    """Clause category key -> its name in `lang`, from the taxonomy ingest classifies with."""
    text = (resources.files("ingest") / "data" / "clause-categories.json").read_text("utf-8")
    categories: dict[str, dict[str, str]] = json.loads(text)["categories"]
    return {key: entry[lang] for key, entry in categories.items()}


class Translator:
    """t("key", n=3): the catalogue's text with {name} placeholders filled; the key if missing."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.strings = catalogue(lang)

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings.get(key, key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def action(self, code: str) -> str:
        """An audit action ('login.failed') in words; the code itself when it has none."""
        return self.strings.get(f"audit.action.{code}", code)

    def category(self, key: str | None) -> str:
        if not key:
            return ""
        return category_labels(self.lang).get(key, key)

    def date(self, value: date | str | None, *, weekday: bool = False) -> str:
        """'1 Agustus 2022' / '1 August 2022'; with weekday 'Senin, 1 Agustus 2022'."""
        if value is None or value == "":
            return self("empty")
        day = date.fromisoformat(value) if isinstance(value, str) else value
        text = f"{day.day} {MONTHS[self.lang][day.month - 1]} {day.year}"
        return f"{WEEKDAYS[self.lang][day.weekday()]}, {text}" if weekday else text

    def moment(self, value: datetime | None) -> str:
        """A stored time (UTC; naive from SQLite) in the server's local time, to the minute."""
        if value is None:
            return self("empty")
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        local = aware.astimezone()
        return f"{self.date(local.date())} {local:%H:%M}"

    def term(self, term: dict[str, int] | None) -> str:
        if not term:
            return self("empty")
        parts = [
            self(f"term.{unit}", n=term[unit])
            for unit in ("years", "months", "days")
            if term.get(unit)
        ]
        return " ".join(parts) or self("empty")

    def value(self, name: str, value: Any) -> str:
        """A stored field value as a person reads it (history, machine value hints)."""
        if value is None or value == "" or value == []:
            return self("empty")
        if name == "parties" and isinstance(value, list):
            return _joined(
                [
                    p.get("name", "")
                    + (
                        f" ({', '.join(x for x in (p.get('representative'), p.get('position')) if x)})"
                        if p.get("representative") or p.get("position")
                        else ""
                    )
                    for p in value
                ]
            )
        if name == "term" and isinstance(value, dict):
            return self.term(value)
        if name == "doc_type":
            return self(f"doc_type.{value}")
        if name == "language":
            return self(f"lang.{value}")
        if name.endswith("_date") and isinstance(value, str):
            return self.date(value)
        if isinstance(value, list):
            return _joined([str(v) for v in value])
        return str(value)


def _joined(items: list[str]) -> str:
    return "; ".join(i for i in items if i)


def lang_from(query: str | None, cookie: str | None) -> Lang:
    for candidate in (query, cookie):
        if candidate == "en":
            return "en"
        if candidate == "id":
            return "id"
    return DEFAULT_LANG
