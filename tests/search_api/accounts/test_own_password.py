"""Changing one's own password through real HTTP: the /sandi page and POST /api/me/password."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.accounts.credentials import LOCKOUT_FAILURES
from search_api.app import create_app
from search_api.errors import PasswordNotChanged
from search_api.http import WEB_DIR
from search_api.settings import Settings
from tests.auth import PASSWORD, accounts_of, csrf_of, sign_in, sign_in_with_form

NEW = "sandi-baru-yang-panjang"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path, meili_url=None))) as client:
        yield client


def browser(client: TestClient) -> TestClient:
    """Another browser on the same running app, with cookies of its own."""
    return TestClient(client.app)


def log_in(client: TestClient, name: str, password: str) -> int:
    """Sign in through /masuk; the status of the answer (303 when it worked)."""
    return sign_in_with_form(client, name, password)


def change(
    client: TestClient, current: str, new: str, again: str | None = None, *, csrf: bool = True
) -> tuple[int, str]:
    data = {"current": current, "new": new, "new_again": new if again is None else again}
    if csrf:
        data["csrf_token"] = csrf_of(client)
    response = client.post("/sandi", data=data, follow_redirects=False)
    return response.status_code, response.text


def signed_in(client: TestClient) -> bool:
    return bool(client.get("/api/me").status_code == 200)


def audit_entries(client: TestClient) -> list[tuple[str | None, str, str, str]]:
    entries = accounts_of(client).audit_log(limit=100)[1]
    return [(e.actor, e.action, e.target, e.detail) for e in entries]


@pytest.fixture
def ani(client: TestClient) -> TestClient:
    """`client` signed in as the viewer ani in a browser session."""
    accounts_of(client).add_user("ani", "viewer", PASSWORD)
    assert log_in(client, "ani", PASSWORD) == 303
    return client


def test_the_header_links_to_the_password_page(ani: TestClient) -> None:
    page = ani.get("/cari").text
    assert '<a href="/sandi">Ganti sandi</a>' in page
    form = ani.get("/sandi")
    assert form.status_code == 200
    assert form.headers["cache-control"] == "no-store"
    assert 'name="current" type="password"' in form.text


def test_a_changed_password_signs_in_and_the_old_one_no_longer_does(ani: TestClient) -> None:
    status, _ = change(ani, PASSWORD, NEW)
    assert status == 303
    done = ani.get("/sandi?diganti=1")
    assert "Kata sandi Anda sudah diganti" in done.text
    assert ani.get("/api/me").json() == {"name": "ani", "role": "viewer", "via": "session"}
    assert log_in(browser(ani), "ani", PASSWORD) == 401
    assert log_in(browser(ani), "ani", NEW) == 303


def test_other_sessions_end_this_one_gets_a_new_cookie_and_tokens_stay(
    ani: TestClient,
) -> None:
    phone = browser(ani)
    assert log_in(phone, "ani", PASSWORD) == 303
    old_cookie = ani.cookies["naskah_session"]
    script = browser(ani)
    token, _ = accounts_of(ani).create_token("ani", "laporan")
    script.headers["Authorization"] = f"Bearer {token}"

    assert change(ani, PASSWORD, NEW)[0] == 303

    assert not signed_in(phone)
    assert ani.cookies["naskah_session"] != old_cookie
    assert signed_in(ani)
    stolen = browser(ani)  # a copy of the cookie from before the change
    stolen.cookies.set("naskah_session", old_cookie)
    assert not signed_in(stolen)
    assert script.get("/api/me").json()["via"] == "token"


@pytest.mark.parametrize(
    "current,new,again,message",
    [
        ("salah-sekali-bukan-ini", NEW, None, "Kata sandi sekarang salah"),
        (PASSWORD, NEW, NEW + "x", "Kedua isian kata sandi baru tidak sama"),
        (PASSWORD, "pendek", None, "Kata sandi baru terlalu pendek"),
        (PASSWORD, PASSWORD, None, "Kata sandi baru sama dengan kata sandi sekarang"),
    ],
    ids=["wrong_current", "mismatch", "too_short", "unchanged"],
)
def test_a_refused_change_says_why_and_changes_nothing(
    ani: TestClient, current: str, new: str, again: str | None, message: str
) -> None:
    phone = browser(ani)
    assert log_in(phone, "ani", PASSWORD) == 303
    status, page = change(ani, current, new, again)
    assert status == 422
    assert message in page
    for secret in {current, new, again or new} - {"pendek"}:
        assert secret not in page  # nothing typed comes back (only "pendek" is a common word)
    assert signed_in(ani) and signed_in(phone)
    assert log_in(browser(ani), "ani", PASSWORD) == 303
    assert not any(action == "password.change" for _, action, _, _ in audit_entries(ani))


def test_wrong_current_passwords_count_toward_the_sign_in_lockout(ani: TestClient) -> None:
    for _ in range(LOCKOUT_FAILURES):
        assert change(ani, "tebak-tebakan-salah", NEW)[0] == 422
    assert ("ani", "login.failed", "ani") in [e[:3] for e in audit_entries(ani)]
    status, page = change(ani, PASSWORD, NEW)  # the right one, but the name is locked now
    assert status == 429
    assert "Terlalu banyak kata sandi salah" in page
    assert log_in(browser(ani), "ani", PASSWORD) == 429  # sign-in is locked too
    assert log_in(browser(ani), "ani", NEW) == 429
    assert accounts_of(ani).authenticate("ani", PASSWORD) is not None  # unchanged


def test_a_change_without_the_csrf_token_is_refused(ani: TestClient) -> None:
    status, _ = change(ani, PASSWORD, NEW, csrf=False)
    assert status == 403
    assert accounts_of(ani).authenticate("ani", PASSWORD) is not None
    assert accounts_of(ani).authenticate("ani", NEW) is None


def test_the_change_is_audited_without_any_password(ani: TestClient) -> None:
    change(ani, "salah-sekali-bukan-ini", NEW)
    change(ani, PASSWORD, NEW)
    entries = audit_entries(ani)
    assert ("ani", "password.change", "ani", "via=session") in entries
    text = json.dumps(entries)
    assert PASSWORD not in text and NEW not in text and "salah-sekali" not in text


def test_the_api_changes_the_password_of_a_token_user(client: TestClient) -> None:
    sign_in(client, "editor", name="skrip")
    phone = browser(client)
    assert log_in(phone, "skrip", PASSWORD) == 303
    response = client.post("/api/me/password", json={"current": PASSWORD, "new": NEW})
    assert response.status_code == 204
    assert "set-cookie" not in response.headers  # no session to renew for a token
    assert signed_in(client)  # the token still works
    assert not signed_in(phone)
    assert log_in(browser(client), "skrip", NEW) == 303
    assert ("skrip", "password.change", "skrip", "via=token") in audit_entries(client)


def test_the_api_refuses_a_wrong_or_weak_password_with_its_code(client: TestClient) -> None:
    sign_in(client, "viewer", name="skrip")
    wrong = client.post("/api/me/password", json={"current": "bukan-sandinya", "new": NEW})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["code"] == "password_not_changed"
    assert "current password is wrong" in wrong.json()["error"]["message"]
    short = client.post("/api/me/password", json={"current": PASSWORD, "new": "pendek"})
    assert short.status_code == 422
    assert "at least 10 characters" in short.json()["error"]["message"]
    for _ in range(LOCKOUT_FAILURES - 1):
        client.post("/api/me/password", json={"current": "bukan-sandinya", "new": NEW})
    blocked = client.post("/api/me/password", json={"current": PASSWORD, "new": NEW})
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "password_change_blocked"
    assert accounts_of(client).authenticate("skrip", PASSWORD) is not None


def test_a_browser_session_needs_the_csrf_header_for_the_api_and_keeps_signed_in(
    ani: TestClient,
) -> None:
    body = {"current": PASSWORD, "new": NEW}
    assert ani.post("/api/me/password", json=body).status_code == 403
    csrf = csrf_of(ani)
    done = ani.post("/api/me/password", json=body, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 204
    assert signed_in(ani)  # on the new cookie the answer set
    assert csrf_of(ani) != csrf


def test_every_password_text_is_in_both_languages() -> None:
    keys = {
        lang: {k for k in json.loads((WEB_DIR / f"static/i18n/{lang}.json").read_text()) if k}
        for lang in ("id", "en")
    }
    assert keys["id"] == keys["en"]
    assert {f"password.problem.{p}" for p in PasswordNotChanged.PROBLEMS} <= keys["id"]
