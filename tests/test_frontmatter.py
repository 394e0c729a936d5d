"""Front matter in both languages."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text

PAPER = """\
doi:10.16060/j.cnki.issn2095-8072.2026.03.004

某某问题研究：机理与路径^{*}

张三

(某某大学经济学院, 上海 200433)

摘要: 本文研究某某问题。

关键词: 甲; 乙; 丙

中图分类号: F125

文献标识码: A

文章编号: 2095-8072(2026)03-0052-12

正文第一段（李四，2020）。

参考文献

[1] 李四.题名[J].刊名,2020(1):1-2.

【作者简介】张三：某某大学博士研究生。

A Study of Something: Mechanism and Path

ZHANG San

(School of Economics, Some University, Shanghai 200433, China)

Abstract: We study something.

Keywords: A; B; C
"""


def test_chinese_and_english_front_matter() -> None:
    fm = document_from_text(PAPER).front_matter
    assert fm.title_zh and fm.title_zh.text == "某某问题研究：机理与路径"
    assert fm.authors_zh == ("张三",)
    assert fm.affiliation_zh and fm.affiliation_zh.text.startswith("某某大学")
    assert fm.keywords_zh == ("甲", "乙", "丙")
    assert fm.clc and fm.clc.text == "F125"
    assert fm.document_code and fm.document_code.text == "A"
    assert fm.article_id and fm.article_id.text == "2095-8072(2026)03-0052-12"
    assert fm.doi and fm.doi.text == "10.16060/j.cnki.issn2095-8072.2026.03.004"
    assert fm.issn and fm.issn.text == "2095-8072"
    assert fm.title_en and fm.title_en.text == "A Study of Something: Mechanism and Path"
    assert fm.authors_en == ("ZHANG San",)
    assert fm.keywords_en == ("A", "B", "C")
    assert fm.abstract_en and fm.abstract_en.text == "We study something."
    assert fm.author_note is not None


def test_body_starts_after_front_matter_and_list_ends_before_english_block() -> None:
    doc = document_from_text(PAPER)
    assert doc.paragraphs[0].text == "正文第一段（李四，2020）。"
    assert len(doc.references) == 1
    assert doc.citations[0].reference == 1


def test_markdown_yaml_title() -> None:
    doc = document_from_text("---\ntitle: 'gmr: Gaussian Mixture Regression'\n---\n\n# Summary\n\nText.\n")
    assert doc.front_matter.title_en and doc.front_matter.title_en.text == "gmr: Gaussian Mixture Regression"


@pytest.mark.parametrize(("line", "standard", "date"), [
    ("收稿日期：2026-03-01", "gb2015", "2026-03-01"),      # received before GB/T 7714-2025 came into force
    ("（收稿日期：2026年8月3日）", "gb2025", "2026-08-03"),
    ("收稿日期:2015.12.17 修回日期：2015-12-23", "gb2015", "2015-12-17"),
    ("收稿日期：2026-02-30", "gb2025", None),              # no such day: not a date
    # the English lines date a manuscript as 收稿日期 does (issue 22)
    ("Received: 2026-03-02", "gb2015", "2026-03-02"),
    ("Received 2 March 2026; accepted 10 August 2026", "gb2015", "2026-03-02"),  # received, not accepted
    ("Received date: 2026/08/03", "gb2025", "2026-08-03"),
    ("Received: March 2, 2026", "gb2015", "2026-03-02"),
    ("Received:November19,2014", "gb2015", "2014-11-19"),  # as OCR runs it together
    ("Received2015March27", "gb2015", "2015-03-27"),
    ("Submitted: March 30,2015; Accepted: July 2, 2015.", "gb2015", "2015-03-30"),
    ("Accepted: 3 August 2026", "gb2025", "2026-08-03"),  # no received line: the accepted date
    ("Received on 5th June 2027", "gb2025", "2027-06-05"),
    ("收稿日期：2026-03-01\n\nReceived: 2026-08-03", "gb2015", "2026-03-01"),  # the Chinese line first
    # near misses: prose, no such day, a word that only contains the label
    ("the samples were received 2 March 2027", "gb2025", None),
    ("Received: 2026-02-30", "gb2025", None),
    ("AReceivedMessage 2015-01-01", "gb2025", None),
])
def test_the_received_date_chooses_the_standard(line: str, standard: str, date: str | None) -> None:
    from citeguard.checks import choose_standard
    doc = document_from_text(f"# 新质生产力研究\n\n摘要：本文研究某问题。\n\n关键词：测试\n\n{line}\n\n## 1 引言\n\n正文。\n")
    assert (doc.front_matter.date.text if doc.front_matter.date else None) == date
    assert choose_standard(doc).value == standard
