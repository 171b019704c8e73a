"""A web process only (NASKAH_WORKERS=0): it reads no file; uploads wait as jobs until a
worker (here a JobRunner over the same store, in the test's process) claims them."""

from __future__ import annotations

import time
from pathlib import Path

from search_api.agreements import open_library, open_store
from search_api.jobs import JobRunner, JobStore
from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.jobs import follow
from tests.search_api.agreement_files import draft_docx


def test_a_web_only_process_queues_uploads_and_a_worker_stores_and_indexes_them(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path / "data", meili_url=None, workers=0, job_poll_s=0.1)
    draft = draft_docx(tmp_path / "pks-77.docx", serial=77)
    with signed_in_client(settings, role="editor") as client:
        answer = client.post("/api/agreements", files={"file": (draft.name, draft.read_bytes())})
        assert answer.status_code == 202, answer.text
        job = answer.json()
        # the same file again is the same job, not a second one
        again = client.post("/api/agreements", files={"file": (draft.name, draft.read_bytes())})
        assert again.json()["id"] == job["id"]
        time.sleep(0.5)
        assert client.get(f"/api/jobs/{job['id']}").json()["state"] == "queued"
        assert client.get("/api/health").json()["agreements"] == 0

        # a worker as `naskah worker` opens it: its own store, no index (the web's is the
        # embedded index's one writer, which applies the changes it leaves pending)
        store = open_store(settings)
        library = open_library(settings, store=store, with_index=False)
        runner = JobRunner(library, JobStore(store), poll_s=0.1)
        runner.start()
        try:
            done = follow(client, job["id"], timeout_s=60)[-1]
        finally:
            runner.close()
            library.close()
        assert done["state"] == "done", done
        assert done["attempts"] == 1
        stored = client.get(f"/api/agreements/{done['agreement_id']}")
        assert stored.status_code == 200
        deadline = time.monotonic() + 10
        while client.get("/api/health").json()["pending_index"]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        hits = client.get("/api/search", params={"q": "perselisihan"}).json()["hits"]
        assert done["agreement_id"] in {hit["agreement_id"] for hit in hits}
        # uploaded once more: the stored agreement, at once
        third = client.post("/api/agreements", files={"file": (draft.name, draft.read_bytes())})
        assert third.status_code == 200, third.text
        assert third.json()["id"] == done["agreement_id"]


def test_a_job_whose_workers_died_on_every_attempt_fails_naming_the_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", meili_url=None, workers=0, job_poll_s=0.1)
    draft = draft_docx(tmp_path / "pks-78.docx", serial=78)
    with signed_in_client(settings, role="editor") as client:
        job = client.post(
            "/api/agreements", files={"file": (draft.name, draft.read_bytes())}
        ).json()
        store = open_store(settings)
        jobs = JobStore(store)
        # three workers claimed it and died: leases nobody renewed
        for dead in ("dead-1", "dead-2", "dead-3"):
            claimed = jobs.claim_next(dead, lease_s=0.01)
            assert claimed is not None and claimed.id == job["id"]
            time.sleep(0.05)
        library = open_library(settings, store=store, with_index=False)
        runner = JobRunner(library, jobs, attempts=3, poll_s=0.1)
        runner.start()
        try:
            failed = follow(client, job["id"], timeout_s=30)[-1]
        finally:
            runner.close()
            library.close()
        assert failed["state"] == "failed", failed
        assert failed["code"] == "extraction_interrupted"
        assert draft.name in failed["message"] and "3 times" in failed["message"]
        assert client.get("/api/health").json()["agreements"] == 0
        # nothing of it is kept but the reason
        assert [p for p in (settings.files_dir).rglob("*") if p.is_file()] == []
