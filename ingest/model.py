"""The one model of naskah: an extracted Agreement and the layout text it comes from.

`Agreement.to_dict()` is exactly ../shared/schema/agreement.schema.json (tests validate it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

Language = Literal["id", "en"]
DocType = Literal["mou", "agreement", "amendment", "other"]

MEDIA_PDF = "application/pdf"
MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_JPEG = "image/jpeg"
MEDIA_PNG = "image/png"
MEDIA_TIFF = "image/tiff"
MEDIA_IMAGES = (MEDIA_JPEG, MEDIA_PNG, MEDIA_TIFF)


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A value an extractor found, with the span of cleaned text it came from."""

    value: T
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of layout text as a reader produced it (before clean-up).

    `number` is 1-based. DOCX has no fixed pages: its reader yields one Page.
    `has_text_layer` is False for a PDF page whose text layer is missing or empty
    and for every page of an image upload (a scan: OCR has its own step).
    `ocr` is True when `lines` came from OCR of the page image (ingest/ocr).
    `scanned` is True for a PDF page whose text layer lies over an image of the whole page:
    text another program's OCR made, with OCR's slips.
    """

    number: int
    lines: tuple[str, ...]
    has_text_layer: bool = True
    ocr: bool = False
    scanned: bool = False


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader returns: file facts plus pages of lines in reading order."""

    filename: str
    sha256: str
    media_type: str
    page_count: int | None
    pages: tuple[Page, ...]
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    years: int = 0
    months: int = 0
    days: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"years": self.years, "months": self.months, "days": self.days}


@dataclass(frozen=True, slots=True)
class Party:
    role: str | None
    name: str
    representative: str | None
    position: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "representative": self.representative,
            "position": self.position,
        }


@dataclass(frozen=True, slots=True)
class Clause:
    number: str
    heading: str | None
    category: str | None
    text: str
    span: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "heading": self.heading,
            "category": self.category,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Source:
    filename: str
    sha256: str
    media_type: str
    pages: int | None
    ocr: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "pages": self.pages,
            "ocr": self.ocr,
        }


# Why an extracted value may be wrong. Stable codes: the UI says each in its own language.
DoubtCode = Literal[
    "not_found",  # an expected field was not found at all
    "fallback",  # found only by a looser, second-choice rule
    "ocr_confidence",  # read by OCR with low confidence
    "wrong_shape",  # the value does not look like what the field holds
    "disagree",  # two readings of the document disagree (e.g. komparisi vs signature block)
    "placeholder",  # the document leaves the value blank (dots, [tanggal])
    "computed",  # derived, not stated (an expiry from start + term)
    "inconsistent",  # contradicts another value (weekday vs date, expiry before signing)
]


@dataclass(frozen=True, slots=True)
class Doubt:
    """A reason to doubt one extracted value, given by the extractor that was unsure.

    `field` is a schema field name ("signed_date", "parties", "clauses", ...); `item` the
    index inside a list field (parties[1]) or None for the whole field; `detail` says what
    exactly, in English, for logs and the CLI (the UI shows `code` from its catalogue).
    """

    field: str
    code: DoubtCode
    detail: str = ""
    item: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "detail": self.detail, "item": self.item}


def doubt_from_dict(data: dict[str, Any]) -> Doubt:
    return Doubt(
        field=str(data["field"]),
        code=data["code"],
        detail=str(data.get("detail") or ""),
        item=data.get("item"),
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """What follows from an agreement's own text, derived once at assembly (ingest/profile.py)
    and kept with it, never on a read: what kind of body each party is (in the order of
    `parties`), the PP 28/2018 cooperation kind, the regional office (OPD) running it, and
    the fields of government affairs (bidang urusan) it is about, most named first. Codes:
    the UI says each in its own language."""

    partner_types: tuple[str, ...] = ()
    cooperation_kind: str = "other"
    regional_office: str | None = None
    sectors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "partner_types": list(self.partner_types),
            "cooperation_kind": self.cooperation_kind,
            "regional_office": self.regional_office,
            "sectors": list(self.sectors),
        }


def profile_from_dict(data: dict[str, Any]) -> Profile:
    return Profile(
        partner_types=tuple(str(t) for t in data.get("partner_types") or ()),
        cooperation_kind=str(data.get("cooperation_kind") or "other"),
        regional_office=data.get("regional_office") or None,
        sectors=tuple(str(s) for s in data.get("sectors") or ()),
    )


@dataclass(frozen=True, slots=True)
class Agreement:
    """An extracted agreement. `to_dict()` gives exactly the schema's shape.

    `text` (the cleaned full text) and `spans` (field name -> source span in `text`)
    are not part of the schema: they let the UI highlight where a value came from.
    `doubts` (also outside the schema) lists the values the extractor is unsure of; an
    agreement with no clauses, parties or dates always has one (`is_incomplete`).
    `profile` (outside the schema too) is what follows from the text (ingest/profile.py):
    set at assembly, None on an Agreement rebuilt from its schema dict.
    """

    source: Source
    language: Language
    doc_type: DocType
    title: str
    subject: str | None
    numbers: list[str]
    parties: list[Party]
    signed_date: date | None
    signed_place: str | None
    effective_date: date | None
    term: Term | None
    expiry_date: date | None
    references: list[str]
    clauses: list[Clause]
    text: str = ""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    doubts: tuple[Doubt, ...] = ()
    profile: Profile | None = None

    def doubts_of(self, field_name: str) -> list[Doubt]:
        return [d for d in self.doubts if d.field == field_name]

    @property
    def is_incomplete(self) -> bool:
        """True when a part every agreement has was not found: no clauses, parties or date.
        Such a result is never shown as a plain success."""
        return any(
            d.code == "not_found" and d.field in ESSENTIAL and d.item is None for d in self.doubts
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "language": self.language,
            "doc_type": self.doc_type,
            "title": self.title,
            "subject": self.subject,
            "numbers": list(self.numbers),
            "parties": [p.to_dict() for p in self.parties],
            "signed_date": _iso(self.signed_date),
            "signed_place": self.signed_place,
            "effective_date": _iso(self.effective_date),
            "term": self.term.to_dict() if self.term else None,
            "expiry_date": _iso(self.expiry_date),
            "references": list(self.references),
            "clauses": [c.to_dict() for c in self.clauses],
        }


# What every agreement states; missing, the extraction is incomplete (Agreement.is_incomplete).
ESSENTIAL: frozenset[str] = frozenset({"parties", "clauses", "signed_date"})


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def agreement_from_dict(data: dict[str, Any]) -> Agreement:
    """Rebuild an Agreement from its schema-shaped dict (as stored, or a gold label)."""
    src = data["source"]
    term = data.get("term")
    return Agreement(
        source=Source(
            filename=src["filename"],
            sha256=src["sha256"],
            media_type=src["media_type"],
            pages=src.get("pages"),
            ocr=bool(src.get("ocr", False)),
        ),
        language=data["language"],
        doc_type=data["doc_type"],
        title=data.get("title") or "",
        subject=data.get("subject"),
        numbers=list(data.get("numbers") or []),
        parties=[
            Party(
                role=p.get("role"),
                name=p["name"],
                representative=p.get("representative"),
                position=p.get("position"),
            )
            for p in data.get("parties") or []
        ],
        signed_date=_date(data.get("signed_date")),
        signed_place=data.get("signed_place"),
        effective_date=_date(data.get("effective_date")),
        term=Term(**term) if term else None,
        expiry_date=_date(data.get("expiry_date")),
        references=list(data.get("references") or []),
        clauses=[
            Clause(
                number=str(c["number"]),
                heading=c.get("heading"),
                category=c.get("category"),
                text=c.get("text") or "",
            )
            for c in data.get("clauses") or []
        ],
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
