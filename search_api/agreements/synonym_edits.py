"""Synonym groups as admins edit them (/api/synonyms and the /sinonim page).

Pure. `checked` accepts only what the query parser can use (search_api/index/query.py compares
terms as their stop-word-free folded words, so 'Nota  Kesepahaman' and 'nota kesepahaman' are one
term and a term of stop words alone matches nothing). A term in two groups is refused, not merged:
the parser would silently keep one of the two groups, and merging would join meanings the admin
kept apart. A one-way term (`also`: found by the group's terms, finding only itself) may be a term
of another group; it finds that group's terms then, never this one's.

On the page a group is a line of terms separated by commas; one-way terms follow '=>':
`adendum, addendum, amandemen => perubahan`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from search_api.errors import InvalidSynonyms
from search_api.index.base import SynonymGroup
from search_api.index.query import Phrase, Synonyms, Word, build_synonym_table, parse, unit_text
from search_api.index.text import QUERY_STOP_WORDS, fold, tokens

MAX_GROUPS = 200
MAX_TERMS = 20
MAX_TERM_CHARS = 60
MAX_NAME_CHARS = 64  # the store's key column (store/models.py SynonymRow)
MAX_DETAIL_CHARS = 1000
ONE_WAY = "=>"

_SPACES_RE = re.compile(r"\s+")
_NAME_RE = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class Draft:
    """One group as sent: its terms, maybe a name, and where it was (group or line number)."""

    terms: Sequence[str]
    name: str | None = None
    position: int = 0
    also: Sequence[str] = ()


def key_of(term: str) -> tuple[str, ...]:
    """The words the query parser compares for this term (folded, stop words dropped)."""
    return tuple(t.surface for t in tokens(term) if not t.is_stop_word)


def checked(drafts: Sequence[Draft], *, unit: str = "group") -> list[SynonymGroup]:
    """The groups to store, terms trimmed and repeats dropped, each group named.

    Raises InvalidSynonyms naming the first problem and its `unit` ("group" or "line") number.
    """
    if len(drafts) > MAX_GROUPS:
        raise InvalidSynonyms("too_many_groups", None, unit, count=len(drafts), limit=MAX_GROUPS)
    owner: dict[tuple[str, ...], int] = {}  # term -> position of the group that has it
    cleaned: list[tuple[Draft, tuple[str, ...], tuple[str, ...]]] = []
    for draft in drafts:
        terms, also = _terms(draft, unit)
        for term in terms:
            key = key_of(term)
            other = owner.setdefault(key, draft.position)
            if other != draft.position:
                raise InvalidSynonyms(
                    "term_in_two_groups", draft.position, unit, term=term, other=other
                )
        cleaned.append((draft, terms, also))
    names = _names([(draft, terms) for draft, terms, _ in cleaned], unit)
    return [
        SynonymGroup(name, terms, also)
        for name, (_, terms, also) in zip(names, cleaned, strict=True)
    ]


def _terms(draft: Draft, unit: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, one-way terms) trimmed, each once."""
    seen = _cleaned(draft.terms, draft.position, unit)
    one_way = _cleaned(draft.also, draft.position, unit)
    for key, term in one_way.items():
        if key in seen:
            raise InvalidSynonyms("term_both_ways", draft.position, unit, term=term)
    count = len(seen) + len(one_way)
    if count > MAX_TERMS:
        raise InvalidSynonyms("too_many_terms", draft.position, unit, count=count, limit=MAX_TERMS)
    if one_way and not seen:
        raise InvalidSynonyms("one_way_without_terms", draft.position, unit)
    if count < 2:
        raise InvalidSynonyms("too_few_terms", draft.position, unit)
    return tuple(seen.values()), tuple(one_way.values())


def _cleaned(raws: Sequence[str], position: int, unit: str) -> dict[tuple[str, ...], str]:
    seen: dict[tuple[str, ...], str] = {}
    for raw in raws:
        term = _SPACES_RE.sub(" ", raw).strip()
        if not term:
            raise InvalidSynonyms("empty_term", position, unit)
        if not term.isprintable():
            raise InvalidSynonyms("term_unprintable", position, unit, term=term)
        if "," in term:
            raise InvalidSynonyms("term_has_comma", position, unit, term=term)
        if ONE_WAY in term:
            raise InvalidSynonyms("term_has_arrow", position, unit, term=term)
        if len(term) > MAX_TERM_CHARS:
            raise InvalidSynonyms("term_too_long", position, unit, term=term, limit=MAX_TERM_CHARS)
        key = key_of(term)
        if not key:
            raise InvalidSynonyms("term_has_no_word", position, unit, term=term)
        seen.setdefault(key, term)
    return seen


def _names(cleaned: Sequence[tuple[Draft, tuple[str, ...]]], unit: str) -> list[str]:
    """Given names must be unique; a missing one comes from the first term (kahar -> 'kahar',
    'nota kesepahaman' -> 'nota_kesepahaman'), with _2, _3 when that is taken."""
    taken: set[str] = set()
    for draft, _ in cleaned:
        if draft.name is None or not draft.name.strip():
            continue
        name = draft.name.strip()
        if len(name) > MAX_NAME_CHARS:
            raise InvalidSynonyms(
                "name_too_long", draft.position, unit, name=name, limit=MAX_NAME_CHARS
            )
        if name.casefold() in taken:
            raise InvalidSynonyms("duplicate_name", draft.position, unit, name=name)
        taken.add(name.casefold())
    names = []
    for draft, terms in cleaned:
        if draft.name is not None and draft.name.strip():
            names.append(draft.name.strip())
            continue
        base = _NAME_RE.sub("_", fold(terms[0])).strip("_")[: MAX_NAME_CHARS - 4] or "group"
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name.casefold())
        names.append(name)
    return names


# -- the page's text: one group per line, terms separated by commas --------------------------------


def to_text(groups: Sequence[SynonymGroup]) -> str:
    return "\n".join(line_of(group) for group in groups)


def line_of(group: SynonymGroup) -> str:
    """The group as the page writes it: 'a, b, c' or 'a, b => c'."""
    terms = ", ".join(group.terms)
    return f"{terms} {ONE_WAY} {', '.join(group.also)}" if group.also else terms


def from_text(text: str, current: Sequence[SynonymGroup]) -> list[SynonymGroup]:
    """The groups written in `text`; blank lines and doubled commas are skipped. A line keeps
    the name of the stored group with the same first term, so editing a group keeps its name.

    Raises InvalidSynonyms with the line number of the first problem.
    """
    names = {key_of(group.terms[0]): group.name for group in current if group.terms}
    drafts = []
    for number, line in enumerate(text.splitlines(), 1):
        both, arrow, one_way = line.partition(ONE_WAY)
        terms = [term for term in both.split(",") if term.strip()]
        also = [term for term in one_way.split(",") if term.strip()]
        if arrow and not also:
            raise InvalidSynonyms("one_way_empty", number, "line")
        if terms or also:
            name = names.get(key_of(terms[0])) if terms else None
            drafts.append(Draft(terms, name, number, also))
    return checked(drafts, unit="line")


def change_of(before: Sequence[SynonymGroup], after: Sequence[SynonymGroup]) -> str:
    """What an audit entry says changed: groups added, removed and changed, by name."""
    old: Mapping[str, tuple[tuple[str, ...], ...]] = {g.name: (g.terms, g.also) for g in before}
    new: Mapping[str, tuple[tuple[str, ...], ...]] = {g.name: (g.terms, g.also) for g in after}
    parts = [
        f"{label}: {', '.join(names)}"
        for label, names in (
            ("added", [n for n in new if n not in old]),
            ("removed", [n for n in old if n not in new]),
            ("changed", [n for n in new if n in old and new[n] != old[n]]),
        )
        if names
    ]
    detail = "; ".join(parts) or "unchanged"
    if len(detail) > MAX_DETAIL_CHARS:
        detail = detail[: MAX_DETAIL_CHARS - 1] + "…"
    return f"{len(after)} groups; {detail}"


# -- what the groups do to a query (the /sinonim preview) -----------------------------------------


@dataclass(frozen=True, slots=True)
class Expansion:
    """One part of a query as search reads it: what was typed, the group that expands it (if
    any) with the terms it then also finds, both ways and one way, and the groups that find it
    one way (`found_by`) when it is one of their one-way terms."""

    typed: str
    group: str | None = None
    terms: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    found_by: tuple[str, ...] = ()
    is_phrase: bool = False


def preview(q: str, groups: Sequence[SynonymGroup]) -> list[Expansion]:
    """Each part of `q` as search expands it with `groups` (saved or not), in the order typed.
    The same parser as search (search_api/index/query.py), so what it shows is what runs."""
    by_name = {group.name: group for group in groups}
    one_way: dict[tuple[str, ...], list[str]] = {}
    for group in groups:
        for term in group.also:
            one_way.setdefault(_typed_key(term), []).append(group.name)
    found: list[Expansion] = []
    for unit in parse(q.strip() + " ", build_synonym_table(groups)).units:
        typed = unit_text(unit)
        by = tuple(one_way.get(_typed_key(typed), ()))
        if isinstance(unit, Synonyms) and unit.group in by_name:
            group = by_name[unit.group]
            mine = _typed_key(typed)
            others = tuple(t for t in group.terms if _typed_key(t) != mine)
            found.append(Expansion(typed, group.name, others, tuple(group.also), by))
        elif isinstance(unit, Word):
            found.append(Expansion(typed, found_by=by))
        else:
            found.append(Expansion(typed, is_phrase=isinstance(unit, Phrase)))
    return found


def _typed_key(term: str) -> tuple[str, ...]:
    """A term's words as a query names it (function words of both languages dropped)."""
    words = key_of(term)
    return tuple(w for w in words if w not in QUERY_STOP_WORDS) or words
