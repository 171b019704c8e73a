"""Who may call which route, declared where the route is declared, and applied before the
body is read.

A route says who may call it with `dependencies=[allow("editor", audit="upload")]` on a
router whose `route_class` is GuardedRoute: the least role (or PUBLIC), and for a route that
changes data the audit action written once it answers 2xx. A route that declares nothing
answers 403 to everyone (and tests/search_api/http/test_access.py fails), so a new route is
closed until someone decides who may call it. GuardedRoute checks before FastAPI reads the
body: an anonymous upload is refused before a byte of it is parsed.

Browser sessions (cookie) must also prove each state-changing request came from our own pages:
the session's CSRF token in the X-CSRF-Token header (fetch/XHR) or in the `csrf_token` field
of a urlencoded form, and no foreign Origin. API tokens (Authorization: Bearer) need neither.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import parse_qs, quote, urlsplit

import anyio.to_thread
from fastapi import Depends
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect, Request, cookie_parser
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import Scope

from search_api.accounts import Accounts, Identity, Role
from search_api.errors import (
    CsrfRejected,
    Forbidden,
    NotAuthenticated,
    error_body,
    error_values,
)

log = logging.getLogger(__name__)

Rule = Role | Literal["public"]
PUBLIC: Final = "public"
SESSION_COOKIE = "naskah_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_FORM_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Access:
    """Who may call a route (the least role, or public) and, for a route that changes data,
    the audit action written when it answers 2xx. Declared on the route with `allow`."""

    rule: Rule
    audit: str | None = None

    def __call__(self) -> None:
        """As a dependency it does nothing: GuardedRoute applies it before the body is read."""


def allow(rule: Rule, *, audit: str | None = None) -> Any:
    """`dependencies=[allow("editor", audit="upload")]` on a route of a router whose
    route_class is GuardedRoute: the least role that may call it (PUBLIC: anyone), and the
    audit action of its changes."""
    return Depends(Access(rule, audit))


# (method, path template) -> the access its route declares, for every GuardedRoute made:
# what the pages offer (rendering.may) and the access tests read. Filled as routes are made.
DECLARED: dict[tuple[str, str], Access] = {}


class GuardedRoute(APIRoute):
    """An API route that applies its declared Access before FastAPI reads the body: identify
    the caller (session cookie or bearer token), refuse by role, check CSRF for browser
    sessions, and audit a 2xx change. A route that declares none answers 403 to everyone."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        # read before APIRoute's __init__, which builds the handler (get_route_handler)
        declared = [
            d.dependency
            for d in kwargs.get("dependencies") or ()
            if isinstance(d.dependency, Access)
        ]
        if len(declared) > 1:
            raise ValueError(f"route {path} declares its access {len(declared)} times")
        self.access: Access | None = declared[0] if declared else None
        super().__init__(path, endpoint, **kwargs)
        if self.access is not None:
            for method in self.methods or ():
                DECLARED[(method, self.path)] = self.access

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        access, path = self.access, self.path_format

        async def guarded(request: Request) -> Response:
            refusal = await admit(request, path, access)
            if refusal is not None:
                return refusal
            response = await handler(request)
            if access is not None and access.audit and 200 <= response.status_code < 300:
                await _audit(request, access.audit, response)
            return response

        return guarded


def rule_for(method: str, path: str) -> Rule | None:
    """The rule the route `method path` (a path template) declares; None if it has none."""
    found = DECLARED.get(("GET" if method == "HEAD" else method, path))
    return found.rule if found is not None else None


@dataclass(frozen=True, slots=True)
class RefusalPages:
    """The pages a browser gets instead of JSON (http/rendering.py; set on app.state)."""

    forbidden: Callable[[Request, str], Response]
    refused_form: Callable[[Request], Response]


async def admit(request: Request, path: str, access: Access | None) -> Response | None:
    """None if the caller may go on (its identity is then on the request's state), else the
    refusal to send."""
    app_state = request.app.state
    accounts: Accounts = app_state.accounts
    pages: RefusalPages = app_state.refusal_pages
    method = request.method
    headers = request.headers
    identity, bearer_failed = remembered(accounts, headers), False
    if identity is None:
        identity, bearer_failed = await anyio.to_thread.run_sync(identify, accounts, headers)
    request.scope.setdefault("state", {})["identity"] = identity

    def refused(response: Response) -> Response:
        if method not in SAFE_METHODS:
            # the body is not read: close, or the server would read (and drop) all of it
            response.headers["Connection"] = "close"
        return response

    if access is None:
        log.warning("access path=%s method=%s has no rule: refused", path, method)
        return refused(_json(403, "no_access_rule", "this route has no access rule yet."))
    if access.rule != PUBLIC:
        if identity is None:
            return refused(_unauthenticated(request, bearer_failed))
        if not identity.user.can(access.rule):
            return refused(_forbidden(request, pages, identity, access.rule))
    if method not in SAFE_METHODS and (identity is None or identity.via == "session"):
        foreign = foreign_origin(headers, request.scope)
        if foreign:
            log.info("access path=%s csrf=%s", path, foreign)
            return refused(_csrf_rejected(request, pages, foreign))
        if identity is not None:
            problem = await csrf_problem(identity, request)
            if problem:
                log.info("access path=%s csrf=%s", path, problem)
                return refused(_csrf_rejected(request, pages, problem))
    return None


async def _audit(request: Request, action: str, response: Response) -> None:
    identity = identity_of(request)
    if identity is None:
        return
    # the agreement (and clause) a route names, else what it made (an upload, a job)
    params = {k: str(v) for k, v in request.path_params.items()}
    named = " ".join(params.values())
    location = response.headers.get("location", "")
    target = named if "agreement_id" in params else location or named
    accounts: Accounts = request.app.state.accounts
    status = response.status_code
    client = client_of(request.scope)
    await anyio.to_thread.run_sync(
        lambda: accounts.audit(identity.user.name, action, target, f"HTTP {status}", client)
    )


def identity_of(request: Request) -> Identity | None:
    """Who sent the request (set by Guard); None for anonymous requests to public routes."""
    identity: Identity | None = request.scope.get("state", {}).get("identity")
    return identity


def client_of(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else ""


def _unauthenticated(request: Request, bearer_failed: bool) -> Response:
    if request.method == "GET" and is_page(request.url.path) and not bearer_failed:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/masuk?next={quote(target, safe='')}", status_code=303)
    return _error(NotAuthenticated(), 401, {"WWW-Authenticate": "Bearer"})


def _csrf_rejected(request: Request, pages: RefusalPages, problem: str) -> Response:
    """A page's form gets a page in the UI's language; scripts get the JSON error."""
    if is_page(request.url.path):
        return pages.refused_form(request)
    return _error(CsrfRejected(problem), 403)


def _forbidden(request: Request, pages: RefusalPages, identity: Identity, needed: str) -> Response:
    if request.method == "GET" and is_page(request.url.path):
        return pages.forbidden(request, needed)
    return _error(Forbidden(identity.user.name, identity.user.role, needed), 403)


def is_page(path: str) -> bool:
    return not (path.startswith("/api/") or path == "/openapi.json")


def credential(headers: Headers) -> tuple[Literal["session", "token"], str] | None:
    """The credential a request carries. A bearer token wins over a cookie; a refused one never
    falls back to the cookie."""
    authorization = headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token", token.strip()
    cookie = _cookie(headers, SESSION_COOKIE)
    if cookie:
        return "session", cookie
    return None


def remembered(accounts: Accounts, headers: Headers) -> Identity | None:
    """The identity of a credential accepted a moment ago (on the event loop: no store)."""
    found = credential(headers)
    return accounts.remembered(*found) if found else None


def identify(accounts: Accounts, headers: Headers) -> tuple[Identity | None, bool]:
    """(identity, whether a bearer token was sent and refused), asking the store."""
    found = credential(headers)
    if found is None:
        return None, False
    via, secret = found
    if via == "token":
        identity = accounts.token_identity(secret)
        return identity, identity is None
    return accounts.session_identity(secret), False


def _cookie(headers: Headers, name: str) -> str | None:
    return cookie_parser(headers.get("cookie", "")).get(name) or None


def foreign_origin(headers: Headers, scope: Scope) -> str | None:
    """Why a browser request comes from another site, or None. Origin (else Referer) must name
    this host; Sec-Fetch-Site must not say cross-site."""
    if headers.get("sec-fetch-site") == "cross-site":
        return "it was sent from another site"
    host = headers.get("host", "")
    origin = headers.get("origin")
    if origin is not None:
        if origin == "null" or urlsplit(origin).netloc != host:
            return f"it was sent from another origin ({origin[:100]})"
        return None
    referer = headers.get("referer")
    if referer and urlsplit(referer).netloc != host:
        return "it was sent from another site"
    return None


async def csrf_problem(identity: Identity, request: Request) -> str | None:
    """What is wrong with the request's CSRF proof, or None. A urlencoded form is read here
    to find its `csrf_token` field (the request keeps the body for the route); other bodies
    need the header."""
    expected = identity.csrf_token or ""
    sent = request.headers.get(CSRF_HEADER)
    if sent is not None:
        ok = bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())
        return None if ok else "the CSRF token is wrong"
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return "the CSRF token header is missing"
    body = b""
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                return "the form is too large"
    except ClientDisconnect:
        return "the request ended early"
    request._body = body  # the route reads the form from it (Starlette's own cache)
    fields = parse_qs(body.decode("latin-1"), keep_blank_values=True)
    sent_field = (fields.get(CSRF_FIELD) or [""])[0]
    ok = bool(expected) and hmac.compare_digest(sent_field.encode("latin-1"), expected.encode())
    return None if ok else "the form's CSRF token is missing or wrong"


def _error(error: Exception, status: int, headers: dict[str, str] | None = None) -> Response:
    code = getattr(error, "code", "error")
    body = error_body(code, str(error), error_values(error))
    return JSONResponse(body, status_code=status, headers=headers)


def _json(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)
