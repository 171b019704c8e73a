"""Extraction in worker processes: a hostile file can only kill its own worker (workers.py).

Light on purpose: the workers' forkserver imports this package, so it loads ingest and nothing
of the service (no SQLAlchemy, no index) into processes capped in address space.
"""

from search_api.extraction.workers import (
    ExtractionCancelled,
    OcrNeeded,
    WorkerLimits,
    WorkerPool,
    agreement_of,
    answer_of,
)

__all__ = [
    "ExtractionCancelled",
    "OcrNeeded",
    "WorkerLimits",
    "WorkerPool",
    "agreement_of",
    "answer_of",
]
