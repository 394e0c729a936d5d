"""The HTML report of the reference paper in a real headless Chromium (Debian's, driven by
Playwright with executable_path; no browser download). Skips with the reason when either is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from citeguard.api import load_with_source
from citeguard.checks import audit
from citeguard.ledger import build_ledger
from citeguard.report.audit_json import AuditResult
from citeguard.report.html import render_html

from .conftest import PAPER

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
CHROMIUM = os.environ.get("CITEGUARD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium executable (apt-get install chromium)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _open(p: Any) -> tuple[Any, Any, list[str]]:
    """Chromium with one page, and the list its console errors, page errors and any request off
    the file system (a report fetches nothing) are collected in."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append(f"request {r.url}") if not r.url.startswith("file:") else None)
    return browser, page, problems


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, doc = load_with_source(PAPER)
    ctx, findings = audit(doc)
    html = render_html(AuditResult(doc, ctx.standard, ctx.paper_date, findings), source.text, build_ledger(doc))
    target = tmp_path_factory.mktemp("html") / "report.html"
    target.write_text(html, encoding="utf-8")
    return target


def test_report_in_chromium(report: Path, tmp_path: Path) -> None:
    with playwright.sync_playwright() as p:
        browser, page, problems = _open(p)
        page.goto(report.as_uri())
        page.wait_for_selector("#findings-table")
        rows = page.locator("tr.finding")
        assert rows.count() == 30
        visible = lambda: sum(1 for i in range(rows.count()) if rows.nth(i).is_visible())  # noqa: E731
        page.select_option("#f-sev", "error")
        assert visible() == 2 and page.inner_text("#shown") == "2"
        page.select_option("#f-sev", "")
        page.select_option("#f-code", "CG303")
        assert visible() == 5
        page.select_option("#f-code", "")
        assert visible() == 30
        link = page.locator('#L141 a.cit[href="#ref-41"]')
        link.click()
        assert page.evaluate("location.hash") == "#ref-41"
        assert page.locator("#ref-41").is_visible()
        assert "习近平谈治国理政(第5卷)" in page.inner_text("#ref-41")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        browser.close()
    assert not problems, problems
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_index_page_in_chromium(tmp_path: Path) -> None:
    """The run's index: every paper a row linking its report, sortable by a click on a heading."""
    from typer.testing import CliRunner

    from citeguard.cli import app

    from .conftest import REAL
    papers = [PAPER, *REAL[:3]]
    result = CliRunner().invoke(app, ["audit", "--offline", "--no-cache", *map(str, papers), "--reports-dir",
                                      str(tmp_path), "-q", "--fail-on", "never", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    index = tmp_path / "index.html"
    with playwright.sync_playwright() as p:
        browser, page, problems = _open(p)
        page.goto(index.as_uri())
        rows = page.locator("#papers tbody tr")
        assert rows.count() == len(papers)
        errors_column = lambda: [int(rows.nth(i).locator("td").nth(3).inner_text()) for i in range(rows.count())]  # noqa: E731
        page.click("th:has-text('错误'), th:has-text('errors')")
        assert errors_column() == sorted(errors_column(), reverse=True) and errors_column()[0] > 0
        page.click("th:has-text('错误'), th:has-text('errors')")
        assert errors_column() == sorted(errors_column())
        page.click("th:nth-child(1)")
        names = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
        assert names == sorted(names, key=str.lower)
        link = rows.first.locator("a")
        href = link.get_attribute("href")
        assert href and (tmp_path / href).exists()
        link.click()
        page.wait_for_selector("#findings-table")
        browser.close()
    assert not problems, problems
