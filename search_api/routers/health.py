from __future__ import annotations

from fastapi import APIRouter

from search_api.http import PUBLIC, GuardedRoute, Health, LibraryDep, allow

router = APIRouter(route_class=GuardedRoute, prefix="/api/health", tags=["health"])


@router.get("", response_model=Health, dependencies=[allow(PUBLIC)])
def read_health(library: LibraryDep) -> Health:
    health = library.health()
    return Health(
        status="ok",
        engine=health.engine,
        agreements=health.agreements,
        indexed_records=health.indexed_records,
        pending_index=health.pending_index,
    )
