"""What the compliance engine may know of this naskah: its CheckContext from the library.

- stored agreements by their own numbers (the KB a PKS cites, the agreement an addendum
  changes): the store's number keys (migration 0006), with their text;
- precedents: clauses of a category from the index, those of agreements of the same check
  kind and partner type first, newest signed first; each with the start of its text;
- the rules admins switched off (store/rule_switches.py).

The agreement being checked never counts as its own precedent or citation when it is
stored (`exclude`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from ingest.model import Agreement
from search_api.compliance import (
    CheckContext,
    CheckResult,
    Precedent,
    StoredAgreement,
    check_agreement,
    kept_profile,
    load_packs,
)
from search_api.errors import ClauseNotFound, IndexUnavailable
from search_api.index.base import Hit, SearchQuery

if TYPE_CHECKING:
    from search_api.agreements.library import Library

log = logging.getLogger(__name__)

# Candidates read from the index per search: the newest clauses of the category, enough for
# the same kind and partner type to be among them in a store of thousands.
POOL: Final = 40
SNIPPET_CHARS: Final = 320


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """A check's result, and whether its precedents could not be searched (the index was
    down: the findings then carry none, which is not the same as none found)."""

    result: CheckResult
    precedents_unavailable: bool = False


def run_check(
    library: Library,
    agreement: Agreement,
    *,
    exclude: str | None,
    kind: str | None = None,
    precedents: bool = True,
    today: date | None = None,
) -> ComplianceReport:
    """Check `agreement` in the context of this library. Raises UnknownCheckKind."""
    context = context_of(library, exclude=exclude, precedents=precedents, today=today)
    result = check_agreement(agreement, context, kind=kind)
    finder = context.precedents
    unavailable = isinstance(finder, IndexPrecedents) and finder.unavailable
    return ComplianceReport(result, precedents_unavailable=unavailable)


def context_of(
    library: Library,
    *,
    exclude: str | None = None,
    precedents: bool = True,
    today: date | None = None,
) -> CheckContext:
    """The context of a check: `exclude` is the stored agreement being checked (if it is
    stored); without `precedents` the findings carry none (a summary)."""
    return CheckContext(
        lookup=StoreLookup(library, exclude),
        precedents=IndexPrecedents(library, exclude) if precedents else None,
        disabled=library.disabled_rules(),
        today=today or date.today(),
    )


class StoreLookup:
    """Stored agreements whose own numbers include a number, newest signed first."""

    def __init__(self, library: Library, exclude: str | None) -> None:
        self.library = library
        self.exclude = exclude

    def __call__(self, number: str) -> Sequence[StoredAgreement]:
        return [
            StoredAgreement(s.id, s.agreement)
            for s in self.library.numbered(number, exclude=self.exclude)
        ]


class IndexPrecedents:
    """Stored clauses of a category for a rule not met: the same check kind and partner
    type first, then the same kind, then the rest, each group newest signed first. When
    the index cannot be reached the findings carry none and `unavailable` says so."""

    def __init__(self, library: Library, exclude: str | None, *, limit: int = 3) -> None:
        self.library = library
        self.exclude = exclude
        self.limit = limit
        self.unavailable = False
        self._found: dict[tuple[str, str, str | None], list[Precedent]] = {}

    def __call__(self, category: str, kind: str, partner_type: str | None) -> Sequence[Precedent]:
        key = (category, kind, partner_type)
        if key not in self._found:
            try:
                self._found[key] = self._find(category, kind, partner_type)
            except IndexUnavailable as exc:
                log.warning(
                    "check step=precedents category=%s index unavailable: %s", category, exc
                )
                self.unavailable = True
                self._found[key] = []
        return self._found[key]

    def _find(self, category: str, kind: str, partner_type: str | None) -> list[Precedent]:
        hits: dict[str, Hit] = {}
        for partner in dict.fromkeys([partner_type, None]):
            query = SearchQuery(
                q="",
                scope="clauses",
                category=category,
                partner_type=partner,
                sort="date",
                limit=POOL,
            )
            for hit in self.library.search(query).hits:
                if hit.clause_id and hit.agreement_id != self.exclude:
                    hits.setdefault(hit.clause_id, hit)
        if not hits:
            return []
        ids = sorted({h.agreement_id for h in hits.values()})
        agreements = {s.id: s.agreement for s in self.library.get_many(ids, brief=True)}
        packs = load_packs()

        def rank(hit: Hit) -> tuple[bool, bool]:
            agreement = agreements.get(hit.agreement_id)
            if agreement is None:  # deleted since the index answered
                return True, True
            same_kind = packs.choose(agreement).pack.kind == kind
            same_partner = partner_type in kept_profile(agreement).partner_types
            return not same_kind, not same_partner

        chosen = sorted((h for h in hits.values() if h.agreement_id in agreements), key=rank)[
            : self.limit
        ]
        out = []
        for hit in chosen:
            try:
                clause, _ = self.library.clause(hit.clause_id or "")
            except ClauseNotFound:  # re-extracted or deleted since the index answered
                continue
            out.append(
                Precedent(hit.agreement_id, clause.clause_id, hit.title, snippet(clause.text))
            )
        return out


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of a clause's text, cut at a word, with an ellipsis when cut."""
    folded = " ".join(text.split())
    if len(folded) <= limit:
        return folded
    cut = folded[:limit].rsplit(" ", 1)[0]
    return cut + " …"
