"""The register's reads in SQL (Daftar Naskah): its filters, order, pages and counts over the
columns the store keeps (the profile and the standing, migration 0014), the agreements citing
a page's rows, and what the Kelengkapan's fingerprints need of every agreement. Nothing here
derives anything: what an agreement is was derived when it was written."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import and_, bindparam, case, extract, func, not_, select
from sqlalchemy.orm import Session

from search_api.store.check_summaries import Judging, is_judged, judged_summary
from search_api.store.db import _LIVE, Store, _utc
from search_api.store.models import AgreementRow, CheckSummaryRow, CitedKeyRow, CorrectionRow
from search_api.store.standing import STATUSES, RegisterStatus, expiring_until

RegisterSort = Literal["title", "doc_type", "signed_date", "expiry_date", "status", "parties"]


@dataclass(frozen=True, slots=True)
class RegisterFilter:
    """Which agreements of the register, in which order; every field unset means all of
    them (the register page's form, /api/register's query and the exports read it)."""

    q: str | None = None
    doc_type: str | None = None
    status: RegisterStatus | None = None
    year: int | None = None
    party: str | None = None
    language: str | None = None
    cooperation_kind: str | None = None
    sector: str | None = None
    # only those that miss a requirement of their rule pack (belum lengkap)
    incomplete: bool = False
    # only those with a doubted value no person has reviewed (ada keraguan belum ditinjau)
    doubts: bool = False
    sort: RegisterSort = "signed_date"
    descending: bool = True


@dataclass(frozen=True, slots=True)
class RegisterCounts:
    total: int
    by_status: dict[str, int]
    # (signing year or None, doc_type) -> count; and (year, cooperation kind) -> count
    by_year_and_type: dict[tuple[int | None, str], int]
    by_year_and_kind: dict[tuple[int | None, str], int]
    incomplete: int
    pending: int
    doubts: int


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One agreement as the register reads it: the columns it shows, as tuples of a Core
    select (no ORM object, no text, spans or clauses), and its fresh kept Kelengkapan."""

    id: str
    filename: str
    created_at: datetime
    # its normalised numbers (search_api.index.text.normalise_number), as kept
    number_keys: tuple[str, ...]
    # the effective schema values: the machine's, each person's correction applied
    values: dict[str, Any]
    # the fields a person corrected (a correction still applying)
    corrected: tuple[str, ...]
    # ingest.model.Profile as a dict (None: an agreement stored before profiles)
    profile: dict[str, Any] | None
    open_doubts: int
    extended_until: date | None
    renewed: bool
    # (met, total) of its fresh kept Kelengkapan; (None, None) while being computed
    requirements: tuple[int | None, int | None]


def _entry_query(judging: Judging) -> Any:
    """The register's columns of each agreement with its fresh kept Kelengkapan: an agreement
    has at most one kept summary (its key), so the outer join adds no rows."""
    c, k = AgreementRow, CheckSummaryRow
    return (
        select(
            c.id,
            c.filename,
            c.created_at,
            c.number_keys,
            c.machine,
            c.profile,
            c.open_doubts,
            c.extended_until,
            c.renewed,
            k.met,
            k.total,
        )
        .select_from(c)
        .outerjoin(k, judged_summary(judging))
    )


def _corrections(s: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Agreement id -> field -> the value of its correction still applying (the latest)."""
    found: dict[str, dict[str, Any]] = {}
    r = CorrectionRow
    query = (
        select(r.agreement_id, r.field, r.value)
        .where(r.retired_in.is_(None), r.agreement_id.in_(bindparam("ids", expanding=True)))
        .order_by(r.id)
    )
    for start in range(0, len(ids), 500):
        rows = s.execute(query, {"ids": list(ids[start : start + 500])})
        for agreement_id, field, value in rows:
            found.setdefault(agreement_id, {})[field] = value  # ordered by id: the latest wins
    return found


def _entries(s: Session, rows: Sequence[Any]) -> list[RegisterEntry]:
    ids = [row[0] for row in rows]
    corrected = _corrections(s, ids) if ids else {}
    out = []
    for row in rows:
        agreement_id, filename, created, keys, machine, profile, doubts, until, renewed = row[:9]
        met, total = row[9:]
        own = corrected.get(agreement_id)
        out.append(
            RegisterEntry(
                id=agreement_id,
                filename=filename,
                created_at=_utc(created),
                number_keys=tuple(k for k in (keys or "").split("\n") if k),
                values={**machine, **own} if own else machine,
                corrected=tuple(sorted(own)) if own else (),
                profile=profile or None,
                open_doubts=doubts or 0,
                extended_until=until,
                renewed=bool(renewed),
                requirements=(met, total) if total is not None else (None, None),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Citing:
    """A live agreement citing one of a row's numbers."""

    id: str
    doc_type: str
    signed_date: date | None
    expiry_date: date | None


def _status_rank(today: date) -> Any:
    """0 active, 1 expiring, 2 expired, 3 unknown: STATUSES' order, from the effective end."""
    end = AgreementRow.end_date
    return case(
        (end.is_(None), STATUSES.index("unknown")),
        (end < today, STATUSES.index("expired")),
        (end <= expiring_until(today), STATUSES.index("expiring")),
        else_=STATUSES.index("active"),
    )


def _status_condition(status: RegisterStatus, today: date) -> Any:
    end = AgreementRow.end_date
    if status == "unknown":
        return end.is_(None)
    if status == "expired":
        return end < today
    if status == "expiring":
        return and_(end >= today, end <= expiring_until(today))
    return end > expiring_until(today)


class RegisterReads:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _conditions(self, q: RegisterFilter, today: date, judging: Judging) -> list[Any]:
        """`incomplete`: those whose fresh kept Kelengkapan misses a requirement (a stale
        one is being computed again: left out)."""
        c = AgreementRow
        out: list[Any] = [_LIVE]
        if q.doc_type:
            out.append(c.doc_type == q.doc_type)
        if q.language:
            out.append(c.language == q.language)
        if q.cooperation_kind:
            out.append(c.cooperation_kind == q.cooperation_kind)
        if q.sector:
            out.append(c.sector_keys.contains(f"\n{q.sector}\n", autoescape=True))
        if q.status:
            out.append(_status_condition(q.status, today))
        if q.year:
            out.append(c.signed_date >= date(q.year, 1, 1))
            out.append(c.signed_date <= date(q.year, 12, 31))
        if q.party:
            out.append(c.parties_folded.contains(q.party.casefold(), autoescape=True))
        if q.q:
            for word in q.q.casefold().split():
                out.append(c.search_text.contains(word, autoescape=True))
        if q.doubts:
            out.append(c.open_doubts > 0)
        if q.incomplete:
            out.append(is_judged(judging, incomplete=True))
        return out

    def _order(self, q: RegisterFilter, today: date) -> list[Any]:
        """By one column, those without a value last either way; ties oldest stored first."""
        c = AgreementRow
        column: Any = {
            "title": c.title_folded,
            "doc_type": c.doc_type,
            "signed_date": c.signed_date,
            "expiry_date": c.expiry_date,
            "parties": c.parties_folded,
            "status": _status_rank(today),
        }[q.sort]
        first: list[Any] = [column.is_(None)] if q.sort in ("signed_date", "expiry_date") else []
        return [*first, column.desc() if q.descending else column, c.created_at, c.id]

    def rows(
        self,
        q: RegisterFilter,
        *,
        today: date,
        judging: Judging,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[RegisterEntry]:
        """The page of agreements from `offset` (all without `limit`), their status as of
        `today`: LIMIT and OFFSET in the SQL, so a page reads its own rows only."""
        return list(self.stream(q, today=today, judging=judging, offset=offset, limit=limit))

    def stream(
        self,
        q: RegisterFilter,
        *,
        today: date,
        judging: Judging,
        offset: int = 0,
        limit: int | None = None,
        chunk: int = 1000,
    ) -> Iterator[RegisterEntry]:
        """`rows`, read from the cursor `chunk` rows at a time (an export of the whole
        register holds one chunk of tuples, not all of them)."""
        c = AgreementRow
        order = self._order(q, today)
        # The page's ids first, from the filter and order columns alone; then the columns
        # shown of those rows only (SQLite would otherwise carry every matching row's values
        # through the sort, to keep one page of them).
        page = select(c.id).where(*self._conditions(q, today, judging)).order_by(*order)
        page = page.offset(offset) if offset else page
        page = page.limit(limit) if limit is not None else page
        chosen = page.subquery("page")
        query = _entry_query(judging).join(chosen, chosen.c.id == c.id).order_by(*order)
        with self.store.session() as s:
            result = s.execute(query)
            while batch := result.fetchmany(chunk):
                yield from _entries(s, batch)

    def counts(self, q: RegisterFilter, *, today: date, judging: Judging) -> RegisterCounts:
        """How many match in all, per status (today), per signing year and kind of document,
        per year and cooperation kind, how many miss a requirement or are being judged, and
        how many have unreviewed doubts. Paging and order do not matter."""
        c = AgreementRow
        k = CheckSummaryRow
        where = self._conditions(q, today, judging)
        year = extract("year", c.signed_date)
        rank = _status_rank(today)
        # One pass over the matching rows, grouped by what the cards count: each agreement
        # has at most one kept summary (its key), so the outer join adds no rows.
        judged = k.agreement_id.is_not(None)
        query = (
            select(
                rank,
                year,
                c.doc_type,
                c.cooperation_kind,
                func.count(),
                func.sum(case((and_(judged, k.met < k.total), 1), else_=0)),
                func.sum(case((judged, 0), else_=1)),
                func.sum(case((c.open_doubts > 0, 1), else_=0)),
            )
            .select_from(c)
            .outerjoin(k, judged_summary(judging))
            .where(*where)
            .group_by(rank, year, c.doc_type, c.cooperation_kind)
        )
        by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
        by_type: dict[tuple[int | None, str], int] = {}
        by_kind: dict[tuple[int | None, str], int] = {}
        incomplete = being_judged = doubts = 0
        with self.store.session() as s:
            for r, y, kind, coop, n, short, unjudged, doubted in s.execute(query):
                by_status[STATUSES[int(r)]] += n
                key = int(y) if y is not None else None
                by_type[(key, kind)] = by_type.get((key, kind), 0) + n
                by_kind[(key, coop)] = by_kind.get((key, coop), 0) + n
                incomplete += int(short or 0)
                being_judged += int(unjudged or 0)
                doubts += int(doubted or 0)
        return RegisterCounts(
            total=sum(by_status.values()),
            by_status=by_status,
            by_year_and_type=by_type,
            by_year_and_kind=by_kind,
            incomplete=incomplete,
            pending=being_judged,
            doubts=doubts,
        )

    def next_expiries(self, today: date, limit: int, judging: Judging) -> list[RegisterEntry]:
        """Agreements still in force (their effective end today or later) and not renewed,
        the soonest to end first."""
        c = AgreementRow
        with self.store.session() as s:
            rows = s.execute(
                _entry_query(judging)
                .where(_LIVE, c.end_date >= today, not_(c.renewed))
                .order_by(c.end_date, c.title, c.id)
                .limit(limit)
            ).all()
            return _entries(s, rows)

    def numbers(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """Agreement id -> its effective numbers (a correction of them applied), of those
        live: what a follow-up shows of the agreement citing a row."""
        wanted = sorted(set(ids))
        found: dict[str, list[str]] = {}
        c = AgreementRow
        r = CorrectionRow
        chosen: Any = bindparam("ids", expanding=True)
        machine = select(c.id, c.machine["numbers"]).where(_LIVE, c.id.in_(chosen))
        corrections = (
            select(r.agreement_id, r.value)
            .where(r.retired_in.is_(None), r.field == "numbers", r.agreement_id.in_(chosen))
            .order_by(r.id)
        )
        with self.store.session() as s:
            for start in range(0, len(wanted), 500):
                part = {"ids": wanted[start : start + 500]}
                for agreement_id, numbers in s.execute(machine, part):
                    found[agreement_id] = list(numbers or [])
                corrected = s.execute(corrections, part)
                for agreement_id, value in corrected:
                    if agreement_id in found:
                        found[agreement_id] = list(value or [])
        return found

    def citing(self, numbers: Sequence[str]) -> dict[str, list[Citing]]:
        """Normalised number key -> the live agreements citing it, oldest stored first."""
        wanted = sorted(set(numbers))
        found: dict[str, list[Citing]] = {}
        c, k = AgreementRow, CitedKeyRow
        query = (
            select(k.key, c.id, c.doc_type, c.signed_date, c.expiry_date)
            .join(c, c.id == k.agreement_id)
            .where(_LIVE, k.key.in_(bindparam("keys", expanding=True)))
            .order_by(c.created_at, c.id)
        )
        with self.store.session() as s:
            for start in range(0, len(wanted), 500):
                rows = s.execute(query, {"keys": wanted[start : start + 500]}).all()
                for key, agreement_id, doc_type, signed, expiry in rows:
                    found.setdefault(key, []).append(Citing(agreement_id, doc_type, signed, expiry))
        return found
