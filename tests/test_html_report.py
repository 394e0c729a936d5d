"""The HTML report, rendered into memory: self-contained, escaped, linked."""

from __future__ import annotations

import re

import pytest

from citeguard.api import document_from_text, load_with_source
from citeguard.checks import audit
from citeguard.ledger import build_ledger
from citeguard.model import LinkResult, LinkStatus
from citeguard.report.audit_json import AuditResult
from citeguard.report.html import render_html

from .conftest import PAPER


@pytest.fixture(scope="module")
def page() -> str:
    source, doc = load_with_source(PAPER)
    ctx, findings = audit(doc)
    return render_html(AuditResult(doc, ctx.standard, ctx.paper_date, findings), source.text, build_ledger(doc))


def test_self_contained_with_csp(page: str) -> None:
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=\"https?://", page)


def test_sections_and_counts(page: str) -> None:
    for anchor in ("summary", "findings", "text", "references", "links", "ledger"):
        assert f'id="{anchor}"' in page
    assert page.count('class="finding"') == 30
    assert page.count("<li id=\"ref-") == 51
    assert '<p id="L141">' in page


def test_citations_link_to_their_entries(page: str) -> None:
    # （习近平，2025:228） on line 141 is linked to entry [41] (position 41) and marked as an error spot
    line = re.search(r'<p id="L141">.*?</p>', page, re.S)
    assert line and 'href="#ref-41"' in line.group(0) and "sev-error" in line.group(0)


def test_ledger_marks_the_page_missing_from_the_entry(page: str) -> None:
    ledger = page[page.index('id="ledger"'):]
    assert ledger.count("条目未列此页") == 1 and "228" in ledger


def test_manuscript_text_is_escaped_and_javascript_urls_are_not_links() -> None:
    text = ("正文<script>alert(1)</script>（张三，2020）。①\n\n"
            "① 题名<img src=x onerror=alert(1)>[EB/OL].(2024-01-01)[2024-02-01].javascript:alert(1)\n\n"
            "② 另一题名[EB/OL].(2024-01-01)[2024-02-01].https://www.gov.cn/a.htm\n\n"
            "参考文献\n\n[1] 张三.题名<b>[J].刊名,2020(1):1-2.\n")
    doc = document_from_text(text)
    links = [LinkResult("https://www.gov.cn/a.htm", LinkStatus.OK, 200, title="<i>x</i>",
                        archive_url="javascript:alert(2)")]
    ctx, findings = audit(doc, links=links)
    html = render_html(AuditResult(doc, ctx.standard, ctx.paper_date, findings, links=tuple(links)), text, [])
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>[J]" not in html and "<i>x</i>" not in html
    assert 'href="javascript:' not in html
    assert 'href="https://www.gov.cn/a.htm"' in html


def test_english_interface() -> None:
    source, doc = load_with_source(PAPER)
    ctx, findings = audit(doc)
    html = render_html(AuditResult(doc, ctx.standard, ctx.paper_date, findings), source.text, [], lang="en")
    assert "Quotation ledger" in html and 'lang="en"' in html
