"""create_app(settings) -> FastAPI. Nothing is opened at import; the lifespan opens and closes."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Final

from fastapi import FastAPI

from search_api.accounts import Accounts
from search_api.agreements import Library, open_library, open_store
from search_api.backup import Backups, keep_backing_up
from search_api.errors import install_handlers
from search_api.http import BodyLimit, RefusalPages, forbidden, refused_form
from search_api.jobs import JobQueue, JobStore
from search_api.logs import configure_logging
from search_api.register import keep_completeness, refresh_completeness
from search_api.reminders import Reminders, ReminderStore, keep_reminding
from search_api.routers import ROUTERS
from search_api.settings import Settings

log = logging.getLogger(__name__)

# How often the server purges what has been in the trash longer than NASKAH_TRASH_DAYS.
TRASH_PURGE_EVERY_S: Final = 3600.0
# How often the server looks whether a scheduled backup is due (NASKAH_BACKUP_EVERY_HOURS).
BACKUP_LOOK_EVERY_S: Final = 600.0
# How often a web process other than the first looks for a new commit of the embedded index
# (one stat of a file): an upload through one process is found through the others this much
# after the first applied it.
READER_FOLLOW_S: Final = 0.25
# How often the first web process looks for synonyms changed through another (one query).
SYNONYMS_LOOK_S: Final = 2.0


def purge_trash(library: Library, accounts: Accounts, days: float) -> int:
    """Purge what has been in the trash longer than `days`, each audited; how many."""
    purged = library.purge_expired(days)
    for item in purged:
        accounts.audit(
            None,
            "trash.purge",
            item.stored.id,
            f"days={days:g}; title={item.stored.agreement.title}",
        )
    return len(purged)


def keep_trash_purged(
    library: Library, accounts: Accounts, days: float, stop: threading.Event
) -> None:
    """At start and then every TRASH_PURGE_EVERY_S until `stop`: purge the expired trash."""
    while True:
        purge_trash(library, accounts, days)
        if stop.wait(TRASH_PURGE_EVERY_S):
            return


def index_follow_s(settings: Settings) -> float:
    """How often pending index changes are applied: every job poll on the embedded index
    (workers of other processes leave theirs to its one writer, here), else the retry period
    (Meilisearch takes every process's writes)."""
    if not settings.meili_url:
        return min(settings.index_retry_s, settings.job_poll_s)
    return settings.index_retry_s


def create_app(settings: Settings | None = None, *, is_first: bool = True) -> FastAPI:
    """The app over `settings`. With NASKAH_WEB_PROCESSES above 1 the first process
    (`is_first`) writes the embedded index and runs the jobs (NASKAH_WORKERS) and the timed
    duties (trash, Kelengkapan, reminders, backups); the others answer requests, read
    uploads at once like it, search their own reader of the index (following the first's
    commits within READER_FOLLOW_S) and leave their index changes pending for it."""
    settings = settings or Settings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # one database for the three use-cases; the library closes it
        store = open_store(settings)
        library = open_library(settings, store=store, writes_index=is_first)
        app.state.library = library
        accounts = app.state.accounts = Accounts(
            store, session_hours=settings.session_hours, data_dir=settings.data_dir
        )
        app.state.settings = settings
        if settings.workers > 0:  # a web-only process reads no file: its pool stays unstarted
            library.workers.start()
        # NASKAH_WORKERS job workers in this process (0: a web process only, `naskah worker`
        # processes read every upload and run the reminders and scheduled backups)
        job_queue = JobQueue(
            library,
            JobStore(store),
            threads=settings.job_threads,
            attempts=settings.job_attempts,
            inline_pages=settings.ocr_inline_pages,
            runners=settings.workers if is_first else 0,
            lease_s=settings.job_lease_s,
            poll_s=settings.job_poll_s,
            reads_inline=settings.workers > 0,
        )
        app.state.jobs = job_queue
        job_queue.start()
        runs_jobs = settings.workers > 0 and is_first
        stop = threading.Event()
        follower = threading.Thread(
            target=library.keep_index_in_step if is_first else library.follow_other_processes,
            # workers and web processes beside this one leave their index changes to the
            # embedded index's one writer, the first: applied within a poll of their end;
            # the others follow its commits
            args=(stop, index_follow_s(settings) if is_first else READER_FOLLOW_S),
            name="naskah-index-retry" if is_first else "naskah-index-follow",
            daemon=True,
        )
        follower.start()
        # the first process takes up synonyms changed through the others
        synonyms = threading.Thread(
            target=library.follow_other_processes,
            args=(stop, SYNONYMS_LOOK_S, SYNONYMS_LOOK_S),
            name="naskah-synonyms-follow",
            daemon=True,
        )
        if is_first and settings.web_processes > 1:
            synonyms.start()
        purger = threading.Thread(
            target=keep_trash_purged,
            args=(library, accounts, settings.trash_days, stop),
            name="naskah-trash-purge",
            daemon=True,
        )
        if is_first:
            purger.start()
        completer = threading.Thread(
            target=keep_completeness,
            args=(lambda: refresh_completeness(library), stop),
            name="naskah-completeness",
            daemon=True,
        )
        if is_first:
            completer.start()
        reminders = app.state.reminders = Reminders(library, ReminderStore(store), settings)
        reminder = threading.Thread(
            target=keep_reminding,
            args=(reminders.send_due, stop),
            kwargs={
                "first_s": settings.reminder_first_check_s,
                "every_s": settings.reminder_check_hours * 3600,
            },
            name="naskah-reminders",
            daemon=True,
        )
        if runs_jobs:
            reminder.start()
        backups = app.state.backups = Backups(store, settings)
        backer = threading.Thread(
            target=keep_backing_up,
            args=(backups.take_if_due, stop),
            kwargs={
                "first_s": settings.backup_first_check_s,
                "every_s": BACKUP_LOOK_EVERY_S,
            },
            name="naskah-backups",
            daemon=True,
        )
        if settings.backup_dir is not None and runs_jobs:
            backer.start()
        log.info("app step=start data_dir=%s", settings.data_dir)
        try:
            yield
        finally:
            stop.set()
            for thread in (follower, synonyms, purger, completer):
                if thread.is_alive():
                    thread.join()
            if reminder.is_alive():
                reminder.join()
            if backer.is_alive():
                backer.join()
            job_queue.close()
            library.close()
            log.info("app step=stop")

    app = FastAPI(
        title="naskah",
        summary="Store and search Indonesian cooperation agreements (MoU, PKS, addenda)",
        lifespan=lifespan,
        # our own routes (routers/api_docs.py), which declare who may open them
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.refusal_pages = RefusalPages(forbidden=forbidden, refused_form=refused_form)
    install_handlers(app)
    app.add_middleware(BodyLimit, limit_mb=settings.max_upload_mb)
    for router in ROUTERS:
        app.include_router(router)
    return app
