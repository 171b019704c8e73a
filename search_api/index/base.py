"""The one small interface both index engines implement, and the records they exchange."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol

from ingest.model import Agreement
from search_api.index.text import normalise_number

Scope = Literal["clauses", "agreements"]
Sort = Literal["relevance", "date"]
Status = Literal["active", "expired", "unknown"]

FACET_FIELDS: tuple[str, ...] = ("doc_type", "category", "party", "year", "status", "language")


@dataclass(frozen=True, slots=True)
class IndexedClause:
    clause_id: str
    position: int
    number: str
    heading: str | None
    category: str | None
    text: str


@dataclass(frozen=True, slots=True)
class IndexedAgreement:
    """What the index knows of an agreement: the effective values (corrections applied)."""

    agreement_id: str
    title: str
    subject: str | None
    doc_type: str
    language: str
    numbers: list[str]
    parties: list[str]
    signed_date: date | None
    expiry_date: date | None
    clauses: list[IndexedClause]
    # what kind of body each party is (the profile ingest derived, kept by the store)
    partner_types: tuple[str, ...] = ()
    # the later end an addendum citing it gives (store/standing.py): the status filter reads
    # the effective end, this or the expiry date
    extended_until: date | None = None

    @property
    def end_date(self) -> date | None:
        return self.extended_until or self.expiry_date


@dataclass(frozen=True, slots=True)
class SearchQuery:
    q: str = ""
    scope: Scope = "clauses"
    doc_type: str | None = None
    category: str | None = None
    party: str | None = None
    # what kind of body one of the parties is (ingest/extract/partners.py): 'university', ...
    partner_type: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    status: Status | None = None
    language: str | None = None
    clause_number: str | None = None
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 20
    today: date = field(default_factory=date.today)


@dataclass(frozen=True, slots=True)
class Hit:
    agreement_id: str
    clause_id: str | None
    clause_number: str | None
    heading: str | None
    category: str | None
    title: str
    snippet: str
    score: float
    signed_date: date | None


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    # a query that finds something, offered when this one found nothing ("Mungkin maksud Anda")
    suggestion: str | None = None
    # True when no record held every typed word and the hits hold only some of them (those
    # holding more first): the page may say so
    partial: bool = False
    # a clause search that names agreements by number: those agreements (first page only), for
    # a card above their clauses
    agreements: list[Hit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ClauseHit:
    """A similar clause: `score` is 1.0 for identical wording, near 0 for unrelated."""

    agreement_id: str
    clause_id: str
    clause_number: str
    heading: str | None
    category: str | None
    title: str
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    """Terms a search treats as one (`terms`: each finds all the others), and terms they find
    one way only (`also`: an addendum is a change, not every change an addendum, so 'adendum'
    also finds 'perubahan' and 'perubahan' finds only itself)."""

    name: str
    terms: tuple[str, ...]
    also: tuple[str, ...] = ()


class SearchIndex(Protocol):
    def upsert(self, agreement: IndexedAgreement) -> None: ...
    def upsert_many(self, agreements: Sequence[IndexedAgreement]) -> None: ...
    def delete(self, agreement_id: str) -> None: ...
    def search(self, query: SearchQuery) -> SearchPage: ...
    def suggest(self, q: str) -> str | None: ...
    def similar_clauses(self, clause_id: str, limit: int) -> list[ClauseHit]: ...
    def similar_to_text(self, text: str, limit: int) -> list[ClauseHit]: ...
    def set_synonyms(self, groups: Sequence[SynonymGroup]) -> None: ...
    def clear(self) -> None: ...
    def count(self) -> int: ...
    def close(self) -> None: ...


def status_of(end_date: date | None, today: date) -> Status:
    """Active until the effective end (an addendum's later end, else the expiry date;
    store/standing.py) has passed; unknown when no end is known. The register's status
    with 'expiring' counted as active."""
    if end_date is None:
        return "unknown"
    return "active" if end_date >= today else "expired"


def date_ordinal(value: date | None) -> int:
    """A date as an int YYYYMMDD for range filters and sorting; 0 when unknown."""
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def indexed_agreement(
    agreement_id: str,
    agreement: Agreement,
    clause_ids: Sequence[str],
    *,
    partner_types: Sequence[str] | None = None,
    extended_until: date | None = None,
) -> IndexedAgreement:
    """The index's view of an agreement: `clause_ids` pairs with `agreement.clauses` in order;
    `partner_types` as kept (else the agreement's own profile's)."""
    if partner_types is None:
        partner_types = agreement.profile.partner_types if agreement.profile else ()
    return IndexedAgreement(
        agreement_id=agreement_id,
        title=agreement.title,
        subject=agreement.subject,
        doc_type=agreement.doc_type,
        language=agreement.language,
        numbers=list(agreement.numbers),
        parties=[p.name for p in agreement.parties],
        signed_date=agreement.signed_date,
        expiry_date=agreement.expiry_date,
        partner_types=tuple(partner_types),
        extended_until=extended_until,
        clauses=[
            IndexedClause(clause_id, position, c.number, c.heading, c.category, c.text)
            for position, (clause_id, c) in enumerate(
                zip(clause_ids, agreement.clauses, strict=True), 1
            )
        ],
    )


def filter_fields(a: IndexedAgreement) -> dict[str, Any]:
    """The agreement's filter and sort fields, the same on every record of it and on both
    engines: ids, kind of document, language, parties and their types (as kept: nothing is
    derived here), numbers as keywords, dates as ints (`expiry`: the effective end)."""
    return {
        "agreement_id": a.agreement_id,
        "doc_type": a.doc_type,
        "language": a.language,
        "party": list(a.parties),
        "partner_type": sorted(set(a.partner_types)),
        "numbers": [normalise_number(n) for n in a.numbers],
        "year": a.signed_date.year if a.signed_date else 0,
        "signed": date_ordinal(a.signed_date),
        "expiry": date_ordinal(a.end_date),
    }
