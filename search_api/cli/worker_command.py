"""naskah worker: a process that claims and runs background jobs, below the web's priority.

It claims jobs from the store with a lease (search_api/jobs/runner.py): uploads of a web
process started with NASKAH_WORKERS=0, scans to OCR, OCR again, drafts to check; and it runs
the expiry reminders (each claimed in the store, sent once) and the scheduled backups (one
process at a time, a lock in NASKAH_BACKUP_DIR). Several workers may share one database (on
PostgreSQL, each job is claimed once: FOR UPDATE SKIP LOCKED), one originals folder and one
Meilisearch. On the embedded index a worker leaves index changes pending in the store for the
`naskah serve` owning the index. SIGTERM or Ctrl-C stop it: a job being read goes back to the
queue with its attempt given back.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from types import FrameType
from typing import Any, Final

from search_api.settings import Settings

log = logging.getLogger(__name__)

# The main thread looks at the stop flag this often (a signal handler sets it).
STOP_LOOK_S: Final = 0.5


def add_command(subparsers: Any) -> None:
    worker = subparsers.add_parser(
        "worker",
        help="claim and run background jobs (uploads, OCR, reminders, scheduled backups)",
    )
    worker.add_argument("--threads", type=int, help="jobs at once; default NASKAH_JOB_THREADS")
    worker.set_defaults(handler=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    from search_api.agreements import open_library, open_store, open_workers
    from search_api.app import BACKUP_LOOK_EVERY_S
    from search_api.backup import Backups, keep_backing_up
    from search_api.jobs import JobRunner, JobStore
    from search_api.reminders import Reminders, ReminderStore, keep_reminding

    settings = Settings()
    niceness = os.nice(max(0, settings.worker_nice))
    # the extraction processes start from this one, already below the web's priority
    settings = settings.model_copy(update={"worker_nice": 0})
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("worker step=stop signal=%s", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    store = open_store(settings)
    # Meilisearch takes every process's writes; the embedded index has one writer (serve's)
    library = open_library(
        settings,
        open_workers(settings, is_idle=settings.worker_idle),
        store=store,
        with_index=bool(settings.meili_url),
    )
    library.workers.start()
    runner = JobRunner(
        library,
        JobStore(store),
        threads=args.threads or settings.job_threads,
        attempts=settings.job_attempts,
        lease_s=settings.job_lease_s,
        poll_s=settings.job_poll_s,
    )
    runner.start()
    reminders = Reminders(library, ReminderStore(store), settings)
    duties = [
        threading.Thread(
            target=keep_reminding,
            args=(reminders.send_due, stop),
            kwargs={
                "first_s": settings.reminder_first_check_s,
                "every_s": settings.reminder_check_hours * 3600,
            },
            name="naskah-reminders",
            daemon=True,
        )
    ]
    if settings.backup_dir is not None:
        duties.append(
            threading.Thread(
                target=keep_backing_up,
                args=(Backups(store, settings).take_if_due, stop),
                kwargs={"first_s": settings.backup_first_check_s, "every_s": BACKUP_LOOK_EVERY_S},
                name="naskah-backups",
                daemon=True,
            )
        )
    for duty in duties:
        duty.start()
    print(
        f"naskah: worker {runner.name} running jobs at nice {niceness}; "
        "stop with Ctrl-C or SIGTERM",
        file=sys.stderr,
        flush=True,
    )
    alive = settings.worker_alive_file
    try:
        while not stop.wait(STOP_LOOK_S):
            if alive is not None and runner.is_alive():
                alive.touch()
    finally:
        stop.set()
        runner.close()  # a job being read goes back to the queue
        for duty in duties:
            duty.join()
        library.close()
    print(f"naskah: worker {runner.name} stopped", file=sys.stderr, flush=True)
    return 0
