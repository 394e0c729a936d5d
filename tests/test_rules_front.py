"""CG6xx front-matter rules and the ISSN check digit."""

from __future__ import annotations

import pytest

from citeguard.checks.front_rules import issn_check_ok
from citeguard.model import Severity

from .rulekit import summary

W, E = Severity.WARNING, Severity.ERROR


def front(*, keywords_en: str = "A; B; C", title_en: str = "A Study of New Quality Productive Forces",
          author_en: str = "WANG Yu-cong", article: str = "2095-8072(2026)03-0052-12",
          doi: str = "10.16060/j.cnki.issn2095-8072.2026.03.004", author_zh: str = "王瑜聪") -> str:
    return (f"doi:{doi}\n\n新质生产力研究\n\n{author_zh}\n\n(复旦大学, 上海 200433)\n\n摘要: 研究。\n\n关键词: 甲; 乙; 丙\n\n"
            f"文章编号: {article}\n\n正文。\n\n参考文献\n\n[1] 甲.题[J].刊,2020(1):1.\n\n【作者简介】某。\n\n"
            f"{title_en}\n\n{author_en}\n\n(Fudan University, Shanghai 200433, China)\n\n"
            f"Abstract: We study new quality productive forces.\n\nKeywords: {keywords_en}\n")


@pytest.mark.parametrize(("issn", "ok"), [("2095-8072", True), ("0317-8471", True), ("2434-561X", True),
                                          ("2095-8073", False), ("1234-5678", False)])
def test_issn_check_digit(issn: str, ok: bool) -> None:
    assert issn_check_ok(issn) is ok


@pytest.mark.parametrize(("code", "text", "count"), [
    ("CG601", front(keywords_en="A; B"), 1),
    ("CG601", front(), 0),
    ("CG602", front(keywords_en="new qualitative productivity forces; B; C"), 1),
    ("CG602", front(keywords_en="new quality productive forces; B; C"), 0),
    ("CG602", front(keywords_en="open economy; B; C"), 0),  # not in the text at all: nothing to compare
    ("CG603", front(author_en="WANG Yu-chong"), 1),
    ("CG603", front(author_en="Yucong Wang"), 0),
    # a polyphonic character: every reading is a right romanisation, the wrong name still is not
    ("CG603", front(author_zh="王朝阳", author_en="WANG Zhaoyang"), 0),
    ("CG603", front(author_zh="王朝阳", author_en="Chaoyang Wang"), 0),
    ("CG603", front(author_zh="王朝阳", author_en="WANG Xiaoyang"), 1),
    ("CG603", front(author_zh="李重阳", author_en="LI Chongyang"), 0),  # (once read by the phrase dictionary)
    ("CG603", front(author_zh="李重阳", author_en="LI Zhongyang"), 0),
    ("CG603", front(author_zh="曾长春", author_en="ZENG Changchun"), 0),  # 曾 as a surname: zeng
    ("CG603", front(author_zh="欧阳修", author_en="Xiu Ouyang"), 0),  # a two-character surname, given name first
    ("CG603", front(author_zh="欧阳修", author_en="OUYANG Xiu"), 0),
    ("CG603", front(author_zh="欧阳修", author_en="OUYANG Xin"), 1),
    ("CG604", front(article="2095-8072(2025)03-0052-12"), 1),
    ("CG604", front(article="2095-8072(2026)04-0052-12"), 1),
    ("CG604", front(doi="10.16060/j.cnki.issn2095-8073.2026.03.004", article="2095-8073(2026)03-0052-12"), 1),
    ("CG604", front(), 0),
])
def test_rule(code: str, text: str, count: int) -> None:
    assert len(summary(text, code)) == count
