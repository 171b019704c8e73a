"""The audit log as admins read it: filters by user, action and dates (page and API), the
agreement named by title with a link, details in the UI's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.http import Translator, describe_detail
from search_api.settings import Settings
from tests.auth import PASSWORD, accounts_of, sign_in, sign_in_with_form, signed_in_client
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
DOCX = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None), "admin") as client:
        yield client


def rows(page: str) -> list[str]:
    return re.findall(r"<tr class=\"audit-[^\"]+\">(.*?)</tr>", page, re.S)


def test_the_page_names_agreements_by_title_with_their_state(client: TestClient) -> None:
    sign_in(client, "editor", name="Ni Luh Ayu")
    louis = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())}).json()
    draft = client.post("/api/agreements", files={"file": (DOCX.name, DOCX.read_bytes())}).json()
    client.patch(f"/api/agreements/{louis['id']}", json={"title": "PKS Louis Alain"})
    client.delete(f"/api/agreements/{draft['id']}")
    sign_in(client, "admin")
    page = client.get("/audit").text
    assert f'<a href="/naskah/{louis["id"]}">PKS Louis Alain</a>' in page
    assert f'{draft["title"]} <span class="muted">· <a href="/sampah">di Sampah</a>' in page
    client.delete(f"/api/trash/{draft['id']}")
    page = client.get("/audit").text
    assert "sudah dihapus permanen" in page
    assert f"judul: {draft['title']}" in page  # the purge keeps the title the log names
    assert f"/api/agreements/{louis['id']}</td>" not in page  # no raw paths


def test_filters_by_user_action_and_dates_on_the_page_and_the_api(client: TestClient) -> None:
    accounts = accounts_of(client)
    accounts.add_user("ani", "viewer", PASSWORD)
    assert sign_in_with_form(TestClient(client.app), "ani", "salah-salah-salah") == 401
    assert sign_in_with_form(TestClient(client.app), "ani", PASSWORD) == 303
    accounts.audit("budi", "upload", "/api/agreements/" + "a" * 32, "HTTP 201")

    by_action = client.get("/audit", params={"action": "login.failed"}).text
    assert len(rows(by_action)) == 1 and "nama atau kata sandi salah" in by_action
    assert "wrong name or password" not in by_action
    by_actor = client.get("/audit", params={"actor": "budi"}).text
    assert len(rows(by_actor)) == 1 and '<option value="budi" selected>' in by_actor
    today = date.today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert rows(client.get("/audit", params={"dari": tomorrow}).text) == []
    assert len(rows(client.get("/audit", params={"sampai": today.isoformat()}).text)) == 3
    assert "1 catatan" in client.get("/audit", params={"actor": "ani"}).text
    assert "Signed in" in client.get("/audit", params={"actor": "ani", "lang": "en"}).text

    api = client.get("/api/audit", params={"actor": "ani"}).json()
    assert [i["action"] for i in api["items"]] == ["login.ok"]  # the failed one has no actor
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert client.get("/api/audit", params={"since": later}).json()["total"] == 0
    assert client.get("/api/audit", params={"until": later}).json()["total"] == 3
    sign_in(client, "editor")
    assert client.get("/audit").status_code == 403
    assert client.get("/api/audit").status_code == 403


@pytest.mark.parametrize(
    ("detail", "indonesian"),
    [
        ("wrong name or password", "nama atau kata sandi salah"),
        ("too many failed sign-ins (password)", "terlalu banyak kata sandi salah (ganti sandi)"),
        ("first admin (setup link)", "admin pertama (tautan penyiapan)"),
        ("HTTP 201", ""),
        ("HTTP 202", "diantrekan sebagai pekerjaan OCR"),
        ("role=editor", "peran: Editor"),
        ("role=viewer active=False password=***", "peran: Pembaca; dinonaktifkan; kata sandi baru"),
        ("via=token", "dengan token API"),
        ("user=ani", "pengguna: ani"),
        ("title=PKS; Louis = Alain", "judul: PKS; Louis = Alain"),
        ("days=30; title=KB Gowa", "lebih dari 30 hari di Sampah; judul: KB Gowa"),
        ("3 groups; added: kahar; changed: pajak", "3 kelompok; ditambah: kahar; diubah: pajak"),
        ("something the log never wrote before", "something the log never wrote before"),
    ],
)
def test_each_kind_of_detail_reads_in_indonesian(detail: str, indonesian: str) -> None:
    assert describe_detail(Translator("id"), detail) == indonesian
