"""Background extractions in the store: the rows of `jobs` and their state changes.

A job is queued, then running (attempts counted as it starts), then done (with its agreement),
failed (with the error code and message a user reads) or cancelled (by an editor). Nothing here
runs anything (search_api/jobs/runner.py).

Workers, maybe in several processes and on several machines sharing the database, claim jobs
with a lease (`claim_next`): the row names the worker (`claimed_by`) and holds until
`lease_until`, which the worker's heartbeat renews (`renew`) while the job runs. A running job
whose lease has passed belongs to a worker that died: the next `claim_next` takes it over and
counts the attempt. Every effect of a running job (progress, finish, fail, requeue, cancel) is
written only while the row still names the worker that writes it, so a worker whose lease was
taken over changes nothing. On PostgreSQL the candidate row is locked with
`FOR UPDATE SKIP LOCKED`, so workers claiming at once pass each other by instead of waiting;
on both engines the claim itself is one conditional UPDATE whose row count says who won.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal

from sqlalchemy import ColumnElement, CursorResult, Result, and_, or_, select, update

from search_api.errors import JobNotFound
from search_api.store.db import Store
from search_api.store.models import JobRow

log = logging.getLogger(__name__)

JobKind = Literal["add", "ocr", "check", "version"]
JobState = Literal["queued", "running", "done", "failed", "cancelled"]
ACTIVE: Final = ("queued", "running")
# What a worker's heartbeat finds: its lease renewed, an editor's cancel, or the job lost
# (taken over by another worker after the lease passed, or ended meanwhile).
Lease = Literal["held", "cancel", "lost"]
# Tries of `claim_next` when other workers win the candidate rows it picked.
CLAIM_TRIES: Final = 5


@dataclass(frozen=True, slots=True)
class Job:
    """One background extraction. `page` of `pages`: pages OCR has finished; `agreement_id`
    is the agreement made (kind "add", when done), re-read (kind "ocr") or given a new file
    (kind "version"); a draft read for its check (kind "check") makes none. `values` are what
    a failed job's error carries (for the UI)."""

    id: str
    kind: JobKind
    state: JobState
    sha256: str
    filename: str
    size: int
    languages: str
    force_all: bool
    agreement_id: str | None
    page: int
    pages: int
    attempts: int
    code: str | None
    message: str | None
    created_at: datetime
    updated_at: datetime
    values: dict[str, Any] | None = None
    claimed_by: str | None = None
    lease_until: datetime | None = None
    cancel_requested: bool = False
    result: dict[str, Any] | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def _job(row: JobRow) -> Job:
    kinds: dict[str, JobKind] = {"add": "add", "ocr": "ocr", "check": "check", "version": "version"}
    kind = kinds.get(row.kind, "add")
    states: dict[str, JobState] = {
        "queued": "queued",
        "running": "running",
        "done": "done",
        "failed": "failed",
        "cancelled": "cancelled",
    }
    return Job(
        id=row.id,
        kind=kind,
        state=states[row.state],
        sha256=row.sha256,
        filename=row.filename,
        size=row.size,
        languages=row.languages,
        force_all=row.force_all,
        agreement_id=row.agreement_id,
        page=row.page,
        pages=row.pages,
        attempts=row.attempts,
        code=row.code,
        message=row.message,
        created_at=row.created_at,
        updated_at=row.updated_at,
        values=row.values,
        claimed_by=row.claimed_by,
        lease_until=row.lease_until,
        cancel_requested=bool(row.cancel_requested),
        result=row.result,
    )


def _count(result: Result[Any]) -> int:
    """Rows an UPDATE changed."""
    return result.rowcount if isinstance(result, CursorResult) else 0


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Queued, or running under a lease that has passed (or was never given: a row left
    running before leases existed)."""
    return or_(
        JobRow.state == "queued",
        and_(
            JobRow.state == "running",
            or_(JobRow.lease_until.is_(None), JobRow.lease_until < now),
        ),
    )


def _held_by(worker: str | None) -> ColumnElement[bool]:
    """The fence of a running job's effects: the row still names `worker` (None: any)."""
    if worker is None:
        return JobRow.id.is_not(None)
    return JobRow.claimed_by == worker


class JobStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def create(
        self,
        *,
        kind: JobKind,
        sha256: str,
        filename: str,
        size: int,
        languages: str,
        pages: int = 0,
        force_all: bool = False,
        agreement_id: str | None = None,
    ) -> Job:
        now = _now()
        row = JobRow(
            id=uuid.uuid4().hex,
            kind=kind,
            state="queued",
            sha256=sha256,
            filename=filename[:512],
            size=size,
            languages=languages,
            force_all=force_all,
            agreement_id=agreement_id,
            page=0,
            pages=pages,
            attempts=0,
            created_at=now,
            updated_at=now,
            cancel_requested=False,
        )
        with self.store.session() as s:
            s.add(row)
        log.info("jobs step=create job=%s kind=%s pages=%d", row.id, kind, pages)
        return _job(row)

    def get(self, job_id: str) -> Job:
        """The job; raises JobNotFound."""
        with self.store.session() as s:
            row = s.get(JobRow, job_id)
            if row is None:
                raise JobNotFound(job_id)
            return _job(row)

    def recent(self, limit: int = 50) -> list[Job]:
        """The latest jobs, newest first."""
        with self.store.session() as s:
            rows = s.scalars(
                select(JobRow).order_by(JobRow.created_at.desc(), JobRow.id).limit(limit)
            ).all()
            return [_job(row) for row in rows]

    def active_for(self, sha256: str, kind: JobKind) -> Job | None:
        """A queued or running job of `kind` on this file, if there is one."""
        with self.store.session() as s:
            row = s.scalar(
                select(JobRow)
                .where(JobRow.sha256 == sha256, JobRow.kind == kind, JobRow.state.in_(ACTIVE))
                .order_by(JobRow.created_at)
                .limit(1)
            )
            return _job(row) if row else None

    def active_shas(self, *, excluding: str | None = None) -> set[str]:
        """The originals that queued or running jobs (but `excluding`) will read (kept on disk
        meanwhile)."""
        query = select(JobRow.sha256).where(JobRow.state.in_(ACTIVE))
        if excluding is not None:
            query = query.where(JobRow.id != excluding)
        with self.store.session() as s:
            return set(s.scalars(query))

    def queued(self) -> list[str]:
        """Ids of the queued jobs, oldest first."""
        with self.store.session() as s:
            return list(
                s.scalars(
                    select(JobRow.id).where(JobRow.state == "queued").order_by(JobRow.created_at)
                )
            )

    def claim(
        self, job_id: str, *, worker: str | None = None, lease_s: float | None = None
    ) -> Job | None:
        """Claim this job if it is claimable (queued, or running under a passed lease) and
        count the attempt; None if it is not. Without `lease_s` the claim has no lease (what
        a process that dies leaves: claimable again at once)."""
        return self._claim(job_id, worker=worker, lease_s=lease_s)

    def claim_next(
        self, worker: str, *, lease_s: float, kinds: Collection[str] | None = None
    ) -> Job | None:
        """Claim the oldest claimable job (of `kinds`, default any) for `worker` until
        `lease_s` from now, counting the attempt; None when there is none."""
        for _ in range(CLAIM_TRIES):
            with self.store.session() as s:
                query = (
                    select(JobRow.id)
                    .where(_claimable(_now()))
                    .order_by(JobRow.created_at, JobRow.id)
                    .limit(1)
                )
                if kinds is not None:
                    query = query.where(JobRow.kind.in_(list(kinds)))
                if s.get_bind().dialect.name == "postgresql":
                    query = query.with_for_update(skip_locked=True)
                job_id = s.scalar(query)
            if job_id is None:
                return None
            claimed = self._claim(job_id, worker=worker, lease_s=lease_s)
            if claimed is not None:
                return claimed
            # another worker took it between the look and the claim: look again
        return None

    def _claim(self, job_id: str, *, worker: str | None, lease_s: float | None) -> Job | None:
        now = _now()
        until = None if lease_s is None else now + timedelta(seconds=lease_s)
        with self.store.session() as s:
            won = _count(
                s.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id, _claimable(now))
                    .values(
                        state="running",
                        attempts=JobRow.attempts + 1,
                        page=0,
                        claimed_by=worker,
                        lease_until=until,
                        updated_at=now,
                    )
                    .execution_options(synchronize_session=False)
                )
            )
            if won != 1:
                return None
            row = s.get(JobRow, job_id, populate_existing=True)
            assert row is not None
            claimed = _job(row)
        log.info("jobs step=claim job=%s attempt=%d worker=%s", job_id, claimed.attempts, worker)
        return claimed

    def renew(self, job_id: str, worker: str, *, lease_s: float) -> Lease:
        """The heartbeat: the lease of `worker` on its running job, until `lease_s` from now;
        "cancel" when an editor asked to cancel it, "lost" when the job is no longer this
        worker's (taken over, or ended)."""
        now = _now()
        with self.store.session() as s:
            held = _count(
                s.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id, JobRow.state == "running", _held_by(worker))
                    .values(lease_until=now + timedelta(seconds=lease_s))
                    .execution_options(synchronize_session=False)
                )
            )
            if held != 1:
                return "lost"
            cancel = s.scalar(select(JobRow.cancel_requested).where(JobRow.id == job_id))
        return "cancel" if cancel else "held"

    def request_cancel(self, job_id: str) -> bool:
        """Ask the worker running this job to cancel it (seen at its next heartbeat); False
        if the job is not running."""
        with self.store.session() as s:
            asked = _count(
                s.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id, JobRow.state == "running")
                    .values(cancel_requested=True)
                    .execution_options(synchronize_session=False)
                )
            )
        return asked == 1

    def progress(self, job_id: str, page: int, pages: int, *, worker: str | None = None) -> None:
        with self.store.session() as s:
            s.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == "running", _held_by(worker))
                .values(page=page, pages=pages, updated_at=_now())
                .execution_options(synchronize_session=False)
            )

    def requeue(self, job_id: str, *, count_attempt: bool, worker: str | None = None) -> bool:
        """A running job back in the queue; without `count_attempt` (the server stopped it,
        not the file) the attempt it was on is given back. False if it is not `worker`'s."""
        with self.store.session() as s:
            attempts = JobRow.attempts if count_attempt else JobRow.attempts - 1
            done = _count(
                s.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id, JobRow.state == "running", _held_by(worker))
                    .values(
                        state="queued",
                        attempts=attempts,
                        page=0,
                        claimed_by=None,
                        lease_until=None,
                        updated_at=_now(),
                    )
                    .execution_options(synchronize_session=False)
                )
            )
        log.info("jobs step=requeue job=%s counted=%s done=%s", job_id, count_attempt, done == 1)
        return done == 1

    def holds(self, job_id: str, worker: str) -> bool:
        """Whether `worker` still holds this running job (checked before storing its result)."""
        with self.store.session() as s:
            return (
                s.scalar(
                    select(JobRow.id).where(
                        JobRow.id == job_id, JobRow.state == "running", _held_by(worker)
                    )
                )
                is not None
            )

    def finish(
        self,
        job_id: str,
        agreement_id: str | None,
        *,
        worker: str | None = None,
        result: dict[str, Any] | None = None,
    ) -> bool:
        """Done, with its agreement (or a check's `result`); False if the job is not
        `worker`'s any more (nothing written)."""
        with self.store.session() as s:
            done = _count(
                s.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id, JobRow.state == "running", _held_by(worker))
                    .values(
                        state="done",
                        agreement_id=agreement_id,
                        page=JobRow.pages,
                        lease_until=None,
                        result=result,
                        updated_at=_now(),
                    )
                    .execution_options(synchronize_session=False)
                )
            )
        if done != 1:
            self.get(job_id)  # raises JobNotFound
            log.warning("jobs step=done job=%s lost: not held by %s", job_id, worker)
            return False
        log.info("jobs step=done job=%s agreement=%s", job_id, agreement_id)
        return True

    def fail(
        self,
        job_id: str,
        code: str,
        message: str,
        values: dict[str, Any] | None = None,
        *,
        worker: str | None = None,
    ) -> bool:
        """Failed with the error a user reads; False if the job is not `worker`'s any more."""
        with self.store.session() as s:
            query = update(JobRow).where(JobRow.id == job_id, _held_by(worker))
            if worker is not None:
                query = query.where(JobRow.state == "running")
            done = _count(
                s.execute(
                    query.values(
                        state="failed",
                        code=code[:64],
                        message=message,
                        values=values,
                        lease_until=None,
                        updated_at=_now(),
                    ).execution_options(synchronize_session=False)
                )
            )
        if done != 1:
            self.get(job_id)  # raises JobNotFound
            log.warning("jobs step=failed job=%s lost: not held by %s", job_id, worker)
            return False
        log.info("jobs step=failed job=%s code=%s", job_id, code)
        return True

    def cancel(self, job_id: str, *, state: JobState, worker: str | None = None) -> bool:
        """End the job as cancelled if it is still in `state` (queued: no worker will claim
        it; running: its reading was stopped, by `worker`). False if it is not (claimed or
        ended meanwhile)."""
        with self.store.session() as s:
            changed = (
                _count(
                    s.execute(
                        update(JobRow)
                        .where(JobRow.id == job_id, JobRow.state == state, _held_by(worker))
                        .values(state="cancelled", lease_until=None, updated_at=_now())
                        .execution_options(synchronize_session=False)
                    )
                )
                == 1
            )
        if changed:
            log.info("jobs step=cancelled job=%s was=%s", job_id, state)
        return changed
