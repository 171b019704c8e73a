"""The web UI: server-rendered pages from web/templates (Jinja2, autoescaped) and web/static.

Search and upload run in the browser against the JSON API (web/static/js); the other pages are
rendered here from the library. Bahasa Indonesia by default; ?lang=en switches (kept in a cookie).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from ingest.extract import categories
from ingest.profile import COOPERATION_KINDS, PARTNER_TYPES
from search_api.agreements import REVIEW_FIELDS, ClauseHit, review_of, segments, word_diff
from search_api.errors import AgreementNotFound, ClauseNotFound
from search_api.http import (
    PUBLIC,
    STATIC_DIR,
    AgreementPublic,
    GuardedRoute,
    LibraryDep,
    LinkedAgreement,
    RemindersDep,
    SettingsDep,
    Translator,
    UserDep,
    allow,
    category_labels,
    lang_of,
    not_found,
    render,
)
from search_api.register import (
    DOC_TYPES,
    STATUSES,
    bar_chart,
    derived_fields,
    follow_up_of,
    read_register,
    sector_label,
    sector_labels,
    standing,
)
from search_api.routers.register import FilterDep

log = logging.getLogger(__name__)

router = APIRouter(route_class=GuardedRoute, tags=["pages"], include_in_schema=False)
# the statuses of a check (search_api/compliance), as the agreement page counts them
STATUSES_CHECKED = ("missing", "doubt", "ok")

# -- pages -------------------------------------------------------------------------------------


@router.get("/", dependencies=[allow("viewer")])
def home() -> RedirectResponse:
    return RedirectResponse("/cari", status_code=303)


@router.get("/cari", response_class=HTMLResponse, dependencies=[allow("viewer")])
def search_page(request: Request, library: LibraryDep) -> HTMLResponse:
    """The search box; results come from /api/search as the user types (web/static/js/search.js)."""
    t = Translator(lang_of(request))
    return render(
        request,
        "search.html",
        {
            "q": request.query_params.get("q", ""),
            "has_agreements": library.count() > 0,
            "categories": category_labels(t.lang),
            "partner_types": PARTNER_TYPES,
        },
    )


@router.get("/naskah/{agreement_id}", response_class=HTMLResponse, dependencies=[allow("viewer")])
def agreement_page(
    request: Request, agreement_id: str, library: LibraryDep, settings: SettingsDep
) -> HTMLResponse:
    try:
        stored = library.get(agreement_id)
    except AgreementNotFound:
        return not_found(request, "agreement.not_found.body")
    machine, entries = library.corrections(agreement_id)
    versions = library.versions_of(agreement_id)
    review = review_of(stored, machine, entries)
    agreement = AgreementPublic.of(stored)
    cites, cited_by = library.related(agreement_id)
    derived = derived_fields(stored)
    check = library.check(agreement_id, precedents=False).result  # its summary; about 10 ms
    lang = lang_of(request)
    today = date.today()
    return render(
        request,
        "agreement.html",
        {
            "a": agreement,
            "cites": [(n, [LinkedAgreement.of(s) for s in found]) for n, found in cites],
            "cited_by": [LinkedAgreement.of(s) for s in cited_by],
            "derived": derived,
            "partner_rows": list(
                zip([p.name for p in stored.agreement.parties], derived.partner_types, strict=True)
            ),
            "sector_names": [sector_label(x, lang) for x in derived.sectors],
            "review": {f.name: f for f in review.fields},
            "history": review.history,
            "standing": (
                found := standing(
                    stored.agreement.doc_type,
                    stored.agreement.signed_date,
                    stored.agreement.expiry_date,
                    [follow_up_of(s) for s in cited_by],
                    today,
                )
            ),
            "status": found.status,
            "days_left": found.days_left,
            "is_pdf": agreement.source.media_type == "application/pdf",
            "saved": request.query_params.get("disimpan") == "1",
            "restored": request.query_params.get("dipulihkan") == "1",
            "new_version": request.query_params.get("versi"),
            "fulltext": stored.agreement.text,
            "check": {
                "met": check.requirements_met,
                "counts": {
                    s: sum(1 for f in check.findings if f.status == s) for s in STATUSES_CHECKED
                },
                "issues": [
                    (f.rule, f.status, f.title[lang]) for f in check.findings if f.status != "ok"
                ],
            },
            "versions": versions,
            "set_aside": [e for e in entries if e.retired_in is not None],
            "trash_days": settings.trash_days,
        },
    )


@router.get("/naskah/{agreement_id}/asli", dependencies=[allow("viewer")])
def original_inline(agreement_id: str, library: LibraryDep) -> Response:
    """The original shown in the browser (inline); /api/agreements/{id}/file downloads it."""
    stored = library.file(agreement_id)
    return Response(
        stored.data,
        media_type=stored.media_type,
        headers={
            "Content-Disposition": f"inline; filename*=UTF-8''{quote(stored.filename)}",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(
    "/naskah/{agreement_id}/tinjau", response_class=HTMLResponse, dependencies=[allow("editor")]
)
def review_page(
    request: Request,
    agreement_id: str,
    library: LibraryDep,
    user: UserDep,
    reminders: RemindersDep,
) -> HTMLResponse:
    """The review form: each value beside its highlighted source passage; saved by PATCH."""
    try:
        stored = library.get(agreement_id)
    except AgreementNotFound:
        return not_found(request, "agreement.not_found.body")
    machine, entries = library.corrections(agreement_id)
    review = review_of(stored, machine, entries)
    return render(
        request,
        "review.html",
        {
            "categories": category_labels(lang_of(request)),
            "clause_corrections": library.clause_corrections(agreement_id),
            "clause_saved": request.query_params.get("pasal") == "1",
            "a": AgreementPublic.of(stored),
            "review": {f.name: f for f in review.fields},
            "fields": REVIEW_FIELDS,
            "doubt_count": sum(1 for f in review.fields if f.doubts),
            "segments": segments(stored.agreement.text, stored.agreement.spans),
            "doc_types": DOC_TYPES,
            "author": user.name,
            # who its expiry reminders go to (search_api/reminders/), edited in its own form
            "contact": reminders.contact(agreement_id, derived_fields(stored).regional_office),
            "contact_saved": request.query_params.get("penerima") == "1",
        },
    )


@router.get("/unggah", response_class=HTMLResponse, dependencies=[allow("editor")])
def upload_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    return render(request, "upload.html", {"max_mb": settings.max_upload_mb})


@router.get("/preseden", response_class=HTMLResponse, dependencies=[allow("viewer")])
def precedents_page(
    request: Request, library: LibraryDep, pasal: str | None = None
) -> HTMLResponse:
    """Similar clauses of other agreements beside a stored clause (?pasal=<clause id>)."""
    if not pasal:
        return render(request, "precedents.html", _precedents_context(None, "", []))
    try:
        clause, agreement_id = library.clause(pasal)
        hits = library.similar_clauses(pasal, 10)
    except ClauseNotFound:
        return render(
            request,
            "precedents.html",
            {**_precedents_context(None, "", []), "error_key": "precedents.clause_not_found"},
            status=404,
        )
    source = {
        "agreement_id": agreement_id,
        "clause_id": clause.clause_id,
        "number": clause.number,
        "heading": clause.heading,
        "category": clause.category,
        "title": library.get(agreement_id).agreement.title,
    }
    return render(
        request,
        "precedents.html",
        _precedents_context(source, clause.text, hits, matter=clause.category),
    )


@router.post("/preseden", response_class=HTMLResponse, dependencies=[allow("viewer")])
def precedents_for_draft(
    request: Request, library: LibraryDep, teks: Annotated[str, Form(max_length=50_000)] = ""
) -> HTMLResponse:
    """Stored clauses most like a pasted draft clause, with word differences."""
    draft = teks.strip()
    hits = library.similar_to_text(draft, 10) if draft else []
    matter = categories.from_body(draft) if draft else None
    return render(request, "precedents.html", _precedents_context(None, draft, hits, matter=matter))


def _precedents_context(
    source: dict[str, Any] | None,
    text: str,
    hits: list[ClauseHit],
    *,
    matter: str | None = None,
) -> dict[str, Any]:
    """Comparisons in two groups: clauses on the same matter (category) as the clause or draft,
    which a reviewer reads first, then clauses only worded alike. Without a known matter
    (none, or 'other') there is one group."""
    known = matter if matter and matter != "other" else None
    same: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for hit in hits:
        left, right = word_diff(text, hit.text)
        group = same if known and hit.category == known else others
        group.append({"hit": hit, "left": left, "right": right})
    comparisons = same + others
    return {
        "source": source,
        "text": text,
        "comparisons": comparisons,
        "matter": known,
        "groups": [g for g in (("same", same), ("others", others)) if g[1]],
        "searched": bool(text),
        "error_key": None,
    }


# rows a page of the register shows; the others are a link away (the exports hold them all)
REGISTER_PAGE_ROWS = 100


@router.get("/daftar", response_class=HTMLResponse, dependencies=[allow("viewer")])
def register_page(
    request: Request,
    library: LibraryDep,
    f: FilterDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """The register: dashboard (counts, chart, next expiries), filters, sortable table (a
    page of REGISTER_PAGE_ROWS rows), export."""
    t = Translator(lang_of(request))
    today = date.today()
    offset = (page - 1) * REGISTER_PAGE_ROWS
    read = read_register(library, f, today, offset=offset, limit=REGISTER_PAGE_ROWS, whole=True)
    sort, order = f.sort, "desc" if f.descending else "asc"
    export_params = {
        k: v
        for k, v in {
            "q": f.q,
            "doc_type": f.doc_type,
            "status": f.status,
            "year": str(f.year) if f.year else None,
            "party": f.party,
            "language": f.language,
            "cooperation_kind": f.cooperation_kind,
            "sector": f.sector,
            "incomplete": "1" if f.incomplete else None,
            "doubts": "1" if f.doubts else None,
            "sort": sort,
            "order": order,
            "lang": t.lang,
        }.items()
        if v
    }
    pages = max(1, -(-read.total // REGISTER_PAGE_ROWS))
    return render(
        request,
        "register.html",
        {
            "rows": read.rows,
            "total": read.total,
            "page": page,
            "pages": pages,
            "first_row": offset + 1 if read.rows else 0,
            "last_row": offset + len(read.rows),
            "stats": read.stats,
            "all_stats": read.all_stats,
            "chart": bar_chart(read.stats, t("register.year_unknown")),
            "next": read.next_expiries,
            "f": f,
            "sort": sort,
            "order": order,
            "years": read.years,
            "doc_types": DOC_TYPES,
            "statuses": STATUSES,
            "coop_kinds": COOPERATION_KINDS,
            "sector_labels": sector_labels(t.lang),
            "export_query": urlencode(export_params),
            "today": today,
        },
    )


@router.get("/static/{path:path}", dependencies=[allow(PUBLIC)])
def static_file(path: str) -> Response:
    """web/static, read-only; nothing outside it is ever served."""
    target = (STATIC_DIR / path).resolve()
    if not target.is_file() or not target.is_relative_to(STATIC_DIR.resolve()):
        return Response(status_code=404)
    return FileResponse(target, headers={"Cache-Control": "no-cache"})
