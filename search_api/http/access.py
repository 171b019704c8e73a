"""Who may call which route: the one table of access rules, and the middleware that applies it.

Every route of the app has a rule in RULES, keyed by method and path template. A route without a
rule answers 403 to everyone (and tests/search_api/http/test_access.py fails), so a new route is closed
until someone decides who may call it. The check runs before the body is read: an anonymous
upload is refused before a byte of it is parsed.

Browser sessions (cookie) must also prove each state-changing request came from our own pages:
the session's CSRF token in the X-CSRF-Token header (fetch/XHR) or in the `csrf_token` field
of a urlencoded form, and no foreign Origin. API tokens (Authorization: Bearer) need neither.
Changes to agreements are audited here too, from AUDITED, once the route has answered 2xx.
"""

from __future__ import annotations

import hmac
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import parse_qs, quote, urlsplit

import anyio.to_thread
from starlette.convertors import Convertor
from starlette.datastructures import Headers
from starlette.requests import Request, cookie_parser
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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

# (method, path template) -> the least role that may call it. Keep it sorted by path.
RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/"): "viewer",
    ("GET", "/api/agreements"): "viewer",
    ("POST", "/api/agreements"): "editor",
    ("GET", "/api/agreements/{agreement_id}"): "viewer",
    ("GET", "/api/agreements/{agreement_id}/check"): "viewer",
    ("PATCH", "/api/agreements/{agreement_id}"): "editor",
    ("DELETE", "/api/agreements/{agreement_id}"): "editor",
    ("GET", "/api/agreements/{agreement_id}/file"): "viewer",
    ("GET", "/api/agreements/{agreement_id}/related"): "viewer",
    ("POST", "/api/agreements/{agreement_id}/clauses"): "editor",
    ("PATCH", "/api/agreements/{agreement_id}/clauses/{clause_id}"): "editor",
    ("DELETE", "/api/agreements/{agreement_id}/clauses/{clause_id}"): "editor",
    ("POST", "/api/agreements/{agreement_id}/clauses/{clause_id}/merge"): "editor",
    ("POST", "/api/agreements/{agreement_id}/clauses/{clause_id}/split"): "editor",
    ("POST", "/api/agreements/{agreement_id}/ocr"): "editor",
    ("GET", "/api/agreements/{agreement_id}/review"): "viewer",
    ("GET", "/api/agreements/{agreement_id}/versions"): "viewer",
    ("POST", "/api/agreements/{agreement_id}/versions"): "editor",
    ("GET", "/api/agreements/{agreement_id}/versions/{number}/file"): "viewer",
    ("GET", "/api/audit"): "admin",
    # a check stores nothing: anyone signed in may check a draft, and reads only their own
    ("POST", "/api/check"): "viewer",
    ("GET", "/api/check/rules"): "viewer",
    ("PUT", "/api/check/rules/{rule_id}"): "admin",
    ("GET", "/api/check/{check_id}"): "viewer",
    ("POST", "/api/check/{check_id}/cancel"): "viewer",
    ("GET", "/api/clauses/{clause_id}/similar"): "viewer",
    ("GET", "/api/health"): PUBLIC,
    # jobs carry the names of files being read, stored or not: for those who upload
    ("GET", "/api/jobs"): "editor",
    ("GET", "/api/jobs/{job_id}"): "editor",
    ("POST", "/api/jobs/{job_id}/cancel"): "editor",
    ("GET", "/api/me"): "viewer",
    # one's own password: the current one is checked, wrong ones count toward the lockout
    ("POST", "/api/me/password"): "viewer",
    ("POST", "/api/precedents"): "viewer",
    ("GET", "/api/register"): "viewer",
    ("GET", "/api/register/export"): "viewer",
    ("GET", "/api/search"): "viewer",
    # anyone signed in may see what search treats as the same; admins change it
    ("GET", "/api/synonyms"): "viewer",
    ("PUT", "/api/synonyms"): "admin",
    # deleted agreements: editors see and restore them, admins remove them for good
    ("GET", "/api/trash"): "editor",
    ("DELETE", "/api/trash"): "admin",
    ("DELETE", "/api/trash/{agreement_id}"): "admin",
    ("POST", "/api/trash/{agreement_id}/restore"): "editor",
    ("GET", "/audit"): "admin",
    ("GET", "/cari"): "viewer",
    ("GET", "/daftar"): "viewer",
    ("GET", "/docs"): "viewer",
    ("GET", "/docs/oauth2-redirect"): "viewer",
    ("POST", "/keluar"): "viewer",
    ("GET", "/masuk"): PUBLIC,
    ("POST", "/masuk"): PUBLIC,
    ("GET", "/naskah/{agreement_id}"): "viewer",
    ("GET", "/naskah/{agreement_id}/asli"): "viewer",
    ("GET", "/naskah/{agreement_id}/periksa"): "viewer",
    ("GET", "/naskah/{agreement_id}/periksa/docx"): "viewer",
    ("GET", "/naskah/{agreement_id}/tinjau"): "editor",
    ("GET", "/openapi.json"): "viewer",
    ("GET", "/pengaturan/pemeriksaan"): "admin",
    ("POST", "/pengaturan/pemeriksaan"): "admin",
    ("GET", "/pengguna"): "admin",
    ("POST", "/pengguna"): "admin",
    ("POST", "/pengguna/{name}"): "admin",
    ("GET", "/periksa"): "viewer",
    ("GET", "/periksa/{check_id}"): "viewer",
    ("GET", "/periksa/{check_id}/docx"): "viewer",
    # "Simpan sebagai naskah": the draft becomes a stored agreement, as an upload
    ("POST", "/periksa/{check_id}/simpan"): "editor",
    ("GET", "/preseden"): "viewer",
    ("POST", "/preseden"): "viewer",
    ("GET", "/redoc"): "viewer",
    ("GET", "/sampah"): "editor",
    ("GET", "/sandi"): "viewer",
    ("POST", "/sandi"): "viewer",
    ("GET", "/siapkan"): PUBLIC,
    ("POST", "/siapkan"): PUBLIC,
    ("GET", "/sinonim"): "admin",
    ("POST", "/sinonim"): "admin",
    ("GET", "/static/{path:path}"): PUBLIC,
    # a viewer lists, makes and revokes its own tokens; an admin sees and revokes everyone's
    ("GET", "/token"): "viewer",
    ("POST", "/token"): "viewer",
    ("POST", "/token/{prefix}/cabut"): "viewer",
    ("GET", "/unggah"): "editor",
}

# Changes to agreements (and cancels of the jobs that make them), audited when the route answers 2xx: (method, path) -> action
AUDITED: dict[tuple[str, str], str] = {
    ("POST", "/api/agreements"): "upload",
    ("PATCH", "/api/agreements/{agreement_id}"): "correct",
    ("DELETE", "/api/agreements/{agreement_id}"): "delete",
    ("POST", "/api/agreements/{agreement_id}/ocr"): "reocr",
    ("POST", "/api/agreements/{agreement_id}/versions"): "version.add",
    ("POST", "/api/agreements/{agreement_id}/clauses"): "clause.add",
    ("PATCH", "/api/agreements/{agreement_id}/clauses/{clause_id}"): "clause.edit",
    ("DELETE", "/api/agreements/{agreement_id}/clauses/{clause_id}"): "clause.delete",
    ("POST", "/api/agreements/{agreement_id}/clauses/{clause_id}/split"): "clause.split",
    ("POST", "/api/agreements/{agreement_id}/clauses/{clause_id}/merge"): "clause.merge",
    ("POST", "/api/jobs/{job_id}/cancel"): "job.cancel",
    ("POST", "/api/trash/{agreement_id}/restore"): "trash.restore",
}


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One route as the router sees it: its path template, methods and compiled pattern."""

    path: str
    methods: frozenset[str]
    pattern: re.Pattern[str]
    convertors: dict[str, Convertor[Any]]


@dataclass(frozen=True, slots=True)
class Matched:
    path: str  # the route's path template
    params: dict[str, str]


def endpoints_of(routes: Sequence[BaseRoute]) -> list[Endpoint]:
    """Every route of the app, flattened: FastAPI (0.16x) wraps included routers, so
    `app.routes` alone does not list them."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: app.routes is already flat
        contexts: Iterable[Any] = routes
    else:
        contexts = iter_route_contexts(routes)
    found = []
    for context in contexts:
        path = getattr(context, "path", None)
        if not path:
            continue
        pattern, _, convertors = compile_path(path)
        methods = frozenset(getattr(context, "methods", None) or ())
        found.append(Endpoint(path, methods, pattern, convertors))
    return found


def match_route(endpoints: Sequence[Endpoint], scope: Scope) -> Matched | None:
    """The route the router will run for this request, or None (it will answer 404 or 405)."""
    method = "GET" if scope["method"] == "HEAD" else scope["method"]
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root):  # behind a proxy that mounts naskah under a prefix
        path = path[len(root) :]
    for endpoint in endpoints:
        found = endpoint.pattern.match(path)
        if found and (not endpoint.methods or method in endpoint.methods):
            params = {k: str(v) for k, v in found.groupdict().items()}
            return Matched(endpoint.path, params)
    return None


def rule_for(method: str, path: str) -> Rule | None:
    return RULES.get(("GET" if method == "HEAD" else method, path))


def identity_of(request: Request) -> Identity | None:
    """Who sent the request (set by Guard); None for anonymous requests to public routes."""
    identity: Identity | None = request.scope.get("state", {}).get("identity")
    return identity


def client_of(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else ""


class Guard:
    """ASGI middleware: identify the caller, apply RULES and the CSRF check, audit AUDITED."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        forbidden_page: Callable[[Request, str], Response],
        refused_form_page: Callable[[Request], Response],
    ) -> None:
        self.app = app
        self.forbidden_page = forbidden_page
        self.refused_form_page = refused_form_page
        self.endpoints: list[Endpoint] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.endpoints is None:  # the routes are all in place by the first request
            self.endpoints = endpoints_of(scope["app"].routes)
        matched = match_route(self.endpoints, scope)
        if matched is None:
            await self.app(scope, receive, send)
            return
        accounts: Accounts = scope["app"].state.accounts
        method: str = scope["method"]
        headers = Headers(scope=scope)
        rule = rule_for(method, matched.path)
        identity, bearer_failed = remembered(accounts, headers), False
        if identity is None:
            identity, bearer_failed = await anyio.to_thread.run_sync(identify, accounts, headers)
        scope.setdefault("state", {})["identity"] = identity
        request = Request(scope)

        async def refuse(response: Response) -> None:
            if method not in SAFE_METHODS:
                # the body is not read: close, or the server would read (and drop) all of it
                response.headers["Connection"] = "close"
            await response(scope, receive, send)

        if rule is None:
            log.warning("access path=%s method=%s has no rule: refused", matched.path, method)
            await refuse(_json(403, "no_access_rule", "this route has no access rule yet."))
            return
        if rule != PUBLIC:
            if identity is None:
                await refuse(self._unauthenticated(request, bearer_failed))
                return
            if not identity.user.can(rule):
                await refuse(self._forbidden(request, identity, rule))
                return
        if method not in SAFE_METHODS and (identity is None or identity.via == "session"):
            foreign = foreign_origin(headers, scope)
            if foreign:
                log.info("access path=%s csrf=%s", matched.path, foreign)
                await refuse(self._csrf_rejected(request, foreign))
                return
            if identity is not None:
                receive, problem = await csrf_problem(identity, headers, receive)
                if problem:
                    log.info("access path=%s csrf=%s", matched.path, problem)
                    await refuse(self._csrf_rejected(request, problem))
                    return
        action = AUDITED.get((method, matched.path))
        if action is None or identity is None:
            await self.app(scope, receive, send)
            return
        await self._audited(scope, receive, send, action, identity, matched)

    async def _audited(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        action: str,
        identity: Identity,
        matched: Matched,
    ) -> None:
        status = 0
        location = ""

        async def watching_send(message: Message) -> None:
            nonlocal status, location
            if message["type"] == "http.response.start":
                status = message["status"]
                location = Headers(raw=message.get("headers", [])).get("location", "")
            await send(message)

        await self.app(scope, receive, watching_send)
        if 200 <= status < 300:
            # the agreement (and clause) a route names, else what it made (an upload, a job)
            named = " ".join(matched.params.values())
            target = named if "agreement_id" in matched.params else location or named
            accounts: Accounts = scope["app"].state.accounts
            await anyio.to_thread.run_sync(
                lambda: accounts.audit(
                    identity.user.name, action, target, f"HTTP {status}", client_of(scope)
                )
            )

    def _unauthenticated(self, request: Request, bearer_failed: bool) -> Response:
        if request.method == "GET" and is_page(request.url.path) and not bearer_failed:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/masuk?next={quote(target, safe='')}", status_code=303)
        return _error(NotAuthenticated(), 401, {"WWW-Authenticate": "Bearer"})

    def _csrf_rejected(self, request: Request, problem: str) -> Response:
        """A page's form gets a page in the UI's language; scripts get the JSON error."""
        if is_page(request.url.path):
            return self.refused_form_page(request)
        return _error(CsrfRejected(problem), 403)

    def _forbidden(self, request: Request, identity: Identity, needed: str) -> Response:
        if request.method == "GET" and is_page(request.url.path):
            return self.forbidden_page(request, needed)
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


async def csrf_problem(
    identity: Identity, headers: Headers, receive: Receive
) -> tuple[Receive, str | None]:
    """(receive to hand on, what is wrong or None). A urlencoded form is read here to find its
    `csrf_token` field, then replayed to the app; other bodies need the header."""
    expected = identity.csrf_token or ""
    sent = headers.get(CSRF_HEADER)
    if sent is not None:
        ok = bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())
        return receive, None if ok else "the CSRF token is wrong"
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return receive, "the CSRF token header is missing"
    body = b""
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return receive, "the request ended early"
        body += message.get("body", b"")
        more = bool(message.get("more_body"))
        if len(body) > MAX_FORM_BYTES:
            return receive, "the form is too large"
    fields = parse_qs(body.decode("latin-1"), keep_blank_values=True)
    sent_field = (fields.get(CSRF_FIELD) or [""])[0]
    ok = bool(expected) and hmac.compare_digest(sent_field.encode("latin-1"), expected.encode())
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay, None if ok else "the form's CSRF token is missing or wrong"


def _error(error: Exception, status: int, headers: dict[str, str] | None = None) -> Response:
    code = getattr(error, "code", "error")
    body = error_body(code, str(error), error_values(error))
    return JSONResponse(body, status_code=status, headers=headers)


def _json(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)
