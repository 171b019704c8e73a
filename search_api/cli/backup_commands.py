"""`naskah backup [FILE]` and `naskah restore FILE`: one archive of the store, the originals
and a manifest, taken while `naskah serve` runs; its restore into an empty target."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from search_api.settings import Settings


def add_commands(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="write one archive of the database and the originals (server may run)"
    )
    backup.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="the archive to write; default: a dated one in NASKAH_BACKUP_DIR, keeping "
        "the newest NASKAH_BACKUP_KEEP",
    )
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="restore an archive into an empty data folder (or database); rebuilds the index",
    )
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from search_api.backup import back_up_data

    settings = Settings()
    target: Path | None = args.file
    if target is None:
        if settings.backup_dir is None:
            print(
                "naskah: backup needs a FILE, or NASKAH_BACKUP_DIR for a dated archive there",
                file=sys.stderr,
            )
            return 2
        from search_api.backup import back_up_dated

        manifest = back_up_dated(settings)
    else:
        if target.exists():
            print(
                f"naskah: {target}: backup refused, the file exists. Choose another name.",
                file=sys.stderr,
            )
            return 2
        manifest = back_up_data(settings, target)
    print(
        f"naskah: backup of {manifest.agreements} agreements, {len(manifest.originals)} "
        f"originals (schema {manifest.schema_revision}, {manifest.dialect}) written"
        + (f" to {target}" if target else "")
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from search_api.backup import restore

    archive: Path = args.file
    if not archive.is_file():
        print(f"naskah: {archive}: restore failed, no such file.", file=sys.stderr)
        return 2
    settings = Settings()
    done = restore(settings, archive, progress=lambda line: print(f"restore: {line}"))
    m = done.manifest
    age = datetime.now(UTC) - m.created_at
    print(
        f"naskah: restored {done.counts.get('agreements', 0)} agreements and "
        f"{len(m.originals)} originals from {archive.name} (taken {m.created_at:%Y-%m-%d %H:%M} "
        f"UTC, {age.days} days ago)"
    )
    for line in done.check_lines:
        print(line)
    print("naskah: consistent" if done.is_consistent else "naskah: drift found after restore")
    return 0 if done.is_consistent else 1
