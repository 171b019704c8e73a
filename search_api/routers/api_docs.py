"""The API's own description: /openapi.json, Swagger UI at /docs and ReDoc at /redoc, for
signed-in users. FastAPI's built-in routes are switched off (create_app) so that these, like
every route, declare who may open them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse, JSONResponse

from search_api.http import GuardedRoute, allow

router = APIRouter(route_class=GuardedRoute, include_in_schema=False)


@router.get("/openapi.json", dependencies=[allow("viewer")])
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs", dependencies=[allow("viewer")])
def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=f"{request.app.title} - API",
        oauth2_redirect_url="/docs/oauth2-redirect",
    )


@router.get("/docs/oauth2-redirect", dependencies=[allow("viewer")])
def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc", dependencies=[allow("viewer")])
def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(openapi_url="/openapi.json", title=f"{request.app.title} - ReDoc")
