"""Message templates and the values filled into them, in Indonesian and English.

A check gives a reason ('absent', 'mentioned', ...) and parameters; the rule's template
for that reason (packs/*.toml, else packs/messages.toml) is filled per language. Values
are rendered here, not in the checks: a date reads '20 September 2018' / '20 September
2018' with the language's month name, a place 'Pasal 3' / 'Article 3', a term '5 tahun' /
'5 years'.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ingest.model import Term
from search_api.catalogue import as_lang, written_date
from search_api.compliance.model import LANGUAGES


@dataclass(frozen=True, slots=True)
class Place:
    """A Pasal by number, or a part of the agreement outside its clauses."""

    clause: str | None = None
    part: str | None = None  # title | opening | closing | signatures


# A text already written per language: {"id": "Jumat", "en": "Friday"}
Localized = Mapping[str, str]
Value = str | int | date | Term | Place | Localized | Sequence[str | int | date | Place | Localized]

_PARTS = {
    "title": {"id": "judul dan nomor", "en": "title and numbers"},
    "opening": {"id": "pembukaan dan komparisi", "en": "opening and parties"},
    "closing": {"id": "penutup", "en": "closing"},
    "signatures": {"id": "blok tanda tangan", "en": "signature block"},
}
_CLAUSE = {"id": "Pasal", "en": "Article"}
_UNITS = {"id": ("tahun", "bulan", "hari"), "en": ("year", "month", "day")}
_AND = {"id": "dan", "en": "and"}
_NONE = {"id": "-", "en": "-"}
_DOUBLE_STOP = re.compile(r"(?<=\w)\.\.(?!\.)")


def render(value: Value, language: str) -> str:
    """One value as text in `language` ('id' or 'en')."""
    if isinstance(value, bool):
        raise TypeError("a message value cannot be a bool")
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return written_date(value, as_lang(language))
    if isinstance(value, Term):
        return _term(value, language)
    if isinstance(value, Place):
        if value.clause is not None:
            return f"{_CLAUSE[language]} {value.clause}"
        return _PARTS[value.part or "closing"][language]
    if isinstance(value, Mapping):
        return value[language]
    items = [render(item, language) for item in value]
    if not items:
        return _NONE[language]
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {_AND[language]} {items[-1]}"


def _term(term: Term, language: str) -> str:
    parts = []
    for count, unit in zip((term.years, term.months, term.days), _UNITS[language], strict=True):
        if count:
            plural = "s" if language == "en" and count != 1 else ""
            parts.append(f"{count} {unit}{plural}")
    return " ".join(parts) or f"0 {_UNITS[language][2]}"


def fields(template: str) -> set[str]:
    """The names a template fills: 'Pasal {clauses}' -> {'clauses'}."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fill(templates: Mapping[str, str], values: Mapping[str, Value]) -> dict[str, str]:
    """The template of each language filled with `values` rendered in that language."""
    out = {}
    for language in LANGUAGES:
        text = templates[language].format_map(
            {name: render(value, language) for name, value in values.items()}
        )
        # a value ending in a full stop ('M.Pd.') before the template's own
        out[language] = _DOUBLE_STOP.sub(".", text)
    return out
