"""Similar clauses: pick a clause's significant stems for recall, re-rank by wording overlap.

Pure. An engine finds candidates with the significant terms (BM25); `similarity` then ranks
near-identical wording first, the same way on both engines.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

CANDIDATES = 100
MAX_TERMS = 24


def significant_terms(
    stems: Sequence[str], doc_freq: Callable[[str], int], total_docs: int, *, limit: int = MAX_TERMS
) -> list[str]:
    """The `limit` stems with the highest tf-idf: rare words that say what the clause is about."""
    counts = Counter(s for s in stems if len(s) > 2 and not s.isdigit())

    def weight(term: str) -> float:
        df = doc_freq(term)
        return counts[term] * math.log(1 + (total_docs + 1) / (df + 1))

    return sorted(counts, key=lambda term: (-weight(term), term))[:limit]


def _shingles(stems: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(stems, stems[1:], strict=False))


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """0..1: mean of word-set and word-pair (shingle) Jaccard overlap; identical wording is 1.0."""
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    words = len(set_a & set_b) / len(set_a | set_b)
    sh_a, sh_b = _shingles(a), _shingles(b)
    pairs = len(sh_a & sh_b) / len(sh_a | sh_b) if sh_a and sh_b else words
    return round((words + pairs) / 2, 4)
