"""Pages rendered on the server: the Jinja2 environment over web/templates (autoescaped), the
language of a request, the navigation a role sees, and the security headers of every page."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from search_api.accounts import User
from search_api.http.access import PUBLIC, identity_of, rule_for
from search_api.http.i18n import LANGS, WEB_DIR, Lang, Translator, lang_from

COOKIE = "naskah_lang"
STATIC_DIR = WEB_DIR / "static"
# Pages load only their own scripts, styles and frames: a value that slipped past escaping
# still could not run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
NAV: tuple[tuple[str, str], ...] = (
    ("/cari", "nav.search"),
    ("/unggah", "nav.upload"),
    ("/daftar", "nav.register"),
    ("/preseden", "nav.precedents"),
    ("/periksa", "nav.check"),
    ("/pengingat", "nav.reminders"),
)
# the account menu's pages (base.html), each shown to the roles that may open it
ACCOUNT_MENU: tuple[tuple[str, str], ...] = (
    ("/token", "nav.tokens"),
    ("/sandi", "nav.password"),
    ("/sampah", "nav.trash"),
    ("/pengguna", "nav.users"),
    ("/sinonim", "nav.synonyms"),
    ("/audit", "nav.audit"),
    ("/pengaturan/pemeriksaan", "nav.check_rules"),
    ("/cadangan", "nav.backups"),
)


def may(user: User | None, method: str, path: str) -> bool:
    """Whether `user` may call the route `method path` (a path template, as its route declares it): what a
    page offers is derived from the access rules, never from a list of its own."""
    rule = rule_for(method, path)
    if rule is None:
        return False
    return rule == PUBLIC or (user is not None and user.can(rule))


def nav_for(user: User | None) -> list[tuple[str, str]]:
    """The navigation a caller sees: only the pages its role may open (none before signing in)."""
    if user is None:
        return []
    return [(href, key) for href, key in NAV if may(user, "GET", href)]


def account_menu_for(user: User | None) -> list[tuple[str, str]]:
    """The account menu's pages `user` may open."""
    if user is None:
        return []
    return [(href, key) for href, key in ACCOUNT_MENU if may(user, "GET", href)]


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(WEB_DIR / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def lang_of(request: Request) -> Lang:
    return lang_from(request.query_params.get("lang"), request.cookies.get(COOKIE))


def url_with(request: Request, **changes: str | None) -> str:
    """The current page's URL with some query parameters set (None: removed)."""
    params = dict(request.query_params)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def render(
    request: Request, template: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    lang = lang_of(request)
    t = Translator(lang)
    other: Lang = "en" if lang == "id" else "id"
    identity = identity_of(request)
    user = identity.user if identity else None
    html = (
        environment()
        .get_template(template)
        .render(
            request=request,
            lang=lang,
            t=t,
            nav=nav_for(user),
            account_menu=account_menu_for(user),
            path=request.url.path,
            switch_url=url_with(request, lang=other),
            switch_lang=other,
            strings=t.strings,
            me=identity.user if identity else None,
            csrf_token=(identity.csrf_token or "") if identity else "",
            url_with=lambda **changes: url_with(request, **changes),
            can=lambda method, route: may(user, method, route),
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def not_found(request: Request, message_key: str) -> HTMLResponse:
    return render(request, "not_found.html", {"message_key": message_key}, status=404)


def forbidden(request: Request, needed: str) -> Response:
    """The page a signed-in user sees for a page its role does not reach (search_api/http/access.py)."""
    return render(request, "forbidden.html", {"needed": needed}, status=403)


def refused_form(request: Request) -> Response:
    """The page a form post refused by the same-origin or CSRF check gets (search_api/http/access.py):
    it says nothing was saved and what to do, in the UI's language."""
    response = render(request, "refused_form.html", {}, status=403)
    response.headers["Cache-Control"] = "no-store"
    return response
