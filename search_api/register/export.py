"""The register as files: CSV and XLSX with the columns the LPPD report asks for, and the
expiry dates as an iCalendar file."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

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
from search_api.register.rows import DOC_TYPES, EXPIRING_DAYS, RegisterRow, effective_end, stats_of

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


def to_csv(rows: list[RegisterRow], lang: str) -> bytes:
    """UTF-8 with a byte-order mark, so a spreadsheet opened by double-click reads the accents."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers(lang))
    for row in rows:
        writer.writerow([_csv_cell(v) for v in export_values(row, lang)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[RegisterRow], lang: str, *, generated: datetime) -> bytes:
    """One sheet with the rows (dates as dates, frozen header) and one with counts per year."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # write-only: rows stream to the file as they come, no cell objects kept (an export of
    # 10,000 rows; bench/register.py)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(label("export.sheet.rows", lang))
    sheet.freeze_panes = "A2"
    widths = {"title": 60, "parties": 50, "signers": 50, "numbers": 30, "subject": 40}
    for index, key in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 16)
    bold = Font(bold=True)
    header = []
    for text in headers(lang):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        values: list[Any] = export_values(row, lang)
        for column, value in enumerate(values):
            if isinstance(value, date | datetime):
                cell = WriteOnlyCell(sheet)
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                values[column] = cell
            elif isinstance(value, str) and value.startswith("="):
                # text from a document, never a formula
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                values[column] = cell
        sheet.append(values)
    counts = book.create_sheet(label("export.sheet.per_year", lang))
    stats = stats_of(rows)
    counts.append(
        [
            label("export.year", lang),
            *(doc_type_label(k, lang) for k in DOC_TYPES),
            label("export.total", lang),
        ]
    )
    for year in stats.by_year:
        counts.append(
            [
                year.year if year.year is not None else label("export.no_year", lang),
                *(year.counts.get(k, 0) for k in DOC_TYPES),
                year.total,
            ]
        )
    # the LPPD's headline: agreements per year and cooperation kind
    counts.append([])
    counts.append([label("export.year", lang), *(kind_label(k, lang) for k in COOPERATION_KINDS)])
    for signed_in, per_kind in _per_year_and_kind(rows):
        counts.append(
            [
                signed_in if signed_in is not None else label("export.no_year", lang),
                *(per_kind.get(k, 0) for k in COOPERATION_KINDS),
            ]
        )
    counts.append([])
    counts.append(["Dibuat" if lang == "id" else "Generated", generated.strftime("%Y-%m-%d %H:%M")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _per_year_and_kind(rows: list[RegisterRow]) -> list[tuple[int | None, Counter[str]]]:
    per_year: dict[int | None, Counter[str]] = {}
    for row in rows:
        year = row.signed_date.year if row.signed_date else None
        per_year.setdefault(year, Counter())[row.cooperation_kind] += 1
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


def to_ics(rows: list[RegisterRow], lang: str, *, generated: datetime, base_url: str) -> bytes:
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
