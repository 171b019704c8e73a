"""What the API answers and accepts, named for their role. Field names are the schema's words."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from search_api.agreements import (
    ClauseHit,
    ComplianceReport,
    Gap,
    Hit,
    StoredAgreement,
    StoredVersion,
    TrashItem,
    VersionAdded,
    gaps_of,
    status_of,
)
from search_api.agreements import SearchPage as IndexPage
from search_api.backup import Archive, Backups, Failure
from search_api.jobs import Job


class SourcePublic(BaseModel):
    filename: str
    sha256: str
    media_type: str
    pages: int | None
    ocr: bool


class PartyPublic(BaseModel):
    role: str | None
    name: str
    representative: str | None
    position: str | None


class TermPublic(BaseModel):
    years: int = 0
    months: int = 0
    days: int = 0


class ClausePublic(BaseModel):
    id: str
    number: str
    heading: str | None
    category: str | None
    text: str


class AgreementSummary(BaseModel):
    id: str
    title: str
    doc_type: str
    language: str
    numbers: list[str]
    parties: list[PartyPublic]
    signed_date: date | None
    expiry_date: date | None
    status: str
    filename: str
    created_at: datetime


class AgreementPublic(BaseModel):
    """The stored agreement: the schema's fields (corrections applied) plus id and file facts."""

    id: str
    source: SourcePublic
    language: str
    doc_type: str
    title: str
    subject: str | None
    numbers: list[str]
    parties: list[PartyPublic]
    signed_date: date | None
    signed_place: str | None
    effective_date: date | None
    term: TermPublic | None
    expiry_date: date | None
    references: list[str]
    clauses: list[ClausePublic]
    status: str
    corrected_fields: list[str]
    warnings: list[Gap] = Field(
        default_factory=list,
        description="what the extraction did not find of what every agreement states (no "
        "Pasal/Article, no party, no signing or start date): not a finished extraction, review it",
    )
    version: int = Field(description="the current file's number: 1 until a new version")
    size: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, stored: StoredAgreement) -> AgreementPublic:
        data: dict[str, Any] = stored.agreement.to_dict()
        data["clauses"] = [
            {
                "id": c.clause_id,
                "number": c.number,
                "heading": c.heading,
                "category": c.category,
                "text": c.text,
            }
            for c in stored.clauses
        ]
        return cls(
            id=stored.id,
            status=status_of(stored.end_date, date.today()),
            corrected_fields=sorted(stored.corrections),
            warnings=gaps_of(stored),
            version=stored.version or 1,
            size=stored.size,
            created_at=stored.created_at,
            updated_at=stored.updated_at,
            **data,
        )


def summary_of(stored: StoredAgreement) -> AgreementSummary:
    a = stored.agreement
    return AgreementSummary(
        id=stored.id,
        title=a.title,
        doc_type=a.doc_type,
        language=a.language,
        numbers=a.numbers,
        parties=[PartyPublic(**p.to_dict()) for p in a.parties],
        signed_date=a.signed_date,
        expiry_date=a.expiry_date,
        status=status_of(stored.end_date, date.today()),
        filename=stored.filename,
        created_at=stored.created_at,
    )


class AgreementPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[AgreementSummary]


class AgreementCorrection(BaseModel):
    """Fields a person corrects. Only the fields sent are recorded; the machine's values stay."""

    model_config = ConfigDict(extra="forbid")

    language: Literal["id", "en"] | None = None
    doc_type: Literal["mou", "agreement", "amendment", "other"] | None = None
    title: str | None = None
    subject: str | None = None
    numbers: list[str] | None = None
    parties: list[PartyPublic] | None = None
    signed_date: date | None = None
    signed_place: str | None = None
    effective_date: date | None = None
    term: TermPublic | None = None
    expiry_date: date | None = None
    references: list[str] | None = None


class SearchHit(BaseModel):
    agreement_id: str
    clause_id: str | None
    clause_number: str | None
    heading: str | None
    category: str | None
    title: str
    snippet: str = Field(description="HTML: <mark> around matches, everything else escaped")
    score: float
    signed_date: date | None

    @classmethod
    def of(cls, hit: Hit) -> SearchHit:
        return cls(**{name: getattr(hit, name) for name in cls.model_fields})


class SearchPage(BaseModel):
    total: int
    offset: int
    limit: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = Field(
        None,
        description="when nothing was found: the query with its unknown words corrected, "
        "which finds something (embedded index only)",
    )
    partial: bool = Field(
        False,
        description="no record held every word typed: the hits hold most of them, those "
        "holding more first",
    )
    agreements: list[SearchHit] = Field(
        default_factory=list,
        description="a clause search naming agreement numbers: those agreements (first page "
        "only), shown as cards above their clauses",
    )

    @classmethod
    def of(cls, page: IndexPage, *, offset: int, limit: int) -> SearchPage:
        return cls(
            total=page.total,
            offset=offset,
            limit=limit,
            hits=[SearchHit.of(h) for h in page.hits],
            facets=page.facets,
            suggestion=page.suggestion,
            partial=page.partial,
            agreements=[SearchHit.of(h) for h in page.agreements],
        )


class SimilarClause(BaseModel):
    agreement_id: str
    clause_id: str
    clause_number: str
    heading: str | None
    category: str | None
    title: str
    text: str
    score: float = Field(description="1.0 for identical wording, near 0 for unrelated clauses")

    @classmethod
    def of(cls, hit: ClauseHit) -> SimilarClause:
        return cls(**{name: getattr(hit, name) for name in cls.model_fields})


class SimilarPage(BaseModel):
    hits: list[SimilarClause]


class PrecedentRequest(BaseModel):
    text: str = Field(min_length=1, max_length=50_000, description="a pasted draft clause")
    limit: int = Field(default=10, ge=1, le=50)


class Health(BaseModel):
    status: Literal["ok"]
    engine: str
    agreements: int
    indexed_records: int
    pending_index: int


class JobPublic(BaseModel):
    """A background extraction: an upload that needs OCR, a draft to check, or an editor's
    OCR again."""

    id: str
    kind: Literal["add", "ocr", "check", "version"] = Field(
        description="add: an upload; ocr: OCR again; check: a draft read for its check, never "
        "stored; version: a new file of an agreement"
    )
    state: Literal["queued", "running", "done", "failed", "cancelled"]
    filename: str
    languages: str = Field(description="Tesseract languages: ind, eng or ind+eng")
    all_pages: bool = Field(description="every page is OCR'd, not only those without text")
    page: int = Field(description="pages OCR has finished")
    pages: int = Field(description="pages OCR reads (0 until known)")
    attempts: int
    agreement_id: str | None = Field(description="the agreement made or re-read, when done")
    code: str | None = Field(description="the error code, when failed")
    message: str | None = Field(description="what went wrong and what to do, when failed")
    values: dict[str, Any] = Field(
        default_factory=dict, description="what the error carries (file name, limits), when failed"
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, job: Job) -> JobPublic:
        return cls(
            id=job.id,
            kind=job.kind,
            state=job.state,
            filename=job.filename,
            languages=job.languages,
            all_pages=job.force_all,
            page=job.page,
            pages=job.pages,
            attempts=job.attempts,
            agreement_id=job.agreement_id,
            code=job.code,
            message=job.message,
            values=job.values or {},
            created_at=job.created_at,
            updated_at=job.updated_at,
        )


class JobList(BaseModel):
    items: list[JobPublic]


class OcrRequest(BaseModel):
    languages: Literal["ind", "eng", "ind+eng"] = "ind+eng"
    all_pages: bool = Field(
        default=False, description="OCR every page, not only pages without a usable text layer"
    )


class AuditItem(BaseModel):
    at: datetime
    actor: str | None = Field(description="the user's name; null for a failed sign-in")
    action: str = Field(
        description="login.ok, login.failed, upload, correct, delete, synonyms.change, ..."
    )
    target: str
    detail: str
    client: str


class AuditPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[AuditItem]


class Me(BaseModel):
    name: str
    role: Literal["viewer", "editor", "admin"]
    via: Literal["session", "token"]


class PasswordChange(BaseModel):
    """POST /api/me/password: your current password and the new one."""

    current: str = Field(max_length=1024)
    new: str = Field(max_length=1024)


class SynonymGroupPublic(BaseModel):
    name: str
    terms: list[str] = Field(
        description="spellings search treats as the same; a term of "
        "several words matches those words in a row"
    )
    also: list[str] = Field(
        default_factory=list,
        description="terms the group's terms also find, one way: a search for one of these "
        "finds only it ('adendum' finds 'perubahan', 'perubahan' not 'adendum')",
    )


class SynonymList(BaseModel):
    groups: list[SynonymGroupPublic]


class SynonymGroupEdit(BaseModel):
    name: str | None = Field(
        default=None, description="unique; left out, it is made from the first term"
    )
    terms: list[str] = Field(
        description="at least 2 different terms (counting `also`), at most 20, each at most "
        "60 characters, none in another group"
    )
    also: list[str] = Field(
        default_factory=list,
        description="terms found one way only: the group's terms find them, they find only "
        "themselves; none of them among `terms`",
    )


class SynonymEdit(BaseModel):
    groups: list[SynonymGroupEdit] = Field(description="every group (at most 200): replaces all")


class LinkedAgreement(BaseModel):
    """An agreement linked to another by number: enough to list and open it."""

    id: str
    title: str
    doc_type: str
    numbers: list[str]
    signed_date: date | None
    expiry_date: date | None

    @classmethod
    def of(cls, stored: StoredAgreement) -> LinkedAgreement:
        a = stored.agreement
        return cls(
            id=stored.id,
            title=a.title,
            doc_type=a.doc_type,
            numbers=list(a.numbers),
            signed_date=a.signed_date,
            expiry_date=a.expiry_date,
        )


class Citation(BaseModel):
    """A number the agreement cites (its KB, the agreement an addendum changes) and the
    stored agreements bearing it (none when that one is not stored)."""

    number: str
    agreements: list[LinkedAgreement]


class RelatedAgreements(BaseModel):
    """Follow-ups by number: what this agreement cites, and which stored agreements cite it
    (the PKS under a KB, an addendum, a renewal)."""

    cites: list[Citation]
    cited_by: list[LinkedAgreement]


# -- Pemeriksaan naskah: checks against the rule packs ---------------------------------------


class CheckPrecedentPublic(BaseModel):
    """A stored clause that shows how a rule not met was worded before (/preseden?pasal=)."""

    agreement_id: str
    clause_id: str
    title: str = Field(description="the agreement's title")
    snippet: str = Field(description="the start of the clause's text, plain")


class CheckFindingPublic(BaseModel):
    rule: str = Field(description="the rule's id (admins switch rules off by it)")
    status: Literal["ok", "missing", "doubt"] = Field(
        description="ok: ada; missing: tidak ada; doubt: perlu diperiksa"
    )
    level: Literal["requirement", "recommendation"]
    title: str
    message: str
    basis: str = Field(description="the legal basis as cited")
    verified: bool = Field(description="whether the basis was read in the regulation's own text")
    clauses: list[str] = Field(description="numbers of the Pasal the finding points at")
    precedents: list[CheckPrecedentPublic]


class CheckSkippedPublic(BaseModel):
    rule: str
    title: str
    reason: str


class CheckPublic(BaseModel):
    """The check of a draft (`id`: its result page is /periksa/{id}) or of a stored
    agreement (`agreement_id`), in `language`."""

    id: str | None = Field(description="the draft's check id; None for a stored agreement")
    agreement_id: str | None
    filename: str
    language: Literal["id", "en"]
    kind: str = Field(description="the rule pack used")
    kind_name: str
    kind_reason: str
    requirements_met: int
    requirements: int
    findings: list[CheckFindingPublic]
    skipped: list[CheckSkippedPublic] = Field(description="rules that do not apply, and why")
    disabled: list[str] = Field(description="rules an admin switched off: not run")
    precedents_unavailable: bool = Field(
        description="the index could not be searched: findings carry no precedents"
    )

    @classmethod
    def of(
        cls,
        report: ComplianceReport,
        *,
        language: Literal["id", "en"],
        filename: str,
        draft_id: str | None = None,
        agreement_id: str | None = None,
    ) -> CheckPublic:
        return cls(
            id=draft_id,
            agreement_id=agreement_id,
            filename=filename,
            language=language,
            precedents_unavailable=report.precedents_unavailable,
            **report.result.to_dict(language),
        )


class CheckText(BaseModel):
    """A draft's text to check (JSON body of POST /api/check)."""

    text: str
    kind: str | None = Field(
        default=None, description="a rule pack; leave out to let naskah choose"
    )


class CheckRuleVariant(BaseModel):
    """A rule as the packs of `kinds` word it."""

    kinds: list[str] = Field(description="the rule packs with this wording")
    title: str
    level: Literal["requirement", "recommendation"]
    basis: str
    source: str = Field(description="where the basis was read")
    verified: bool


class CheckRulePublic(BaseModel):
    """A rule id admins switch off, for every pack that has it."""

    id: str
    title: str = Field(description="the first wording's title")
    kinds: list[str] = Field(description="the rule packs that have the rule")
    variants: list[CheckRuleVariant]
    enabled: bool
    changed_by: str | None = Field(description="the admin who last switched it")
    changed_at: datetime | None


class CheckRuleList(BaseModel):
    rules: list[CheckRulePublic]


class CheckRuleChange(BaseModel):
    enabled: bool


class TrashEntry(BaseModel):
    """An agreement in the trash: enough to recognise it, when it was deleted, by whom, and
    when the server removes it for good."""

    id: str
    title: str
    doc_type: str
    numbers: list[str]
    filename: str
    trashed_at: datetime
    trashed_by: str | None
    purge_after: datetime = Field(description="removed for good, original included, after this")

    @classmethod
    def of(cls, item: TrashItem, days: float) -> TrashEntry:
        a = item.stored.agreement
        return cls(
            id=item.stored.id,
            title=a.title,
            doc_type=a.doc_type,
            numbers=list(a.numbers),
            filename=item.stored.filename,
            trashed_at=item.trashed_at,
            trashed_by=item.trashed_by,
            purge_after=item.trashed_at + timedelta(days=days),
        )


class TrashList(BaseModel):
    days: float = Field(description="NASKAH_TRASH_DAYS: how long an agreement stays restorable")
    items: list[TrashEntry]


class TrashEmptied(BaseModel):
    purged: list[str] = Field(description="the ids removed for good")


class VersionPublic(BaseModel):
    """One file of an agreement; the current one has no `replaced_at`."""

    number: int
    filename: str
    sha256: str
    media_type: str
    size: int
    stored_at: datetime
    replaced_at: datetime | None
    changed: list[str] = Field(
        description="the fields the next version's file reads differently ('clauses' too)"
    )
    url: str = Field(description="where its original downloads")

    @classmethod
    def of(cls, agreement_id: str, version: StoredVersion) -> VersionPublic:
        return cls(
            number=version.number,
            filename=version.filename,
            sha256=version.sha256,
            media_type=version.media_type,
            size=version.size,
            stored_at=version.stored_at,
            replaced_at=version.replaced_at,
            changed=version.changed,
            url=f"/api/agreements/{agreement_id}/versions/{version.number}/file",
        )


class VersionList(BaseModel):
    items: list[VersionPublic]


class VersionStored(BaseModel):
    """A new version: the agreement as it is now, the fields the new file reads differently,
    and the corrected fields among them (those corrections are set aside: the new file's
    values apply; every other correction is kept)."""

    agreement: AgreementPublic
    version: int
    changed: list[str]
    set_aside: list[str]

    @classmethod
    def of(cls, added: VersionAdded) -> VersionStored:
        return cls(
            agreement=AgreementPublic.of(added.stored),
            version=added.change.number,
            changed=added.change.changed,
            set_aside=added.change.set_aside,
        )


class ClauseAdd(BaseModel):
    """A clause the machine missed: its text, where it goes, its number, heading, category."""

    model_config = ConfigDict(extra="forbid")

    after: str | None = Field(
        default=None, description="the id of the clause it follows; null: the first clause"
    )
    number: str | None = Field(default=None, max_length=16, description="default: the next")
    heading: str | None = Field(default=None, max_length=500)
    category: str | None = Field(default=None, description="default: from heading and text")
    text: str = Field(min_length=1, max_length=100_000)


class ClauseChange(BaseModel):
    """A clause's number, heading or category; only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    number: str | None = Field(default=None, min_length=1, max_length=16)
    heading: str | None = Field(default=None, max_length=500)
    category: str | None = None


class ClauseSplit(BaseModel):
    """Split a clause where its text's character `at` is: the rest becomes a new clause."""

    model_config = ConfigDict(extra="forbid")

    at: int = Field(ge=1, description="a character offset into the clause's text")
    number: str = Field(min_length=1, max_length=16)
    heading: str | None = Field(default=None, max_length=500)
    category: str | None = Field(default=None, description="default: from heading and text")


class ReminderContactPublic(BaseModel):
    """Who an agreement's expiry reminders go to: the unit a person set (null: the OPD the
    register derives, `default_unit`), its addresses, and the office's (NASKAH_REMINDER_TO),
    which receive every reminder."""

    unit: str | None
    default_unit: str | None
    emails: list[str]
    office: list[str]


class ReminderContactChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit: str | None = Field(default=None, max_length=200, description="null or '': the OPD")
    emails: list[str] = Field(default_factory=list, max_length=20)


class ReminderPublic(BaseModel):
    """One reminder: an agreement's mail `mark_days` before its end `end_date`, due on
    `due_on` (planned) or claimed (status sending, sent or failed)."""

    agreement_id: str
    title: str | None
    mark_days: int
    end_date: date
    due_on: date | None = None
    unit: str | None = None
    recipients: list[str]
    status: Literal["planned", "due", "sending", "sent", "failed"]
    attempts: int = 0
    error_step: str | None = None
    last_error: str | None = None
    sent_at: datetime | None = None


class ReminderList(BaseModel):
    configured: bool
    marks: list[int]
    planned: list[ReminderPublic]
    recorded: list[ReminderPublic]


class BackupArchive(BaseModel):
    name: str
    size: int
    created_at: datetime
    age_s: int = Field(description="seconds since it was taken")

    @classmethod
    def of(cls, archive: Archive, now: datetime) -> BackupArchive:
        return cls(
            name=archive.name,
            size=archive.size,
            created_at=archive.created_at,
            age_s=int(archive.age(now).total_seconds()),
        )


class BackupFailure(BaseModel):
    at: datetime
    file_name: str
    problem: str = Field(description="database, original or archive (error.backup_failed.*)")
    message: str

    @classmethod
    def of(cls, failure: Failure) -> BackupFailure:
        return cls(
            at=failure.at,
            file_name=failure.file_name,
            problem=failure.problem,
            message=failure.message,
        )


class BackupList(BaseModel):
    """The scheduled backups: where, how many kept, how often, the archives newest first,
    the last failure (null once an archive was written after it) and whether one is being
    written now by this server."""

    configured: bool
    folder: str | None
    keep: int
    every_hours: float
    archives: list[BackupArchive]
    last_failure: BackupFailure | None
    running: bool

    @classmethod
    def of(cls, backups: Backups, now: datetime) -> BackupList:
        failure = backups.last_failure()
        return cls(
            configured=backups.folder is not None,
            folder=str(backups.folder) if backups.folder else None,
            keep=backups.settings.backup_keep,
            every_hours=backups.settings.backup_every_hours,
            archives=[BackupArchive.of(a, now) for a in backups.archives()],
            last_failure=BackupFailure.of(failure) if failure else None,
            running=backups.is_running,
        )
