from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from search_api.http import GuardedRoute, LibraryDep, SimilarClause, SimilarPage, allow

router = APIRouter(route_class=GuardedRoute, prefix="/api/clauses", tags=["clauses"])


@router.get("/{clause_id}/similar", response_model=SimilarPage, dependencies=[allow("viewer")])
def read_similar_clauses(
    clause_id: str, library: LibraryDep, limit: Annotated[int, Query(ge=1, le=50)] = 10
) -> SimilarPage:
    """Clauses of other agreements most like this one; near-identical wording first."""
    hits = library.similar_clauses(clause_id, limit)
    return SimilarPage(hits=[SimilarClause.of(h) for h in hits])
