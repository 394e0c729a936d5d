"""The letter to the author (report/letter.py): the accepted findings in Chinese or English, as
Markdown, HTML and .docx, with manuscript text kept as text in each form."""

from __future__ import annotations

import io

import docx
import pytest

from citeguard.report.letter import LetterItem, letter_docx, render_letter_html, render_letter_md

ITEMS = [LetterItem("CG109", "12:5", "[5]: there is no entry [5]", "cite [4]", ("请核对",)),
         LetterItem("CG203", "¶14", "pages <b>12-25</b> twice", "", ())]


@pytest.mark.parametrize(("lang", "intro", "where"), [
    ("zh", "有以下 2 处需要修改", "位置：12:5"), ("en", "2 points need correcting", "Where: 12:5"),
])
def test_markdown_lists_each_item_with_its_place_fix_and_comments(lang: str, intro: str, where: str) -> None:
    text = render_letter_md("数字经济与区域创新", ITEMS, lang=lang)
    assert intro in text and where in text
    assert text.index("CG109") < text.index("CG203")
    assert "cite [4]" in text and "请核对" in text  # brackets as printed: no backslashes in an e-mail
    assert "<b>" not in text and "\\<b\\>12-25\\<" in text  # the manuscript's text cannot become markup


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_accepted_finding_says_nothing_needs_correcting(lang: str) -> None:
    text = render_letter_md("", [], lang=lang)
    assert ("无需修改" if lang == "zh" else "nothing needs correcting") in text
    assert ("来稿" if lang == "zh" else "your manuscript") in text


def test_html_escapes_manuscript_text() -> None:
    page = render_letter_html("<script>alert(1)</script>", ITEMS, lang="en")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;12-25" in page
    assert page.count("<li><strong>") == 2


def test_docx_opens_and_holds_every_item_even_with_control_characters() -> None:
    items = [*ITEMS, LetterItem("CG102", "3:1", "entry\x0b[4]\x00 never cited")]
    word = docx.Document(io.BytesIO(letter_docx("题目\x07", items, lang="zh")))
    said = "\n".join(p.text for p in word.paragraphs)
    assert "关于《题目》" in said and "CG109" in said and "CG203" in said and "entry[4] never cited" in said
    assert "建议：cite [4]" in said and "编辑意见：请核对" in said
