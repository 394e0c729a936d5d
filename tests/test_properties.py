"""Property tests: no text, however odd, makes the parser raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeguard.api import document_from_text
from citeguard.model import Span
from citeguard.parse.entries import parse_entry
from citeguard.report.model_json import render_model_json

# Characters that matter to the parser, mixed with arbitrary text.
PIECES = st.sampled_from([
    "（", "）", "(", ")", "[", "]", "［", "］", "，", ",", "：", ":", "；", ";", ".", "。", "等", "和", "①", "②", "^",
    "{", "}", "*", "^{*}", "^①", "[J]", "[M]", "[EB/OL]", "//", "2023", "2018a", "-", "—", "\n", "\n\n", " ",
    "参考文献", "[1]", "- [2] ", "摘要:", "关键词:", "Abstract:", "http://", "https://x.cn/a.html", "周文", "Smith",
    "et al.", "&", "$", "#", "---", "\r\n", "\u3000", "·",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_parsing_any_text_never_raises(text: str) -> None:
    document = document_from_text(text)
    render_model_json(document)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_entry_parser_never_raises(text: str) -> None:
    ref = parse_entry(text, Span(1, 1, 1, 1))
    assert ref.raw == text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    document_from_text(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([None, "text/html", "text/html; charset=gbk", "text/html; charset=bogus"]))
def test_page_reading_never_raises(body: bytes, content_type: str | None) -> None:
    from citeguard.resolve.content import decode_html, page_facts

    page_facts(decode_html(body, content_type))


# Documents built from realistic parts: citations, entries, footnotes and marks in random order.
PARTS = st.sampled_from([
    "正文（周文，2023）。", "周文和许凌云（2024）认为。", "（习近平，2025:191）", "（张三等，2020a；李四，2021:5-6）",
    "研究[1-3]表明", "^①", "②", "。\n\n", "\n\n参考文献\n\n", "[1] 周文,许凌云.论题[J].改革,2023(10):1-13.\n",
    "[2] 习近平.文集(第5卷)[M].北京:外文出版社,2025:191,191,25-26.\n", "- [3] 题[EB/OL].(2026-02-30)[2025-01-01].http://x.gov.cn/art/2024/4/15/art_1.html.\n",
    "① 经济思想研究文集[M].北京:人民出版社.2024:216.\n\n", "② 题[N].人民日报,2024-02-02(001).\n\n",
    "摘要: 某。\n\n关键词: 甲; 乙\n\n", "Keywords: a; b; c\n\n", "(Smith et al., 2020, p. 5)", "Smith (2019)",
    "SMITH J, JONES K. Title[J]. Journal, 2020, 12(3): 45-67.\n", "【作者简介】某。\n\n", "Abstract: x.\n\n",
])
DOCS = st.lists(st.one_of(PARTS, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_every_rule_runs_on_any_document(text: str) -> None:
    from citeguard.checks import audit
    from citeguard.model import LinkResult, LinkStatus

    document = document_from_text(text)
    links = [LinkResult("http://x.gov.cn/art/2024/4/15/art_1.html", status, 200, title="题", published="2024-04-15")
             for status in (LinkStatus.OK,)]
    _, findings = audit(document, links=links)
    for f in findings:
        assert f.line >= 1 and f.column >= 1 and f.message and f.message_zh
