"""The HTTP API over a real SQLite store, the embedded index and real corpus files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.http import SearchPage
from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
DOCX = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None)) as client:
        yield client


def upload(client: TestClient, path: Path) -> dict[str, object]:
    response = client.post("/api/agreements", files={"file": (path.name, path.read_bytes())})
    assert response.status_code in (200, 201), response.text
    body: dict[str, object] = response.json()
    return body


def test_uploading_a_pdf_answers_201_with_the_stored_agreement(client: TestClient) -> None:
    response = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())})
    assert response.status_code == 201
    body = response.json()
    assert body["id"]
    assert body["source"]["filename"] == PDF.name
    assert "B/422/401/SMKN6/2022" in body["numbers"]
    assert len(body["clauses"]) == 11
    assert response.headers["location"] == f"/api/agreements/{body['id']}"


def test_uploading_the_same_file_again_answers_the_same_agreement(client: TestClient) -> None:
    first = upload(client, PDF)
    response = client.post("/api/agreements", files={"file": ("renamed.pdf", PDF.read_bytes())})
    assert response.status_code == 200
    assert response.json()["id"] == first["id"]
    assert client.get("/api/agreements").json()["total"] == 1


def test_an_unreadable_file_answers_415_and_stores_nothing(
    client: TestClient, tmp_path: Path
) -> None:
    response = client.post("/api/agreements", files={"file": ("notes.pdf", b"just some text")})
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_format"
    assert "notes.pdf" in error["message"]
    assert client.get("/api/agreements").json()["total"] == 0
    assert not any(p.is_file() for p in (tmp_path / "files").rglob("*"))


def test_a_damaged_pdf_answers_422_and_stores_nothing(client: TestClient, tmp_path: Path) -> None:
    truncated = PDF.read_bytes()[:2000]
    response = client.post("/api/agreements", files={"file": ("cut.pdf", truncated)})
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("cut.pdf: ")
    assert client.get("/api/health").json()["agreements"] == 0
    assert not any(p.is_file() for p in (tmp_path / "files").rglob("*"))


def test_a_file_over_the_size_limit_answers_413(tmp_path: Path) -> None:
    with signed_in_client(Settings(data_dir=tmp_path, max_upload_mb=0)) as client:
        response = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"


def test_errors_have_one_json_shape(client: TestClient) -> None:
    response = client.get("/api/agreements/missing")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "agreement_not_found",
            "message": "agreement missing not found. It may have been deleted; search again.",
            "values": {"agreement_id": "missing"},
        }
    }
    bad = client.get("/api/search", params={"limit": 0})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
    assert client.get("/api/search", params={"year_from": 2023, "year_to": 2020}).status_code == 400
    unknown_kind = client.get("/api/search", params={"partner_type": "alien"})
    assert unknown_kind.status_code == 422 and "partner_type" in unknown_kind.text


def test_the_original_file_downloads_byte_identical(client: TestClient) -> None:
    agreement = upload(client, DOCX)
    response = client.get(f"/api/agreements/{agreement['id']}/file")
    assert response.status_code == 200
    assert response.content == DOCX.read_bytes()
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")


def test_a_correction_is_kept_apart_and_searchable(client: TestClient) -> None:
    agreement = upload(client, PDF)
    response = client.patch(
        f"/api/agreements/{agreement['id']}", json={"title": "PKS Magang Batam Teknik"}
    )
    assert response.status_code == 200
    assert response.json()["title"] == "PKS Magang Batam Teknik"
    assert response.json()["corrected_fields"] == ["title"]
    found = client.get("/api/search", params={"q": "magang", "scope": "agreements"}).json()
    assert [h["agreement_id"] for h in found["hits"]] == [agreement["id"]]


def test_a_correction_of_an_unknown_field_is_refused(client: TestClient) -> None:
    agreement = upload(client, PDF)
    response = client.patch(f"/api/agreements/{agreement['id']}", json={"sha256": "x"})
    assert response.status_code == 422


def test_deleting_an_agreement_removes_it_from_search(client: TestClient) -> None:
    agreement = upload(client, PDF)
    assert client.delete(f"/api/agreements/{agreement['id']}").status_code == 204
    assert client.get(f"/api/agreements/{agreement['id']}").status_code == 404
    assert client.get("/api/search", params={"q": "perselisihan"}).json()["total"] == 0


def test_search_finds_a_clause_by_a_misspelled_word(client: TestClient) -> None:
    agreement = upload(client, PDF)
    upload(client, DOCX)
    page = client.get("/api/search", params={"q": "perselisihn"}).json()
    assert page["total"] >= 1
    hit = page["hits"][0]
    assert hit["agreement_id"] == agreement["id"]
    assert hit["heading"] == "KETENTUAN LAIN-LAIN"
    assert "<mark>perselisihan</mark>" in hit["snippet"]
    assert set(hit) >= {"clause_id", "clause_number", "category", "title", "snippet"}
    assert page["facets"]["language"] == {"id": page["total"]}


def test_a_search_that_finds_nothing_offers_a_corrected_query_that_does(
    client: TestClient,
) -> None:
    upload(client, PDF)
    # 'biya': four letters, so no typo is allowed and nothing is found; 'biaya' is in the PDF
    page = client.get("/api/search", params={"q": "biya peserta"}).json()
    assert page["total"] == 0
    assert page["suggestion"] == "biaya peserta"
    assert client.get("/api/search", params={"q": page["suggestion"]}).json()["total"] >= 1
    # known words that only miss together: nothing to correct
    together = client.get("/api/search", params={"q": "siswa perselisihan kahar"}).json()
    assert together["total"] == 0 and together["suggestion"] is None
    # a correction that would still find nothing under the filters is not offered
    filtered = client.get("/api/search", params={"q": "biya", "doc_type": "mou"}).json()
    assert filtered["total"] == 0 and filtered["suggestion"] is None
    found = client.get("/api/search", params={"q": "biaya"}).json()
    assert found["total"] >= 1 and found["suggestion"] is None


def test_search_answers_exactly_the_documented_search_page(client: TestClient) -> None:
    upload(client, PDF)
    response = client.get("/api/search", params={"q": "kerja sama", "limit": 2})
    assert response.headers["content-type"] == "application/json"
    page = response.json()
    assert page == SearchPage.model_validate(page).model_dump(mode="json")
    assert len(page["hits"]) == 2


def test_search_answers_partial_when_the_hits_hold_most_but_not_all_words(
    client: TestClient,
) -> None:
    upload(client, PDF)
    # 'zxqvw' is in no agreement: the BIAYA clause holds the other three words
    relaxed = client.get("/api/search", params={"q": "biaya diperlukan dibebankan zxqvw "}).json()
    assert relaxed["partial"] is True and relaxed["total"] >= 1
    whole = client.get("/api/search", params={"q": "biaya diperlukan dibebankan "}).json()
    assert whole["partial"] is False and whole["total"] >= 1


def test_search_answers_the_agreement_a_number_names_as_a_card(client: TestClient) -> None:
    louis = upload(client, PDF)
    upload(client, DOCX)
    page = client.get("/api/search", params={"q": "B/422/401/SMKN6/2022"}).json()
    assert [a["agreement_id"] for a in page["agreements"]] == [louis["id"]]
    card = page["agreements"][0]
    assert card["clause_id"] is None and card["title"] == louis["title"]
    assert page["hits"] and {h["agreement_id"] for h in page["hits"]} == {louis["id"]}
    assert page == SearchPage.model_validate(page).model_dump(mode="json")
    assert client.get("/api/search", params={"q": "biaya"}).json()["agreements"] == []


def test_search_filters_by_party_and_pages(client: TestClient) -> None:
    upload(client, PDF)
    upload(client, DOCX)
    params = {"q": "kerja sama", "party": "PT. Louis Alain", "limit": 3}
    first = client.get("/api/search", params=params).json()
    second = client.get("/api/search", params={**params, "offset": 3}).json()
    assert first["total"] == second["total"] > 3
    assert {h["clause_id"] for h in first["hits"]}.isdisjoint(
        h["clause_id"] for h in second["hits"]
    )


def test_similar_clauses_come_from_other_agreements(client: TestClient) -> None:
    louis = upload(client, PDF)
    upload(client, DOCX)
    term = next(c for c in louis["clauses"] if c["heading"] == "JANGKA WAKTU")  # type: ignore[union-attr]
    response = client.get(f"/api/clauses/{term['id']}/similar", params={"limit": 3})
    assert response.status_code == 200
    hits = response.json()["hits"]
    # the same matter first (a term clause for a term clause), then by wording similarity
    assert hits[0]["heading"] == "JANGKA WAKTU"
    assert hits[0]["category"] == term["category"]
    assert all(h["agreement_id"] != louis["id"] for h in hits)
    others = [h["score"] for h in hits if h["category"] != term["category"]]
    assert others == sorted(others, reverse=True)
    assert client.get("/api/clauses/nope/similar").status_code == 404


def test_a_pasted_draft_finds_the_identical_stored_clause_first(client: TestClient) -> None:
    louis = upload(client, PDF)
    upload(client, DOCX)
    term = next(c for c in louis["clauses"] if c["heading"] == "JANGKA WAKTU")  # type: ignore[union-attr]
    response = client.post("/api/precedents", json={"text": term["text"], "limit": 3})
    hits = response.json()["hits"]
    assert hits[0]["clause_id"] == term["id"]
    assert hits[0]["score"] == 1.0


def test_agreements_list_filters_and_sorts(client: TestClient) -> None:
    louis = upload(client, PDF)
    trisakti = upload(client, DOCX)
    page = client.get("/api/agreements", params={"sort": "-signed_date"}).json()
    assert [i["id"] for i in page["items"]] == [louis["id"], trisakti["id"]]
    only = client.get("/api/agreements", params={"party": "warmadewa"}).json()
    assert [i["id"] for i in only["items"]] == [trisakti["id"]]


def test_health_reports_the_engine_and_counts(client: TestClient) -> None:
    upload(client, PDF)
    health = client.get("/api/health").json()
    assert health == {
        "status": "ok",
        "engine": "EmbeddedIndex",
        "agreements": 1,
        "indexed_records": 12,
        "pending_index": 0,
    }


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    search = client.get("/openapi.json").json()["paths"]["/api/search"]["get"]
    documented = {p["name"]: p for p in search["parameters"]}
    assert {"q", "scope", "doc_type", "partner_type", "year_from", "sort", "limit"} <= set(
        documented
    )
    assert all(p["in"] == "query" for p in documented.values())
    assert documented["limit"]["schema"]["maximum"] == 100
