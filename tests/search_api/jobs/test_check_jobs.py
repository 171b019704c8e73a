"""A scan checked as a draft: read by OCR in a background job of kind "check", followed at
GET /api/check/{id}, cancelled at POST /api/check/{id}/cancel; never stored. Real scans,
real workers and Tesseract, real HTTP."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from tests.auth import sign_in
from tests.jobs import POLL_S
from tests.search_api.jobs.test_jobs import SCAN, settings_for


@dataclass
class Callers:
    client: TestClient
    data_dir: Path
    tokens: dict[str, str]

    def as_(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def nothing_stored(self) -> None:
        library = self.client.app.state.library  # type: ignore[attr-defined]
        assert self.client.get("/api/health").json()["agreements"] == 0
        assert [p for p in (self.data_dir / "files").rglob("*") if p.is_file()] == []
        assert library.rejections() == []


@pytest.fixture
def callers(tmp_path: Path) -> Iterator[Callers]:
    with TestClient(create_app(settings_for(tmp_path))) as client:
        tokens = {role: sign_in(client, role) for role in ("viewer", "editor")}  # type: ignore[arg-type]
        client.headers.pop("Authorization")
        yield Callers(client, tmp_path, tokens)


def start(callers: Callers) -> dict[str, Any]:
    response = callers.client.post(
        "/api/check",
        files={"file": (SCAN.name, SCAN.read_bytes())},
        params={"lang": "en"},
        headers=callers.as_("viewer"),
    )
    assert response.status_code == 202, response.text
    job: dict[str, Any] = response.json()
    assert response.headers["location"] == f"/api/check/{job['id']}"
    assert (job["kind"], job["state"], job["pages"]) == ("check", "queued", 3)
    return job


def poll(callers: Callers, check_id: str, timeout_s: float = 180.0) -> tuple[list[Any], Any]:
    """Every 202 answer until the check answers otherwise, and that last answer."""
    seen: list[Any] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        response = callers.client.get(
            f"/api/check/{check_id}", params={"lang": "en"}, headers=callers.as_("viewer")
        )
        if response.status_code != 202:
            return seen, response
        seen.append(response.json())
        time.sleep(POLL_S)
    raise AssertionError(f"check {check_id} still waiting after {timeout_s} s: {seen[-1]}")


@pytest.mark.ocr
def test_a_scan_checked_as_a_draft_is_read_by_a_job_its_viewer_follows_and_nothing_is_stored(
    callers: Callers,
) -> None:
    job = start(callers)
    assert (
        callers.client.get(f"/api/check/{job['id']}", headers=callers.as_("editor")).status_code
        == 404
    )

    progress, answer = poll(callers, job["id"])
    assert answer.status_code == 200, answer.text
    assert {p["state"] for p in progress} <= {"queued", "running"}
    assert any(p["state"] == "running" and p["page"] >= 1 for p in progress)
    result = answer.json()
    assert (result["id"], result["filename"], result["language"]) == (job["id"], SCAN.name, "en")
    assert result["kind"].startswith("pks")
    assert len(result["findings"]) >= 10
    assert {f["status"] for f in result["findings"]} <= {"ok", "missing", "doubt"}

    ended = callers.client.get(f"/api/jobs/{job['id']}", headers=callers.as_("editor")).json()
    assert (ended["state"], ended["kind"], ended["agreement_id"]) == ("done", "check", None)
    callers.nothing_stored()
    page = callers.client.get(f"/periksa/{job['id']}", headers=callers.as_("viewer"))
    assert page.status_code == 200 and 'data-rule="contents.force_majeure"' in page.text


@pytest.mark.ocr
def test_a_scans_check_cancelled_while_read_keeps_nothing(callers: Callers) -> None:
    job = start(callers)
    deadline = time.monotonic() + 60
    while (
        callers.client.get(f"/api/check/{job['id']}", headers=callers.as_("viewer")).json()["state"]
        != "running"
    ):
        assert time.monotonic() < deadline
        time.sleep(POLL_S)
    refused = callers.client.post(f"/api/check/{job['id']}/cancel", headers=callers.as_("editor"))
    assert refused.status_code == 404  # another user's check
    cancelled = callers.client.post(f"/api/check/{job['id']}/cancel", headers=callers.as_("viewer"))
    assert cancelled.status_code in (200, 202), cancelled.text
    deadline = time.monotonic() + 30
    while (
        callers.client.get(f"/api/jobs/{job['id']}", headers=callers.as_("editor")).json()["state"]
        != "cancelled"
    ):
        assert time.monotonic() < deadline
        time.sleep(POLL_S)
    gone = callers.client.get(f"/api/check/{job['id']}", headers=callers.as_("viewer"))
    assert (gone.status_code, gone.json()["error"]["code"]) == (404, "check_not_found")
    callers.nothing_stored()


@pytest.mark.ocr
def test_a_scans_check_past_its_time_limit_answers_why_to_its_user_and_records_nothing(
    tmp_path: Path,
) -> None:
    # reading takes well under a second, OCR of three pages more than one
    settings = settings_for(
        tmp_path, extract_timeout_s=1.0, ocr_page_timeout_s=0.0, ocr_timeout_s=0.0, job_attempts=1
    )
    with TestClient(create_app(settings)) as client:
        callers = Callers(client, tmp_path, {"viewer": sign_in(client, "viewer")})
        client.headers.pop("Authorization")
        job = start(callers)
        _, answer = poll(callers, job["id"])
        assert answer.status_code == 422
        error = answer.json()["error"]
        assert error["code"] == "extraction_timeout"
        assert error["message"].startswith(f"{SCAN.name}: reading stopped after 1 s")
        callers.nothing_stored()  # not even the refusal: a draft leaves no trace
        page = client.get(f"/periksa/{job['id']}", headers=callers.as_("viewer"))
        assert page.status_code == 422 and "Draf tidak dapat dibaca" in page.text
