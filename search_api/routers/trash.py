"""The trash (Sampah): deleted agreements wait here NASKAH_TRASH_DAYS days, restorable by
editors; admins empty it, and the server purges what has waited longer (search_api/app.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from search_api.http import (
    AccountsDep,
    AgreementPublic,
    GuardedRoute,
    LibraryDep,
    SettingsDep,
    TrashEmptied,
    TrashEntry,
    TrashList,
    UserDep,
    allow,
    client_of,
    render,
)

router = APIRouter(route_class=GuardedRoute, tags=["trash"])


@router.get("/api/trash", response_model=TrashList, dependencies=[allow("editor")])
def list_trash(library: LibraryDep, settings: SettingsDep) -> TrashList:
    """The agreements in the trash, most recently deleted first, with when each is removed
    for good (`purge_after`)."""
    return TrashList(
        days=settings.trash_days,
        items=[TrashEntry.of(item, settings.trash_days) for item in library.trash()],
    )


@router.post(
    "/api/trash/{agreement_id}/restore",
    response_model=AgreementPublic,
    dependencies=[allow("editor", audit="trash.restore")],
)
def restore_agreement(agreement_id: str, library: LibraryDep) -> AgreementPublic:
    """Take an agreement out of the trash as it was (corrections, versions, clauses): found
    by search, lists and links again at once. 404 (not_in_trash) when it is not there."""
    return AgreementPublic.of(library.restore(agreement_id))


@router.delete("/api/trash/{agreement_id}", status_code=204, dependencies=[allow("admin")])
def purge_agreement(
    request: Request, agreement_id: str, library: LibraryDep, accounts: AccountsDep, user: UserDep
) -> Response:
    """Remove one agreement of the trash for good, with each original no other agreement or
    version uses. Audited with its title. 404 (not_in_trash) when it is not there."""
    title = next(
        (i.stored.agreement.title for i in library.trash() if i.stored.id == agreement_id), ""
    )
    library.purge(agreement_id)
    accounts.audit(
        user.name, "trash.purge", agreement_id, f"title={title}", client_of(request.scope)
    )
    return Response(status_code=204)


@router.delete("/api/trash", response_model=TrashEmptied, dependencies=[allow("admin")])
def empty_trash(
    request: Request, library: LibraryDep, accounts: AccountsDep, user: UserDep
) -> TrashEmptied:
    """Remove everything in the trash for good, each agreement audited with its title."""
    purged = library.empty_trash()
    for item in purged:
        accounts.audit(
            user.name,
            "trash.purge",
            item.stored.id,
            f"title={item.stored.agreement.title}",
            client_of(request.scope),
        )
    return TrashEmptied(purged=[item.stored.id for item in purged])


@router.get(
    "/sampah", response_class=HTMLResponse, include_in_schema=False, dependencies=[allow("editor")]
)
def trash_page(request: Request, library: LibraryDep, settings: SettingsDep) -> HTMLResponse:
    """The trash: each deleted agreement, when and by whom, until when it can be restored;
    restore and remove buttons (web/static/js/trash.js) for the roles that may."""
    return render(
        request,
        "trash.html",
        {
            "items": [TrashEntry.of(item, settings.trash_days) for item in library.trash()],
            "days": settings.trash_days,
            "restored": request.query_params.get("dipulihkan"),
            "moved": request.query_params.get("dihapus"),
        },
    )
