"""The review desk's JSON API through httpx's ASGI transport: authentication, upload and audit,
decisions and comments, revisions matched to the version they revise, the letter, the exports and
the offices kept apart. The manuscripts' findings are known from their text (tests/servekit.py)."""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import httpx
import pytest

from tests.docxbuild import build_docx
from tests.servekit import CLEAN, V1, V2, Office, by_code, done, upload, zipped


@pytest.fixture()
def office(tmp_path: Path) -> Office:
    return Office(tmp_path)


@pytest.mark.parametrize(("method", "url"), [
    ("GET", "/api/manuscripts"), ("POST", "/api/manuscripts"), ("GET", "/api/manuscripts/abc"),
    ("POST", "/api/findings/1"), ("POST", "/api/findings/1/comments"), ("GET", "/api/manuscripts/abc/letter"),
])
@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Basic YWRtaW46eA=="])
def test_without_a_valid_token_every_route_is_401(office: Office, method: str, url: str, auth: str | None) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        r = await c.request(method, url, headers={"authorization": auth} if auth else {})
        assert r.status_code == 401, r.text
        assert "authentication" in r.json()["error"]
    office.run(go)


def test_upload_audit_decide_comment_and_letter(office: Office) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        r = await upload(c, office, "paper.txt", V1.encode())
        assert r.status_code == 201 and r.json()["status"] in ("queued", "running", "done")
        body = await done(c, office, r.json()["id"])
        assert body["status"] == "done"
        found = by_code(body)
        assert set(found) == {"CG109", "CG102", "CG203"}  # the three slips V1 was written with, nothing else
        assert found["CG109"]["severity"] == "error" and "[5]" in found["CG109"]["message"]
        assert found["CG109"]["line"] == V1.splitlines().index(next(x for x in V1.splitlines() if "[5]" in x)) + 1
        assert all(f["state"] == "open" and f["new"] is False for f in body["findings"])
        assert "本文进一步考察制度环境的作用[5]" in found["CG109"]["excerpt"]  # the line it is on, for the reviewer
        assert found["CG203"]["excerpt"].startswith("[2] 王芳.")
        assert body["resolved"] == []

        r = await c.post(f"/api/findings/{found['CG109']['id']}", headers=office.auth, json={"state": "accepted"})
        assert r.status_code == 200 and r.json()["state"] == "accepted" and r.json()["decided_by"] == "editor"
        r = await c.post(f"/api/findings/{found['CG102']['id']}", headers=office.auth,
                         json={"state": "dismissed", "reason": "cited in the appendix"})
        assert r.json()["state"] == "dismissed" and r.json()["reason"] == "cited in the appendix"
        r = await c.post(f"/api/findings/{found['CG109']['id']}/comments", headers=office.auth,
                         json={"text": "请核对第 4 条"})
        assert [x["text"] for x in r.json()["comments"]] == ["请核对第 4 条"]

        again = by_code(await done(c, office, body["id"]))  # kept: read back from the database
        assert (again["CG109"]["state"], again["CG102"]["state"], again["CG203"]["state"]) == \
            ("accepted", "dismissed", "open")

        zh = (await c.get(f"/api/manuscripts/{body['id']}/letter?lang=zh", headers=office.auth)).text
        en = (await c.get(f"/api/manuscripts/{body['id']}/letter?lang=en", headers=office.auth)).text
        assert "有以下 1 处需要修改" in zh and "CG109" in zh and "请核对第 4 条" in zh
        assert "CG102" not in zh and "CG203" not in zh  # dismissed and open findings are not the author's to fix
        assert "1 points need correcting" in en and "there is no entry [5]" in en and "Where: line 7" in en
        assert "位置：第 7 行" in zh
    office.run(go)


@pytest.mark.parametrize(("body", "status"), [
    ({"state": "maybe"}, 400), ({"reason": "no state"}, 400), ([], 400),
])
def test_bad_decisions_are_refused(office: Office, body: Any, status: int) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        m = await done(c, office, (await upload(c, office, "p.txt", V1.encode())).json()["id"])
        fid = m["findings"][0]["id"]
        r = await c.post(f"/api/findings/{fid}", headers=office.auth, json=body)
        assert r.status_code == status and r.json()["error"]
        assert (await c.post("/api/findings/999999", headers=office.auth, json={"state": "open"})).status_code == 404
    office.run(go)


def test_a_revision_keeps_decisions_resolves_the_fixed_and_marks_the_new(office: Office) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        first = await done(c, office, (await upload(c, office, "p.txt", V1.encode(), issue="2026-12")).json()["id"])
        f1 = by_code(first)
        await c.post(f"/api/findings/{f1['CG203']['id']}", headers=office.auth,
                     json={"state": "dismissed", "reason": "the journal prints both ranges"})
        await c.post(f"/api/findings/{f1['CG109']['id']}", headers=office.auth, json={"state": "accepted"})
        r = await upload(c, office, "p-revised.txt", V2.encode(), revision_of=first["id"])
        second = await done(c, office, r.json()["id"])
        assert second["version"] == 2 and second["revision_of"] == first["id"] and second["issue"] == "2026-12"
        f2 = second["findings"]
        kept = [f for f in f2 if f["code"] == "CG203"]
        assert len(kept) == 1 and kept[0]["state"] == "dismissed" and not kept[0]["new"]
        assert kept[0]["reason"] == "the journal prints both ranges"
        new = [f for f in f2 if f["new"]]
        assert [(f["code"], "[6]" in f["message"]) for f in new] == [("CG109", True)]
        assert sorted(r["code"] for r in second["resolved"]) == ["CG102", "CG109"]
        assert any("[5]" in r["message"] for r in second["resolved"])
        clean = await done(c, office, (await upload(c, office, "p3.txt", CLEAN.encode(),
                                                    revision_of=second["id"])).json()["id"])
        assert clean["findings"] == [] and sorted(r["code"] for r in clean["resolved"]) == ["CG109", "CG203"]
    office.run(go)


def test_offices_are_kept_apart(office: Office, tmp_path: Path) -> None:
    from citeguard.serve import create_token
    stranger = create_token(office.desk.db, "stranger")

    async def go(c: httpx.AsyncClient) -> None:
        mine = await done(c, office, (await upload(c, office, "p.txt", V1.encode())).json()["id"])
        theirs = {"authorization": f"Bearer {stranger}"}
        assert (await c.get(f"/api/manuscripts/{mine['id']}", headers=theirs)).status_code == 404
        assert (await c.get("/api/manuscripts", headers=theirs)).json()["manuscripts"] == []
        fid = mine["findings"][0]["id"]
        r = await c.post(f"/api/findings/{fid}", headers=theirs, json={"state": "dismissed", "reason": "not ours"})
        assert r.status_code == 404
        assert (await c.get(f"/api/manuscripts/{mine['id']}", headers=office.auth)).json()["findings"][0]["state"] == "open"
        r = await c.post("/api/manuscripts", headers=theirs, files={"file": ("p.txt", V1.encode())},
                         data={"revision_of": mine["id"]})
        assert r.status_code == 400 and "no manuscript" in r.json()["error"]
    office.run(go)


@pytest.mark.parametrize(("name", "data", "status", "said"), [
    ("paper.exe", b"MZ\x90\x00", 415, "not a manuscript"),
    ("paper.pdf", b"<html>not a pdf</html>", 415, "contents are not a .pdf"),
    ("paper.docx", b"plain text", 415, "contents are not a .docx"),
    ("paper.txt", b"", 400, "empty"),
    ("issue.zip", zipped({"../../evil.txt": V1.encode(), "ok.txt": V1.encode()}), 400, "names a file outside itself"),
    ("issue.zip", zipped({"notes.exe": b"x"}), 400, "no manuscript"),
    ("issue.zip", b"PK\x03\x04 broken", 400, "not a readable .zip"),
])
def test_uploads_of_the_wrong_kind_get_a_clear_message(office: Office, name: str, data: bytes, status: int,
                                                        said: str) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        r = await upload(c, office, name, data)
        assert r.status_code == status and said in r.json()["error"], r.text
        assert (await c.get("/api/manuscripts", headers=office.auth)).json()["manuscripts"] == []
    office.run(go)


def test_a_zip_bomb_is_refused_unread(office: Office) -> None:
    bomb = zipped({"big.txt": b"0" * (60 * 1024 * 1024)})  # 60 MB of zeros packs to ~60 KB

    async def go(c: httpx.AsyncClient) -> None:
        r = await upload(c, office, "bomb.zip", bomb)
        assert r.status_code == 400 and "zip bomb" in r.json()["error"]
    office.run(go)


def test_a_whole_issue_as_a_zip_and_a_latex_project(office: Office) -> None:
    bib = "@article{zhang2021, author={张伟 and 李明}, title={数字经济与创新效率}, journal={经济研究}, year={2021}}\n"
    tex = ("\\documentclass{article}\n\\begin{document}\n数字经济改变了创新\\cite{zhang2021}，也改变了分工\\cite{nokey}。\n"
           "\\bibliography{refs}\n\\end{document}\n")

    async def go(c: httpx.AsyncClient) -> None:
        r = await upload(c, office, "issue-12.zip", zipped({"a/one.txt": V1.encode(), "two.md": CLEAN.encode(),
                                                            "__MACOSX/._one.txt": b"junk", "readme.pdf": b"no"}),
                         issue="2026-12")
        assert r.status_code == 201
        names = {m["filename"]: m["id"] for m in r.json()["manuscripts"]}
        assert set(names) == {"one.txt", "two.md"}
        one, two = [await done(c, office, names[n]) for n in ("one.txt", "two.md")]
        assert set(by_code(one)) == {"CG109", "CG102", "CG203"} and two["findings"] == []
        listed = (await c.get("/api/manuscripts?issue=2026-12", headers=office.auth)).json()["manuscripts"]
        assert len(listed) == 2
        r = await upload(c, office, "paper.zip", zipped({"paper/main.tex": tex.encode(), "paper/refs.bib": bib.encode()}))
        project = await done(c, office, r.json()["id"])
        assert project["status"] == "done", project.get("error")
        assert [f["code"] for f in project["findings"] if "nokey" in f["message"]] == ["CG112"]
    office.run(go)


def test_an_unreadable_manuscript_fails_with_its_reason(office: Office) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        body = await done(c, office, (await upload(c, office, "bad.docx", zipped({"hello.txt": b"hi"}))).json()["id"])
        assert body["status"] == "failed" and body["error"] and "\n" not in body["error"]
        assert "Traceback" not in body["error"] and str(office.desk.config.data) not in body["error"]
    office.run(go)


def test_exports_commented_docx_letter_docx_baseline(office: Office, tmp_path: Path) -> None:
    build_docx(V1, tmp_path / "paper.docx")
    data = (tmp_path / "paper.docx").read_bytes()

    async def go(c: httpx.AsyncClient) -> None:
        m = await done(c, office, (await upload(c, office, "paper.docx", data)).json()["id"])
        found = by_code(m)
        assert set(found) == {"CG109", "CG102", "CG203"}, m
        await c.post(f"/api/findings/{found['CG109']['id']}", headers=office.auth, json={"state": "accepted"})
        await c.post(f"/api/findings/{found['CG102']['id']}", headers=office.auth, json={"state": "dismissed", "reason": "not ours"})
        return m
    m = office.run(go)
    from citeguard.serve.exports import commented_docx, letter
    from citeguard.serve.values import JobStatus
    row = office.desk.manuscript(office.editor, m["id"])
    assert row is not None and row.status is JobStatus.DONE
    commented = docx.Document(io.BytesIO(commented_docx(office.desk, row, "en")))
    texts = [c.text for c in commented.comments]
    assert len(texts) == 1 and "CG109" in texts[0] and "[5]" in texts[0]  # the accepted finding only
    letter_doc = docx.Document(io.BytesIO(letter(office.desk, row, "zh", "docx")))  # type: ignore[arg-type]
    said = "\n".join(p.text for p in letter_doc.paragraphs)
    assert "CG109" in said and "CG102" not in said
    import json
    baseline = office.desk.baseline(row)
    assert json.loads(baseline)["schema"] == "citeguard-baseline/1"
    # CI with the desk's baseline beside the paper: the dismissed finding is excused, the others still fail
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "paper.docx").write_bytes(data)
    (tmp_path / "ci" / "baseline.json").write_text(baseline, encoding="utf-8")
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "citeguard", "audit", "paper.docx", "--offline", "--baseline",
                          "baseline.json", "--json", "-", "--fail-on", "never"], cwd=tmp_path / "ci",
                         capture_output=True, text=True, check=True)
    assert sorted(f["code"] for f in json.loads(out.stdout)["findings"]) == ["CG109", "CG203"]


def test_the_accepted_safe_fix_comes_back_as_a_tracked_change(office: Office, tmp_path: Path) -> None:
    build_docx(V1, tmp_path / "paper.docx")

    async def go(c: httpx.AsyncClient) -> dict[str, Any]:
        m = await done(c, office, (await upload(c, office, "paper.docx", (tmp_path / "paper.docx").read_bytes())
                                   ).json()["id"])
        await c.post(f"/api/findings/{by_code(m)['CG203']['id']}", headers=office.auth, json={"state": "accepted"})
        return m
    m = office.run(go)
    from citeguard.api import audit_file
    from citeguard.serve.exports import fixed_docx
    row = office.desk.manuscript(office.editor, m["id"])
    assert row is not None
    data, applied = fixed_docx(office.desk, row)
    assert applied == 1
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:author="citeguard"' in xml and re.findall(r"<w:delText[^>]*>([^<]*)<", xml) == [", 12-25"]
    assert "<w:ins " not in xml  # the second range is deleted; nothing is inserted
    (tmp_path / "fixed.docx").write_bytes(data)
    _, after = audit_file(tmp_path / "fixed.docx")  # read as Word shows it with the change accepted
    assert sorted(f.code for f in after) == ["CG102", "CG109"]  # the accepted one fixed; the others left to the author


def test_an_admin_makes_accounts_an_editor_cannot(office: Office) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        for name, password, status in (("editor", "editor-password", 403), ("admin", "admin-password", 200)):
            c.cookies.clear()
            r = await c.post("/login", data={"name": name, "password": password})
            c.cookies.set("citeguard_session", r.cookies["citeguard_session"])
            page = await c.get("/admin/users")
            assert page.status_code == status
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        made = await c.post("/admin/users", data={"csrf": csrf, "name": "zhao", "password": "zhao-password",
                                                  "role": "editor", "office": "journal"})
        assert made.status_code == 200 and "zhao" in made.text
        forged = await c.post("/admin/users", data={"csrf": "wrong", "name": "evil", "password": "evil-password"})
        assert forged.status_code == 403 and "evil" not in forged.text
        c.cookies.clear()
        r = await c.post("/login", data={"name": "zhao", "password": "zhao-password"})
        assert r.status_code == 303
    office.run(go)


def test_link_checks_follow_the_office_configuration(tmp_path: Path) -> None:
    from citeguard.serve import AuditSetup, Desk, DeskConfig, create_user
    from citeguard.serve.jobs import run_one
    from tests.localserver import serve

    with serve() as (base, hits):
        paper = V1.replace("[4] 赵磊. 制度环境与企业创新[M]. 北京: 人民出版社, 2018.",
                           f"[4] 赵磊. 制度环境与企业创新[EB/OL]. (2018-01-01)[2024-05-01]. {base}/missing.")
        seen = {}
        for checking in (False, True):
            desk = Desk(DeskConfig(tmp_path / f"desk-{checking}",
                                   setup=AuditSetup(check_links=checking, allow_private=checking)))
            user = create_user(desk.db, "e", "editor-password")
            for _ in range(2):  # the second audit of the office's desk answers from its cache
                mid = desk.upload(user, "p.txt", paper.encode())[0].id
                desk.pool.stop()
                while run_one(desk.db, desk.files, desk.config.data / "work", desk.pool.setup):
                    pass
            row = desk.manuscript(user, mid)
            assert row is not None
            seen[checking] = ([f for f in desk.findings(row) if "/missing" in f.message], hits["/missing"])
        (off, off_hits), (on, on_hits) = seen[False], seen[True]
        assert off_hits == 0 and off == []  # the office did not allow the network: nothing fetched, nothing said
        assert on_hits == 1 and len(on) == 1 and on[0].code.startswith("CG5") and on[0].severity.value != "info"


@pytest.mark.parametrize(("before", "after"), [
    ("16 citations use half-width brackets (¶10; ¶11) while 40 use full-width ones",
     "16 citations use half-width brackets (¶11; ¶12) while 40 use full-width ones"),
    ("16 处引用括号为半角（第 10 段、第 11 段）", "16 处引用括号为半角（第 11 段、第 12 段）"),
    ("[3] cited at p. 4, line 12", "[3] cited at p. 5, line 2"),
    ("lines 21, 23 and 25", "lines 22, 24 and 26"),
])
def test_a_finding_keeps_its_key_when_a_paragraph_is_added_above(before: str, after: str) -> None:
    from citeguard.model import Finding, Severity
    from citeguard.serve.jobs import key
    one, two = (Finding("CG111", "r", Severity.WARNING, m, m, 3, 1) for m in (before, after))
    assert key(one) == key(two)
    assert key(one) != key(Finding("CG111", "r", Severity.WARNING, "[9] " + before, "", 3, 1))  # another finding


def test_a_markdown_paper_with_its_bib_in_a_zip_and_no_server_path_in_any_message(office: Office) -> None:
    md = ("---\nbibliography: [refs.bib, missing.bib]\n---\n\n# 数字经济\n\n数字经济改变了创新[@zhang2021]，也改变了分工[@nokey]。\n")
    bib = "@article{zhang2021, author={张伟 and 李明}, title={数字经济与创新效率}, journal={经济研究}, year={2021}}\n"

    async def go(c: httpx.AsyncClient) -> None:
        r = await upload(c, office, "paper.zip", zipped({"paper.md": md.encode(), "refs.bib": bib.encode()}))
        body = await done(c, office, r.json()["id"])
        assert body["status"] == "done", body.get("error")
        assert [f["code"] for f in body["findings"] if "nokey" in f["message"]] == ["CG112"]
        data = str(office.desk.config.data)
        assert not any(data in f["message"] + f["message_zh"] for f in body["findings"])
        bad = await upload(c, office, "blank.pdf", b"%PDF-1.4\n%%EOF\n")
        failed = await done(c, office, bad.json()["id"])
        assert failed["status"] == "failed" and data not in failed["error"] and "/" not in failed["error"].split(":")[0]
    office.run(go)


def test_revisions_are_numbered_after_the_last_one(office: Office) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        first = (await upload(c, office, "p.txt", V1.encode())).json()["id"]
        second = (await upload(c, office, "p2.txt", V2.encode(), revision_of=first)).json()["id"]
        third = (await upload(c, office, "p3.txt", CLEAN.encode(), revision_of=first)).json()["id"]
        versions = [(await c.get(f"/api/manuscripts/{m}", headers=office.auth)).json()["version"]
                    for m in (first, second, third)]
        assert versions == [1, 2, 3]
    office.run(go)


@pytest.mark.parametrize(("method", "url", "body", "status"), [
    ("POST", "/api/findings/9223372036854775808", {"state": "open"}, 404),
    ("POST", "/api/findings/9223372036854775808/comments", {"text": "x"}, 404),
    ("GET", "/api/nothing-here", None, 404),
    ("GET", "/api/findings/1", None, 405),
    ("POST", "/api/findings/1/comments", {"text": ["a"]}, 400),
    ("POST", "/api/findings/1", {"state": "dismissed"}, 400),  # a dismissal needs its reason
    ("POST", "/api/findings/1", {"state": "dismissed", "reason": "   "}, 400),
])
def test_api_errors_are_json(office: Office, method: str, url: str, body: Any, status: int) -> None:
    async def go(c: httpx.AsyncClient) -> None:
        await done(c, office, (await upload(c, office, "p.txt", V1.encode())).json()["id"])
        r = await c.request(method, url, headers=office.auth, json=body)
        assert r.status_code == status and r.json()["error"], r.text
    office.run(go)


def test_the_trusted_header_needs_the_csrf_token_for_changes(tmp_path: Path) -> None:
    from citeguard.serve import WebConfig, create_app
    office = Office(tmp_path)
    app = create_app(office.desk, WebConfig(trusted_header="X-Remote-User"), start_workers=False)
    mid = office.desk.upload(office.editor, "p.txt", V1.encode())[0].id

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t",
                                     headers={"X-Remote-User": "admin"}) as c:
            body = await done(c, office, mid)
            fid = body["findings"][0]["id"]
            forged = await c.post(f"/api/findings/{fid}", json={"state": "accepted"})  # another site's form or script
            assert forged.status_code == 403
            made = await c.post("/admin/users", data={"name": "evil", "password": "evil-password", "role": "admin"})
            assert made.status_code == 403 and office.desk.db.one("SELECT 1 FROM users WHERE name = 'evil'") is None
            page = (await c.get("/")).text
            csrf = page.split('name="csrf" value="')[1].split('"')[0]
            ok = await c.post(f"/api/findings/{fid}", json={"state": "accepted"}, headers={"x-csrf-token": csrf})
            assert ok.status_code == 200 and ok.json()["decided_by"] == "admin"
    try:
        asyncio.run(go())
    finally:
        office.desk.pool.stop()
