"""The synonym groups search expands queries with: read them (everyone), replace them (admins).

The store keeps them; Library.set_synonyms hands them to the index at once, so the next search
uses them. Every change is audited as `synonyms.change`. Who may call what is declared on each route (`allow`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search_api.accounts import Accounts, User
from search_api.agreements import (
    MAX_GROUPS,
    MAX_TERM_CHARS,
    MAX_TERMS,
    Draft,
    Expansion,
    Library,
    SynonymGroup,
    change_of,
    checked,
    from_text,
    preview,
    to_text,
)
from search_api.errors import InvalidSynonyms
from search_api.http import (
    AccountsDep,
    GuardedRoute,
    LibraryDep,
    SynonymEdit,
    SynonymGroupPublic,
    SynonymList,
    Translator,
    UserDep,
    allow,
    client_of,
    lang_of,
    render,
)

router = APIRouter(route_class=GuardedRoute, tags=["synonyms"])

# 200 groups x 20 terms x 60 characters, with commas and spaces
MAX_TEXT_CHARS = MAX_GROUPS * MAX_TERMS * (MAX_TERM_CHARS + 2)
# the search box's own limit (routers/search.py SearchParams.q)
MAX_PREVIEW_CHARS = 500
PREVIEW = "pratinjau"


def _listing(groups: list[SynonymGroup]) -> SynonymList:
    return SynonymList(
        groups=[
            SynonymGroupPublic(name=g.name, terms=list(g.terms), also=list(g.also)) for g in groups
        ]
    )


def _save(
    request: Request, library: Library, accounts: Accounts, user: User, groups: list[SynonymGroup]
) -> None:
    before = library.synonyms()
    library.set_synonyms(groups)
    accounts.audit(
        user.name,
        "synonyms.change",
        "synonyms",
        change_of(before, groups),
        client_of(request.scope),
    )


@router.get("/api/synonyms", response_model=SynonymList, dependencies=[allow("viewer")])
def read_synonyms(library: LibraryDep) -> SynonymList:
    """Every synonym group: a search for one term of a group also finds the others."""
    return _listing(library.synonyms())


@router.put("/api/synonyms", response_model=SynonymList, dependencies=[allow("admin")])
def replace_synonyms(
    request: Request,
    body: SynonymEdit,
    library: LibraryDep,
    accounts: AccountsDep,
    user: UserDep,
) -> SynonymList:
    """Replace all synonym groups; the next search uses them. Answers the stored groups.

    Raises InvalidSynonyms (422) naming the group (1-based) and what is wrong with it."""
    groups = checked(
        [Draft(g.terms, g.name, position, g.also) for position, g in enumerate(body.groups, 1)]
    )
    _save(request, library, accounts, user, groups)
    return _listing(library.synonyms())


# -- the page (admins) ---------------------------------------------------------------------------


def _page(
    request: Request,
    text: str,
    *,
    count: int,
    error: str | None = None,
    saved: bool = False,
    status: int = 200,
    tried: str = "",
    expansions: list[Expansion] | None = None,
    is_draft: bool = False,
) -> HTMLResponse:
    return render(
        request,
        "synonyms.html",
        {
            "text": text,
            "count": count,
            "error": error,
            "saved": saved,
            "tried": tried,
            "expansions": expansions,
            "is_draft": is_draft,
            "max_preview": MAX_PREVIEW_CHARS,
            "limits": {"groups": MAX_GROUPS, "terms": MAX_TERMS, "chars": MAX_TERM_CHARS},
            "max_chars": MAX_TEXT_CHARS,
        },
        status=status,
    )


@router.get("/sinonim", response_class=HTMLResponse, dependencies=[allow("admin")])
def synonyms_page(request: Request, library: LibraryDep) -> HTMLResponse:
    """The groups as text, one per line, terms separated by commas, in a form to edit; with
    `?coba=...`, what the saved groups do to that query."""
    groups = library.synonyms()
    saved = request.query_params.get("disimpan") == "1"
    tried = request.query_params.get("coba", "")[:MAX_PREVIEW_CHARS]
    return _page(
        request,
        to_text(groups),
        count=len(groups),
        saved=saved,
        tried=tried,
        expansions=preview(tried, groups) if tried.strip() else None,
    )


@router.post("/sinonim", response_class=HTMLResponse, dependencies=[allow("admin")])
def save_synonyms(
    request: Request,
    library: LibraryDep,
    accounts: AccountsDep,
    user: UserDep,
    sinonim: Annotated[str, Form(max_length=MAX_TEXT_CHARS)],
    coba: Annotated[str, Form(max_length=MAX_PREVIEW_CHARS)] = "",
    aksi: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """Save the page's text; an invalid line is named and the text kept for fixing. With
    `aksi=pratinjau`, nothing is saved: the page shows what the text's groups do to `coba`."""
    current = library.synonyms()
    try:
        groups = from_text(sinonim, current)
    except InvalidSynonyms as exc:
        return _page(
            request,
            sinonim,
            count=len(current),
            error=_problem(Translator(lang_of(request)), exc),
            status=422,
            tried=coba,
        )
    if aksi == PREVIEW:
        return _page(
            request,
            sinonim,
            count=len(current),
            tried=coba,
            expansions=preview(coba, groups) if coba.strip() else [],
            is_draft=to_text(groups) != to_text(current),
        )
    _save(request, library, accounts, user, groups)
    return RedirectResponse("/sinonim?disimpan=1", status_code=303)


def _problem(t: Translator, exc: InvalidSynonyms) -> str:
    what = t(f"synonyms.problem.{exc.problem}", **exc.values)
    if exc.position is None:
        return t("synonyms.error", problem=what)
    return t("synonyms.error.line", line=exc.position, problem=what)
