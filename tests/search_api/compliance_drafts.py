"""Real corpus agreements and drafts made from them, for the compliance tests.

Drafts are real DOCX files (python-docx) written to a temporary folder and read back
through naskah's reader and extractors, like an upload: a Pasal removed from a corpus
DOCX, or a corpus PDF's text with a komparisi, recital or date changed. The stored
agreements a check may consult (its lookup, its precedents) are other corpus agreements,
extracted the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import docx

from ingest import extract_agreement
from ingest.model import Agreement
from ingest.profile import profile_of
from search_api.compliance import Precedent, StoredAgreement, kept_profile
from tests.conftest import CORPUS

_PASAL = re.compile(r"^\s*(pasal|article)\s*(\d+)\s*$", re.IGNORECASE)


@functools.cache
def corpus_agreement(name: str) -> Agreement:
    """A text-layer corpus document (`name` without suffix), extracted without OCR."""
    (path,) = [p for p in CORPUS.glob(f"{name}.*") if p.suffix in (".pdf", ".docx")]
    return extract_agreement(path, ocr=False)


def with_profile(agreement: Agreement) -> Agreement:
    """An agreement built by hand, with the profile ingest derives when it assembles one
    (the checks read the kept profile, never derive it)."""
    return replace(agreement, profile=profile_of(agreement))


def read_draft(path: Path) -> Agreement:
    return extract_agreement(path, ocr=False)


def text_draft(text: str, path: Path) -> Agreement:
    """`text` written line by line into a new DOCX at `path`, then read back."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    return read_draft(path)


def changed(text: str, old: str, new: str) -> str:
    """`text` with its one occurrence of `old` replaced (fails loudly if absent)."""
    assert text.count(old) == 1, f"expected {old!r} once in the source text"
    return text.replace(old, new)


def docx_without_pasal(source: Path, target: Path, number: int) -> Agreement:
    """A copy of the corpus DOCX `source` without its Pasal `number` (header to the next
    header), the later Pasal renumbered as a drafter would, read back from `target`."""
    document = docx.Document(str(source))
    paragraphs = document.paragraphs
    headers = [i for i, p in enumerate(paragraphs) if _PASAL.match(p.text)]
    start = next(i for i in headers if int(_PASAL.match(paragraphs[i].text)[2]) == number)  # type: ignore[index]
    end = next(i for i in headers if i > start)
    for paragraph in paragraphs[start:end]:
        paragraph._element.getparent().remove(paragraph._element)
    for paragraph in document.paragraphs:
        m = _PASAL.match(paragraph.text)
        if m and int(m[2]) > number:
            paragraph.text = f"{m[1]} {int(m[2]) - 1}"
    document.save(str(target))
    return read_draft(target)


def text_without_pasal(text: str, number: int) -> str:
    """`text` without Pasal `number`, the later Pasal renumbered."""
    lines = text.split("\n")
    headers = [i for i, line in enumerate(lines) if _PASAL.match(line)]
    start = next(i for i in headers if int(_PASAL.match(lines[i])[2]) == number)  # type: ignore[index]
    end = next(i for i in headers if i > start)
    kept = lines[:start] + lines[end:]
    out = []
    for line in kept:
        m = _PASAL.match(line)
        out.append(f"{m[1]} {int(m[2]) - 1}" if m and int(m[2]) > number else line)
    return "\n".join(out)


class CorpusLookup:
    """Stored agreements by their own numbers, compared without spaces and case."""

    def __init__(self, stored: Iterable[StoredAgreement]) -> None:
        self.stored = list(stored)

    def __call__(self, number: str) -> Sequence[StoredAgreement]:
        key = _key(number)
        return [s for s in self.stored if any(_key(n) == key for n in s.agreement.numbers)]


class CorpusPrecedents:
    """Clauses of a category from other stored agreements: the same partner type first."""

    def __init__(self, stored: Iterable[StoredAgreement]) -> None:
        self.stored = list(stored)
        self.asked: list[tuple[str, str, str | None]] = []

    def __call__(self, category: str, kind: str, partner: str | None) -> Sequence[Precedent]:
        self.asked.append((category, kind, partner))
        found = []
        for s in self.stored:
            same_partner = partner in kept_profile(s.agreement).partner_types
            for position, clause in enumerate(s.agreement.clauses, start=1):
                if clause.category == category:
                    precedent = Precedent(
                        s.agreement_id,
                        f"{s.agreement_id}-{position}",
                        s.agreement.title,
                        clause.text[:160],
                    )
                    found.append((not same_partner, precedent))
        return [p for _, p in sorted(found, key=lambda pair: pair[0])]


def _key(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()
