"""Extraction in worker processes, so that a hostile file can only kill its own worker.

Each worker is a long-lived process forked from a forkserver that has `ingest` imported
(a replacement starts in milliseconds, and nothing is forked from a server with threads),
capped in address space with RLIMIT_AS and given one file at a time over a pipe. The parent
keeps the wall-clock limit: a worker past it is killed and replaced. The worker also arms
SIGALRM with its default action a little past the same limit, so even a worker whose
parent died stops by itself.

Workers answer in JSON, never pickle: a reader exploited by a file could otherwise send
the server a pickle that runs code. The parent trusts nothing of the answer but its shape,
and sets the file facts (name, sha256) itself. Before the answer a worker may send
messages: {"kind": "ocr", "pages": n} when OCR starts (the parent extends the deadline),
{"kind": "progress", "page": k, "pages": n} after each OCR'd page, and, for a task that
defers OCR, {"kind": "needs_ocr", "pages": n} instead of an answer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import logging
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Final, get_args

import ingest.errors
from ingest import OCR_LANGUAGES, extract_bytes
from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.model import (
    MEDIA_DOCX,
    MEDIA_IMAGES,
    MEDIA_PDF,
    Agreement,
    Doubt,
    DoubtCode,
    agreement_from_dict,
    doubt_from_dict,
    profile_from_dict,
)
from search_api.errors import ExtractionCrashed, ExtractionOutOfMemory, ExtractionTimedOut

log = logging.getLogger(__name__)

# Modules the forkserver imports once, so that every worker starts with them loaded.
PRELOAD: Final = ["ingest", "ingest.pipeline", "search_api.extraction.workers"]
# A worker is replaced after this many files: lxml and pypdf caches only ever grow.
TASKS_PER_WORKER: Final = 200
# The worker's own alarm fires this long after the parent's deadline (the parent acts first).
ALARM_GRACE_S: Final = 5
# An answer bigger than this is not an agreement (text is capped at Limits.max_chars).
MAX_ANSWER_BYTES: Final = 256 * 1024 * 1024
# How often a caller that may cancel is looked at while its worker reads.
CANCEL_POLL_S: Final = 0.25
_MEDIA_TYPES: Final = frozenset({MEDIA_PDF, MEDIA_DOCX, *MEDIA_IMAGES})
_INGEST_ERRORS: Final[dict[str, type[IngestError]]] = {
    name: cls
    for name, cls in inspect.getmembers(ingest.errors, inspect.isclass)
    if issubclass(cls, IngestError)
}


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """Wall clock and memory for one file.

    `timeout_s` covers reading and extraction; once OCR starts on n pages the worker gets
    `timeout_s + min(n * ocr_page_timeout_s, ocr_timeout_s)` more from that moment.
    """

    timeout_s: float = 60.0
    ocr_page_timeout_s: float = 30.0
    ocr_timeout_s: float = 1800.0
    memory_mb: int = 2048
    ingest: Limits = DEFAULT_LIMITS
    # added to the worker processes' niceness (NASKAH_WORKER_NICE): below the web's requests
    nice: int = 0
    # SCHED_IDLE for the worker processes (Linux, `naskah worker` with NASKAH_WORKER_IDLE):
    # they get a core only when nothing else wants it
    is_idle: bool = False
    # OpenMP threads Tesseract may use per worker (NASKAH_OCR_THREADS, OMP_THREAD_LIMIT)
    ocr_threads: int = 1

    def after_ocr_starts(self, pages: int) -> float:
        return self.timeout_s + min(pages * self.ocr_page_timeout_s, self.ocr_timeout_s)


@dataclass(frozen=True, slots=True)
class OcrNeeded:
    """The file has `pages` pages to OCR, more than `extract_unless_ocr` reads at once."""

    pages: int


class ExtractionCancelled(Exception):
    """The caller's `cancel` event was set while its file was read; the worker was replaced."""


# progress(k, n): the worker has OCR'd k of the n pages it reads
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class _Task:
    data: bytes
    filename: str
    ocr: bool
    limits: WorkerLimits
    languages: str = OCR_LANGUAGES
    ocr_all_pages: bool = False
    # with OCR of more pages than this ahead, answer needs_ocr instead (None: never)
    defer_ocr_over: int | None = None
    report_progress: bool = False


@dataclass(frozen=True, slots=True)
class _Caller:
    """What the parent does with a worker's messages, and when it gives up waiting."""

    progress: Progress | None = None
    cancel: threading.Event | None = None

    def is_cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.tasks = 0

    def stop(self) -> None:
        """Kill the worker and its process group (a pdftoppm it started dies with it)."""
        if self.process.is_alive() and self.process.pid is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:  # not yet its own group leader
                self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """`size` worker processes that extract agreements one file each at a time.

    Thread-safe: a caller waits for a free worker. Workers start on first use or `start()`.
    """

    def __init__(self, size: int, limits: WorkerLimits) -> None:
        self.size = max(1, size)
        self.limits = limits
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False

    def start(self) -> None:
        """Start every worker now (the server warms its pool at start-up)."""
        _limit_ocr_threads(self.limits.ocr_threads)
        with self._lock:
            missing = self.size - self._started
            self._started = self.size
        for _ in range(missing):
            self._idle.put(self._spawn())

    def extract(
        self,
        data: bytes,
        filename: str,
        *,
        ocr: bool = True,
        languages: str = OCR_LANGUAGES,
        ocr_all_pages: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Agreement:
        """Extract one agreement in a worker, OCR in `languages` (every page with
        `ocr_all_pages`); `progress(k, n)` is called on this thread as OCR reads pages.

        Raises what `ingest.extract_bytes` raises for the file, ExtractionTimedOut past the
        wall-clock limit, ExtractionOutOfMemory at the memory cap and ExtractionCrashed when
        the worker dies of a signal; ExtractionCancelled once `cancel` is set. A worker that
        exits otherwise met a bug: RuntimeError.
        """
        task = _Task(
            data,
            filename,
            ocr,
            self.limits,
            languages=languages,
            ocr_all_pages=ocr_all_pages,
            report_progress=progress is not None,
        )
        answer = self._answer(task, _Caller(progress, cancel))
        return _agreement(answer, data, filename, self.limits)

    def extract_unless_ocr(
        self, data: bytes, filename: str, *, inline_pages: int = 0
    ) -> Agreement | OcrNeeded:
        """The agreement of a file with at most `inline_pages` pages to OCR; OcrNeeded (after
        reading only) for one with more. Raises as `extract` does."""
        task = _Task(data, filename, True, self.limits, defer_ocr_over=inline_pages)
        answer = self._answer(task, _Caller())
        if answer.get("kind") == "needs_ocr":
            return OcrNeeded(int(answer["pages"]))
        return _agreement(answer, data, filename, self.limits)

    def _answer(self, task: _Task, caller: _Caller) -> dict[str, Any]:
        worker = self._acquire(caller)
        started = time.monotonic()
        try:
            answer = self._run(worker, task, caller)
        except BaseException:
            self._retire(worker)
            raise
        worker.tasks += 1
        if answer.get("kind") == "memory" or worker.tasks >= TASKS_PER_WORKER:
            self._retire(worker)
        else:
            self._idle.put(worker)
        log.info(
            "workers file=%s step=extract answer=%s in %.2fs",
            task.filename,
            answer.get("kind"),
            time.monotonic() - started,
        )
        return answer

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            worker.stop()

    # -- inside the parent --------------------------------------------------------------------

    def _acquire(self, caller: _Caller) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is closed")
            spawn = self._started < self.size
            if spawn:
                self._started += 1
        if spawn:
            return self._spawn()
        while True:
            try:
                worker = self._idle.get(timeout=CANCEL_POLL_S if caller.cancel else None)
                break
            except queue.Empty:
                if caller.is_cancelled():
                    raise ExtractionCancelled from None
        if not worker.process.is_alive():
            # killed while idle (from outside, or the kernel's OOM killer): use a fresh one
            log.warning("workers step=acquire worker %s had died: replaced", worker.process.pid)
            worker.stop()
            worker = self._spawn()
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Stop `worker` and put a fresh one in its place."""
        worker.stop()
        with self._lock:
            closed = self._closed
        if not closed:
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        _limit_ocr_threads(self.limits.ocr_threads)
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=serve,
            args=(
                child_end,
                self.limits.memory_mb * 1024 * 1024,
                self.limits.nice,
                self.limits.is_idle,
            ),
            name="naskah-extract",
            daemon=True,
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _run(self, worker: _Worker, task: _Task, caller: _Caller) -> dict[str, Any]:
        try:
            worker.conn.send(task)
        except (BrokenPipeError, ConnectionResetError):
            raise self._death(worker, task) from None
        limit = task.limits.timeout_s
        deadline = time.monotonic() + limit
        while True:
            if caller.is_cancelled():
                log.info("workers file=%s step=cancel worker %s", task.filename, worker.process.pid)
                raise ExtractionCancelled(task.filename)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                log.warning(
                    "workers file=%s step=timeout after %.0fs: worker %s killed",
                    task.filename,
                    limit,
                    worker.process.pid,
                )
                raise ExtractionTimedOut(task.filename, limit)
            # a caller that may cancel is looked at every CANCEL_POLL_S while its worker reads
            if not worker.conn.poll(min(remaining, CANCEL_POLL_S) if caller.cancel else remaining):
                continue
            try:
                raw = worker.conn.recv_bytes(MAX_ANSWER_BYTES)
            except (EOFError, ConnectionResetError, OSError):
                raise self._death(worker, task) from None
            answer = json.loads(raw)
            if not isinstance(answer, dict):
                raise RuntimeError(f"worker answered {type(answer).__name__}, not an object")
            kind = answer.get("kind")
            if kind == "ocr":
                pages = int(answer["pages"])
                limit = task.limits.after_ocr_starts(pages)
                deadline = time.monotonic() + limit
                continue
            if kind == "progress":
                if caller.progress is not None:
                    caller.progress(int(answer["page"]), int(answer["pages"]))
                continue
            return answer

    def _death(self, worker: _Worker, task: _Task) -> Exception:
        worker.process.join(5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            log.warning(
                "workers file=%s step=crash worker %s killed by %s",
                task.filename,
                worker.process.pid,
                name,
            )
            if -code == signal.SIGALRM:
                return ExtractionTimedOut(task.filename, task.limits.timeout_s)
            detail = f"the worker was killed by {name}"
            if -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
                detail += f", a crash or more than {task.limits.memory_mb} MB of memory"
            return ExtractionCrashed(task.filename, detail)
        # an exit that no signal caused is a bug of ours: its traceback is in the log above
        return RuntimeError(f"{task.filename}: the extraction worker exited with code {code}")


def _agreement(
    answer: dict[str, Any], data: bytes, filename: str, limits: WorkerLimits
) -> Agreement:
    return _decoded(answer, filename, hashlib.sha256(data).hexdigest(), limits)


def _decoded(answer: dict[str, Any], filename: str, sha256: str, limits: WorkerLimits) -> Agreement:
    kind = answer.get("kind")
    if kind == "memory":
        raise ExtractionOutOfMemory(filename, limits.memory_mb)
    if kind == "refused":
        raise _ingest_error(answer)
    if kind != "ok":
        raise RuntimeError(f"{filename}: the extraction worker answered {kind!r}")
    agreement = agreement_from_dict(answer["agreement"])
    spans = {str(k): (int(v[0]), int(v[1])) for k, v in answer["spans"].items()}
    clause_spans = [(int(s), int(e)) for s, e in answer["clause_spans"]]
    if agreement.source.media_type not in _MEDIA_TYPES or len(clause_spans) != len(
        agreement.clauses
    ):
        raise RuntimeError(f"{filename}: the extraction worker answered a malformed agreement")
    source = dataclasses.replace(agreement.source, filename=filename, sha256=sha256)
    clauses = [
        dataclasses.replace(clause, span=span)
        for clause, span in zip(agreement.clauses, clause_spans, strict=True)
    ]
    # outside the schema dict: the profile derived at assembly (the doubts are checked below)
    profile = answer.get("profile")
    return dataclasses.replace(
        agreement,
        source=source,
        clauses=clauses,
        text=str(answer["text"]),
        spans=spans,
        profile=profile_from_dict(profile) if isinstance(profile, dict) else None,
        doubts=_doubts(answer.get("doubts"), filename),
    )


_DOUBT_CODES: frozenset[str] = frozenset(get_args(DoubtCode))


def _doubts(raw: object, filename: str) -> tuple[Doubt, ...]:
    """The extractor's doubts as the worker sent them, each checked for its shape."""
    if not isinstance(raw, list):
        raise RuntimeError(f"{filename}: the extraction worker answered malformed doubts")
    doubts: list[Doubt] = []
    for item in raw:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("field"), str)
            and item.get("code") in _DOUBT_CODES
            and isinstance(item.get("detail", ""), str)
            and (item.get("item") is None or isinstance(item.get("item"), int))
        ):
            raise RuntimeError(f"{filename}: the extraction worker answered a malformed doubt")
        doubts.append(doubt_from_dict(item))
    return tuple(doubts)


def _ingest_error(answer: dict[str, Any]) -> IngestError:
    """The worker's IngestError, rebuilt as the same class with the same message and data."""
    cls = _INGEST_ERRORS.get(str(answer.get("error")), IngestError)
    error = cls.__new__(cls)
    Exception.__init__(error, str(answer.get("message", "")))
    attrs = answer.get("attrs")
    if isinstance(attrs, dict):
        error.__dict__.update({str(k): v for k, v in attrs.items()})
    return error


# -- inside the worker ----------------------------------------------------------------------


def lower_to_idle() -> bool:
    """Put the calling thread (and what it starts from now on) in SCHED_IDLE, Linux's
    lowest class: it runs when no other thread wants the core. Whether that was allowed
    (not on other systems, nor in a container that forbids it)."""
    if not hasattr(os, "sched_setscheduler") or not hasattr(os, "SCHED_IDLE"):
        return False
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except OSError as exc:
        log.info("workers step=idle not allowed: %s", exc)
        return False
    return True


def _limit_ocr_threads(threads: int) -> None:
    """OMP_THREAD_LIMIT for the forkserver the workers come from: libgomp reads it once, when
    Tesseract loads it (the forkserver preloads ingest), so it must be in the environment the
    forkserver starts with. One thread per OCR'd page leaves the other cores to the searches;
    several files are read at once by several workers instead."""
    os.environ["OMP_THREAD_LIMIT"] = str(max(1, threads))


def serve(conn: Connection, memory_bytes: int, nice: int = 0, is_idle: bool = False) -> None:  # noqa: FBT001, FBT002
    """A worker's life: cap memory, lower its CPU priority by `nice` (and to SCHED_IDLE with
    `is_idle`), then extract the files sent until the pipe closes."""
    os.setpgid(0, 0)  # its own process group, so that the parent can kill converters with it
    if nice > 0:
        # reading files is what people do not wait for at once: searches come first
        os.nice(nice)
    if is_idle:
        lower_to_idle()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the alarm ends the process, even in C code
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops us
    log.debug("workers step=start pid=%d memory_mb=%d", os.getpid(), memory_bytes >> 20)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if not isinstance(task, _Task):
            return
        answer = _extract(task, lambda message: conn.send_bytes(json.dumps(message).encode()))
        conn.send_bytes(json.dumps(answer).encode())
        if answer["kind"] == "memory":
            return


class _OcrDeferred(Exception):
    def __init__(self, pages: int) -> None:
        super().__init__(pages)
        self.pages = pages


def _extract(task: _Task, tell: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    def on_ocr(pages: int) -> None:
        if task.defer_ocr_over is not None and pages > task.defer_ocr_over:
            raise _OcrDeferred(pages)  # stops the pipeline before any page is OCR'd
        signal.alarm(int(task.limits.after_ocr_starts(pages)) + ALARM_GRACE_S)
        tell({"kind": "ocr", "pages": pages})

    def progress(page: int, pages: int) -> None:
        tell({"kind": "progress", "page": page, "pages": pages})

    signal.alarm(int(task.limits.timeout_s) + ALARM_GRACE_S)
    try:
        agreement = extract_bytes(
            task.data,
            task.filename,
            ocr=task.ocr,
            ocr_languages=task.languages,
            ocr_all_pages=task.ocr_all_pages,
            limits=task.limits.ingest,
            on_ocr=on_ocr,
            progress=progress if task.report_progress else None,
        )
    except _OcrDeferred as deferred:
        return {"kind": "needs_ocr", "pages": deferred.pages}
    except IngestError as exc:
        return {
            "kind": "refused",
            "error": type(exc).__name__,
            "message": str(exc),
            "attrs": {k: v for k, v in vars(exc).items() if isinstance(v, str | int | float)},
        }
    except MemoryError:
        return {"kind": "memory"}
    finally:
        signal.alarm(0)
    return answer_of(agreement)


def answer_of(agreement: Agreement) -> dict[str, Any]:
    """An agreement as JSON, everything the extraction found (text, spans, profile, doubts):
    a worker's answer, and a draft check's result kept in its job row (search_api/jobs/)."""
    return {
        "kind": "ok",
        "agreement": agreement.to_dict(),
        "text": agreement.text,
        "spans": {name: list(span) for name, span in agreement.spans.items()},
        "clause_spans": [list(clause.span) for clause in agreement.clauses],
        "profile": agreement.profile.to_dict() if agreement.profile else None,
        "doubts": [doubt.to_dict() for doubt in agreement.doubts],
    }


def agreement_of(answer: dict[str, Any], filename: str, sha256: str) -> Agreement:
    """The agreement of `answer_of`, checked for its shape as a worker's answer is, of the
    file `filename` with this sha256. Raises RuntimeError for a malformed one."""
    return _decoded(answer, filename, sha256, WorkerLimits())
