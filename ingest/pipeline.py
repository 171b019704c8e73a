"""The one-way pipeline: bytes -> RawDocument -> CleanText -> Outline -> Agreement."""

from __future__ import annotations

import logging
import time

from ingest.assemble import assemble
from ingest.clean import clean
from ingest.errors import EmptyDocument
from ingest.extract.language import detect
from ingest.model import Agreement
from ingest.readers import read
from ingest.structure import outline

log = logging.getLogger(__name__)


def extract(data: bytes, filename: str) -> Agreement:
    """Extract one agreement. Raises IngestError subclasses for input a user must fix."""
    t0 = time.perf_counter()
    raw = read(data, filename)
    t1 = time.perf_counter()
    cleaned = clean(raw)
    if not cleaned.text.strip() and not any(not p.has_text_layer for p in raw.pages):
        raise EmptyDocument(filename, "the document contains no text")
    t2 = time.perf_counter()
    language = detect(cleaned.text)
    structure = outline(cleaned.text, language)
    t3 = time.perf_counter()
    agreement = assemble(raw, cleaned.text, structure, language)
    t4 = time.perf_counter()
    log.info(
        "extract file=%s pages=%s clauses=%d parties=%d read=%.3fs clean=%.3fs "
        "structure=%.3fs fields=%.3fs",
        filename,
        raw.page_count,
        len(agreement.clauses),
        len(agreement.parties),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
    )
    return agreement
