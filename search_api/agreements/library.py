"""The library: add, get, correct, delete, search, reindex, check. The only code using store and index together.

It is the one way the routers, the pages, the jobs and the CLI reach the store, the originals
on disk and the index: they are private here (tests/search_api/agreements/test_one_way.py fails
on any `library.store` elsewhere). The store is the source of truth. Every change writes a pending-index row in its own transaction;
the index follows right after, and `apply_pending` (run at start) repairs any crash in between.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ingest import Limits
from ingest.errors import IngestError
from ingest.extract import categories
from ingest.model import Agreement
from search_api.agreements.compliance_context import ComplianceReport, run_check
from search_api.compliance import load_packs
from search_api.errors import (
    AgreementInTrash,
    ClauseNotFound,
    ExtractionStopped,
    FileOfOtherAgreement,
    IndexUnavailable,
    SameVersion,
    UnknownCheckRule,
)
from search_api.extraction import OcrNeeded, WorkerLimits, WorkerPool
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
from search_api.store import clause_edits
from search_api.store.check_summaries import CheckSummaries, CheckSummary, Judging
from search_api.store.db import (
    ClauseCorrection,
    CorrectionEntry,
    ListFilter,
    PendingChange,
    Rejection,
    Store,
    StoredAgreement,
    StoredClause,
    StoredVersion,
    TrashItem,
    VersionChange,
)
from search_api.store.files import FileStore, sha256_of
from search_api.store.jobs import JobStore
from search_api.store.register_reads import (
    Citing,
    RegisterCounts,
    RegisterEntry,
    RegisterFilter,
    RegisterReads,
)
from search_api.store.rule_switches import RuleSwitch, RuleSwitches

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


@dataclass(frozen=True, slots=True)
class VersionAdded:
    """A new version stored: the agreement as it is now and what the new file changed."""

    stored: StoredAgreement
    change: VersionChange


@dataclass(frozen=True, slots=True)
class LibraryHealth:
    engine: str  # the index's class: EmbeddedIndex or MeiliIndex
    agreements: int
    indexed_records: int
    pending_index: int


def to_indexed(stored: StoredAgreement) -> IndexedAgreement:
    """The index's view: the kept profile's partner types, and the effective end (an
    addendum's later end counts) for its status filter."""
    profile = stored.agreement.profile
    return indexed_agreement(
        stored.id,
        stored.agreement,
        [c.clause_id for c in stored.clauses],
        partner_types=profile.partner_types if profile else (),
        extended_until=stored.extended_until,
    )


class Library:
    def __init__(
        self,
        store: Store,
        files: FileStore,
        index: SearchIndex | None,
        workers: WorkerPool,
        *,
        writes_index: bool = True,
    ) -> None:
        """`index` None: a job worker's library beside a web process that owns the embedded
        index (one writer per index): its index changes stay pending in the store, and the
        web process applies them (`keep_index_in_step`). `writes_index=False`: a web process
        beside the one writing the embedded index: it searches its own reader of the index
        (`follow_other_processes`) and leaves its changes pending for the writer likewise."""
        self._store = store
        self._writes_index = writes_index and index is not None
        self._rules = RuleSwitches(store)
        self._summaries = CheckSummaries(store)
        self._register = RegisterReads(store)
        self._files = files
        self._index_or_none = index
        self.workers = workers
        # Agreements added with follow_index=False, as stored, until their index change is
        # applied: a bulk import indexes them without reading them back from the store.
        self._fresh: dict[str, StoredAgreement] = {}

    @property
    def _index(self) -> SearchIndex:
        if self._index_or_none is None:
            raise RuntimeError("this library leaves the index to the web process")
        return self._index_or_none

    # -- agreements -------------------------------------------------------------------------

    def add(
        self, data: bytes, filename: str, *, follow_index: bool = True
    ) -> tuple[StoredAgreement, bool]:
        """Store and index an agreement file; (agreement, created).

        With `follow_index=False` the index change stays pending (in the same transaction as
        the row) for a later `sync_index`: a bulk import then commits the index in batches.

        The same bytes again answer the stored agreement (created False) without extracting.
        The file is read in a worker process (search_api/extraction/workers.py). Raises IngestError
        subclasses when the file cannot be read and ExtractionStopped subclasses when its
        worker passed a limit or crashed; then only the reason is stored (`rejections`).
        """
        sha256 = sha256_of(data)
        existing = self._stored_already(sha256, filename)
        if existing is not None:
            return existing, False
        started = time.perf_counter()
        try:
            agreement = self.workers.extract(data, filename)
        except (IngestError, ExtractionStopped) as exc:
            self._store.add_rejection(
                sha256=sha256, filename=filename, size=len(data), code=exc.code, message=str(exc)
            )
            raise
        log.info(
            "add file=%s step=extract clauses=%d in %.2fs",
            filename,
            len(agreement.clauses),
            time.perf_counter() - started,
        )
        return self.add_extracted(data, agreement, follow_index=follow_index)

    def add_extracted(
        self, data: bytes, agreement: Agreement, *, follow_index: bool = True
    ) -> tuple[StoredAgreement, bool]:
        """Store an agreement already extracted from `data`: the original is on disk (fsynced)
        before the row commits, and the row and its pending index change commit together."""
        self._files.put(data)
        stored, created = self._store.add(
            agreement, size=len(data), extractor_version=extractor_version()
        )
        if created and follow_index:
            self._follow([PendingChange(stored.id, "upsert")])
        elif created:
            self._fresh[stored.id] = stored
        return stored, created

    def add_unless_ocr(
        self, data: bytes, filename: str, *, inline_pages: int
    ) -> tuple[StoredAgreement, bool] | OcrNeeded:
        """As `add`, for an upload that must answer at once: a file with more than
        `inline_pages` pages to OCR is only read, and OcrNeeded comes back (the caller makes
        a background job of it, search_api/jobs/runner.py). Raises as `add` does."""
        sha256 = sha256_of(data)
        existing = self._stored_already(sha256, filename)
        if existing is not None:
            return existing, False
        try:
            outcome = self.workers.extract_unless_ocr(data, filename, inline_pages=inline_pages)
        except (IngestError, ExtractionStopped) as exc:
            self._store.add_rejection(
                sha256=sha256, filename=filename, size=len(data), code=exc.code, message=str(exc)
            )
            raise
        if isinstance(outcome, OcrNeeded):
            log.info("add file=%s step=defer ocr_pages=%d", filename, outcome.pages)
            return outcome
        return self.add_extracted(data, outcome)

    def stored_file(self, sha256: str, filename: str) -> StoredAgreement | None:
        """The agreement this file already is (or was: an earlier version of it), without
        reading it. Raises AgreementInTrash when that agreement is in the trash."""
        return self._stored_already(sha256, filename)

    def _stored_already(self, sha256: str, filename: str) -> StoredAgreement | None:
        """The agreement this file already is (or was: an earlier version of it). Raises
        AgreementInTrash when that agreement is in the trash."""
        existing = self._store.find_by_sha(sha256)
        if existing is None:
            return None
        if existing.trashed_at is not None:
            raise AgreementInTrash(existing.id, filename)
        log.info("add file=%s step=dedupe agreement=%s", filename, existing.id)
        return existing

    def replace_extraction(self, agreement_id: str, agreement: Agreement) -> StoredAgreement:
        """Store a new machine extraction of a stored agreement's file (OCR again) and index
        it; people's corrections stay. Raises AgreementNotFound."""
        self._store.replace_machine(agreement_id, agreement, extractor_version=extractor_version())
        self._follow([PendingChange(agreement_id, "upsert")])
        return self._store.get(agreement_id)

    def get(self, agreement_id: str) -> StoredAgreement:
        return self._store.get(agreement_id)

    def listing(self, f: ListFilter, *, brief: bool = False) -> tuple[int, list[StoredAgreement]]:
        return self._store.listing(f, brief=brief)

    def correct(
        self, agreement_id: str, values: dict[str, Any], *, author: str | None = None
    ) -> StoredAgreement:
        stored = self._store.correct(agreement_id, values, author=author)
        self._follow([PendingChange(agreement_id, "upsert")])
        return self._store.get(stored.id)

    # -- the trash ------------------------------------------------------------------------------

    def delete(self, agreement_id: str, *, by: str | None = None) -> StoredAgreement:
        """Move the agreement into the trash: out of search, lists and reads, its original
        and rows kept until it is restored or purged. Raises AgreementNotFound."""
        stored = self._store.trash(agreement_id, by=by)
        self._follow([PendingChange(agreement_id, "delete")])
        return stored

    def restore(self, agreement_id: str) -> StoredAgreement:
        """Take the agreement out of the trash, as it was; searchable again at once.
        Raises NotInTrash."""
        stored = self._store.restore(agreement_id)
        self._follow([PendingChange(agreement_id, "upsert")])
        return stored

    def trash(self) -> list[TrashItem]:
        """The agreements in the trash, most recently deleted first."""
        return self._store.trash_items()

    def purge(self, agreement_id: str) -> None:
        """Delete an agreement in the trash for good, and each of its originals (current and
        earlier versions) that no other agreement, version or queued job uses. Raises
        NotInTrash."""
        for sha in self._store.purge(agreement_id):
            if not self._is_needed(sha):
                self._files.remove(sha)

    def purge_expired(self, days: float, *, now: datetime | None = None) -> list[TrashItem]:
        """Purge what has been in the trash longer than `days` days; what was purged."""
        before = (now or datetime.now(UTC)) - timedelta(days=days)
        expired = self._store.trash_items(before=before)
        for item in expired:
            self.purge(item.stored.id)
        if expired:
            log.info("trash step=purge_expired agreements=%d days=%s", len(expired), days)
        return expired

    def empty_trash(self) -> list[TrashItem]:
        """Purge everything in the trash; what was purged."""
        items = self._store.trash_items()
        for item in items:
            self.purge(item.stored.id)
        return items

    def _is_needed(self, sha256: str, *, excluding_job: str | None = None) -> bool:
        """Whether a row (an agreement, in the trash too, or a version) or a queued or
        running job (but `excluding_job`) still needs this original."""
        return self._store.is_file_referenced(sha256) or sha256 in JobStore(
            self._store
        ).active_shas(excluding=excluding_job)

    # -- versions of an agreement's file ----------------------------------------------------------

    def add_version(self, agreement_id: str, data: bytes, filename: str) -> VersionAdded:
        """Read `data` as the agreement's new file and make it the current version (see
        `add_version_extracted`). Raises AgreementNotFound, SameVersion,
        FileOfOtherAgreement, and as `add` does when the file cannot be read."""
        self._check_version(agreement_id, data, filename)
        agreement = self._extract_refusing(data, filename, self.workers.extract)
        return self.add_version_extracted(agreement_id, data, agreement)

    def add_version_unless_ocr(
        self, agreement_id: str, data: bytes, filename: str, *, inline_pages: int
    ) -> VersionAdded | OcrNeeded:
        """As `add_version`, for an upload that must answer at once: a file with more than
        `inline_pages` pages to OCR is only read, and OcrNeeded comes back (a job reads it)."""
        self._check_version(agreement_id, data, filename)
        outcome = self._extract_refusing(
            data,
            filename,
            lambda d, f: self.workers.extract_unless_ocr(d, f, inline_pages=inline_pages),
        )
        if isinstance(outcome, OcrNeeded):
            log.info("version file=%s step=defer ocr_pages=%d", filename, outcome.pages)
            return outcome
        return self.add_version_extracted(agreement_id, data, outcome)

    def add_version_extracted(
        self, agreement_id: str, data: bytes, agreement: Agreement
    ) -> VersionAdded:
        """Store a new version already extracted from `data`: the original is on disk
        (fsynced) before the rows commit, and the rows change in one transaction. A refused
        version leaves the agreement as it was, and its original only if something else
        uses it. Raises AgreementNotFound, SameVersion, FileOfOtherAgreement."""
        sha256 = self._files.put(data)
        try:
            stored, change = self._store.add_version(
                agreement_id, agreement, size=len(data), extractor_version=extractor_version()
            )
        except BaseException:
            if not self._is_needed(sha256):
                self._files.remove(sha256)
            raise
        self._follow([PendingChange(agreement_id, "upsert")])
        return VersionAdded(stored, change)

    def versions_of(self, agreement_id: str) -> list[StoredVersion]:
        """Every file the agreement has had, the first first, the current one last. Raises
        AgreementNotFound."""
        return self._store.version_list(agreement_id)

    def version_file(self, agreement_id: str, number: int) -> StoredFile:
        """The original of one version. Raises AgreementNotFound, VersionNotFound."""
        found = self._store.version(agreement_id, number)
        return StoredFile(self._files.read(found.sha256), found.filename, found.media_type)

    def check_version(self, agreement_id: str, data: bytes, filename: str) -> None:
        """Refuse what cannot be a new version of this agreement, before reading the file
        (a web process that leaves reading to the workers). Raises as `add_version` does."""
        self._check_version(agreement_id, data, filename)

    def _check_version(self, agreement_id: str, data: bytes, filename: str) -> None:
        """Refuse a new version before reading it: the agreement must exist and the file
        be new to it and to every other agreement (the store checks again as it writes)."""
        current = self._store.get(agreement_id)
        sha256 = sha256_of(data)
        if current.sha256 == sha256:
            raise SameVersion(agreement_id, filename)
        owner = self._store.find_by_sha(sha256)
        if owner is not None and owner.id != agreement_id:
            raise FileOfOtherAgreement(filename, owner.id)

    def _extract_refusing(
        self, data: bytes, filename: str, read: Callable[[bytes, str], Any]
    ) -> Any:
        try:
            return read(data, filename)
        except (IngestError, ExtractionStopped) as exc:
            self._store.add_rejection(
                sha256=sha256_of(data),
                filename=filename,
                size=len(data),
                code=exc.code,
                message=str(exc),
            )
            raise

    # -- clause corrections ---------------------------------------------------------------------

    def clause_corrections(self, agreement_id: str) -> list[ClauseCorrection]:
        """Every clause correction, oldest first, with how it went on the current machine
        clauses. Raises AgreementNotFound."""
        return self._store.clause_corrections(agreement_id)

    def add_clause(
        self,
        agreement_id: str,
        after: str | None,
        values: dict[str, Any],
        *,
        author: str | None = None,
    ) -> StoredAgreement:
        """Add a clause (number, heading, category, text) after the clause `after` (a clause
        id; None: first). Raises AgreementNotFound, ClauseNotFound, InvalidClauseCorrection."""
        position = self._position(agreement_id, after) if after else None
        return self._correct_clauses(
            agreement_id, lambda c: clause_edits.add_of(c, position, values), author
        )

    def edit_clause(
        self,
        agreement_id: str,
        clause_id: str,
        changes: dict[str, Any],
        *,
        author: str | None = None,
    ) -> StoredAgreement:
        """Change a clause's number, heading or category."""
        position = self._position(agreement_id, clause_id)
        return self._correct_clauses(
            agreement_id, lambda c: clause_edits.edit_of(c, position, changes), author
        )

    def delete_clause(
        self, agreement_id: str, clause_id: str, *, author: str | None = None
    ) -> StoredAgreement:
        position = self._position(agreement_id, clause_id)
        return self._correct_clauses(
            agreement_id, lambda c: clause_edits.delete_of(c, position), author
        )

    def split_clause(
        self,
        agreement_id: str,
        clause_id: str,
        offset: int,
        values: dict[str, Any],
        *,
        author: str | None = None,
    ) -> StoredAgreement:
        """Split a clause at character `offset` of its text; the second part is a new clause
        with the number, heading and category of `values`."""
        position = self._position(agreement_id, clause_id)
        return self._correct_clauses(
            agreement_id, lambda c: clause_edits.split_of(c, position, offset, values), author
        )

    def merge_clause(
        self, agreement_id: str, clause_id: str, *, author: str | None = None
    ) -> StoredAgreement:
        """Merge a clause with the next one (two clauses read as one)."""
        position = self._position(agreement_id, clause_id)
        return self._correct_clauses(
            agreement_id, lambda c: clause_edits.merge_of(c, position), author
        )

    def _position(self, agreement_id: str, clause_id: str) -> int:
        """The 1-based position of one of the agreement's clauses. Raises AgreementNotFound
        (an unknown agreement, or one in the trash), else ClauseNotFound."""
        try:
            clause, owner = self._store.clause(clause_id)
        except ClauseNotFound:
            owner = None
        if owner != agreement_id:
            self._store.get(agreement_id)  # AgreementNotFound first
            raise ClauseNotFound(clause_id)
        return clause.position

    def _correct_clauses(
        self,
        agreement_id: str,
        make: Callable[[list[Any]], clause_edits.ClauseEdit],
        author: str | None,
    ) -> StoredAgreement:
        stored = self._store.correct_clauses(agreement_id, make, author=author)
        self._follow([PendingChange(agreement_id, "upsert")])
        return stored

    def related(
        self, agreement_id: str
    ) -> tuple[list[tuple[str, list[StoredAgreement]]], list[StoredAgreement]]:
        """([(number it cites, stored agreements bearing it)], stored agreements citing it).
        Raises AgreementNotFound."""
        cites, cited_by = self._store.related(agreement_id)
        wanted = {i for _, found in cites for i in found} | set(cited_by)
        by_id = {s.id: s for s in self._store.get_many(sorted(wanted))} if wanted else {}
        return (
            [(number, [by_id[i] for i in found if i in by_id]) for number, found in cites],
            [by_id[i] for i in cited_by if i in by_id],
        )

    def file(self, agreement_id: str) -> StoredFile:
        stored = self._store.get(agreement_id)
        return StoredFile(self._files.read(stored.sha256), stored.filename, stored.media_type)

    def get_many(
        self, agreement_ids: Sequence[str], *, brief: bool = False
    ) -> list[StoredAgreement]:
        """These agreements (unknown ids left out); `brief` without clause texts."""
        return self._store.get_many(agreement_ids, brief=brief)

    def versions(self) -> list[tuple[str, datetime]]:
        """Every agreement's id and when it last changed, oldest first."""
        return self._store.versions()

    def clause_texts(
        self, agreement_ids: Sequence[str], categories: Sequence[str]
    ) -> dict[str, list[str]]:
        """Agreement id -> the texts of its clauses of these categories."""
        return self._store.clause_texts(agreement_ids, categories)

    # -- the register's reads (store/register_reads.py: SQL over the kept columns) ----------

    def register_rows(
        self,
        f: RegisterFilter,
        *,
        today: date,
        judging: Judging,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[RegisterEntry]:
        """The page of agreements the register's filter asks for, as the register reads
        them (`judging`: what makes a kept Kelengkapan fresh, for the `incomplete` filter
        and the rows' own results)."""
        return self._register.rows(f, today=today, judging=judging, offset=offset, limit=limit)

    def register_stream(
        self, f: RegisterFilter, *, today: date, judging: Judging
    ) -> Iterator[RegisterEntry]:
        """Every agreement the filter asks for, in its order, read from the cursor."""
        return self._register.stream(f, today=today, judging=judging)

    def register_counts(
        self, f: RegisterFilter, *, today: date, judging: Judging
    ) -> RegisterCounts:
        return self._register.counts(f, today=today, judging=judging)

    def register_next_expiries(
        self, today: date, limit: int, judging: Judging
    ) -> list[RegisterEntry]:
        return self._register.next_expiries(today, limit, judging)

    def register_numbers(self, agreement_ids: Sequence[str]) -> dict[str, list[str]]:
        """Agreement id -> its numbers, of those live (what a follow-up shows)."""
        return self._register.numbers(agreement_ids)

    def register_citing(self, number_keys: Sequence[str]) -> dict[str, list[Citing]]:
        """Normalised number -> the agreements citing it."""
        return self._register.citing(number_keys)

    def corrections(self, agreement_id: str) -> tuple[dict[str, Any], list[CorrectionEntry]]:
        """The machine's values and every correction, oldest first (the review)."""
        return self._store.corrections(agreement_id)

    def clause(self, clause_id: str) -> tuple[StoredClause, str]:
        """A clause and its agreement's id. Raises ClauseNotFound."""
        return self._store.clause(clause_id)

    def count(self) -> int:
        return self._store.count()

    def titles(self, agreement_ids: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """id -> (title, whether in the trash): what the audit log names by id."""
        return self._store.titles(agreement_ids) if agreement_ids else {}

    def stored_sha256(self, hashes: Sequence[str]) -> set[str]:
        """Which of these file hashes are stored agreements already."""
        return self._store.stored_sha256(hashes)

    def rejections(self, limit: int = 100) -> list[Rejection]:
        """The latest files refused while they were read, newest first."""
        return self._store.rejections(limit)

    def health(self) -> LibraryHealth:
        return LibraryHealth(
            engine=type(self._index).__name__,
            agreements=self._store.count(),
            indexed_records=self._index.count(),
            pending_index=self._store.pending_count(),
        )

    # -- originals kept for jobs, refusals ------------------------------------------------------

    def keep_original(self, data: bytes) -> str:
        """Write an original to the file store (fsynced) before a job row names it; its sha256."""
        return self._files.put(data)

    def original(self, sha256: str) -> bytes:
        return self._files.read(sha256)

    def forget_original(self, sha256: str, *, excluding_job: str | None = None) -> None:
        """Delete an original no agreement, version or queued job (but `excluding_job`, the
        one ending now) needs."""
        if not self._is_needed(sha256, excluding_job=excluding_job):
            self._files.remove(sha256)

    def reject(self, *, sha256: str, filename: str, size: int, code: str, message: str) -> None:
        """Record why a file was refused (`rejections`); nothing else of it is stored."""
        self._store.add_rejection(
            sha256=sha256, filename=filename, size=size, code=code, message=message
        )

    # -- what `naskah check` compares -------------------------------------------------------------

    def pending_count(self) -> int:
        """Index changes the store committed that the index has not applied yet."""
        return self._store.pending_count()

    def stored_shas(self) -> dict[str, str]:
        """sha256 -> agreement id of every agreement not in the trash."""
        return self._store.shas()

    def kept_shas(self) -> set[str]:
        """Every original a row needs: agreements (in the trash too) and earlier versions."""
        return self._store.kept_shas()

    def originals(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every original on disk."""
        return self._files.stored()

    def unfinished_writes(self) -> Iterator[Path]:
        """Temporary files of writes that never finished (any age)."""
        return self._files.leftovers()

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchPage:
        """The index's answer; when the first page finds nothing, with a corrected query that
        finds something under the same filters, if the index knows one."""
        page = self._index.search(query)
        if page.total or query.offset or not query.q.strip():
            return page
        suggestion = self._index.suggest(query.q)
        if (
            suggestion is None
            or not self._index.search(replace(query, q=suggestion, limit=1)).total
        ):
            return page
        return replace(page, suggestion=suggestion)

    def similar_clauses(self, clause_id: str, limit: int) -> list[ClauseHit]:
        clause, _ = self._store.clause(clause_id)  # ClauseNotFound before asking the index
        hits = self._index.similar_clauses(clause_id, limit * _SAME_MATTER_POOL)
        return _same_matter_first(hits, clause.category, limit)

    def similar_to_text(self, text: str, limit: int) -> list[ClauseHit]:
        hits = self._index.similar_to_text(text, limit * _SAME_MATTER_POOL)
        return _same_matter_first(hits, categories.from_body(text), limit)

    def synonyms(self) -> list[SynonymGroup]:
        return self._store.synonyms()

    def set_synonyms(self, groups: Sequence[SynonymGroup]) -> None:
        self._store.set_synonyms(groups)
        self._index.set_synonyms(groups)

    # -- keeping the index in step ----------------------------------------------------------

    def apply_pending(
        self, *, batch: int = 200, progress: Callable[[int, int], None] | None = None
    ) -> int:
        """Apply every queued index change, in batches; returns how many agreements."""
        total = self._store.pending_count()
        applied = 0
        while changes := self._store.pending(batch):
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
        if self._store.meta(REINDEX_MARK) is None:
            self._index.clear()
            queued = self._store.queue_all()
            self._store.set_meta(REINDEX_MARK, str(queued))
            log.info("reindex step=start agreements=%d", queued)
        else:
            log.info("reindex step=resume pending=%d", self._store.pending_count())
        done = self.apply_pending(batch=batch, progress=progress)
        self._store.set_meta(REINDEX_MARK, None)
        return done

    def start(self) -> None:
        """At start-up: clear writes of dead processes, finish an interrupted rebuild, rebuild
        a lost index, apply pending changes."""
        self._files.remove_dead_leftovers()
        if self._index_or_none is None:
            return
        if not self._writes_index:
            self._index.set_synonyms(self._store.synonyms())
            return
        if (
            self._store.meta(REINDEX_MARK) is None
            and self._index.count() == 0
            and self._store.count()
        ):
            log.warning("index step=start index is empty but the store is not: rebuilding")
            self._store.queue_all()
        self._index.set_synonyms(self._store.synonyms())
        self.apply_pending()
        self._store.set_meta(REINDEX_MARK, None)

    def apply_changes(self, changes: Sequence[PendingChange]) -> None:
        """Bring these agreements of the index in step with the store (`naskah check`)."""
        self._apply(changes)

    def sync_index(self) -> bool:
        """Apply pending index changes; False (and they stay pending) if the index is down."""
        try:
            self.apply_pending()
        except IndexUnavailable as exc:
            log.warning("index step=sync pending=%d failed: %s", self._store.pending_count(), exc)
            return False
        return True

    def keep_index_in_step(self, stop: threading.Event, every_s: float) -> None:
        """Until `stop` is set, retry pending index changes every `every_s` seconds."""
        while not stop.wait(every_s):
            if self._store.pending_count():
                self.sync_index()

    def follow_other_processes(
        self, stop: threading.Event, every_s: float, synonyms_every_s: float = 2.0
    ) -> None:
        """Until `stop` is set, with other web processes beside this one: search the index
        writer's latest commit (a reader of the embedded index looks every `every_s`), and
        take up a synonym change another process made (every `synonyms_every_s`)."""
        refresh = getattr(self._index, "refresh", None) if not self._writes_index else None
        known = self._store.synonyms()
        looked = time.monotonic()
        while not stop.wait(every_s):
            try:
                if refresh is not None:
                    refresh()
                if time.monotonic() - looked >= synonyms_every_s:
                    looked = time.monotonic()
                    groups = self._store.synonyms()
                    if groups != known:
                        self._index.set_synonyms(groups)
                        known = groups
            except Exception:
                # a failed look (the database restarting, a reload that met a merge) is
                # retried at the next one; the log says why
                log.exception("index step=follow_other_processes failed")

    def _follow(self, changes: Sequence[PendingChange]) -> None:
        """Apply changes the store has committed. If the index is down they stay pending and
        `keep_index_in_step` retries them: the store, not the index, says what was saved.
        The write may have queued others too (store/db.py `_restand`: an addendum stored or
        deleted changes the effective end of the agreement it cites): those follow at once."""
        if not self._writes_index:  # the process writing the index applies them
            return
        try:
            self._apply(changes)
            self.apply_pending()
        except IndexUnavailable as exc:
            log.warning("index step=follow agreements=%d left pending: %s", len(changes), exc)

    def _apply(self, changes: Sequence[PendingChange]) -> None:
        upserts = [c.agreement_id for c in changes if c.op == "upsert"]
        stored = self._take_fresh(upserts)
        missing = [i for i in upserts if i not in stored]
        stored.update({s.id: s for s in self._store.get_many(missing)} if missing else {})
        records = [to_indexed(stored[i]) for i in upserts if i in stored]
        if records:
            self._index.upsert_many(records)
        for change in changes:
            if change.op == "delete" or change.agreement_id not in stored:
                self._index.delete(change.agreement_id)
        self._store.done(changes)

    def _take_fresh(self, agreement_ids: Sequence[str]) -> dict[str, StoredAgreement]:
        """The agreements this library added and still holds, unless changed since."""
        held = {i: a for i in agreement_ids if (a := self._fresh.pop(i, None)) is not None}
        if not held:
            return {}
        changed = self._store.updated_at(list(held))
        return {i: a for i, a in held.items() if changed.get(i) == a.updated_at}

    # -- Pemeriksaan naskah: checks against the rule packs (search_api/compliance) --------------

    def check(
        self,
        agreement_id: str,
        *,
        kind: str | None = None,
        precedents: bool = True,
        today: date | None = None,
    ) -> ComplianceReport:
        """The check of a stored agreement, with the rules admins switched off left out;
        without `precedents` its findings carry none (a summary). Raises AgreementNotFound,
        UnknownCheckKind."""
        stored = self._store.get(agreement_id)
        return run_check(
            self,
            stored.agreement,
            exclude=agreement_id,
            kind=kind,
            precedents=precedents,
            today=today,
        )

    def check_draft(
        self, agreement: Agreement, *, kind: str | None = None, today: date | None = None
    ) -> ComplianceReport:
        """The check of an agreement that is not stored (a draft): if the same file is
        stored after all, its own clauses are not its precedents. Raises UnknownCheckKind."""
        same = self._store.find_by_sha(agreement.source.sha256)
        return run_check(self, agreement, exclude=same.id if same else None, kind=kind, today=today)

    def requirements_met(self, agreement_id: str, *, today: date | None = None) -> tuple[int, int]:
        """(requirements met, requirements checked) of a stored agreement: its Kelengkapan
        for the register. About 10 ms an agreement (no precedents are searched). Raises
        AgreementNotFound."""
        return self.check(agreement_id, precedents=False, today=today).result.requirements_met

    def checks_fingerprint(self) -> str:
        """What every check's result depends on besides the agreements: the rule packs as
        installed (their files and naskah's version) and the rules switched off."""
        packs = resources.files("search_api.compliance").joinpath("packs")
        digest = hashlib.sha256(extractor_version().encode())
        for file in sorted(packs.iterdir(), key=lambda f: f.name):
            if file.is_file():
                digest.update(file.name.encode() + b"\0" + file.read_bytes())
        digest.update(",".join(sorted(self._rules.disabled())).encode())
        return digest.hexdigest()

    def judging(self, today: date) -> Judging:
        """The fingerprints a kept Kelengkapan must carry to be fresh today (the checks', and
        the checks' with the day for an undated agreement: it is judged at today)."""
        checks = self.checks_fingerprint()
        undated = hashlib.sha256(f"{checks}|{today.isoformat()}".encode()).hexdigest()
        return Judging(checks, undated)

    def unjudged(self, judging: Judging, limit: int) -> list[tuple[str, bool]]:
        """Up to `limit` agreements without a fresh kept Kelengkapan: (id, is dated)."""
        return self._summaries.unjudged(judging, limit)

    def unjudged_count(self, judging: Judging) -> int:
        return self._summaries.unjudged_count(judging)

    def judged(self, judging: Judging, agreement_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """The fresh kept Kelengkapan (met, total) of these agreements, where kept."""
        return self._summaries.judged(judging, agreement_ids)

    def keep_check_summaries(self, summaries: Sequence[CheckSummary]) -> int:
        return self._summaries.put(summaries)

    def numbered(self, number: str, *, exclude: str | None = None) -> list[StoredAgreement]:
        """Stored agreements whose own numbers include `number`, newest signed first."""
        return self._store.numbered(number, exclude=exclude)

    def rule_switches(self) -> dict[str, RuleSwitch]:
        """Rule id -> its last switch by an admin, for every rule ever switched."""
        return self._rules.all()

    def disabled_rules(self) -> frozenset[str]:
        return self._rules.disabled()

    def switch_rule(self, rule: str, *, disabled: bool, author: str | None) -> RuleSwitch:
        """Switch a rule of the packs off or on again for this region. Raises UnknownCheckRule."""
        if rule not in {r.id for r in load_packs().switchable()}:
            raise UnknownCheckRule(rule)
        return self._rules.switch(rule, disabled=disabled, author=author)

    def close(self) -> None:
        self.workers.close()
        if self._index_or_none is not None:
            self._index_or_none.close()
        self._store.close()


def open_index(settings: Settings, *, is_writer: bool = True) -> SearchIndex:
    """Meilisearch when NASKAH_MEILI_URL is set, else the embedded Tantivy index (only read,
    not written, by a process that is not `is_writer`: Meilisearch takes every process's
    writes)."""
    if settings.meili_url:
        from search_api.index.meili import MeiliIndex

        key = settings.meili_key.get_secret_value() if settings.meili_key else None
        return MeiliIndex(settings.meili_url, key, index_name=settings.meili_index)
    from search_api.index.embedded import EmbeddedIndex

    return EmbeddedIndex(settings.index_dir / "tantivy", is_writer=is_writer)


def open_workers(settings: Settings, *, is_idle: bool = False) -> WorkerPool:
    """The extraction workers, with the limits of NASKAH_EXTRACT_* and NASKAH_MAX_*, at
    NASKAH_WORKER_NICE; in SCHED_IDLE with `is_idle` (`naskah worker`: nobody waits on it
    the way a person waits on an upload the web process reads)."""
    limits = WorkerLimits(
        timeout_s=settings.extract_timeout_s,
        ocr_page_timeout_s=settings.ocr_page_timeout_s,
        ocr_timeout_s=settings.ocr_timeout_s,
        memory_mb=settings.extract_memory_mb,
        ingest=Limits(max_pages=settings.max_pages, max_chars=settings.max_chars),
        nice=settings.worker_nice,
        is_idle=is_idle,
        ocr_threads=settings.ocr_threads,
    )
    return WorkerPool(settings.extract_workers, limits)


def open_store(settings: Settings) -> Store:
    """The database of NASKAH_DATABASE_URL (SQLite in NASKAH_DATA_DIR by default), migrated."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Store.open(settings.effective_database_url)


def open_library(
    settings: Settings,
    workers: WorkerPool | None = None,
    *,
    store: Store | None = None,
    with_index: bool = True,
    writes_index: bool = True,
) -> Library:
    """Store, files, index and workers (not yet started unless the caller started them:
    `workers`); pending index changes applied. A `store` given (create_app shares one with
    accounts and jobs) is the library's from then on: `close` closes it. Without
    `with_index` (a job worker beside the web process's embedded index) index changes stay
    pending for the web process; without `writes_index` (a web process beside the one
    writing the embedded index) it searches a reader of that index and leaves its changes
    pending for the writer."""
    store = store if store is not None else open_store(settings)
    writes = writes_index or bool(settings.meili_url)
    library = Library(
        store,
        FileStore(settings.files_dir),
        open_index(settings, is_writer=writes) if with_index else None,
        workers if workers is not None else open_workers(settings),
        writes_index=writes,
    )
    library.start()
    return library


# Reviewers ask for "every earlier clause on the same matter": among the most similar
# candidates, clauses of the same category (dispute resolution, term, ...) come first, each
# group ranked by wording similarity. Shared boilerplate words otherwise let an unrelated
# clause outrank a same-matter clause worded differently.
_SAME_MATTER_POOL = 3


def _same_matter_first(hits: list[ClauseHit], category: str | None, limit: int) -> list[ClauseHit]:
    if not category or category == "other":
        return hits[:limit]
    ranked = sorted(hits, key=lambda h: (h.category != category, -h.score))
    return ranked[:limit]
