"""Backups: the /cadangan page (the archives of NASKAH_BACKUP_DIR with their age, the last
failure, a button to take one now) and the same as JSON."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from search_api.http import BackupList, BackupsDep, GuardedRoute, allow, render

router = APIRouter(route_class=GuardedRoute, tags=["backups"])


@router.get("/api/backups", response_model=BackupList, dependencies=[allow("admin")])
def list_backups(backups: BackupsDep) -> BackupList:
    """The scheduled archives, newest first, and the last failure."""
    return BackupList.of(backups, datetime.now(UTC))


@router.post(
    "/api/backups",
    status_code=202,
    responses={409: {"description": "no NASKAH_BACKUP_DIR, or one is being written"}},
    dependencies=[allow("admin", audit="backup")],
)
def take_backup(backups: BackupsDep) -> Response:
    """Start writing an archive now (202); GET /api/backups shows it once written, or the
    failure. 409 when NASKAH_BACKUP_DIR is not set or an archive is being written."""
    if not backups.start_now():
        return JSONResponse({"started": False, "running": backups.is_running}, status_code=409)
    return JSONResponse({"started": True}, status_code=202)


@router.get("/cadangan", response_class=HTMLResponse, dependencies=[allow("admin")])
def backups_page(request: Request, backups: BackupsDep) -> HTMLResponse:
    """The archives with their age, the last failure, the schedule, a button to take one."""
    now = datetime.now(UTC)
    return render(
        request,
        "backups.html",
        {
            "listing": BackupList.of(backups, now),
            "started": request.query_params.get("mulai"),
        },
    )


@router.post("/cadangan", response_model=None, dependencies=[allow("admin", audit="backup")])
def take_backup_from_page(backups: BackupsDep) -> Response:
    """The page's button: start an archive and come back to the page."""
    started = backups.start_now()
    return RedirectResponse(f"/cadangan?mulai={1 if started else 0}", status_code=303)
