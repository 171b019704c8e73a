"""The signing date and place: the opening formula wins, else the latest signature-block date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.extract.dates.common import DateLanguage, first_date_ending_from
from ingest.extract.dates.languages import find_dates, language_rules
from ingest.model import Found

# How far the date may sit after 'Pada hari ini' / 'On this' (weekday, 'tanggal', commas).
_OPENING_REACH = 80
_OPENING_REGION = 260
_PREFIX_REACH = 120
# 'Done in duplicate at Makassar on this 20th day ...' names the place before the date.
_PLACE_BEFORE_REACH = 150
# A signature-block date ends its line or its column.
_ENDS_CELL = re.compile(r"[ \t]*[,.]?[ \t]*(?:\n|\t|[ ]{2,}|\Z)")
_PLACEHOLDER = re.compile(r"^[\s.…_\-\[\]()]*$|[.…_]{3}|\[|\]")


# A town named right after the opening's date: ', in Sungguminasa' / ', di Sungguminasa'.
_PLACE_AFTER_DATE = re.compile(
    r"\s*,?\s+(?:in|at|di)\s+(?P<place>[A-Z][\w'’.-]*(?:[ ](?!(?:the|on|between|yang|kami)\b)"
    r"[A-Z][\w'’.-]*){0,3})(?=\s*[,;:.]|\s+(?:the|we|between|by|yang|kami)\b)"
)


@dataclass(frozen=True, slots=True)
class Signing:
    date: Found[date] | None
    place: Found[str] | None
    weekday_mismatch: bool = False


def find_signing(text: str, language: str) -> Signing:
    """Signing date and place. The opening formula ('Pada hari ini Senin, tanggal ...',
    'On this 20th day of ...', 'This Agreement dated ...') wins; otherwise the latest date of
    the signature block ('Batam, 1 Agustus 2022', 'Date: ...'). A weekday that does not fit the
    date sets `weekday_mismatch` (the date is kept). Raises UnsupportedLanguage."""
    rules = language_rules(language)
    dates = find_dates(text, language)
    return _opening(text, dates, rules) or _signature_block(text, dates, rules)


def _opening(text: str, dates: list[Found[date]], rules: DateLanguage) -> Signing | None:
    for anchor in rules.opening.finditer(text):
        region_end = anchor.end() + _OPENING_REGION
        if stop := rules.opening_stop.search(text, anchor.end(), region_end):
            region_end = stop.start()
        found = first_date_ending_from(dates, anchor.end())
        if found and (found.span[0] - anchor.end() > _OPENING_REACH or found.span[0] >= region_end):
            found = None
        if found is None:
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
        return Signing(found, place, mismatch)
    return None


def _signature_block(text: str, dates: list[Found[date]], rules: DateLanguage) -> Signing:
    dated: list[tuple[Found[date], Found[str] | None]] = []
    for found in dates:
        start, end = found.span
        if not _ENDS_CELL.match(text, end):
            continue
        window_start = max(0, start - _PREFIX_REACH)
        prefix = rules.signature_prefix.search(text[window_start:start])
        if prefix is None:
            continue
        group = "place" if prefix["place"] else "town"
        place = None
        if prefix[group] and not _PLACEHOLDER.search(prefix[group]):
            s, e = prefix.span(group)
            place = Found(prefix[group].strip(), (window_start + s, window_start + e))
        dated.append((found, place))
    if not dated:
        return Signing(None, None)
    latest = max(dated, key=lambda pair: pair[0].value)
    place = latest[1] or next((p for _, p in dated if p), None)
    return Signing(latest[0], place)


def _place(match: re.Match[str] | None) -> Found[str] | None:
    if match is None or _PLACEHOLDER.search(match["place"]):
        return None
    value = match["place"].strip().rstrip(".")
    if not value:
        return None
    return Found(" ".join(value.split()), match.span("place"))
