"""Pemeriksaan naskah in the UI: /periksa (check a draft: upload or paste), a check's result
page, its print view and DOCX checklist, an agreement's own check (/naskah/{id}/periksa),
"Simpan sebagai naskah" and the admins' page of rules switched off.

A draft is read through POST /api/check by web/static/js/check.js (upload and OCR progress);
the pages here render what the library's check says, with every value escaped (Jinja2
autoescape). Who may open what is declared on each route (`allow`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from search_api.agreements import CheckedDraft, ComplianceReport, Library, StoredAgreement
from search_api.compliance import CheckResult, checklist_docx, load_packs
from search_api.errors import AgreementNotFound, CheckNotFound, UnknownCheckKind, UnknownCheckRule
from search_api.http import (
    AccountsDep,
    GuardedRoute,
    JobsDep,
    LibraryDep,
    SettingsDep,
    Translator,
    UserDep,
    allow,
    client_of,
    download_headers,
    lang_of,
    not_found,
    render,
)
from search_api.routers.checks import rule_public, switch_rule

log = logging.getLogger(__name__)

router = APIRouter(route_class=GuardedRoute, tags=["pages"], include_in_schema=False)

STATUS_ORDER = ("missing", "doubt", "ok")
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- /periksa: the form ------------------------------------------------------------------------


@router.get("/periksa", response_class=HTMLResponse, dependencies=[allow("viewer")])
def check_form_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    """Upload a draft or paste its text; web/static/js/check.js sends it to POST /api/check."""
    lang = lang_of(request)
    kinds = [(p.kind, p.name[lang]) for p in load_packs().packs]
    return render(
        request,
        "check_form.html",
        {"kinds": kinds, "max_mb": settings.max_upload_mb, "max_chars": settings.max_chars},
    )


# -- a draft's result ----------------------------------------------------------------------------


@router.get("/periksa/{check_id}", response_class=HTMLResponse, dependencies=[allow("viewer")])
def draft_check_page(
    request: Request, check_id: str, jobs: JobsDep, library: LibraryDep, user: UserDep
) -> HTMLResponse:
    """A draft's check: the findings when it has been read, its progress while OCR reads it."""
    try:
        draft = jobs.drafts.get(check_id, user.name)
    except CheckNotFound:
        return not_found(request, "check.not_found.body")
    if not draft.is_read:
        t = Translator(lang_of(request))
        error = None
        if draft.error is not None:
            code, message = draft.error
            error = t(f"error.{code}") if f"error.{code}" in t.strings else message
        return render(
            request,
            "check_wait.html",
            {"draft": draft, "error": error},
            status=422 if error else 200,
        )
    assert draft.agreement is not None
    report = library.check_draft(draft.agreement, kind=draft.kind)
    return render(request, "check.html", _draft_context(request, draft, report))


@router.get("/periksa/{check_id}/docx", dependencies=[allow("viewer")])
def draft_checklist(
    request: Request, check_id: str, jobs: JobsDep, library: LibraryDep, user: UserDep
) -> Response:
    """The draft's checklist as a Word document for the review memo."""
    try:
        draft = jobs.drafts.get(check_id, user.name)
    except CheckNotFound:
        return not_found(request, "check.not_found.body")
    if draft.agreement is None:
        return not_found(request, "check.not_found.body")
    report = library.check_draft(draft.agreement, kind=draft.kind)
    title = draft.agreement.title or draft.filename
    return _docx(request, report.result, title, draft.filename)


@router.post("/periksa/{check_id}/simpan", dependencies=[allow("editor")])
def save_draft(
    request: Request,
    check_id: str,
    jobs: JobsDep,
    library: LibraryDep,
    accounts: AccountsDep,
    user: UserDep,
) -> Response:
    """ "Simpan sebagai naskah": the checked draft is stored as an upload of it would be
    (the same bytes and extraction; the same file stored already is answered as such),
    audited as an upload; then its page."""
    try:
        draft = jobs.drafts.get(check_id, user.name)
    except CheckNotFound:
        return not_found(request, "check.not_found.body")
    if draft.data is None or draft.agreement is None:
        return render(request, "not_found.html", {"message_key": "check.not_savable"}, status=409)
    stored, created = library.add_extracted(draft.data, draft.agreement)
    accounts.audit(
        user.name,
        "upload",
        f"/api/agreements/{stored.id}",
        f"from check {check_id}; {'created' if created else 'already stored'}",
        client_of(request.scope),
    )
    jobs.drafts.drop(check_id)
    log.info("check step=save draft=%s agreement=%s created=%s", check_id, stored.id, created)
    target = f"/naskah/{stored.id}?{'dari_periksa=1' if created else 'sudah_ada=1'}"
    return RedirectResponse(target, status_code=303)


# -- an agreement's own check ----------------------------------------------------------------------


@router.get(
    "/naskah/{agreement_id}/periksa", response_class=HTMLResponse, dependencies=[allow("viewer")]
)
def agreement_check_page(
    request: Request, agreement_id: str, library: LibraryDep, jenis: str | None = None
) -> HTMLResponse:
    """A stored agreement's check; `jenis` checks it against another rule pack."""
    try:
        stored = library.get(agreement_id)
        report = library.check(agreement_id, kind=jenis or None)
    except AgreementNotFound:
        return not_found(request, "agreement.not_found.body")
    except UnknownCheckKind:
        return not_found(request, "check.unknown_kind")
    return render(request, "check.html", _stored_context(request, stored, report, jenis))


@router.get("/naskah/{agreement_id}/periksa/docx", dependencies=[allow("viewer")])
def agreement_checklist(
    request: Request, agreement_id: str, library: LibraryDep, jenis: str | None = None
) -> Response:
    try:
        stored = library.get(agreement_id)
        report = library.check(agreement_id, kind=jenis or None)
    except AgreementNotFound:
        return not_found(request, "agreement.not_found.body")
    except UnknownCheckKind:
        return not_found(request, "check.unknown_kind")
    return _docx(request, report.result, stored.agreement.title or stored.filename, stored.filename)


# -- the rules admins switch off -------------------------------------------------------------------


@router.get("/pengaturan/pemeriksaan", response_class=HTMLResponse, dependencies=[allow("admin")])
def check_rules_page(request: Request, library: LibraryDep) -> HTMLResponse:
    """Every rule with its basis and whether it is on here; a button switches it."""
    return _rules_page(request, library, changed=request.query_params.get("diubah"))


@router.post("/pengaturan/pemeriksaan", response_model=None, dependencies=[allow("admin")])
def change_check_rule(
    request: Request,
    library: LibraryDep,
    accounts: AccountsDep,
    user: UserDep,
    aturan: Annotated[str, Form(max_length=64)],
    aktif: Annotated[Literal["0", "1"], Form()],
) -> Response:
    """Switch one rule (the form's `aturan`) off (`aktif=0`) or on (`aktif=1`); audited."""
    try:
        switch_rule(request, library, accounts, user.name, aturan, enabled=aktif == "1")
    except UnknownCheckRule:
        return _rules_page(request, library, error="check.rules.unknown", status=404)
    return RedirectResponse(
        f"/pengaturan/pemeriksaan?diubah={quote(aturan)}#aturan-{quote(aturan)}", status_code=303
    )


def _rules_page(
    request: Request,
    library: Library,
    *,
    changed: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    lang = lang_of(request)
    switches = library.rule_switches()
    names = {p.kind: p.name[lang] for p in load_packs().packs}
    listed = [
        (
            rule_public(r, switches.get(r.id), lang),
            [", ".join(names[k] for k in v.kinds) for v in r.variants],
        )
        for r in load_packs().switchable()
    ]
    known = {rule.id for rule, _ in listed}
    return render(
        request,
        "check_rules.html",
        {
            "rules": [{"rule": rule, "kinds": kinds} for rule, kinds in listed],
            "off": sum(1 for rule, _ in listed if not rule.enabled),
            "changed": changed if changed in known else None,
            "error": error,
        },
        status=status,
    )


# -- what the result page shows ------------------------------------------------------------------


def _draft_context(
    request: Request, draft: CheckedDraft, report: ComplianceReport
) -> dict[str, Any]:
    agreement = draft.agreement
    assert agreement is not None
    anchors: dict[str, str] = {}
    for position, clause in enumerate(agreement.clauses, 1):
        anchors.setdefault(clause.number, f"#draf-pasal-{position}")
    return {
        **_result_context(request, report, anchors.get),
        "subject": {
            "title": agreement.title or draft.filename,
            "filename": Translator(lang_of(request))("check.pasted")
            if draft.is_pasted
            else draft.filename,
            "is_draft": True,
            "pasted": draft.is_pasted,
            "check_id": draft.id,
            "agreement_id": None,
            "signed_date": agreement.signed_date,
        },
        "docx_href": f"/periksa/{quote(draft.id)}/docx",
        "draft_clauses": [
            {"anchor": f"draf-pasal-{i}", "number": c.number, "heading": c.heading, "text": c.text}
            for i, c in enumerate(agreement.clauses, 1)
        ],
    }


def _stored_context(
    request: Request, stored: StoredAgreement, report: ComplianceReport, kind: str | None
) -> dict[str, Any]:
    ids: dict[str, str] = {}
    for clause in stored.clauses:
        ids.setdefault(clause.number, clause.clause_id)
    base = f"/naskah/{quote(stored.id)}"

    def href(number: str) -> str | None:
        return f"{base}#pasal-{ids[number]}" if number in ids else None

    query = f"?jenis={quote(kind)}" if kind else ""
    return {
        **_result_context(request, report, href),
        "subject": {
            "title": stored.agreement.title or stored.filename,
            "filename": stored.filename,
            "is_draft": False,
            "pasted": False,
            "check_id": None,
            "agreement_id": stored.id,
            "signed_date": stored.agreement.signed_date,
        },
        "docx_href": f"{base}/periksa/docx{query}",
        "draft_clauses": [],
    }


def _result_context(
    request: Request, report: ComplianceReport, clause_href: Callable[[str], str | None]
) -> dict[str, Any]:
    lang = lang_of(request)
    result = report.result
    findings = [
        {
            "rule": f.rule,
            "status": f.status,
            "level": f.level,
            "title": f.title[lang],
            "message": f.message[lang],
            "basis": f.basis,
            "verified": f.verified,
            "clauses": [(number, clause_href(number)) for number in f.clauses],
            "precedents": [
                {
                    "title": p.title,
                    "snippet": p.snippet,
                    "href": f"/preseden?pasal={quote(p.clause_id)}",
                    "agreement_href": f"/naskah/{quote(p.agreement_id)}#pasal-{quote(p.clause_id)}",
                }
                for p in f.precedents
            ],
        }
        for f in result.findings
    ]
    met, total = result.requirements_met
    return {
        "result": result,
        "kind_name": result.kind_name[lang],
        "findings": findings,
        "counts": {s: sum(1 for f in findings if f["status"] == s) for s in STATUS_ORDER},
        "met": met,
        "total": total,
        "skipped": [(s.title[lang], s.reason[lang]) for s in result.skipped],
        "disabled": _disabled_titles(result.disabled, lang),
        "precedents_unavailable": report.precedents_unavailable,
        "kinds": [(p.kind, p.name[lang]) for p in load_packs().packs],
        "checked_on": date.today(),
    }


def _disabled_titles(rule_ids: Sequence[str], lang: Literal["id", "en"]) -> list[tuple[str, str]]:
    titles = {r.id: r.variants[0].rule.title[lang] for r in load_packs().switchable()}
    return [(rule_id, titles.get(rule_id, rule_id)) for rule_id in rule_ids]


def _docx(request: Request, result: CheckResult, title: str, filename: str) -> Response:
    lang = lang_of(request)
    data = checklist_docx(result, title=title, checked_on=date.today(), language=lang)
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", filename) or "naskah"
    name = f"{Translator(lang)('check.docx.file')}-{stem}.docx"
    return Response(data, media_type=DOCX_MEDIA, headers=download_headers(name))
