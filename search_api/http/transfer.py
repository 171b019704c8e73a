"""Files crossing HTTP: the request body cap while it streams, safe upload names, download headers."""

from __future__ import annotations

import contextlib
import logging
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Final
from urllib.parse import quote

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.errors import FileTooLarge, error_body, error_values

log = logging.getLogger(__name__)

# Multipart boundaries and part headers around the file: generous, a few hundred bytes in practice.
MULTIPART_OVERHEAD: Final = 64 * 1024
MAX_FILENAME_CHARS: Final = 200
# A download is data, never a page: no scripts, no plugins, no same-origin access.
DOWNLOAD_CSP: Final = "default-src 'none'; sandbox"


class _BodyTooLarge(Exception):
    """Raised into the app from `receive` to stop it reading; never leaves BodyLimit."""


class BodyLimit:
    """ASGI middleware: a request body over `limit_mb` (plus multipart overhead) gets 413.

    Starlette parses a multipart body to the end, spooling the file to disk, before a route
    runs; a route cannot stop an upload of any size. This counts the bytes as they arrive:
    a declared Content-Length over the cap is refused before reading any body, and a body
    that grows past it (chunked, or lying) is cut off at the cap.
    """

    def __init__(self, app: ASGIApp, limit_mb: int) -> None:
        self.app = app
        self.limit_mb = limit_mb
        self.limit = limit_mb * 1024 * 1024 + MULTIPART_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send)
            return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # the app's answer to a cut-off body is replaced by ours
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not started:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = FileTooLarge(None, self.limit_mb)
        log.info("request path=%s error=%s status=413", scope.get("path"), error.code)
        response = JSONResponse(
            error_body(error.code, str(error), error_values(error)),
            status_code=413,
            headers={"Connection": "close"},  # the rest of the body is not read
        )
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def safe_filename(name: str | None) -> str:
    """The name to keep for an uploaded file: its last path component, without control or
    format characters, at most MAX_FILENAME_CHARS (the extension kept); "upload" if nothing
    is left. Only shown and offered on download: originals are stored under their sha256."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    kept = "".join(
        " " if unicodedata.category(ch) == "Zs" else ch
        for ch in base
        if unicodedata.category(ch)[0] != "C" and unicodedata.category(ch) not in ("Zl", "Zp")
    )
    kept = kept.strip().lstrip(".")
    if len(kept) > MAX_FILENAME_CHARS:
        suffix = PurePosixPath(kept).suffix[:16]
        kept = kept[: MAX_FILENAME_CHARS - len(suffix)] + suffix
    return kept or "upload"


def download_headers(filename: str, *, inline: bool = False) -> dict[str, str]:
    """Content-Disposition (RFC 6266: an ASCII fallback and the UTF-8 `filename*`), nosniff
    and a Content-Security-Policy that keeps the file from running as a page."""
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r"[^A-Za-z0-9._ ()-]", "_", fallback).strip() or "naskah"
    kind = "inline" if inline else "attachment"
    return {
        "Content-Disposition": (
            f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": DOWNLOAD_CSP,
    }
