"""The bulk import (`naskah import DIR`): many files into the library, extracted in parallel.

Safe to rerun, and to kill: each file is stored in one transaction (its original written and
synced first), so an interrupted import leaves whole agreements only, and a rerun skips files
already stored (same sha256) without extracting them again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestError
from search_api.agreements.library import Library
from search_api.errors import ExtractionStopped
from search_api.store.files import sha256_of

# How often a bulk import commits the index: one commit per batch instead of per file.
INDEX_SYNC_S = 2.0


@dataclass
class ImportSummary:
    added: int = 0
    already: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # path -> why, naming the step


def import_files(
    library: Library,
    paths: Sequence[Path],
    *,
    workers: int,
    progress: Callable[[int, int], None],
) -> ImportSummary:
    """Add every file of `paths` (the library's worker pool has `workers` workers), storing
    and indexing each as its worker finishes; `progress(done, total)` after each file.

    A file refused (IngestError, ExtractionStopped) or unreadable is counted in `failed` and
    the rest go on; a bug of ours propagates.
    """
    summary = ImportSummary()

    def add(path: Path) -> bool:
        # the index change stays pending with the row; the loop below applies them in batches
        _, created = library.add(path.read_bytes(), path.name, follow_index=False)
        return created

    hashes: dict[Path, str] = {}
    for path in paths:
        try:
            hashes[path] = sha256_of(path.read_bytes())
        except OSError as exc:  # a shared folder may hold files this user cannot read
            summary.failed[str(path)] = _unreadable(exc)
    stored = library.stored_sha256(list(hashes.values()))
    todo = [path for path in hashes if hashes[path] not in stored]
    summary.already = len(hashes) - len(todo)
    done = summary.already + len(summary.failed)
    progress(done, len(paths))
    last_sync = time.perf_counter()
    # Two files per worker in flight: while one thread stores a worker's answer, the
    # worker already reads the next file.
    with ThreadPoolExecutor(max_workers=2 * workers) as threads:
        futures = {threads.submit(add, path): path for path in todo}
        for future in as_completed(futures):
            try:
                created = future.result()
            except (IngestError, ExtractionStopped) as exc:
                summary.failed[str(futures[future])] = str(exc)
            except OSError as exc:  # gone or unreadable since it was hashed
                summary.failed[str(futures[future])] = _unreadable(exc)
            else:
                summary.added += 1 if created else 0
                summary.already += 0 if created else 1
            done += 1
            progress(done, len(paths))
            if time.perf_counter() - last_sync >= INDEX_SYNC_S:
                library.sync_index()  # searchable while a long import runs
                last_sync = time.perf_counter()
    library.sync_index()
    return summary


def _unreadable(exc: OSError) -> str:
    return f"step=read cannot read the file ({exc.strerror or exc}); check that it exists and this user may read it"
