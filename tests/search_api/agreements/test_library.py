"""The store drives the index: crashes between the two are repaired, rebuilds resume."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_api.agreements import open_library, open_store
from search_api.index.base import SearchQuery
from search_api.settings import Settings
from search_api.store.files import FileStore
from tests.search_api.conftest import DSAW_NAME, LOUIS_NAME, real_agreement


def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, meili_url=None)


def test_a_change_stored_but_not_indexed_is_indexed_on_the_next_start(tmp_path: Path) -> None:
    library = open_library(settings(tmp_path))
    # As if a process died right after the store's commit: the row and its pending entry exist.
    store = open_store(settings(tmp_path))
    stored, _ = store.add(real_agreement(LOUIS_NAME), size=1, extractor_version="t")
    store.close()
    assert library.search(SearchQuery(q="perselisihan ")).total == 0
    library.close()

    library = open_library(settings(tmp_path))
    try:
        page = library.search(SearchQuery(q="perselisihan "))
        assert [h.agreement_id for h in page.hits] == [stored.id]
        assert library.pending_count() == 0
    finally:
        library.close()


def test_a_lost_index_is_rebuilt_from_the_store_on_start(tmp_path: Path) -> None:
    library = open_library(settings(tmp_path))
    library.add_extracted(b"louis", real_agreement(LOUIS_NAME))
    library.close()
    shutil.rmtree(tmp_path / "index")

    library = open_library(settings(tmp_path))
    try:
        assert library.search(SearchQuery(q="B/422/401/SMKN6/2022")).total == 11
    finally:
        library.close()


class Interrupted(Exception):
    pass


def _interrupt(done: int, total: int) -> None:
    raise Interrupted(f"stopped after {done} of {total}")


def test_an_interrupted_reindex_resumes_without_starting_over(tmp_path: Path) -> None:
    library = open_library(settings(tmp_path))
    try:
        louis, _ = library.add_extracted(b"louis", real_agreement(LOUIS_NAME))
        dsaw, _ = library.add_extracted(b"dsaw", real_agreement(DSAW_NAME))
        # Interrupted after the first batch: one agreement indexed, the other still pending.
        with pytest.raises(Interrupted):
            library.reindex(batch=1, progress=_interrupt)
        first = min(louis.id, dsaw.id)
        assert library.health().indexed_records == (12 if first == louis.id else 7)

        assert library.reindex(batch=1) == 1
        assert library.health().indexed_records == 12 + 7
        assert library.reindex() == 2  # a fresh rebuild: the interrupted one was finished
        assert library.health().indexed_records == 12 + 7
    finally:
        library.close()


def test_deleting_the_last_agreement_of_a_file_removes_the_file(tmp_path: Path) -> None:
    library = open_library(settings(tmp_path))
    try:
        stored, _ = library.add_extracted(b"louis", real_agreement(LOUIS_NAME))
        library.delete(stored.id)
        assert not FileStore(settings(tmp_path).files_dir).exists(stored.sha256)
    finally:
        library.close()


def test_a_bulk_add_is_indexed_as_stored_and_a_later_correction_wins(tmp_path: Path) -> None:
    library = open_library(settings(tmp_path))
    try:
        louis, _ = library.add_extracted(b"louis", real_agreement(LOUIS_NAME), follow_index=False)
        dsaw, _ = library.add_extracted(b"dsaw", real_agreement(DSAW_NAME), follow_index=False)
        assert library.search(SearchQuery(q="perselisihan ")).total == 0  # not yet synced
        # Corrected before the import's index sync (by the server, say): the library's own
        # copy from the add is stale and must not be what gets indexed.
        store = open_store(settings(tmp_path))
        store.correct(dsaw.id, {"title": "Kesepakatan Zamrudkhatulistiwa"})
        store.close()
        assert library.sync_index()
        assert library.pending_count() == 0
        titles = {
            h.agreement_id: h.title
            for h in library.search(SearchQuery(q="", scope="agreements")).hits
        }
        assert titles == {
            louis.id: real_agreement(LOUIS_NAME).title,
            dsaw.id: "Kesepakatan Zamrudkhatulistiwa",
        }
        assert library.search(SearchQuery(q="zamrudkhatulistiwa", scope="agreements")).total == 1
    finally:
        library.close()
