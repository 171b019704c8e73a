"""Scorer: extraction output against hand-made gold labels (same schema), per field.

Each field scores 0..1 per document; a field's score is the mean over documents and the
overall score is the mean over fields. Comparisons fold case, spaces and punctuation where
the labelling rules allow (numbers keep their characters but not their spaces).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

Doc = dict[str, Any]

FIELDS = (
    "language",
    "doc_type",
    "title",
    "subject",
    "numbers",
    "party_names",
    "party_roles",
    "party_representatives",
    "party_positions",
    "signed_date",
    "signed_place",
    "effective_date",
    "term",
    "expiry_date",
    "references",
    "clause_numbering",
    "clause_headings",
    "clause_categories",
)


def norm(value: str | None) -> str:
    if not value:
        return ""
    value = unicodedata.normalize("NFKC", value).casefold()
    value = re.sub(r"[^\w/]+", " ", value)
    return re.sub(r"\s+", " ", value).strip()


def similar(a: str | None, b: str | None) -> float:
    na, nb = norm(a), norm(b)
    if not na and not nb:
        return 1.0
    if not na or not nb:
        return 0.0
    return SequenceMatcher(None, na, nb).ratio()


def _exact(a: Any, b: Any) -> float:
    return 1.0 if a == b else 0.0


def _set_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    p = {re.sub(r"\s+", "", x).casefold() for x in pred}
    g = {re.sub(r"\s+", "", x).casefold() for x in gold}
    if not p and not g:
        return 1.0
    if not p or not g:
        return 0.0
    hit = len(p & g)
    return 2 * hit / (len(p) + len(g))


def _match_parties(pred: list[Doc], gold: list[Doc]) -> list[tuple[Doc, Doc | None]]:
    """Each gold party with the predicted party whose name is most alike (>= 0.8), once."""
    used: set[int] = set()
    pairs: list[tuple[Doc, Doc | None]] = []
    for g in gold:
        best, best_i = 0.0, -1
        for i, p in enumerate(pred):
            if i in used:
                continue
            s = similar(p.get("name"), g.get("name"))
            if s > best:
                best, best_i = s, i
        if best >= 0.8:
            used.add(best_i)
            pairs.append((g, pred[best_i]))
        else:
            pairs.append((g, None))
    return pairs


def _party_names(pred: list[Doc], gold: list[Doc]) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    hits = sum(1 for _, p in _match_parties(pred, gold) if p is not None)
    return 2 * hits / (len(pred) + len(gold))


def _party_attr(attr: str) -> Callable[[list[Doc], list[Doc]], float]:
    def score(pred: list[Doc], gold: list[Doc]) -> float:
        if not gold:
            return 1.0 if not pred else 1.0
        total = 0.0
        for g, p in _match_parties(pred, gold):
            if p is not None:
                total += 1.0 if similar(p.get(attr), g.get(attr)) >= 0.85 else 0.0
        return total / len(gold)

    return score


def _clause_alignment(pred: list[Doc], gold: list[Doc]) -> list[tuple[Doc, Doc]]:
    matcher = SequenceMatcher(
        None, [c["number"] for c in pred], [c["number"] for c in gold], autojunk=False
    )
    pairs = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs.append((pred[block.a + k], gold[block.b + k]))
    return pairs


def _clause_numbering(pred: list[Doc], gold: list[Doc]) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    return 2 * len(_clause_alignment(pred, gold)) / (len(pred) + len(gold))


def _clause_attr(attr: str) -> Callable[[list[Doc], list[Doc]], float]:
    def score(pred: list[Doc], gold: list[Doc]) -> float:
        if not gold:
            return 1.0
        pairs = _clause_alignment(pred, gold)
        if attr == "heading":
            hits = sum(1 for p, g in pairs if similar(p.get("heading"), g.get("heading")) >= 0.9)
        else:
            hits = sum(1 for p, g in pairs if p.get(attr) == g.get(attr))
        return hits / len(gold)

    return score


def score_document(pred: Doc, gold: Doc) -> dict[str, float]:
    """Per-field scores (0..1) of one extraction against its gold label."""
    pp, gp = pred.get("parties") or [], gold.get("parties") or []
    pc, gc = pred.get("clauses") or [], gold.get("clauses") or []
    place = similar(pred.get("signed_place"), gold.get("signed_place"))
    return {
        "language": _exact(pred.get("language"), gold.get("language")),
        "doc_type": _exact(pred.get("doc_type"), gold.get("doc_type")),
        "title": 1.0 if similar(pred.get("title"), gold.get("title")) >= 0.9 else 0.0,
        "subject": 1.0 if similar(pred.get("subject"), gold.get("subject")) >= 0.9 else 0.0,
        "numbers": _set_f1(pred.get("numbers") or [], gold.get("numbers") or []),
        "party_names": _party_names(pp, gp),
        "party_roles": _party_attr("role")(pp, gp),
        "party_representatives": _party_attr("representative")(pp, gp),
        "party_positions": _party_attr("position")(pp, gp),
        "signed_date": _exact(pred.get("signed_date"), gold.get("signed_date")),
        "signed_place": 1.0 if place >= 0.85 else 0.0,
        "effective_date": _exact(pred.get("effective_date"), gold.get("effective_date")),
        "term": _exact(pred.get("term"), gold.get("term")),
        "expiry_date": _exact(pred.get("expiry_date"), gold.get("expiry_date")),
        "references": _set_f1(pred.get("references") or [], gold.get("references") or []),
        "clause_numbering": _clause_numbering(pc, gc),
        "clause_headings": _clause_attr("heading")(pc, gc),
        "clause_categories": _clause_attr("category")(pc, gc),
    }


@dataclass
class Report:
    documents: dict[str, dict[str, float]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    def field_scores(self) -> dict[str, float]:
        scored = list(self.documents.values())
        n = len(scored) + len(self.failures)
        if n == 0:
            return {f: 0.0 for f in FIELDS}
        return {f: sum(d[f] for d in scored) / n for f in FIELDS}

    def overall(self) -> float:
        scores = self.field_scores()
        return sum(scores.values()) / len(scores)

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": round(self.overall(), 4),
            "fields": {k: round(v, 4) for k, v in self.field_scores().items()},
            "documents": self.documents,
            "failures": self.failures,
        }
