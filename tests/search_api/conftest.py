"""Real agreements from ../shared/corpus/real for the store, index and API tests."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.model import Agreement, Clause, agreement_from_dict
from ingest.profile import profile_of
from search_api.index.base import IndexedAgreement, SearchIndex, indexed_agreement
from search_api.index.synonyms import DEFAULT_SYNONYMS

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/real")
CASES = Path(__file__).parent / "cases"

# Gold labels plus clause texts read from the documents (cases/clause_texts/*.json says how).
LOUIS_NAME = "id-pks-louis-alain-smkn6-batam-2022"
DSAW_NAME = "id-pks-dsaw-smkn6-batam-2021"
REAL = (
    LOUIS_NAME,
    DSAW_NAME,
    "id-pks-draft-trisakti-warmadewa-fk-2022",
    "id-template-perjanjian-bagi-hasil-2024",
)
SCRIPT_CLAUSE = Clause(
    number="5",
    heading="CATATAN",
    category=None,
    text="Catatan pengguna: <script>alert(1)</script> & kerugian ditanggung bersama.",
)


def real_agreement(name: str) -> Agreement:
    gold = json.loads((CORPUS / f"{name}.json").read_text())
    texts = json.loads((CASES / "clause_texts" / f"{name}.json").read_text())["clauses"]
    assert [c["number"] for c in texts] == [c["number"] for c in gold["clauses"]], name
    for clause, text in zip(gold["clauses"], texts, strict=True):
        clause["text"] = text["text"]
    agreement = agreement_from_dict(gold)
    if name == "id-template-perjanjian-bagi-hasil-2024":
        agreement = replace(agreement, clauses=[*agreement.clauses, SCRIPT_CLAUSE])
    return agreement


def clause_id(name: str, position: int) -> str:
    return f"{name[:24]}-{position}"


def real_indexed() -> list[IndexedAgreement]:
    out = []
    for name in REAL:
        agreement = real_agreement(name)
        ids = [clause_id(name, i) for i in range(1, len(agreement.clauses) + 1)]
        # as stored: with the profile ingest derives when it extracts (the gold has none)
        agreement = replace(agreement, profile=profile_of(agreement))
        out.append(indexed_agreement(name[:24], agreement, ids))
    return out


def _embedded(path: Path) -> SearchIndex:
    from search_api.index.embedded import EmbeddedIndex

    return EmbeddedIndex(path, DEFAULT_SYNONYMS)


def _meili(path: Path) -> SearchIndex:
    url = os.environ.get("NASKAH_MEILI_URL")
    if not url:
        pytest.skip("Meilisearch conformance needs NASKAH_MEILI_URL pointing to a server")
    from search_api.index.meili import MeiliIndex

    index = MeiliIndex(
        url,
        os.environ.get("NASKAH_MEILI_KEY"),
        index_name=f"naskah-test-{path.name}",
        synonyms=DEFAULT_SYNONYMS,
    )
    index.clear()
    return index


ENGINES = {"embedded": _embedded, "meili": _meili}


@pytest.fixture(params=sorted(ENGINES), scope="module")
def loaded_index(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchIndex]:
    """Each engine, loaded with the real agreements once per test module."""
    index = ENGINES[request.param](tmp_path_factory.mktemp(request.param))
    index.upsert_many(real_indexed())
    yield index
    index.close()


@pytest.fixture(params=sorted(ENGINES))
def empty_index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchIndex]:
    index = ENGINES[request.param](tmp_path)
    yield index
    index.close()
