"""Each role's pages offer only what its role may do: the links and buttons come from the access
rules (RULES), so a viewer never sees Unggah, Tinjau, Ulangi OCR, Hapus or a new version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.settings import Settings
from tests.auth import sign_in, signed_in_client
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"  # a PDF: Ulangi OCR is offered


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None), "editor") as client:
        yield client


def editor_marks(agreement_id: str) -> dict[str, str]:
    return {
        "review": f'href="/naskah/{agreement_id}/tinjau"',
        "delete": 'id="delete-ask"',
        "ocr": 'id="ocr-again"',
        "version": 'id="new-version"',
        "upload": 'href="/unggah"',
        "trash": 'href="/sampah"',
    }


def test_a_viewer_sees_no_editor_links_and_an_editor_sees_them_all(client: TestClient) -> None:
    stored = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())}).json()
    marks = editor_marks(stored["id"])
    page = client.get(f"/naskah/{stored['id']}").text
    assert [name for name, mark in marks.items() if mark not in page] == []

    sign_in(client, "viewer")
    page = client.get(f"/naskah/{stored['id']}").text
    assert [name for name, mark in marks.items() if mark in page] == []
    # what a viewer may do stays: read, download, versions, precedents
    assert f'href="/api/agreements/{stored["id"]}/file"' in page
    assert 'id="versions"' in page and "/preseden?pasal=" in page
    for path in ("/cari", "/daftar", "/preseden"):
        assert 'href="/unggah"' not in client.get(path).text, path


def test_an_empty_library_asks_a_viewer_to_wait_for_an_editor(client: TestClient) -> None:
    assert 'href="/unggah"' in client.get("/cari").text
    sign_in(client, "viewer")
    page = client.get("/cari").text
    assert 'href="/unggah"' not in page and "Editor atau admin kantor Anda" in page


def test_the_trash_offers_restore_to_editors_and_removal_to_admins(client: TestClient) -> None:
    stored = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())}).json()
    client.delete(f"/api/agreements/{stored['id']}")
    page = client.get("/sampah").text
    assert 'class="restore"' in page
    assert "purge" not in page.split("<tbody>")[1] and 'id="empty-trash"' not in page
    sign_in(client, "admin")
    page = client.get("/sampah").text
    assert 'class="restore"' in page and 'class="danger purge"' in page
    assert 'id="empty-trash"' in page
    sign_in(client, "viewer")
    assert client.get("/sampah").status_code == 403


def test_the_review_page_has_a_konfirmasi_tick_per_field_and_the_clause_tools(
    client: TestClient,
) -> None:
    stored = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())}).json()
    page = client.get(f"/naskah/{stored['id']}/tinjau").text
    ticks = page.count('<input type="checkbox" name="confirm" value="')
    assert ticks == 12  # every reviewed field
    assert page.count('class="clause-item card"') == len(stored["clauses"])
    assert page.count('class="danger clause-delete"') == len(stored["clauses"])
    assert page.count('class="secondary clause-merge"') == len(stored["clauses"]) - 1


def test_the_print_stylesheet_leaves_out_navigation_buttons_and_forms() -> None:
    css = (
        Path(__file__).resolve().parents[2] / "web" / "static" / "css" / "naskah.css"
    ).read_text()
    _, _, printed = css.partition("@media print {")
    hidden = printed.split("{ display: none !important; }")[0]
    for selector in (".site-header", ".actions", "form", "button", ".ocr-again", ".outline"):
        assert selector in hidden, selector
