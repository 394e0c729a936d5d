"""The review desk under load and faults: twenty uploads at once, a server killed mid-job (real
process, SIGKILL), a failure while storing a result, two editors deciding one finding at once; and
the browser's protections: sessions, CSRF, the login rate limit, the body limit, the schema's version."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest

from citeguard.serve import Desk, DeskConfig, create_app
from citeguard.serve.db import SCHEMA_VERSION, SchemaError, migrate
from citeguard.serve.jobs import AuditedPaper, run_one, store_result
from tests.servekit import CLEAN, V1, Office, done, upload


def test_twenty_uploads_at_once_are_all_audited(tmp_path: Path) -> None:
    office = Office(tmp_path, workers=3)

    async def go(c: httpx.AsyncClient) -> None:
        papers = [V1.replace("数字经济与区域创新", f"数字经济与区域创新之{i}") for i in range(20)]
        sent = await asyncio.gather(*(upload(c, office, f"p{i}.txt", p.encode()) for i, p in enumerate(papers)))
        assert [r.status_code for r in sent] == [201] * 20
        ids = [r.json()["id"] for r in sent]
        assert len(set(ids)) == 20
        bodies = [await done(c, office, i) for i in ids]
        assert [b["status"] for b in bodies] == ["done"] * 20
        assert all(sorted(f["code"] for f in b["findings"]) == ["CG102", "CG109", "CG203"] for b in bodies)
        listed = (await c.get("/api/manuscripts", headers=office.auth)).json()["manuscripts"]
        assert {m["id"] for m in listed} == set(ids)
    office.run(go)
    rows = office.desk.db.all("SELECT manuscript_id, COUNT(*) AS n FROM findings GROUP BY manuscript_id")
    assert len(rows) == 20 and {r["n"] for r in rows} == {3}  # each stored once, none twice


_SERVER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import citeguard.serve.jobs as jobs
    from citeguard.serve import Desk, DeskConfig
    real = jobs.audit_bytes
    def slow(*args, **kwargs):
        print("auditing", flush=True)
        time.sleep(60)  # killed here, mid-job
        return real(*args, **kwargs)
    jobs.audit_bytes = slow
    desk = Desk(DeskConfig(Path(sys.argv[1]), workers=1))
    desk.pool.start()
    time.sleep(120)
""")


def test_a_server_killed_mid_job_resumes_it_on_restart(tmp_path: Path) -> None:
    office = Office(tmp_path)
    mid = office.desk.upload(office.editor, "p.txt", V1.encode())[0].id
    office.desk.pool.stop()
    assert office.desk.db.one("SELECT status FROM manuscripts WHERE id = ?", mid)["status"] in ("queued", "done")
    with office.desk.db.write() as conn:  # queued again, to be taken by the process killed below
        conn.execute("UPDATE manuscripts SET status = 'queued' WHERE id = ?", (mid,))
        conn.execute("DELETE FROM findings WHERE manuscript_id = ?", (mid,))
    proc = subprocess.Popen([sys.executable, "-c", _SERVER, str(tmp_path / "data")], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "auditing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    row = office.desk.db.one("SELECT status FROM manuscripts WHERE id = ?", mid)
    assert row["status"] == "running"  # as the killed server left it
    assert office.desk.db.one("SELECT COUNT(*) FROM findings WHERE manuscript_id = ?", mid)[0] == 0  # nothing half-written
    restarted = Desk(DeskConfig(tmp_path / "data", workers=1))
    restarted.pool.start()  # a new server: the interrupted job is queued again and audited
    try:
        end = time.monotonic() + 60
        while restarted.db.one("SELECT status FROM manuscripts WHERE id = ?", mid)["status"] != "done":
            assert time.monotonic() < end, "the interrupted job was not resumed"
            time.sleep(0.05)
    finally:
        restarted.pool.stop()
    assert restarted.db.one("SELECT COUNT(*) FROM findings WHERE manuscript_id = ?", mid)[0] == 3


def test_a_failure_while_storing_a_result_leaves_nothing_half_written(tmp_path: Path) -> None:
    office = Office(tmp_path)
    desk = office.desk
    mid = desk.upload(office.editor, "p.txt", V1.encode())[0].id
    desk.pool.stop()
    with desk.db.write() as conn:  # as a worker leaves it before storing (whether or not one ran already)
        conn.execute("UPDATE manuscripts SET status = 'running' WHERE id = ?", (mid,))
        conn.execute("DELETE FROM findings WHERE manuscript_id = ?", (mid,))
    from citeguard.serve.jobs import audit_bytes
    paper = audit_bytes(".txt", "p.txt", V1.encode(), tmp_path / "work", desk.config.setup)
    broken = AuditedPaper(paper.title, paper.lang, paper.findings, paper.locations[:-1], paper.report_json, paper.html)
    with pytest.raises(ValueError):  # one location short: fails after the first findings were inserted
        store_result(desk.db, desk.files, mid, broken)
    assert desk.db.one("SELECT COUNT(*) FROM findings WHERE manuscript_id = ?", mid)[0] == 0
    assert desk.db.one("SELECT status FROM manuscripts WHERE id = ?", mid)["status"] == "running"
    store_result(desk.db, desk.files, mid, paper)
    assert desk.db.one("SELECT COUNT(*) FROM findings WHERE manuscript_id = ?", mid)[0] == 3


def test_two_editors_deciding_one_finding_at_once_leave_one_consistent_state(tmp_path: Path) -> None:
    office = Office(tmp_path)
    desk = office.desk
    mid = desk.upload(office.editor, "p.txt", V1.encode())[0].id
    desk.pool.stop()
    while run_one(desk.db, desk.files, tmp_path / "work", desk.config.setup):
        pass
    fid = desk.db.one("SELECT id FROM findings WHERE manuscript_id = ? ORDER BY seq", mid)["id"]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def editor(user: object, state: str) -> None:
        try:
            barrier.wait()
            for i in range(25):
                desk.decide(user, fid, state, f"{state} {i}")  # type: ignore[arg-type]
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=editor, args=(office.editor, "accepted")),
               threading.Thread(target=editor, args=(office.admin, "dismissed"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    history = desk.history(fid)
    assert len(history) == 50
    final = desk.finding(office.editor, fid)
    assert final is not None and (final.decided_by, final.state.value, final.reason) == history[-1]
    assert desk.db.one("SELECT version FROM findings WHERE id = ?", fid)[0] == 50


async def _login(c: httpx.AsyncClient, name: str, password: str) -> httpx.Response:
    return await c.post("/login", data={"name": name, "password": password})


def test_sessions_csrf_and_the_login_limit(tmp_path: Path) -> None:
    office = Office(tmp_path)

    async def go(c: httpx.AsyncClient) -> None:
        assert (await c.get("/")).headers["location"] == "/login"
        r = await _login(c, "editor", "editor-password")
        assert r.status_code == 303 and "citeguard_session" in r.headers["set-cookie"]
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie
        c.cookies.set("citeguard_session", r.cookies["citeguard_session"])
        page = await c.get("/")
        assert page.status_code == 200 and "editor" in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        m = await upload(c, office, "p.txt", V1.encode())
        body = await done(c, office, m.json()["id"])
        fid = body["findings"][0]["id"]
        no_token = await c.post(f"/api/findings/{fid}", json={"state": "accepted"})  # the cookie alone: a forged post
        assert no_token.status_code == 403
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        ok = await c.post(f"/api/findings/{fid}", json={"state": "accepted"}, headers={"x-csrf-token": csrf})
        assert ok.status_code == 200 and ok.json()["decided_by"] == "editor"
        c.cookies.clear()
        for _ in range(5):
            assert (await _login(c, "editor", "wrong password")).status_code == 401
        blocked = await _login(c, "editor", "editor-password")  # even the right password, for a while
        assert blocked.status_code == 429
        # a colleague behind the same address is not locked out by one account's failures …
        assert (await _login(c, "admin", "admin-password")).status_code == 303
        c.cookies.clear()
        for i in range(45):  # … but a guesser spreading over names from one address is, at 50 failures
            assert (await _login(c, f"name{i}", "wrong password")).status_code == 401
        assert (await _login(c, "admin", "admin-password")).status_code == 429
    office.run(go)


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    office = Office(tmp_path)

    async def go(c: httpx.AsyncClient) -> None:
        from citeguard.serve.app import MAX_BODY
        r = await upload(c, office, "big.txt", b"x" * (MAX_BODY + 10))
        assert r.status_code == 413 and "larger than" in r.json()["error"]
    office.run(go)


def test_the_schema_is_versioned_and_a_newer_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    assert migrate(path) == 0 and migrate(path) == SCHEMA_VERSION  # the second run has nothing to do
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaError, match="newer citeguard"):
        migrate(path)


def test_the_trusted_header_is_honoured_only_when_configured(tmp_path: Path) -> None:
    from citeguard.serve import WebConfig
    office = Office(tmp_path)
    plain = create_app(office.desk, start_workers=False)
    proxied = create_app(office.desk, WebConfig(trusted_header="X-Remote-User"), start_workers=False)
    office.desk.upload(office.editor, "p.txt", CLEAN.encode())

    async def go() -> tuple[int, int, int]:
        codes = []
        for app, who in ((plain, "editor"), (proxied, "editor"), (proxied, "nobody")):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
                codes.append((await c.get("/api/manuscripts", headers={"X-Remote-User": who})).status_code)
        return codes[0], codes[1], codes[2]
    try:
        assert asyncio.run(go()) == (401, 200, 401)
    finally:
        office.desk.pool.stop()


def test_a_desk_of_the_first_schema_is_migrated_with_its_data(tmp_path: Path) -> None:
    from citeguard.serve import db
    path = tmp_path / "data" / "citeguard.sqlite3"
    path.parent.mkdir()
    conn = db.connect(path)
    for statement in db.MIGRATIONS[0].split(";"):  # a desk written by the release with the first schema
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO offices(name) VALUES ('journal')")
    conn.execute("INSERT INTO manuscripts(id, office_id, filename, file_hash, kind, root, version, status, uploaded_by, "
                 "created) VALUES ('old', 1, 'old.txt', ?, '.txt', 'old', 1, 'done', 'x', 0)", ("0" * 64,))
    conn.execute("INSERT INTO findings(manuscript_id, seq, code, rule, severity, confidence, line, col, location, refs, "
                 "cites, notes, message, message_zh, suggestion, suggestion_zh, fingerprint, state) VALUES ('old', 0, "
                 "'CG109', 'r', 'error', 'high', 3, 1, '3:1', '[]', '[]', '[]', 'm', 'm', '', '', 'fp', 'dismissed')")
    conn.close()
    desk = Desk(DeskConfig(tmp_path / "data"))  # the new release opens it
    assert desk.db.one("PRAGMA user_version")[0] == SCHEMA_VERSION == 2
    row = desk.db.one("SELECT state, excerpt FROM findings WHERE manuscript_id = 'old'")
    assert (row["state"], row["excerpt"]) == ("dismissed", "")
