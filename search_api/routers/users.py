"""Signing in and out, the first admin's setup link, users and API tokens (the audit log is
routers/audit_log.py).

Who may open each of these is declared on its route (`allow`), like every other route.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search_api.accounts import ROLES, Accounts, User
from search_api.errors import (
    AccountNotFound,
    InvalidAccount,
    PasswordChangeBlocked,
    PasswordNotChanged,
    status_for,
)
from search_api.http import (
    PUBLIC,
    SESSION_COOKIE,
    AccountsDep,
    GuardedRoute,
    Me,
    PasswordChange,
    SettingsDep,
    Translator,
    UserDep,
    allow,
    client_of,
    identity_of,
    lang_of,
    render,
)
from search_api.settings import Settings

router = APIRouter(route_class=GuardedRoute, tags=["accounts"])

LOGIN_COOKIE = "naskah_login"  # double-submit token of the sign-in form (no session yet)
NO_STORE = {"Cache-Control": "no-store"}


def safe_next(target: str | None) -> str:
    """Only a path on this site: never //host or /\\host, which browsers read as another site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/cari"
    return target


def _is_secure(request: Request, settings: Settings) -> bool:
    if settings.cookie_secure is not None:
        return settings.cookie_secure
    return request.url.scheme == "https"


def _open_session(
    request: Request, accounts: Accounts, settings: Settings, user: User, response: Response
) -> None:
    """A new browser session for `user`, its cookie set on `response`."""
    session = accounts.open_session(user)
    response.set_cookie(
        SESSION_COOKIE,
        session.secret,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=_is_secure(request, settings),
        path="/",
    )


def _sign_in(
    request: Request, accounts: Accounts, settings: Settings, user: User, target: str
) -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    _open_session(request, accounts, settings, user, response)
    response.delete_cookie(LOGIN_COOKIE, path="/masuk")
    return response


# -- signing in and out -------------------------------------------------------------------------


def _login_form(
    request: Request, settings: Settings, target: str, *, error_key: str | None, status: int
) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        {"next": target, "login_token": token, "error_key": error_key},
        status=status,
    )
    response.headers.update(NO_STORE)
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=_is_secure(request, settings),
        path="/masuk",
    )
    return response


@router.get("/masuk", response_class=HTMLResponse, dependencies=[allow(PUBLIC)])
def login_page(
    request: Request, settings: SettingsDep, next: Annotated[str | None, Query()] = None
) -> Response:
    if identity_of(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_form(request, settings, safe_next(next), error_key=None, status=200)


@router.post("/masuk", response_class=HTMLResponse, dependencies=[allow(PUBLIC)])
def sign_in(
    request: Request,
    accounts: AccountsDep,
    settings: SettingsDep,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    login_token: Annotated[str, Form(max_length=64)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/cari",
) -> Response:
    """Sign in with a name and password; every attempt is audited (login.ok, login.failed)."""
    target = safe_next(next)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), login_token.encode()):
        return _login_form(request, settings, target, error_key="login.expired", status=403)
    client = client_of(request.scope)
    if accounts.sign_in_blocked(name):
        accounts.audit(None, "login.blocked", name.strip()[:64], "too many failed sign-ins", client)
        return _login_form(request, settings, target, error_key="login.blocked", status=429)
    user = accounts.authenticate(name, password)
    if user is None:
        accounts.audit(None, "login.failed", name.strip()[:64], "wrong name or password", client)
        return _login_form(request, settings, target, error_key="login.failed", status=401)
    accounts.audit(user.name, "login.ok", user.name, "", client)
    return _sign_in(request, accounts, settings, user, target)


@router.post("/keluar", dependencies=[allow("viewer")])
def sign_out(request: Request, accounts: AccountsDep, user: UserDep) -> RedirectResponse:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        accounts.close_session(secret)
    accounts.audit(user.name, "logout", user.name, "", client_of(request.scope))
    response = RedirectResponse("/masuk", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# -- one's own password ------------------------------------------------------------------------


def _change_own_password(
    request: Request,
    accounts: Accounts,
    settings: Settings,
    user: User,
    current: str,
    new: str,
    response: Response,
) -> None:
    """Change the caller's password and audit it. Every session of the user ends; a browser
    that made the change gets a fresh session on `response`, so it stays signed in while a
    copy of its old cookie stops working. Raises PasswordNotChanged (PasswordChangeBlocked)."""
    client = client_of(request.scope)
    try:
        accounts.change_own_password(user, current, new)
    except PasswordChangeBlocked:
        accounts.audit(
            user.name, "login.blocked", user.name, "too many failed sign-ins (password)", client
        )
        raise
    except PasswordNotChanged as exc:
        if exc.problem == "wrong_current":
            # the same entry a wrong sign-in makes: guesses here count toward its lockout
            accounts.audit(
                user.name, "login.failed", user.name, "wrong current password (password)", client
            )
        raise
    identity = identity_of(request)
    via = identity.via if identity else "token"
    accounts.audit(user.name, "password.change", user.name, f"via={via}", client)
    if via == "session":
        _open_session(request, accounts, settings, user, response)


def _password_form(
    request: Request, *, problem: str | None = None, status: int = 200
) -> HTMLResponse:
    response = render(
        request,
        "password.html",
        {"problem": problem, "changed": request.query_params.get("diganti") == "1"},
        status=status,
    )
    response.headers.update(NO_STORE)
    return response


@router.get("/sandi", response_class=HTMLResponse, dependencies=[allow("viewer")])
def password_page(request: Request) -> HTMLResponse:
    """The form to change one's own password."""
    return _password_form(request)


@router.post("/sandi", response_class=HTMLResponse, dependencies=[allow("viewer")])
def change_password(
    request: Request,
    accounts: AccountsDep,
    settings: SettingsDep,
    user: UserDep,
    current: Annotated[str, Form(max_length=1024)],
    new: Annotated[str, Form(max_length=1024)],
    new_again: Annotated[str, Form(max_length=1024)],
) -> Response:
    """Change one's own password; other sessions end (see _change_own_password)."""
    if new != new_again:
        return _password_form(request, problem="mismatch", status=422)
    response = RedirectResponse("/sandi?diganti=1", status_code=303)
    try:
        _change_own_password(request, accounts, settings, user, current, new, response)
    except PasswordNotChanged as exc:
        return _password_form(request, problem=exc.problem, status=status_for(exc))
    return response


@router.post("/api/me/password", status_code=204, dependencies=[allow("viewer")])
def change_my_password(
    request: Request,
    accounts: AccountsDep,
    settings: SettingsDep,
    user: UserDep,
    change: PasswordChange,
) -> Response:
    """Change your own password: 204 when done, 422 (password_not_changed) or 429 (too many
    wrong passwords) when not. Every browser session of yours ends; with a session cookie the
    answer sets a new one (and a new CSRF token: reload the page). API tokens stay valid."""
    response = Response(status_code=204)
    _change_own_password(request, accounts, settings, user, change.current, change.new, response)
    return response


# The link carries a secret, so other sites must never see it in a Referer; `same-origin` still
# lets the form's own POST carry its Origin (with `no-referrer` Chromium and Firefox send
# `Origin: null`, which the same-origin check must refuse).
SETUP_HEADERS = {**NO_STORE, "Referrer-Policy": "same-origin"}


# -- the first admin ------------------------------------------------------------------------------


@router.get("/siapkan", response_class=HTMLResponse, dependencies=[allow(PUBLIC)])
def setup_page(
    request: Request,
    accounts: AccountsDep,
    token: Annotated[str, Query(max_length=128)] = "",
) -> HTMLResponse:
    """The form for the first admin, behind the link `naskah serve` prints when no user exists."""
    if accounts.has_users() or not token:
        return _setup_closed(request)
    response = render(request, "setup.html", {"token": token, "name": "", "error": None})
    response.headers.update(SETUP_HEADERS)
    return response


@router.post("/siapkan", response_class=HTMLResponse, dependencies=[allow(PUBLIC)])
def create_first_admin(
    request: Request,
    accounts: AccountsDep,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=128)],
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    password_again: Annotated[str, Form(max_length=1024)],
) -> Response:
    if password != password_again:
        return _setup_error(request, token, name, "account.mismatch")
    try:
        user = accounts.use_setup_link(token, name, password)
    except InvalidAccount as exc:
        return _setup_error(request, token, name, exc.key, **exc.values)
    if user is None:
        return _setup_closed(request)
    accounts.audit(
        user.name, "user.add", user.name, "first admin (setup link)", client_of(request.scope)
    )
    return _sign_in(request, accounts, settings, user, "/cari")


def _setup_error(
    request: Request, token: str, name: str, key: str, **values: object
) -> HTMLResponse:
    error = Translator(lang_of(request))(key, **values)
    context = {"token": token, "name": name, "error": error}
    response = render(request, "setup.html", context, status=422)
    response.headers.update(SETUP_HEADERS)
    return response


def _setup_closed(request: Request) -> HTMLResponse:
    return render(request, "setup_closed.html", {}, status=410)


def _said(request: Request, exc: InvalidAccount | AccountNotFound) -> str:
    """The refusal in the page's language (the exception's own message is English)."""
    t = Translator(lang_of(request))
    if isinstance(exc, InvalidAccount):
        return t(exc.key, **exc.values)
    return t("account.not_found")


# -- users (admins) ----------------------------------------------------------------------------------


@router.get("/pengguna", response_class=HTMLResponse, dependencies=[allow("admin")])
def users_page(request: Request, accounts: AccountsDep) -> HTMLResponse:
    return _users(request, accounts, notice=None, error=None)


def _users(
    request: Request,
    accounts: Accounts,
    *,
    notice: str | None,
    error: str | None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "users.html",
        {"users": accounts.users(), "roles": ROLES, "notice": notice, "error": error},
        status=status,
    )


@router.post("/pengguna", response_class=HTMLResponse, dependencies=[allow("admin")])
def add_user(
    request: Request,
    accounts: AccountsDep,
    user: UserDep,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=16)],
    password: Annotated[str, Form(max_length=1024)],
) -> HTMLResponse:
    try:
        added = accounts.add_user(name, role, password)
    except InvalidAccount as exc:
        return _users(request, accounts, notice=None, error=_said(request, exc), status=422)
    accounts.audit(
        user.name, "user.add", added.name, f"role={added.role}", client_of(request.scope)
    )
    return _users(request, accounts, notice=added.name, error=None)


@router.post("/pengguna/{name}", response_class=HTMLResponse, dependencies=[allow("admin")])
def change_user(
    request: Request,
    name: str,
    accounts: AccountsDep,
    user: UserDep,
    role: Annotated[str | None, Form(max_length=16)] = None,
    active: Annotated[Literal["0", "1"] | None, Form()] = None,
    password: Annotated[str | None, Form(max_length=1024)] = None,
) -> HTMLResponse:
    """Change a user's role, disable or enable it, or set a new password (ends its sessions)."""
    new_role = role or None
    is_active = None if active is None else active == "1"
    new_password = password or None
    try:
        changed = accounts.change_user(
            name, role=new_role, is_active=is_active, password=new_password
        )
    except (InvalidAccount, AccountNotFound) as exc:
        return _users(request, accounts, notice=None, error=_said(request, exc), status=422)
    said = {"role": new_role, "active": is_active, "password": "***" if new_password else None}
    detail = " ".join(f"{k}={v}" for k, v in said.items() if v is not None)
    accounts.audit(user.name, "user.change", changed.name, detail, client_of(request.scope))
    return _users(request, accounts, notice=changed.name, error=None)


# -- API tokens ------------------------------------------------------------------------------------


def _tokens(
    request: Request, accounts: Accounts, user: User, *, new_token: str | None = None
) -> HTMLResponse:
    response = render(
        request,
        "tokens.html",
        {
            "tokens": accounts.tokens(None if user.can("admin") else user),
            "new_token": new_token,
            "show_owner": user.can("admin"),
        },
    )
    response.headers.update(NO_STORE)
    return response


@router.get("/token", response_class=HTMLResponse, dependencies=[allow("viewer")])
def tokens_page(request: Request, accounts: AccountsDep, user: UserDep) -> HTMLResponse:
    """Your API tokens (an admin sees everyone's): name, prefix, last use, revoke."""
    return _tokens(request, accounts, user)


@router.post("/token", response_class=HTMLResponse, dependencies=[allow("viewer")])
def create_token(
    request: Request,
    accounts: AccountsDep,
    user: UserDep,
    name: Annotated[str, Form(max_length=64)] = "",
) -> HTMLResponse:
    """A new token of your own, shown on this answer only (it is not kept)."""
    token, prefix = accounts.create_token(user.name, name)
    accounts.audit(user.name, "token.create", prefix, f"user={user.name}", client_of(request.scope))
    return _tokens(request, accounts, user, new_token=token)


@router.post("/token/{prefix}/cabut", dependencies=[allow("viewer")])
def revoke_token(
    request: Request, prefix: str, accounts: AccountsDep, user: UserDep
) -> RedirectResponse:
    record = accounts.revoke_token(prefix, by=user)
    accounts.audit(
        user.name, "token.revoke", prefix, f"user={record.user_name}", client_of(request.scope)
    )
    return RedirectResponse("/token", status_code=303)


# -- who am I ------------------------------------------------------------------------------------


@router.get("/api/me", response_model=Me, dependencies=[allow("viewer")])
def read_me(request: Request, user: UserDep) -> Me:
    identity = identity_of(request)
    return Me(name=user.name, role=user.role, via=identity.via if identity else "token")
