"""Meilisearch through its official client: a thin adapter with pure translations.

Meilisearch neither stems Indonesian nor keeps '/' inside tokens, so documents carry the same
analysed surface and stem fields as the embedded index, agreement numbers and Pasal numbers are
exact filter fields, and snippets are cut in Python (index/highlight.py) as on the embedded index.
Writes are tasks: every write waits for its task, so callers see what they wrote.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import meilisearch
from meilisearch.errors import MeilisearchError

from search_api.errors import ClauseNotFound, IndexUnavailable
from search_api.index.base import (
    ClauseHit,
    Hit,
    IndexedAgreement,
    SearchPage,
    SearchQuery,
    SynonymGroup,
    date_ordinal,
    filter_fields,
)
from search_api.index.highlight import Highlighter
from search_api.index.query import (
    Compound,
    ParsedQuery,
    Phrase,
    Synonyms,
    Word,
    build_synonym_table,
    parse,
    relaxed,
)
from search_api.index.similarity import CANDIDATES, MAX_TERMS, similarity
from search_api.index.text import (
    QUERY_STOP_WORDS,
    analyse,
    en_stem,
    fold,
    looks_english,
    stem_terms,
    surface_terms,
    text_language,
)

log = logging.getLogger(__name__)

TASK_TIMEOUT_MS = 60_000
FACETS = ("doc_type", "category", "party", "language", "year")
# Agreements a clause search names by number, shown as cards above the clauses (at most).
NAMED = 5
_RETRIEVE: dict[str, Any] = {
    "attributesToRetrieve": [
        "agreement_id",
        "clause_id",
        "number",
        "heading",
        "category",
        "title",
        "text",
        "signed_date",
    ]
}
_SEARCHABLE = ["head_x", "head_s", "body_x", "body_s", "ctx_x", "ctx_s"]


def settings_payload(groups: Sequence[SynonymGroup]) -> dict[str, Any]:
    """Index settings the app sets on start: fields, ranking, synonyms, stop words, typo rules."""
    return {
        "searchableAttributes": _SEARCHABLE,
        "filterableAttributes": [
            "rid",
            "kind",
            "agreement_id",
            "doc_type",
            "category",
            "party",
            "partner_type",
            "language",
            "year",
            "expiry",
            "numbers",
            "clause_number",
        ],
        "sortableAttributes": ["signed"],
        "rankingRules": ["words", "typo", "proximity", "attribute", "sort", "exactness"],
        "synonyms": meili_synonyms(groups),
        "stopWords": sorted(QUERY_STOP_WORDS),
        # Stems are made in Python (index/text.py) by each sentence's language; the locales tell
        # Meilisearch's tokenizer which scripts and segmenters to expect.
        "localizedAttributes": [{"attributePatterns": ["*_s", "*_x"], "locales": ["ind", "eng"]}],
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
        },
        "faceting": {"maxValuesPerFacet": 100},
        "pagination": {"maxTotalHits": 10_000},
    }


def meili_synonyms(groups: Sequence[SynonymGroup]) -> dict[str, list[str]]:
    """Each alternative's stems -> every other alternative's stems (the words Meilisearch sees),
    each alternative read both ways: Indonesian stems and English stems. A one-way term
    (`also`) is one of the others, never a key: Meilisearch's one-way synonyms."""
    result: dict[str, list[str]] = {}
    for group in groups:
        forms = _forms(group.terms)
        one_way = [f for f in _forms(group.also) if f not in forms]
        for form in forms:
            result[form] = [other for other in (*forms, *one_way) if other != form]
    return result


def _forms(terms: Sequence[str]) -> list[str]:
    readings = [
        reading
        for term in terms
        for reading in (
            " ".join(stem_terms(term, "id")),
            " ".join(en_stem(w) for w in surface_terms(term) if w not in QUERY_STOP_WORDS),
        )
    ]
    return [f for f in dict.fromkeys(readings) if f]


def to_meili_document(record: dict[str, Any]) -> dict[str, Any]:
    """A record (from `records`) as a Meilisearch document: ids made safe for Meilisearch."""
    return {**record, "id": record["rid"].replace(":", "_")}


def records(a: IndexedAgreement) -> list[dict[str, Any]]:
    """The agreement's record and one per clause, with analysed text fields and filter fields."""
    ctx = " \n".join([a.title, a.subject or "", *a.parties, *a.numbers])
    common: dict[str, Any] = {
        **filter_fields(a),
        "title": a.title,
        "signed_date": a.signed_date.isoformat() if a.signed_date else None,
        **_analysed("ctx", ctx, a.language),
    }
    body = "\n".join(" ".join(p for p in (c.heading or "", c.text) if p) for c in a.clauses)
    out = [
        {
            **common,
            "rid": f"agreement-{a.agreement_id}",
            "kind": "agreement",
            "category": sorted({c.category for c in a.clauses if c.category}),
            "clause_id": None,
            # 'Pasal 5' in agreement scope: the agreements that have a Pasal 5
            "clause_number": list(dict.fromkeys(fold(c.number).upper() for c in a.clauses)),
            "number": None,
            "heading": None,
            "text": a.subject or body,
            **_analysed("head", a.title, a.language),
            **_analysed("body", body, a.language),
        }
    ]
    for c in a.clauses:
        language = text_language(c.text, a.language)
        out.append(
            {
                **common,
                "rid": c.clause_id,
                "kind": "clause",
                "category": [c.category] if c.category else [],
                "clause_id": c.clause_id,
                "clause_number": fold(c.number).upper(),
                "number": c.number,
                "heading": c.heading,
                "text": c.text,
                **_analysed("head", c.heading or "", language),
                **_analysed("body", c.text, language),
            }
        )
    return out


def _analysed(name: str, text: str, language: str) -> dict[str, str]:
    """The same surface and stem fields as the embedded index's (index/text.py `analyse`)."""
    surfaces, stems = analyse(text, language)
    return {f"{name}_s": surfaces, f"{name}_x": stems}


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def to_meili_filter(query: SearchQuery, parsed: ParsedQuery | None = None) -> list[str]:
    """Filters as Meilisearch filter expressions, all of which must hold."""
    kind = "clause" if query.scope == "clauses" else "agreement"
    out = [f"kind = {_quote(kind)}"]
    for name in ("doc_type", "category", "party", "partner_type", "language"):
        value = getattr(query, name)
        if value:
            out.append(f"{name} = {_quote(value)}")
    if query.clause_number:
        out.append(f"clause_number = {_quote(query.clause_number.upper())}")
    if query.year_from:
        out.append(f"year >= {int(query.year_from)}")
    if query.year_to:
        out.append(f"year <= {int(query.year_to)}")
    today = date_ordinal(query.today)
    if query.status == "active":
        out.append(f"expiry >= {today}")
    elif query.status == "expired":
        out.append(f"expiry >= 1 AND expiry < {today}")
    elif query.status == "unknown":
        out.append("expiry = 0")
    if parsed is not None:
        out.extend(f"numbers = {_quote(n)}" for n in parsed.numbers)
        out.extend(f"clause_number = {_quote(n)}" for n in parsed.clause_numbers)
    return out


def to_meili_query(parsed: ParsedQuery) -> str:
    """The words Meilisearch sees: stems (prefix words as typed, so prefixes work), quoted phrases
    of surface words, and the synonym the user typed (Meilisearch expands it from the settings)."""
    parts: list[str] = []
    for unit in parsed.units:
        if isinstance(unit, Word):
            parts.append(unit.surface if unit.is_prefix else meili_reading(unit, parsed.language))
        elif isinstance(unit, Compound):
            # As typed: Meilisearch finds the other form itself, a joined word split into two
            # that stand side by side, two words also joined (its split and concatenated queries)
            typed = (unit.joined,) if unit.is_split else unit.parts
            parts.append(" ".join(meili_reading(w, parsed.language) for w in typed))
        elif isinstance(unit, Synonyms):
            parts.append(" ".join(stem for _, stem in unit.typed))
        elif isinstance(unit, Phrase):
            parts.append(_quote(" ".join(unit.words)))
    return " ".join(parts)


def meili_reading(word: Word, language: str | None) -> str:
    """The one stem of a word Meilisearch is sent (a query there has no OR of readings): the
    English one for an English query, or a lone word that ends as English words do; else the
    Indonesian one."""
    if language == "en" or (language is None and looks_english(word.surface)):
        return word.en_stem or word.stem
    return word.stem


def relaxed_params(params: dict[str, Any], parsed: ParsedQuery) -> dict[str, Any] | None:
    """The search again for when no record matched every word: Meilisearch's `frequency`
    matching strategy (the commonest words let go first, records holding more words first),
    with ranking details to tell how many words the best record holds. None when there is
    nothing to let go (as the embedded index's `relaxed`)."""
    if relaxed(parsed) is None:
        return None
    return {**params, "matchingStrategy": "frequency", "showRankingScoreDetails": True}


def holds_most(hit: dict[str, Any]) -> bool:
    """Whether a hit of a relaxed search holds most of the query's words (its `words` rule)."""
    words = hit.get("_rankingScoreDetails", {}).get("words", {})
    held, most = int(words.get("matchingWords", 0)), int(words.get("maxMatchingWords", 0))
    return most > 0 and 2 * held > most


class MeiliIndex:
    """SearchIndex on a Meilisearch server (NASKAH_MEILI_URL)."""

    def __init__(
        self,
        url: str,
        api_key: str | None,
        *,
        index_name: str = "naskah",
        synonyms: Sequence[SynonymGroup] = (),
    ) -> None:
        self._client = meilisearch.Client(url, api_key)
        self._name = index_name
        try:
            self._client.health()
            self._wait(
                self._client.create_index(index_name, {"primaryKey": "id"}), allow_exists=True
            )
        except MeilisearchError as exc:
            raise IndexUnavailable(f"{url}: {exc}") from exc
        self._index = self._client.index(index_name)
        self._groups: Sequence[SynonymGroup] = ()
        self.set_synonyms(synonyms)
        log.info("index step=open engine=meilisearch url=%s index=%s", url, index_name)

    def _wait(self, task: Any, *, allow_exists: bool = False) -> None:
        done = self._client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if done.status != "succeeded":
            code = (done.error or {}).get("code") if isinstance(done.error, dict) else None
            if allow_exists and code == "index_already_exists":
                return
            raise IndexUnavailable(f"task {task.task_uid} {done.status}: {done.error}")

    def set_synonyms(self, groups: Sequence[SynonymGroup]) -> None:
        self._groups = groups
        self._synonyms = build_synonym_table(groups)
        self._wait(self._index.update_settings(settings_payload(groups)))

    def upsert(self, agreement: IndexedAgreement) -> None:
        self.upsert_many([agreement])

    def upsert_many(self, agreements: Sequence[IndexedAgreement]) -> None:
        ids = ", ".join(_quote(a.agreement_id) for a in agreements)
        self._wait(self._index.delete_documents(filter=f"agreement_id IN [{ids}]"))
        docs = [to_meili_document(r) for a in agreements for r in records(a)]
        self._wait(self._index.add_documents(docs, primary_key="id"))

    def delete(self, agreement_id: str) -> None:
        self._wait(self._index.delete_documents(filter=f"agreement_id = {_quote(agreement_id)}"))

    def clear(self) -> None:
        self._wait(self._index.delete_all_documents())

    def count(self) -> int:
        return int(self._index.get_stats().number_of_documents)

    def close(self) -> None:
        return None

    def search(self, query: SearchQuery) -> SearchPage:
        parsed = parse(query.q, self._synonyms)
        filters = to_meili_filter(query, parsed)
        params: dict[str, Any] = {
            "filter": filters,
            "facets": list(FACETS),
            "offset": query.offset,
            "limit": query.limit,
            "matchingStrategy": "all",
            "showRankingScore": True,
            **_RETRIEVE,
        }
        by_date = query.sort == "date" or parsed.is_empty
        if by_date:
            params["sort"] = ["signed:desc"]
        q = to_meili_query(parsed)
        result = self._index.search(q, params)
        partial = False
        again = None if result["hits"] else relaxed_params(params, parsed)
        if again is not None:
            shorter = self._index.search(q, again)
            if shorter["hits"] and holds_most(shorter["hits"][0]):
                result, partial = shorter, True
        snippets = Highlighter(parsed).snippets([h["text"] for h in result["hits"]])
        hits = [
            Hit(
                agreement_id=h["agreement_id"],
                clause_id=h.get("clause_id"),
                clause_number=h.get("number"),
                heading=h.get("heading"),
                category=(h.get("category") or [None])[0] if query.scope == "clauses" else None,
                title=h["title"],
                snippet=shown,
                score=0.0 if by_date else float(h.get("_rankingScore", 0.0)),
                signed_date=date.fromisoformat(h["signed_date"]) if h.get("signed_date") else None,
            )
            for h, shown in zip(result["hits"], snippets, strict=True)
        ]
        facets = {
            name: {
                str(k): int(v) for k, v in values.items() if not (name == "year" and str(k) == "0")
            }
            for name, values in result.get("facetDistribution", {}).items()
        }
        facets["status"] = self._status_counts(q, query, parsed)
        total = int(result.get("estimatedTotalHits", result.get("totalHits", 0)))
        named = (
            self._named(query, parsed)
            if query.scope == "clauses" and parsed.numbers and not query.offset
            else []
        )
        return SearchPage(total=total, hits=hits, facets=facets, partial=partial, agreements=named)

    def _named(self, query: SearchQuery, parsed: ParsedQuery) -> list[Hit]:
        """The agreements a clause search names by number, within its filters (as the
        embedded index's `_named`)."""
        scoped = SearchQuery(
            **{**_fields(query), "scope": "agreements", "clause_number": None, "offset": 0}
        )
        names = ParsedQuery(numbers=parsed.numbers)
        found = self._index.search(
            "", {"filter": to_meili_filter(scoped, names), "limit": NAMED, **_RETRIEVE}
        )
        snippets = Highlighter(parsed).snippets([h["text"] for h in found["hits"]])
        return [
            Hit(
                agreement_id=h["agreement_id"],
                clause_id=None,
                clause_number=None,
                heading=None,
                category=None,
                title=h["title"],
                snippet=shown,
                score=0.0,
                signed_date=date.fromisoformat(h["signed_date"]) if h.get("signed_date") else None,
            )
            for h, shown in zip(found["hits"], snippets, strict=True)
        ]

    def _status_counts(self, q: str, query: SearchQuery, parsed: ParsedQuery) -> dict[str, int]:
        base = to_meili_filter(SearchQuery(**{**_fields(query), "status": None}), parsed)
        today = date_ordinal(query.today)
        extra = {
            "unknown": "expiry = 0",
            "expired": f"expiry >= 1 AND expiry < {today}",
            "active": f"expiry >= {today}",
        }
        queries = [
            {
                "indexUid": self._name,
                "q": q,
                "filter": [*base, f],
                "limit": 0,
                "matchingStrategy": "all",
            }
            for f in extra.values()
        ]
        results = self._client.multi_search(queries)["results"]
        counts = {
            key: int(r.get("estimatedTotalHits", 0)) for key, r in zip(extra, results, strict=True)
        }
        return {k: v for k, v in counts.items() if v}

    def suggest(self, q: str) -> str | None:
        """None: Meilisearch does not list the words it holds, so there is nothing to pick a
        replacement from (its own typo tolerance still applies to every search)."""
        return None

    def similar_clauses(self, clause_id: str, limit: int) -> list[ClauseHit]:
        found = self._index.search("", {"filter": [f"rid = {_quote(clause_id)}"], "limit": 1})
        if not found["hits"]:
            raise ClauseNotFound(clause_id)
        doc = found["hits"][0]
        return self._similar(doc["text"], limit, exclude_agreement=doc["agreement_id"])

    def similar_to_text(self, text: str, limit: int) -> list[ClauseHit]:
        return self._similar(text, limit, exclude_agreement=None)

    def _similar(self, text: str, limit: int, *, exclude_agreement: str | None) -> list[ClauseHit]:
        stems = stem_terms(text)
        # No document frequencies here: take the clause's most repeated long stems, and let
        # the "frequency" matching strategy drop the commonest words first.
        counts = Counter(s for s in stems if len(s) > 2 and not s.isdigit())
        terms = [t for t, _ in counts.most_common(MAX_TERMS // 2)]
        if not terms:
            return []
        filters = ['kind = "clause"']
        if exclude_agreement:
            filters.append(f"agreement_id != {_quote(exclude_agreement)}")
        result = self._index.search(
            " ".join(terms),
            {
                "filter": filters,
                "limit": CANDIDATES,
                "matchingStrategy": "frequency",
                "attributesToSearchOn": ["body_x"],
            },
        )
        ranked = [
            ClauseHit(
                agreement_id=h["agreement_id"],
                clause_id=h["clause_id"],
                clause_number=h["number"],
                heading=h.get("heading"),
                category=(h.get("category") or [None])[0],
                title=h["title"],
                text=h["text"],
                score=similarity(stems, stem_terms(h["text"])),
            )
            for h in result["hits"]
        ]
        ranked.sort(key=lambda h: (-h.score, h.clause_id))
        return ranked[:limit]


def _fields(query: SearchQuery) -> dict[str, Any]:
    return {name: getattr(query, name) for name in query.__dataclass_fields__}


__all__ = [
    "MeiliIndex",
    "meili_synonyms",
    "records",
    "settings_payload",
    "to_meili_document",
    "to_meili_filter",
    "to_meili_query",
]
