"""`naskah check [--repair] [--verify-files]`: drift between store, originals and index."""

from __future__ import annotations

import argparse
from typing import Any

from search_api.settings import Settings


def add_command(subparsers: Any) -> None:
    check = subparsers.add_parser(
        "check", help="compare the store with the originals on disk and the index; repair"
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="index what is missing, drop what is extra, remove orphaned files, purge what "
        "has been in the trash longer than NASKAH_TRASH_DAYS",
    )
    check.add_argument(
        "--verify-files", action="store_true", help="also re-hash every original on disk"
    )
    check.add_argument(
        "--grace-minutes",
        type=float,
        default=10.0,
        help="leave files younger than this alone (an upload may be in flight); default 10",
    )
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Exit 0 when consistent (after repairs), 1 when drift is left."""
    from search_api.accounts import Accounts
    from search_api.agreements import check, open_library, open_store
    from search_api.jobs import JobStore

    settings = Settings()
    store = open_store(settings)
    library = open_library(settings, store=store)
    try:
        report = check(
            library,
            JobStore(store),
            repair=args.repair,
            verify_files=args.verify_files,
            grace_s=args.grace_minutes * 60,
            trash_days=settings.trash_days,
        )
        accounts = Accounts(store, session_hours=settings.session_hours, data_dir=settings.data_dir)
        for item in report.purged:
            title = item.stored.agreement.title
            accounts.audit(
                "cli", "trash.purge", item.stored.id, f"days={settings.trash_days:g}; title={title}"
            )
    finally:
        library.close()
    for line in report.lines():
        print(line)
    print(
        "naskah: consistent"
        if report.is_consistent
        else "naskah: drift found" + ("" if args.repair else "; run `naskah check --repair`")
    )
    return 0 if report.is_consistent else 1
