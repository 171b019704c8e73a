"""Cancelling background jobs over real HTTP: real scans, real workers and Tesseract."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.auth import sign_in, signed_in_client
from tests.jobs import POLL_S, follow, wait_for_page
from tests.search_api.jobs.test_jobs import SCAN, settings_for, upload_scan


def other_scan(marker: str) -> bytes:
    """The same 3-page scan as another file (bytes after %%EOF are ignored by readers)."""
    return SCAN.read_bytes() + f"\n% {marker}\n".encode()


def upload(client: TestClient, name: str, data: bytes) -> dict[str, Any]:
    response = client.post("/api/agreements", files={"file": (name, data)})
    assert response.status_code == 202, response.text
    job: dict[str, Any] = response.json()
    return job


def wait_for_state(client: TestClient, job_id: str, state: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while client.get(f"/api/jobs/{job_id}").json()["state"] != state:
        assert time.monotonic() < deadline, f"job {job_id} not {state} in {timeout_s} s"
        time.sleep(POLL_S)


def stored_files(data_dir: Path) -> list[Path]:
    return [p for p in (data_dir / "files").rglob("*") if p.is_file()]


@pytest.mark.ocr
def test_a_running_scan_upload_cancelled_stores_nothing_and_the_next_one_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="search_api.extraction.workers")
    with signed_in_client(settings_for(tmp_path)) as client:
        job = upload_scan(client)
        wait_for_page(client, job["id"], 0)  # running: its worker is reading the scan
        assert stored_files(tmp_path), "the original waits in the file store for the job"

        response = client.post(f"/api/jobs/{job['id']}/cancel")
        assert response.status_code == 200, response.text
        cancelled = response.json()
        assert (cancelled["id"], cancelled["state"]) == (job["id"], "cancelled")
        assert cancelled["agreement_id"] is None
        assert client.get(f"/api/jobs/{job['id']}").json()["state"] == "cancelled"
        assert client.get("/api/agreements").json()["total"] == 0
        assert stored_files(tmp_path) == []
        library = client.app.state.library  # type: ignore[attr-defined]
        assert library.rejections() == []  # a cancel is not a refused file

        # the worker that read it was killed (and a fresh one put in its place)
        [killed] = [
            int(found.group(1))
            for record in caplog.records
            if (found := re.search(r"step=cancel worker (\d+)", record.getMessage()))
        ]
        with pytest.raises(ProcessLookupError):
            os.kill(killed, 0)

        again = upload_scan(client)
        assert again["id"] != job["id"]
        done = follow(client, again["id"])[-1]
        assert done["state"] == "done", done
        assert client.get("/api/agreements").json()["total"] == 1

        response = client.post(f"/api/jobs/{again['id']}/cancel")
        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "job_not_cancellable"
        assert "already done" in error["message"]
        assert client.get(f"/api/agreements/{done['agreement_id']}").status_code == 200


def test_a_queued_job_cancelled_is_never_read_and_the_cancel_is_audited(tmp_path: Path) -> None:
    with signed_in_client(settings_for(tmp_path), role="editor") as client:
        first = upload_scan(client)
        wait_for_page(client, first["id"], 0)  # the queue's one thread is busy with it
        waiting = upload(client, "antre.pdf", other_scan("antre"))
        assert waiting["state"] == "queued"
        assert len(stored_files(tmp_path)) == 2

        response = client.post(f"/api/jobs/{waiting['id']}/cancel")
        assert response.status_code == 200, response.text
        assert (response.json()["state"], response.json()["attempts"]) == ("cancelled", 0)
        assert len(stored_files(tmp_path)) == 1  # its original went, the running one's stays

        assert client.post(f"/api/jobs/{first['id']}/cancel").json()["state"] == "cancelled"
        # the thread is free again: a new job runs only once it has passed the cancelled one
        later = upload(client, "kemudian.pdf", other_scan("kemudian"))
        wait_for_page(client, later["id"], 0)
        skipped = client.get(f"/api/jobs/{waiting['id']}").json()
        assert (skipped["state"], skipped["attempts"], skipped["page"]) == ("cancelled", 0, 0)
        assert client.post(f"/api/jobs/{later['id']}/cancel").status_code == 200

        response = client.post(f"/api/jobs/{waiting['id']}/cancel")
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "job_not_cancellable"
        assert "already cancelled" in response.json()["error"]["message"]
        assert client.get("/api/agreements").json()["total"] == 0
        assert stored_files(tmp_path) == []

        accounts = client.app.state.accounts  # type: ignore[attr-defined]
        entries = accounts.audit_log(actions=("job.cancel",))[1]
        assert sorted((e.actor, e.target) for e in entries) == sorted(
            ("uji-editor", f"/api/jobs/{job['id']}") for job in (waiting, first, later)
        )


@pytest.mark.ocr
def test_a_viewer_cannot_cancel_and_an_unknown_job_is_404(tmp_path: Path) -> None:
    with signed_in_client(settings_for(tmp_path)) as client:
        job = upload_scan(client)
        response = client.post("/api/jobs/nope/cancel")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "job_not_found"

        admin = client.headers["Authorization"]
        sign_in(client, "viewer")
        response = client.post(f"/api/jobs/{job['id']}/cancel")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
        client.headers["Authorization"] = admin
        assert client.get(f"/api/jobs/{job['id']}").json()["state"] in ("queued", "running")
        assert client.post(f"/api/jobs/{job['id']}/cancel").json()["state"] == "cancelled"


@pytest.mark.ocr
def test_ocr_again_cancelled_leaves_the_agreement_as_it_was(tmp_path: Path) -> None:
    with signed_in_client(settings_for(tmp_path)) as client:
        done = follow(client, upload_scan(client)["id"])[-1]
        agreement_id = done["agreement_id"]
        before = client.get(f"/api/agreements/{agreement_id}").json()
        files_before = stored_files(tmp_path)

        response = client.post(
            f"/api/agreements/{agreement_id}/ocr", json={"languages": "eng", "all_pages": True}
        )
        assert response.status_code == 202, response.text
        job = response.json()
        wait_for_page(client, job["id"], 0)
        response = client.post(f"/api/jobs/{job['id']}/cancel")
        assert response.status_code == 200, response.text
        assert response.json()["state"] == "cancelled"

        assert client.get(f"/api/agreements/{agreement_id}").json() == before
        assert stored_files(tmp_path) == files_before
        assert client.get(f"/api/agreements/{agreement_id}/file").status_code == 200
