"""The store: agreements, clauses and corrections in SQL, the source of truth for the index.

Every change that the index must follow writes its pending-index row in the same transaction.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
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

from ingest.model import Agreement, agreement_from_dict
from search_api.errors import AgreementNotFound, ClauseNotFound
from search_api.index.base import SynonymGroup
from search_api.index.text import normalise_number
from search_api.store.models import (
    AgreementRow,
    ClauseRow,
    CorrectionRow,
    MetaRow,
    PendingIndexRow,
    RejectionRow,
    SynonymRow,
)

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
    """One recorded correction: who set which field to what, and when."""

    field: str
    value: Any
    author: str | None
    created_at: datetime


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
HEAD_REVISION = "0013"


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
        with self.session() as s:
            row = s.scalar(_loaded().where(AgreementRow.sha256 == sha256))
            return _stored(row) if row else None

    def stored_sha256(self, hashes: Sequence[str]) -> set[str]:
        """Which of these file hashes are stored already (one query per 500)."""
        found: set[str] = set()
        with self.session() as s:
            for start in range(0, len(hashes), 500):
                chunk = list(hashes[start : start + 500])
                found.update(
                    s.scalars(select(AgreementRow.sha256).where(AgreementRow.sha256.in_(chunk)))
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
            extractor_version=extractor_version,
            created_at=now,
            updated_at=now,
        )
        _denormalise(row, agreement)
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
                stored = _stored_from(row, clauses, {})  # what `get` reads back, unread
        except IntegrityError:
            existing = self.find_by_sha(agreement.source.sha256)
            if existing is None:
                raise
            return existing, False
        log.info("store step=add agreement=%s clauses=%d", agreement_id, len(clauses))
        return stored, True

    def get(self, agreement_id: str) -> StoredAgreement:
        with self.session() as s:
            row = s.scalar(_loaded().where(AgreementRow.id == agreement_id))
            if row is None:
                raise AgreementNotFound(agreement_id)
            return _stored(row)

    def get_many(
        self, agreement_ids: Sequence[str], *, brief: bool = False
    ) -> list[StoredAgreement]:
        """These agreements (a missing id is left out); `brief` as in `listing`."""
        with self.session() as s:
            query = _brief() if brief else _loaded()
            rows = s.scalars(query.where(AgreementRow.id.in_(agreement_ids))).all()
            return [_stored(row, brief=brief) for row in rows]

    def versions(self) -> list[tuple[str, datetime]]:
        """Every agreement's id and when it last changed, oldest first (as `listing` sorted
        by created_at): one light query, for caches of reads of the whole store."""
        with self.session() as s:
            rows = s.execute(
                select(AgreementRow.id, AgreementRow.updated_at).order_by(
                    AgreementRow.created_at, AgreementRow.id
                )
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
                .where(
                    ClauseRow.agreement_id.in_(agreement_ids),
                    ClauseRow.category.in_(categories),
                )
                .order_by(ClauseRow.agreement_id, ClauseRow.position)
            ).all()
        for agreement_id, clause_text in rows:
            found.setdefault(agreement_id, []).append(clause_text)
        return found

    def listing(self, f: ListFilter, *, brief: bool = False) -> tuple[int, list[StoredAgreement]]:
        """A page of agreements matching the filter, and how many match in all. `brief`
        leaves out what a list does not show: clauses, full text and spans (read as empty)."""
        conditions: list[Any] = []
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
        if f.status == "active":
            conditions.append(AgreementRow.expiry_date >= today)
        elif f.status == "expired":
            conditions.append(AgreementRow.expiry_date < today)
        elif f.status == "unknown":
            conditions.append(AgreementRow.expiry_date.is_(None))
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
            row = s.scalar(_loaded().where(AgreementRow.id == agreement_id))
            if row is None:
                raise AgreementNotFound(agreement_id)
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
            _denormalise(row, _stored(row).agreement)
            _queue(s, agreement_id, "upsert")
        log.info(
            "store step=correct agreement=%s fields=%s", agreement_id, ",".join(sorted(values))
        )
        return self.get(agreement_id)

    def replace_machine(
        self, agreement_id: str, agreement: Agreement, *, extractor_version: str
    ) -> StoredAgreement:
        """Store a new extraction of the same file (after an upgrade); corrections are kept."""
        with self.session() as s:
            row = s.scalar(_loaded().where(AgreementRow.id == agreement_id))
            if row is None:
                raise AgreementNotFound(agreement_id)
            machine = agreement.to_dict()
            machine.pop("clauses")
            row.machine = machine
            row.text = agreement.text
            row.spans = _spans_json(agreement)
            row.extractor_version = extractor_version
            row.updated_at = _now()
            row.clauses.clear()
            s.flush()
            row.clauses.extend(
                ClauseRow(
                    id=f"{agreement_id}-{position}",
                    position=position,
                    number=clause.number,
                    heading=clause.heading,
                    category=clause.category,
                    text=clause.text,
                )
                for position, clause in enumerate(agreement.clauses, 1)
            )
            _denormalise(row, _stored(row).agreement)
            _queue(s, agreement_id, "upsert")
        return self.get(agreement_id)

    def corrections(self, agreement_id: str) -> tuple[dict[str, Any], list[CorrectionEntry]]:
        """The machine's values (schema dict without clauses) and every correction, oldest first."""
        with self.session() as s:
            row = s.scalar(_loaded().where(AgreementRow.id == agreement_id))
            if row is None:
                raise AgreementNotFound(agreement_id)
            entries = [
                CorrectionEntry(c.field, c.value, c.author, c.created_at) for c in row.corrections
            ]
            return dict(row.machine), entries

    def delete(self, agreement_id: str) -> str:
        """Delete the agreement (clauses and corrections too); returns the file's sha256."""
        with self.session() as s:
            row = s.get(AgreementRow, agreement_id)
            if row is None:
                raise AgreementNotFound(agreement_id)
            sha = row.sha256
            s.delete(row)
            _queue(s, agreement_id, "delete")
        log.info("store step=delete agreement=%s", agreement_id)
        return sha

    def related(self, agreement_id: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
        """Agreements linked by number: ([(cited number, ids of agreements bearing it)], ids
        of agreements citing one of this one's numbers), oldest signed first. Raises
        AgreementNotFound."""
        with self.session() as s:
            row = s.scalar(_loaded().where(AgreementRow.id == agreement_id))
            if row is None:
                raise AgreementNotFound(agreement_id)
            agreement = _stored(row).agreement
            # oldest signed first, undated last, on SQLite as on PostgreSQL
            order = (AgreementRow.signed_date.is_(None), AgreementRow.signed_date, AgreementRow.id)
            cites: list[tuple[str, list[str]]] = []
            for number in agreement.references:
                key = normalise_number(number)
                found = s.scalars(
                    select(AgreementRow.id)
                    .where(
                        AgreementRow.id != agreement_id,
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
        with self.session() as s:
            return (
                s.scalar(select(AgreementRow.id).where(AgreementRow.sha256 == sha256)) is not None
            )

    def clause(self, clause_id: str) -> tuple[StoredClause, str]:
        """A clause and its agreement's id."""
        with self.session() as s:
            row = s.get(ClauseRow, clause_id)
            if row is None:
                raise ClauseNotFound(clause_id)
            return _clause(row), row.agreement_id

    def count(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(AgreementRow)) or 0

    def shas(self) -> dict[str, str]:
        """sha256 -> agreement id of every stored agreement."""
        with self.session() as s:
            return {
                sha: agreement_id
                for agreement_id, sha in s.execute(select(AgreementRow.id, AgreementRow.sha256))
            }

    def ids_after(self, after: str, limit: int) -> list[str]:
        with self.session() as s:
            return list(
                s.scalars(
                    select(AgreementRow.id)
                    .where(AgreementRow.id > after)
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
            return [SynonymGroup(r.name, tuple(r.terms)) for r in rows]

    def set_synonyms(self, groups: Sequence[SynonymGroup]) -> None:
        with self.session() as s:
            s.execute(delete(SynonymRow))
            for group in groups:
                s.add(SynonymRow(name=group.name, terms=list(group.terms)))

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


def _loaded() -> Any:
    return select(AgreementRow).options(
        selectinload(AgreementRow.clauses), selectinload(AgreementRow.corrections)
    )


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
        corrections[correction.field] = correction.value
    if brief:
        return _stored_from(row, [], corrections, brief=True)
    return _stored_from(row, [_clause(c) for c in row.clauses], corrections)


def _stored_from(
    row: AgreementRow,
    clauses: list[StoredClause],
    corrections: dict[str, Any],
    *,
    brief: bool = False,
) -> StoredAgreement:
    effective = {**row.machine, **corrections}
    effective["clauses"] = [
        {"number": c.number, "heading": c.heading, "category": c.category, "text": c.text}
        for c in clauses
    ]
    if brief:  # never touch the deferred columns: each would cost a query
        agreement = agreement_from_dict(effective)
    else:
        spans = {name: (int(v[0]), int(v[1])) for name, v in (row.spans or {}).items()}
        agreement = replace(agreement_from_dict(effective), text=row.text, spans=spans)
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
    row.number_keys = _keys(agreement.numbers)
    row.reference_keys = _keys(agreement.references)


def _keys(numbers: Sequence[str]) -> str:
    """'\n<key>\n<key>\n': each normalised number between newlines (LIKE '%\n<key>\n%')."""
    keys = sorted({normalise_number(n) for n in numbers if n.strip()})
    return "\n" + "".join(f"{key}\n" for key in keys) if keys else ""
