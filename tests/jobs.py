"""Following a background job through the API until it ends, as the upload page does."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

POLL_S = 0.05


def follow(client: TestClient, job_id: str, timeout_s: float = 120.0) -> list[dict[str, Any]]:
    """Every distinct (state, page, pages) of the job until it is done or failed (the last)."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        key = (job["state"], job["page"], job["pages"])
        if not seen or key != (seen[-1]["state"], seen[-1]["page"], seen[-1]["pages"]):
            seen.append(job)
        if job["state"] in ("done", "failed"):
            return seen
        time.sleep(POLL_S)
    raise AssertionError(f"job {job_id} did not end in {timeout_s} s: {seen[-1]}")


def wait_for_page(client: TestClient, job_id: str, page: int, timeout_s: float = 60.0) -> None:
    """Until the job is running and OCR has finished `page` pages."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] == "running" and job["page"] >= page:
            return
        assert job["state"] in ("queued", "running"), job
        time.sleep(POLL_S)
    raise AssertionError(f"job {job_id} did not reach page {page} in {timeout_s} s")
