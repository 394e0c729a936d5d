"""The JSON API for scripts and CI (docs/serve.md): upload, poll, decide, comment, the letter.
Every route answers 401 without a valid token or session, and 404 for another office's ids."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from citeguard.serve.auth import User
from citeguard.serve.desk import Desk
from citeguard.serve.exports import letter
from citeguard.serve.store import MAX_UPLOAD, UploadError
from citeguard.serve.values import FindingRow, JobStatus, Manuscript
from citeguard.serve.web import asked_manuscript, csrf_passes, current_user, unauthorized

MAX_JSON = 64 * 1024  # bytes of a decision's or a comment's JSON body


def finding_json(f: FindingRow) -> dict[str, Any]:
    return {"id": f.id, "code": f.code, "rule": f.rule, "severity": f.severity.value, "confidence": f.confidence.value,
            "line": f.line, "location": f.location, "excerpt": f.excerpt, "message": f.message, "message_zh": f.message_zh,
            "suggestion": f.suggestion, "suggestion_zh": f.suggestion_zh, "state": f.state.value, "reason": f.reason,
            "decided_by": f.decided_by, "decided_at": f.decided_at, "new": f.new,
            "comments": [{"who": c.who, "text": c.text, "at": c.at} for c in f.comments]}


def manuscript_json(desk: Desk, m: Manuscript, *, full: bool = True) -> dict[str, Any]:
    body: dict[str, Any] = {"id": m.id, "status": m.status.value, "filename": m.filename, "issue": m.issue,
                            "version": m.version, "revision_of": m.revision_of, "title": m.title,
                            "counts": {"error": m.errors, "warning": m.warnings, "info": m.infos},
                            "review": {"open": m.open, "accepted": m.accepted, "dismissed": m.dismissed}}
    if m.status is JobStatus.FAILED:
        body["error"] = m.error
    if m.status is JobStatus.QUEUED:
        body["ahead"] = desk.ahead(m)
    if full:
        body["findings"] = [finding_json(f) for f in desk.findings(m)] if m.status is JobStatus.DONE else []
        body["resolved"] = [{"code": r.code, "line": r.line, "message": r.message, "message_zh": r.message_zh}
                            for r in desk.resolved(m)]
    return body


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _json_body(request: Request, example: str) -> dict[str, Any] | JSONResponse:
    """The request's JSON object, or the 400 answer saying what is wrong with it."""
    raw = await request.body()
    if len(raw) > MAX_JSON:
        return _error(f"the body is larger than {MAX_JSON // 1024} KB")
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    return body if isinstance(body, dict) else _error(f"expected a JSON object such as {example}")


async def _uploaded(request: Request, user: User) -> Response:
    desk: Desk = request.app.state.desk
    try:
        form = await request.form(max_files=1, max_fields=20)
    except Exception as exc:  # the multipart parser's own errors (malformed, too many parts)
        return _error(f"not a multipart upload ({exc})")
    file, revision_of, issue = form.get("file"), form.get("revision_of"), form.get("issue")
    if not await csrf_passes(request, user, str(form.get("csrf") or "")):
        return _error("missing or wrong CSRF token", 403)
    if not isinstance(file, UploadFile):
        return _error("multipart field 'file' is required")
    data = await file.read(MAX_UPLOAD + 1)
    try:
        made = await run_in_threadpool(desk.upload, user, file.filename or "manuscript", data,
                                       issue=str(issue or ""), revision_of=str(revision_of or "") or None)
    except UploadError as exc:
        return _error(str(exc), 415 if exc.wrong_type else 400)
    first = made[0]
    body: dict[str, Any] = {"id": first.id, "status": first.status.value}
    if len(made) > 1:  # a whole issue: every manuscript it brought
        body["manuscripts"] = [{"id": m.id, "filename": m.filename, "status": m.status.value} for m in made]
    return JSONResponse(body, status_code=201)


def _owned(request: Request) -> tuple[Desk, Manuscript] | Response:
    """The desk and the manuscript the path names, or the answer: 401 without a user, 404 for a
    manuscript not of their office."""
    user, m = asked_manuscript(request)
    if user is None:
        return unauthorized()
    if m is None:
        return _error("no such manuscript", 404)
    return request.app.state.desk, m


async def manuscripts(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return unauthorized()
    desk: Desk = request.app.state.desk
    if request.method == "POST":
        return await _uploaded(request, user)
    rows = await run_in_threadpool(desk.manuscripts, user, issue=request.query_params.get("issue", ""),
                                   status=request.query_params.get("status", ""))
    return JSONResponse({"manuscripts": [manuscript_json(desk, m, full=False) for m in rows]})


async def manuscript(request: Request) -> Response:
    found = _owned(request)
    if isinstance(found, Response):
        return found
    desk, m = found
    return JSONResponse(await run_in_threadpool(manuscript_json, desk, m))


async def _finding_post(request: Request, example: str,
                        act: Callable[[Desk, User, int, dict[str, Any]], FindingRow | str | None]) -> Response:
    """What a decision and a comment share: who is asking, the CSRF token, the JSON body, the
    answer (``act`` returns the finding, None for none of the office's, or what is wrong)."""
    user = current_user(request)
    if user is None:
        return unauthorized()
    if not await csrf_passes(request, user):
        return _error("missing or wrong CSRF token", 403)
    body = await _json_body(request, example)
    if isinstance(body, JSONResponse):
        return body
    try:
        f = act(request.app.state.desk, user, request.path_params["fid"], body)
    except ValueError as exc:
        return _error(str(exc))
    if isinstance(f, str):
        return _error(f)
    return JSONResponse(finding_json(f)) if f else _error("no such finding", 404)


def _decided(desk: Desk, user: User, fid: int, body: dict[str, Any]) -> FindingRow | str | None:
    state, reason = body.get("state", ""), body.get("reason") or ""
    if not isinstance(state, str) or not isinstance(reason, str):
        return "state and reason are strings"
    return desk.decide(user, fid, state, reason)


def _commented(desk: Desk, user: User, fid: int, body: dict[str, Any]) -> FindingRow | str | None:
    text = body.get("text") or ""
    return desk.comment(user, fid, text) if isinstance(text, str) else "text is a string"


async def decide(request: Request) -> Response:
    return await _finding_post(request, '{"state": "dismissed", "reason": "…"}', _decided)


async def comment(request: Request) -> Response:
    return await _finding_post(request, '{"text": "…"}', _commented)


async def letter_md(request: Request) -> Response:
    found = _owned(request)
    if isinstance(found, Response):
        return found
    desk, m = found
    lang = request.query_params.get("lang") or m.lang or "zh"
    if lang not in ("zh", "en"):
        return _error("lang must be zh or en")
    text = await run_in_threadpool(letter, desk, m, lang, "md")
    return PlainTextResponse(str(text), media_type="text/markdown; charset=utf-8")


ROUTES = [
    Route("/api/manuscripts", manuscripts, methods=["GET", "POST"]),
    Route("/api/manuscripts/{mid:str}", manuscript),
    Route("/api/manuscripts/{mid:str}/letter", letter_md),
    Route("/api/findings/{fid:int}", decide, methods=["POST"]),
    Route("/api/findings/{fid:int}/comments", comment, methods=["POST"]),
]
