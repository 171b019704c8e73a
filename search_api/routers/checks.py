"""Pemeriksaan naskah over the API: check a draft (never stored) or a stored agreement against
the rule packs, and the rules admins switch off for their region.

A draft is read as an upload is (the same worker pool and limits); a scan with more pages to
OCR than NASKAH_OCR_INLINE_PAGES answers 202 with a job, and GET /api/check/{id} answers 202
while it runs and the check once it is done. Drafts are held in memory for their user only
(search_api/agreements/checked_drafts.py). Who may call what is declared on each route (`allow`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ingest.errors import DocumentTooLarge
from search_api.accounts import Accounts
from search_api.agreements import CheckedDraft, Library, RuleSwitch, pasted_docx
from search_api.compliance import SwitchableRule, load_packs
from search_api.errors import (
    CheckBodyUnsupported,
    CheckInputMissing,
    FileTooLarge,
    error_body,
)
from search_api.http import (
    AccountsDep,
    CheckPublic,
    CheckRuleChange,
    CheckRuleList,
    CheckRulePublic,
    CheckRuleVariant,
    CheckText,
    GuardedRoute,
    JobPublic,
    JobsDep,
    LibraryDep,
    SettingsDep,
    UserDep,
    allow,
    client_of,
    safe_filename,
)
from search_api.jobs import Job, JobQueue
from search_api.settings import Settings

router = APIRouter(route_class=GuardedRoute, tags=["checks"])

Language = Annotated[Literal["id", "en"], Query(description="the language of the messages")]
# The name a pasted draft is read under (a DOCX naskah makes of the text, one line a paragraph).
PASTED_NAME = "teks-draf.docx"

_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "kind": {"type": "string", "description": "a rule pack (optional)"},
                    },
                }
            },
            "application/json": {"schema": CheckText.model_json_schema()},
        },
    }
}


def check_answer(
    library: Library, draft: CheckedDraft, language: Literal["id", "en"]
) -> CheckPublic:
    """The check of a held draft that has been read."""
    assert draft.agreement is not None
    report = library.check_draft(draft.agreement, kind=draft.kind)
    return CheckPublic.of(report, language=language, filename=draft.filename, draft_id=draft.id)


def waiting_answer(job: Job) -> JSONResponse:
    """202 with the job reading a draft, and where to follow it."""
    return JSONResponse(
        JobPublic.of(job).model_dump(mode="json"),
        status_code=202,
        headers={"Location": f"/api/check/{job.id}"},
    )


async def draft_of(request: Request, settings: Settings) -> tuple[bytes, str, str | None, bool]:
    """(bytes, file name, kind, pasted) of a check request: a multipart `file` (and `kind`)
    or JSON {"text", "kind"}, within the upload limits. Raises CheckBodyUnsupported,
    CheckInputMissing, FileTooLarge, DocumentTooLarge."""
    max_bytes, max_mb = settings.max_upload_bytes, settings.max_upload_mb
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        kind = form.get("kind")
        if not isinstance(upload, UploadFile):
            raise CheckInputMissing("the multipart body has no field 'file'")
        name = safe_filename(upload.filename)
        if upload.size is not None and upload.size > max_bytes:
            raise FileTooLarge(name, max_mb)
        data = await upload.read()
        if len(data) > max_bytes:
            raise FileTooLarge(name, max_mb)
        return data, name, kind if isinstance(kind, str) and kind else None, False
    if content_type == "application/json":
        try:
            body = CheckText.model_validate(json.loads(await request.body()))
        except (ValueError, TypeError) as exc:  # JSON or the model's validation
            raise CheckInputMissing(f"the JSON body is not {{'text': ...}} ({exc})") from exc
        if not body.text.strip():
            raise CheckInputMissing("the text is empty")
        if len(body.text) > settings.max_chars:
            raise DocumentTooLarge(
                PASTED_NAME,
                f"the text has {len(body.text):,} characters, more than the "
                f"{settings.max_chars:,} of NASKAH_MAX_CHARS",
            )
        data = await run_in_threadpool(pasted_docx, body.text)
        return data, PASTED_NAME, body.kind or None, True
    raise CheckBodyUnsupported(content_type)


@router.get("/api/check/rules", response_model=CheckRuleList, dependencies=[allow("viewer")])
def list_check_rules(library: LibraryDep, lang: Language = "id") -> CheckRuleList:
    """Every rule of the packs once, with its legal basis and whether it is on here."""
    switches = library.rule_switches()
    return CheckRuleList(
        rules=[rule_public(r, switches.get(r.id), lang) for r in load_packs().switchable()]
    )


@router.put(
    "/api/check/rules/{rule_id}", response_model=CheckRulePublic, dependencies=[allow("admin")]
)
def switch_check_rule(
    request: Request,
    rule_id: str,
    change: CheckRuleChange,
    library: LibraryDep,
    accounts: AccountsDep,
    user: UserDep,
    lang: Language = "id",
) -> CheckRulePublic:
    """Switch a rule off (`enabled` false) or on again for this region: checks leave it out
    from now on. Audited as check_rule.off / check_rule.on. 404 for an unknown rule id."""
    switch = switch_rule(request, library, accounts, user.name, rule_id, enabled=change.enabled)
    (rule,) = [r for r in load_packs().switchable() if r.id == rule_id]
    return rule_public(rule, switch, lang)


def switch_rule(
    request: Request,
    library: Library,
    accounts: Accounts,
    author: str,
    rule_id: str,
    *,
    enabled: bool,
) -> RuleSwitch:
    """Switch the rule and audit it (the API and the settings page)."""
    switch = library.switch_rule(rule_id, disabled=not enabled, author=author)
    action = "check_rule.on" if enabled else "check_rule.off"
    accounts.audit(author, action, rule_id, "", client_of(request.scope))
    return switch


def rule_public(
    rule: SwitchableRule, switch: RuleSwitch | None, lang: Literal["id", "en"]
) -> CheckRulePublic:
    variants = [
        CheckRuleVariant(
            kinds=list(v.kinds),
            title=v.rule.title[lang],
            level=v.rule.level,
            basis=v.rule.basis,
            source=v.rule.source,
            verified=v.rule.verified,
        )
        for v in rule.variants
    ]
    return CheckRulePublic(
        id=rule.id,
        title=variants[0].title,
        kinds=list(rule.kinds),
        variants=variants,
        enabled=not (switch and switch.disabled),
        changed_by=switch.changed_by if switch else None,
        changed_at=switch.changed_at if switch else None,
    )


@router.post(
    "/api/check",
    response_model=CheckPublic,
    responses={
        202: {
            "model": JobPublic,
            "description": "the draft needs OCR: follow GET /api/check/{id} (the Location "
            "header) until it answers 200 with the check",
        }
    },
    openapi_extra=_BODY,
    dependencies=[allow("viewer")],
)
async def check_draft(
    request: Request,
    jobs: JobsDep,
    library: LibraryDep,
    settings: SettingsDep,
    user: UserDep,
    lang: Language = "id",
) -> CheckPublic | JSONResponse:
    """Check a draft against the rule pack for its kind (or the pack `kind`): multipart
    `file` (PDF or DOCX, as an upload) or JSON {"text": ..., "kind": ...}. Nothing is stored:
    the draft is held for its result page (/periksa/{id}) for a while, for this user only.
    415 for a file naskah cannot read or a body that is neither, 422 for an unknown kind,
    an empty text or an unreadable file, 413 past the upload limits."""
    data, name, kind, pasted = await draft_of(request, settings)
    if kind is not None:
        load_packs().get(kind)  # UnknownCheckKind before reading anything
    outcome = await run_in_threadpool(_read, jobs, data, name, user.name, kind, pasted)
    if isinstance(outcome, Job):
        return waiting_answer(outcome)
    answer = await run_in_threadpool(check_answer, library, outcome, lang)
    return answer


def _read(
    jobs: JobQueue, data: bytes, name: str, owner: str, kind: str | None, pasted: bool
) -> CheckedDraft | Job:
    return jobs.check(data, name, owner=owner, kind=kind, pasted=pasted)


@router.get(
    "/api/check/{check_id}",
    response_model=CheckPublic,
    responses={202: {"model": JobPublic, "description": "the draft is still being read"}},
    dependencies=[allow("viewer")],
)
def read_check(
    check_id: str, jobs: JobsDep, library: LibraryDep, user: UserDep, lang: Language = "id"
) -> CheckPublic | JSONResponse:
    """A draft's check, again (with the rules as they are now): 202 with its job while OCR
    reads it, the job's error (422) if it could not be read, 404 (check_not_found) for a
    check this server no longer holds or that another user made."""
    draft = jobs.drafts.get(check_id, user.name)
    if draft.error is not None:
        code, message = draft.error
        return JSONResponse(error_body(code, message), status_code=422)
    if not draft.is_read:
        return waiting_answer(jobs.get(check_id))
    return check_answer(library, draft, lang)


@router.post(
    "/api/check/{check_id}/cancel",
    response_model=JobPublic,
    responses={202: {"model": JobPublic, "description": "cancel requested; still stopping"}},
    dependencies=[allow("viewer")],
)
def cancel_check(check_id: str, jobs: JobsDep, user: UserDep) -> JSONResponse:
    """Stop reading a draft by OCR; nothing of it is kept. 409 once it has been read."""
    jobs.drafts.get(check_id, user.name)  # CheckNotFound for others' checks
    job = jobs.cancel(check_id)
    return JSONResponse(
        JobPublic.of(job).model_dump(mode="json"),
        status_code=200 if job.state == "cancelled" else 202,
    )


@router.get(
    "/api/agreements/{agreement_id}/check",
    response_model=CheckPublic,
    dependencies=[allow("viewer")],
)
def check_stored_agreement(
    agreement_id: str,
    library: LibraryDep,
    lang: Language = "id",
    kind: Annotated[str | None, Query(description="a rule pack; leave out to choose")] = None,
) -> CheckPublic:
    """The check of a stored agreement against its rule pack; its own clauses are never its
    precedents. 404 for an unknown agreement, 422 for an unknown kind."""
    report = library.check(agreement_id, kind=kind)
    stored = library.get(agreement_id)
    return CheckPublic.of(
        report, language=lang, filename=stored.filename, agreement_id=agreement_id
    )
