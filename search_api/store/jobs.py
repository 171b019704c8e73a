"""Background extractions in the store: the rows of `jobs` and their state changes.

A job is queued, then running (attempts counted as it starts), then done (with its agreement),
failed (with the error code and message a user reads) or cancelled (by an editor). A running job whose process
stopped is queued again at the next start; nothing here runs anything (search_api/jobs.py).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal

from sqlalchemy import select, update

from search_api.errors import JobNotFound
from search_api.store.db import Store
from search_api.store.models import JobRow

log = logging.getLogger(__name__)

JobKind = Literal["add", "ocr", "check", "version"]
JobState = Literal["queued", "running", "done", "failed", "cancelled"]
ACTIVE: Final = ("queued", "running")


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
    )


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

    def claim(self, job_id: str) -> Job | None:
        """Mark a queued job running and count the attempt; None if it is not queued."""
        with self.store.session() as s:
            row = s.get(JobRow, job_id, with_for_update=True)
            if row is None or row.state != "queued":
                return None
            row.state = "running"
            row.attempts += 1
            row.page = 0
            row.updated_at = _now()
            claimed = _job(row)
        log.info("jobs step=claim job=%s attempt=%d", job_id, claimed.attempts)
        return claimed

    def progress(self, job_id: str, page: int, pages: int) -> None:
        with self.store.session() as s:
            s.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == "running")
                .values(page=page, pages=pages, updated_at=_now())
            )

    def requeue(self, job_id: str, *, count_attempt: bool) -> None:
        """A running job back in the queue; without `count_attempt` (the server stopped it,
        not the file) the attempt it was on is given back."""
        with self.store.session() as s:
            attempts = JobRow.attempts if count_attempt else JobRow.attempts - 1
            s.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == "running")
                .values(state="queued", attempts=attempts, page=0, updated_at=_now())
            )
        log.info("jobs step=requeue job=%s counted=%s", job_id, count_attempt)

    def finish(self, job_id: str, agreement_id: str | None) -> None:
        with self.store.session() as s:
            row = s.get(JobRow, job_id)
            if row is None:
                raise JobNotFound(job_id)
            row.state = "done"
            row.agreement_id = agreement_id
            row.page = row.pages
            row.updated_at = _now()
        log.info("jobs step=done job=%s agreement=%s", job_id, agreement_id)

    def fail(
        self, job_id: str, code: str, message: str, values: dict[str, Any] | None = None
    ) -> None:
        with self.store.session() as s:
            row = s.get(JobRow, job_id)
            if row is None:
                raise JobNotFound(job_id)
            row.state = "failed"
            row.code = code[:64]
            row.message = message
            row.values = values
            row.updated_at = _now()
        log.info("jobs step=failed job=%s code=%s", job_id, code)

    def cancel(self, job_id: str, *, state: JobState) -> bool:
        """End the job as cancelled if it is still in `state` (queued: the runner will skip it;
        running: its reading was stopped). False if it is not (claimed or ended meanwhile)."""
        with self.store.session() as s:
            row = s.get(JobRow, job_id, with_for_update=True)
            changed = row is not None and row.state == state
            if row is not None and changed:
                row.state = "cancelled"
                row.updated_at = _now()
        if changed:
            log.info("jobs step=cancelled job=%s was=%s", job_id, state)
        return changed

    def interrupted(self) -> list[Job]:
        """Jobs left running by a process that stopped without finishing them (at start-up)."""
        with self.store.session() as s:
            rows = s.scalars(select(JobRow).where(JobRow.state == "running")).all()
            return [_job(row) for row in rows]
