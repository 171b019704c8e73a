"""The register of agreements (Daftar Naskah): rows with a status and their follow-ups, a page
of them filtered and sorted, counts per status, signing year and kind, the next expiries (the
export is in export.py, its words in labels.py).

Everything is read in SQL over what the store keeps (store/register_reads.py): the profile
ingest derived when the agreement was extracted, and its standing, recomputed by the store
whenever it or an agreement citing it changes. Nothing is derived on a read and nothing is
cached between reads (tests/search_api/register/test_register_reads.py holds it to that).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from pydantic import BaseModel

from ingest.model import Term, profile_from_dict
from ingest.profile import COOPERATION_KINDS
from search_api.agreements import Library
from search_api.register.completeness import (
    READ_BUDGET_S,
    REFRESH_BUDGET_S,
    fill_completeness,
)
from search_api.store.check_summaries import Judging
from search_api.store.db import StoredAgreement
from search_api.store.register_reads import (
    Citing,
    RegisterCounts,
    RegisterEntry,
    RegisterFilter,
    RegisterSort,
)
from search_api.store.standing import (
    EXPIRING_DAYS,
    STATUSES,
    Extension,
    FollowUp,
    RegisterStatus,
    Standing,
    register_status,
    standing,
    standing_of,
)

__all__ = [
    "DOC_TYPES",
    "EXPIRING_DAYS",
    "STATUSES",
    "Derived",
    "FollowUp",
    "RegisterFilter",
    "RegisterPage",
    "RegisterRead",
    "RegisterRow",
    "RegisterSort",
    "RegisterStats",
    "RegisterStatus",
    "Standing",
    "derived_fields",
    "effective_end",
    "follow_up_of",
    "is_incomplete",
    "next_expiries",
    "read_register",
    "refresh_completeness",
    "register_rows",
    "register_status",
    "standing",
    "stats_of",
]

DOC_TYPES: tuple[str, ...] = ("mou", "agreement", "amendment", "other")
NEXT_EXPIRIES = 10


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
    # what kind of body each party is (ingest/profile.py), in the order of `parties`
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
    # stored agreements citing one of its numbers, oldest signed first
    followed_by: list[FollowUp] = []
    # an addendum citing it ends later than it did: the term it gives (status follows it)
    extended_until: date | None = None
    # a later agreement of the same kind cites it: the cooperation goes on under that one
    renewed: bool = False
    # Kelengkapan: requirements of its rule pack met, of all checked (completeness.py);
    # None while it is being computed
    requirements_met: int | None = None
    requirements_total: int | None = None
    # doubted values no person has confirmed or corrected yet ("ada keraguan belum ditinjau")
    open_doubts: int = 0


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
    # rows with a doubted value no person has reviewed
    doubts: int = 0
    by_status: dict[str, int]
    by_year: list[YearCount]
    by_cooperation_kind: dict[str, int]


class RegisterPage(BaseModel):
    rows: list[RegisterRow]
    stats: RegisterStats
    next_expiries: list[RegisterRow]
    # how many rows match in all (`rows` is the page of them from `offset`)
    total: int = 0
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Derived:
    """What ingest derived of an agreement's text (ingest.model.Profile), as the register
    shows it: kept by the store, read, never derived here."""

    partner_types: list[str]
    cooperation_kind: str
    regional_office: str | None
    sectors: list[str]


def derived_fields(stored: StoredAgreement) -> Derived:
    """The kept profile of a stored agreement (an agreement without one reads as having no
    partner type, cooperation kind 'other', no OPD and no field)."""
    profile = stored.agreement.profile
    if profile is None:
        return Derived([], "other", None, [])
    return Derived(
        list(profile.partner_types),
        profile.cooperation_kind,
        profile.regional_office,
        list(profile.sectors),
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def row_of(entry: RegisterEntry, today: date, followed_by: Sequence[FollowUp] = ()) -> RegisterRow:
    """The register's row of an agreement from the columns it read (register_reads.py):
    its effective values as ingest.model.agreement_from_dict reads them, its kept profile,
    its standing today."""
    v = entry.values
    parties = v.get("parties") or []
    term = Term(**v["term"]) if v.get("term") else None
    expiry = _date(v.get("expiry_date"))
    profile = profile_from_dict(entry.profile) if entry.profile else None
    found = standing_of(Extension(entry.extended_until, entry.renewed), expiry, today)
    met, total = entry.requirements
    return RegisterRow(
        id=entry.id,
        title=v.get("title") or "",
        subject=v.get("subject"),
        doc_type=v["doc_type"],
        language=v["language"],
        numbers=list(v.get("numbers") or []),
        references=list(v.get("references") or []),
        parties=[p["name"] for p in parties],
        partner_types=list(profile.partner_types) if profile else [],
        cooperation_kind=profile.cooperation_kind if profile else "other",
        regional_office=profile.regional_office if profile else None,
        sectors=list(profile.sectors) if profile else [],
        signers=[
            ", ".join(x for x in (p.get("representative"), p.get("position")) if x)
            for p in parties
            if p.get("representative") or p.get("position")
        ],
        signed_date=_date(v.get("signed_date")),
        signed_place=v.get("signed_place"),
        effective_date=_date(v.get("effective_date")),
        term_years=term.years if term else None,
        term_months=term.months if term else None,
        term_days=term.days if term else None,
        expiry_date=expiry,
        status=found.status,
        days_left=found.days_left,
        filename=entry.filename,
        corrected_fields=list(entry.corrected),
        followed_by=list(followed_by),
        extended_until=found.extended_until,
        renewed=found.renewed,
        requirements_met=met,
        requirements_total=total,
        open_doubts=entry.open_doubts,
    )


def judge(library: Library, today: date, *, budget_s: float) -> Judging:
    """Today's fingerprints of the Kelengkapan, the missing or stale results computed for
    up to `budget_s` first (completeness.py); the rest is being computed."""
    judging = library.judging(today)
    fill_completeness(library, judging, today, budget_s=budget_s)
    return judging


def _rows(library: Library, found: Sequence[RegisterEntry], today: date) -> list[RegisterRow]:
    """Rows of these agreements, with the agreements citing them (read over the whole
    store: a follow-up may be outside the filter)."""
    citing = library.register_citing(sorted({k for e in found for k in e.number_keys}))
    wanted = {c.id for cs in citing.values() for c in cs}
    # a follow-up's numbers: those of the rows read already, the others read by id
    numbers = {e.id: list(e.values.get("numbers") or []) for e in found if e.id in wanted}
    numbers.update(library.register_numbers(sorted(wanted - numbers.keys())))
    rows = []
    for e in found:
        by_id: dict[str, Citing] = {}
        for key in e.number_keys:
            for c in citing.get(key, []):
                if c.id != e.id:
                    by_id.setdefault(c.id, c)
        follow = sorted(
            (
                FollowUp(
                    id=c.id,
                    doc_type=c.doc_type,
                    numbers=numbers.get(c.id, []),
                    signed_date=c.signed_date,
                    expiry_date=c.expiry_date,
                )
                for c in by_id.values()
            ),
            key=lambda u: (u.signed_date is None, u.signed_date or date.min, u.id),
        )
        rows.append(row_of(e, today, follow))
    return rows


def _stats(counts: RegisterCounts) -> RegisterStats:
    years = {y for y, _ in counts.by_year_and_type}
    ordered = sorted(y for y in years if y is not None) + ([None] if None in years else [])
    by_year = []
    for year in ordered:
        per = {k: n for (y, k), n in counts.by_year_and_type.items() if y == year and n}
        by_year.append(YearCount(year=year, counts=per, total=sum(per.values())))
    kinds: Counter[str] = Counter()
    for (_, kind), n in counts.by_year_and_kind.items():
        kinds[kind] += n
    return RegisterStats(
        total=counts.total,
        incomplete=counts.incomplete,
        completeness_pending=counts.pending,
        doubts=counts.doubts,
        by_status=dict(counts.by_status),
        by_year=by_year,
        by_cooperation_kind={k: kinds.get(k, 0) for k in COOPERATION_KINDS},
    )


@dataclass(frozen=True, slots=True)
class RegisterRead:
    """One read of the register: a page of rows, the counts of all rows matching the filter
    and of the whole register, the next expiries, the signing years there are."""

    rows: list[RegisterRow]
    total: int
    stats: RegisterStats
    all_stats: RegisterStats
    next_expiries: list[RegisterRow]
    years: list[int]


def read_register(
    library: Library,
    f: RegisterFilter,
    today: date,
    *,
    offset: int = 0,
    limit: int | None = None,
    whole: bool = False,
    completeness_budget_s: float = READ_BUDGET_S,
) -> RegisterRead:
    """The page of rows matching `f` from `offset` (all of them without `limit`), with their
    counts; with `whole`, also the counts of the whole register and its signing years."""
    judging = library.judging(today)
    everything = RegisterFilter()
    # Kelengkapan still to compute (completeness.py) is counted first: the whole register's
    # counts hold it when the page shows them, else one count over the covering index
    register = library.register_counts(everything, today=today, judging=judging) if whole else None
    pending = register.pending if register else library.unjudged_count(judging)
    if pending:
        fill_completeness(library, judging, today, budget_s=completeness_budget_s)
        if whole:
            register = library.register_counts(everything, today=today, judging=judging)
    # a filter that keeps every row (only an order) has the whole register's counts
    plain = replace(f, sort=everything.sort, descending=everything.descending) == everything
    counts = register if register and plain else None
    stats = _stats(counts or library.register_counts(f, today=today, judging=judging))
    soon = library.register_next_expiries(today, NEXT_EXPIRIES, judging)
    found = library.register_rows(f, today=today, judging=judging, offset=offset, limit=limit)
    years = (
        {y for (y, _), n in register.by_year_and_type.items() if y is not None and n}
        if register
        else set()
    )
    return RegisterRead(
        rows=_rows(library, found, today),
        total=stats.total,
        stats=stats,
        all_stats=_stats(register) if register else stats,
        next_expiries=_rows(library, soon, today),
        years=sorted(years, reverse=True),
    )


def register_rows(
    library: Library,
    f: RegisterFilter,
    today: date,
    *,
    completeness_budget_s: float = READ_BUDGET_S,
) -> list[RegisterRow]:
    """Every agreement matching the filter, in its order, with its follow-ups and its
    Kelengkapan (completeness.py: kept results, the missing ones computed for up to
    `completeness_budget_s`)."""
    return list(register_stream(library, f, today, completeness_budget_s=completeness_budget_s))


# Rows read from the cursor at a time by register_stream.
STREAM_CHUNK = 1000


def register_stream(
    library: Library,
    f: RegisterFilter,
    today: date,
    *,
    completeness_budget_s: float = READ_BUDGET_S,
) -> Iterator[RegisterRow]:
    """`register_rows`, a chunk of STREAM_CHUNK at a time from the cursor (an export
    writes each row as it comes and holds one chunk, not the whole register)."""
    judging = judge(library, today, budget_s=completeness_budget_s)
    chunk: list[RegisterEntry] = []
    for entry in library.register_stream(f, today=today, judging=judging):
        chunk.append(entry)
        if len(chunk) == STREAM_CHUNK:
            yield from _rows(library, chunk, today)
            chunk = []
    if chunk:
        yield from _rows(library, chunk, today)


def all_rows(
    library: Library, today: date, *, completeness_budget_s: float
) -> tuple[list[RegisterRow], int]:
    """Every agreement's row, oldest stored first, and how many rows' Kelengkapan is still
    being computed."""
    judging = judge(library, today, budget_s=completeness_budget_s)
    found = library.register_rows(
        RegisterFilter(sort="title", descending=False), today=today, judging=judging
    )
    found = sorted(found, key=lambda e: (e.created_at, e.id))
    rows = _rows(library, found, today)
    return rows, sum(1 for r in rows if r.requirements_total is None)


def refresh_completeness(library: Library, budget_s: float = REFRESH_BUDGET_S) -> int:
    """Compute missing or stale Kelengkapan for up to `budget_s`; how many are left."""
    today = date.today()
    return fill_completeness(library, library.judging(today), today, budget_s=budget_s)


def is_incomplete(row: RegisterRow) -> bool:
    """Misses a requirement of its rule pack (known: not while being computed)."""
    met, total = row.requirements_met, row.requirements_total
    return met is not None and total is not None and met < total


def stats_of(rows: list[RegisterRow]) -> RegisterStats:
    """Counts of rows already read (an export's own sheet of counts): per status, and per
    signing year and kind (oldest year first, unknown year last)."""
    per_year: dict[int | None, Counter[str]] = {}
    for row in rows:
        year = row.signed_date.year if row.signed_date else None
        per_year.setdefault(year, Counter())[row.doc_type] += 1
    years = sorted(y for y in per_year if y is not None) + ([None] if None in per_year else [])
    return RegisterStats(
        total=len(rows),
        incomplete=sum(1 for r in rows if is_incomplete(r)),
        completeness_pending=sum(1 for r in rows if r.requirements_total is None),
        doubts=sum(1 for r in rows if r.open_doubts > 0),
        by_status={s: sum(1 for r in rows if r.status == s) for s in STATUSES},
        by_year=[
            YearCount(year=y, counts=dict(per_year[y]), total=sum(per_year[y].values()))
            for y in years
        ],
        by_cooperation_kind={
            k: sum(1 for r in rows if r.cooperation_kind == k) for k in COOPERATION_KINDS
        },
    )


def next_expiries(rows: list[RegisterRow], limit: int = NEXT_EXPIRIES) -> list[RegisterRow]:
    """Of rows already read: those still in force and not yet renewed, the soonest to end
    first (an addendum's later end counts)."""
    live = [
        r
        for r in rows
        if r.status in ("active", "expiring") and effective_end(r) is not None and not r.renewed
    ]
    return sorted(live, key=lambda r: (effective_end(r), r.title))[:limit]


def effective_end(row: RegisterRow) -> date | None:
    return row.extended_until or row.expiry_date
