"""naskah ingest: file in, structured Agreement out. Pure: no database, no index, no HTTP."""

from __future__ import annotations

from pathlib import Path

from ingest.model import Agreement

__all__ = ["Agreement", "extract_agreement", "extract_bytes"]


def extract_agreement(path: Path) -> Agreement:
    """Read and extract one agreement file. Raises IngestError subclasses for bad input."""
    return extract_bytes(Path(path).read_bytes(), Path(path).name)


def extract_bytes(data: bytes, filename: str) -> Agreement:
    """Extract an agreement from the bytes of a PDF or DOCX file named `filename`."""
    from ingest.pipeline import extract

    return extract(data, filename)
