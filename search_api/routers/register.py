"""The register (Daftar Naskah): every agreement with its status, counts per year and kind,
the next expiries, and the CSV / XLSX export of the filtered list."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import AfterValidator, BeforeValidator

from ingest.profile import CooperationKind, Sector
from search_api.http import GuardedRoute, LibraryDep, allow
from search_api.register import (
    RegisterFilter,
    RegisterPage,
    RegisterSort,
    RegisterStatus,
    read_register,
    register_stream,
    to_csv,
    to_ics,
    to_xlsx,
)

router = APIRouter(route_class=GuardedRoute, prefix="/api/register", tags=["register"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unset(value: Any) -> Any:
    """An empty field of the register's form ('Semua') is no filter."""
    return None if value == "" else value


def _off(value: Any) -> Any:
    return False if value in ("", None) else value


Unset = BeforeValidator(_unset)


def _a_year(value: int | None) -> int | None:
    if value is not None and not 1900 <= value <= 2200:
        raise ValueError("a signing year from 1900 to 2200")
    return value


def register_filter(
    q: Annotated[str | None, Query(max_length=200)] = None,
    doc_type: Annotated[Literal["mou", "agreement", "amendment", "other"] | None, Unset] = None,
    status: Annotated[RegisterStatus | None, Unset] = None,
    year: Annotated[int | None, Unset, AfterValidator(_a_year)] = None,
    party: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[Literal["id", "en"] | None, Unset] = None,
    cooperation_kind: Annotated[CooperationKind | None, Unset] = None,
    sector: Annotated[Sector | None, Unset] = None,
    incomplete: Annotated[bool, BeforeValidator(_off)] = False,
    doubts: Annotated[bool, BeforeValidator(_off)] = False,
    sort: RegisterSort = "signed_date",
    order: Literal["asc", "desc"] = "desc",
) -> RegisterFilter:
    """The register's filter from the query string, the one list of its filters for the
    register page, the list and its exports (status: active, expiring within 90 days,
    expired, unknown; cooperation_kind: ksdd, ksdpk, ksdpl, ksdll, central, other, from the
    parties; sector: a field of government affairs, from the subject; incomplete: only those
    missing a requirement of their rule pack; doubts: only those with a doubted value no
    person has reviewed). An empty value is no filter."""
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
        doubts=doubts,
        sort=sort,
        descending=order == "desc",
    )


FilterDep = Annotated[RegisterFilter, Depends(register_filter)]


@router.get("", response_model=RegisterPage, dependencies=[allow("viewer")])
def register_list(
    library: LibraryDep,
    f: FilterDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> Response:
    """The agreements matching the filter, in its order, from `offset` (`limit` of them;
    all without it), with `requirements_met` of `requirements_total` (the Kelengkapan, None
    while being computed) and `open_doubts`; `total` matching in all, their counts per
    status, signing year and kind, and the register's ten next expiries."""
    read = read_register(library, f, date.today(), offset=offset, limit=limit)
    page = RegisterPage(
        rows=read.rows,
        stats=read.stats,
        next_expiries=read.next_expiries,
        total=read.total,
        offset=offset,
    )
    # Written here, in pydantic's own serialiser: FastAPI would validate the page's rows
    # once more against response_model (which stays for the schema) before writing them.
    return Response(page.model_dump_json(), media_type="application/json")


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
    # rows come from the cursor a chunk at a time, each written as it comes
    rows = register_stream(library, f, date.today())
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
