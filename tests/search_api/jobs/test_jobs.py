"""Scans as background jobs: real uploads of a corpus scan, real workers and Tesseract."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.agreements import check, open_library, open_store
from search_api.settings import Settings
from search_api.store.db import Store
from search_api.store.files import FileStore, sha256_of
from search_api.store.jobs import JobStore
from tests.auth import signed_in_client
from tests.jobs import POLL_S, follow
from tests.search_api.conftest import CORPUS

SCAN = CORPUS / "id-pks-dsaw-smkn6-batam-2021.pdf"  # 3 pages, no text layer
TEXT_PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"  # text layer, one scanned page


def settings_for(data_dir: Path, **changes: Any) -> Settings:
    return Settings(data_dir=data_dir, meili_url=None, **changes)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(settings_for(tmp_path)) as client:
        yield client


def upload_scan(client: TestClient) -> dict[str, Any]:
    response = client.post("/api/agreements", files={"file": (SCAN.name, SCAN.read_bytes())})
    assert response.status_code == 202, response.text
    job: dict[str, Any] = response.json()
    assert response.headers["location"] == f"/api/jobs/{job['id']}"
    return job


@pytest.mark.ocr
def test_a_scan_upload_answers_202_and_its_job_shows_progress_then_the_agreement(
    client: TestClient,
) -> None:
    job = upload_scan(client)
    assert (job["state"], job["kind"], job["filename"], job["pages"]) == (
        "queued",
        "add",
        SCAN.name,
        3,
    )
    assert client.get("/api/agreements").json()["total"] == 0  # nothing stored yet

    states = follow(client, job["id"])
    done = states[-1]
    assert done["state"] == "done", done
    assert done["page"] == done["pages"] == 3
    assert done["attempts"] == 1
    running = [(s["page"], s["pages"]) for s in states if s["state"] == "running"]
    assert running, states
    assert all(pages == 3 and 0 <= page <= 3 for page, pages in running)
    assert [p for p, _ in running] == sorted(p for p, _ in running)

    agreement = client.get(f"/api/agreements/{done['agreement_id']}").json()
    assert agreement["source"]["ocr"] is True
    assert agreement["source"]["filename"] == SCAN.name
    assert "DWI SUMBER ARCA WAJA" in agreement["title"]
    hits = client.get("/api/search", params={"q": "Arca Waja"}).json()
    assert done["agreement_id"] in [hit["agreement_id"] for hit in hits["hits"]]
    recent = client.get("/api/jobs").json()["items"]
    assert [j["id"] for j in recent] == [job["id"]]


@pytest.mark.ocr
def test_the_same_scan_again_answers_its_running_job_then_its_agreement(
    client: TestClient,
) -> None:
    job = upload_scan(client)
    again = upload_scan(client)
    assert again["id"] == job["id"]
    done = follow(client, job["id"])[-1]
    response = client.post("/api/agreements", files={"file": ("lagi.pdf", SCAN.read_bytes())})
    assert response.status_code == 200
    assert response.json()["id"] == done["agreement_id"]


@pytest.mark.ocr
def test_a_text_pdf_with_one_scanned_page_is_still_stored_at_once(client: TestClient) -> None:
    response = client.post(
        "/api/agreements", files={"file": (TEXT_PDF.name, TEXT_PDF.read_bytes())}
    )
    assert response.status_code == 201, response.text
    assert client.get("/api/jobs").json()["items"] == []


@pytest.mark.ocr
def test_a_job_interrupted_by_a_restart_is_queued_again_and_completes(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    with signed_in_client(settings) as client:
        job = upload_scan(client)
        deadline = time.monotonic() + 30
        while client.get(f"/api/jobs/{job['id']}").json()["state"] != "running":
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
    # the app closed while the job ran: its worker was stopped and the job queued again
    with signed_in_client(settings) as client:
        assert client.get(f"/api/jobs/{job['id']}").json()["state"] in ("queued", "running")
        done = follow(client, job["id"])[-1]
        assert done["state"] == "done", done
        assert done["attempts"] == 1  # a clean shutdown gives the attempt back
        assert client.get("/api/agreements").json()["total"] == 1


@pytest.mark.ocr
def test_a_job_left_running_by_a_dead_server_is_queued_again_and_completes(
    tmp_path: Path,
) -> None:
    # as a server killed mid-job leaves it: the original on disk, the job running, attempt 1
    settings = settings_for(tmp_path)
    store = Store.open(settings.effective_database_url)
    FileStore(settings.files_dir).put(SCAN.read_bytes())
    jobs = JobStore(store)
    job = jobs.create(
        kind="add",
        sha256=sha256_of(SCAN.read_bytes()),
        filename=SCAN.name,
        size=SCAN.stat().st_size,
        languages="ind+eng",
    )
    assert jobs.claim(job.id) is not None
    store.close()

    with signed_in_client(settings) as client:
        done = follow(client, job.id)[-1]
        assert done["state"] == "done", done
        assert done["attempts"] == 2
        assert client.get(f"/api/agreements/{done['agreement_id']}").status_code == 200


@pytest.mark.ocr
def test_a_job_past_its_time_limit_fails_with_the_message_and_stores_nothing(
    tmp_path: Path,
) -> None:
    # reading takes well under a second, OCR of three pages more than one
    settings = settings_for(
        tmp_path, extract_timeout_s=1.0, ocr_page_timeout_s=0.0, ocr_timeout_s=0.0, job_attempts=2
    )
    with signed_in_client(settings) as client:
        job = upload_scan(client)
        failed = follow(client, job["id"])[-1]
        assert failed["state"] == "failed", failed
        assert failed["code"] == "extraction_timeout"
        assert failed["message"].startswith(f"{SCAN.name}: reading stopped after 1 s")
        assert failed["attempts"] == 2
        assert failed["agreement_id"] is None
        assert client.get("/api/agreements").json()["total"] == 0
        assert not [p for p in (tmp_path / "files").rglob("*") if p.is_file()]
        library = client.app.state.library  # type: ignore[attr-defined]
        [rejection] = library.rejections()
        assert (rejection.filename, rejection.code) == (SCAN.name, "extraction_timeout")


@pytest.mark.ocr
def test_ocr_again_in_english_replaces_machine_values_and_keeps_a_correction(
    client: TestClient,
) -> None:
    done = follow(client, upload_scan(client)["id"])[-1]
    agreement_id = done["agreement_id"]
    corrected = client.patch(
        f"/api/agreements/{agreement_id}", json={"title": "PKS DSAW dan SMKN 6 Batam"}
    )
    assert corrected.status_code == 200, corrected.text
    before = client.get(f"/api/agreements/{agreement_id}").json()

    response = client.post(f"/api/agreements/{agreement_id}/ocr", json={"languages": "eng"})
    assert response.status_code == 202, response.text
    job = response.json()
    assert (job["kind"], job["languages"], job["agreement_id"]) == ("ocr", "eng", agreement_id)
    again = follow(client, job["id"])[-1]
    assert again["state"] == "done", again
    assert again["pages"] == 3

    after = client.get(f"/api/agreements/{agreement_id}").json()
    assert after["title"] == "PKS DSAW dan SMKN 6 Batam"
    assert after["source"]["ocr"] is True
    assert after["clauses"], after
    assert client.get("/api/agreements").json()["total"] == 1
    assert after["id"] == before["id"]


def test_ocr_again_refuses_an_unknown_language_and_an_unknown_agreement(
    client: TestClient,
) -> None:
    response = client.post("/api/agreements/nope/ocr", json={"languages": "ind"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "agreement_not_found"
    response = client.post("/api/agreements/nope/ocr", json={"languages": "fra"})
    assert response.status_code == 422
    assert client.get("/api/jobs/nope").json()["error"]["code"] == "job_not_found"


def test_the_openapi_document_describes_the_202_job_answer(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    upload = spec["paths"]["/api/agreements"]["post"]["responses"]
    assert set(upload) >= {"201", "202"}
    assert upload["202"]["content"]["application/json"]["schema"]["$ref"].endswith("/JobPublic")
    assert "/api/jobs/{job_id}" in spec["paths"]
    assert "/api/agreements/{agreement_id}/ocr" in spec["paths"]


def test_check_keeps_the_original_of_a_queued_job(tmp_path: Path) -> None:
    store = open_store(settings_for(tmp_path))
    library = open_library(settings_for(tmp_path), store=store)
    try:
        sha = library.keep_original(SCAN.read_bytes())
        jobs = JobStore(store)
        jobs.create(
            kind="add", sha256=sha, filename=SCAN.name, size=SCAN.stat().st_size, languages="ind"
        )
        report = check(library, jobs, repair=True, grace_s=0)
        assert report.orphan_files == []
        assert FileStore(settings_for(tmp_path).files_dir).exists(sha)
    finally:
        library.close()
