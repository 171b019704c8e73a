"""What an editor reviews: each extracted value beside the machine's, its source passage,
its doubts, and whether a person confirmed or corrected it (by whom, when).

Pure: built from a stored agreement and its correction history; no store or index here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from search_api.store.db import CorrectionEntry, StoredAgreement, same_value

# The fields of the review form, in the order a reader meets them in an agreement.
REVIEW_FIELDS: tuple[str, ...] = (
    "title",
    "doc_type",
    "language",
    "numbers",
    "parties",
    "signed_date",
    "signed_place",
    "effective_date",
    "term",
    "expiry_date",
    "subject",
    "references",
)

# Fields an agreement normally has; an empty one is worth a second look.
EXPECTED: frozenset[str] = frozenset(
    {"title", "numbers", "parties", "signed_date", "signed_place", "term", "expiry_date"}
)

# Fields the extractor always takes from one passage; without it the value is a guess.
# (Numbers carry no span, and an expiry is often computed from the term.)
SOURCED: frozenset[str] = frozenset({"title", "signed_date", "signed_place"})

WEEKDAYS: dict[str, int] = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")

State = Literal["machine", "confirmed", "corrected"]
Doubt = Literal[
    # found by the review itself, from the values as they stand
    "empty",
    "weekday_mismatch",
    "expiry_before_signing",
    "missing_signer",
    "no_source",
    # given by the extractor when it was unsure (ingest.model.DoubtCode), until reviewed
    "fallback",
    "ocr_confidence",
    "wrong_shape",
    "disagree",
    "placeholder",
    "computed",
    "inconsistent",
]
# the extractor's codes the review shows as they are ("not_found" is "empty" here)
_MACHINE_CODES: frozenset[str] = frozenset(
    {
        "fallback",
        "ocr_confidence",
        "wrong_shape",
        "disagree",
        "placeholder",
        "computed",
        "inconsistent",
    }
)

# What every agreement states; an extraction without one of these is not a success, however
# many other values it found (the upload page, the agreement page and the API say so).
Gap = Literal["clauses", "parties", "dates"]
GAPS: tuple[Gap, ...] = ("clauses", "parties", "dates")


class FieldReview(BaseModel):
    name: str
    value: Any
    machine: Any
    state: State
    author: str | None
    at: datetime | None
    span: tuple[int, int] | None
    doubts: list[Doubt]


class HistoryEntry(BaseModel):
    field: str
    value: Any
    state: Literal["confirmed", "corrected"]
    author: str | None
    at: datetime
    retired_in: int | None = None  # set aside by this version's file (it changed the field)


class AgreementReview(BaseModel):
    """The review of one agreement: fields in form order, the cleaned text the spans index."""

    id: str
    title: str
    filename: str
    text: str
    fields: list[FieldReview]
    history: list[HistoryEntry]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text, with the fields whose source passage covers it (empty: plain text)."""

    text: str
    fields: tuple[str, ...]


def review_of(
    stored: StoredAgreement, machine: dict[str, Any], entries: list[CorrectionEntry]
) -> AgreementReview:
    effective = stored.agreement.to_dict()
    latest: dict[str, CorrectionEntry] = {}
    for recorded in entries:  # oldest first: the latest wins; set-aside ones no longer apply
        if recorded.retired_in is None:
            latest[recorded.field] = recorded
    machine_doubts: dict[str, list[Doubt]] = {}
    for doubt in stored.agreement.doubts:  # the extractor's, reviewed once a person saves
        if doubt.code in _MACHINE_CODES:
            codes = machine_doubts.setdefault(doubt.field, [])
            if doubt.code not in codes:
                codes.append(doubt.code)  # type: ignore[arg-type]
    fields: list[FieldReview] = []
    for name in REVIEW_FIELDS:
        value = effective.get(name)
        entry = latest.get(name)
        state: State = "machine"
        if entry is not None:
            state = "confirmed" if _same(entry.value, machine.get(name)) else "corrected"
        fields.append(
            FieldReview(
                name=name,
                value=value,
                machine=machine.get(name),
                state=state,
                author=entry.author if entry else None,
                at=entry.created_at if entry else None,
                span=stored.agreement.spans.get(name),
                doubts=doubts_of(
                    name, value, effective, stored.agreement.text, stored.agreement.spans.get(name)
                )
                + (machine_doubts.get(name, []) if state == "machine" else []),
            )
        )
    return AgreementReview(
        id=stored.id,
        title=stored.agreement.title,
        filename=stored.filename,
        text=stored.agreement.text,
        fields=fields,
        history=[
            HistoryEntry(
                field=e.field,
                value=e.value,
                state="confirmed" if _same(e.value, machine.get(e.field)) else "corrected",
                author=e.author,
                at=e.created_at,
                retired_in=e.retired_in,
            )
            for e in reversed(entries)
        ],
    )


def doubts_of(
    name: str,
    value: Any,
    effective: dict[str, Any],
    text: str,
    span: tuple[int, int] | None,
) -> list[Doubt]:
    """Why a value deserves a second look; empty when nothing is suspicious."""
    out: list[Doubt] = []
    if _is_empty(value):
        if name in EXPECTED:
            out.append("empty")
        return out
    if name == "signed_date" and span and weekday_mismatch(text[span[0] : span[1]], value):
        out.append("weekday_mismatch")
    if name == "expiry_date" and effective.get("signed_date") and value < effective["signed_date"]:
        out.append("expiry_before_signing")
    if name == "parties" and any(not p.get("representative") for p in value):
        out.append("missing_signer")
    if name in SOURCED and span is None:
        out.append("no_source")
    return out


def gaps_of(stored: StoredAgreement) -> list[Gap]:
    """What this agreement lacks of what every agreement states (GAPS), as it stands now:
    no Pasal/Article, no party, neither a signing nor a start date. A person's correction
    that adds the value closes the gap."""
    a = stored.agreement
    out: list[Gap] = []
    if not stored.clauses:
        out.append("clauses")
    if not a.parties:
        out.append("parties")
    if a.signed_date is None and a.effective_date is None:
        out.append("dates")
    return out


def weekday_mismatch(passage: str, iso_date: str) -> bool:
    """True when the passage names a weekday ('Pada hari ini Senin') that the date is not."""
    folded = unicodedata.normalize("NFKD", passage).lower().replace("'", "").replace("’", "")
    found = _WEEKDAY_RE.search(folded)
    if not found:
        return False
    try:
        day = date.fromisoformat(iso_date)
    except ValueError:
        return False
    return WEEKDAYS[found.group(1)] != day.weekday()


def segments(text: str, spans: dict[str, tuple[int, int]]) -> list[Segment]:
    """Split `text` at every span boundary so each source passage can be marked, even overlapping."""
    valid = {n: (max(0, s), min(len(text), e)) for n, (s, e) in spans.items() if s < e}
    cuts = sorted({0, len(text), *(b for span in valid.values() for b in span)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start == end:
            continue
        covering = tuple(n for n, (s, e) in valid.items() if s <= start and end <= e)
        out.append(Segment(text[start:end], covering))
    return out


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


_same = same_value  # one definition: the store decides what a new version changed with it
