"""The server-rendered pages without a browser: languages, headers, not-found and static files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.settings import Settings
from tests.auth import signed_in_client


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
