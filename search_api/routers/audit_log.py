"""The audit log (admins): who did what to which agreement, and when; filtered by user,
action and dates. The page names agreements by title with a link, and says details in its
language (search_api/http/audit_view.py); the API answers the entries as recorded."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from search_api.http import (
    AccountsDep,
    AuditItem,
    AuditPage,
    GuardedRoute,
    LibraryDep,
    Translator,
    agreement_of,
    allow,
    describe_detail,
    lang_of,
    render,
    title_in,
)

router = APIRouter(route_class=GuardedRoute, tags=["accounts"])

PAGE = 100


def _local_day_start(day: date | None) -> datetime | None:
    """Midnight of `day` in the server's time zone (the page shows local times)."""
    return datetime.combine(day, time()).astimezone() if day else None


def _day_after(day: date | None) -> datetime | None:
    return _local_day_start(day + timedelta(days=1)) if day else None


@router.get(
    "/audit", response_class=HTMLResponse, include_in_schema=False, dependencies=[allow("admin")]
)
def audit_page(
    request: Request,
    accounts: AccountsDep,
    library: LibraryDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    since: Annotated[str | None, Query(alias="dari", max_length=10)] = None,
    until: Annotated[str | None, Query(alias="sampai", max_length=10)] = None,
) -> HTMLResponse:
    """The newest entries first, 100 a page, with filters; each agreement named by title."""
    t = Translator(lang_of(request))
    day_from, day_to = _day(since), _day(until)
    total, entries = accounts.audit_log(
        limit=PAGE,
        offset=offset,
        actions=(action,) if action else (),
        actor=actor or None,
        since=_local_day_start(day_from),
        until=_day_after(day_to),
    )
    ids = sorted({i for e in entries if (i := agreement_of(e.target))})
    titles = library.titles(ids)
    rows: list[dict[str, Any]] = []
    for e in entries:
        agreement_id = agreement_of(e.target)
        known = titles.get(agreement_id) if agreement_id else None
        rows.append(
            {
                "entry": e,
                "agreement_id": agreement_id,
                "title": known[0] if known else title_in(e.detail),
                "in_trash": bool(known and known[1]),
                "gone": bool(agreement_id and not known),
                "detail": describe_detail(t, e.detail),
            }
        )
    actors, actions = accounts.audit_facets()
    return render(
        request,
        "audit.html",
        {
            "rows": rows,
            "total": total,
            "offset": offset,
            "limit": PAGE,
            "actors": actors,
            "actions": actions,
            "chosen": {
                "actor": actor or "",
                "action": action or "",
                "dari": day_from.isoformat() if day_from else "",
                "sampai": day_to.isoformat() if day_to else "",
            },
        },
    )


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@router.get("/api/audit", response_model=AuditPage, dependencies=[allow("admin")])
def read_audit_log(
    accounts: AccountsDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    action: Annotated[list[str] | None, Query()] = None,
    actor: Annotated[str | None, Query(max_length=64, description="a user's name")] = None,
    since: Annotated[datetime | None, Query(description="entries at or after this time")] = None,
    until: Annotated[datetime | None, Query(description="entries before this time")] = None,
) -> AuditPage:
    """The audit log, newest first: logins (ok and failed), uploads, corrections, deletions,
    restores and purges, new versions, clause corrections, user and token changes. `action`
    filters (repeatable), e.g. action=login.failed; `actor`, `since`, `until` too."""
    total, entries = accounts.audit_log(
        limit=limit,
        offset=offset,
        actions=tuple(action or ()),
        actor=actor,
        since=since,
        until=until,
    )
    return AuditPage(
        total=total,
        offset=offset,
        limit=limit,
        items=[
            AuditItem(
                at=e.at,
                actor=e.actor,
                action=e.action,
                target=e.target,
                detail=e.detail,
                client=e.client,
            )
            for e in entries
        ],
    )
