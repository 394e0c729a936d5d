"""Which report files an audit writes, and where (the renderers stay pure; this module decides
names and calls the one file writer)."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeguard.ledger import build_ledger
from citeguard.report import write_report, write_reports
from citeguard.report.audit_json import AuditResult, render_report_json
from citeguard.report.ci_formats import render_github, render_markdown, render_sarif
from citeguard.report.html import render_html
from citeguard.report.index_html import IndexRow, render_index
from citeguard.report.junit import render_junit
from citeguard.report.ledger_csv import render_ledger_csv

FORMATS = ("json", "html", "sarif", "ledger")
# Characters a browser draws only with a CJK font (else as boxes): 中 〇 あ 한
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class OutputPlan:
    """Report files for one run: per paper in ``reports_dir``, or the explicitly named ones."""

    reports_dir: Path = Path("reports")
    formats: tuple[str, ...] = FORMATS
    json_file: Path | None = None
    html_file: Path | None = None
    sarif_file: Path | None = None
    markdown_file: Path | None = None
    junit_file: Path | None = None
    fail_rank: int = 3  # --fail-on as a severity rank (JUnit failures)
    timestamp: str | None = None
    lang: str | None = None
    written: list[Path] = field(default_factory=list)


def _put(plan: OutputPlan, path: Path, text: str, staged: list[tuple[Path, str]] | None = None) -> None:
    if str(path) == "-":
        sys.stdout.write(text)
    elif staged is not None:
        staged.append((path, text))
    else:
        plan.written.append(write_report(path, text))


def write_paper(plan: OutputPlan, result: AuditResult, source: str, stem: str) -> None:
    """The per-paper files: JSON, HTML, SARIF and ledger CSV, rendered first and then written as
    one set (an interrupted run never leaves this run's JSON beside the last run's HTML)."""
    staged: list[tuple[Path, str]] = []
    _render_paper(plan, result, source, stem, staged)
    plan.written.extend(write_reports(staged))


def _render_paper(plan: OutputPlan, result: AuditResult, source: str, stem: str,
                  staged: list[tuple[Path, str]]) -> None:
    lang = plan.lang or result.document.language.value
    def named(suffix: str) -> Path:  # not with_suffix: stems may contain dots (201605.01011-…)
        return plan.reports_dir / f"{stem}{suffix}"

    if plan.json_file is not None:
        _put(plan, plan.json_file, render_report_json(result, timestamp=plan.timestamp), staged)
    elif "json" in plan.formats:
        _put(plan, named(".json"), render_report_json(result, timestamp=plan.timestamp), staged)
    want_html = plan.html_file is not None or (plan.json_file is None and "html" in plan.formats)
    want_ledger = plan.json_file is None and "ledger" in plan.formats
    if want_html or want_ledger:
        ledger = build_ledger(result.document, with_urls=any(not v.page_cited for v in result.quotations))
        if want_html:
            _put(plan, plan.html_file or named(".html"), render_html(result, source, ledger, lang=lang), staged)
        if want_ledger:
            _put(plan, named(".ledger.csv"), render_ledger_csv(ledger, result.quotations), staged)
    if plan.json_file is None and plan.sarif_file is None and "sarif" in plan.formats:
        _put(plan, named(".sarif"), render_sarif([result]), staged)


def write_run(plan: OutputPlan, results: list[AuditResult], unreadable: Sequence[tuple[str, str]] = (),
              lang: str = "en") -> None:
    """Files that cover every paper of the run: a SARIF log, a Markdown PR comment, JUnit XML (the
    last two also list the papers that could not be read: a dashboard must not show them passing)."""
    if plan.sarif_file is not None:
        _put(plan, plan.sarif_file, render_sarif(results))
    if plan.markdown_file is not None:
        _put(plan, plan.markdown_file, render_markdown(results, lang=plan.lang or lang, unreadable=unreadable))
    if plan.junit_file is not None:
        _put(plan, plan.junit_file, render_junit(results, plan.fail_rank, unreadable=unreadable,
                                                 lang=plan.lang or lang))


def write_index(plan: OutputPlan, rows: list[IndexRow], lang: str) -> None:
    """reports/index.html: one row per paper of the run, linking each paper's report."""
    _put(plan, plan.reports_dir / "index.html", render_index(rows, lang=lang))


def github_annotations(result: AuditResult, lang: str | None) -> str:
    return render_github(result, lang=lang or result.document.language.value)


def screenshot(html: Path, png: Path) -> str | None:
    """Save a PNG of the HTML report with headless Chromium; returns why it could not, or None."""
    import os
    import shutil

    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    chromium = os.environ.get("CITEGUARD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return "no Chromium executable (apt-get install chromium, or set CITEGUARD_CHROMIUM)"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(html.resolve().as_uri())
            png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png))
            browser.close()
    except Error as exc:
        return f"Chromium failed: {str(exc).splitlines()[0]}"
    return None


def missing_cjk_font(html: Path) -> bool:
    """Would a screenshot of this report show boxes: it holds Chinese (CJK) text and fontconfig,
    which Chromium draws with on Linux, knows no Chinese font (``fc-list :lang=zh`` lists none)?
    Elsewhere, or without fc-list, nothing can be told: False."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if not sys.platform.startswith("linux") or fc_list is None:
        return False
    try:
        if not _CJK_RE.search(html.read_text(encoding="utf-8", errors="replace")):
            return False
        fonts = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30,
                               check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return not fonts.strip()
