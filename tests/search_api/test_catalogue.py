"""One source for each word the UI shows (issue #16 item 5): the message catalogue holds the
month and weekday names, the register's and the export's labels, the checklist's words; the
pages, the exports, the checks' messages and the JS read them from there."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ingest.extract.partners import COOPERATION_KINDS, PARTNER_TYPES
from ingest.extract.sectors import SECTORS
from search_api.catalogue import LANGS, WEB_DIR, catalogue, written_date
from search_api.compliance.messages import render
from search_api.http.i18n import Translator
from search_api.register import RegisterRow, to_xlsx
from search_api.register.export import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")  # fmt: skip


def test_both_catalogues_have_the_same_keys() -> None:
    keys = {lang: set(catalogue(lang)) for lang in LANGS}
    assert keys["id"] == keys["en"], keys["id"] ^ keys["en"]


def test_month_and_weekday_names_are_written_nowhere_but_in_the_catalogue() -> None:
    """A second list of month names is how the same date came to read differently."""
    sources = [
        *sorted((ROOT / "search_api").rglob("*.py")),
        *sorted((WEB_DIR / "static" / "js").rglob("*.js")),
        *sorted((WEB_DIR / "templates").rglob("*.html")),
    ]
    offenders = []
    for path in sources:
        words = re.findall(
            r"\b(?:Desember|Oktober|Agustus|Februari|Januari)\b", path.read_text("utf-8")
        )
        if len(set(words)) >= 3:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_date_reads_the_same_on_pages_in_checks_and_in_the_catalogue(lang: str) -> None:
    day = date(2024, 3, 4)  # a Monday
    expected = f"4 {catalogue(lang)['date.month.3']} 2024"  # type: ignore[index]
    assert Translator(lang).date(day) == expected  # type: ignore[arg-type]
    assert render(day, lang) == expected
    assert written_date(day, lang, weekday=True) == (  # type: ignore[arg-type]
        f"{catalogue(lang)['date.weekday.0']}, {expected}"  # type: ignore[index]
    )
    if lang == "id":
        assert [catalogue("id")[f"date.month.{m}"] for m in range(1, 13)] == list(MONTHS_ID)


def test_every_register_label_has_its_words_in_both_languages() -> None:
    for lang in LANGS:
        words = catalogue(lang)
        for key in (
            *(f"export.col.{c}" for c in COLUMNS),
            *(f"coop_kind.long.{k}" for k in COOPERATION_KINDS),
            *(f"partner_type.{p}" for p in PARTNER_TYPES),
            *(f"sector.{s}" for s in SECTORS),
        ):
            assert words.get(key), f"{lang}: {key}"


def test_the_export_headers_and_statuses_are_the_catalogues() -> None:
    row = RegisterRow(
        id="a1", title="PKS", subject=None, doc_type="agreement", language="id", numbers=[],
        references=[], parties=["Pemerintah Kabupaten Gowa"], partner_types=["region"],
        cooperation_kind="ksdd", regional_office=None, sectors=["education"], signers=[],
        signed_date=date(2024, 3, 4), signed_place=None, effective_date=None, term_years=2,
        term_months=None, term_days=None, expiry_date=date(2026, 3, 4), status="expiring",
        days_left=30, filename="pks.pdf", corrected_fields=[], requirements_met=7,
        requirements_total=9,
    )  # fmt: skip
    for lang in LANGS:
        words = catalogue(lang)
        sheet = load_workbook(io.BytesIO(to_xlsx([row], lang, generated=date.today()))).worksheets[
            0
        ]  # type: ignore[arg-type]
        header, values = list(sheet.iter_rows(values_only=True))[:2]
        assert list(header) == [words[f"export.col.{c}"] for c in COLUMNS]
        got = dict(zip(COLUMNS, values, strict=True))
        assert got["status"] == words["status.expiring.long"]
        assert got["doc_type"] == words["doc_type.agreement"]
        assert got["sectors"] == words["sector.education"]
        assert got["term"] == words["term.years"].replace("{n}", "2")
        assert got["completeness"] == "7/9"


def test_the_js_reads_month_names_from_the_catalogue() -> None:
    js = (WEB_DIR / "static" / "js" / "common.js").read_text("utf-8")
    assert "date.month." in js
    served = json.loads((WEB_DIR / "static" / "i18n" / "en.json").read_text("utf-8"))
    assert served["date.month.12"] == "December"
