"""The review desk in a real headless Chromium (Debian's, driven by Playwright), served by uvicorn on
127.0.0.1: log in, upload a Word manuscript, review with the mouse and the keys, reload, a second
editor sees the decisions, a revision carries them and shows the fixed finding resolved, and the
letter and the commented .docx are downloaded and opened. Skips with the reason without Chromium."""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from citeguard.serve import Desk, DeskConfig, WebConfig, create_app, create_user
from tests.docxbuild import build_docx
from tests.servekit import V1, V2

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
uvicorn = pytest.importorskip("uvicorn")
CHROMIUM = os.environ.get("CITEGUARD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium executable (apt-get install chromium)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Desk]]:
    desk = Desk(DeskConfig(tmp_path / "data", workers=2))
    create_user(desk.db, "wang", "wang-password", office="journal")
    create_user(desk.db, "li", "li-password", office="journal")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(desk, WebConfig(secure_cookies=False)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    end = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < end, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", desk
    finally:
        server.should_exit = True
        thread.join(20)


def _log_in(browser: Any, base: str, name: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(base + "/?lang=en")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", f"{name}-password")
    page.click("#login")
    try:
        page.wait_for_selector("#upload-form")
    except playwright.Error as exc:  # say what the page shows instead
        raise AssertionError(f"{name} not logged in: {page.url}: {page.inner_text('body')[:500]!r}") from exc
    return context, page, problems


def _row(page: Any, code: str) -> Any:
    return page.locator(f"tr.finding[data-rule={code}]")


def test_review_desk_in_chromium(served: tuple[str, Desk], tmp_path: Path) -> None:
    base, _desk = served
    build_docx(V1, tmp_path / "paper.docx")
    build_docx(V2, tmp_path / "paper-revised.docx")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context, page, problems = _log_in(browser, base, "wang")
        page.set_input_files("#files", str(tmp_path / "paper.docx"))
        page.fill("input[name=issue]", "2026-12")
        page.click("#send")
        page.wait_for_selector("#findings", timeout=60_000)  # the page follows the job until it is done
        assert sorted(page.locator("tr.finding").evaluate_all("rs => rs.map(r => r.dataset.rule)")) == \
            ["CG102", "CG109", "CG203"]
        review_url = page.url

        # keys: j moves to the first visible finding, a accepts it; saved at once
        page.select_option("#f-rule", "CG109")
        assert page.locator("tr.finding:visible").count() == 1
        page.keyboard.press("j")
        page.keyboard.press("a")
        page.wait_for_selector("tr.finding[data-rule=CG109][data-state=accepted]")
        page.select_option("#f-rule", "")
        page.once("dialog", lambda d: d.accept("the journal prints both ranges"))
        _row(page, "CG203").locator("button.dismiss").click()
        page.wait_for_selector("tr.finding[data-rule=CG203][data-state=dismissed]")
        page.once("dialog", lambda d: d.accept("请作者补齐第 5 条"))
        _row(page, "CG109").locator("button.comment").click()
        page.wait_for_selector("tr.finding[data-rule=CG109] .comments li")

        page.reload()  # kept
        assert _row(page, "CG109").get_attribute("data-state") == "accepted"
        assert "the journal prints both ranges" in _row(page, "CG203").inner_text()
        assert "请作者补齐第 5 条" in _row(page, "CG109").inner_text()
        page.select_option("#f-state", "open")
        assert page.locator("tr.finding:visible").evaluate_all("rs => rs.map(r => r.dataset.rule)") == ["CG102"]
        page.select_option("#f-state", "")

        # another editor of the office sees the decisions, and the first sees the second's at the next poll
        other, second, more = _log_in(browser, base, "li")
        second.goto(review_url)
        assert _row(second, "CG203").get_attribute("data-state") == "dismissed"
        assert "wang" in _row(second, "CG203").inner_text()
        second.once("dialog", lambda d: d.accept("not our journal's rule"))
        _row(second, "CG102").locator("button.dismiss").click()
        second.wait_for_selector("tr.finding[data-rule=CG102][data-state=dismissed]")
        page.wait_for_selector("tr.finding[data-rule=CG102][data-state=dismissed]", timeout=15_000)

        # letter and Word comments, downloaded and opened
        with page.expect_download() as got:
            page.click("#letter-docx-zh")
        letter = docx.Document(str(got.value.path()))
        said = "\n".join(p.text for p in letter.paragraphs)
        assert "CG109" in said and "请作者补齐第 5 条" in said and "CG203" not in said
        with page.expect_download() as got:
            page.click("#commented")
        commented = docx.Document(io.BytesIO(Path(got.value.path()).read_bytes()))
        assert [("CG109" in c.text) for c in commented.comments] == [True]

        # a revision: decisions carried, the fixed finding resolved, the new one marked
        page.goto(base + "/")
        page.set_input_files("#files", str(tmp_path / "paper-revised.docx"))
        page.select_option("#revision_of", label="paper.docx · v1 · 2026-12")
        page.click("#send")
        page.wait_for_selector("#findings", timeout=60_000)
        assert _row(page, "CG203").get_attribute("data-state") == "dismissed"
        assert page.locator("tr.finding .new").count() == 1 and "[6]" in _row(page, "CG109").inner_text()
        resolved = page.locator("#resolved li").all_inner_texts()
        assert sorted(x.split()[0] for x in resolved) == ["CG102", "CG109"]
        page.goto(base + "/")
        assert page.locator("#desk tr.ms").count() == 2
        assert problems == [] and more == []
        other.close()
        context.close()
        browser.close()
