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
