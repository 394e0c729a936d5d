"""CG4xx footnote rules on small documents."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text
from citeguard.model import Severity

from .rulekit import findings, paper, summary

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

CASES = [
    # CG401 mark without footnote on its page
    ("CG401", "正文。①又一句。②\n\n① 张三.题名[M].北京:中华书局,2001:3.\n", [(1, E)]),
    ("CG401", "正文。①\n\n① 张三.题名[M].北京:中华书局,2001:3.\n", []),
    # marks but no footnote text on pages whose feet a conversion lost: one warning
    ("CG401", "正文。①又一句。②\n\f\n下一段。③\n", [(1, W)]),
    # CG402 footnote without mark
    ("CG402", "正文。①\n\n① 张三.题名[M].北京:中华书局,2001:3.\n\n② 李四.题名[M].北京:中华书局,2001:4.\n", [(5, E)]),
    ("CG402", "正文。①又一句。②\n\n① 张三.题名[M].北京:中华书局,2001:3.\n\n② 李四.题名[M].北京:中华书局,2001:4.\n", []),
    # CG403 numbering must run ①②③ on each page
    ("CG403", "正文。①又一句。③\n\n① 张三.题名[M].北京:中华书局,2001:3.\n\n③ 李四.题名[M].北京:中华书局,2001:4.\n",
     [(1, E), (5, E)]),
    ("CG403", "一页。①\n\n① 张三.题名[M].北京:中华书局,2001:3.\n\n又一页。①\n\n① 李四.题名[M].北京:中华书局,2001:4.\n", []),
    # CG404 the same work described differently in two footnotes
    ("CG404", "一。①二。②\n\n① 经济思想研究文集[M].北京:人民出版社,2024:188.\n\n② 经济思想研究文集[M].北京:中央文献出版社,2024:216.\n", [(5, W)]),
    ("CG404", "一。①二。②\n\n① 经济思想研究文集[M].北京:人民出版社,2024:188.\n\n② 经济思想研究文集[M].北京:人民出版社,2024:216.\n", []),
    # CG405 the same work and page twice
    ("CG405", "一。①二。②\n\n① 经济思想研究文集[M].北京:人民出版社,2024:216.\n\n② 经济思想研究文集[M].北京:人民出版社,2024:216.\n", [(5, I)]),
    # CG406 footnote spacing mixed
    ("CG406", "一。①二。②三。③\n\n① 甲[M].北京:人民出版社,2024:1.\n\n② 乙[M].北京:人民出版社,2024:2.\n\n"
              "③ 丙[M]. 北京: 人民出版社, 2024: 3.\n", [(7, W)]),
    # CG407 bracket width mixed in titles
    ("CG407", "一。①二。②三。③\n\n① 选编（上）[M].北京:人民出版社,2024:1.\n\n② 选编（下）[M].北京:人民出版社,2024:2.\n\n"
              "③ 选编(中)[M].北京:人民出版社,2024:3.\n", [(7, W)]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(code: str, text: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(text, code) == expected


NOTE_LIST = "[1] 林毅夫.新结构经济学[M].北京:北京大学出版社,2012.\n" \
            "[2] 周文,许凌云.论新质生产力的理论内涵[J].改革,2023(10):1-13.\n" \
            "[3] 习近平.十九大以来重要文献选编（上）[M].北京:中央文献出版社,2019.\n" \
            "[4] Smith J. The wealth of regions[M]. Oxford: Oxford University Press, 2010.\n" \
            "[5] 黄群慧.论产业基础[C]//王一.现代化论文集.北京:社会科学文献出版社,2022:31-45."


@pytest.mark.parametrize(("note", "expected"), [
    # CG408: a footnote entry against the list entry of the same work
    ("① 林毅夫.新结构经济学[M].北京:北京大学出版社,2014:15.", [(3, W)]),                # year
    ("① 林毅夫.新结构经济学[M].北京:人民出版社,2012:15.", [(3, W)]),                    # publisher
    ("① 周文,许凌云.论新质生产力的理论内涵[J].改革,2023(10):21.", [(3, W)]),              # page outside 1-13
    ("① 周文,许凌云.论新质生产力的理论内含[J].改革,2023(10):5.", [(3, W)]),               # title, a slip away
    # near misses that stay silent
    ("① 林毅夫.新结构经济学[M].北京:北京大学出版社,2012:15.", []),                      # agrees (its own page)
    ("① 林毅夫. 新结构经济学[M]. 北京: 北京大学出版社, 2012: 15.", []),                  # spacing is CG406's
    ("① 周文,许凌云.论新质生产力的理论内涵[J].改革,2023(10):5.", []),                    # a page inside 1-13
    ("① 习近平.十九大以来重要文献选编（中）[M].北京:中央文献出版社,2021:343.", []),       # another volume
    ("① 张三.新结构经济学[M].北京:北京大学出版社,2014:15.", []),                         # another author's book
    ("① 林毅夫.新结构经济学[J].经济研究,2014(1):1-9.", []),                              # an article of that title
    ("① 周文,许凌云.论新质生产力[J].改革,2023(10):20.", []),                             # another, shorter title
    ("① Smith J. The wealth of regions[M]. Oxford: Oxford Univ. Press, 2010: 35.", []),   # the publisher abbreviated
    ("① 黄群慧.论产业基础[C]//王一.现代化论文集.北京:社会科学文献出版社,2022:30-45.", [(3, W)]),  # a chapter's pages
])
def test_footnote_entry_against_list_entry(note: str, expected: list[tuple[int, Severity]]) -> None:
    text = f"正文①引用[1-5]。\n\n{note}\n\n参考文献\n\n{NOTE_LIST}\n"
    assert summary(text, "CG408") == expected


def test_footnote_entry_differences_name_both_values() -> None:
    text = f"正文①引用[1-5]。\n\n① 林毅夫.新结构经济学[M].北京:人民出版社,2014:15.\n\n参考文献\n\n{NOTE_LIST}\n"
    (found,) = findings(text, "CG408")
    assert found.references == (1,)
    assert {e.name: e.value for e in found.evidence} == {"year (footnote / list)": "2014 / 2012",
                                                         "publisher (footnote / list)": "人民出版社 / 北京大学出版社"}


# Issue 22, false class 4: ① ② ③ numbering the steps or items of a procedure are not footnote
# marks, and lines starting with them are not notes; a mark needs a note or a note's place.
_NOTE = "\n\n① 张三.题名[M].北京:中华书局,2001:3.\n"
ITEM_CASES = [
    ("steps at line starts, introduced by a colon", "实验步骤如下：\n①称取样品10 g；\n②加入蒸馏水100 mL；\n③搅拌30 min后静置。\n"),
    ("steps at line starts ending in semicolons", "正文。\n\n① 打开系统；\n② 录入数据；\n③ 提交审核。\n"),
    ("steps on a page that has a real note", "经济进入新常态①，方式转变。\n操作流程：\n① 打开系统；\n② 录入数据；\n③ 提交审核。"
     + _NOTE),
    ("items inline after spaces", "本文的处理流程为 ①读取数据 ②清洗数据 ③训练模型，之后评估效果①。\n" + _NOTE),
    ("items continued after a word", "方法包括： ①条件随机场；②贝叶斯网络和③马尔科夫逻辑网络①。\n" + _NOTE),
    ("items in table cells", "见表1①。\n<table><tr><td>①缺乏灵活性</td><td>①人工标注代价高</td></tr></table>\n" + _NOTE),
    ("circled numbers in a text with no notes and no pages", "正文。①又一句。②\n\n下一段。③\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in ITEM_CASES], ids=[c[0] for c in ITEM_CASES])
def test_item_numbers_are_not_footnote_marks(text: str) -> None:
    found = {code: summary(text, code) for code in ("CG401", "CG402", "CG403")}
    assert found == {"CG401": [], "CG402": [], "CG403": []}


def test_a_real_mark_beside_items_keeps_its_note() -> None:
    doc = document_from_text(ITEM_CASES[2][1])
    assert [m.symbol for m in doc.markers] == ["①"] and [f.symbol for f in doc.footnotes] == ["①"]
    assert doc.markers[0].footnote == doc.footnotes[0].id


# A text whose notes all stand at its end shows no pages: a finding names none (issue 22, class 10).
NO_PAGES = "正文。①又一句。②再一句。④\n\n① 张三.题名[M].北京:中华书局,2001:3.\n\n② 李四.题名[M].北京:中华书局,2001:4.\n\n" \
           "③ 王五.题名[M].北京:中华书局,2001:5.\n"
TWO_PAGES = "一页。①\n\n① 张三.题名[M].北京:中华书局,2001:3.\n\n又一页。①②\n\n① 李四.题名[M].北京:中华书局,2001:4.\n"
MD_NOTES = "正文[^1]。又一句[^2]。\n\n[^1]: 张三.题名[M].北京:中华书局,2001:3.\n\n[^2]: 李四.题名[M]. 北京: 中华书局, 2001: 4.\n\n" \
           "[^3]: 王五.题名[M].北京:中华书局,2001:5.\n"


@pytest.mark.parametrize(("text", "code", "message"), [
    (NO_PAGES, "CG401", "footnote mark ④ has no footnote ④"),
    (NO_PAGES, "CG402", "footnote ③ has no mark ③ in the text"),
    (NO_PAGES, "CG403", "mark ④ where ③ was expected"),
    (TWO_PAGES, "CG401", "footnote mark ② on page 2 has no footnote ② on that page"),  # pages the text shows
    (MD_NOTES, "CG406", "footnote [^2] mixes spaced and compact punctuation"),  # a Markdown note: no page
])
def test_no_page_is_invented(text: str, code: str, message: str) -> None:
    got = [f.message for f in findings(text, code)]
    assert any(m.startswith(message) for m in got), got
    assert all("page 0" not in m and ("page 1" not in m or text is TWO_PAGES) for m in got)


def test_bracket_width_is_compared_within_chinese_titles_and_within_others() -> None:
    """Full-width brackets in Chinese titles beside half-width ones in English titles are the usual
    typography (CG407 says nothing); a Chinese title with half-width brackets among full-width ones is a mix."""
    refs = ("[1] 杜建.城市化对降水的影响（综述）[J].气象,2002,28(3):1-9.\n"
            "[2] 孙安平.雷暴的观测研究（二）[J].大气科学,2004,28(4):1-9.\n"
            "[3] Smith J. Storms (part one)[J]. J Atmos, 2002, 5(1): 1-9.\n")
    assert summary(paper("正文[1][2][3]。", refs), "CG407") == []
    mixed = refs + "[4] 张毅.雷电的观测(三)[J].气象,2002,28(5):1-9.\n"
    assert summary(paper("正文[1][2][3][4]。", mixed), "CG407") == [(8, W)]
