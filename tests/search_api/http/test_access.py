"""The auth matrix: every route of the app x (anonymous, viewer, editor, admin).

EXPECTED below is the specification, written apart from the access each route declares
(`allow(...)`, search_api/http/access.py) on purpose: a route added to the app without a line
here fails `test_every_route_has_an_expected_role`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.http import DECLARED, GuardedRoute
from search_api.settings import Settings
from tests.auth import sign_in

# method path least-role ("public": anyone, signed in or not)
EXPECTED_TABLE = """
GET    /                                      viewer
GET    /api/agreements                        viewer
POST   /api/agreements                        editor
GET    /api/agreements/{agreement_id}         viewer
GET    /api/agreements/{agreement_id}/check   viewer
PATCH  /api/agreements/{agreement_id}         editor
DELETE /api/agreements/{agreement_id}         editor
GET    /api/agreements/{agreement_id}/file    viewer
GET    /api/agreements/{agreement_id}/related viewer
GET    /api/agreements/{agreement_id}/reminder-contact editor
PUT    /api/agreements/{agreement_id}/reminder-contact editor
POST   /api/agreements/{agreement_id}/clauses editor
PATCH  /api/agreements/{agreement_id}/clauses/{clause_id} editor
DELETE /api/agreements/{agreement_id}/clauses/{clause_id} editor
POST   /api/agreements/{agreement_id}/clauses/{clause_id}/merge editor
POST   /api/agreements/{agreement_id}/clauses/{clause_id}/split editor
POST   /api/agreements/{agreement_id}/ocr     editor
GET    /api/agreements/{agreement_id}/review  viewer
GET    /api/agreements/{agreement_id}/versions viewer
POST   /api/agreements/{agreement_id}/versions editor
GET    /api/agreements/{agreement_id}/versions/{number}/file viewer
GET    /api/audit                             admin
POST   /api/check                             viewer
GET    /api/check/rules                       viewer
PUT    /api/check/rules/{rule_id}             admin
GET    /api/check/{check_id}                  viewer
POST   /api/check/{check_id}/cancel           viewer
GET    /api/clauses/{clause_id}/similar       viewer
GET    /api/health                            public
GET    /api/jobs                              editor
GET    /api/jobs/{job_id}                     editor
POST   /api/jobs/{job_id}/cancel              editor
GET    /api/me                                viewer
POST   /api/me/password                       viewer
POST   /api/precedents                        viewer
GET    /api/register                          viewer
GET    /api/register/export                   viewer
GET    /api/reminders                         editor
GET    /api/search                            viewer
GET    /api/synonyms                          viewer
PUT    /api/synonyms                          admin
GET    /api/trash                             editor
DELETE /api/trash                             admin
DELETE /api/trash/{agreement_id}              admin
POST   /api/trash/{agreement_id}/restore      editor
GET    /audit                                 admin
GET    /cari                                  viewer
GET    /daftar                                viewer
GET    /docs                                  viewer
GET    /docs/oauth2-redirect                  viewer
POST   /keluar                                viewer
GET    /masuk                                 public
POST   /masuk                                 public
GET    /naskah/{agreement_id}                 viewer
GET    /naskah/{agreement_id}/asli            viewer
GET    /naskah/{agreement_id}/periksa         viewer
GET    /naskah/{agreement_id}/periksa/docx    viewer
POST   /naskah/{agreement_id}/penerima        editor
GET    /naskah/{agreement_id}/tinjau          editor
GET    /openapi.json                          viewer
GET    /pengaturan/pemeriksaan                admin
GET    /pengingat                             editor
GET    /cadangan                              admin
POST   /cadangan                              admin
GET    /api/backups                           admin
POST   /api/backups                           admin
POST   /pengaturan/pemeriksaan                admin
GET    /pengguna                              admin
POST   /pengguna                              admin
POST   /pengguna/{name}                       admin
GET    /periksa                               viewer
GET    /periksa/{check_id}                    viewer
GET    /periksa/{check_id}/docx               viewer
POST   /periksa/{check_id}/simpan             editor
GET    /preseden                              viewer
POST   /preseden                              viewer
GET    /redoc                                 viewer
GET    /sampah                                editor
GET    /sandi                                 viewer
POST   /sandi                                 viewer
GET    /siapkan                               public
POST   /siapkan                               public
GET    /sinonim                               admin
POST   /sinonim                               admin
GET    /static/{path:path}                    public
GET    /token                                 viewer
POST   /token                                 viewer
POST   /token/{prefix}/cabut                  viewer
GET    /unggah                                editor
"""
EXPECTED: dict[tuple[str, str], str] = {
    (method, path): role
    for method, path, role in (line.split() for line in EXPECTED_TABLE.strip().splitlines())
}
log = logging.getLogger(__name__)
IDENTITIES = ("anonymous", "viewer", "editor", "admin")
RANK = {"viewer": 1, "editor": 2, "admin": 3}
SAMPLE_PARAMS = {"path": "css/naskah.css"}


@dataclass
class Callers:
    client: TestClient
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def callers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callers]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("access"), meili_url=None)
    with TestClient(create_app(settings)) as client:
        tokens = {role: sign_in(client, role) for role in ("viewer", "editor", "admin")}  # type: ignore[arg-type]
        client.headers.pop("Authorization")
        yield Callers(client, tokens)


def app_routes(app: object) -> list[object]:
    """Every route of the app: FastAPI (0.16x) wraps included routers, so `app.routes` alone
    does not list them."""
    from fastapi.routing import iter_route_contexts

    found = []
    for context in iter_route_contexts(app.routes):  # type: ignore[attr-defined]
        found.append(getattr(context, "original_route", context))
    return found


def routes(client: TestClient) -> list[tuple[str, str]]:
    found = set()
    for route in app_routes(client.app):
        for method in set(getattr(route, "methods", None) or ()) - {"HEAD"}:
            found.add((method, route.path))  # type: ignore[attr-defined]
    return sorted(found, key=lambda r: (r[1], r[0]))


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: SAMPLE_PARAMS.get(m.group(1), "x"), path)


def is_login_redirect(status: int, location: str | None) -> bool:
    return status == 303 and (location or "").startswith("/masuk?next=")


def test_every_route_has_an_expected_role(callers: Callers) -> None:
    missing = [r for r in routes(callers.client) if r not in EXPECTED]
    assert not missing, f"routes without a line in EXPECTED_TABLE (and maybe allow): {missing}"
    stale = [r for r in EXPECTED if r not in routes(callers.client)]
    assert not stale, f"EXPECTED_TABLE names routes the app does not have: {stale}"


def test_every_route_declares_who_may_call_it() -> None:
    app = create_app(Settings(data_dir=Path("/nonexistent-not-opened")))
    all_routes = app_routes(app)
    assert len(all_routes) > 50
    unguarded = [getattr(r, "path", r) for r in all_routes if not isinstance(r, GuardedRoute)]
    assert not unguarded, "every route is a GuardedRoute (route_class of its router)"
    undeclared = [r.path for r in all_routes if isinstance(r, GuardedRoute) and r.access is None]
    assert not undeclared
    for route in all_routes:
        assert isinstance(route, GuardedRoute) and route.access is not None
        for method in route.methods - {"HEAD"}:
            assert DECLARED[(method, route.path)] == route.access


@pytest.mark.parametrize("method,path", sorted(EXPECTED, key=lambda r: (r[1], r[0])))
def test_each_route_answers_each_caller_as_its_role_allows(
    callers: Callers, method: str, path: str
) -> None:
    needed = EXPECTED[(method, path)]
    url = concrete(path)
    seen = {}
    for who in IDENTITIES:
        headers = {} if who == "anonymous" else {"Authorization": f"Bearer {callers.tokens[who]}"}
        response = callers.client.request(method, url, headers=headers, follow_redirects=False)
        status, location = response.status_code, response.headers.get("location")
        seen[who] = status
        if needed == "public":
            allowed = True
        elif who == "anonymous":
            allowed = False
            if method == "GET" and not path.startswith("/api/") and path != "/openapi.json":
                assert is_login_redirect(status, location), (who, method, url, status)
            else:
                assert status == 401, (who, method, url, status, response.text)
                assert response.json()["error"]["code"] == "not_authenticated"
        else:
            allowed = RANK[who] >= RANK[needed]
            if not allowed:
                assert status == 403, (who, method, url, status, response.text)
        if allowed:
            assert status not in (401, 403), (who, method, url, status, response.text)
            assert not is_login_redirect(status, location), (who, method, url)
    log.info("%-6s %-40s %-7s %s", method, path, needed, seen)
