"""The reports' headers name GB/T 7714 only for a paper in its style; another paper's header names
its own style (terminal, HTML, Markdown), in the report's language."""

from __future__ import annotations

import re

import pytest

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.model import EntryStyle
from citeguard.report.audit_json import AuditResult
from citeguard.report.ci_formats import render_markdown
from citeguard.report.html import render_html
from citeguard.report.terminal import render_audit_summary

APA = """Growth matters (Smith, 2020; Jones, 2019).

References

Jones, K. (2019). Another title of a book. New York: Publisher.
Smith, J. (2020). Title of the work. Journal of Things, 12(3), 45-67.
"""
VANCOUVER = "Growth matters [1].\n\nReferences\n\n[1] Smith J. Title of the work. J Things. 2020;12(3):45-67.\n"
GBT = "研究表明[1]。\n\n参考文献\n\n[1] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.\n"
APA_ZH = "研究表明（周文和许凌云，2023）。\n\n参考文献\n\n周文, 许凌云. (2023). 论新质生产力. 改革, (10), 1-13.\n"
NOTHING = "A paper that cites nothing at all.\n"


def _result(text: str) -> AuditResult:
    doc = document_from_text(text)
    ctx, findings = audit(doc)
    return AuditResult(doc, ctx.standard, ctx.paper_date, findings)


def _headers(text: str, lang: str) -> tuple[str, str, str]:
    """The terminal's standard line, the HTML header's line and the Markdown counts line."""
    result = _result(text)
    terminal = next(line for line in render_audit_summary(result, lang=lang, width=300).splitlines()
                    if "references" in line or "参考文献" in line)
    html = re.search(r"<header>.*?<p>(.*?)</p>", render_html(result, text, [], lang=lang), re.S)
    assert html is not None
    markdown = next(line for line in render_markdown([result], lang=lang).splitlines() if line.startswith("**"))
    return terminal, html.group(1), markdown


@pytest.mark.parametrize(("text", "style"), [
    (APA, EntryStyle.APA), (VANCOUVER, EntryStyle.UNKNOWN), (GBT, EntryStyle.GBT), (APA_ZH, EntryStyle.APA),
    (NOTHING, None),
])
def test_the_document_knows_its_style(text: str, style: EntryStyle | None) -> None:
    assert document_from_text(text).entry_style is style


@pytest.mark.parametrize(("text", "lang", "named"), [
    (APA, "en", "APA/Harvard"),
    (APA_ZH, "zh", "APA/Harvard"),
    (VANCOUVER, "en", "a style citeguard does not read"),
    (NOTHING, "en", "no reference entries read"),
])
def test_a_paper_in_another_style_is_not_said_to_follow_gbt(text: str, lang: str, named: str) -> None:
    for line in _headers(text, lang):
        assert "7714" not in line, line
        assert named in line, line


@pytest.mark.parametrize(("lang", "terminal", "html", "markdown"), [
    ("en", "standard: GB/T 7714-2025", "standard GB/T 7714-2025", "— GB/T 7714-2025, 1 reference, 1 citation"),
    ("zh", "标准：GB/T 7714—2025", "标准 GB/T 7714-2025", "— GB/T 7714—2025，参考文献 1 条"),
])
def test_a_gbt_paper_names_the_standard(lang: str, terminal: str, html: str, markdown: str) -> None:
    got = _headers(GBT, lang)
    assert terminal in got[0] and html in got[1] and markdown in got[2], got


def test_the_style_line_is_in_the_reports_language() -> None:
    terminal, html, _ = _headers(APA_ZH, "zh")
    assert terminal.startswith("著录格式：APA/Harvard") and "著录格式 APA/Harvard" in html
