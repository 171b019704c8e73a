"""`naskah check`: compare the store with the originals on disk and with the index; repair.

The store is the source of truth. Drift it can repair: index entries missing or extra
(re-index or delete them), pending index changes (apply them), originals on disk without
a row and temporary files of unfinished writes (remove them, once older than a grace
period so that an upload in flight keeps its file). Drift it can only report: a row whose
original is missing or altered on disk. The originals of queued and running jobs are not
orphans: their rows are written when the job ends; nor are those of agreements in the trash
and of earlier versions. With `repair` and `trash_days`, what has been in the trash longer
is purged first, as the server does every hour.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from search_api.agreements.library import Library
from search_api.index.base import SearchQuery
from search_api.store.db import PendingChange, TrashItem
from search_api.store.jobs import JobStore

log = logging.getLogger(__name__)

_PAGE = 1000


@dataclass
class CheckReport:
    agreements: int = 0
    files: int = 0
    pending: int = 0
    missing_files: list[str] = field(default_factory=list)  # agreement ids
    # sha256 of originals missing for an agreement in the trash or an earlier version
    missing_kept: list[str] = field(default_factory=list)
    altered_files: list[str] = field(default_factory=list)  # agreement ids
    orphan_files: list[Path] = field(default_factory=list)
    leftovers: list[Path] = field(default_factory=list)
    missing_in_index: list[str] = field(default_factory=list)
    extra_in_index: list[str] = field(default_factory=list)
    index_listed: bool = True
    repaired: list[str] = field(default_factory=list)
    in_trash: int = 0
    purged: list[TrashItem] = field(default_factory=list)

    @property
    def is_consistent(self) -> bool:
        """True when nothing is left to repair or report."""
        return not (
            self.pending
            or self.missing_files
            or self.missing_kept
            or self.altered_files
            or self.orphan_files
            or self.leftovers
            or self.missing_in_index
            or self.extra_in_index
        )

    def lines(self) -> list[str]:
        out = [
            f"store: {self.agreements} agreements, {self.in_trash} in the trash; originals "
            f"on disk: {self.files}; pending index changes: {self.pending}"
        ]
        for label, items in (
            ("original missing for agreement", self.missing_files),
            ("original missing of a version or an agreement in the trash", self.missing_kept),
            ("original altered on disk for agreement", self.altered_files),
            ("original without a row", [str(p) for p in self.orphan_files]),
            ("unfinished write", [str(p) for p in self.leftovers]),
            ("not in the index: agreement", self.missing_in_index),
            ("in the index but not the store: agreement", self.extra_in_index),
        ):
            out.extend(f"  {label} {item}" for item in items)
        if not self.index_listed:
            out.append("  the index could not list every agreement; compared counts only")
        out.extend(f"  repaired: {item}" for item in self.repaired)
        return out


def check(
    library: Library,
    jobs: JobStore,
    *,
    repair: bool,
    verify_files: bool = False,
    grace_s: float = 600.0,
    trash_days: float | None = None,
) -> CheckReport:
    """Compare store, originals and index; with `repair`, fix what can be fixed. `jobs` are the
    job rows on the library's database: the originals of queued and running jobs are kept.

    Files younger than `grace_s` seconds are left alone (an upload may be between writing
    its original and committing its row). `verify_files` re-hashes every original. With
    `repair` and `trash_days`, agreements in the trash longer than that are purged first
    (`purged`: the caller audits them).
    """
    report = CheckReport()
    if repair and trash_days is not None:
        report.purged = library.purge_expired(trash_days)
        if report.purged:
            report.repaired.append(
                f"purged {len(report.purged)} agreements in the trash over {trash_days:g} days"
            )
    report.pending = library.pending_count()
    if repair and report.pending:
        applied = library.apply_pending()
        report.repaired.append(f"applied {applied} pending index changes")
    report.pending = library.pending_count()
    shas = library.stored_shas()
    report.agreements = len(shas)
    report.in_trash = len(library.trash())
    _check_files(library, jobs, shas, report, repair=repair, verify=verify_files, grace_s=grace_s)
    _check_index(library, set(shas.values()), report, repair=repair)
    log.info(
        "check agreements=%d files=%d consistent=%s repaired=%d",
        report.agreements,
        report.files,
        report.is_consistent,
        len(report.repaired),
    )
    return report


def _check_files(
    library: Library,
    jobs: JobStore,
    shas: dict[str, str],
    report: CheckReport,
    *,
    repair: bool,
    verify: bool,
    grace_s: float,
) -> None:
    now = time.time()
    on_disk: set[str] = set()
    # the originals of queued and running jobs (an OCR job may run longer than grace_s), of
    # agreements in the trash and of earlier versions
    waiting = jobs.active_shas()
    kept = library.kept_shas()
    for sha, path in library.originals():
        on_disk.add(sha)
        if sha not in kept and sha not in waiting:
            if now - path.stat().st_mtime < grace_s:
                continue
            report.orphan_files.append(path)
        elif verify and _sha256_of_file(path) != sha:
            report.altered_files.append(shas.get(sha, sha))
    report.files = len(on_disk)
    report.missing_files = sorted(
        agreement for sha, agreement in shas.items() if sha not in on_disk
    )
    report.missing_kept = sorted(sha for sha in kept - set(shas) if sha not in on_disk)
    report.leftovers = [
        p for p in library.unfinished_writes() if now - p.stat().st_mtime >= grace_s
    ]
    if repair:
        for path in [*report.orphan_files, *report.leftovers]:
            path.unlink(missing_ok=True)
            report.repaired.append(f"removed {path}")
        report.files -= len(report.orphan_files)
        report.orphan_files = []
        report.leftovers = []


def _check_index(library: Library, ids: set[str], report: CheckReport, *, repair: bool) -> None:
    indexed = _index_ids(library)
    if indexed is None:
        report.index_listed = False
        total = library.search(SearchQuery(scope="agreements", limit=1)).total
        if total != len(ids):
            report.missing_in_index = [f"(count differs: index {total}, store {len(ids)})"]
            if repair:
                library.reindex()
                report.repaired.append("rebuilt the index from the store")
                report.missing_in_index = []
        return
    report.missing_in_index = sorted(ids - indexed)
    report.extra_in_index = sorted(indexed - ids)
    if repair and (report.missing_in_index or report.extra_in_index):
        library.apply_changes(
            [PendingChange(i, "upsert") for i in report.missing_in_index]
            + [PendingChange(i, "delete") for i in report.extra_in_index]
        )
        report.repaired.append(
            f"indexed {len(report.missing_in_index)}, "
            f"removed {len(report.extra_in_index)} from the index"
        )
        report.missing_in_index = []
        report.extra_in_index = []


def _index_ids(library: Library) -> set[str] | None:
    """Every agreement id in the index, through the agreements search; None when the engine
    will not list them all (Meilisearch stops at its maxTotalHits)."""
    ids: set[str] = set()
    offset = 0
    while True:
        # no words: the library answers the index's page as it is
        page = library.search(SearchQuery(scope="agreements", offset=offset, limit=_PAGE))
        ids.update(hit.agreement_id for hit in page.hits)
        offset += _PAGE
        if offset >= page.total or not page.hits:
            return ids if len(ids) >= page.total else None


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
