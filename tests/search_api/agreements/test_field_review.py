"""Review of extracted values: source spans kept by the store, who confirmed or corrected what."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.agreements import segments
from search_api.agreements.field_review import weekday_mismatch
from search_api.settings import Settings
from tests.auth import sign_in, signed_in_client
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None)) as client:
        yield client


def uploaded(client: TestClient) -> str:
    response = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())})
    assert response.status_code == 201, response.text
    agreement_id: str = response.json()["id"]
    return agreement_id


def test_review_points_each_value_at_its_source_passage(client: TestClient) -> None:
    review = client.get(f"/api/agreements/{uploaded(client)}/review").json()
    fields = {f["name"]: f for f in review["fields"]}
    start, end = fields["signed_date"]["span"]
    assert "Agustus" in review["text"][start:end]
    start, end = fields["parties"]["span"]
    assert "Louis Alain" in review["text"][start:end]
    assert all(f["state"] == "machine" for f in review["fields"])


def test_a_correction_records_who_and_tells_confirmed_from_corrected(client: TestClient) -> None:
    agreement_id = uploaded(client)
    before = client.get(f"/api/agreements/{agreement_id}").json()
    parties = before["parties"]
    parties[0]["name"] = "PT Louis Alain Indonesia"
    sign_in(client, "editor", name="Ni Luh Ayü")
    response = client.patch(
        f"/api/agreements/{agreement_id}",
        # a header naming someone else is no longer believed: the signed-in user is the author
        json={"title": before["title"], "parties": parties},
        headers={"X-Naskah-User": "Someone%20Else"},
    )
    assert response.status_code == 200
    review = client.get(f"/api/agreements/{agreement_id}/review").json()
    fields = {f["name"]: f for f in review["fields"]}
    assert fields["title"]["state"] == "confirmed"
    assert fields["parties"]["state"] == "corrected"
    assert fields["parties"]["author"] == "Ni Luh Ayü"
    assert fields["parties"]["machine"][0]["name"] == "PT. Louis Alain"
    assert fields["signed_date"]["state"] == "machine"
    assert {h["field"]: h["state"] for h in review["history"]} == {
        "title": "confirmed",
        "parties": "corrected",
    }


def test_review_of_a_missing_agreement_answers_404(client: TestClient) -> None:
    response = client.get("/api/agreements/nope/review")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "agreement_not_found"


@pytest.mark.parametrize(
    ("passage", "iso", "expected"),
    [
        ("Pada hari ini Senin tanggal satu bulan Agustus", "2022-08-01", False),
        ("Pada hari ini Selasa tanggal satu bulan Agustus", "2022-08-01", True),
        ("Pada hari ini Jum'at tanggal lima", "2022-08-05", False),
        ("On this Monday, 1 August 2022", "2022-08-02", True),
        ("tanggal 1 Agustus 2022", "2022-08-03", False),
    ],
)
def test_weekday_mismatch(passage: str, iso: str, *, expected: bool) -> None:
    assert weekday_mismatch(passage, iso) is expected


def test_segments_split_overlapping_source_passages() -> None:
    parts = segments("abcdefgh", {"a": (1, 5), "b": (3, 7)})
    assert [(s.text, s.fields) for s in parts] == [
        ("a", ()),
        ("bc", ("a",)),
        ("de", ("a", "b")),
        ("fg", ("b",)),
        ("h", ()),
    ]
