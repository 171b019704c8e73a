"""The server-rendered pages without a browser: languages, headers, not-found and static files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.search_api.conftest import DSAW_NAME, LOUIS_NAME, real_agreement


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None)) as client:
        yield client


@pytest.mark.parametrize("path", ["/cari", "/unggah", "/daftar", "/preseden"])
def test_every_page_is_indonesian_by_default_and_allows_only_its_own_scripts(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_lang_en_switches_and_is_remembered(client: TestClient) -> None:
    response = client.get("/daftar?lang=en")
    assert '<html lang="en">' in response.text
    assert "<h1>Register</h1>" in response.text
    assert client.get("/cari").text.count('<html lang="en">') == 1
    assert '<html lang="id">' in client.get("/cari?lang=id").text


def test_an_unknown_agreement_page_answers_404_in_html(client: TestClient) -> None:
    response = client.get("/naskah/does-not-exist")
    assert response.status_code == 404
    assert "Naskah tidak ditemukan" in response.text


def test_static_files_are_served_and_nothing_outside_them(client: TestClient) -> None:
    assert client.get("/static/js/common.js").status_code == 200
    assert client.get("/static/../../pyproject.toml").status_code == 404
    assert client.get("/static/%2e%2e/templates/base.html").status_code == 404


def test_a_pasted_draft_is_echoed_escaped(client: TestClient) -> None:
    response = client.post("/preseden", data={"teks": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def _groups(html: str) -> list[tuple[str, list[str]]]:
    """(group heading, category badge of each comparison) per group, in page order."""
    groups = []
    for part in html.split('<section class="comparison-group"')[1:]:
        heading = re.search(r"<h3 id=\"group-\w+\">([^<]*)</h3>", part)
        badges = re.findall(r'<span class="badge category">([^<]*)</span>', part)
        groups.append((heading[1] if heading else "", badges))
    return groups


def test_precedents_of_a_draft_come_in_same_matter_and_worded_alike_groups(
    client: TestClient,
) -> None:
    library = client.app.state.library  # type: ignore[attr-defined]
    for name in (LOUIS_NAME, DSAW_NAME):
        library.add_extracted(name.encode(), real_agreement(name))
    draft = (
        "Apabila terjadi perselisihan dalam pelaksanaan Perjanjian ini, PARA PIHAK "
        "menyelesaikannya secara musyawarah untuk mencapai mufakat."
    )
    groups = _groups(client.post("/preseden", data={"teks": draft}).text)

    assert [heading.split(":")[0] for heading, _ in groups] == [
        "Pasal tentang hal yang sama (Penyelesaian Perselisihan)",
        "Pasal lain yang kata-katanya mirip",
    ]
    same, others = groups[0][1], groups[1][1]
    assert same and set(same) == {"Penyelesaian Perselisihan"}
    assert groups[0][0].endswith(f": {len(same)}")
    assert others and "Penyelesaian Perselisihan" not in others


def test_precedents_without_a_known_matter_are_one_list(client: TestClient) -> None:
    library = client.app.state.library  # type: ignore[attr-defined]
    for name in (LOUIS_NAME, DSAW_NAME):
        library.add_extracted(name.encode(), real_agreement(name))
    groups = _groups(client.post("/preseden", data={"teks": "siswa praktek kerja industri"}).text)
    assert len(groups) == 1 and groups[0][0] == "" and groups[0][1]
