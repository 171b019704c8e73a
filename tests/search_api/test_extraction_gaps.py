"""An extraction that found no Pasal, no party or no date is not a success (issue #12.4).

Real uploads over HTTP into a real SQLite store: a cover letter sent instead of the
agreement (a real DOCX), corpus agreements with and without the extractor's doubts. The
answer says what is missing (`warnings`), the agreement page says it in Bahasa Indonesia,
a person's correction closes the gap, and the review page lists the doubted values first,
the extractor's own reasons included, until someone reviews them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.search_api.agreement_files import cover_letter
from tests.search_api.conftest import CORPUS

AGREEMENT = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
# the extractor read its parties by a fallback rule, and left the signer out
FALLBACK_PARTIES = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
# a template: the signing date is dots to fill in
BLANK_DATE = CORPUS / "id-nk-template-polibatam-industri.docx"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None)) as client:
        yield client


def _upload(client: TestClient, name: str, data: bytes) -> dict[str, object]:
    response = client.post("/api/agreements", files={"file": (name, data)})
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def _doubted(html: str) -> list[str]:
    """The review page's list of doubted values, in order, as plain text."""
    section = re.search(r'<ol class="doubted-list">(.*?)</ol>', html, re.S)
    assert section, "the review page lists no doubted values"
    items = re.findall(r"<li>(.*?)</li>", section.group(1), re.S)
    texts = (" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items)
    return [text.replace(" :", ":") for text in texts]


def test_a_cover_letter_is_stored_but_answers_what_it_lacks(client: TestClient) -> None:
    body = _upload(client, "surat-pengantar.docx", cover_letter())
    assert body["clauses"] == [] and body["parties"] == []
    assert body["warnings"] == ["clauses", "parties", "dates"]
    page = client.get(f"/naskah/{body['id']}").text
    assert (
        "Ekstraksi belum lengkap: tidak ada pasal yang ditemukan, para pihak tidak ditemukan, "
        "tanggal tanda tangan dan mulai berlaku tidak ditemukan." in page
    )
    assert 'class="gap-banner" role="alert"' in page


def test_a_full_agreement_has_no_warnings_and_no_banner(client: TestClient) -> None:
    body = _upload(client, AGREEMENT.name, AGREEMENT.read_bytes())
    assert body["warnings"] == []
    assert "gap-banner" not in client.get(f"/naskah/{body['id']}").text


def test_a_correction_that_adds_the_missing_value_closes_its_gap(client: TestClient) -> None:
    body = _upload(client, "surat-pengantar.docx", cover_letter())
    party = {"name": "Pemerintah Kabupaten Gowa", "role": "PIHAK PERTAMA"}
    party |= {"representative": "Adnan Purichta Ichsan", "position": "Bupati Gowa"}
    response = client.patch(
        f"/api/agreements/{body['id']}", json={"parties": [party], "signed_date": "2024-08-05"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["warnings"] == ["clauses"]
    assert client.get(f"/api/agreements/{body['id']}").json()["warnings"] == ["clauses"]


def test_the_review_page_lists_the_extractors_doubts_first(client: TestClient) -> None:
    fallback = _upload(client, FALLBACK_PARTIES.name, FALLBACK_PARTIES.read_bytes())
    listed = _doubted(client.get(f"/naskah/{fallback['id']}/tinjau").text)
    assert any(
        item.startswith("Para pihak:") and "Dibaca dengan aturan cadangan" in item
        for item in listed
    ), listed
    blank = _upload(client, BLANK_DATE.name, BLANK_DATE.read_bytes())
    listed = _doubted(client.get(f"/naskah/{blank['id']}/tinjau").text)
    assert any("Dibiarkan kosong di naskah (titik-titik)" in item for item in listed), listed


def test_a_reviewed_value_leaves_the_extractors_doubt_behind(client: TestClient) -> None:
    body = _upload(client, FALLBACK_PARTIES.name, FALLBACK_PARTIES.read_bytes())
    # the editor confirms the parties as read: the machine's own value
    response = client.patch(f"/api/agreements/{body['id']}", json={"parties": body["parties"]})
    assert response.status_code == 200, response.text
    listed = _doubted(client.get(f"/naskah/{body['id']}/tinjau").text)
    assert listed and not any("aturan cadangan" in item for item in listed), listed


def test_english_pages_say_it_in_english(client: TestClient) -> None:
    body = _upload(client, "cover-letter.docx", cover_letter())
    page = client.get(f"/naskah/{body['id']}?lang=en").text
    assert "The extraction is incomplete: no clauses found, no parties found" in page
