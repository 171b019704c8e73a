"""The review of an agreement's extracted values: machine value, source passage, doubts, and
who confirmed or corrected each (corrections themselves go through PATCH /api/agreements/{id})."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.agreements import AgreementReview, review_of
from search_api.http import GuardedRoute, LibraryDep, allow

router = APIRouter(route_class=GuardedRoute, prefix="/api/agreements", tags=["agreements"])


@router.get(
    "/{agreement_id}/review", response_model=AgreementReview, dependencies=[allow("viewer")]
)
def read_agreement_review(agreement_id: str, library: LibraryDep) -> AgreementReview:
    """Each reviewable field with the machine's value, the effective value, its source span in
    `text`, its doubts and its state (machine, confirmed, corrected: by whom, when). 404 when
    the agreement does not exist."""
    stored = library.get(agreement_id)
    machine, entries = library.corrections(agreement_id)
    return review_of(stored, machine, entries)
