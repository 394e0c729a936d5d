"""The desk's pages rendered through the ASGI transport: sorting, paging, and manuscript text
(file names, titles, messages) shown as text, never as markup."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest

from citeguard.serve.auth import start_session
from tests.servekit import V1, Office, done, upload


@pytest.fixture()
def office(tmp_path: Path) -> Office:
    return Office(tmp_path)


def _fill(office: Office, n: int) -> None:
    with office.desk.db.write() as conn:
        for i in range(n):
            conn.execute("INSERT INTO manuscripts(id, office_id, filename, file_hash, kind, issue, root, version, status, "
                         "uploaded_by, created, errors) VALUES (?, ?, ?, ?, '.txt', ?, ?, 1, 'done', 'x', ?, ?)",
                         (f"m{i:04d}", office.editor.office_id, f"paper-{i:04d}.txt", "0" * 64, f"issue-{i % 3}",
                          f"m{i:04d}", time.time() - i, i % 7))


@pytest.mark.parametrize(("query", "first", "rows", "pager"), [
    ("", "paper-0000.txt", 500, "Page 1 of 2 (600 manuscripts)"),
    ("?page=1", "paper-0500.txt", 100, "Page 2 of 2 (600 manuscripts)"),
    ("?sort=filename&dir=asc", "paper-0000.txt", 500, "Page 1 of 2"),
    ("?sort=filename&dir=desc", "paper-0599.txt", 500, "Page 1 of 2"),
    ("?sort=errors&dir=desc", None, 500, "Page 1 of 2"),
    ("?issue=issue-1", "paper-0001.txt", 200, None),
    ("?sort=created;DROP TABLE manuscripts&page=999999999", "paper-0000.txt", 500, "Page 1 of 2"),
])
def test_the_desk_sorts_filters_and_pages(office: Office, query: str, first: str | None, rows: int,
                                          pager: str | None) -> None:
    _fill(office, 600)
    cookie, _ = start_session(office.desk.db, office.editor)

    async def go(c: httpx.AsyncClient) -> None:
        c.cookies.set("citeguard_session", cookie)
        r = await c.get("/" + query + ("&" if "?" in query else "?") + "lang=en")
        assert r.status_code == 200
        names = re.findall(r'<a href="/m/m\d+">([^<]+)</a>', r.text)
        assert len(names) == rows
        if first:
            assert names[0] == first
        if "errors" in query:
            errors = [int(x) for x in re.findall(r'<td class="num">(\d+)</td><td class="num">\d+</td><td class="num open">',
                                                 r.text)]
            assert errors == sorted(errors, reverse=True) and errors[0] == 6
        assert (pager in r.text) if pager else ('id="pager"' not in r.text)
    office.run(go)
    assert office.desk.db.one("SELECT COUNT(*) FROM manuscripts")[0] == 600


def test_manuscript_text_is_never_markup(office: Office) -> None:
    hostile = V1.replace("数字经济与区域创新", "<script>alert('t')</script>数字经济<img src=x onerror=alert(1)>", 1)
    cookie, _ = start_session(office.desk.db, office.editor)

    async def go(c: httpx.AsyncClient) -> None:
        c.cookies.set("citeguard_session", cookie)
        m = await done(c, office, (await upload(c, office, "x<img src=y>.txt", hostile.encode())).json()["id"])
        assert m["status"] == "done"
        for url in ("/", f"/m/{m['id']}"):
            page = (await c.get(url)).text
            assert "<script>alert" not in page and "<img src=x" not in page and "<img src=y" not in page
            assert "x&lt;img src=y&gt;.txt" in page
        letter = (await c.get(f"/m/{m['id']}/letter?format=html&lang=en")).text
        assert "<script>alert" not in letter and "<img src=x" not in letter
        report = await c.get(f"/m/{m['id']}/report.html")
        assert "sandbox" in report.headers["content-security-policy"]
    office.run(go)
