"""The register of agreements (Daftar Naskah): rows with a status, counts per year and kind,
the next expiries (the export is in export.py, its words in labels.py).

Built from the store's listing; pure apart from `register_rows`, which pages through it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel

from ingest.extract.partners import (
    COOPERATION_KINDS,
    cooperation_kind,
    partner_type,
    regional_office,
)
from ingest.extract.sectors import agreement_sectors
from search_api.agreements import Library
from search_api.index.text import normalise_number
from search_api.register.completeness import (
    READ_BUDGET_S,
    REFRESH_BUDGET_S,
    fill_completeness,
)
from search_api.store.db import StoredAgreement

EXPIRING_DAYS = 90

RegisterStatus = Literal["active", "expiring", "expired", "unknown"]
RegisterSort = Literal["title", "doc_type", "signed_date", "expiry_date", "status", "parties"]
DOC_TYPES: tuple[str, ...] = ("mou", "agreement", "amendment", "other")
STATUSES: tuple[RegisterStatus, ...] = ("active", "expiring", "expired", "unknown")


class FollowUp(BaseModel):
    """A stored agreement that cites this one: its PKS, an addendum, a renewal."""

    id: str
    doc_type: str
    numbers: list[str]
    signed_date: date | None
    expiry_date: date | None


def follow_up_of(stored: StoredAgreement) -> FollowUp:
    a = stored.agreement
    return FollowUp(
        id=stored.id,
        doc_type=a.doc_type,
        numbers=list(a.numbers),
        signed_date=a.signed_date,
        expiry_date=a.expiry_date,
    )


class RegisterRow(BaseModel):
    id: str
    title: str
    subject: str | None
    doc_type: str
    language: str
    numbers: list[str]
    # numbers of the agreements it cites: the KB a PKS carries out, what an addendum changes
    references: list[str]
    parties: list[str]
    # what kind of body each party is (ingest/extract/partners.py), in the order of `parties`
    partner_types: list[str]
    # PP 28/2018: ksdd, ksdpk, ksdpl, ksdll, central (with the central government) or other
    cooperation_kind: str
    # the perangkat daerah (OPD) running it, from the parties and the region's signer
    regional_office: str | None
    # fields of government affairs (bidang urusan, ingest/extract/sectors.py), most named first
    sectors: list[str]
    signers: list[str]
    signed_date: date | None
    signed_place: str | None
    effective_date: date | None
    term_years: int | None
    term_months: int | None
    term_days: int | None
    expiry_date: date | None
    status: RegisterStatus
    days_left: int | None
    filename: str
    corrected_fields: list[str]
    # stored agreements citing one of its numbers, oldest signed first (link_follow_ups)
    followed_by: list[FollowUp] = []
    # an addendum citing it ends later than it did: the term it gives (status follows it)
    extended_until: date | None = None
    # a later agreement of the same kind cites it: the cooperation goes on under that one
    renewed: bool = False
    # Kelengkapan: requirements of its rule pack met, of all checked (completeness.py);
    # None while it is being computed
    requirements_met: int | None = None
    requirements_total: int | None = None


class YearCount(BaseModel):
    year: int | None
    counts: dict[str, int]
    total: int


class RegisterStats(BaseModel):
    total: int
    # rows that miss a requirement of their rule pack (belum lengkap)
    incomplete: int = 0
    # rows whose Kelengkapan is still being computed
    completeness_pending: int = 0
    by_status: dict[str, int]
    by_year: list[YearCount]
    by_cooperation_kind: dict[str, int]


class RegisterPage(BaseModel):
    rows: list[RegisterRow]
    stats: RegisterStats
    next_expiries: list[RegisterRow]


@dataclass(frozen=True, slots=True)
class RegisterFilter:
    q: str | None = None
    doc_type: str | None = None
    status: RegisterStatus | None = None
    year: int | None = None
    party: str | None = None
    language: str | None = None
    cooperation_kind: str | None = None
    sector: str | None = None
    # only agreements that miss a requirement of their rule pack (belum lengkap)
    incomplete: bool = False
    sort: RegisterSort = "signed_date"
    descending: bool = True


def register_status(expiry: date | None, today: date) -> RegisterStatus:
    """aktif; akan berakhir (within EXPIRING_DAYS, the day itself included); berakhir; unknown."""
    if expiry is None:
        return "unknown"
    if expiry < today:
        return "expired"
    return "expiring" if (expiry - today).days <= EXPIRING_DAYS else "active"


@dataclass(frozen=True, slots=True)
class Derived:
    """What the register derives from an agreement's parties, subject and clauses."""

    partner_types: list[str]
    cooperation_kind: str
    regional_office: str | None
    sectors: list[str]


# What the register derives from an agreement's text, by (id, updated_at): a register of
# thousands is read whole on every request, and the derivations cost more than the reading.
_DERIVED: dict[tuple[str, datetime], Derived] = {}
# The brief rows the register last read, by (id, updated_at): a read only fetches what changed.
_BRIEF: dict[tuple[str, datetime], StoredAgreement] = {}
_READ_BATCH = 500
_DERIVED_MAX = 50_000
# The purpose and scope clauses name the field early; the rest of a long clause adds time.
_SCOPE_CHARS = 1_500


_SCOPE_CATEGORIES = ("purpose", "scope")


def derived_fields(stored: StoredAgreement, scope_texts: Sequence[str] | None = None) -> Derived:
    """What the register derives of an agreement (cached by id and last change).
    `scope_texts`: its purpose and scope clauses' texts, when `stored` came without clauses."""
    key = (stored.id, stored.updated_at)
    if (found := _DERIVED.get(key)) is not None:
        return found
    a = stored.agreement
    names = [p.name for p in a.parties]
    if scope_texts is None:
        scope_texts = [c.text for c in stored.clauses if c.category in _SCOPE_CATEGORIES]
    scope = [text[:_SCOPE_CHARS] for text in scope_texts]
    derived = Derived(
        partner_types=[partner_type(name) for name in names],
        cooperation_kind=cooperation_kind(names, a.language),
        regional_office=regional_office([(p.name, p.position) for p in a.parties]),
        sectors=list(agreement_sectors(a.title, a.subject, scope)),
    )
    _DERIVED[key] = derived
    return derived


def row_of(stored: StoredAgreement, today: date, derived: Derived) -> RegisterRow:
    a = stored.agreement
    return RegisterRow(
        id=stored.id,
        title=a.title,
        subject=a.subject,
        doc_type=a.doc_type,
        language=a.language,
        numbers=list(a.numbers),
        references=list(a.references),
        parties=[p.name for p in a.parties],
        partner_types=list(derived.partner_types),
        cooperation_kind=derived.cooperation_kind,
        regional_office=derived.regional_office,
        sectors=list(derived.sectors),
        signers=[
            ", ".join(x for x in (p.representative, p.position) if x)
            for p in a.parties
            if p.representative or p.position
        ],
        signed_date=a.signed_date,
        signed_place=a.signed_place,
        effective_date=a.effective_date,
        term_years=a.term.years if a.term else None,
        term_months=a.term.months if a.term else None,
        term_days=a.term.days if a.term else None,
        expiry_date=a.expiry_date,
        status=register_status(a.expiry_date, today),
        days_left=(a.expiry_date - today).days if a.expiry_date else None,
        filename=stored.filename,
        corrected_fields=sorted(stored.corrections),
    )


def register_rows(
    library: Library,
    f: RegisterFilter,
    today: date,
    *,
    completeness_budget_s: float = READ_BUDGET_S,
) -> list[RegisterRow]:
    """Every agreement matching the filter, with its follow-ups (found over the whole store:
    a follow-up may be outside the filter) and its Kelengkapan (completeness.py: kept
    results, the missing ones computed for up to `completeness_budget_s`), oldest first."""
    rows, _ = all_rows(library, today, completeness_budget_s=completeness_budget_s)
    return filter_rows(rows, f)


def refresh_completeness(library: Library, budget_s: float = REFRESH_BUDGET_S) -> int:
    """Compute missing or stale Kelengkapan for up to `budget_s`; how many are left."""
    _, left = all_rows(library, date.today(), completeness_budget_s=budget_s)
    return left


def all_rows(
    library: Library, today: date, *, completeness_budget_s: float
) -> tuple[list[RegisterRow], int]:
    """Every agreement's row, and how many rows' Kelengkapan is still being computed.

    One light query says when each agreement last changed; only agreements new or changed
    since the last read are read (brief rows, 500 at a time), and for those not derived yet
    only their purpose and scope clauses' texts."""
    if len(_DERIVED) > _DERIVED_MAX or len(_BRIEF) > _DERIVED_MAX:
        _DERIVED.clear()  # bounded; cleared between reads, never during one
        _BRIEF.clear()
    versions = library.versions()
    missing = [agreement_id for agreement_id, key in versions if (agreement_id, key) not in _BRIEF]
    fetched: dict[str, StoredAgreement] = {}
    for start in range(0, len(missing), _READ_BATCH):
        for stored in library.get_many(missing[start : start + _READ_BATCH], brief=True):
            _BRIEF[(stored.id, stored.updated_at)] = stored
            fetched[stored.id] = stored
    # by id, oldest first; one changed since `versions` as it was just read, one deleted since
    # left out
    current: dict[str, StoredAgreement] = {}
    for agreement_id, key in versions:
        found = fetched.get(agreement_id) or _BRIEF.get((agreement_id, key))
        if found is not None:
            current[agreement_id] = found
    # held for this read: another request may clear the caches meanwhile
    derived: dict[str, Derived] = {}
    for agreement_id, stored in current.items():
        if (known := _DERIVED.get((agreement_id, stored.updated_at))) is not None:
            derived[agreement_id] = known
    underived = [i for i in current if i not in derived]
    for start in range(0, len(underived), _READ_BATCH):
        batch = underived[start : start + _READ_BATCH]
        scopes = library.clause_texts(batch, _SCOPE_CATEGORIES)
        for agreement_id in batch:
            derived[agreement_id] = derived_fields(
                current[agreement_id], scopes.get(agreement_id, [])
            )
    rows = [row_of(stored, today, derived[i]) for i, stored in current.items()]
    link_follow_ups(rows, today)
    updated = {i: stored.updated_at for i, stored in current.items()}
    left = fill_completeness(library, rows, updated, today, budget_s=completeness_budget_s)
    return rows, left


def link_follow_ups(rows: list[RegisterRow], today: date) -> None:
    """Fill each row's `followed_by`: the rows whose references name one of its numbers
    (compared as normalised keys: spacing and case do not matter). An addendum among them
    that ends later extends the row (`extended_until`; its status and days left follow);
    a later agreement of the row's own kind renews it (`renewed`)."""
    bearing: dict[str, list[RegisterRow]] = {}
    for row in rows:
        for key in {normalise_number(n) for n in row.numbers if n.strip()}:
            bearing.setdefault(key, []).append(row)
    for row in rows:
        cited = {id(t): t for r in row.references for t in bearing.get(normalise_number(r), [])}
        for target in cited.values():
            if target is not row:
                target.followed_by.append(
                    FollowUp(
                        id=row.id,
                        doc_type=row.doc_type,
                        numbers=row.numbers,
                        signed_date=row.signed_date,
                        expiry_date=row.expiry_date,
                    )
                )
    for row in rows:
        row.followed_by.sort(key=lambda u: (u.signed_date is None, u.signed_date or date.min, u.id))
        found = standing(row.doc_type, row.signed_date, row.expiry_date, row.followed_by, today)
        row.extended_until, row.renewed = found.extended_until, found.renewed
        row.status, row.days_left = found.status, found.days_left


@dataclass(frozen=True, slots=True)
class Standing:
    """Where an agreement stands today, its follow-ups counted: the one definition of its
    status and effective end, for the register, its exports and calendar, and its page."""

    status: RegisterStatus
    # an addendum citing it ends later than it did: the end it gives
    extended_until: date | None
    # a later agreement of its own kind cites it: the cooperation goes on under that one
    renewed: bool
    days_left: int | None

    @property
    def has_ended(self) -> bool:
        return self.status == "expired"


def standing(
    doc_type: str,
    signed: date | None,
    expiry: date | None,
    follow_ups: Sequence[FollowUp],
    today: date,
) -> Standing:
    """The status and effective end of an agreement signed `signed`, ending `expiry`, that the
    stored `follow_ups` cite: an addendum that ends later extends it (status and days left
    follow the later end); a later agreement of the same kind renews it."""
    ends = [u.expiry_date for u in follow_ups if u.doc_type == "amendment" and u.expiry_date]
    extended = max(ends) if ends and (expiry is None or max(ends) > expiry) else None
    end = extended or expiry
    renewed = doc_type != "amendment" and any(
        u.doc_type == doc_type
        and u.signed_date is not None
        and (signed is None or u.signed_date > signed)
        for u in follow_ups
    )
    return Standing(
        status=register_status(end, today),
        extended_until=extended,
        renewed=renewed,
        days_left=(end - today).days if end else None,
    )


def matches(row: RegisterRow, f: RegisterFilter) -> bool:
    """Whether a row passes every filter set in `f` (all of them, not only the store's)."""
    if f.status and row.status != f.status:
        return False
    if f.doc_type and row.doc_type != f.doc_type:
        return False
    if f.language and row.language != f.language:
        return False
    if f.cooperation_kind and row.cooperation_kind != f.cooperation_kind:
        return False
    if f.sector and f.sector not in row.sectors:
        return False
    if f.incomplete and not is_incomplete(row):
        return False
    if f.year and (row.signed_date is None or row.signed_date.year != f.year):
        return False
    if f.party and not any(f.party.casefold() in p.casefold() for p in row.parties):
        return False
    if f.q:
        haystack = " ".join(
            [row.title, row.subject or "", *row.numbers, *row.parties, row.filename]
        ).casefold()
        return all(word in haystack for word in f.q.casefold().split())
    return True


def is_incomplete(row: RegisterRow) -> bool:
    """Misses a requirement of its rule pack (known: not while being computed)."""
    met, total = row.requirements_met, row.requirements_total
    return met is not None and total is not None and met < total


def filter_rows(rows: list[RegisterRow], f: RegisterFilter) -> list[RegisterRow]:
    return sort_rows([r for r in rows if matches(r, f)], f.sort, descending=f.descending)


def sort_rows(
    rows: list[RegisterRow], sort: RegisterSort, *, descending: bool
) -> list[RegisterRow]:
    """Sorted by one column; rows without a value go last either way."""
    status_rank = {s: i for i, s in enumerate(STATUSES)}

    def key(row: RegisterRow) -> str | date | int:
        if sort == "status":
            return status_rank[row.status]
        if sort == "parties":
            return ", ".join(row.parties).casefold()
        if sort in ("title", "doc_type"):
            return str(getattr(row, sort)).casefold()
        value: date = getattr(row, sort)
        return value

    present = [r for r in rows if _sort_value(r, sort) is not None]
    missing = [r for r in rows if _sort_value(r, sort) is None]
    return sorted(present, key=key, reverse=descending) + missing


def _sort_value(row: RegisterRow, sort: RegisterSort) -> object:
    if sort in ("signed_date", "expiry_date"):
        return getattr(row, sort)
    return True


def stats_of(rows: list[RegisterRow]) -> RegisterStats:
    """Counts per status, and per signing year and kind (oldest year first, unknown year last)."""
    per_year: dict[int | None, Counter[str]] = {}
    for row in rows:
        year = row.signed_date.year if row.signed_date else None
        per_year.setdefault(year, Counter())[row.doc_type] += 1
    years = sorted(y for y in per_year if y is not None) + ([None] if None in per_year else [])
    return RegisterStats(
        total=len(rows),
        incomplete=sum(1 for r in rows if is_incomplete(r)),
        completeness_pending=sum(1 for r in rows if r.requirements_total is None),
        by_status={s: sum(1 for r in rows if r.status == s) for s in STATUSES},
        by_year=[
            YearCount(year=y, counts=dict(per_year[y]), total=sum(per_year[y].values()))
            for y in years
        ],
        by_cooperation_kind={
            k: sum(1 for r in rows if r.cooperation_kind == k) for k in COOPERATION_KINDS
        },
    )


def next_expiries(rows: list[RegisterRow], limit: int = 10) -> list[RegisterRow]:
    """Agreements still in force and not yet renewed, the soonest to end first (an
    addendum's later end counts)."""
    live = [
        r
        for r in rows
        if r.status in ("active", "expiring") and effective_end(r) is not None and not r.renewed
    ]
    return sorted(live, key=lambda r: (effective_end(r), r.title))[:limit]


def effective_end(row: RegisterRow) -> date | None:
    return row.extended_until or row.expiry_date
