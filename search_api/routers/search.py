from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from search_api.deps import LibraryDep
from search_api.errors import InvalidQuery
from search_api.index.base import SearchQuery
from search_api.schemas import SearchPage

router = APIRouter(prefix="/api/search", tags=["search"])


@router.get("", response_model=SearchPage)
def search_clauses(
    library: LibraryDep,
    q: Annotated[str, Query(max_length=500, description='words, "a phrase", a number')] = "",
    scope: Literal["clauses", "agreements"] = "clauses",
    doc_type: str | None = None,
    category: str | None = None,
    party: Annotated[str | None, Query(description="a party name as in the facets")] = None,
    year_from: int | None = None,
    year_to: int | None = None,
    status: Literal["active", "expired", "unknown"] | None = None,
    language: str | None = None,
    clause_number: str | None = None,
    sort: Literal["relevance", "date"] = "relevance",
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchPage:
    """Clause or agreement search: Indonesian stemming, typos, prefixes, phrases, synonyms."""
    if year_from and year_to and year_from > year_to:
        raise InvalidQuery(f"year_from {year_from} is after year_to {year_to}")
    page = library.search(
        SearchQuery(
            q=q,
            scope=scope,
            doc_type=doc_type,
            category=category,
            party=party,
            year_from=year_from,
            year_to=year_to,
            status=status,
            language=language,
            clause_number=clause_number,
            sort=sort,
            offset=offset,
            limit=limit,
        )
    )
    return SearchPage.of(page, offset=offset, limit=limit)
