from __future__ import annotations

from fastapi import APIRouter

from search_api.http import (
    GuardedRoute,
    LibraryDep,
    PrecedentRequest,
    SimilarClause,
    SimilarPage,
    allow,
)

router = APIRouter(route_class=GuardedRoute, prefix="/api/precedents", tags=["clauses"])


@router.post("", response_model=SimilarPage, dependencies=[allow("viewer")])
def find_precedents(request: PrecedentRequest, library: LibraryDep) -> SimilarPage:
    """Stored clauses most like a pasted draft text; near-identical wording first."""
    hits = library.similar_to_text(request.text, request.limit)
    return SimilarPage(hits=[SimilarClause.of(h) for h in hits])
