"""The extractors against the hand-made gold of the shared real corpus (text-layer files only).

Text is read plainly (pypdf `extract_text`, python-docx paragraphs then table cells), not through
naskah's readers and clean-up, so these tests pin the extractors alone.
"""

import functools
import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from ingest.extract.dates import find_signing
from ingest.extract.language import detect
from ingest.extract.numbers import find_numbers, find_references
from ingest.extract.term import compute_expiry, find_effective, find_stated_expiry, find_term

CORPUS = Path("/work/shared/corpus/real")
# The title block ends where the opening formula or the parties' sentence begins.
_OPENING = re.compile(
    r"\bpada\s+hari\b|\bhari\s+ini\b|\bbertanda\s+tangan\b|\bon\s+this\b|\bundersigned\b"
    r"|\bthis\b[^.]{0,80}?\b(?:agreement|memorandum|amendment|mou)\b",
    re.IGNORECASE,
)


def _read(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _documents() -> list[Any]:
    params = []
    for gold_path in sorted(CORPUS.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = CORPUS / gold["source"]["filename"]
        if gold["source"]["ocr"] or source.suffix not in (".pdf", ".docx"):
            continue  # scans need OCR first
        params.append(pytest.param(source, gold, id=gold_path.stem))
    return params


DOCUMENTS = _documents()
_TEXTS: dict[Path, str] = {}


def _text(path: Path) -> str:
    if path not in _TEXTS:
        _TEXTS[path] = _read(path)
    return _TEXTS[path]


@functools.cache
def _extract(path: Path, language: str) -> dict[str, Any]:
    text = _text(path)
    signing = find_signing(text, language)
    signed = signing.date.value if signing.date else None
    term = find_term(text, language)
    effective = find_effective(text, language, signed)
    stated = find_stated_expiry(text, language)
    expiry = stated.value if stated else None
    if expiry is None and effective and term:
        expiry = compute_expiry(effective.value, term.value)
    opening = _OPENING.search(text)
    numbers = [f.value for f in find_numbers(text[: opening.start() if opening else 0])]
    return {
        "language": detect(text),
        "signed_date": signed.isoformat() if signed else None,
        "signed_place": signing.place.value if signing.place else None,
        "effective_date": effective.value.isoformat() if effective else None,
        "term": term.value.to_dict() if term else None,
        "expiry_date": expiry.isoformat() if expiry else None,
        "numbers": numbers,
        "references": [f.value for f in find_references(text, numbers)],
    }


FIELDS = [
    "language",
    "signed_date",
    "signed_place",
    "effective_date",
    "term",
    "expiry_date",
    "numbers",
    "references",
]


KNOWN_MISSES: dict[str, str] = json.loads(
    (Path(__file__).parent / "cases" / "real_corpus_known_misses.json").read_text("utf-8")
)["misses"]


@pytest.mark.skipif(not DOCUMENTS, reason=f"no real corpus at {CORPUS}")
@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(("path", "gold"), DOCUMENTS)
def test_extractors_match_the_gold_of_real_agreements(
    path: Path, gold: dict[str, Any], field: str
) -> None:
    found = _extract(path, gold["language"])[field]
    miss = KNOWN_MISSES.get(f"{path.stem}/{field}")
    if miss is None:
        assert found == gold[field]
    else:
        assert found != gold[field], (
            f"{path.stem}/{field} now matches its gold ({miss}): remove it from "
            "cases/real_corpus_known_misses.json"
        )


def test_every_known_miss_names_a_document_and_field_that_exist() -> None:
    names = {f"{p.stem}/{f}" for p, *_ in (param.values for param in DOCUMENTS) for f in FIELDS}
    assert set(KNOWN_MISSES) <= names
