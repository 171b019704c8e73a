from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NASKAH_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "real"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared real corpus (files with gold JSON beside them)."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (set NASKAH_SHARED_DIR)")
    return CORPUS
