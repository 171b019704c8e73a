"""The trash through real HTTP: delete, list, restore, purge, empty; the server's purge of what
expired; `naskah check` with agreements in the trash. Real SQLite, index and corpus files."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.agreements import check, open_library, open_store
from search_api.app import create_app
from search_api.jobs import JobStore
from search_api.settings import Settings
from tests.auth import accounts_of, naskah, sign_in, signed_in_client
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
DOCX = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"


def settings_for(data_dir: Path, **changes: Any) -> Settings:
    return Settings(data_dir=data_dir, meili_url=None, **changes)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(settings_for(tmp_path), "editor") as client:
        yield client


def upload(client: TestClient, path: Path) -> dict[str, Any]:
    response = client.post("/api/agreements", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def found_by_title(client: TestClient, words: str) -> list[str]:
    page = client.get("/api/search", params={"q": words, "scope": "agreements"}).json()
    return [hit["agreement_id"] for hit in page["hits"]]


def audited(client: TestClient, action: str) -> list[tuple[str | None, str, str]]:
    entries = accounts_of(client).audit_log(limit=100, actions=(action,))[1]
    return [(e.actor, e.target, e.detail) for e in entries]


def originals(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "files").rglob("*") if p.is_file())


def test_a_deleted_agreement_waits_in_the_trash_and_comes_back_searchable(
    client: TestClient, tmp_path: Path
) -> None:
    stored = upload(client, PDF)
    other = upload(client, DOCX)
    assert found_by_title(client, "Louis Alain") == [stored["id"]]

    assert client.delete(f"/api/agreements/{stored['id']}").status_code == 204
    assert client.get(f"/api/agreements/{stored['id']}").status_code == 404
    assert client.get(f"/api/agreements/{stored['id']}/file").status_code == 404
    assert client.get(f"/naskah/{stored['id']}").status_code == 404
    assert found_by_title(client, "Louis Alain") == []
    listing = client.get("/api/agreements").json()
    assert [i["id"] for i in listing["items"]] == [other["id"]]
    assert client.get("/api/health").json()["agreements"] == 1
    assert originals(tmp_path) == sorted([stored["source"]["sha256"], other["source"]["sha256"]])

    trash = client.get("/api/trash").json()
    assert trash["days"] == 30
    [item] = trash["items"]
    assert (item["id"], item["title"], item["trashed_by"]) == (
        stored["id"],
        stored["title"],
        "uji-editor",
    )
    deleted = datetime.fromisoformat(item["trashed_at"])
    assert datetime.fromisoformat(item["purge_after"]) - deleted == timedelta(days=30)

    restored = client.post(f"/api/trash/{stored['id']}/restore")
    assert restored.status_code == 200
    assert restored.json()["clauses"] == stored["clauses"]
    assert found_by_title(client, "Louis Alain") == [stored["id"]]  # at once
    assert client.get("/api/trash").json()["items"] == []
    assert audited(client, "delete") == [("uji-editor", stored["id"], "HTTP 204")]
    assert audited(client, "trash.restore") == [("uji-editor", stored["id"], "HTTP 200")]


def test_restoring_or_purging_what_is_not_in_the_trash_answers_404(client: TestClient) -> None:
    stored = upload(client, PDF)
    restore = client.post(f"/api/trash/{stored['id']}/restore")
    assert restore.status_code == 404
    assert restore.json()["error"]["code"] == "not_in_trash"
    assert client.delete("/api/agreements/unknown").status_code == 404
    sign_in(client, "admin")
    assert client.delete(f"/api/trash/{stored['id']}").json()["error"]["code"] == "not_in_trash"
    assert audited(client, "trash.restore") == []


def test_viewers_do_not_see_the_trash_and_editors_do_not_empty_it(client: TestClient) -> None:
    stored = upload(client, PDF)
    client.delete(f"/api/agreements/{stored['id']}")
    assert client.delete(f"/api/trash/{stored['id']}").status_code == 403
    assert client.delete("/api/trash").status_code == 403
    sign_in(client, "viewer")
    assert client.get("/api/trash").status_code == 403
    assert client.post(f"/api/trash/{stored['id']}/restore").status_code == 403
    assert client.delete(f"/api/agreements/{stored['id']}").status_code == 403
    sign_in(client, "editor")
    assert [i["id"] for i in client.get("/api/trash").json()["items"]] == [stored["id"]]


def test_uploading_a_file_whose_agreement_is_in_the_trash_says_to_restore_it(
    client: TestClient,
) -> None:
    stored = upload(client, PDF)
    client.delete(f"/api/agreements/{stored['id']}")
    again = client.post("/api/agreements", files={"file": ("lagi.pdf", PDF.read_bytes())})
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "agreement_in_trash"
    assert error["values"] == {"agreement_id": stored["id"], "file_name": "lagi.pdf"}
    assert client.get("/api/trash").json()["items"][0]["id"] == stored["id"]


def test_an_admin_removes_one_or_all_for_good_with_their_originals_audited_by_title(
    client: TestClient, tmp_path: Path
) -> None:
    louis = upload(client, PDF)
    draft = upload(client, DOCX)
    client.delete(f"/api/agreements/{louis['id']}")
    client.delete(f"/api/agreements/{draft['id']}")
    sign_in(client, "admin")
    assert client.delete(f"/api/trash/{louis['id']}").status_code == 204
    assert originals(tmp_path) == [draft["source"]["sha256"]]
    emptied = client.delete("/api/trash")
    assert emptied.json() == {"purged": [draft["id"]]}
    assert originals(tmp_path) == []
    assert client.get("/api/trash").json()["items"] == []
    assert sorted(audited(client, "trash.purge")) == sorted(
        [
            ("uji-admin", louis["id"], f"title={louis['title']}"),
            ("uji-admin", draft["id"], f"title={draft['title']}"),
        ]
    )
    # gone for good: the same file is a new agreement now
    assert upload(client, PDF)["id"] != louis["id"]


def test_a_purge_keeps_an_original_a_queued_job_still_needs(
    client: TestClient, tmp_path: Path
) -> None:
    stored = upload(client, PDF)
    client.delete(f"/api/agreements/{stored['id']}")
    store = open_store(settings_for(tmp_path))
    try:  # a job row as an upload of the same bytes leaves it, waiting for OCR
        JobStore(store).create(
            kind="add",
            sha256=stored["source"]["sha256"],
            filename=PDF.name,
            size=1,
            languages="ind",
        )
    finally:
        store.close()
    sign_in(client, "admin")
    assert client.delete(f"/api/trash/{stored['id']}").status_code == 204
    assert originals(tmp_path) == [stored["source"]["sha256"]]


def test_the_server_purges_what_waited_past_naskah_trash_days_and_audits_it(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path, trash_days=0)
    with signed_in_client(settings, "editor") as client:
        stored = upload(client, PDF)
        client.delete(f"/api/agreements/{stored['id']}")
        assert [i["id"] for i in client.get("/api/trash").json()["items"]] == [stored["id"]]
    # the next start purges it (and then every hour)
    with TestClient(create_app(settings)) as client:
        sign_in(client, "admin")
        deadline = time.monotonic() + 20
        while client.get("/api/trash").json()["items"] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert client.get("/api/trash").json()["items"] == []
        assert originals(tmp_path) == []
        [(actor, target, detail)] = audited(client, "trash.purge")
        assert (actor, target, detail) == (None, stored["id"], f"days=0; title={stored['title']}")


def test_naskah_check_is_clean_with_the_trash_and_repair_purges_what_expired(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path)
    with signed_in_client(settings, "editor") as client:
        kept = upload(client, DOCX)
        stored = upload(client, PDF)
        client.delete(f"/api/agreements/{stored['id']}")
    store = open_store(settings)
    library = open_library(settings, store=store)
    try:
        report = check(library, JobStore(store), repair=False, grace_s=0)
        assert report.is_consistent, report.lines()
        assert (report.agreements, report.in_trash, report.files) == (1, 1, 2)
    finally:
        library.close()
    env = {"NASKAH_DATA_DIR": str(tmp_path), "NASKAH_TRASH_DAYS": "0", "PATH": "/usr/bin:/bin"}
    out = naskah(env, "check", "--repair", "--grace-minutes", "0")
    assert "purged 1 agreements in the trash over 0 days" in out, out
    assert naskah(env, "check", "--grace-minutes", "0").splitlines()[-1] == "naskah: consistent"
    assert originals(tmp_path) == [kept["source"]["sha256"]]
    with signed_in_client(settings, "admin") as client:
        assert [(a, t) for a, t, _ in audited(client, "trash.purge")] == [("cli", stored["id"])]
