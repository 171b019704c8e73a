"""The library: add, get, correct, delete, search, reindex. The only code using store and index together.

The store is the source of truth. Every change writes a pending-index row in its own transaction;
the index follows right after, and `apply_pending` (run at start) repairs any crash in between.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from ingest import extract_bytes
from ingest.model import Agreement
from search_api.index.base import (
    ClauseHit,
    IndexedAgreement,
    SearchIndex,
    SearchPage,
    SearchQuery,
    SynonymGroup,
    indexed_agreement,
)
from search_api.settings import Settings
from search_api.store.db import ListFilter, PendingChange, Store, StoredAgreement
from search_api.store.files import FileStore, sha256_of

log = logging.getLogger(__name__)

REINDEX_MARK = "reindex_started"


def extractor_version() -> str:
    try:
        return version("naskah")
    except PackageNotFoundError:
        return "0"


@dataclass(frozen=True, slots=True)
class StoredFile:
    data: bytes
    filename: str
    media_type: str


def to_indexed(stored: StoredAgreement) -> IndexedAgreement:
    return indexed_agreement(stored.id, stored.agreement, [c.clause_id for c in stored.clauses])


class Library:
    def __init__(self, store: Store, files: FileStore, index: SearchIndex) -> None:
        self.store = store
        self.files = files
        self.index = index

    # -- agreements -------------------------------------------------------------------------

    def add(self, data: bytes, filename: str) -> tuple[StoredAgreement, bool]:
        """Store and index an agreement file; (agreement, created).

        The same bytes again answer the stored agreement (created False) without extracting.
        Raises IngestError subclasses when the file cannot be read; then nothing is stored.
        """
        existing = self.store.find_by_sha(sha256_of(data))
        if existing is not None:
            log.info("add file=%s step=dedupe agreement=%s", filename, existing.id)
            return existing, False
        started = time.perf_counter()
        agreement = extract_bytes(data, filename)
        log.info(
            "add file=%s step=extract clauses=%d in %.2fs",
            filename,
            len(agreement.clauses),
            time.perf_counter() - started,
        )
        return self.add_extracted(data, agreement)

    def add_extracted(self, data: bytes, agreement: Agreement) -> tuple[StoredAgreement, bool]:
        """Store an agreement already extracted from `data` (bulk import extracts in workers)."""
        self.files.put(data)
        stored, created = self.store.add(
            agreement, size=len(data), extractor_version=extractor_version()
        )
        if created:
            self._apply([PendingChange(stored.id, "upsert")])
        return stored, created

    def get(self, agreement_id: str) -> StoredAgreement:
        return self.store.get(agreement_id)

    def listing(self, f: ListFilter) -> tuple[int, list[StoredAgreement]]:
        return self.store.listing(f)

    def correct(
        self, agreement_id: str, values: dict[str, Any], *, author: str | None = None
    ) -> StoredAgreement:
        stored = self.store.correct(agreement_id, values, author=author)
        self._apply([PendingChange(agreement_id, "upsert")])
        return self.store.get(stored.id)

    def delete(self, agreement_id: str) -> None:
        sha = self.store.delete(agreement_id)
        self._apply([PendingChange(agreement_id, "delete")])
        if not self.store.is_file_referenced(sha):
            self.files.remove(sha)

    def file(self, agreement_id: str) -> StoredFile:
        stored = self.store.get(agreement_id)
        return StoredFile(self.files.read(stored.sha256), stored.filename, stored.media_type)

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchPage:
        return self.index.search(query)

    def similar_clauses(self, clause_id: str, limit: int) -> list[ClauseHit]:
        self.store.clause(clause_id)  # ClauseNotFound before asking the index
        return self.index.similar_clauses(clause_id, limit)

    def similar_to_text(self, text: str, limit: int) -> list[ClauseHit]:
        return self.index.similar_to_text(text, limit)

    def synonyms(self) -> list[SynonymGroup]:
        return self.store.synonyms()

    def set_synonyms(self, groups: Sequence[SynonymGroup]) -> None:
        self.store.set_synonyms(groups)
        self.index.set_synonyms(groups)

    # -- keeping the index in step ----------------------------------------------------------

    def apply_pending(
        self, *, batch: int = 200, progress: Callable[[int, int], None] | None = None
    ) -> int:
        """Apply every queued index change, in batches; returns how many agreements."""
        total = self.store.pending_count()
        applied = 0
        while changes := self.store.pending(batch):
            self._apply(changes)
            applied += len(changes)
            if progress:
                progress(applied, total)
        if applied:
            log.info("index step=apply_pending agreements=%d", applied)
        return applied

    def reindex(
        self, *, batch: int = 200, progress: Callable[[int, int], None] | None = None
    ) -> int:
        """Rebuild the index from the store. Resumes an interrupted rebuild instead of restarting.

        Memory stays bounded: `batch` agreements are loaded and indexed at a time.
        """
        if self.store.meta(REINDEX_MARK) is None:
            self.index.clear()
            queued = self.store.queue_all()
            self.store.set_meta(REINDEX_MARK, str(queued))
            log.info("reindex step=start agreements=%d", queued)
        else:
            log.info("reindex step=resume pending=%d", self.store.pending_count())
        done = self.apply_pending(batch=batch, progress=progress)
        self.store.set_meta(REINDEX_MARK, None)
        return done

    def start(self) -> None:
        """At start-up: finish an interrupted rebuild, rebuild a lost index, apply pending changes."""
        if self.store.meta(REINDEX_MARK) is None and self.index.count() == 0 and self.store.count():
            log.warning("index step=start index is empty but the store is not: rebuilding")
            self.store.queue_all()
        self.index.set_synonyms(self.store.synonyms())
        self.apply_pending()
        self.store.set_meta(REINDEX_MARK, None)

    def _apply(self, changes: Sequence[PendingChange]) -> None:
        upserts = [c.agreement_id for c in changes if c.op == "upsert"]
        stored = {s.id: s for s in self.store.get_many(upserts)} if upserts else {}
        records = [to_indexed(stored[i]) for i in upserts if i in stored]
        if records:
            self.index.upsert_many(records)
        for change in changes:
            if change.op == "delete" or change.agreement_id not in stored:
                self.index.delete(change.agreement_id)
        self.store.done(changes)

    def close(self) -> None:
        self.index.close()
        self.store.close()


def open_index(settings: Settings) -> SearchIndex:
    """Meilisearch when NASKAH_MEILI_URL is set, else the embedded Tantivy index."""
    if settings.meili_url:
        from search_api.index.meili import MeiliIndex

        key = settings.meili_key.get_secret_value() if settings.meili_key else None
        return MeiliIndex(settings.meili_url, key, index_name=settings.meili_index)
    from search_api.index.embedded import EmbeddedIndex

    return EmbeddedIndex(settings.index_dir / "tantivy")


def open_library(settings: Settings) -> Library:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(settings.effective_database_url)
    library = Library(store, FileStore(settings.files_dir), open_index(settings))
    library.start()
    return library
