"""Job workers: claim jobs from the store with a lease and run them (search_api/store/jobs.py).

A JobRunner is one worker: `threads` threads that claim the oldest claimable job
(`JobStore.claim_next`), read its original in the extraction workers
(search_api/extraction/workers.py) and store what comes out, writing "page k of n" to the row
at most every PROGRESS_EVERY_S. A heartbeat renews the lease of every job it runs; a runner
whose process is killed stops renewing, and once the lease passes another runner (in this
process or another, on this machine or another sharing the database) takes the job over with
the attempt counted. Every effect is fenced: before storing an agreement the runner renews its
lease, and finish, fail and requeue write only while the row still names this runner, so a
runner whose job was taken over stores nothing and ends nothing. An upload's agreement is also
stored at most once whatever happens (the store finds its file's sha256 already stored).

`naskah serve` runs its runners in its own process (NASKAH_WORKERS, default 1), sharing the
web process's drafts; `naskah worker` runs one in a process of its own at lower CPU priority.

How jobs end:
- done: the agreement row is written only now (kind "add"), or the machine values of the
  agreement are replaced and its corrections kept (kind "ocr"), or the draft is held for its
  check (kind "check": filled in the drafts this runner shares with the web process, or,
  when another web process holds the draft, kept in the row for it to take,
  search_api/jobs/queue.py; a draft whose web process restarted meanwhile is gone, and its
  user is told the check is not found, as for any draft a restart forgot).
- failed: the file cannot be read (an IngestError: no retry), or its worker crashed or ran
  out of time `attempts` times, or out of memory once, or the runner reading it died
  `attempts` times. The row keeps the error's code and message; an upload's refusal is also a
  `rejections` row, and its original is deleted (unless an agreement or another job still
  needs it): a failed upload stores nothing else.
- cancelled: an editor cancelled it. A queued one is never claimed; a running one has its
  extraction stopped (at once in this process, at the next heartbeat in another). Nothing is
  stored: an upload's original is deleted as for a failed one (no rejection row), an OCR
  again leaves the agreement as it was.
- interrupted: a job stopped by a clean shutdown (SIGTERM, `close`) goes back to the queue
  with its attempt given back; one whose runner died is taken over once its lease passes.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from sqlalchemy.exc import OperationalError

from ingest.errors import IngestError
from search_api.agreements import CheckedDrafts, Library
from search_api.errors import (
    ExtractionOutOfMemory,
    ExtractionStopped,
    NaskahError,
    error_values,
)
from search_api.extraction import ExtractionCancelled, answer_of
from search_api.store.jobs import Job, JobStore

log = logging.getLogger(__name__)

T = TypeVar("T")

# Job progress is written to its row at most this often (and at the first and last page).
PROGRESS_EVERY_S: Final = 0.5
# The heartbeat renews leases this often at most (a third of the lease at least), and so
# sees an editor's cancel from another process within that time.
HEARTBEAT_S: Final = 1.0
# Code and message of a job that met a bug of ours (its traceback is in the log).
BUG_CODE: Final = "internal_error"
# Code of a job whose runner died (killed, out of power) on every attempt.
INTERRUPTED_CODE: Final = "extraction_interrupted"


def worker_name() -> str:
    """A name no other runner has: host, pid and a random part (a pid is reused)."""
    return f"{socket.gethostname()[:48]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(slots=True)
class _Running:
    """A job a thread of ours runs: `cancel` stops its reading (an editor's cancel, the
    runner closing, or the lease lost), `ended` is set once the thread is done with it."""

    job: Job
    cancel: threading.Event = field(default_factory=threading.Event)
    ended: threading.Event = field(default_factory=threading.Event)
    is_cancel_requested: bool = False  # by an editor, not by shutdown
    is_lost: bool = False  # another runner took the job over: write nothing
    is_settled: bool = False  # storing its result: no longer cancellable


class JobRunner:
    """A worker of `threads` threads running jobs until `close`. Start with `start()`."""

    def __init__(
        self,
        library: Library,
        rows: JobStore,
        *,
        threads: int = 1,
        attempts: int = 3,
        lease_s: float = 30.0,
        poll_s: float = 1.0,
        drafts: CheckedDrafts | None = None,
        name: str | None = None,
    ) -> None:
        """`drafts`: the web process's drafts, when this runner runs in it (check jobs are
        filled there); None in a process of its own (their results go to the job row)."""
        self.library = library
        self.jobs = rows
        self.drafts = drafts
        self.attempts = max(1, attempts)
        self.lease_s = lease_s
        self.poll_s = poll_s
        self.name = name or worker_name()
        self._size = max(1, threads)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._running: dict[str, _Running] = {}
        self._unreachable_since: float | None = None

    def start(self) -> None:
        for number in range(self._size):
            thread = threading.Thread(target=self._serve, name=f"naskah-job-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)
        beat = threading.Thread(target=self._heartbeat, name="naskah-job-heartbeat", daemon=True)
        beat.start()
        self._threads.append(beat)
        log.info("jobs step=start worker=%s threads=%d", self.name, self._size)

    def nudge(self) -> None:
        """A job was queued in this process: look now instead of at the next poll."""
        self._wake.set()

    def close(self) -> None:
        """Stop: a job being read goes back to the queue, its attempt given back."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            for running in self._running.values():
                running.cancel.set()
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        log.info("jobs step=stop worker=%s", self.name)

    def is_alive(self) -> bool:
        """Every thread started is still running (none died of a bug)."""
        return bool(self._threads) and all(t.is_alive() for t in self._threads)

    def is_idle(self) -> bool:
        with self._lock:
            return not self._running

    def cancel(self, job_id: str) -> threading.Event | None:
        """Stop this running job if a thread of ours runs it and it is not storing its
        result yet; the event set once it has ended, or None if we do not run it."""
        with self._lock:
            running = self._running.get(job_id)
            if running is None or running.is_settled:
                return None
            running.is_cancel_requested = True
            running.cancel.set()
            return running.ended

    def is_settling(self, job_id: str) -> bool:
        """A thread of ours is storing this job's result (too late to cancel)."""
        with self._lock:
            running = self._running.get(job_id)
            return running is not None and running.is_settled

    # -- the threads ----------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                job = self.jobs.claim_next(self.name, lease_s=self.lease_s)
            except OperationalError as exc:
                # the database restarting or out of reach: look again, do not end the thread
                self._unreachable("claim", exc)
                self._stop.wait(self.poll_s)
                continue
            self._reachable()
            if job is None:
                self._wake.wait(self.poll_s)
                self._wake.clear()
                continue
            running = _Running(job)
            with self._lock:
                self._running[job.id] = running
                if self._stop.is_set():  # close() began before the job was registered
                    running.cancel.set()
                if job.cancel_requested:  # cancelled between its claim and now
                    running.is_cancel_requested = True
                    running.cancel.set()
            try:
                self._run(job, running)
            except OperationalError as exc:
                # the database went out of reach mid-job: nothing of it can be written now,
                # and the reading is lost; the job goes back to the queue once the database is
                # back, its attempt given back (an outage is not the file's fault)
                self._unreachable(f"run job={job.id}", exc)
                self._give_back(job)
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
                with self._lock:
                    self._running.pop(job.id, None)
                running.ended.set()

    def _unreachable(self, step: str, exc: OperationalError) -> None:
        """Log the first failure of an outage as a warning, the next ones for debugging."""
        with self._lock:
            first = self._unreachable_since is None
            if first:
                self._unreachable_since = time.monotonic()
        if first:
            log.warning(
                "jobs step=%s worker=%s database unavailable, retrying every %.1fs: %s",
                step,
                self.name,
                self.poll_s,
                exc,
            )
        else:
            log.debug("jobs step=%s worker=%s database still unavailable: %s", step, self.name, exc)

    def _reachable(self) -> None:
        with self._lock:
            since, self._unreachable_since = self._unreachable_since, None
        if since is not None:
            log.warning(
                "jobs worker=%s database reachable again after %.1fs",
                self.name,
                time.monotonic() - since,
            )

    def _until_reachable(self, step: str, call: Callable[[], T]) -> T:
        """`call()`, tried again every poll while the database is out of reach (until the
        runner stops: then the last OperationalError is raised)."""
        while True:
            try:
                result = call()
            except OperationalError as exc:
                self._unreachable(step, exc)
                if self._stop.wait(self.poll_s):
                    raise
                continue
            self._reachable()
            return result

    def _give_back(self, job: Job) -> None:
        """A job whose run met an outage back to the queue, its attempt given back, once the
        database answers (if the runner stops first, the lease passes and another runner
        takes the job, counting the attempt)."""
        try:
            back = self._until_reachable(
                f"requeue job={job.id}",
                lambda: self.jobs.requeue(job.id, count_attempt=False, worker=self.name),
            )
        except OperationalError:
            return
        if back:
            self._wake.set()

    def _heartbeat(self) -> None:
        every = max(0.05, min(HEARTBEAT_S, self.lease_s / 3))
        while not self._stop.wait(every):
            with self._lock:
                running = list(self._running.values())
            for item in running:
                try:
                    lease = self.jobs.renew(item.job.id, self.name, lease_s=self.lease_s)
                except OperationalError as exc:
                    # not renewed this time; if the lease passes meanwhile, the job is lost
                    # and the next renew says so
                    log.warning(
                        "jobs job=%s step=heartbeat database unavailable: %s", item.job.id, exc
                    )
                    continue
                if lease == "lost":
                    log.warning("jobs job=%s step=heartbeat lease lost: stopping", item.job.id)
                    item.is_lost = True
                    item.cancel.set()
                elif lease == "cancel":
                    with self._lock:
                        if not item.is_settled:
                            item.is_cancel_requested = True
                            item.cancel.set()

    # -- one job ---------------------------------------------------------------------------------

    def _settle(self, running: _Running) -> bool:
        """The job is no longer cancellable: whether it may store its result (neither
        cancelled nor lost). Renews the lease first, so what follows is fenced by it."""
        with self._lock:
            running.is_settled = True
            if running.is_cancel_requested or running.is_lost:
                return False
        # the file is read: wait for a database that is away rather than read it again
        lease = self._until_reachable(
            f"settle job={running.job.id}",
            lambda: self.jobs.renew(running.job.id, self.name, lease_s=self.lease_s),
        )
        if lease == "lost":
            running.is_lost = True
            return False
        if lease == "cancel":
            running.is_cancel_requested = True
            return False
        return True

    def _run(self, job: Job, running: _Running) -> None:
        started = time.monotonic()
        if job.attempts > self.attempts:  # its runner died on every attempt so far
            tries = job.attempts - 1
            self._fail(
                job,
                INTERRUPTED_CODE,
                f"{job.filename}: reading stopped {tries} times because the server or worker reading "
                "it stopped. Split the file or scan it again, and upload that.",
                {"file_name": job.filename, "attempts": tries},
            )
            return
        if running.cancel.is_set() and running.is_cancel_requested:
            self._end_cancelled(job)
            return
        data = self.library.original(job.sha256)
        try:
            agreement = self.library.workers.extract(
                data,
                job.filename,
                languages=job.languages,
                ocr_all_pages=job.force_all,
                progress=ProgressWriter(self.jobs, job.id, self.name),
                cancel=running.cancel,
            )
        except (ExtractionCancelled, ExtractionStopped, IngestError) as exc:
            self._stopped(job, running, exc)
            return
        if not self._settle(running):
            if running.is_lost:
                log.warning("jobs job=%s step=store skipped: taken over", job.id)
            else:
                self._end_cancelled(job)
            return
        if job.kind == "check":
            held = self.drafts is not None and self.drafts.fill(job.id, agreement)
            self._discard(job)
            self.jobs.finish(
                job.id, None, worker=self.name, result=None if held else answer_of(agreement)
            )
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
        if not self.jobs.finish(job.id, stored.id, worker=self.name):
            # taken over between the lease renewed and now: the one that took it finds the
            # agreement stored (its file's sha256) and ends the job
            log.warning("jobs job=%s step=done lost after storing %s", job.id, stored.id)
            return
        log.info(
            "jobs job=%s kind=%s step=done agreement=%s pages=%d in %.2fs",
            job.id,
            job.kind,
            stored.id,
            job.pages,
            time.monotonic() - started,
        )

    def _stopped(
        self,
        job: Job,
        running: _Running,
        exc: ExtractionCancelled | ExtractionStopped | IngestError,
    ) -> None:
        """A job whose reading ended without an agreement."""
        with self._lock:
            running.is_settled = True
        if running.is_lost:
            return  # another runner has it now
        if running.is_cancel_requested:
            self._end_cancelled(job)
            return
        if isinstance(exc, ExtractionCancelled):  # stopping: read it next time, attempt back
            self.jobs.requeue(job.id, count_attempt=False, worker=self.name)
            return
        is_retried = isinstance(exc, ExtractionStopped) and not isinstance(
            exc, ExtractionOutOfMemory
        )
        if is_retried and job.attempts < self.attempts:
            log.warning("jobs job=%s step=retry attempt=%d code=%s", job.id, job.attempts, exc.code)
            self.jobs.requeue(job.id, count_attempt=True, worker=self.name)
            self._wake.set()
            return
        self._fail(job, exc.code, str(exc), error_values(exc))

    def _fail(
        self, job: Job, code: str, message: str, values: dict[str, Any] | None = None
    ) -> None:
        # Only the runner holding the job ends it; clean up first, the failure shown last:
        # whoever sees the job failed finds nothing of it left (this job is still active
        # meanwhile, so _discard looks past it).
        if not self.jobs.holds(job.id, self.name):
            log.warning("jobs job=%s step=fail skipped: not held by %s", job.id, self.name)
            return
        if job.kind == "check":  # a draft: only its user hears why, nothing is recorded
            self._discard(job)
            self.jobs.fail(
                job.id, code, message, values or {"file_name": job.filename}, worker=self.name
            )
            if self.drafts is not None:
                self.drafts.fail(job.id, code, message)
            return
        if job.kind != "ocr":
            self.library.reject(
                sha256=job.sha256, filename=job.filename, size=job.size, code=code, message=message
            )
            self._discard(job)
        self.jobs.fail(
            job.id, code, message, values or {"file_name": job.filename}, worker=self.name
        )

    def _end_cancelled(self, job: Job) -> None:
        if not self.jobs.holds(job.id, self.name):
            return
        if self.drafts is not None:
            self.drafts.drop(job.id)
        discard(self.library, self.jobs, job)
        self.jobs.cancel(job.id, state="running", worker=self.name)
        log.info("jobs job=%s kind=%s step=cancelled", job.id, job.kind)

    def _discard(self, job: Job) -> None:
        discard(self.library, self.jobs, job)


def discard(library: Library, jobs: JobStore, job: Job) -> None:
    """Delete an upload's, a new version's or a draft's original once its job ended without
    storing it, unless an agreement, a version or another queued or running job still needs
    it. An OCR again's original is its agreement's: kept."""
    if job.kind == "ocr":
        return
    if job.sha256 not in jobs.active_shas(excluding=job.id):
        library.forget_original(job.sha256, excluding_job=job.id)


class ProgressWriter:
    """progress(k, n) for the workers: writes the job row, at most every PROGRESS_EVERY_S."""

    def __init__(self, jobs: JobStore, job_id: str, worker: str | None = None) -> None:
        self.jobs = jobs
        self.job_id = job_id
        self.worker = worker
        self._written = 0.0

    def __call__(self, page: int, pages: int) -> None:
        now = time.monotonic()
        if page in (0, pages) or now - self._written >= PROGRESS_EVERY_S:
            try:
                self.jobs.progress(self.job_id, page, pages, worker=self.worker)
            except OperationalError as exc:
                # "page k of n" is for the person watching: the reading goes on without it
                # while the database is away (storing the result waits for it)
                log.debug("jobs job=%s step=progress database unavailable: %s", self.job_id, exc)
                return
            self._written = now
