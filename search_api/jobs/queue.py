"""Asking for background jobs: the web process's side (the runners are in runner.py).

An upload with more pages to OCR than NASKAH_OCR_INLINE_PAGES keeps its original in the
content-addressed file store and becomes a queued job row (store/jobs.py) that a runner
claims. With `reads_inline=False` (NASKAH_WORKERS=0: a web process only) nothing is read
here at all: every upload, new version and draft to check becomes a job for the workers, so
the web process spends its CPU on the requests people wait for.

A draft to check (kind "check") is read the same way but never stored: the routes hold it in
this process's memory (agreements/checked_drafts.py), reserved under the job's id. A runner
in this process fills it; one in another process leaves what it read in the job row, and the
draft is filled from there when it is next looked at (`_Drafts.get`, `get`).
"""

from __future__ import annotations

import logging
import time
from typing import Final

from search_api.agreements import CheckedDraft, CheckedDrafts, Library, VersionAdded
from search_api.errors import JobNotCancellable, JobNotFound
from search_api.extraction import OcrNeeded, agreement_of
from search_api.jobs.runner import JobRunner, discard
from search_api.store.db import StoredAgreement
from search_api.store.files import sha256_of
from search_api.store.jobs import Job, JobKind, JobStore

log = logging.getLogger(__name__)

# How long `cancel` waits for a running job's worker to stop before answering anyway.
CANCEL_WAIT_S: Final = 5.0
# How often `cancel` looks whether a job running in another process has ended.
CANCEL_POLL_S: Final = 0.1
# Pages of a job nobody counted yet (read by a worker, not here): unknown until OCR starts.
UNKNOWN_PAGES: Final = 0


class _Drafts(CheckedDrafts):
    """The drafts of this process, filled from the job row when a runner of another
    process read the draft (it cannot reach this memory)."""

    def __init__(self, jobs: JobStore) -> None:
        super().__init__()
        self._jobs = jobs

    def get(self, draft_id: str, owner: str) -> CheckedDraft:
        draft = super().get(draft_id, owner)
        if draft.is_waiting:
            self.take(draft_id)
            draft = super().get(draft_id, owner)
        return draft

    def take(self, draft_id: str) -> None:
        """Fill or fail a waiting draft from its job's row, if the job has ended."""
        try:
            job = self._jobs.get(draft_id)
        except JobNotFound:  # a draft read at once has no job
            return
        self.take_job(job)

    def take_job(self, job: Job) -> None:
        if job.kind != "check" or not self.is_waiting(job.id):
            return
        if job.state == "done" and job.result is not None:
            self.fill(job.id, agreement_of(job.result, job.filename, job.sha256))
        elif job.state == "failed":
            self.fail(job.id, job.code or "", job.message or "")
        elif job.state == "cancelled":
            self.drop(job.id)


class JobQueue:
    """Queues jobs and, unless `runners` is 0, runs them in this process. `start()` and
    `close()` in the lifespan."""

    def __init__(
        self,
        library: Library,
        rows: JobStore,
        *,
        threads: int = 1,
        attempts: int = 3,
        inline_pages: int = 1,
        runners: int = 1,
        lease_s: float = 30.0,
        poll_s: float = 1.0,
        reads_inline: bool | None = None,
    ) -> None:
        """`runners` JobRunners of `threads` threads each run jobs here (0: none, every
        upload is a job for `naskah worker` processes, nothing is read here). `reads_inline`
        (default: whether runners run here) reads an upload at once all the same: a web
        process beside the first of NASKAH_WEB_PROCESSES, whose runners take the jobs."""
        self.library = library
        self.jobs = rows
        self.drafts = _Drafts(rows)
        self.inline_pages = inline_pages
        self.reads_inline = runners > 0 if reads_inline is None else reads_inline
        self.runners = [
            JobRunner(
                library,
                rows,
                threads=threads,
                attempts=attempts,
                lease_s=lease_s,
                poll_s=poll_s,
                drafts=self.drafts,
            )
            for _ in range(max(0, runners))
        ]

    # -- asking for work ----------------------------------------------------------------------

    def add(self, data: bytes, filename: str) -> tuple[StoredAgreement, bool] | Job:
        """An upload: (agreement, created) when read at once, else its queued job.

        The same file again answers the stored agreement, or the job already on it. Raises
        as Library.add does when the file is refused while it is read, AgreementInTrash.
        """
        if self.reads_inline:
            outcome = self.library.add_unless_ocr(data, filename, inline_pages=self.inline_pages)
            if not isinstance(outcome, OcrNeeded):
                return outcome
            pages = outcome.pages
        else:
            existing = self.library.stored_file(sha256_of(data), filename)
            if existing is not None:
                return existing, False
            pages = UNKNOWN_PAGES
        return self._enqueue("add", data, filename, pages)

    def add_version(self, agreement_id: str, data: bytes, filename: str) -> VersionAdded | Job:
        """A new file of a stored agreement: the new version when read at once, else its
        queued job (kind "version"). Raises as Library.add_version does."""
        if self.reads_inline:
            outcome = self.library.add_version_unless_ocr(
                agreement_id, data, filename, inline_pages=self.inline_pages
            )
            if not isinstance(outcome, OcrNeeded):
                return outcome
            pages = outcome.pages
        else:
            self.library.check_version(agreement_id, data, filename)
            pages = UNKNOWN_PAGES
        return self._enqueue("version", data, filename, pages, agreement_id)

    def _enqueue(
        self, kind: JobKind, data: bytes, filename: str, pages: int, agreement_id: str | None = None
    ) -> Job:
        """The job reading `data` (the one already waiting for the same file, else a new one
        with the original kept first); `agreement_id` for a new version of that agreement."""
        sha256 = sha256_of(data)
        running = self.jobs.active_for(sha256, kind)
        if running is not None and (agreement_id is None or running.agreement_id == agreement_id):
            log.info("jobs file=%s step=dedupe job=%s", filename, running.id)
            return running
        self.library.keep_original(data)  # on disk (fsynced) before the row that names it
        job = self.jobs.create(
            kind=kind,
            sha256=sha256,
            filename=filename,
            size=len(data),
            languages="ind+eng",
            pages=pages,
            agreement_id=agreement_id,
        )
        self._nudge()
        return job

    def check(
        self,
        data: bytes,
        filename: str,
        *,
        owner: str,
        kind: str | None = None,
        pasted: bool = False,
    ) -> CheckedDraft | Job:
        """A draft to check, never stored: the draft held (read at once), else the queued
        job that reads it (the draft is held under its id when it is done). `pasted`:
        `data` is a DOCX made of pasted text, which is not kept for saving. Raises what
        WorkerPool.extract raises when the file cannot be read; no rejection is recorded."""
        kept = None if pasted else data
        pages = UNKNOWN_PAGES
        if self.reads_inline:
            outcome = self.library.workers.extract_unless_ocr(
                data, filename, inline_pages=self.inline_pages
            )
            if not isinstance(outcome, OcrNeeded):
                return self.drafts.hold(
                    owner=owner, filename=filename, data=kept, agreement=outcome, kind=kind
                )
            pages = outcome.pages
        self.library.keep_original(data)  # on disk (fsynced) before the row that names it
        job = self.jobs.create(
            kind="check",
            sha256=sha256_of(data),
            filename=filename,
            size=len(data),
            languages="ind+eng",
            pages=pages,
        )
        self.drafts.hold(
            owner=owner, filename=filename, data=kept, agreement=None, kind=kind, draft_id=job.id
        )
        self._nudge()
        return job

    def ocr_again(self, agreement_id: str, languages: str, *, all_pages: bool = False) -> Job:
        """A job that OCRs a stored agreement again in `languages` ('ind', 'eng', 'ind+eng'):
        pages without a usable text layer, or every page with `all_pages`. Raises
        AgreementNotFound."""
        stored = self.library.get(agreement_id)
        job = self.jobs.create(
            kind="ocr",
            sha256=stored.sha256,
            filename=stored.filename,
            size=stored.size,
            languages=languages,
            force_all=all_pages,
            agreement_id=agreement_id,
        )
        self._nudge()
        return job

    def cancel(self, job_id: str, *, wait_s: float = CANCEL_WAIT_S) -> Job:
        """Cancel a queued or running job and answer it. A queued job is cancelled at once; a
        running one's reading is stopped (at once by a runner of this process, at its next
        heartbeat by one of another) and the job answered once it has ended, or after
        `wait_s` still running (it ends cancelled moments later). Raises JobNotFound, and
        JobNotCancellable for a job that has ended or is storing its result."""
        for runner in self.runners:
            ended = runner.cancel(job_id)
            if ended is not None:
                log.info("jobs job=%s step=cancel requested", job_id)
                ended.wait(wait_s)
                return self.jobs.get(job_id)
        if self.jobs.cancel(job_id, state="queued"):
            job = self.jobs.get(job_id)
            self.drafts.drop(job.id)
            discard(self.library, self.jobs, job)
            return job
        job = self.jobs.get(job_id)  # raises JobNotFound
        if job.state != "running" or any(r.is_settling(job_id) for r in self.runners):
            raise JobNotCancellable(job_id, job.state)
        self.jobs.request_cancel(job_id)
        log.info("jobs job=%s step=cancel requested of worker %s", job_id, job.claimed_by)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            job = self.jobs.get(job_id)
            if job.state != "running":
                break
            time.sleep(CANCEL_POLL_S)
        self.drafts.take_job(job)
        return job

    def get(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        self.drafts.take_job(job)
        return job

    def recent(self, limit: int = 50) -> list[Job]:
        return self.jobs.recent(limit)

    # -- running ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start this process's runners (none: the jobs wait for `naskah worker`)."""
        for runner in self.runners:
            runner.start()
        log.info("jobs step=start runners=%d queued=%d", len(self.runners), len(self.jobs.queued()))

    def close(self) -> None:
        """Stop the runners: a job being read goes back to the queue."""
        for runner in self.runners:
            runner.close()

    def _nudge(self) -> None:
        for runner in self.runners:
            runner.nudge()
