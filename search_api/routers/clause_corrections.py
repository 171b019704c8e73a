"""Clause corrections: add, delete, split, merge and change a clause's number, heading or
category. Each is kept beside the machine's clauses and replayed over them (OCR again, a new
version), and the index follows the corrected clauses at once. Every route answers the
agreement as it is now."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from search_api.http import (
    AgreementPublic,
    ClauseAdd,
    ClauseChange,
    ClauseSplit,
    GuardedRoute,
    LibraryDep,
    UserDep,
    allow,
)

router = APIRouter(
    route_class=GuardedRoute, prefix="/api/agreements/{agreement_id}/clauses", tags=["clauses"]
)

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown agreement or clause (agreement_not_found, clause_not_found)"},
    422: {"description": "the change cannot be made (invalid_clause_correction)"},
}


@router.post(
    "",
    response_model=AgreementPublic,
    status_code=201,
    responses=_ERRORS,
    dependencies=[allow("editor", audit="clause.add")],
)
def add_clause(
    agreement_id: str, clause: ClauseAdd, library: LibraryDep, user: UserDep
) -> AgreementPublic:
    """Add a clause the machine missed, after the clause `after` (null: first). Without a
    category it is classified from its heading and text."""
    values = clause.model_dump(exclude={"after"}, exclude_unset=True)
    return AgreementPublic.of(
        library.add_clause(agreement_id, clause.after, values, author=user.name)
    )


@router.patch(
    "/{clause_id}",
    response_model=AgreementPublic,
    responses=_ERRORS,
    dependencies=[allow("editor", audit="clause.edit")],
)
def change_clause(
    agreement_id: str, clause_id: str, change: ClauseChange, library: LibraryDep, user: UserDep
) -> AgreementPublic:
    """Change a clause's number, heading or category (only the fields sent; a heading or
    category sent as null is removed)."""
    changes = change.model_dump(exclude_unset=True)
    return AgreementPublic.of(
        library.edit_clause(agreement_id, clause_id, changes, author=user.name)
    )


@router.delete(
    "/{clause_id}",
    response_model=AgreementPublic,
    responses=_ERRORS,
    dependencies=[allow("editor", audit="clause.delete")],
)
def delete_clause(
    agreement_id: str, clause_id: str, library: LibraryDep, user: UserDep
) -> AgreementPublic:
    """Remove a clause the machine read where there is none (a heading taken for a Pasal)."""
    return AgreementPublic.of(library.delete_clause(agreement_id, clause_id, author=user.name))


@router.post(
    "/{clause_id}/split",
    response_model=AgreementPublic,
    responses=_ERRORS,
    dependencies=[allow("editor", audit="clause.split")],
)
def split_clause(
    agreement_id: str, clause_id: str, split: ClauseSplit, library: LibraryDep, user: UserDep
) -> AgreementPublic:
    """Split a clause in two where character `at` of its text is (two clauses read as one):
    the rest becomes a new clause with the number, heading and category sent."""
    values = split.model_dump(exclude={"at"}, exclude_unset=True)
    return AgreementPublic.of(
        library.split_clause(agreement_id, clause_id, split.at, values, author=user.name)
    )


@router.post(
    "/{clause_id}/merge",
    response_model=AgreementPublic,
    responses=_ERRORS,
    dependencies=[allow("editor", audit="clause.merge")],
)
def merge_clause(
    agreement_id: str, clause_id: str, library: LibraryDep, user: UserDep
) -> AgreementPublic:
    """Merge a clause with the one after it (one clause read as two)."""
    return AgreementPublic.of(library.merge_clause(agreement_id, clause_id, author=user.name))
