from __future__ import annotations

from fastapi import APIRouter

from search_api.http import LibraryDep, PrecedentRequest, SimilarClause, SimilarPage

router = APIRouter(prefix="/api/precedents", tags=["clauses"])


@router.post("", response_model=SimilarPage)
def find_precedents(request: PrecedentRequest, library: LibraryDep) -> SimilarPage:
    """Stored clauses most like a pasted draft text; near-identical wording first."""
    hits = library.similar_to_text(request.text, request.limit)
    return SimilarPage(hits=[SimilarClause.of(h) for h in hits])
