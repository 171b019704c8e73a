"""Clause corrections through real HTTP: each operation found, not found, refused, forbidden and
audited; search, similar clauses and precedents answer from the corrected clauses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.settings import Settings
from tests.auth import accounts_of, sign_in, signed_in_client
from tests.jobs import follow
from tests.search_api.agreement_files import draft_docx
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
MISSED = (
    "PARA PIHAK wajib menjaga kerahasiaan data peserta didik dan data perusahaan yang "
    "diperoleh selama pelaksanaan praktik kerja industri."
)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path / "data", meili_url=None), "editor") as c:
        yield c


def upload(client: TestClient, path: Path) -> dict[str, Any]:
    response = client.post("/api/agreements", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def numbers(agreement: dict[str, Any]) -> list[str]:
    return [c["number"] for c in agreement["clauses"]]


def audited(client: TestClient) -> list[tuple[str | None, str]]:
    entries = accounts_of(client).audit_log(limit=100)[1]
    return [(e.actor, e.action) for e in reversed(entries) if e.action.startswith("clause.")]


def test_each_clause_correction_changes_the_clauses_search_and_precedents_read(
    client: TestClient, tmp_path: Path
) -> None:
    stored = upload(client, draft_docx(tmp_path / "draf.docx"))
    base = f"/api/agreements/{stored['id']}/clauses"
    assert numbers(stored) == ["1", "2", "3", "4"]
    scope = stored["clauses"][1]
    at = scope["text"].index("PIHAK KEDUA berkewajiban")

    split = client.post(
        f"{base}/{scope['id']}/split", json={"at": at, "number": "3", "heading": "KEWAJIBAN"}
    )
    assert split.status_code == 200, split.text
    assert numbers(split.json()) == ["1", "2", "3", "3", "4"]
    new = split.json()["clauses"][2]
    assert new["text"].startswith("PIHAK KEDUA berkewajiban")
    assert new["category"] == "rights_obligations"  # from its heading and text

    edit = client.patch(f"{base}/{new['id']}", json={"category": "implementation"})
    assert edit.json()["clauses"][2]["category"] == "implementation"
    renumbered = client.patch(f"{base}/{stored['id']}-4", json={"number": "4"})
    renumbered = client.patch(f"{base}/{stored['id']}-5", json={"number": "5"})
    assert numbers(renumbered.json()) == ["1", "2", "3", "4", "5"]

    added = client.post(
        base,
        json={
            "after": f"{stored['id']}-5",
            "number": "6",
            "heading": "KERAHASIAAN",
            "text": MISSED,
        },
    )
    assert added.status_code == 201, added.text
    clause = added.json()["clauses"][-1]
    assert (clause["number"], clause["category"]) == ("6", "confidentiality")

    hits = client.get("/api/search", params={"q": "kerahasiaan data peserta didik"}).json()["hits"]
    assert hits[0]["clause_id"] == clause["id"] and hits[0]["clause_number"] == "6"
    assert client.get(f"/api/clauses/{clause['id']}/similar").status_code == 200
    page = client.get("/preseden", params={"pasal": clause["id"]})
    assert page.status_code == 200 and "Pasal 6 · KERAHASIAAN" in page.text

    merged = client.post(f"{base}/{stored['id']}-2/merge")
    assert numbers(merged.json()) == ["1", "2", "4", "5", "6"]
    assert "PIHAK KEDUA berkewajiban" in merged.json()["clauses"][1]["text"]
    deleted = client.delete(f"{base}/{stored['id']}-4")
    assert numbers(deleted.json()) == ["1", "2", "4", "6"]

    assert audited(client) == [
        ("uji-editor", action)
        for action in ("clause.split", "clause.edit", "clause.edit", "clause.edit", "clause.add")
        + ("clause.merge", "clause.delete")
    ]
    review = client.get(f"/naskah/{stored['id']}/tinjau")
    assert "Riwayat koreksi pasal (7)" in review.text


def test_a_clause_correction_of_what_is_not_there_answers_404(client: TestClient) -> None:
    louis = upload(client, PDF)
    clause = louis["clauses"][0]["id"]
    assert (
        client.patch(f"/api/agreements/x/clauses/{clause}", json={"heading": "A"}).json()["error"][
            "code"
        ]
        == "agreement_not_found"
    )
    other = client.delete(f"/api/agreements/{louis['id']}/clauses/{louis['id']}-99")
    assert (other.status_code, other.json()["error"]["code"]) == (404, "clause_not_found")
    add_after = client.post(
        f"/api/agreements/{louis['id']}/clauses", json={"after": "nope", "text": MISSED}
    )
    assert add_after.status_code == 404
    assert audited(client) == []


def test_a_clause_correction_that_cannot_be_made_says_why(client: TestClient) -> None:
    louis = upload(client, PDF)
    base = f"/api/agreements/{louis['id']}/clauses"
    first, last = louis["clauses"][0], louis["clauses"][-1]
    cases = [
        (
            client.post(f"{base}/{first['id']}/split", json={"at": 10**6, "number": "1A"}),
            "split_point",
        ),
        (client.post(f"{base}/{last['id']}/merge"), "no_next"),
        (client.patch(f"{base}/{first['id']}", json={"category": "ramalan"}), "unknown_category"),
        (
            client.patch(f"{base}/{first['id']}", json={"number": first["number"]}),
            "nothing_to_change",
        ),
        (client.post(base, json={"text": "   "}), "empty_text"),
    ]
    for response, problem in cases:
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert (error["code"], error["values"]["problem"]) == ("invalid_clause_correction", problem)
    assert (
        client.post(f"{base}/{first['id']}/split", json={"at": 0, "number": "1"}).status_code == 422
    )
    assert client.get(f"/api/agreements/{louis['id']}").json()["clauses"] == louis["clauses"]
    assert audited(client) == []


def test_a_viewer_cannot_correct_clauses(client: TestClient) -> None:
    louis = upload(client, PDF)
    sign_in(client, "viewer")
    clause = louis["clauses"][0]["id"]
    base = f"/api/agreements/{louis['id']}/clauses"
    assert client.patch(f"{base}/{clause}", json={"heading": "X"}).status_code == 403
    assert client.delete(f"{base}/{clause}").status_code == 403
    assert client.post(f"{base}/{clause}/merge").status_code == 403
    assert client.post(f"{base}/{clause}/split", json={"at": 5, "number": "1A"}).status_code == 403
    assert client.post(base, json={"text": MISSED}).status_code == 403


@pytest.mark.ocr
def test_clause_corrections_survive_ocr_again(client: TestClient) -> None:
    louis = upload(client, PDF)  # a text layer and one scanned page
    base = f"/api/agreements/{louis['id']}/clauses"
    client.post(base, json={"after": louis["clauses"][-1]["id"], "number": "12", "text": MISSED})
    client.patch(f"{base}/{louis['id']}-1", json={"category": "scope"})
    before = client.get(f"/api/agreements/{louis['id']}").json()["clauses"]

    job = client.post(f"/api/agreements/{louis['id']}/ocr", json={"all_pages": True}).json()
    assert follow(client, job["id"])[-1]["state"] == "done"

    after = client.get(f"/api/agreements/{louis['id']}").json()["clauses"]
    assert [c["number"] for c in after] == [c["number"] for c in before]
    assert (after[0]["category"], after[-1]["text"]) == ("scope", MISSED)
    hits = client.get("/api/search", params={"q": "kerahasiaan data peserta didik"}).json()
    assert hits["hits"][0]["clause_number"] == "12"
