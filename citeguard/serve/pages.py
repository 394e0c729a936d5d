"""The desk's pages: log in, the manuscripts of the office, the review of one manuscript, its
exports, and the accounts (admins). Rendered by Jinja2 with autoescaping: manuscript text is
always text, never markup; the review's script talks to the JSON API with the session's CSRF token."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from citeguard.serve.auth import ROLES, User, check_password, create_user, end_session, start_session
from citeguard.serve.desk import PAGE_SIZE, Desk
from citeguard.serve.exports import LETTER_FORMATS, ExportError, commented_docx, fixed_docx, letter
from citeguard.serve.store import MAX_UPLOAD, UploadError
from citeguard.serve.texts import texts
from citeguard.serve.values import JobStatus
from citeguard.serve.web import COOKIE, WebConfig, asked_manuscript, csrf_passes, current_user

TEMPLATES = Path(__file__).parent / "templates"
DOCX = LETTER_FORMATS["docx"]
# The stored HTML report is the CLI's own page (its script filters the findings): allowed its inline
# script and styles, sandboxed as a page of no origin, fetching nothing.
REPORT_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
              "sandbox allow-scripts; frame-ancestors 'self'")


@functools.cache
def _template(name: str) -> Template:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template(name)


def lang_of(request: Request) -> str:
    chosen = request.query_params.get("lang") or request.cookies.get("citeguard_lang")
    if chosen in ("zh", "en"):
        return chosen
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "zh"


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    lang = lang_of(request)
    response = HTMLResponse(_template(name).render(t=texts(lang), lang=lang, **values), status_code=status)
    if request.query_params.get("lang") in ("zh", "en"):
        response.set_cookie("citeguard_lang", lang, samesite="lax", httponly=True)
    return response


def _login_redirect() -> Response:
    return RedirectResponse("/login", status_code=303)


async def login(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    web: WebConfig = request.app.state.web
    if request.method == "GET":
        return render(request, "login.html.j2", error="")
    form = await request.form(max_files=0, max_fields=10)
    name, password = str(form.get("name") or "").strip(), str(form.get("password") or "")
    keys = (f"ip:{request.client.host if request.client else '-'}", f"user:{name}")
    if desk.limiter.blocked(*keys):
        return render(request, "login.html.j2", 429, error=texts(lang_of(request))["too_many"])
    user = await run_in_threadpool(check_password, desk.db, name, password)
    if user is None:
        desk.limiter.failed(*keys)
        return render(request, "login.html.j2", 401, error=texts(lang_of(request))["bad_login"])
    desk.limiter.succeeded(f"user:{name}")
    token, _ = start_session(desk.db, user)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=web.secure_cookies, path="/")
    return response


async def logout(request: Request) -> Response:
    user = current_user(request)
    form = await request.form(max_files=0, max_fields=5)
    if user is not None and await csrf_passes(request, user, str(form.get("csrf") or "")):
        cookie = request.cookies.get(COOKIE)
        if cookie:
            end_session(request.app.state.desk.db, cookie)
    response = _login_redirect()
    response.delete_cookie(COOKIE, path="/")
    return response


async def desk_page(request: Request, messages: tuple[str, ...] = (), status: int = 200) -> Response:
    user = current_user(request)
    if user is None:
        return _login_redirect()
    desk: Desk = request.app.state.desk
    q = request.query_params
    sort, descending = q.get("sort", "created"), q.get("dir", "desc") != "asc"
    page = int(q["page"]) if q.get("page", "").isdigit() and len(q["page"]) < 7 else 0
    issue, state = q.get("issue", ""), q.get("status", "")
    rows = await run_in_threadpool(desk.manuscripts, user, sort=sort, descending=descending, issue=issue, status=state,
                                   offset=page * PAGE_SIZE)
    total = desk.count(user, issue=issue, status=state)
    recent = rows if not page and not issue and not state else desk.manuscripts(user, limit=200)
    return render(request, "desk.html.j2", status, user=user, rows=rows, issues=desk.issues(user), sort=sort,
                  descending=descending, issue=issue, status_filter=state, statuses=[s.value for s in JobStatus],
                  messages=messages, page=page, pages=max(1, -(-total // PAGE_SIZE)), total=total,
                  revisable=[m for m in recent[:200] if m.status is JobStatus.DONE])


async def upload(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return _login_redirect()
    desk: Desk = request.app.state.desk
    form = await request.form(max_files=100, max_fields=20)
    if not await csrf_passes(request, user, str(form.get("csrf") or "")):
        return await desk_page(request, (texts(lang_of(request))["csrf"],), 403)
    issue, revision_of = str(form.get("issue") or ""), str(form.get("revision_of") or "") or None
    said: list[str] = []
    made = []
    for file in form.getlist("files"):
        if not isinstance(file, UploadFile) or not file.filename:
            continue
        data = await file.read(MAX_UPLOAD + 1)
        try:
            made += await run_in_threadpool(desk.upload, user, file.filename, data, issue=issue, revision_of=revision_of)
        except UploadError as exc:
            said.append(str(exc))
    if not made and not said:
        said.append(texts(lang_of(request))["no_file"])
    if said:
        return await desk_page(request, tuple(said), 400)
    target = f"/m/{made[0].id}" if len(made) == 1 else "/"
    return RedirectResponse(target, status_code=303)


async def review(request: Request) -> Response:
    user, m = asked_manuscript(request)
    if user is None:
        return _login_redirect()
    if m is None:
        return render(request, "missing.html.j2", 404, user=user)
    desk: Desk = request.app.state.desk
    rows = await run_in_threadpool(desk.findings, m)
    return render(request, "review.html.j2", user=user, m=m, findings=rows, resolved=desk.resolved(m),
                  versions=desk.versions(user, m), ahead=desk.ahead(m) if m.status is JobStatus.QUEUED else 0,
                  codes=sorted({f.code for f in rows}))


async def export(request: Request) -> Response:
    """The manuscript's exports: letter (md/html/docx), Word comments, tracked fixes, JSON, baseline."""
    user, m = asked_manuscript(request)
    if user is None:
        return _login_redirect()
    if m is None or m.status is not JobStatus.DONE:
        return render(request, "missing.html.j2", 404, user=user)
    desk: Desk = request.app.state.desk
    what = request.path_params["what"]
    lang = request.query_params.get("lang") or m.lang or "zh"
    lang = lang if lang in ("zh", "en") else "zh"
    stem = Path(m.filename).stem or "manuscript"
    try:
        if what == "letter":
            form = request.query_params.get("format", "md")
            body = await run_in_threadpool(letter, desk, m, lang, form)
            return _download(body, LETTER_FORMATS.get(form, DOCX), f"{stem}.letter.{lang}.{form}",
                             inline=form != "docx")
        if what == "commented.docx":
            return _download(await run_in_threadpool(commented_docx, desk, m, lang), DOCX, f"{stem}.checked.docx")
        if what == "fixed.docx":
            data, _ = await run_in_threadpool(fixed_docx, desk, m)
            return _download(data, DOCX, f"{stem}.fixed.docx")
        if what == "report.json":
            return _download(desk.report_json(m) or "{}", "application/json", f"{stem}.json", inline=True)
        if what == "baseline.json":
            return _download(desk.baseline(m), "application/json", f"{stem}.baseline.json")
        if what == "report.html":
            response = HTMLResponse(desk.report_html(m) or "")
            response.headers["content-security-policy"] = REPORT_CSP
            return response
    except ExportError as exc:
        return render(request, "missing.html.j2", 400, user=user, message=str(exc))
    return render(request, "missing.html.j2", 404, user=user)


def _download(body: str | bytes, media: str, name: str, *, inline: bool = False) -> Response:
    from urllib.parse import quote
    disposition = f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=media, headers={"content-disposition": disposition})


async def users(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return _login_redirect()
    if not user.admin:
        return render(request, "missing.html.j2", 403, user=user, message=texts(lang_of(request))["admins_only"])
    desk: Desk = request.app.state.desk
    said = ""
    status = 200
    if request.method == "POST":
        form = await request.form(max_files=0, max_fields=10)
        if not await csrf_passes(request, user, str(form.get("csrf") or "")):
            said, status = texts(lang_of(request))["csrf"], 403
        else:
            office = str(form.get("office") or "").strip() or _office_name(desk, user)
            try:
                await run_in_threadpool(create_user, desk.db, str(form.get("name") or ""),
                                        str(form.get("password") or ""), role=str(form.get("role") or "editor"),
                                        office=office)
                said = texts(lang_of(request))["user_made"]
            except ValueError as exc:
                said, status = str(exc), 400
    rows = desk.db.all("SELECT u.name, u.role, o.name AS office FROM users u JOIN offices o ON o.id = u.office_id "
                       "ORDER BY o.name, u.name")
    return render(request, "users.html.j2", status, user=user, rows=rows, roles=ROLES, message=said,
                  office=_office_name(desk, user))


def _office_name(desk: Desk, user: User) -> str:
    row = desk.db.one("SELECT name FROM offices WHERE id = ?", user.office_id)
    return str(row[0]) if row else "office"


async def _desk(request: Request) -> Response:
    return await desk_page(request)


ROUTES = [
    Route("/", _desk),
    Route("/login", login, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/upload", upload, methods=["POST"]),
    Route("/m/{mid:str}", review),
    Route("/m/{mid:str}/{what:str}", export),
    Route("/admin/users", users, methods=["GET", "POST"]),
]
