"""The synonym groups search expands queries with: read them (everyone), replace them (admins).

The store keeps them; Library.set_synonyms hands them to the index at once, so the next search
uses them. Every change is audited as `synonyms.change`. Who may call what: search_api/access.py.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from search_api.access import client_of
from search_api.accounts import Accounts, User
from search_api.deps import AccountsDep, LibraryDep, UserDep
from search_api.index.base import SynonymGroup
from search_api.library import Library
from search_api.schemas import SynonymEdit, SynonymGroupPublic, SynonymList
from search_api.synonyms import Draft, change_of, checked

router = APIRouter(tags=["synonyms"])


def _listing(groups: list[SynonymGroup]) -> SynonymList:
    return SynonymList(
        groups=[SynonymGroupPublic(name=g.name, terms=list(g.terms)) for g in groups]
    )


def _save(
    request: Request, library: Library, accounts: Accounts, user: User, groups: list[SynonymGroup]
) -> None:
    before = library.synonyms()
    library.set_synonyms(groups)
    accounts.audit(
        user.name,
        "synonyms.change",
        "synonyms",
        change_of(before, groups),
        client_of(request.scope),
    )


@router.get("/api/synonyms", response_model=SynonymList)
def read_synonyms(library: LibraryDep) -> SynonymList:
    """Every synonym group: a search for one term of a group also finds the others."""
    return _listing(library.synonyms())


@router.put("/api/synonyms", response_model=SynonymList)
def replace_synonyms(
    request: Request,
    body: SynonymEdit,
    library: LibraryDep,
    accounts: AccountsDep,
    user: UserDep,
) -> SynonymList:
    """Replace all synonym groups; the next search uses them. Answers the stored groups.

    Raises InvalidSynonyms (422) naming the group (1-based) and what is wrong with it."""
    groups = checked(
        [Draft(g.terms, g.name, position) for position, g in enumerate(body.groups, 1)]
    )
    _save(request, library, accounts, user, groups)
    return _listing(library.synonyms())
