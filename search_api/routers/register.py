"""The register (Daftar Naskah): every agreement with its status, counts per year and kind,
the next expiries, and the CSV / XLSX export of the filtered list."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from ingest.extract.partners import CooperationKind
from ingest.extract.sectors import Sector
from search_api.http import GuardedRoute, LibraryDep, allow
from search_api.register import (
    RegisterFilter,
    RegisterPage,
    RegisterSort,
    RegisterStatus,
    next_expiries,
    register_rows,
    stats_of,
    to_csv,
    to_ics,
    to_xlsx,
)

router = APIRouter(route_class=GuardedRoute, prefix="/api/register", tags=["register"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_filter(
    q: Annotated[str | None, Query(max_length=200)] = None,
    doc_type: str | None = None,
    status: RegisterStatus | None = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    party: str | None = None,
    language: str | None = None,
    cooperation_kind: CooperationKind | None = None,
    sector: Sector | None = None,
    incomplete: bool = False,
    sort: RegisterSort = "signed_date",
    order: Literal["asc", "desc"] = "desc",
) -> RegisterFilter:
    """The register's filter from the query string, one definition for the list and its
    exports (status: active, expiring within 90 days, expired, unknown; cooperation_kind:
    ksdd, ksdpk, ksdpl, ksdll, central, other, from the parties; sector: a field of
    government affairs, from the subject; incomplete: only those missing a requirement of
    their rule pack)."""
    return RegisterFilter(
        q=q or None,
        doc_type=doc_type or None,
        status=status,
        year=year,
        party=party or None,
        language=language or None,
        cooperation_kind=cooperation_kind,
        sector=sector,
        incomplete=incomplete,
        sort=sort,
        descending=order == "desc",
    )


FilterDep = Annotated[RegisterFilter, Depends(register_filter)]


@router.get("", response_model=RegisterPage, dependencies=[allow("viewer")])
def read_register(library: LibraryDep, f: FilterDep) -> RegisterPage:
    """All agreements matching the filter (`requirements_met` of `requirements_total`: the
    Kelengkapan, None while being computed), their counts per signing year and kind, and
    the ten next expiries."""
    rows = register_rows(library, f, date.today())
    return RegisterPage(rows=rows, stats=stats_of(rows), next_expiries=next_expiries(rows))


@router.get("/export", dependencies=[allow("viewer")])
def export_register(
    library: LibraryDep,
    request: Request,
    f: FilterDep,
    format: Literal["csv", "xlsx", "ics"] = "xlsx",
    lang: Literal["id", "en"] = "id",
) -> Response:
    """The filtered register as a file: CSV (UTF-8) or XLSX, headers in `lang`; or ICS, the
    expiry dates still ahead as calendar events with reminders 90 and 30 days before."""
    rows = register_rows(library, f, date.today())
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    if format == "csv":
        data, media = to_csv(rows, lang), "text/csv; charset=utf-8"
    elif format == "ics":
        base = str(request.base_url)
        data = to_ics(rows, lang, generated=datetime.now(UTC), base_url=base)
        media = "text/calendar; charset=utf-8"
    else:
        data, media = to_xlsx(rows, lang, generated=datetime.now()), XLSX
    name = f"daftar-naskah-{stamp}.{format}"
    return Response(
        data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
