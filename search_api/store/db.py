"""The store: agreements, clauses and corrections in SQL, the source of truth for the index.

Every change that the index must follow writes its pending-index row in the same transaction.
An agreement in the trash (`trashed_at`) is out of every read but the trash's own; its rows
and its originals stay until it is purged. The rows of `clauses` are the effective clauses:
the machine's, with the clause corrections replayed over them (store/clause_edits.py).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, selectinload, sessionmaker

from ingest.model import (
    Agreement,
    Clause,
    Profile,
    agreement_from_dict,
    doubt_from_dict,
    profile_from_dict,
)
from ingest.profile import PROFILE_FIELDS, profile_of
from search_api.errors import (
    AgreementNotFound,
    ClauseNotFound,
    FileOfOtherAgreement,
    InvalidClauseCorrection,
    NotInTrash,
    SameVersion,
    VersionNotFound,
)
from search_api.index.base import SynonymGroup
from search_api.index.text import normalise_number
from search_api.store.clause_edits import (
    OPS,
    ClauseEdit,
    ClauseRef,
    Op,
    Outcome,
    apply,
    clause_dicts,
    clauses_from,
    replay,
)
from search_api.store.models import (
    AgreementRow,
    CheckSummaryRow,
    CitedKeyRow,
    ClauseCorrectionRow,
    ClauseRow,
    CorrectionRow,
    MetaRow,
    PendingIndexRow,
    RejectionRow,
    SynonymRow,
    VersionRow,
)
from search_api.store.standing import extension

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"

# Top-level schema fields a person may correct. `source` is a file fact; clauses have their own rows.
CORRECTABLE: frozenset[str] = frozenset(
    {
        "language",
        "doc_type",
        "title",
        "subject",
        "numbers",
        "parties",
        "signed_date",
        "signed_place",
        "effective_date",
        "term",
        "expiry_date",
        "references",
    }
)


@dataclass(frozen=True, slots=True)
class StoredClause:
    clause_id: str
    position: int
    number: str
    heading: str | None
    category: str | None
    text: str


@dataclass(frozen=True, slots=True)
class StoredAgreement:
    """An agreement as stored: effective values (machine overlaid by corrections) and file facts."""

    id: str
    sha256: str
    filename: str
    media_type: str
    size: int
    created_at: datetime
    updated_at: datetime
    agreement: Agreement
    clauses: list[StoredClause]
    corrections: dict[str, Any]
    trashed_at: datetime | None = None
    trashed_by: str | None = None
    # the current file's number: 1 until a new version replaced it (None: not read, in lists)
    version: int | None = 1
    # its standing whatever the day (store/standing.py): the later end an addendum citing it
    # gives, and whether a later agreement of its kind renews it
    extended_until: date | None = None
    renewed: bool = False
    # doubted fields no person has confirmed or corrected since (migration 0012)
    open_doubts: int = 0

    @property
    def end_date(self) -> date | None:
        """Its effective end: an addendum's later end, else its expiry."""
        return self.extended_until or self.agreement.expiry_date


@dataclass(frozen=True, slots=True)
class ListFilter:
    doc_type: str | None = None
    language: str | None = None
    party: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    status: str | None = None
    sort: str = "-created_at"
    offset: int = 0
    limit: int = 20
    today: date | None = None


@dataclass(frozen=True, slots=True)
class CorrectionEntry:
    """One recorded correction: who set which field to what, and when; `retired_in` is the
    version whose file changed the field (the correction no longer applies)."""

    field: str
    value: Any
    author: str | None
    created_at: datetime
    retired_in: int | None = None


@dataclass(frozen=True, slots=True)
class ClauseCorrection:
    """One recorded clause correction and how it went on the clauses as they are now."""

    op: str
    target: ClauseRef | None
    values: dict[str, Any]
    author: str | None
    created_at: datetime
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One file of an agreement: an earlier one (`replaced_at` set) or the current one.
    `changed` names the fields the next file read differently ('clauses' for the clauses)."""

    number: int
    sha256: str
    filename: str
    media_type: str
    size: int
    stored_at: datetime
    replaced_at: datetime | None
    changed: list[str]


@dataclass(frozen=True, slots=True)
class VersionChange:
    """What a new version did: its number, the fields it reads differently from the file it
    replaced, and the corrected fields among them (those corrections are set aside)."""

    number: int
    changed: list[str]
    set_aside: list[str]


@dataclass(frozen=True, slots=True)
class TrashItem:
    """An agreement in the trash (read brief: no clauses or text), since when and by whom."""

    stored: StoredAgreement
    trashed_at: datetime
    trashed_by: str | None


@dataclass(frozen=True, slots=True)
class Rejection:
    """A refused file: when, which (name, sha256, size) and why (error code and message)."""

    sha256: str
    filename: str
    size: int
    code: str
    message: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PendingChange:
    agreement_id: str
    op: str


def _now() -> datetime:
    return datetime.now(UTC)


# The newest migration in migrations/versions (tests/search_api/test_store.py checks it):
# a store already there opens without loading Alembic, which costs a command ~0.2 s.
HEAD_REVISION = "0018"


def schema_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a new database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
        return None if revision is None else str(revision)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (run at every start; a no-op when current)."""
    if schema_revision(engine) == HEAD_REVISION:
        return
    # Alembic announces each of its plugins at INFO when it loads; the upgrades themselves
    # ("Running upgrade 0004 -> 0005, ...") stay in the log.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect, migrate and seed the default synonyms on first start."""
        is_sqlite = url.startswith("sqlite")
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30} if is_sqlite else {},
            pool_pre_ping=not is_sqlite,
        )
        if is_sqlite:
            event.listen(engine, "connect", _sqlite_pragmas)
        migrate(engine)
        store = cls(engine)
        store._seed_synonyms()
        store._fill_number_keys()
        log.info("store step=open dialect=%s", engine.dialect.name)
        return store

    def close(self) -> None:
        self.engine.dispose()

    def _fill_number_keys(self, batch: int = 200) -> None:
        """Agreements stored before migration 0006 get their number keys (once)."""
        filled = 0
        while True:
            with self.session() as s:
                rows = s.scalars(
                    _loaded().where(AgreementRow.number_keys.is_(None)).limit(batch)
                ).all()
                for row in rows:
                    _denormalise(row, _stored(row).agreement)
            filled += len(rows)
            if len(rows) < batch:
                break
        if filled:
            log.info("store step=migrate number_keys agreements=%d", filled)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # -- agreements -------------------------------------------------------------------------

    def find_by_sha(self, sha256: str) -> StoredAgreement | None:
        """The agreement whose file (current or earlier version) this is, in the trash too
        (see `trashed_at`)."""
        with self.session() as s:
            row = s.scalar(_loaded().where(AgreementRow.sha256 == sha256))
            if row is None:
                owner = s.scalar(
                    select(VersionRow.agreement_id).where(VersionRow.sha256 == sha256).limit(1)
                )
                row = s.scalar(_loaded().where(AgreementRow.id == owner)) if owner else None
            return _stored(row) if row else None

    def stored_sha256(self, hashes: Sequence[str]) -> set[str]:
        """Which of these file hashes are stored already, as an agreement (in the trash too)
        or an earlier version of one (one query per 500)."""
        found: set[str] = set()
        with self.session() as s:
            for start in range(0, len(hashes), 500):
                chunk = list(hashes[start : start + 500])
                found.update(
                    s.scalars(select(AgreementRow.sha256).where(AgreementRow.sha256.in_(chunk)))
                )
                found.update(
                    s.scalars(select(VersionRow.sha256).where(VersionRow.sha256.in_(chunk)))
                )
        return found

    def add(
        self, agreement: Agreement, *, size: int, extractor_version: str
    ) -> tuple[StoredAgreement, bool]:
        """Insert the agreement, its clauses and its pending-index row in one transaction.

        Returns (stored, created); created is False when the same file was already stored.
        """
        agreement_id = uuid.uuid4().hex
        machine = agreement.to_dict()
        machine.pop("clauses")
        now = _now()
        row = AgreementRow(
            id=agreement_id,
            sha256=agreement.source.sha256,
            filename=agreement.source.filename,
            media_type=agreement.source.media_type,
            size=size,
            machine=machine,
            text=agreement.text,
            spans=_spans_json(agreement),
            doubts=[d.to_dict() for d in agreement.doubts],
            extractor_version=extractor_version,
            created_at=now,
            updated_at=now,
        )
        _denormalise(row, agreement)
        _set_profile(row, agreement.profile or profile_of(agreement))
        clauses = [
            StoredClause(
                f"{agreement_id}-{position}",
                position,
                clause.number,
                clause.heading,
                clause.category,
                clause.text,
            )
            for position, clause in enumerate(agreement.clauses, 1)
        ]
        try:
            with self.session() as s:
                s.add(row)
                s.flush()
                if clauses:
                    # one executemany: the unit of work per clause object cost ~5 ms a file
                    s.execute(
                        insert(ClauseRow),
                        [
                            {
                                "id": c.clause_id,
                                "agreement_id": agreement_id,
                                "position": c.position,
                                "number": c.number,
                                "heading": c.heading,
                                "category": c.category,
                                "text": c.text,
                            }
                            for c in clauses
                        ],
                    )
                _queue(s, agreement_id, "upsert")
                _restand(s, {agreement_id} | _targets(s, row.reference_keys), agreement_id)
                stored = _stored_from(row, clauses, {}, version=1)  # what `get` reads back, unread
        except IntegrityError:
            existing = self.find_by_sha(agreement.source.sha256)
            if existing is None:
                raise
            return existing, False
        log.info("store step=add agreement=%s clauses=%d", agreement_id, len(clauses))
        return stored, True

    def get(self, agreement_id: str) -> StoredAgreement:
        """An agreement not in the trash. Raises AgreementNotFound."""
        with self.session() as s:
            return _stored(_live_row(s, agreement_id))

    def get_many(
        self, agreement_ids: Sequence[str], *, brief: bool = False
    ) -> list[StoredAgreement]:
        """These agreements (a missing id is left out); `brief` as in `listing`."""
        with self.session() as s:
            query = _brief() if brief else _loaded()
            rows = s.scalars(query.where(AgreementRow.id.in_(agreement_ids), _LIVE)).all()
            return [_stored(row, brief=brief) for row in rows]

    def versions(self) -> list[tuple[str, datetime]]:
        """Every agreement's id and when it last changed, oldest first (as `listing` sorted
        by created_at): one light query, for caches of reads of the whole store."""
        with self.session() as s:
            rows = s.execute(
                select(AgreementRow.id, AgreementRow.updated_at)
                .where(_LIVE)
                .order_by(AgreementRow.created_at, AgreementRow.id)
            ).all()
        return [(agreement_id, _utc(moment)) for agreement_id, moment in rows]

    def clause_texts(
        self, agreement_ids: Sequence[str], categories: Sequence[str]
    ) -> dict[str, list[str]]:
        """The texts of the agreements' clauses of these categories, in clause order, by
        agreement id (agreements without such a clause are left out). One query, no ORM
        objects: what the register needs of the clauses, without loading them all."""
        found: dict[str, list[str]] = {}
        with self.session() as s:
            rows = s.execute(
                select(ClauseRow.agreement_id, ClauseRow.text)
                .join(AgreementRow, AgreementRow.id == ClauseRow.agreement_id)
                .where(
                    ClauseRow.agreement_id.in_(agreement_ids),
                    ClauseRow.category.in_(categories),
                    _LIVE,
                )
                .order_by(ClauseRow.agreement_id, ClauseRow.position)
            ).all()
        for agreement_id, clause_text in rows:
            found.setdefault(agreement_id, []).append(clause_text)
        return found

    def listing(self, f: ListFilter, *, brief: bool = False) -> tuple[int, list[StoredAgreement]]:
        """A page of agreements matching the filter, and how many match in all. `brief`
        leaves out what a list does not show: clauses, full text and spans (read as empty)."""
        conditions: list[Any] = [_LIVE]
        if f.doc_type:
            conditions.append(AgreementRow.doc_type == f.doc_type)
        if f.language:
            conditions.append(AgreementRow.language == f.language)
        if f.party:
            conditions.append(func.lower(AgreementRow.party_names).contains(f.party.lower()))
        if f.year_from:
            conditions.append(AgreementRow.signed_date >= date(f.year_from, 1, 1))
        if f.year_to:
            conditions.append(AgreementRow.signed_date <= date(f.year_to, 12, 31))
        today = f.today or date.today()
        # the effective end: an addendum's later end counts (store/standing.py)
        if f.status == "active":
            conditions.append(AgreementRow.end_date >= today)
        elif f.status == "expired":
            conditions.append(AgreementRow.end_date < today)
        elif f.status == "unknown":
            conditions.append(AgreementRow.end_date.is_(None))
        column = {
            "created_at": AgreementRow.created_at,
            "signed_date": AgreementRow.signed_date,
            "title": AgreementRow.title,
        }[f.sort.lstrip("-")]
        # ties by id in the same direction: the list's indexes (migration 0007) then give the
        # page in order, without sorting the table
        descending = f.sort.startswith("-")
        order = (column.desc(), AgreementRow.id.desc()) if descending else (column, AgreementRow.id)
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(AgreementRow).where(*conditions)) or 0
            query = _brief() if brief else _loaded()
            rows = s.scalars(
                query.where(*conditions).order_by(*order).offset(f.offset).limit(f.limit)
            ).all()
            return total, [_stored(row, brief=brief) for row in rows]

    def correct(
        self, agreement_id: str, values: dict[str, Any], *, author: str | None = None
    ) -> StoredAgreement:
        """Record a person's values for some fields; the machine's values stay as they were."""
        with self.session() as s:
            row = _live_row(s, agreement_id)
            now = _now()
            for name, value in values.items():
                row.corrections.append(
                    CorrectionRow(
                        agreement_id=agreement_id,
                        field=name,
                        value=value,
                        author=author,
                        created_at=now,
                    )
                )
            row.updated_at = now
            cited_before = _targets(s, row.reference_keys)
            effective = _stored(row).agreement
            _denormalise(row, effective)
            if PROFILE_FIELDS & set(values):
                _set_profile(row, profile_of(effective))
            _queue(s, agreement_id, "upsert")
            _restand(
                s, {agreement_id} | cited_before | _targets(s, row.reference_keys), agreement_id
            )
        log.info(
            "store step=correct agreement=%s fields=%s", agreement_id, ",".join(sorted(values))
        )
        return self.get(agreement_id)

    def replace_machine(
        self, agreement_id: str, agreement: Agreement, *, extractor_version: str
    ) -> StoredAgreement:
        """Store a new extraction of the same file (OCR again, an upgrade); corrections of
        fields and of clauses are kept (the clause corrections replayed over the new clauses).
        Raises AgreementNotFound (also for an agreement in the trash)."""
        with self.session() as s:
            row = _live_row(s, agreement_id)
            _set_machine(s, row, agreement, extractor_version=extractor_version)
            _queue(s, agreement_id, "upsert")
        return self.get(agreement_id)

    # -- versions of an agreement's file ---------------------------------------------------------

    def add_version(
        self, agreement_id: str, agreement: Agreement, *, size: int, extractor_version: str
    ) -> tuple[StoredAgreement, VersionChange]:
        """Make `agreement` (read from a new file) the current version: the current file
        becomes an earlier version, corrections of fields the new file reads differently are
        set aside, the others and every clause correction stay. One transaction. Raises
        AgreementNotFound, SameVersion (the current file again) and FileOfOtherAgreement."""
        source = agreement.source
        with self.session() as s:
            row = _live_row(s, agreement_id)
            if source.sha256 == row.sha256:
                raise SameVersion(agreement_id, source.filename)
            other = s.scalar(
                select(AgreementRow.id).where(
                    AgreementRow.sha256 == source.sha256, AgreementRow.id != agreement_id
                )
            ) or s.scalar(
                select(VersionRow.agreement_id).where(
                    VersionRow.sha256 == source.sha256, VersionRow.agreement_id != agreement_id
                )
            )
            if other:
                raise FileOfOtherAgreement(source.filename, other)
            now = _now()
            archived = len(row.versions) + 1
            before = {**row.machine, "clauses": clause_dicts(_machine_clauses(row))}
            row.versions.append(
                VersionRow(
                    number=archived,
                    sha256=row.sha256,
                    filename=row.filename,
                    media_type=row.media_type,
                    size=row.size,
                    machine=before,
                    extractor_version=row.extractor_version,
                    stored_at=row.versions[-1].replaced_at if row.versions else row.created_at,
                    replaced_at=now,
                )
            )
            changed = changed_fields(before, agreement.to_dict())
            number = archived + 1
            set_aside = sorted(
                {c.field for c in row.corrections if c.retired_in is None and c.field in changed}
            )
            for correction in row.corrections:
                if correction.retired_in is None and correction.field in changed:
                    correction.retired_in = number
            row.sha256 = source.sha256
            row.filename = source.filename
            row.media_type = source.media_type
            row.size = size
            _set_machine(s, row, agreement, extractor_version=extractor_version)
            _queue(s, agreement_id, "upsert")
        log.info(
            "store step=version agreement=%s version=%d changed=%s set_aside=%s",
            agreement_id,
            number,
            ",".join(changed),
            ",".join(set_aside),
        )
        return self.get(agreement_id), VersionChange(number, changed, set_aside)

    def version_list(self, agreement_id: str) -> list[StoredVersion]:
        """Every file of the agreement, the first first, the current one last. Raises
        AgreementNotFound."""
        with self.session() as s:
            row = _live_row(s, agreement_id)
            current_machine = {**row.machine, "clauses": clause_dicts(_machine_clauses(row))}
            machines = [v.machine for v in row.versions] + [current_machine]
            out = [
                StoredVersion(
                    v.number,
                    v.sha256,
                    v.filename,
                    v.media_type,
                    v.size,
                    _utc(v.stored_at),
                    _utc(v.replaced_at),
                    changed_fields(machines[i], machines[i + 1]),
                )
                for i, v in enumerate(row.versions)
            ]
            out.append(
                StoredVersion(
                    len(row.versions) + 1,
                    row.sha256,
                    row.filename,
                    row.media_type,
                    row.size,
                    _utc(row.versions[-1].replaced_at if row.versions else row.created_at),
                    None,
                    [],
                )
            )
            return out

    def version(self, agreement_id: str, number: int) -> StoredVersion:
        """One file of the agreement by its number. Raises AgreementNotFound, VersionNotFound."""
        for found in self.version_list(agreement_id):
            if found.number == number:
                return found
        raise VersionNotFound(agreement_id, number)

    # -- clause corrections ------------------------------------------------------------------

    def correct_clauses(
        self,
        agreement_id: str,
        make: Callable[[list[Clause]], ClauseEdit],
        *,
        author: str | None = None,
    ) -> StoredAgreement:
        """Record a clause correction: `make` gets the clauses as they are now (corrections
        applied) and answers the change, which must apply to them. Raises AgreementNotFound,
        and InvalidClauseCorrection from `make` or when the change does not apply."""
        with self.session() as s:
            row = _live_row(s, agreement_id)
            current = [Clause(c.number, c.heading, c.category, c.text) for c in row.clauses]
            edit = make(current)
            _, outcome = apply(current, edit)
            if outcome == "already_present":
                raise InvalidClauseCorrection("already_present", number=str(edit.values["number"]))
            if outcome != "applied":
                raise InvalidClauseCorrection("not_applied")
            machine = _machine_clauses(row)
            row.clause_corrections.append(
                ClauseCorrectionRow(
                    agreement_id=agreement_id,
                    op=edit.op,
                    target=edit.target.to_dict() if edit.target else None,
                    values=edit.values,
                    author=author,
                    created_at=_now(),
                )
            )
            _set_clauses(s, row, machine)
            row.open_doubts = len(open_doubt_fields(row))
            _set_profile(row, profile_of(_stored(row).agreement))  # the clauses changed
            row.updated_at = _now()
            _unjudge(s, {agreement_id} | _citing(s, row.number_keys, but=agreement_id))
            _queue(s, agreement_id, "upsert")
        log.info("store step=correct_clauses agreement=%s op=%s", agreement_id, edit.op)
        return self.get(agreement_id)

    def clause_corrections(self, agreement_id: str) -> list[ClauseCorrection]:
        """Every clause correction, oldest first, with how it went on the current machine
        clauses. Raises AgreementNotFound."""
        with self.session() as s:
            row = _live_row(s, agreement_id)
            edits = [_edit(r) for r in row.clause_corrections]
            outcomes = replay(_machine_clauses(row), edits).outcomes
            return [
                ClauseCorrection(
                    r.op, e.target, dict(r.values), r.author, _utc(r.created_at), outcome
                )
                for r, e, outcome in zip(row.clause_corrections, edits, outcomes, strict=True)
            ]

    def corrections(self, agreement_id: str) -> tuple[dict[str, Any], list[CorrectionEntry]]:
        """The machine's values (schema dict without clauses) and every correction, oldest
        first (those set aside by a new version too, with `retired_in`)."""
        with self.session() as s:
            row = _live_row(s, agreement_id)
            entries = [
                CorrectionEntry(c.field, c.value, c.author, c.created_at, c.retired_in)
                for c in row.corrections
            ]
            return dict(row.machine), entries

    # -- the trash ------------------------------------------------------------------------------

    def trash(self, agreement_id: str, *, by: str | None = None) -> StoredAgreement:
        """Move the agreement into the trash (out of every read but the trash's) and queue
        its removal from the index. Raises AgreementNotFound."""
        with self.session() as s:
            row = _live_row(s, agreement_id)
            row.trashed_at = _now()
            row.trashed_by = by[:64] if by else None
            _queue(s, agreement_id, "delete")
            _restand(s, _targets(s, row.reference_keys), agreement_id)
            stored = _stored(row)
        log.info("store step=trash agreement=%s", agreement_id)
        return stored

    def restore(self, agreement_id: str) -> StoredAgreement:
        """Take the agreement out of the trash, as it was, and queue it for the index.
        Raises NotInTrash."""
        with self.session() as s:
            row = _trashed_row(s, agreement_id)
            row.trashed_at = None
            row.trashed_by = None
            _queue(s, agreement_id, "upsert")
            _restand(s, {agreement_id} | _targets(s, row.reference_keys), agreement_id)
        log.info("store step=restore agreement=%s", agreement_id)
        return self.get(agreement_id)

    def trash_items(self, *, before: datetime | None = None) -> list[TrashItem]:
        """The agreements in the trash, most recently deleted first; with `before`, only
        those deleted before then (expired)."""
        conditions: list[Any] = [AgreementRow.trashed_at.is_not(None)]
        if before is not None:
            conditions.append(AgreementRow.trashed_at < before)
        with self.session() as s:
            rows = s.scalars(
                _brief().where(*conditions).order_by(AgreementRow.trashed_at.desc())
            ).all()
            return [
                TrashItem(_stored(r, brief=True), _utc(r.trashed_at), r.trashed_by)
                for r in rows
                if r.trashed_at is not None
            ]

    def purge(self, agreement_id: str) -> list[str]:
        """Delete an agreement in the trash for good (clauses, corrections, versions too);
        the sha256 of every file it had (the caller removes those nothing else uses).
        Raises NotInTrash."""
        with self.session() as s:
            row = _trashed_row(s, agreement_id)
            shas = sorted({row.sha256, *(v.sha256 for v in row.versions)})
            cited = _targets(s, row.reference_keys)
            s.delete(row)
            _queue(s, agreement_id, "delete")
            _restand(s, cited, agreement_id)
        log.info("store step=purge agreement=%s files=%d", agreement_id, len(shas))
        return shas

    def related(self, agreement_id: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
        """Agreements linked by number: ([(cited number, ids of agreements bearing it)], ids
        of agreements citing one of this one's numbers), oldest signed first; none in the
        trash. Raises AgreementNotFound."""
        with self.session() as s:
            agreement = _stored(_live_row(s, agreement_id)).agreement
            # oldest signed first, undated last, on SQLite as on PostgreSQL
            order = (AgreementRow.signed_date.is_(None), AgreementRow.signed_date, AgreementRow.id)
            cites: list[tuple[str, list[str]]] = []
            for number in agreement.references:
                key = normalise_number(number)
                found = s.scalars(
                    select(AgreementRow.id)
                    .where(
                        AgreementRow.id != agreement_id,
                        _LIVE,
                        AgreementRow.number_keys.contains(f"\n{key}\n", autoescape=True),
                    )
                    .order_by(*order)
                ).all()
                cites.append((number, list(found)))
            own = [normalise_number(n) for n in agreement.numbers if n.strip()]
            cited_by: list[str] = []
            if own:
                cited_by = list(
                    s.scalars(
                        select(AgreementRow.id)
                        .where(
                            AgreementRow.id != agreement_id,
                            _LIVE,
                            or_(
                                *(
                                    AgreementRow.reference_keys.contains(
                                        f"\n{key}\n", autoescape=True
                                    )
                                    for key in own
                                )
                            ),
                        )
                        .order_by(*order)
                    ).all()
                )
            return cites, cited_by

    def numbered(self, number: str, *, exclude: str | None = None) -> list[StoredAgreement]:
        """Agreements whose own numbers include `number` (normalised as migration 0006
        keys it), newest signed first, undated last; `exclude` left out."""
        key = normalise_number(number)
        if not key:
            return []
        with self.session() as s:
            query = _loaded().where(
                AgreementRow.number_keys.contains(f"\n{key}\n", autoescape=True)
            )
            if exclude is not None:
                query = query.where(AgreementRow.id != exclude)
            order = (AgreementRow.signed_date.is_(None), AgreementRow.signed_date.desc())
            rows = s.scalars(query.order_by(*order, AgreementRow.id)).all()
            return [_stored(row) for row in rows]

    def is_file_referenced(self, sha256: str) -> bool:
        """Whether an agreement (in the trash too) or an earlier version has this file."""
        with self.session() as s:
            return (
                s.scalar(select(AgreementRow.id).where(AgreementRow.sha256 == sha256)) is not None
                or s.scalar(select(VersionRow.id).where(VersionRow.sha256 == sha256).limit(1))
                is not None
            )

    def clause(self, clause_id: str) -> tuple[StoredClause, str]:
        """A clause (as corrected) and its agreement's id; none of an agreement in the trash."""
        with self.session() as s:
            row = s.get(ClauseRow, clause_id)
            if row is None or row.agreement.trashed_at is not None:
                raise ClauseNotFound(clause_id)
            return _clause(row), row.agreement_id

    def count(self) -> int:
        """How many agreements there are, not counting the trash."""
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(AgreementRow).where(_LIVE)) or 0

    def shas(self) -> dict[str, str]:
        """sha256 -> agreement id of every agreement not in the trash."""
        with self.session() as s:
            return {
                sha: agreement_id
                for agreement_id, sha in s.execute(
                    select(AgreementRow.id, AgreementRow.sha256).where(_LIVE)
                )
            }

    def titles(self, agreement_ids: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """id -> (title, whether in the trash) of these agreements (unknown ids left out)."""
        with self.session() as s:
            rows = s.execute(
                select(AgreementRow.id, AgreementRow.title, AgreementRow.trashed_at).where(
                    AgreementRow.id.in_(agreement_ids)
                )
            ).all()
        return {i: (title, trashed is not None) for i, title, trashed in rows}

    def kept_shas(self) -> set[str]:
        """The sha256 of every original a row needs: agreements, in the trash too, and their
        earlier versions."""
        with self.session() as s:
            return set(s.scalars(select(AgreementRow.sha256))) | set(
                s.scalars(select(VersionRow.sha256))
            )

    def ids_after(self, after: str, limit: int) -> list[str]:
        with self.session() as s:
            return list(
                s.scalars(
                    select(AgreementRow.id)
                    .where(AgreementRow.id > after, _LIVE)
                    .order_by(AgreementRow.id)
                    .limit(limit)
                )
            )

    # -- pending index changes ------------------------------------------------------------------

    def pending(self, limit: int) -> list[PendingChange]:
        with self.session() as s:
            rows = s.scalars(
                select(PendingIndexRow).order_by(PendingIndexRow.agreement_id).limit(limit)
            ).all()
            return [PendingChange(r.agreement_id, r.op) for r in rows]

    def updated_at(self, agreement_ids: Sequence[str]) -> dict[str, datetime]:
        """When each of these agreements last changed; a missing id is not stored."""
        with self.session() as s:
            rows = s.execute(
                select(AgreementRow.id, AgreementRow.updated_at).where(
                    AgreementRow.id.in_(agreement_ids)
                )
            ).all()
            return {agreement_id: _utc(moment) for agreement_id, moment in rows}

    def pending_count(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(PendingIndexRow)) or 0

    def done(self, changes: Sequence[PendingChange]) -> None:
        """Forget applied changes, unless the row was queued again meanwhile with another op."""
        with self.session() as s:
            for change in changes:
                s.execute(
                    delete(PendingIndexRow).where(
                        PendingIndexRow.agreement_id == change.agreement_id,
                        PendingIndexRow.op == change.op,
                    )
                )

    def queue_all(self, batch: int = 1000) -> int:
        """Queue every agreement for indexing (a rebuild); returns how many."""
        after, queued = "", 0
        while ids := self.ids_after(after, batch):
            with self.session() as s:
                for agreement_id in ids:
                    _queue(s, agreement_id, "upsert")
            queued += len(ids)
            after = ids[-1]
        return queued

    # -- refused files ---------------------------------------------------------------------------

    def add_rejection(
        self, *, sha256: str, filename: str, size: int, code: str, message: str
    ) -> None:
        """Record why a file was refused; nothing else of it is stored."""
        with self.session() as s:
            s.add(
                RejectionRow(
                    sha256=sha256,
                    filename=filename[:512],
                    size=size,
                    code=code[:64],
                    message=message,
                    created_at=_now(),
                )
            )
        log.info("store step=reject sha256=%s code=%s", sha256, code)

    def rejections(self, limit: int = 100) -> list[Rejection]:
        """The latest refusals, newest first."""
        with self.session() as s:
            rows = s.scalars(
                select(RejectionRow).order_by(RejectionRow.id.desc()).limit(limit)
            ).all()
            return [
                Rejection(r.sha256, r.filename, r.size, r.code, r.message, r.created_at)
                for r in rows
            ]

    # -- synonyms and meta ----------------------------------------------------------------------

    def synonyms(self) -> list[SynonymGroup]:
        with self.session() as s:
            rows = s.scalars(select(SynonymRow).order_by(SynonymRow.name)).all()
            return [SynonymGroup(r.name, tuple(r.terms), tuple(r.also or ())) for r in rows]

    def set_synonyms(self, groups: Sequence[SynonymGroup]) -> None:
        with self.session() as s:
            s.execute(delete(SynonymRow))
            for group in groups:
                s.add(SynonymRow(name=group.name, terms=list(group.terms), also=list(group.also)))

    def meta(self, key: str) -> str | None:
        with self.session() as s:
            row = s.get(MetaRow, key)
            return row.value if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        with self.session() as s:
            row = s.get(MetaRow, key)
            if value is None:
                if row:
                    s.delete(row)
            elif row:
                row.value = value
            else:
                s.add(MetaRow(key=key, value=value))

    def _seed_synonyms(self) -> None:
        from search_api.index.synonyms import DEFAULT_SYNONYMS

        if self.meta("synonyms_seeded") is None:
            self.set_synonyms(DEFAULT_SYNONYMS)
            self.set_meta("synonyms_seeded", _now().isoformat())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit is on disk when it returns. NORMAL (WAL's usual pairing) may lose the
    # last commits on power loss, and an upload answered 201 must survive that.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _queue(s: Session, agreement_id: str, op: str) -> None:
    row = s.get(PendingIndexRow, agreement_id)
    if row is None:
        s.add(PendingIndexRow(agreement_id=agreement_id, op=op, queued_at=_now()))
    else:
        row.op = op
        row.queued_at = _now()


# not in the trash: the condition of every read but the trash's
_LIVE = AgreementRow.trashed_at.is_(None)


def _loaded() -> Any:
    return select(AgreementRow).options(
        selectinload(AgreementRow.clauses),
        selectinload(AgreementRow.corrections),
        selectinload(AgreementRow.versions),
    )


def _live_row(s: Session, agreement_id: str) -> AgreementRow:
    row: AgreementRow | None = s.scalar(_loaded().where(AgreementRow.id == agreement_id, _LIVE))
    if row is None:
        raise AgreementNotFound(agreement_id)
    return row


def _trashed_row(s: Session, agreement_id: str) -> AgreementRow:
    row: AgreementRow | None = s.scalar(
        _loaded().where(AgreementRow.id == agreement_id, AgreementRow.trashed_at.is_not(None))
    )
    if row is None:
        raise NotInTrash(agreement_id)
    return row


def _machine_clauses(row: AgreementRow) -> list[Clause]:
    """The machine's clauses: kept apart once a clause was corrected, else the rows."""
    if row.machine_clauses is not None:
        return clauses_from(row.machine_clauses)
    return [Clause(c.number, c.heading, c.category, c.text) for c in row.clauses]


_OPS: dict[str, Op] = {op: op for op in OPS}


def _edit(row: ClauseCorrectionRow) -> ClauseEdit:
    target = ClauseRef.from_dict(row.target) if row.target else None
    return ClauseEdit(_OPS.get(row.op, "edit"), target, dict(row.values))


def _set_clauses(s: Session, row: AgreementRow, machine: list[Clause]) -> None:
    """The clause rows from the machine's clauses with the clause corrections replayed."""
    edits = [_edit(r) for r in row.clause_corrections]
    clauses = replay(machine, edits).clauses if edits else machine
    row.machine_clauses = clause_dicts(machine) if edits else None
    row.clauses.clear()
    s.flush()
    row.clauses.extend(
        ClauseRow(
            id=f"{row.id}-{position}",
            position=position,
            number=clause.number,
            heading=clause.heading,
            category=clause.category,
            text=clause.text,
        )
        for position, clause in enumerate(clauses, 1)
    )


def _set_machine(
    s: Session, row: AgreementRow, agreement: Agreement, *, extractor_version: str
) -> None:
    """A new machine reading of the row's file: values, text, spans and clauses (with the
    clause corrections replayed), effective columns and updated_at."""
    machine = agreement.to_dict()
    machine.pop("clauses")
    row.machine = machine
    row.text = agreement.text
    row.spans = _spans_json(agreement)
    row.doubts = [d.to_dict() for d in agreement.doubts]
    row.extractor_version = extractor_version
    row.updated_at = _now()
    cited_before = _targets(s, row.reference_keys)
    _set_clauses(s, row, list(agreement.clauses))
    effective = _stored(row).agreement
    _denormalise(row, effective)
    reviewed = {c.field for c in row.corrections if c.retired_in is None}
    if row.clause_corrections:
        reviewed.add("clauses")
    # the new reading's own profile, unless a person's values change what it depends on
    use_machine = agreement.profile is not None and not reviewed & PROFILE_FIELDS
    _set_profile(
        row, agreement.profile if use_machine and agreement.profile else profile_of(effective)
    )
    _restand(s, {row.id} | cited_before | _targets(s, row.reference_keys), row.id)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The correctable fields (and 'clauses') two machine readings disagree on."""
    names = [*sorted(CORRECTABLE), "clauses"]
    return [n for n in names if not same_value(before.get(n), after.get(n))]


def same_value(a: Any, b: Any) -> bool:
    """Whether two stored values say the same: strings alike but for spacing, empties alike."""
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()) == " ".join(b.split())
    if isinstance(a, dict) and isinstance(b, dict):
        keys = set(a) | set(b)
        return all(same_value(a.get(k), b.get(k)) for k in keys)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if _is_empty(a) and _is_empty(b):
        return True
    return bool(a == b)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clause(row: ClauseRow) -> StoredClause:
    return StoredClause(row.id, row.position, row.number, row.heading, row.category, row.text)


def _brief() -> Any:
    """Agreements without their clauses, full text and spans: for lists."""
    return select(AgreementRow).options(
        selectinload(AgreementRow.corrections),
        defer(AgreementRow.text),
        defer(AgreementRow.spans),
    )


def _stored(row: AgreementRow, *, brief: bool = False) -> StoredAgreement:
    corrections: dict[str, Any] = {}
    for correction in row.corrections:  # ordered by id: the latest wins
        if correction.retired_in is None:
            corrections[correction.field] = correction.value
    if brief:
        return _stored_from(row, [], corrections, brief=True, version=None)
    clauses = [_clause(c) for c in row.clauses]
    return _stored_from(row, clauses, corrections, version=len(row.versions) + 1)


def _stored_from(
    row: AgreementRow,
    clauses: list[StoredClause],
    corrections: dict[str, Any],
    *,
    brief: bool = False,
    version: int | None,
) -> StoredAgreement:
    effective = {**row.machine, **corrections}
    effective["clauses"] = [
        {"number": c.number, "heading": c.heading, "category": c.category, "text": c.text}
        for c in clauses
    ]
    doubts = tuple(doubt_from_dict(d) for d in row.doubts or [])
    profile = profile_from_dict(row.profile) if row.profile else None
    if brief:  # never touch the deferred columns: each would cost a query
        agreement = replace(agreement_from_dict(effective), doubts=doubts, profile=profile)
    else:
        spans = {name: (int(v[0]), int(v[1])) for name, v in (row.spans or {}).items()}
        agreement = replace(
            agreement_from_dict(effective),
            text=row.text,
            spans=spans,
            doubts=doubts,
            profile=profile,
        )
    return StoredAgreement(
        id=row.id,
        sha256=row.sha256,
        filename=row.filename,
        media_type=row.media_type,
        size=row.size,
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
        agreement=agreement,
        clauses=clauses,
        corrections=corrections,
        trashed_at=_utc(row.trashed_at) if row.trashed_at else None,
        trashed_by=row.trashed_by,
        version=version,
        extended_until=row.extended_until,
        renewed=bool(row.renewed),
        open_doubts=row.open_doubts or 0,
    )


def _utc(moment: datetime) -> datetime:
    """SQLite hands back the UTC times we stored without their zone; PostgreSQL keeps it."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _spans_json(agreement: Agreement) -> dict[str, Any]:
    return {name: [start, end] for name, (start, end) in agreement.spans.items()}


def _denormalise(row: AgreementRow, agreement: Agreement) -> None:
    row.doc_type = agreement.doc_type
    row.language = agreement.language
    row.title = agreement.title
    row.party_names = "\n".join(p.name for p in agreement.parties)
    row.signed_date = agreement.signed_date
    row.expiry_date = agreement.expiry_date
    row.effective_date = agreement.effective_date
    row.number_keys = _keys(agreement.numbers)
    row.reference_keys = _keys(agreement.references)
    cited = {k for k in row.reference_keys.split("\n") if k}
    # rows kept, dropped and added one by one: replacing the list would insert a kept key
    # again before deleting it
    row.cited[:] = [c for c in row.cited if c.key in cited]
    row.cited.extend(CitedKeyRow(key=k) for k in sorted(cited - {c.key for c in row.cited}))
    row.open_doubts = len(open_doubt_fields(row))
    names = [p.name for p in agreement.parties]
    row.search_text = "\n".join(
        [agreement.title, agreement.subject or "", *agreement.numbers, *names, row.filename]
    ).casefold()
    row.parties_folded = "\n".join(names).casefold()
    row.title_folded = agreement.title.casefold()


def _set_profile(row: AgreementRow, profile: Profile) -> None:
    row.profile = profile.to_dict()
    row.cooperation_kind = profile.cooperation_kind
    row.partner_type_keys = codes(profile.partner_types)
    row.sector_keys = codes(profile.sectors)
    row.regional_office = profile.regional_office


def codes(values: Sequence[str]) -> str:
    """'\n<code>\n<code>\n': a set of codes for LIKE '%\n<code>\n%' (empty: none)."""
    found = sorted(set(values))
    return "\n" + "".join(f"{v}\n" for v in found) if found else ""


def _targets(s: Session, reference_keys: str | None) -> set[str]:
    """The live agreements bearing one of these cited numbers ('\n<key>\n' keys)."""
    keys = [k for k in (reference_keys or "").split("\n") if k]
    if not keys:
        return set()
    bearing = [AgreementRow.number_keys.contains(f"\n{k}\n", autoescape=True) for k in keys]
    return set(s.scalars(select(AgreementRow.id).where(_LIVE, or_(*bearing))))


def _citing(s: Session, number_keys: str | None, *, but: str) -> set[str]:
    """The live agreements but `but` citing one of these numbers ('\n<key>\n' keys)."""
    keys = [k for k in (number_keys or "").split("\n") if k]
    if not keys:
        return set()
    citing = [AgreementRow.reference_keys.contains(f"\n{k}\n", autoescape=True) for k in keys]
    return set(
        s.scalars(select(AgreementRow.id).where(_LIVE, AgreementRow.id != but, or_(*citing)))
    )


def _unjudge(s: Session, agreement_ids: set[str]) -> None:
    """Forget the kept Kelengkapan of these agreements (store/check_summaries.py): a check
    reads the agreement and those it cites or that cite it, so a write of one makes all of
    them be judged again."""
    if agreement_ids:
        s.execute(
            delete(CheckSummaryRow).where(CheckSummaryRow.agreement_id.in_(sorted(agreement_ids)))
        )


def _restand(s: Session, agreement_ids: set[str], queued: str | None) -> None:
    """Recompute the standing columns of these agreements from the live agreements citing
    them (store/standing.py); one whose standing changed is queued for the index (its
    status filter reads the effective end), besides `queued`, which already is. `queued` is
    the agreement written: its Kelengkapan, theirs and that of those citing it are forgotten."""
    s.flush()
    if queued is not None:
        written = s.get(AgreementRow, queued)
        citers = _citing(s, written.number_keys, but=queued) if written is not None else set()
        _unjudge(s, agreement_ids | {queued} | citers)
    for agreement_id in sorted(agreement_ids):
        row = s.get(AgreementRow, agreement_id)
        if row is None or row.trashed_at is not None:
            continue
        keys = [k for k in (row.number_keys or "").split("\n") if k]
        follow_ups: list[Any] = []
        if keys:
            citing = [
                AgreementRow.reference_keys.contains(f"\n{k}\n", autoescape=True) for k in keys
            ]
            follow_ups = list(
                s.execute(
                    select(
                        AgreementRow.doc_type, AgreementRow.signed_date, AgreementRow.expiry_date
                    ).where(_LIVE, AgreementRow.id != agreement_id, or_(*citing))
                ).all()
            )
        found = extension(row.doc_type, row.signed_date, row.expiry_date, follow_ups)
        now = (found.extended_until, found.end(row.expiry_date), found.renewed)
        if (row.extended_until, row.end_date, bool(row.renewed)) != now:
            row.extended_until, row.end_date, row.renewed = now
            if agreement_id != queued:
                _queue(s, agreement_id, "upsert")


def open_doubt_fields(row: AgreementRow) -> set[str]:
    """The fields the machine doubts that no person has confirmed or corrected since: a
    correction of the field (a confirmation is one with the machine's value) reviews it, a
    clause correction reviews the clauses."""
    doubted = {str(d["field"]) for d in row.doubts or []}
    reviewed = {c.field for c in row.corrections if c.retired_in is None}
    if row.clause_corrections:
        reviewed.add("clauses")
    return doubted - reviewed


def _keys(numbers: Sequence[str]) -> str:
    """'\n<key>\n<key>\n': each normalised number between newlines (LIKE '%\n<key>\n%')."""
    keys = sorted({normalise_number(n) for n in numbers if n.strip()})
    return "\n" + "".join(f"{key}\n" for key in keys) if keys else ""
