"""CG3xx reference-list and entry rules on small documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import audit_file
from citeguard.model import Severity, Standard

from .rulekit import findings, paper, summary

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

CASES = [
    # CG301 numbering
    ("CG301", "[1] 甲.题[J].刊,2020(1):1.\n[2] 乙.题[J].刊,2020(1):1.\n[4] 丙.题[J].刊,2020(1):1.", [(7, E)]),
    ("CG301", "[1] 甲.题[J].刊,2020(1):1.\n[2] 乙.题[J].刊,2020(1):1.\n[2] 丙.题[J].刊,2020(1):1.", [(7, E)]),
    ("CG301", "[1] 甲.题[J].刊,2020(1):1.\n[2] 乙.题[J].刊,2020(1):1.", []),
    # CG302 the same work twice
    ("CG302", "[1] 张三.论某某问题[J].刊,2020(1):1.\n[2] 张三. 论某某问题[J]. 刊, 2020(1): 1.", [(6, E)]),
    ("CG302", "[1] 张三.论某某问题[J].刊,2020(1):1.\n[2] 张三.论某某问题[J].刊,2021(1):1.", []),
    ("CG302", "[1] 张三.论某某问题[J].刊,2020(1):1-9.\n[2] 张三.论某某问题[J].刊,2020(1):10-19.", []),  # parts I and II
    ("CG302", "[1] NRC.Nutrient requirements of dairy cattle[S].6th ed.Washington,D.C.:National Academy Press,1988.\n"
              "[2] NRC.Nutrient requirements of dairy cattle[S].7th ed.Washington,D.C.:National Academy Press,2001.", []),
    # entries read without a title (Vancouver, physics): the very same text twice is a repeat, one
    # differing in a page is not
    ("CG302", "[1] T. Chang, S. H. Jo and W. Lu, ACS Nano, 2011, 5, 7669.\n[2] Y. Li, Nature, 2012, 3, 11.\n"
              "[3] T. Chang, S.-H. Jo and W. Lu,ACS Nano,2011,5,7669.", [(7, E)]),
    ("CG302", "[1] T. Chang, S. H. Jo and W. Lu, ACS Nano, 2011, 5, 7669.\n[2] Y. Li, Nature, 2012, 3, 11.\n"
              "[3] T. Chang, S. H. Jo and W. Lu, ACS Nano, 2011, 5, 7670.", []),
    # CG303 pinyin order: surname break warning, given-name break info, same syllable (谷/顾) skipped
    ("CG303", "[1] 焦方义.题[J].刊,2020(1):1.\n[2] 蒋晟.题[J].刊,2020(1):1.", [(6, W)]),
    ("CG303", "[1] 李快满.题[J].刊,2020(1):1.\n[2] 李国平.题[J].刊,2020(1):1.", [(6, I)]),
    ("CG303", "[1] 谷业凯.题[J].刊,2020(1):1.\n[2] 顾丽敏.题[J].刊,2020(1):1.", []),
    ("CG303", "[1] 曾一.题[J].刊,2020(1):1.\n[2] 张二.题[J].刊,2020(1):1.", []),  # 曾 reads zeng as a surname
    # character by character: 渝 (yu) before 跃 (yue), although "yuling" > "yuesheng" letter by letter
    ("CG303", "[1] 王渝陵.题[J].刊,2020(1):1.\n[2] 王跃生.题[J].刊,2020(1):1.", []),
    ("CG303", "[1] 王跃生.题[J].刊,2020(1):1.\n[2] 王渝陵.题[J].刊,2020(1):1.", [(6, I)]),
    ("CG303", "[1] Smith J.Title[J].Journal,2020(1):1.\n[2] 王五.题[J].刊,2020(1):1.", [(6, W)]),  # Chinese first
    # CG305 missing elements
    ("CG305", "[1] 张三.题名[M].2010.", [(5, E)]),
    ("CG305", "[1] 张三.题名[EB/OL].(2020-01-01).", [(5, E)]),
    ("CG305", "[1] 张三.题名[N].人民日报,2024-02-02.", [(5, E)]),
    ("CG305", "[1] 张三.题名[M].北京:中华书局,2010.", []),
    ("CG305", "[1] Smith J. A paper[C]//1st Symposium. Washington[s.n.], 2005:287-296.", []),  # [s.n.]: no publisher known
    ("CG305", "[1] Teshima S. Transport of $[ ^ { 1 4 } \\mathrm { C } ]$ cholesterol[J].Nippon Suisan Gakkaishi,1986,"
              "52(4):719-723.", []),  # an isotope in the title, not a [C] type code
    # CG306 a period between publisher and year
    ("CG306", "[1] 张三.题名[M].北京:人民出版社.2024:216.", [(5, W)]),
    ("CG306", "[1] 张三.题名[M].北京:人民出版社,2024:216.", []),
    # CG308 spacing mixed across the list
    ("CG308", "[1] 甲, 乙. 题[J]. 刊, 2020(1): 1-2.\n[2] 丙, 丁. 题[J]. 刊, 2021(1): 1-2.\n[3] 戊,己.题[J].刊,2022(1):1-2.",
     [(7, W)]),
    ("CG308", "[1] 甲, 乙. 题[J]. 刊, 2020(1): 1-2.\n[2] 丙, 丁. 题[J]. 刊, 2021(1): 1-2.", []),
    # CG309 more than three authors
    ("CG309", "[1] 甲,乙,丙,丁.题[J].刊,2020(1):1.", [(5, W)]),
    ("CG309", "[1] 甲,乙,丙,等.题[J].刊,2020(1):1.", []),
    # CG310 dates
    ("CG310", "[1] 题[EB/OL].(2026-01-14)[2025-12-01].https://www.gov.cn/a.htm", [(5, E)]),
    ("CG310", "[1] 题[EB/OL].(2026-02-30)[2026-03-01].https://www.gov.cn/a.htm", [(5, E)]),
    ("CG310", "[1] 题[EB/OL].(2026-01-14)[2026-03-29].https://www.gov.cn/a.htm", []),
]


@pytest.mark.parametrize(("code", "refs", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(code: str, refs: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper("正文（张三，2020）。", refs), code) == expected  # an author-year paper


def test_cg304_numbered_list_with_author_year_text_noted_once() -> None:
    refs = "[1] 张三.题[J].刊,2020(1):1.\n[2] 李四.题[J].刊,2021(1):1."
    assert summary(paper("甲（张三，2020）乙（李四，2021）。", refs), "CG304") == [(3, I)]
    assert summary(paper("甲[1]乙[2]。", refs), "CG304") == []


def test_cg307_volume_in_brackets_reported_once() -> None:
    refs = "[1] 习近平.谈治国理政(第4卷)[M].北京:外文出版社,2022.\n[2] 习近平.谈治国理政(第5卷)[M].北京:外文出版社,2025."
    (f,) = findings(paper("正文。", refs), "CG307")
    assert f.references == (1, 2)
    assert summary(paper("正文。", "[1] 习近平.谈治国理政:第4卷[M].北京:外文出版社,2022."), "CG307") == []


@pytest.mark.parametrize(("standard", "refs", "count"), [
    (Standard.GB2015, "[1] 王一.预印本[PP/OL].(2025-03-01)[2025-04-01].https://chinaxiv.org/abs/1.", 1),
    (Standard.GB2025, "[1] 王一.预印本[PP/OL].(2025-03-01)[2025-04-01].https://chinaxiv.org/abs/1.", 0),
    (Standard.GB2025, "[1] 张三.题名[M].北京:中华书局,2010[2020-01-01].", 1),
    (Standard.GB2015, "[1] 张三.题名[M].北京:中华书局,2010[2020-01-01].", 0),
])
def test_cg311_edition_specific(standard: Standard, refs: str, count: int) -> None:
    assert len(findings(paper("正文。", refs), "CG311", standard)) == count


def test_cg306_ignores_a_year_after_a_colon_in_the_title() -> None:
    refs = "[1] 黄剑辉.构建开放型经济体的战略研究:从“十三五”到2049[M].2019:333."
    assert summary(paper("正文（黄剑辉，2019）。", refs), "CG306") == []


def test_a_bib_entry_copied_under_a_second_key_is_a_repeat(tmp_path: Path) -> None:
    """A .bib work whose title is too short to compare ("Firebase") entered twice under two keys,
    both cited: the printed list repeats it; the keys themselves are no part of the text compared."""
    (tmp_path / "refs.bib").write_text("@misc{firebase, title = {Firebase}, howpublished = {\\url{https://firebase.google.com}}}\n"
                                       "@misc{firebase2, title = {Firebase}, howpublished = {\\url{https://firebase.google.com}}}\n"
                                       "@misc{other, title = {Other}, howpublished = {\\url{https://example.org/other}}}\n",
                                       encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\nbibliography: refs.bib\n---\n\nUses [@firebase], again [@firebase2], "
                                       "and [@other].\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "paper.md")
    assert [(f.code, f.path.endswith("refs.bib"), f.line) for f in found if f.code == "CG302"] == [("CG302", True, 2)]
