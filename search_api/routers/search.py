from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from ingest.extract.partners import PartnerType
from search_api.deps import LibraryDep
from search_api.errors import InvalidQuery
from search_api.index.base import Hit, SearchQuery
from search_api.index.base import SearchPage as IndexPage
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
    partner_type: Annotated[
        PartnerType | None,
        Query(description="one of the parties is a region, university, school, company, ..."),
    ] = None,
    year_from: int | None = None,
    year_to: int | None = None,
    status: Literal["active", "expired", "unknown"] | None = None,
    language: str | None = None,
    clause_number: str | None = None,
    sort: Literal["relevance", "date"] = "relevance",
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
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
            partner_type=partner_type,
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
    return Response(page_json(page, offset=offset, limit=limit), media_type="application/json")


def page_json(page: IndexPage, *, offset: int, limit: int) -> bytes:
    """The answer as `SearchPage` JSON, written directly: validating every hit through pydantic
    again cost about as much as the search itself. `test_api` pins the shape."""
    body: dict[str, Any] = {
        "total": page.total,
        "offset": offset,
        "limit": limit,
        "hits": [_hit(h) for h in page.hits],
        "facets": page.facets,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _hit(hit: Hit) -> dict[str, Any]:
    return {
        "agreement_id": hit.agreement_id,
        "clause_id": hit.clause_id,
        "clause_number": hit.clause_number,
        "heading": hit.heading,
        "category": hit.category,
        "title": hit.title,
        "snippet": hit.snippet,
        "score": hit.score,
        "signed_date": hit.signed_date.isoformat() if hit.signed_date else None,
    }
