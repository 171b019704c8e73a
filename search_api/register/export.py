"""The register as files: CSV and XLSX with the columns the LPPD report asks for, and the
expiry dates as an iCalendar file."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, datetime, timedelta

from ingest.extract.partners import COOPERATION_KINDS
from search_api.register.labels import LABELS, kind_label, partner_label, sector_label, term_text
from search_api.register.rows import DOC_TYPES, EXPIRING_DAYS, RegisterRow, effective_end, stats_of

# (key, Indonesian header, English header): one row per agreement, the LPPD register's fields.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("year", "Tahun", "Year"),
    ("doc_type", "Jenis naskah", "Document kind"),
    ("cooperation_kind", "Jenis kerja sama", "Cooperation kind"),
    ("title", "Judul", "Title"),
    ("subject", "Perihal", "Subject"),
    ("sectors", "Bidang urusan", "Fields"),
    ("numbers", "Nomor", "Numbers"),
    ("references", "Merujuk naskah", "Cites"),
    ("followed_by", "Ditindaklanjuti oleh", "Followed up by"),
    ("parties", "Para pihak", "Parties"),
    ("partner_types", "Jenis mitra", "Partner types"),
    ("regional_office", "Perangkat daerah", "Regional office"),
    ("signers", "Penandatangan", "Signatories"),
    ("signed_date", "Tanggal ditandatangani", "Signed on"),
    ("signed_place", "Tempat", "Place"),
    ("effective_date", "Mulai berlaku", "In force from"),
    ("term", "Jangka waktu", "Term"),
    ("expiry_date", "Berakhir", "Expires"),
    ("status", "Status", "Status"),
    ("completeness", "Kelengkapan", "Completeness"),
    ("language", "Bahasa", "Language"),
    ("filename", "Berkas", "File"),
    ("id", "ID", "ID"),
)


def export_values(row: RegisterRow, lang: str) -> list[str | int | date | None]:
    labels = LABELS[lang]
    values: dict[str, str | int | date | None] = {
        "year": row.signed_date.year if row.signed_date else None,
        "doc_type": labels.get(row.doc_type, row.doc_type),
        "cooperation_kind": kind_label(row.cooperation_kind, lang),
        "title": row.title,
        "subject": row.subject,
        "sectors": "; ".join(sector_label(x, lang) for x in row.sectors),
        "numbers": "; ".join(row.numbers),
        "references": "; ".join(row.references),
        "followed_by": "; ".join(
            f"{labels.get(u.doc_type, u.doc_type)} {', '.join(u.numbers) or u.id}"
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
        "status": labels[row.status],
        "completeness": (
            f"{row.requirements_met}/{row.requirements_total}"
            if row.requirements_met is not None and row.requirements_total is not None
            else labels["completeness_pending"]
        ),
        "language": row.language,
        "filename": row.filename,
        "id": row.id,
    }
    return [values[key] for key, _, _ in COLUMNS]


def headers(lang: str) -> list[str]:
    return [en if lang == "en" else id_ for _, id_, en in COLUMNS]


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
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Daftar Naskah" if lang == "id" else "Register"
    sheet.append(headers(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Cells by their row and column: openpyxl's `max_row` (and `sheet[n]`) look at every cell
    # written so far, which made an export of 10,000 rows take two minutes.
    for index, row in enumerate(rows, 2):
        values = export_values(row, lang)
        sheet.append(values)
        for column, value in enumerate(values, 1):
            if isinstance(value, date | datetime):
                sheet.cell(row=index, column=column).number_format = "yyyy-mm-dd"
            elif isinstance(value, str) and value.startswith("="):
                # text from a document, never a formula
                sheet.cell(row=index, column=column).data_type = "s"
    sheet.freeze_panes = "A2"
    widths = {"title": 60, "parties": 50, "signers": 50, "numbers": 30, "subject": 40}
    for index, (key, _, _) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 16)
    counts = book.create_sheet("Rekap per tahun" if lang == "id" else "Per year")
    stats = stats_of(rows)
    counts.append(
        ["Tahun" if lang == "id" else "Year", *(LABELS[lang][k] for k in DOC_TYPES), "Total"]
    )
    for year in stats.by_year:
        counts.append([year.year, *(year.counts.get(k, 0) for k in DOC_TYPES), year.total])
    # the LPPD's headline: agreements per year and cooperation kind
    counts.append([])
    counts.append(
        ["Tahun" if lang == "id" else "Year", *(kind_label(k, lang) for k in COOPERATION_KINDS)]
    )
    for signed_in, per_kind in _per_year_and_kind(rows):
        counts.append([signed_in, *(per_kind.get(k, 0) for k in COOPERATION_KINDS)])
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

    labels = LABELS[lang]
    calendar = Calendar()
    calendar.add("prodid", "-//naskah//Daftar Naskah//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Naskah berakhir" if lang == "id" else "Agreements expiring")
    for row in rows:
        ends = effective_end(row)
        if ends is None or row.renewed:  # a renewed agreement's successor has its own event
            continue
        name = row.title or row.filename
        event = Event()
        event.add("uid", f"naskah-{row.id}-expiry")
        event.add("dtstamp", generated)
        event.add("dtstart", ends)
        event.add("dtend", ends + timedelta(days=1))
        event.add("summary", f"{'Berakhir' if lang == 'id' else 'Expires'}: {name}")
        details = [
            labels.get(row.doc_type, row.doc_type),
            "; ".join(row.numbers),
            "; ".join(row.parties),
        ]
        event.add("description", "\n".join(d for d in details if d))
        event.add("url", f"{base_url.rstrip('/')}/naskah/{row.id}")
        for days in ICS_REMINDER_DAYS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{name} ({days} {labels['days']})")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
