"""The register's words in each language, for the export and the register page: document
kinds, statuses, cooperation kinds, partner types, fields of government affairs and the
export's headers. All from the message catalogue (search_api/catalogue.py): the pages, the
exports and the JS say the same thing the same way."""

from __future__ import annotations

from ingest.profile import SECTORS
from search_api.catalogue import as_lang, text
from search_api.register.rows import RegisterRow


def label(key: str, lang: str, **values: object) -> str:
    """The catalogue's text for `key` in `lang` ('id' unless 'en')."""
    return text(as_lang(lang), key, **values)


def doc_type_label(doc_type: str, lang: str) -> str:
    return label(f"doc_type.{doc_type}", lang)


def status_label(status: str, lang: str) -> str:
    """The long form the register's cards and the export use ('Akan berakhir dalam 90 hari')."""
    return label("status.expiring.long" if status == "expiring" else f"status.{status}", lang)


def kind_label(kind: str, lang: str) -> str:
    """A cooperation kind by its PP 28/2018 name, as the LPPD report writes it."""
    return label(f"coop_kind.long.{kind}", lang)


def partner_label(kind: str, lang: str) -> str:
    return label(f"partner_type.{kind}", lang)


def sector_label(sector: str, lang: str) -> str:
    return label(f"sector.{sector}", lang)


def sector_labels(lang: str) -> dict[str, str]:
    """Every field of government affairs (UU 23/2014) -> its name, in the taxonomy's order."""
    return {sector: sector_label(sector, lang) for sector in SECTORS}


def term_text(row: RegisterRow, lang: str) -> str:
    parts = [
        label(f"term.{unit}", lang, n=n)
        for n, unit in (
            (row.term_years, "years"),
            (row.term_months, "months"),
            (row.term_days, "days"),
        )
        if n
    ]
    return " ".join(parts)
