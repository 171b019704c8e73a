"""Signing tests in the way a person or script would: a real user with a real API token.

No switch in the app turns the checks off; these helpers make the account through the same
`Accounts` (in-process) or `naskah user add` / `naskah token create` (a served app) an operator
uses, and send the token as `Authorization: Bearer`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from search_api.accounts import Accounts, Role
from search_api.app import create_app
from search_api.settings import Settings

PASSWORD = "kata-sandi-uji-coba"


def sign_in(client: TestClient, role: Role = "admin", *, name: str | None = None) -> str:
    """Make (or reuse) the user `name` with `role`, give `client` a new API token of it, and
    return the token. Call inside `with TestClient(...)`: the lifespan opens the store."""
    accounts: Accounts = client.app.state.accounts  # type: ignore[attr-defined]
    name = name or f"uji-{role}"
    if name not in {user.name for user, _ in accounts.users()}:
        accounts.add_user(name, role, PASSWORD)
    token, _ = accounts.create_token(name, "tests")
    client.headers["Authorization"] = f"Bearer {token}"
    return token


@contextmanager
def signed_in_client(settings: Settings, role: Role = "admin") -> Iterator[TestClient]:
    """`with TestClient(create_app(settings)) as client`, signed in as a user with `role`."""
    with TestClient(create_app(settings)) as client:
        sign_in(client, role)
        yield client


def naskah(env: Mapping[str, str], *args: str, stdin: str | None = None) -> str:
    """Run the `naskah` command line with `env` (NASKAH_DATA_DIR...); its standard output."""
    naskah_bin = Path(sys.executable).with_name("naskah")
    command = [str(naskah_bin)] if naskah_bin.exists() else [sys.executable, "-m", "search_api.cli"]
    done = subprocess.run(
        [*command, *args], env=dict(env), input=stdin, capture_output=True, text=True, check=True
    )
    return done.stdout


def served_token(env: Mapping[str, str], role: Role = "admin", name: str | None = None) -> str:
    """A user and an API token made with the command line, for a `naskah serve` over `env`."""
    name = name or f"uji-{role}"
    naskah(env, "user", "add", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")
    return naskah(env, "token", "create", name, "--name", "tests").strip()


def accounts_of(client: TestClient) -> Accounts:
    """The accounts of the app a TestClient runs."""
    accounts: Accounts = client.app.state.accounts  # type: ignore[attr-defined]
    return accounts


def sign_in_with_form(client: TestClient, name: str, password: str) -> int:
    """Sign in through the /masuk form as a browser does; the answer's status (303 if it worked)."""
    form = client.get("/masuk")
    login_token = re.search(r'name="login_token" value="([^"]+)"', form.text)
    assert login_token, form.text
    data = {"name": name, "password": password, "login_token": login_token[1], "next": "/cari"}
    status: int = client.post("/masuk", data=data, follow_redirects=False).status_code
    return status


def csrf_of(client: TestClient, path: str = "/cari") -> str:
    """The CSRF token a page gives the signed-in browser."""
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get(path).text)
    assert found
    return found[1]
