"""naskah extract | eval | serve | import | reindex. Prints one line on failure, never a traceback."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from ingest.errors import IngestError
from search_api.cli import (
    account_commands,
    backup_commands,
    check_command,
    extract_commands,
    worker_command,
)
from search_api.errors import NaskahError
from search_api.logs import configure_logging
from search_api.settings import Settings

log = logging.getLogger(__name__)

SUFFIXES = {".pdf", ".docx"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="naskah", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)

    # -- registration point: `naskah extract` and `naskah eval` live in extract_commands.py ----------
    extract_commands.add_commands(subparsers)

    serve = subparsers.add_parser("serve", help="run the API (and UI) on the embedded index")
    serve.add_argument("--host", help="default NASKAH_HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, help="default NASKAH_PORT or 8000")
    serve.set_defaults(handler=run_serve)

    bulk = subparsers.add_parser("import", help="add every PDF and DOCX under a folder")
    bulk.add_argument("directory", type=Path)
    bulk.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    bulk.set_defaults(handler=run_import)

    reindex = subparsers.add_parser("reindex", help="rebuild the search index from the store")
    reindex.add_argument("--batch", type=int, default=200, help="agreements per index commit")
    reindex.set_defaults(handler=run_reindex)

    reminders = subparsers.add_parser("reminders", help="expiry reminders by e-mail")
    reminder_commands = reminders.add_subparsers(dest="reminders_command", required=True)
    send = reminder_commands.add_parser("send", help="send the reminders due today, once each")
    send.add_argument("--dry-run", action="store_true", help="list what is due, send nothing")
    send.set_defaults(handler=run_reminders_send)

    # -- registration point: `naskah worker` lives in worker_command.py ---------------------------
    worker_command.add_command(subparsers)

    # -- registration point: `naskah check` lives in check_command.py -----------------------------
    check_command.add_command(subparsers)

    # -- registration point: `naskah backup` and `naskah restore` live in backup_commands.py -----
    backup_commands.add_commands(subparsers)

    # -- registration point: `naskah user` and `naskah token` live in account_commands.py ----------
    account_commands.add_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # extract/eval talk to a person at a terminal: only warnings unless --verbose
    configure_logging(getattr(args, "log_level", None) or Settings().log_level)
    try:
        code: int = args.handler(args)
    except (NaskahError, IngestError) as exc:
        print(f"naskah: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("naskah: interrupted", file=sys.stderr)
        return 130
    return code


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from search_api.app import create_app

    settings = Settings()
    host = args.host or settings.host
    port = args.port or settings.port
    print(
        f"naskah: serving on http://{host}:{port}  (API docs: http://{host}:{port}/docs)",
        flush=True,
    )
    link = account_commands.setup_link(settings, f"http://{host}:{port}")
    if link:
        print(
            f"naskah: no user yet. Create the first admin at {link}\n"
            f"        (valid once, for {settings.setup_link_minutes:.0f} minutes), "
            "or run `naskah user add NAME --role admin`.",
            flush=True,
        )
    if settings.web_processes > 1:
        from search_api.cli.web_processes import serve_processes

        return serve_processes(settings, host, port)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
    return 0


def run_reindex(args: argparse.Namespace) -> int:
    from search_api.agreements import open_library

    started = time.perf_counter()
    library = open_library(Settings())
    try:
        done = library.reindex(batch=args.batch, progress=_progress("reindex"))
    finally:
        library.close()
    print(f"\nnaskah: reindexed {done} agreements in {time.perf_counter() - started:.1f}s")
    return 0


def run_reminders_send(args: argparse.Namespace) -> int:
    """Send what is due now (each reminder once: recorded in the store, as the server's own
    daily check does) and print what was sent; with --dry-run only list it."""
    from search_api.agreements import open_library, open_store
    from search_api.reminders import Reminders, ReminderStore

    settings = Settings()
    store = open_store(settings)
    library = open_library(settings, store=store)
    try:
        reminders = Reminders(library, ReminderStore(store), settings)
        if args.dry_run:
            due = reminders.due(date.today())
            for outgoing in due:
                row = outgoing.reminder.row
                print(
                    f"due  {row.id}  {row.title or row.filename}  -> {', '.join(outgoing.to.recipients) or '(no recipient)'}"
                )
            print(f"naskah: {len(due)} reminders due, none sent (--dry-run)")
            return 0
        results = reminders.send_due()
    finally:
        library.close()
    failed = 0
    for result in results:
        row = result.outgoing.reminder.row
        name = row.title or row.filename
        if result.outcome == "sent":
            print(f"sent   {row.id}  {name}  -> {', '.join(result.outgoing.to.recipients)}")
        elif result.outcome == "failed":
            failed += 1
            print(f"failed {row.id}  {name}: {result.error}")
    print(f"naskah: {sum(r.outcome == 'sent' for r in results)} sent, {failed} failed")
    return 1 if failed else 0


def run_import(args: argparse.Namespace) -> int:
    """Extract in worker processes (`--workers` of them), store and index as each finishes
    (search_api/agreements/importer.py); safe to rerun and to kill."""
    from search_api.agreements import import_files, open_library, open_workers

    directory: Path = args.directory
    if not directory.is_dir():
        print(f"naskah: {directory}: import failed, not a folder.", file=sys.stderr)
        return 2
    paths = sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    workers = max(1, args.workers)
    settings = Settings().model_copy(update={"extract_workers": workers})
    pool = open_workers(settings)
    # The workers import the extraction code while this process opens the store and index.
    warming = threading.Thread(target=pool.start, name="start-workers", daemon=True)
    warming.start()
    try:
        library = open_library(settings, pool)
    except BaseException:
        warming.join()
        pool.close()
        raise
    try:
        summary = import_files(library, paths, workers=workers, progress=_progress("import"))
    finally:
        warming.join()  # so that close stops every worker it started
        library.close()
    print(
        f"\nnaskah: {len(paths)} files: {summary.added} added, {summary.already} already stored, "
        f"{len(summary.failed)} failed"
    )
    for name, reason in sorted(summary.failed.items()):
        print(f"  FAILED {name}: {reason}")
    return 1 if summary.failed else 0


def _progress(label: str) -> Callable[[int, int], None]:
    started = time.perf_counter()

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        rate = done / max(time.perf_counter() - started, 1e-9)
        print(
            f"\r{label} [{bar}] {done}/{total} ({rate:.1f}/s)", end="", file=sys.stderr, flush=True
        )

    return show
