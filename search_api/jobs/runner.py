"""Background jobs: OCR of uploaded scans, of drafts to check, and an editor's "OCR again".

An upload with more pages to OCR than NASKAH_OCR_INLINE_PAGES keeps its original in the
content-addressed file store and becomes a queued job row (store/jobs.py); `job_threads`
threads take queued jobs and read them in the extraction workers (search_api/extraction/workers.py),
writing "page k of n" to the row at most every PROGRESS_EVERY_S.

A draft to check (kind "check", `check`) is read the same way but never stored: the routes
hold it in memory (agreements/checked_drafts.py), reserved under the job's id, and the job
fills it; its original leaves the file store when the job ends, however it ends. A check
job whose reservation is gone (a restart: memory is lost) fails at once, "check again".

How jobs end:
- done: the agreement row is written only now (kind "add"), or the machine values of the
  agreement are replaced and its corrections kept (kind "ocr"), or the draft is held for its
  check (kind "check").
- failed: the file cannot be read (an IngestError: no retry), or its worker crashed or ran
  out of time `job_attempts` times, or out of memory once. The row keeps the error's code
  and message; an upload's refusal is also a `rejections` row, and its original is deleted
  (unless an agreement or another job still needs it): a failed upload stores nothing else.
- cancelled: an editor cancelled it (`cancel`). A queued one is never read (the runner skips
  it); a running one has its worker stopped and replaced. Nothing is stored: an upload's
  original is deleted as for a failed one (no rejection row), an OCR again leaves the
  agreement as it was. Each running job has its own cancel event, set by `cancel` or by
  `close`; `_Running.is_cancel_requested` tells the two apart.
- interrupted: a job stopped by a clean shutdown goes back to the queue with its attempt
  given back; one left running by a process that died is queued again at the next start
  with the attempt counted, so a file that kills the server is not retried forever.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Final

from ingest.errors import IngestError
from search_api.agreements import CheckedDraft, CheckedDrafts, Library, VersionAdded
from search_api.errors import (
    ExtractionOutOfMemory,
    ExtractionStopped,
    JobNotCancellable,
    NaskahError,
    error_values,
)
from search_api.extraction import ExtractionCancelled, OcrNeeded
from search_api.store.db import StoredAgreement
from search_api.store.files import sha256_of
from search_api.store.jobs import Job, JobStore

log = logging.getLogger(__name__)

# Job progress is written to its row at most this often (and at the first and last page).
PROGRESS_EVERY_S: Final = 0.5
# Threads look at the stop flag this often while the queue is empty.
IDLE_POLL_S: Final = 0.25
# Code and message of a job that met a bug of ours (its traceback is in the log).
BUG_CODE: Final = "internal_error"
# How long `cancel` waits for a running job's worker to stop before answering anyway.
CANCEL_WAIT_S: Final = 5.0
# Code of a check job whose draft this process no longer holds (restarted meanwhile).
CHECK_LOST_CODE: Final = "check_interrupted"


@dataclass(slots=True)
class _Running:
    """A job a thread of ours is running: `cancel` stops its reading (set by `cancel` or by
    `close`), `ended` is set once the thread is done with it."""

    cancel: threading.Event = field(default_factory=threading.Event)
    ended: threading.Event = field(default_factory=threading.Event)
    is_cancel_requested: bool = False  # by an editor, not by shutdown


class JobQueue:
    """Runs jobs on `threads` threads until `close`. Start with `start()` (the lifespan)."""

    def __init__(
        self,
        library: Library,
        rows: JobStore,
        *,
        threads: int = 1,
        attempts: int = 3,
        inline_pages: int = 1,
        drafts: CheckedDrafts | None = None,
    ) -> None:
        """`rows`: the job rows, on the library's database; `drafts`: where drafts checked
        are held (a new, empty holder by default)."""
        self.library = library
        self.jobs = rows
        self.drafts = drafts if drafts is not None else CheckedDrafts()
        self.attempts = max(1, attempts)
        self.inline_pages = inline_pages
        self._size = max(1, threads)
        self._queue: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        # claims and cancels are decided under this lock, so a job is cancelled either while
        # queued (and never claimed) or while registered here as running
        self._lock = threading.Lock()
        self._running: dict[str, _Running] = {}

    # -- asking for work ----------------------------------------------------------------------

    def add(self, data: bytes, filename: str) -> tuple[StoredAgreement, bool] | Job:
        """An upload: (agreement, created) when read at once, else its queued job.

        The same file again answers the stored agreement, or the job already on it. Raises
        as Library.add does when the file is refused while it is read.
        """
        outcome = self.library.add_unless_ocr(data, filename, inline_pages=self.inline_pages)
        if not isinstance(outcome, OcrNeeded):
            return outcome
        sha256 = sha256_of(data)
        running = self.jobs.active_for(sha256, "add")
        if running is not None:
            log.info("jobs file=%s step=dedupe job=%s", filename, running.id)
            return running
        self.library.keep_original(data)  # on disk (fsynced) before the row that names it
        job = self.jobs.create(
            kind="add",
            sha256=sha256,
            filename=filename,
            size=len(data),
            languages="ind+eng",
            pages=outcome.pages,
        )
        self._queue.put(job.id)
        return job

    def add_version(self, agreement_id: str, data: bytes, filename: str) -> VersionAdded | Job:
        """A new file of a stored agreement: the new version when read at once, else its
        queued job (kind "version"). Raises as Library.add_version does."""
        outcome = self.library.add_version_unless_ocr(
            agreement_id, data, filename, inline_pages=self.inline_pages
        )
        if not isinstance(outcome, OcrNeeded):
            return outcome
        sha256 = sha256_of(data)
        running = self.jobs.active_for(sha256, "version")
        if running is not None and running.agreement_id == agreement_id:
            log.info("jobs file=%s step=dedupe job=%s", filename, running.id)
            return running
        self.library.keep_original(data)  # on disk (fsynced) before the row that names it
        job = self.jobs.create(
            kind="version",
            sha256=sha256,
            filename=filename,
            size=len(data),
            languages="ind+eng",
            pages=outcome.pages,
            agreement_id=agreement_id,
        )
        self._queue.put(job.id)
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
        job that reads it by OCR (the draft is held under its id when it is done). `pasted`:
        `data` is a DOCX made of pasted text, which is not kept for saving. Raises what
        WorkerPool.extract raises when the file cannot be read; no rejection is recorded."""
        outcome = self.library.workers.extract_unless_ocr(
            data, filename, inline_pages=self.inline_pages
        )
        kept = None if pasted else data
        if not isinstance(outcome, OcrNeeded):
            return self.drafts.hold(
                owner=owner, filename=filename, data=kept, agreement=outcome, kind=kind
            )
        self.library.keep_original(data)  # on disk (fsynced) before the row that names it
        job = self.jobs.create(
            kind="check",
            sha256=sha256_of(data),
            filename=filename,
            size=len(data),
            languages="ind+eng",
            pages=outcome.pages,
        )
        self.drafts.hold(
            owner=owner, filename=filename, data=kept, agreement=None, kind=kind, draft_id=job.id
        )
        self._queue.put(job.id)
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
        self._queue.put(job.id)
        return job

    def cancel(self, job_id: str, *, wait_s: float = CANCEL_WAIT_S) -> Job:
        """Cancel a queued or running job and answer it. A queued job is cancelled at once; a
        running one's worker is stopped and the job answered once it has ended, or after
        `wait_s` still running (it ends cancelled moments later). Raises JobNotFound, and
        JobNotCancellable for a job that has ended or is storing its result."""
        with self._lock:
            running = self._running.get(job_id)
            if running is not None:
                running.is_cancel_requested = True
                running.cancel.set()
            elif self.jobs.cancel(job_id, state="queued"):
                job = self.jobs.get(job_id)
                self.drafts.drop(job.id)
                self._discard(job)
                return job
        if running is None:
            state = self.jobs.get(job_id).state  # raises JobNotFound
            raise JobNotCancellable(job_id, state)
        log.info("jobs job=%s step=cancel requested", job_id)
        running.ended.wait(wait_s)
        return self.jobs.get(job_id)

    def get(self, job_id: str) -> Job:
        return self.jobs.get(job_id)

    def recent(self, limit: int = 50) -> list[Job]:
        return self.jobs.recent(limit)

    # -- running ------------------------------------------------------------------------------

    def start(self) -> None:
        """Queue again what a stopped process left running, queue what waits, start threads."""
        for job in self.jobs.interrupted():
            if job.attempts >= self.attempts:
                self._fail(
                    job,
                    "extraction_interrupted",
                    f"{job.filename}: reading stopped {job.attempts} times because the server "
                    "stopped while reading it. Split the file or scan it again, and upload that.",
                    {"file_name": job.filename, "attempts": job.attempts},
                )
            else:
                log.warning("jobs job=%s step=restart attempts=%d", job.id, job.attempts)
                self.jobs.requeue(job.id, count_attempt=True)
        for job_id in self.jobs.queued():
            self._queue.put(job_id)
        for number in range(self._size):
            thread = threading.Thread(target=self._serve, name=f"naskah-job-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info("jobs step=start threads=%d queued=%d", self._size, self._queue.qsize())

    def close(self) -> None:
        """Stop: a job being read goes back to the queue (its worker is stopped)."""
        self._stop.set()
        with self._lock:
            for running in self._running.values():
                running.cancel.set()
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        log.info("jobs step=stop")

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                job_id = self._queue.get(timeout=IDLE_POLL_S)
            except queue.Empty:
                continue
            with self._lock:
                job = self.jobs.claim(job_id)
                if job is None:  # queued twice, cancelled, or finished meanwhile
                    continue
                running = self._running[job.id] = _Running()
                if self._stop.is_set():  # close() began before the job was registered
                    running.cancel.set()
            try:
                self._run(job, running)
            except Exception as exc:  # noqa: BLE001
                # a bug of ours must not leave the job running for ever nor end the thread;
                # the traceback is logged, the job says where to look
                log.exception("jobs job=%s step=run failed", job.id)
                self._fail(
                    job,
                    BUG_CODE,
                    f"{job.filename}: reading failed on an error in naskah ({type(exc).__name__}). "
                    "The server log has the details; report it to the administrator.",
                )
            finally:
                self._settle(job.id)
                running.ended.set()

    def _settle(self, job_id: str) -> bool:
        """The job is no longer cancellable; whether an editor asked to cancel it."""
        with self._lock:
            running = self._running.pop(job_id, None)
        return running is not None and running.is_cancel_requested

    def _run(self, job: Job, running: _Running) -> None:
        started = time.monotonic()
        if job.kind == "check" and not self.drafts.is_waiting(job.id):
            self._settle(job.id)
            self._fail(
                job,
                CHECK_LOST_CODE,
                f"{job.filename}: the check stopped because the server restarted while it "
                "waited. Check the draft again.",
            )
            return
        data = self.library.original(job.sha256)
        try:
            agreement = self.library.workers.extract(
                data,
                job.filename,
                languages=job.languages,
                ocr_all_pages=job.force_all,
                progress=self._progress_writer(job),
                cancel=running.cancel,
            )
        except (ExtractionCancelled, ExtractionStopped, IngestError) as exc:
            if self._settle(job.id):
                self._end_cancelled(job)
            else:
                self._stopped(job, exc)
            return
        if self._settle(job.id):  # cancelled as the worker answered: store nothing
            self._end_cancelled(job)
            return
        if job.kind == "check":
            held = self.drafts.fill(job.id, agreement)
            self._discard(job)
            self.jobs.finish(job.id, None)
            log.info(
                "jobs job=%s kind=check step=done held=%s pages=%d in %.2fs",
                job.id,
                held,
                job.pages,
                time.monotonic() - started,
            )
            return
        try:
            if job.kind == "ocr" and job.agreement_id is not None:
                stored = self.library.replace_extraction(job.agreement_id, agreement)
            elif job.kind == "version" and job.agreement_id is not None:
                stored = self.library.add_version_extracted(
                    job.agreement_id, data, agreement
                ).stored
            else:
                stored, _ = self.library.add_extracted(data, agreement)
        except NaskahError as exc:  # the agreement was deleted while its OCR ran
            self._fail(job, exc.code, str(exc), error_values(exc))
            return
        self.jobs.finish(job.id, stored.id)
        log.info(
            "jobs job=%s kind=%s step=done agreement=%s pages=%d in %.2fs",
            job.id,
            job.kind,
            stored.id,
            job.pages,
            time.monotonic() - started,
        )

    def _stopped(
        self, job: Job, exc: ExtractionCancelled | ExtractionStopped | IngestError
    ) -> None:
        """A job whose reading ended without an agreement and was not cancelled."""
        if isinstance(exc, ExtractionCancelled):  # the server is stopping: read it next time
            self.jobs.requeue(job.id, count_attempt=False)
            return
        is_retried = isinstance(exc, ExtractionStopped) and not isinstance(
            exc, ExtractionOutOfMemory
        )
        if is_retried and job.attempts < self.attempts:
            log.warning("jobs job=%s step=retry attempt=%d code=%s", job.id, job.attempts, exc.code)
            self.jobs.requeue(job.id, count_attempt=True)
            self._queue.put(job.id)
            return
        self._fail(job, exc.code, str(exc), error_values(exc))

    def _progress_writer(self, job: Job) -> ProgressWriter:
        return ProgressWriter(self.jobs, job.id)

    def _fail(
        self, job: Job, code: str, message: str, values: dict[str, Any] | None = None
    ) -> None:
        # Clean up first, the failure shown last: whoever sees the job failed finds nothing of
        # it left (this job is still active meanwhile, so _discard looks past it).
        if job.kind == "check":  # a draft: only its user hears why, nothing is recorded
            self._discard(job)
            self.jobs.fail(job.id, code, message, values or {"file_name": job.filename})
            self.drafts.fail(job.id, code, message)
            return
        if job.kind != "ocr":
            self.library.reject(
                sha256=job.sha256, filename=job.filename, size=job.size, code=code, message=message
            )
            self._discard(job)
        self.jobs.fail(job.id, code, message, values or {"file_name": job.filename})

    def _end_cancelled(self, job: Job) -> None:
        self.drafts.drop(job.id)
        self._discard(job)
        self.jobs.cancel(job.id, state="running")
        log.info("jobs job=%s kind=%s step=cancelled", job.id, job.kind)

    def _discard(self, job: Job) -> None:
        """Delete an upload's, a new version's or a draft's original once its job ended
        without storing it, unless an agreement, a version or another queued or running job
        still needs it. An OCR again's original is its agreement's: kept."""
        if job.kind == "ocr":
            return
        if job.sha256 not in self.jobs.active_shas(excluding=job.id):
            self.library.forget_original(job.sha256, excluding_job=job.id)


class ProgressWriter:
    """progress(k, n) for the workers: writes the job row, at most every PROGRESS_EVERY_S."""

    def __init__(self, jobs: JobStore, job_id: str) -> None:
        self.jobs = jobs
        self.job_id = job_id
        self._written = 0.0

    def __call__(self, page: int, pages: int) -> None:
        now = time.monotonic()
        if page in (0, pages) or now - self._written >= PROGRESS_EVERY_S:
            self.jobs.progress(self.job_id, page, pages)
            self._written = now
