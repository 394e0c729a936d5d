"""What every route of the desk needs to know about a request: who is asking (a bearer token, a
reverse proxy's trusted header, or a session cookie with its CSRF token), and the 401 answer."""

from __future__ import annotations

from dataclasses import dataclass, replace

from starlette.requests import Request
from starlette.responses import JSONResponse

from citeguard.serve.auth import User, csrf_ok, header_csrf, session_user, token_user, user_named
from citeguard.serve.desk import Desk
from citeguard.serve.values import Manuscript

COOKIE = "citeguard_session"


@dataclass(frozen=True, slots=True)
class WebConfig:
    trusted_header: str | None = None  # e.g. X-Remote-User, set by a reverse proxy that authenticates
    secure_cookies: bool = True  # the session cookie only over HTTPS (off for a desk on 127.0.0.1)


def current_user(request: Request) -> User | None:
    """The user this request acts as, or None. A bearer token needs no CSRF token (no browser sends
    one by itself); a session cookie or the trusted header does, for anything but GET."""
    desk: Desk = request.app.state.desk
    web: WebConfig = request.app.state.web
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return token_user(desk.db, auth[7:].strip())
    if web.trusted_header and (name := request.headers.get(web.trusted_header, "").strip()):
        user = user_named(desk.db, name)  # its posts carry a CSRF token as a session's do: the proxy's
        # authentication rides on every request the browser sends, a forged one too
        return replace(user, csrf=header_csrf(desk.secret, user.name)) if user else None
    cookie = request.cookies.get(COOKIE)
    return session_user(desk.db, cookie) if cookie else None


async def csrf_passes(request: Request, user: User, form_value: str | None = None) -> bool:
    if not user.csrf:  # a bearer token: no browser sends one by itself
        return True
    sent = request.headers.get("x-csrf-token") or form_value or ""
    return csrf_ok(user, sent)


def asked_manuscript(request: Request) -> tuple[User | None, Manuscript | None]:
    """Who is asking, and the manuscript the path names (``mid``) if it is of their office."""
    user = current_user(request)
    if user is None:
        return None, None
    desk: Desk = request.app.state.desk
    return user, desk.manuscript(user, request.path_params["mid"])


def unauthorized() -> JSONResponse:
    return JSONResponse({"error": "authentication required: a bearer token or a login session"}, status_code=401,
                        headers={"www-authenticate": 'Bearer realm="citeguard"'})
