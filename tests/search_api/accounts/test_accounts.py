"""Accounts through real HTTP: signing in, CSRF, tokens, the setup link, the audit log, the CLI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.cli import main
from search_api.settings import Settings
from tests.auth import PASSWORD, accounts_of, csrf_of, sign_in, sign_in_with_form
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path, meili_url=None))) as client:
        yield client


def other_client(client: TestClient) -> TestClient:
    """Another caller of the same running app (no cookies of its own); its lifespan runs once."""
    return TestClient(client.app)


def log_in(client: TestClient, name: str, password: str) -> TestClient:
    assert sign_in_with_form(client, name, password) == 303
    return client


def audit_actions(client: TestClient) -> list[tuple[str | None, str, str]]:
    entries = accounts_of(client).audit_log(limit=100)[1]
    return [(e.actor, e.action, e.target) for e in entries]


def test_signing_in_sets_a_httponly_samesite_cookie_and_shows_the_user(
    client: TestClient,
) -> None:
    accounts_of(client).add_user("Made Wirawan", "editor", PASSWORD)
    form = client.get("/masuk")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text)
    assert token
    response = client.post(
        "/masuk",
        data={"name": "Made Wirawan", "password": PASSWORD, "login_token": token[1]},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "naskah_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http on loopback; https requests get Secure
    assert client.get("/api/me").json() == {
        "name": "Made Wirawan",
        "role": "editor",
        "via": "session",
    }
    assert "Made Wirawan" in client.get("/cari").text


def test_a_wrong_password_fails_and_is_audited(client: TestClient) -> None:
    accounts_of(client).add_user("ani", "viewer", PASSWORD)
    form = client.get("/masuk")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text)
    assert token
    response = client.post(
        "/masuk",
        data={"name": "ani", "password": "salah-salah-salah", "login_token": token[1]},
        follow_redirects=False,
    )
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah" in response.text
    assert "naskah_session" not in response.headers.get("set-cookie", "")
    assert client.get("/api/me").status_code == 401
    assert (None, "login.failed", "ani") in audit_actions(client)
    log_in(client, "ani", PASSWORD)
    assert ("ani", "login.ok", "ani") in audit_actions(client)


def test_repeated_failed_sign_ins_block_the_name_even_with_the_right_password(
    client: TestClient,
) -> None:
    accounts_of(client).add_user("ani", "viewer", PASSWORD)
    accounts_of(client).add_user("budi", "viewer", PASSWORD)

    def attempt(name: str, password: str) -> int:
        return sign_in_with_form(client, name, password)

    assert [attempt("ani", "tebak-tebakan-salah") for _ in range(5)] == [401] * 5
    assert attempt("ani", PASSWORD) == 429  # blocked: the password is not even checked
    assert (None, "login.blocked", "ani") in audit_actions(client)
    assert client.get("/api/me").status_code == 401
    assert attempt("budi", PASSWORD) == 303  # other names are not affected


def test_a_sign_in_form_without_its_own_token_is_refused(client: TestClient) -> None:
    accounts_of(client).add_user("ani", "viewer", PASSWORD)
    response = client.post("/masuk", data={"name": "ani", "password": PASSWORD})
    assert response.status_code == 403
    assert client.get("/api/me").status_code == 401


def test_a_forged_form_post_is_refused_with_403(client: TestClient) -> None:
    accounts_of(client).add_user("ani", "viewer", PASSWORD)
    log_in(client, "ani", PASSWORD)
    token = csrf_of(client)
    # the session cookie alone, as a page on another site would send it
    forged = client.post("/preseden", data={"teks": "kerahasiaan"})
    assert forged.status_code == 403
    # a page's form gets a page in the UI's language, not the API's JSON
    assert forged.headers["content-type"].startswith("text/html")
    assert "Formulir tidak diterima" in forged.text
    assert "Tidak ada yang disimpan" in forged.text
    wrong = client.post("/preseden", data={"teks": "kerahasiaan", "csrf_token": "x" * 43})
    assert wrong.status_code == 403
    foreign = client.post(
        "/preseden",
        data={"teks": "kerahasiaan", "csrf_token": token},
        headers={"Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403
    assert client.post("/keluar", follow_redirects=False).status_code == 403
    ours = client.post("/preseden", data={"teks": "kerahasiaan", "csrf_token": token})
    assert ours.status_code == 200


def test_a_fetch_without_the_csrf_header_is_refused(client: TestClient) -> None:
    accounts_of(client).add_user("ani", "editor", PASSWORD)
    log_in(client, "ani", PASSWORD)
    token = csrf_of(client)
    data = PDF.read_bytes()
    refused = client.post("/api/agreements", files={"file": (PDF.name, data)})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "csrf_rejected"
    assert client.get("/api/health").json()["agreements"] == 0
    stored = client.post(
        "/api/agreements", files={"file": (PDF.name, data)}, headers={"X-CSRF-Token": token}
    )
    assert stored.status_code == 201
    agreement_id = stored.json()["id"]
    assert client.delete(f"/api/agreements/{agreement_id}").status_code == 403
    assert (
        client.patch(
            f"/api/agreements/{agreement_id}", json={"title": "x"}, headers={"X-CSRF-Token": "no"}
        ).status_code
        == 403
    )


def test_an_api_token_needs_no_csrf_and_a_revoked_token_fails(client: TestClient) -> None:
    token = sign_in(client, "editor", name="skrip")
    assert client.get("/api/me").json()["via"] == "token"
    assert (
        client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())}).status_code
        == 201
    )
    prefix = token.split("_")[1]
    listed = client.get("/token")
    assert prefix in listed.text
    assert token not in listed.text  # shown once, when made; never listed
    accounts_of(client).revoke_token(prefix, by=None)
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert client.get("/cari", follow_redirects=False).status_code == 401  # no fallback to pages


def test_the_token_page_shows_a_new_token_once_and_revokes_it(client: TestClient) -> None:
    accounts_of(client).add_user("ani", "viewer", PASSWORD)
    log_in(client, "ani", PASSWORD)
    csrf = csrf_of(client)
    made = client.post("/token", data={"name": "laporan", "csrf_token": csrf})
    token = re.search(r'id="new-token" class="token">([^<]+)<', made.text)
    assert token
    assert made.headers["cache-control"] == "no-store"
    assert token[1] not in client.get("/token").text
    script = other_client(client)  # a script beside the signed-in browser
    script.headers["Authorization"] = f"Bearer {token[1]}"
    assert script.get("/api/search").status_code == 200
    prefix = token[1].split("_")[1]
    assert client.post(f"/token/{prefix}/cabut", data={"csrf_token": csrf}).status_code == 200
    assert script.get("/api/search").status_code == 401
    assert ("ani", "token.revoke", prefix) in audit_actions(client)


def test_the_setup_link_makes_the_first_admin_once(client: TestClient) -> None:
    secret = accounts_of(client).make_setup_link(minutes=5)
    form = client.get(f"/siapkan?token={secret}")
    assert form.status_code == 200
    # the secret link stays out of other sites' logs, and the form's own POST keeps its Origin
    assert form.headers["referrer-policy"] == "same-origin"
    fields = {"token": secret, "name": "admin", "password": PASSWORD, "password_again": PASSWORD}
    differ = client.post("/siapkan", data={**fields, "password_again": PASSWORD + "x"})
    assert differ.status_code == 422
    assert "Kedua kata sandi tidak sama" in differ.text
    short = client.post(
        "/siapkan", data={**fields, "password": "pendek", "password_again": "pendek"}
    )
    assert short.status_code == 422
    assert "Kata sandi terlalu pendek. Gunakan minimal 10 karakter." in short.text
    # what a browser sends under `no-referrer`: refused, as an Indonesian page
    null_origin = client.post("/siapkan", data=fields, headers={"Origin": "null"})
    assert null_origin.status_code == 403
    assert "Formulir tidak diterima" in null_origin.text
    assert not accounts_of(client).has_users()
    made = client.post(
        "/siapkan", data=fields, headers={"Origin": "http://testserver"}, follow_redirects=False
    )
    assert made.status_code == 303
    assert client.get("/api/me").json()["role"] == "admin"
    other = other_client(client)
    again = other.post("/siapkan", data={**fields, "name": "penyusup"})
    assert again.status_code == 410
    assert other.get(f"/siapkan?token={secret}").status_code == 410
    assert [u.name for u, _ in accounts_of(client).users()] == ["admin"]


def test_an_expired_or_wrong_setup_link_makes_no_one(client: TestClient) -> None:
    accounts_of(client).make_setup_link(minutes=-1)
    fields = {"name": "admin", "password": PASSWORD, "password_again": PASSWORD}
    assert client.post("/siapkan", data={**fields, "token": "tebakan"}).status_code == 410
    assert not accounts_of(client).has_users()


def test_changes_are_audited_with_the_user_and_corrections_name_them(client: TestClient) -> None:
    sign_in(client, "editor", name="Ni Luh Ayu")
    stored = client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())}).json()
    client.patch(f"/api/agreements/{stored['id']}", json={"title": "PKS Louis Alain"})
    assert "Ni Luh Ayu" in client.get(f"/naskah/{stored['id']}").text
    assert client.delete(f"/api/agreements/{stored['id']}").status_code == 204
    sign_in(client, "admin")
    page = client.get("/api/audit", params={"action": ["upload", "correct", "delete"]}).json()
    assert [(i["actor"], i["action"]) for i in page["items"]] == [
        ("Ni Luh Ayu", "delete"),
        ("Ni Luh Ayu", "correct"),
        ("Ni Luh Ayu", "upload"),
    ]
    assert page["items"][0]["target"] == stored["id"]
    assert "Ni Luh Ayu" in client.get("/audit").text


def test_the_last_admin_cannot_be_demoted(client: TestClient) -> None:
    accounts_of(client).add_user("admin", "admin", PASSWORD)
    log_in(client, "admin", PASSWORD)
    response = client.post(
        "/pengguna/admin", data={"role": "viewer", "csrf_token": csrf_of(client)}
    )
    assert response.status_code == 422
    assert client.get("/api/me").json()["role"] == "admin"


def test_user_add_and_token_create_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NASKAH_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "Kadek", "--role", "admin", "--password-stdin"]) == 0
    assert main(["token", "create", "Kadek", "--name", "cadangan"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["user", "add", "kadek2", "--role", "viewer", "--password-stdin"]) == 2  # short
    with TestClient(create_app(Settings(data_dir=tmp_path, meili_url=None))) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        assert client.get("/api/me").json() == {"name": "Kadek", "role": "admin", "via": "token"}
        assert main(["token", "revoke", token]) == 0
        assert client.get("/api/me").status_code == 401


def test_every_audit_action_has_words_in_both_languages() -> None:
    import json

    import search_api.routers  # noqa: F401  (the routes declare their access as they are made)
    from search_api.http import DECLARED, WEB_DIR

    root = Path(__file__).resolve().parents[3] / "search_api"
    written = {
        code
        for source in root.rglob("*.py")
        for code in re.findall(r"\.audit\(\s*[^,()]+,\s*\"([a-z_.]+)\"", source.read_text())
    }
    codes = written | {a.audit for a in DECLARED.values() if a.audit}
    assert {"login.failed", "password.change", "synonyms.change", "job.cancel"} <= codes
    for lang in ("id", "en"):
        strings = json.loads((WEB_DIR / "static" / "i18n" / f"{lang}.json").read_text())
        assert sorted(c for c in codes if f"audit.action.{c}" not in strings) == [], lang


def test_the_audit_page_names_actions_in_words(client: TestClient) -> None:
    sign_in(client, "admin")
    accounts_of(client).add_user("ani", "viewer", PASSWORD)
    assert sign_in_with_form(TestClient(client.app), "ani", "salah-salah-salah") == 401
    page = client.get("/audit").text
    assert 'Gagal masuk <code class="muted">login.failed</code>' in page
    assert "Signed in" in client.get("/audit?lang=en").text


def test_a_credential_is_remembered_briefly_and_forgotten_on_any_change(tmp_path: Path) -> None:
    """The request path asks `remembered` first (no store, no thread). A revocation, by this
    process or by another one sharing the data folder (the command line), ends it at once."""
    from search_api.accounts import Accounts
    from search_api.store.db import Store

    store = Store.open(f"sqlite:///{tmp_path / 'naskah.db'}")
    try:
        served = Accounts(store, data_dir=tmp_path)
        command_line = Accounts(store, data_dir=tmp_path)
        served.add_user("ani", "editor", PASSWORD)
        token, prefix = served.create_token("ani")
        assert served.remembered("token", token) is None  # never accepted yet
        assert served.token_identity(token) is not None
        assert served.remembered("token", token) is not None
        command_line.revoke_token(prefix, by=None)
        assert served.remembered("token", token) is None
        assert served.token_identity(token) is None

        token, prefix = served.create_token("ani")
        assert served.token_identity(token) is not None
        served.change_user("ani", is_active=False)
        assert served.remembered("token", token) is None
    finally:
        store.close()


def test_without_a_shared_folder_another_process_is_obeyed_within_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from search_api.accounts import Accounts
    from search_api.accounts.credentials import REMEMBER_SECONDS
    from search_api.store.db import Store

    store = Store.open(f"sqlite:///{tmp_path / 'naskah.db'}")
    try:
        served = Accounts(store)
        elsewhere = Accounts(store)
        served.add_user("ani", "editor", PASSWORD)
        token, prefix = served.create_token("ani")
        assert served.token_identity(token) is not None
        elsewhere.revoke_token(prefix, by=None)
        assert served.remembered("token", token) is not None  # not told
        later = time.monotonic() + REMEMBER_SECONDS + 0.01
        monkeypatch.setattr(time, "monotonic", lambda: later)
        assert served.remembered("token", token) is None
    finally:
        store.close()
