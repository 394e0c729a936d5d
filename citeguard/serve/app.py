"""The ASGI application: routes of the pages (serve/pages.py) and of the JSON API (serve/api.py)
over one Desk, who is asking (a bearer token, a reverse proxy's trusted header, or a session
cookie with its CSRF token), the request-size limit and the security headers every answer carries."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from citeguard.serve.api import ROUTES as API_ROUTES
from citeguard.serve.desk import Desk
from citeguard.serve.pages import ROUTES as PAGE_ROUTES
from citeguard.serve.store import MAX_UPLOAD
from citeguard.serve.web import WebConfig

MAX_BODY = MAX_UPLOAD + 1024 * 1024  # one upload and its form's other fields
STATIC = Path(__file__).parent / "static"
# Every page: scripts and styles from the desk itself only; no framing; forms post to the desk only
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


class BodyLimit:
    """Refuse a request whose body passes MAX_BODY bytes, counted as it arrives (a chunked upload
    has no Content-Length to trust), with 413 before the application reads the rest."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _too_large(send)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    body = f'{{"error": "the upload is larger than {MAX_BODY // 2**20} MB"}}'.encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """The headers every answer of the desk carries (pages show manuscripts' text: never as markup,
    and never in a frame of another site)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                         (b"x-frame-options", b"DENY"), (b"content-security-policy", CSP.encode()),
                         (b"cache-control", b"no-store")]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(desk: Desk, web: WebConfig | None = None, *, start_workers: bool = True) -> ASGIApp:
    """The desk as an ASGI application (workers start with the server, or at the first upload)."""
    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if start_workers:
            desk.pool.start()
        try:
            yield
        finally:
            desk.pool.stop()

    routes: list[Any] = [*PAGE_ROUTES, *API_ROUTES, Mount("/static", StaticFiles(directory=STATIC), name="static"),
                         Route("/healthz", _health)]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: _http_error})
    app.state.desk = desk
    app.state.web = web or WebConfig()
    return SecurityHeaders(BodyLimit(app))


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own answers (no such route, a method not allowed): JSON under /api, as every
    other answer of the API is; text elsewhere."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": str(detail)}, status_code=status)
    return PlainTextResponse(str(detail), status_code=status)


async def _health(_request: Request) -> Response:
    return JSONResponse({"ok": True})
