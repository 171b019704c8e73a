"""Facet counts from one Tantivy aggregation over dense, single-valued fast fields.

Tantivy counts a single-valued column that every record fills about fifteen times faster than a
multi-valued one, so the embedded index keeps a facet copy of each field in that shape: a clause's
category in `category_one`, and each party in its own slot (`party_1` .. `party_4`, padded with
"", the rest in `party_more`). The same pass yields the total: every record has one doc_type.

Each column counted costs about as much again as finding the records, so `FacetShape` (read from
the term dictionaries after each commit) leaves out what the whole index already answers: party
slots that no record fills, and a language every record has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from search_api.index.base import Scope

PARTY_SLOTS: tuple[str, ...] = ("party_1", "party_2", "party_3", "party_4")
PARTY_MORE = "party_more"
FACET_SIZE = 100
# Each slot counts its own values: ask for more than we show, so the sum stays exact.
_SLOT_SIZE = 10_000
EMPTY = ""


def party_slots(parties: list[str]) -> tuple[list[str], list[str]]:
    """(one value per slot, padded with EMPTY; the parties past the last slot)."""
    distinct = list(dict.fromkeys(p for p in parties if p))
    slots = distinct[: len(PARTY_SLOTS)]
    return slots + [EMPTY] * (len(PARTY_SLOTS) - len(slots)), distinct[len(PARTY_SLOTS) :]


@dataclass(frozen=True, slots=True)
class FacetShape:
    """What the index holds, as far as counting needs to know."""

    party_slots: tuple[str, ...] = (*PARTY_SLOTS, PARTY_MORE)  # slots some record fills
    only_language: str | None = None  # set when every record has this language


def facet_shape(terms: Any) -> FacetShape:
    """`terms(field)` lists a field's indexed terms (deleted records' terms may linger: then a
    column is counted that need not be, never the reverse)."""
    slots = tuple(s for s in (*PARTY_SLOTS, PARTY_MORE) if any(t != EMPTY for t in terms(s)))
    languages = list(terms("language"))
    return FacetShape(slots, languages[0] if len(languages) == 1 else None)


def facet_request(scope: Scope, today: int, shape: FacetShape) -> dict[str, Any]:
    """The aggregation for a search in `scope`; `today` is an int YYYYMMDD (status)."""
    category = "category_one" if scope == "clauses" else "category"
    aggs: dict[str, Any] = {
        "doc_type": {"terms": {"field": "doc_type", "size": FACET_SIZE}},
        "year": {"terms": {"field": "year", "size": FACET_SIZE}},
        "category": {"terms": {"field": category, "size": FACET_SIZE}},
        "status": {
            "range": {
                "field": "expiry",
                "ranges": [
                    {"key": "unknown", "to": 1},
                    {"key": "expired", "from": 1, "to": today},
                    {"key": "active", "from": today},
                ],
            }
        },
    }
    if shape.only_language is None:
        aggs["language"] = {"terms": {"field": "language", "size": FACET_SIZE}}
    for slot in shape.party_slots:
        aggs[slot] = {"terms": {"field": slot, "size": _SLOT_SIZE}}
    return aggs


def read_facets(result: dict[str, Any], shape: FacetShape) -> tuple[int, dict[str, dict[str, int]]]:
    """(total records matched, counts per facet value) from `facet_request`'s result."""
    doc_types = result.get("doc_type", {})
    total = sum(int(b["doc_count"]) for b in doc_types.get("buckets", [])) + int(
        doc_types.get("sum_other_doc_count", 0)
    )
    parties: Counter[str] = Counter()
    for slot in (*PARTY_SLOTS, PARTY_MORE):
        for b in _buckets(result, slot):
            if b["key"] != EMPTY:
                parties[str(b["key"])] += int(b["doc_count"])
    facets: dict[str, dict[str, int]] = {
        "doc_type": _counts(result, "doc_type"),
        "category": _counts(result, "category"),
        "party": dict(sorted(parties.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]),
        "language": (
            _counts(result, "language")
            if shape.only_language is None
            else {shape.only_language: total}
            if total
            else {}
        ),
        "year": {
            str(int(b["key"])): int(b["doc_count"])
            for b in _buckets(result, "year")
            if int(b["key"]) != 0 and b["doc_count"]
        },
        "status": _counts(result, "status"),
    }
    return total, facets


def _buckets(result: dict[str, Any], name: str) -> list[dict[str, Any]]:
    buckets: list[dict[str, Any]] = result.get(name, {}).get("buckets", [])
    return buckets


def _counts(result: dict[str, Any], name: str) -> dict[str, int]:
    return {
        str(b["key"]): int(b["doc_count"])
        for b in _buckets(result, name)
        if b["key"] != EMPTY and b["doc_count"]
    }
