"""Background jobs: OCR of uploaded scans and an editor's "OCR again", with progress.

An upload with more pages to OCR than NASKAH_OCR_INLINE_PAGES keeps its original in the
content-addressed file store and becomes a queued job row (store/jobs.py); `job_threads`
threads take queued jobs and read them in the extraction workers (search_api/workers.py),
writing "page k of n" to the row at most every PROGRESS_EVERY_S.

How jobs end:
- done: the agreement row is written only now (kind "add"), or the machine values of the
  agreement are replaced and its corrections kept (kind "ocr").
- failed: the file cannot be read (an IngestError: no retry), or its worker crashed or ran
  out of time `job_attempts` times, or out of memory once. The row keeps the error's code
  and message; an upload's refusal is also a `rejections` row, and its original is deleted
  (unless an agreement or another job still needs it): a failed upload stores nothing else.
- interrupted: a job stopped by a clean shutdown goes back to the queue with its attempt
  given back; one left running by a process that died is queued again at the next start
  with the attempt counted, so a file that kills the server is not retried forever.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Final

from ingest.errors import IngestError
from search_api.errors import ExtractionOutOfMemory, ExtractionStopped, NaskahError
from search_api.library import Library
from search_api.store.db import StoredAgreement
from search_api.store.files import sha256_of
from search_api.store.jobs import Job, JobStore
from search_api.workers import ExtractionCancelled, OcrNeeded

log = logging.getLogger(__name__)

# Job progress is written to its row at most this often (and at the first and last page).
PROGRESS_EVERY_S: Final = 0.5
# Threads look at the stop flag this often while the queue is empty.
IDLE_POLL_S: Final = 0.25
# Code and message of a job that met a bug of ours (its traceback is in the log).
BUG_CODE: Final = "internal_error"


class JobQueue:
    """Runs jobs on `threads` threads until `close`. Start with `start()` (the lifespan)."""

    def __init__(
        self, library: Library, *, threads: int = 1, attempts: int = 3, inline_pages: int = 1
    ) -> None:
        self.library = library
        self.jobs = JobStore(library.store)
        self.attempts = max(1, attempts)
        self.inline_pages = inline_pages
        self._size = max(1, threads)
        self._queue: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

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
        self.library.files.put(data)  # on disk (fsynced) before the row that names it
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
            job = self.jobs.claim(job_id)
            if job is None:  # queued twice, or finished meanwhile
                continue
            try:
                self._run(job)
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

    def _run(self, job: Job) -> None:
        started = time.monotonic()
        data = self.library.files.read(job.sha256)
        try:
            agreement = self.library.workers.extract(
                data,
                job.filename,
                languages=job.languages,
                ocr_all_pages=job.force_all,
                progress=self._progress_writer(job),
                cancel=self._stop,
            )
        except ExtractionCancelled:
            self.jobs.requeue(job.id, count_attempt=False)
            return
        except ExtractionStopped as exc:
            if job.attempts < self.attempts and not isinstance(exc, ExtractionOutOfMemory):
                log.warning(
                    "jobs job=%s step=retry attempt=%d code=%s", job.id, job.attempts, exc.code
                )
                self.jobs.requeue(job.id, count_attempt=True)
                self._queue.put(job.id)
                return
            self._fail(job, exc.code, str(exc))
            return
        except IngestError as exc:
            self._fail(job, exc.code, str(exc))
            return
        try:
            if job.kind == "ocr" and job.agreement_id is not None:
                stored = self.library.replace_extraction(job.agreement_id, agreement)
            else:
                stored, _ = self.library.add_extracted(data, agreement)
        except NaskahError as exc:  # the agreement was deleted while its OCR ran
            self._fail(job, exc.code, str(exc))
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

    def _progress_writer(self, job: Job) -> ProgressWriter:
        return ProgressWriter(self.jobs, job.id)

    def _fail(self, job: Job, code: str, message: str) -> None:
        self.jobs.fail(job.id, code, message)
        if job.kind != "add":
            return
        self.library.store.add_rejection(
            sha256=job.sha256, filename=job.filename, size=job.size, code=code, message=message
        )
        if not self.library.store.is_file_referenced(job.sha256) and (
            job.sha256 not in self.jobs.active_shas()
        ):
            self.library.files.remove(job.sha256)


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
