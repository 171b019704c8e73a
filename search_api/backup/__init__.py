"""Backups: one archive of the store's database (a consistent copy taken while the server
runs), the originals and a manifest; its restore into an empty target; the scheduled ones.

archive.py   back_up (write an archive), verify, restore (originals, database, index, check)
rotation.py  Backups: the dated archives of NASKAH_BACKUP_DIR, the last failure, the schedule
"""

from search_api.backup.archive import (
    Manifest,
    Restored,
    back_up,
    back_up_data,
    occupied,
    read_manifest,
    restore,
    verify,
)
from search_api.backup.rotation import (
    Archive,
    Backups,
    Failure,
    archive_name,
    back_up_dated,
    keep_backing_up,
)

__all__ = [
    "Archive",
    "Backups",
    "Failure",
    "archive_name",
    "back_up_dated",
    "keep_backing_up",
    "Manifest",
    "Restored",
    "back_up",
    "back_up_data",
    "occupied",
    "read_manifest",
    "restore",
    "verify",
]
