"""Tables of the store. Migrations in store/migrations mirror these; change both together."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


REGISTER_COLUMNS: tuple[str, ...] = (
    "signed_date",
    "doc_type",
    "cooperation_kind",
    "language",
    "end_date",
    "open_doubts",
    "effective_date",
    "updated_at",
    # not first: a list's page reads ix_agreements_created_at_id in its order instead
    "trashed_at",
    "created_at",
    "id",
)

# Every column the register's filters and orders read (migration 0018, SQLite only): a words
# or party filter, or the order by title, reads the index, not the rows, whose columns past
# `text` (added later) SQLite reaches through the text's overflow pages.
REGISTER_TEXT_COLUMNS: tuple[str, ...] = (
    # first: a status filter is a range of the effective end, read from this index too
    "end_date",
    "title_folded",
    "parties_folded",
    "search_text",
    "sector_keys",
    "expiry_date",
    "signed_date",
    "doc_type",
    "cooperation_kind",
    "language",
    "open_doubts",
    "effective_date",
    "updated_at",
    "trashed_at",
    "created_at",
    "id",
)


class AgreementRow(Base):
    """One stored original and the machine's extraction of it.

    `machine` is the schema dict as extracted, without clauses (they are rows of `clauses`).
    The columns after it are effective values (corrections applied), kept for listing and filters.
    """

    __tablename__ = "agreements"
    # the list's orders (migration 0007): a page of it reads an index, not the whole table
    __table_args__ = (
        Index("ix_agreements_created_at_id", "created_at", "id"),
        Index("ix_agreements_title_id", "title", "id"),
        # the register's counts and its Kelengkapan's freshness read these columns of every
        # live agreement: from this index, not from the rows with their text (migration 0016)
        Index("ix_agreements_register", *REGISTER_COLUMNS),
        # PostgreSQL keeps long text out of line, and limits a B-tree entry to ~2.7 kB
        Index("ix_agreements_register_text", *REGISTER_TEXT_COLUMNS).ddl_if(dialect="sqlite"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    machine: Mapped[dict[str, Any]] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text, default="")
    # field name -> [start, end] in `text`: where the machine found each value (review form)
    spans: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    extractor_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    doc_type: Mapped[str] = mapped_column(String(16), index=True)
    language: Mapped[str] = mapped_column(String(8), index=True)
    title: Mapped[str] = mapped_column(Text)
    party_names: Mapped[str] = mapped_column(Text, default="")
    signed_date: Mapped[date | None] = mapped_column(Date, index=True)
    expiry_date: Mapped[date | None] = mapped_column(Date, index=True)
    # normalised agreement numbers and cited numbers, each as '\n<key>\n' (migration 0006)
    number_keys: Mapped[str | None] = mapped_column(Text, nullable=True)
    reference_keys: Mapped[str | None] = mapped_column(Text, nullable=True)
    # in the trash since then, by whom (migration 0009): out of every read but the trash's.
    # No index: one would lead SQLite away from the list's order indexes (migration 0007)
    # for every `trashed_at IS NULL`, and the trash is read rarely.
    trashed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    trashed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # the machine's clauses (migration 0010) once a person corrected a clause: `clauses` then
    # holds them with the clause corrections replayed (store/clause_edits.py). None: the
    # rows of `clauses` are the machine's own.
    machine_clauses: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    # the machine's reasons to doubt its values (migration 0012: ingest.model.Doubt dicts),
    # and how many doubted fields no person has confirmed or corrected since (the register's
    # "ada keraguan belum ditinjau"); kept on every change of the machine or the corrections
    doubts: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    open_doubts: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    # What follows from the effective text (migration 0014, ingest.model.Profile): the whole
    # profile (partner types in the order of the parties), and as filter columns the
    # cooperation kind, the partner types and fields of affairs as '\n<code>\n' keys, the OPD.
    # Derived at extraction; again only when a correction changes what it depends on.
    profile: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    cooperation_kind: Mapped[str] = mapped_column(
        String(16), default="other", server_default="other", index=True
    )
    partner_type_keys: Mapped[str] = mapped_column(Text, default="", server_default="")
    sector_keys: Mapped[str] = mapped_column(Text, default="", server_default="")
    regional_office: Mapped[str | None] = mapped_column(Text, nullable=True)
    # casefolded for the register's filters and order: title, subject, numbers, parties and
    # file name (the words filter); the parties one a line; the title
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    parties_folded: Mapped[str] = mapped_column(Text, default="", server_default="")
    title_folded: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Its standing whatever the day (store/standing.py), recomputed when it or an agreement
    # citing it changes: the later end an addendum gives, the effective end (that or its
    # expiry; the status is it against today), whether a later agreement renews it. And the
    # effective start date (what the Kelengkapan's fingerprint of an undated one reads).
    extended_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    effective_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    renewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    clauses: Mapped[list[ClauseRow]] = relationship(
        back_populates="agreement",
        order_by="ClauseRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    corrections: Mapped[list[CorrectionRow]] = relationship(
        order_by="CorrectionRow.id", cascade="all, delete-orphan", passive_deletes=True
    )
    versions: Mapped[list[VersionRow]] = relationship(
        order_by="VersionRow.number", cascade="all, delete-orphan", passive_deletes=True
    )
    clause_corrections: Mapped[list[ClauseCorrectionRow]] = relationship(
        order_by="ClauseCorrectionRow.id", cascade="all, delete-orphan", passive_deletes=True
    )
    # `reference_keys` one row each, for "who cites this number" by an index (migration 0016)
    cited: Mapped[list[CitedKeyRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class CitedKeyRow(Base):
    """A normalised number an agreement cites (as in `AgreementRow.reference_keys`): the
    register finds the agreements citing a page's rows by `key`'s index, not by reading
    every agreement's references (migration 0016)."""

    __tablename__ = "cited_keys"
    __table_args__ = (Index("ix_cited_keys_key", "key"),)

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(Text, primary_key=True)


class ClauseRow(Base):
    __tablename__ = "clauses"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16))
    heading: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)

    agreement: Mapped[AgreementRow] = relationship(back_populates="clauses")


class CorrectionRow(Base):
    """A person's value for one top-level field. Kept apart: re-extraction never touches it.

    The latest row per (agreement, field) wins; older rows are the history. A correction of
    a field a new version of the file changed is set aside (`retired_in`: that version's
    number): it stays in the history but no longer applies.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[Any] = mapped_column(JSON)
    author: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    retired_in: Mapped[int | None] = mapped_column(Integer, nullable=True)


class VersionRow(Base):
    """An earlier file of an agreement, replaced by a newer one (the signed scan of a draft):
    its original (still in the file store) and what the machine read from it."""

    __tablename__ = "agreement_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)  # 1 for the first file
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    machine: Mapped[dict[str, Any]] = mapped_column(JSON)  # schema dict, clauses included
    extractor_version: Mapped[str] = mapped_column(String(32))
    stored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClauseCorrectionRow(Base):
    """A person's change to the clauses (add, delete, split, merge, edit), replayed in order
    over the machine's clauses (store/clause_edits.py says how each finds its clause)."""

    __tablename__ = "clause_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    op: Mapped[str] = mapped_column(String(16))
    target: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    author: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PendingIndexRow(Base):
    """An index change not yet applied; written in the same transaction as the change itself."""

    __tablename__ = "pending_index"

    agreement_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    op: Mapped[str] = mapped_column(String(8))  # "upsert" | "delete"
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SynonymRow(Base):
    __tablename__ = "synonyms"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    terms: Mapped[list[str]] = mapped_column(JSON)
    # terms the group finds one way only (SynonymGroup.also); NULL before migration 0017
    also: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class MetaRow(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RejectionRow(Base):
    """Why a file was refused (the file itself is not kept): the stored reason of a failed add."""

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(512))
    size: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobRow(Base):
    """A background extraction (store/migrations/versions/0004_jobs.py says what each column is)."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "add" | "ocr" | "version"
    state: Mapped[str] = mapped_column(
        String(16), index=True
    )  # queued|running|done|failed|cancelled
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(512))
    size: Mapped[int] = mapped_column(Integer)
    languages: Mapped[str] = mapped_column(String(16))
    force_all: Mapped[bool] = mapped_column(Boolean, default=False)
    agreement_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    page: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    message: Mapped[str | None] = mapped_column(Text, nullable=True)
    # what the error carries (file name, limits) for the UI's message (migration 0009)
    values: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the worker holding a running job, and until when (migration 0015)
    claimed_by: Mapped[str | None] = mapped_column(String(96), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    # a check job's Agreement (JSON), for the web process holding its draft
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (Index("ix_jobs_state_created", "state", "created_at"),)


class UserRow(Base):
    """A person who signs in. `role` is viewer, editor or admin; a disabled user keeps its
    rows (the audit log and corrections name it) but can neither sign in nor use a token."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    """A script's token: only its sha256 is kept; `prefix` (shown in lists) finds the row."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SessionRow(Base):
    """A browser session: the cookie holds a secret whose sha256 is `id`; the CSRF token that
    the session's pages carry in forms and fetch headers is kept beside it."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class AuditRow(Base):
    """Who did what to what, and when. `actor` is a name, not a key: the log outlives users."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(512), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    client: Mapped[str] = mapped_column(String(64), default="")


class CheckRuleRow(Base):
    """A check rule an admin switched (migration 0008): off while `disabled`. A rule without
    a row is on; `changed_by` is a name, as in the audit log."""

    __tablename__ = "check_rules"

    rule: Mapped[str] = mapped_column(String(64), primary_key=True)
    disabled: Mapped[bool] = mapped_column(Boolean)
    changed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CheckSummaryRow(Base):
    """An agreement's Kelengkapan (migration 0011): `met` of `total` requirements of its rule
    pack, valid while `fingerprint` matches what the result depends on."""

    __tablename__ = "check_summaries"

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64))
    met: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SentReminderRow(Base):
    """One expiry reminder (migration 0013): the mail for an agreement at `mark_days` before
    the end date it then had. UNIQUE (agreement, mark, end date): a process claims the row
    (status "sending") before it sends, so a restart or a second server never sends it twice;
    a new end date (an addendum) is a new reminder. Then "sent" or "failed" (tried again
    while `attempts` is below the limit)."""

    __tablename__ = "sent_reminders"
    __table_args__ = (
        UniqueConstraint("agreement_id", "mark_days", "end_date", name="uq_sent_reminders_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    mark_days: Mapped[int] = mapped_column(Integer)
    end_date: Mapped[date] = mapped_column(Date)
    recipients: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the step that failed (ReminderNotSent.problem): the page says it in its own words
    error_step: Mapped[str | None] = mapped_column(String(16), nullable=True)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ReminderContactRow(Base):
    """Who an agreement's reminders go to (migration 0013): the responsible unit (None: the
    OPD the register derives) and its e-mail addresses, as an editor set them."""

    __tablename__ = "reminder_contacts"

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    unit: Mapped[str | None] = mapped_column(Text, nullable=True)
    emails: Mapped[list[str]] = mapped_column(JSON)
    changed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
