"""The register as files: CSV and XLSX with the columns the LPPD report asks for, and the
expiry dates as an iCalendar file."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from ingest.profile import COOPERATION_KINDS
from search_api.register.labels import (
    doc_type_label,
    kind_label,
    label,
    partner_label,
    sector_label,
    status_label,
    term_text,
)
from search_api.register.rows import DOC_TYPES, EXPIRING_DAYS, RegisterRow, effective_end

# One row per agreement, the LPPD register's fields; headers are catalogue keys export.col.<key>.
COLUMNS: tuple[str, ...] = (
    "year",
    "doc_type",
    "cooperation_kind",
    "title",
    "subject",
    "sectors",
    "numbers",
    "references",
    "followed_by",
    "parties",
    "partner_types",
    "regional_office",
    "signers",
    "signed_date",
    "signed_place",
    "effective_date",
    "term",
    "expiry_date",
    "status",
    "completeness",
    "open_doubts",
    "language",
    "filename",
    "id",
)


def export_values(row: RegisterRow, lang: str) -> list[str | int | date | None]:
    values: dict[str, str | int | date | None] = {
        "year": row.signed_date.year if row.signed_date else label("export.no_year", lang),
        "doc_type": doc_type_label(row.doc_type, lang),
        "cooperation_kind": kind_label(row.cooperation_kind, lang),
        "title": row.title,
        "subject": row.subject,
        "sectors": "; ".join(sector_label(x, lang) for x in row.sectors),
        "numbers": "; ".join(row.numbers),
        "references": "; ".join(row.references),
        "followed_by": "; ".join(
            f"{doc_type_label(u.doc_type, lang)} {', '.join(u.numbers) or u.id}"
            for u in row.followed_by
        ),
        "parties": "; ".join(row.parties),
        "regional_office": row.regional_office,
        "partner_types": "; ".join(partner_label(t, lang) for t in row.partner_types),
        "signers": "; ".join(row.signers),
        "signed_date": row.signed_date,
        "signed_place": row.signed_place,
        "effective_date": row.effective_date,
        "term": term_text(row, lang),
        "expiry_date": row.expiry_date,
        "status": status_label(row.status, lang),
        "completeness": (
            f"{row.requirements_met}/{row.requirements_total}"
            if row.requirements_met is not None and row.requirements_total is not None
            else label("register.completeness.pending", lang)
        ),
        "open_doubts": row.open_doubts,
        "language": row.language,
        "filename": row.filename,
        "id": row.id,
    }
    return [values[key] for key in COLUMNS]


def headers(lang: str) -> list[str]:
    return [label(f"export.col.{key}", lang) for key in COLUMNS]


def to_csv(rows: Iterable[RegisterRow], lang: str) -> bytes:
    """UTF-8 with a byte-order mark, so a spreadsheet opened by double-click reads the accents."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers(lang))
    for row in rows:
        writer.writerow([_csv_cell(v) for v in export_values(row, lang)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[RegisterRow], lang: str, *, generated: datetime) -> bytes:
    """One sheet with the rows (dates as dates, frozen header) and one with counts per year.

    XlsxWriter in constant-memory mode: each row goes to the sheet's file as it comes, its
    cells never kept. openpyxl's write-only mode took 2.7 s of CPU for the 10,000 rows of
    bench/register.py, XlsxWriter 1.6 s. Every value is written as what it is (a string as
    text, never a formula or a link; a date as a date)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "default_date_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet(label("export.sheet.rows", lang))
    sheet.freeze_panes(1, 0)
    widths = {"title": 60, "parties": 50, "signers": 50, "numbers": 30, "subject": 40}
    for index, key in enumerate(COLUMNS):
        sheet.set_column(index, index, widths.get(key, 16))
    sheet.write_row(0, 0, headers(lang), book.add_format({"bold": True}))
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    # what the sheet of counts needs of each row: (signing year, kind, cooperation kind)
    seen: list[tuple[int | None, str, str]] = []
    line = 0
    for line, row in enumerate(rows, 1):
        for column, value in enumerate(export_values(row, lang)):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(line, column, value)
            elif isinstance(value, date):
                sheet.write_datetime(line, column, value, day)
            else:
                sheet.write_number(line, column, value)
        seen.append(
            (row.signed_date.year if row.signed_date else None, row.doc_type, row.cooperation_kind)
        )
    counts = book.add_worksheet(label("export.sheet.per_year", lang))
    no_year = label("export.no_year", lang)
    table: list[list[str | int | None]] = [
        [
            label("export.year", lang),
            *(doc_type_label(k, lang) for k in DOC_TYPES),
            label("export.total", lang),
        ]
    ]
    for year, per_type in _per_year([(y, kind) for y, kind, _ in seen]):
        table.append(
            [
                year if year is not None else no_year,
                *(per_type.get(k, 0) for k in DOC_TYPES),
                sum(per_type.values()),
            ]
        )
    # the LPPD's headline: agreements per year and cooperation kind
    table.append([])
    table.append([label("export.year", lang), *(kind_label(k, lang) for k in COOPERATION_KINDS)])
    for year, per_kind in _per_year([(y, coop) for y, _, coop in seen]):
        table.append(
            [
                year if year is not None else no_year,
                *(per_kind.get(k, 0) for k in COOPERATION_KINDS),
            ]
        )
    table.append([])
    table.append(["Dibuat" if lang == "id" else "Generated", generated.strftime("%Y-%m-%d %H:%M")])
    for index, cells in enumerate(table):
        for column, cell in enumerate(cells):
            if isinstance(cell, str):
                counts.write_string(index, column, cell)
            elif cell is not None:
                counts.write_number(index, column, cell)
    book.close()
    return out.getvalue()


def _per_year(seen: list[tuple[int | None, str]]) -> list[tuple[int | None, Counter[str]]]:
    """Counts of each (signing year, value): per year, oldest first, unknown year last."""
    per_year: dict[int | None, Counter[str]] = {}
    for year, value in seen:
        per_year.setdefault(year, Counter())[value] += 1
    years = sorted(y for y in per_year if y is not None) + ([None] if None in per_year else [])
    return [(y, per_year[y]) for y in years]


def _csv_cell(value: str | int | date | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    # A cell starting with = + - @ runs as a formula when a spreadsheet opens the CSV.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


# Reminders before an expiry, in days: the register's "expiring" window, then a month.
ICS_REMINDER_DAYS = (EXPIRING_DAYS, 30)


def to_ics(rows: Iterable[RegisterRow], lang: str, *, generated: datetime, base_url: str) -> bytes:
    """The rows' expiry dates as an iCalendar file (RFC 5545) a calendar program imports:
    one all-day event per agreement that has an expiry, with reminders ICS_REMINDER_DAYS
    before it, and a link to its page under `base_url`."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//naskah//Daftar Naskah//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", label("ics.calendar", lang))
    for row in rows:
        ends = effective_end(row)
        # a renewed agreement's successor has its own event; one that has ended needs none
        if ends is None or row.renewed or row.status == "expired":
            continue
        name = row.title or row.filename
        event = Event()
        event.add("uid", f"naskah-{row.id}-expiry")
        event.add("dtstamp", generated)
        event.add("dtstart", ends)
        event.add("dtend", ends + timedelta(days=1))
        event.add("summary", label("ics.summary", lang, title=name))
        details = [
            doc_type_label(row.doc_type, lang),
            "; ".join(row.numbers),
            "; ".join(row.parties),
        ]
        event.add("description", "\n".join(d for d in details if d))
        event.add("url", f"{base_url.rstrip('/')}/naskah/{row.id}")
        for days in ICS_REMINDER_DAYS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", label("ics.alarm", lang, title=name, n=days))
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
