from __future__ import annotations

from fastapi import APIRouter

from search_api.http import Health, LibraryDep

router = APIRouter(prefix="/api/health", tags=["health"])


@router.get("", response_model=Health)
def read_health(library: LibraryDep) -> Health:
    return Health(
        status="ok",
        engine=type(library.index).__name__,
        agreements=library.store.count(),
        indexed_records=library.index.count(),
        pending_index=library.store.pending_count(),
    )
