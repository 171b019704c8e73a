"""New versions of an agreement's file through real HTTP: the Word draft, then the signed PDF
(or its scan, read by OCR in a job). Corrections of fields the new file reads alike are kept;
the others are set aside; the old file stays listed and downloadable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.settings import Settings
from tests.auth import accounts_of, sign_in, signed_in_client
from tests.jobs import follow
from tests.search_api.agreement_files import draft_docx, signed_pdf, signed_scan
from tests.search_api.conftest import CORPUS

OTHER = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path / "data", meili_url=None), "editor") as c:
        yield c


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "draft": draft_docx(tmp_path / "pks-gowa-polipangkep-draf.docx"),
        "signed": signed_pdf(tmp_path / "pks-gowa-polipangkep-ttd.pdf"),
    }


def upload(client: TestClient, path: Path, url: str = "/api/agreements") -> Any:
    return client.post(url, files={"file": (path.name, path.read_bytes())})


def stored_draft(client: TestClient, files: dict[str, Path]) -> dict[str, Any]:
    response = upload(client, files["draft"])
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    assert body["signed_date"] is None  # the draft leaves the date blank
    return body


def test_a_signed_pdf_replaces_the_draft_and_keeps_the_corrections_it_does_not_contradict(
    client: TestClient, files: dict[str, Path]
) -> None:
    draft = stored_draft(client, files)
    parties = [{**p, "representative": p["representative"] or "DARMAWAN"} for p in draft["parties"]]
    corrected = {"subject": "Pengembangan SDM pertanian", "signed_date": "2024-08-01"}
    assert client.patch(f"/api/agreements/{draft['id']}", json={**corrected, "parties": parties})

    response = upload(client, files["signed"], f"/api/agreements/{draft['id']}/versions")

    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/api/agreements/{draft['id']}"
    body = response.json()
    assert body["version"] == 2
    assert {"signed_date", "signed_place", "expiry_date"} <= set(body["changed"])
    assert "subject" not in body["changed"] and "parties" not in body["changed"]
    assert body["set_aside"] == ["signed_date"]
    now = body["agreement"]
    assert (now["id"], now["version"], now["source"]["filename"]) == (
        draft["id"],
        2,
        files["signed"].name,
    )
    assert now["signed_date"] == "2024-08-05"  # the signed file's date, not the guess
    assert now["subject"] == "Pengembangan SDM pertanian"  # kept
    assert now["parties"] == parties  # kept
    assert sorted(now["corrected_fields"]) == ["parties", "subject"]

    versions = client.get(f"/api/agreements/{draft['id']}/versions").json()["items"]
    assert [(v["number"], v["filename"], v["replaced_at"] is None) for v in versions] == [
        (1, files["draft"].name, False),
        (2, files["signed"].name, True),
    ]
    assert "signed_date" in versions[0]["changed"]
    old = client.get(versions[0]["url"])
    assert old.status_code == 200 and old.content == files["draft"].read_bytes()
    assert client.get(f"/api/agreements/{draft['id']}/file").content == files["signed"].read_bytes()
    # the review says which correction the new file set aside
    review = client.get(f"/api/agreements/{draft['id']}/review").json()
    assert {h["field"]: h["retired_in"] for h in review["history"]} == {
        "subject": None,
        "signed_date": 2,
        "parties": None,
    }
    # one agreement, found by its signed date and by the draft's file
    assert client.get("/api/agreements").json()["total"] == 1
    again = upload(client, files["draft"])
    assert (again.status_code, again.json()["id"]) == (200, draft["id"])
    entries = accounts_of(client).audit_log(limit=10, actions=("version.add",))[1]
    assert [(e.actor, e.target) for e in entries] == [("uji-editor", draft["id"])]


def test_a_new_version_is_refused_for_the_same_file_or_another_agreements_file(
    client: TestClient, files: dict[str, Path]
) -> None:
    draft = stored_draft(client, files)
    other = upload(client, OTHER).json()
    same = upload(client, files["draft"], f"/api/agreements/{draft['id']}/versions")
    assert (same.status_code, same.json()["error"]["code"]) == (409, "same_version")
    taken = upload(client, OTHER, f"/api/agreements/{draft['id']}/versions")
    assert taken.status_code == 409
    assert taken.json()["error"]["values"]["agreement_id"] == other["id"]
    missing = upload(client, files["signed"], "/api/agreements/tidak-ada/versions")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "agreement_not_found")
    assert client.get("/api/agreements/tidak-ada/versions").status_code == 404
    assert client.get(f"/api/agreements/{draft['id']}/versions/7/file").status_code == 404
    assert len(client.get(f"/api/agreements/{draft['id']}/versions").json()["items"]) == 1
    assert accounts_of(client).audit_log(limit=10, actions=("version.add",))[0] == 0


def test_a_damaged_new_version_leaves_the_agreement_as_it_was(
    client: TestClient, files: dict[str, Path], tmp_path: Path
) -> None:
    draft = stored_draft(client, files)
    client.patch(f"/api/agreements/{draft['id']}", json={"subject": "Dikoreksi"})
    before = client.get(f"/api/agreements/{draft['id']}").json()
    cut = tmp_path / "ttd-terpotong.pdf"
    cut.write_bytes(files["signed"].read_bytes()[:1500])

    response = upload(client, cut, f"/api/agreements/{draft['id']}/versions")

    assert response.status_code == 422
    assert response.json()["error"]["values"] == {"file_name": cut.name}
    assert client.get(f"/api/agreements/{draft['id']}").json() == before
    assert len(client.get(f"/api/agreements/{draft['id']}/versions").json()["items"]) == 1
    kept = sorted(p.name for p in (tmp_path / "data" / "files").rglob("*") if p.is_file())
    assert kept == [draft["source"]["sha256"]]


def test_a_viewer_lists_and_downloads_versions_but_cannot_add_one(
    client: TestClient, files: dict[str, Path]
) -> None:
    draft = stored_draft(client, files)
    upload(client, files["signed"], f"/api/agreements/{draft['id']}/versions")
    sign_in(client, "viewer")
    assert (
        upload(client, files["signed"], f"/api/agreements/{draft['id']}/versions").status_code
        == 403
    )
    assert len(client.get(f"/api/agreements/{draft['id']}/versions").json()["items"]) == 2
    assert client.get(f"/api/agreements/{draft['id']}/versions/1/file").status_code == 200


@pytest.mark.ocr
def test_a_scanned_new_version_is_read_by_an_ocr_job_and_then_replaces_the_draft(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    scan = signed_scan(tmp_path / "pks-gowa-polipangkep-pindai.pdf")
    settings = Settings(data_dir=tmp_path / "data", meili_url=None, ocr_inline_pages=0)
    with signed_in_client(settings, "editor") as client:
        draft = stored_draft(client, files)
        client.patch(f"/api/agreements/{draft['id']}", json={"subject": "Pengembangan SDM"})
        response = upload(client, scan, f"/api/agreements/{draft['id']}/versions")
        assert response.status_code == 202, response.text
        job = response.json()
        assert (job["kind"], job["agreement_id"]) == ("version", draft["id"])
        assert client.get(f"/api/agreements/{draft['id']}").json()["version"] == 1  # not yet
        done = follow(client, job["id"])[-1]
        assert done["state"] == "done", done
        now = client.get(f"/api/agreements/{draft['id']}").json()
        assert (now["version"], now["source"]["ocr"], now["signed_date"]) == (2, True, "2024-08-05")
        assert now["subject"] == "Pengembangan SDM"
        hits = client.get("/api/search", params={"q": "Sungguminasa", "scope": "agreements"})
        assert [h["agreement_id"] for h in hits.json()["hits"]] == [draft["id"]]
