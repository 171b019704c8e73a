"""The signing date and place: the opening formula wins, else the latest date the closing or
the signature blocks give ('Maros, 8 Juli 2019', 'Dibuat di : Maros / Pada tanggal : …',
'Done at Makassar on the 20th day of …'). A date left blank ('……… Juni 2023') is not a date:
it stays None, and the Signing says it is a placeholder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.extract.dates.common import MONTH, DateLanguage, first_date_ending_from
from ingest.extract.dates.languages import find_dates, language_rules
from ingest.model import Doubt, Found

# How far the date may sit after 'Pada hari ini' / 'On this' (weekday, 'tanggal', commas).
_OPENING_REACH = 80
_OPENING_REGION = 260
_PREFIX_REACH = 120
# 'Done in duplicate at Makassar on this 20th day ...' names the place before the date.
_PLACE_BEFORE_REACH = 150
# A signature-block date ends its line or its column.
_ENDS_CELL = re.compile(r"[ \t]*[,.]?[ \t]*(?:\n|\t|[ ]{2,}|\Z)")
_PLACEHOLDER = re.compile(r"^[\s.…_\-\[\]()]*$|[.…_]{3}|\[|\]")
# A date left blank: dots or a bracketed hint where the day (and perhaps the month) goes,
# 'Makassar, ……… Juni 2023', 'tanggal ........ bulan ........ tahun 2023', 'this ____ day of',
# '[tanggal]', 'Date: ________'
_BLANK_DATE = re.compile(
    rf"(?:[.…_]{{3,}}|\[[^\]\n]{{1,30}}\])[ \t]*(?:\(\s*\)[ \t]*)?(?:(?i:day\s+of|bulan)\s+)?"
    rf"(?:(?i:{MONTH})|[.…_]{{3,}}|(?i:bulan|tahun))"
    r"|(?i:\b(?:tanggal|date|dated|tgl\.?)\b)[ \t]*:?[ \t]*(?:[.…_]{3,}|\[[^\]\n]{1,30}\])"
    r"|\[(?i:tanggal|date|tgl)[^\]\n]{0,20}\]|\((?i:tanggal)[^)\n]{0,20}\)"
)

# 'This Amendment is made effective as of ...' (not 'dated and effective as of')
_EFFECTIVE_ONLY = re.compile(
    r"(?<!and )\b(?:made\s+)?effective\s+(?:as\s+of|on|from)\s*\Z", re.IGNORECASE
)
_DATE_LEAD = re.compile(r"(?i:tanggal|tgl\.?)[ \t]*:?[ \t]*")
# A town named right after the opening's date: ', in Sungguminasa' / ', di Sungguminasa'.
_PLACE_AFTER_DATE = re.compile(
    r"\s*,?\s+(?:in|at|di)\s+(?P<place>[A-Z][\w'’.-]*(?:[ ](?!(?:the|on|between|yang|kami)\b)"
    r"[A-Z][\w'’.-]*){0,3})(?=\s*[,;:.]|\s+(?:the|we|between|by|yang|kami)\b)"
)


@dataclass(frozen=True, slots=True)
class Signing:
    """The signing date and place. `weekday_mismatch`: the opening names a weekday the date
    is not (the date is kept). `placeholder`: the document leaves the date blank."""

    date: Found[date] | None
    place: Found[str] | None
    weekday_mismatch: bool = False
    placeholder: bool = False
    effective_only: bool = False  # the opening dates its effect, not its signing
    fallback: bool = False  # the opening leaves the date blank; a later date was taken

    def doubts(self) -> list[Doubt]:
        """Why the signing date may be wrong or is missing on purpose."""
        out: list[Doubt] = []
        if self.weekday_mismatch and self.date is not None:
            out.append(
                Doubt(
                    "signed_date",
                    "inconsistent",
                    f"the weekday named does not match {self.date.value.isoformat()}, "
                    f"a {self.date.value.strftime('%A')}",
                )
            )
        if self.placeholder and self.date is None:
            out.append(Doubt("signed_date", "placeholder", "the signing date is left blank"))
        if self.fallback and self.date is not None:
            out.append(
                Doubt(
                    "signed_date",
                    "fallback",
                    "the opening leaves the date blank; the signature block's date is used",
                )
            )
        return out


def find_signing(text: str, language: str) -> Signing:
    """Signing date and place. The opening formula ('Pada hari ini Senin, tanggal ...',
    'On this 20th day of ...', 'This Agreement dated ...') wins; otherwise the latest date of
    the closing and the signature blocks ('Batam, 1 Agustus 2022', 'Date: ...'). A weekday
    that does not fit the date sets `weekday_mismatch` (the date is kept); a date left blank
    sets `placeholder`. Raises UnsupportedLanguage."""
    rules = language_rules(language)
    dates = find_dates(text, language)
    opening = _opening(text, dates, rules)
    if opening is not None and opening.date is not None and not opening.effective_only:
        if opening.place is None:
            # dated in the opening, placed above the signatures ('Ditandatangani di : X')
            place = _signature_block(text, dates, rules).place
            return Signing(opening.date, place, opening.weekday_mismatch)
        return opening
    signed = _signature_block(text, dates, rules)
    if opening is not None and opening.date is not None:
        # 'made effective as of December 21, 2017': when the signatures are dated, they
        # say when it was signed
        return signed if signed.date is not None else opening
    if opening is None:
        return signed
    if signed.date is not None:
        return Signing(signed.date, signed.place, fallback=opening.placeholder)
    # the opening leaves it blank; its place, else the place the signature block names
    return Signing(None, opening.place or signed.place, placeholder=True)


def _opening(text: str, dates: list[Found[date]], rules: DateLanguage) -> Signing | None:
    blank: Signing | None = None
    for anchor in rules.opening.finditer(text):
        region_end = anchor.end() + _OPENING_REGION
        if stop := rules.opening_stop.search(text, anchor.end(), region_end):
            region_end = stop.start()
        found = first_date_ending_from(dates, anchor.end())
        if found and (found.span[0] - anchor.end() > _OPENING_REACH or found.span[0] >= region_end):
            found = None
        if found is None:
            if blank is None or blank.place is None:
                # a date left blank ('tanggal ........'), or one OCR made unreadable (dots
                # read as 'www. tanggal ww'): the place the opening names still holds
                left_blank = _BLANK_DATE.search(text, anchor.end(), region_end) is not None
                before = max(0, anchor.start() - _PLACE_BEFORE_REACH)
                place = _place(rules.opening_place.search(text, before, region_end + 200))
                if left_blank or place is not None:
                    blank = Signing(None, place, placeholder=left_blank)
            continue
        mismatch = False
        if weekday := rules.weekday.search(text, anchor.start(), found.span[0]):
            mismatch = rules.weekdays[weekday.group(1).lower()] != found.value.weekday()
        place_window_end = min(len(text), found.span[1] + 200)
        place_window_start = max(0, anchor.start() - _PLACE_BEFORE_REACH)
        place = _place(rules.opening_place.search(text, place_window_start, place_window_end))
        if place is None:  # 'the fourteenth day of June ... twenty-one, in Sungguminasa'
            place = _place(_PLACE_AFTER_DATE.match(text, found.span[1]))
        if place is None and rules.closing_place is not None:
            place = _place(rules.closing_place.search(text, found.span[1]))
        effective = _EFFECTIVE_ONLY.search(
            text, max(anchor.start(), found.span[0] - 40), found.span[0]
        )
        return Signing(found, place, mismatch, effective_only=effective is not None)
    return blank


def _signature_block(text: str, dates: list[Found[date]], rules: DateLanguage) -> Signing:
    dated: list[tuple[Found[date], Found[str] | None]] = []
    for found in dates:
        start, end = found.span
        window_start = max(0, start - _PREFIX_REACH)
        # 'Pada tanggal : 8 Juli 2019': the date's own 'tanggal' belongs to the prefix
        lead = _DATE_LEAD.match(text, start, end)
        window = text[window_start : lead.end() if lead else start]
        closing = rules.closing_date.search(window) if rules.closing_date else None
        if closing is not None:
            # 'dibuat dan ditandatangani di Makassar pada tanggal 12 Mei 2023 dalam rangkap'
            dated.append((found, _found_place(closing, window_start)))
            continue
        if not _ENDS_CELL.match(text, end):
            continue
        prefix = rules.signature_prefix.search(window)
        if prefix is None:
            continue
        place = _found_place(prefix, window_start)
        if place is None and rules.place_row is not None:
            # 'Dibuat di : Maros' on the row above 'Pada tanggal : 8 Juli 2019'
            row_start = max(0, start - 2 * _PREFIX_REACH)
            row = rules.place_row.search(text, row_start, start)
            place = _place(row)
        dated.append((found, place))
    if not dated:
        return _blank_signature(text, rules)
    latest = max(dated, key=lambda pair: pair[0].value)
    place = latest[1] or next((p for _, p in dated if p), None)
    return Signing(latest[0], place)


def _blank_signature(text: str, rules: DateLanguage) -> Signing:
    """A signature-block or closing date left blank: 'Makassar, ……… Juni 2023',
    'Done at Makassar on this ____ day of March 2024', 'Date: ________'. A blank that names
    its place wins over one that does not (the opening's blank comes first)."""
    blank: Signing | None = None
    for m in _BLANK_DATE.finditer(text):
        window_start = max(0, m.start() - _PREFIX_REACH)
        window = text[window_start : m.start()]
        prefix = rules.signature_prefix.search(window)
        closing = rules.closing_date.search(window) if rules.closing_date else None
        # or a blank date at the start of a short line ('(Kota), (tanggal-bulan-tahun)')
        if prefix is None and closing is None and len(window.rsplit("\n", 1)[-1]) > 40:
            continue
        place = _found_place(closing, window_start) or _found_place(prefix, window_start)
        if place is None and rules.place_row is not None:
            row_start = max(0, m.start() - 2 * _PREFIX_REACH)
            place = _place(rules.place_row.search(text, row_start, m.start()))
        if place is not None:
            return Signing(None, place, placeholder=True)
        blank = blank or Signing(None, None, placeholder=True)
    return blank or Signing(None, None)


def _found_place(match: re.Match[str] | None, offset: int) -> Found[str] | None:
    if match is None:
        return None
    group = next((g for g in ("place", "town") if match.groupdict().get(g)), None)
    if group is None or _PLACEHOLDER.search(match[group]):
        return None
    s, e = match.span(group)
    return Found(" ".join(match[group].split()).rstrip("."), (offset + s, offset + e))


def _place(match: re.Match[str] | None) -> Found[str] | None:
    if match is None or _PLACEHOLDER.search(match["place"]):
        return None
    value = match["place"].strip().rstrip(".")
    if not value:
        return None
    return Found(" ".join(value.split()), match.span("place"))
