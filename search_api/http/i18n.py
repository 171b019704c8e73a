"""The UI's words as pages use them: a Translator over the catalogue (search_api/catalogue.py,
web/static/i18n/*.json, shared with the JS), with dates, terms and stored values written the
way each language does."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from search_api.catalogue import (
    DEFAULT_LANG,
    LANGS,
    WEB_DIR,
    Lang,
    catalogue,
    category_labels,
    written_date,
)

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "WEB_DIR",
    "Lang",
    "Translator",
    "catalogue",
    "category_labels",
    "lang_from",
]


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
        return written_date(day, self.lang, weekday=weekday)

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
