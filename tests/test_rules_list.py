"""CG3xx reference-list and entry rules on small documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import audit_file, document_from_text
from citeguard.checks import audit
from citeguard.model import Severity, Standard

from .rulekit import audit_files, findings, paper, summary

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
    ("CG303", "[1] Smith J.Title[J].Journal,2020(1):1.\n[2] 王五.题[J].刊,2020(1):1.", [(6, I)]),  # Chinese first: a convention
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
    ("CG310", "[1] 题[EB/OL].(2026-01-14)[29/4/2026].https://www.gov.cn/a.htm", []),  # a date, day first
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


@pytest.mark.parametrize(("standard", "refs", "lacking"), [
    # a report online has only its date, as the 2015 standard's own [R/OL] example; under 2025 any report
    (Standard.GB2015, "[1] 中国互联网络信息中心.第29次中国互联网络发展现状统计报告[R/OL].(2012-01-16)[2013-03-26]."
                      "http://www.cnnic.net.cn/a.pdf.", []),
    (Standard.GB2025, "[1] Calkin D E, et al. A comparative risk assessment framework: RMRS-GTR-262[R]. 2011: 8-9.", []),
    # a printed report under 2015 still needs its imprint
    (Standard.GB2015, "[1] Calkin D E, et al. A comparative risk assessment framework: RMRS-GTR-262[R]. 2011: 8-9.",
     ["[1]: [R] entry lacks place, publisher"]),
    (Standard.GB2025, "[1] 某研究院.某报告[R/OL].https://example.org/r.pdf.", ["[1]: [R/OL] entry lacks year, access date [YYYY-MM-DD]"]),
    # proceedings printed as a serial (GB/T 7714: as the form they come in)
    (Standard.GB2015, "[1] Schwan H P. Electrical properties of tissues[C]. Proceedings of the 16th Annual Conference "
                      "of the IEEE. IEEE, 1994, 1(1): A70-A71.", []),
])
def test_cg305_reports(standard: Standard, refs: str, lacking: list[str]) -> None:
    assert [f.message for f in findings(paper("正文。", refs), "CG305", standard)] == lacking


def test_cg306_ignores_a_year_after_a_colon_in_the_title() -> None:
    refs = "[1] 黄剑辉.构建开放型经济体的战略研究:从“十三五”到2049[M].2019:333."
    assert summary(paper("正文（黄剑辉，2019）。", refs), "CG306") == []


@pytest.mark.parametrize(("refs", "expected"), [
    # CG315: a printed journal article with its volume or issue but no pages
    ("[1] 周文,许凌云.论新质生产力[J].改革,2023(10).", [(5, W)]),
    ("[1] Smith J. A title[J]. Journal of X, 2020, 12(3).", [(5, W)]),
    ("[1] 周文,许凌云.论新质生产力[J].改革,2023,44(10):", [(5, W)]),  # the colon, and nothing after it
    ("[1] Smith J. A title[J]. Journal of X, 2020, 12(3). DOI: 10.1000/xyz.1.", [(5, W)]),  # a DOI is no page
    ("[1] Smith J. A title[J]. Sci Rep, 2020, 10(3). DOI: 10.1038/s41598-020-1.", [(5, I)]),  # numbered articles
    ("[1] Smith J. A title[J]. PLoS ONE, 2020, 15(3). doi:10.1371/journal.pone.1.", [(5, I)]),
    # near misses that stay silent
    ("[1] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.", []),
    ("[1] Smith J. A title[J]. PLoS ONE, 2020, 15(3): e0123456.", []),            # an e-locator is its page
    ("[1] Smith J. A title[J/OL]. Journal of X, 2020, 12(3)[2024-06-01]. https://x.org/a.", []),  # online
    ("[1] Smith J. A title[J]. arXiv preprint arXiv:2101.00001, 2021, 1(1).", []),  # a preprint has no pages
    ("[1] 王某.题名[J].刊名,2024(网络首发).", []),                                  # published online first
    ("[1] Smith J. A title[J]. Journal of X, 2020, 12: Article 102345.", []),       # an article number
    ("[1] Smith J. A title[J]. Journal of X, 2020, in press.", []),
    ("[1] 周文.论[J].改革,2023.", []),                           # no volume, issue or pages at all: CG305's
    ("[1] 李某.题名[M].北京:人民出版社,2020.", []),
])
def test_journal_article_without_pages(refs: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper("正文[1]。", refs), "CG315") == expected


def test_journal_articles_without_pages_many_are_one_finding() -> None:
    """A list that gives no pages for most of its articles: a house style, said once."""
    refs = "\n".join(f"[{n}] 作者{n}.题名{n}[J].刊名,2020({n})." for n in range(1, 8))
    (found,) = findings(paper("正文[1-7]。", refs), "CG315")
    assert found.message.startswith("7 journal articles [J] without pages")


def test_journal_articles_without_pages_a_minority_are_each_at_its_place() -> None:
    """Six slips in a list of twenty paged articles: each entry is its own finding, at its line."""
    refs = "\n".join(f"[{n}] 作者{n}.题名{n}[J].刊名,2020({n})" + ("." if n % 3 == 0 else f":{n}-{n + 9}.")
                     for n in range(1, 21))
    found = findings(paper("正文[1-20]。", refs), "CG315")
    assert [f.references for f in found] == [(3,), (6,), (9,), (12,), (15,), (18,)]
    assert len({f.line for f in found}) == 6 and all(f.severity is W for f in found)


def test_pages_lost_by_ocr_are_not_the_authors() -> None:
    # an OCR'd list whose column break took the pages after the colon: not reported
    from dataclasses import replace

    from citeguard.api import document_from_text
    from citeguard.checks import audit
    doc = document_from_text(paper("正文[1]。", "[1] Smith J. A title[J]. Journal of X, 2020, 12(3):"))
    assert [f.code for f in audit(doc, select=["CG315"])[1]] == ["CG315"]  # typed so by the author: reported
    assert audit(replace(doc, ocr=True), select=["CG315"])[1] == ()


# Issue 22, false class 1: what CG308 counts. The colons and periods of identifiers and the tight
# joint of issue and pages are no spacing; each language is held to its own majority.
_SPACED_EN = "[1] Smith J, Brown K. A title[J]. Journal of Things, 2017, 36(4): 1-14.\n"
SPACING_CASES = [
    ("doi", _SPACED_EN + "[2] Lee K, Park J. Another[J]. Journal of Things, 2018, 37(1): 2-9. "
     "DOI:10.1023/A:1008123456.\n[3] Wu T. Third[J]. Journal of Things, 2019, 38(2): 3-5.", []),
    ("arxiv", _SPACED_EN + "[2] Lee K. Another[J]. arXiv preprint arXiv:2101.00001, 2021.\n"
     "[3] Wu T. Third[J]. Journal of Things, 2019, 38(2): 3-5.", []),
    ("url without scheme", _SPACED_EN + "[2] Lee K. Another[EB/OL]. (2020-01-01)[2020-02-02]. "
     "www.example.org/a:b,c.\n[3] Wu T. Third[J]. Journal of Things, 2019, 38(2): 3-5.", []),
    ("issue:pages tight", "[1] Smith J. A title[J]. Journal of Things, 2017, 36(4):1-14.\n"
     "[2] Lee K. Another[J]. Journal of Things, 2018, 37(1): 2-9.\n"
     "[3] Wu T. Third[J]. Journal of Things, 2019, 38(2):3-5.", []),
    ("compact Chinese, spaced English", "[1] 甲,乙.题[J].刊,2020(1):1-2.\n[2] 丙,丁.题[J].刊,2021(1):1-2.\n"
     "[3] 戊.题[M].北京:人民出版社,2019:12.\n" + _SPACED_EN.replace("[1]", "[4]")
     + "[5] Lee K. Another[J]. Journal of Things, 2018, 37(1): 2-9.", []),
    ("a compact English entry among spaced ones", "[1] 甲,乙.题[J].刊,2020(1):1-2.\n"
     "[2] Smith J. A title[J]. Journal of Things, 2017, 36(4): 1-14.\n"
     "[3] Lee K. Another[J]. Journal of Things, 2018, 37(1): 2-9.\n[4] Wu T.Third[J].Journal,2019,38(2):3-5.", [(8, W)]),
    ("still a mix inside an entry", "[1] 甲.题[M].北京: 人民出版社,2019:12.", [(5, W)]),
]


@pytest.mark.parametrize(("refs", "expected"), [c[1:] for c in SPACING_CASES], ids=[c[0] for c in SPACING_CASES])
def test_cg308_counts_element_spacing_only(refs: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper("正文。", refs), "CG308") == expected


def test_cg308_names_the_language_whose_entries_differ() -> None:
    (f,) = findings(paper("正文。", SPACING_CASES[5][1]), "CG308")
    assert f.references == (4,) and "English entries" in f.message


# Issue 22, false class 2: a preprint typed [J] has no volume or pages; under GB/T 7714-2025 its
# own type [PP] is suggested once (info), under 2015 nothing is.
PREPRINT_CASES = [
    ("arXiv preprint", "[1] Kipf T N, Welling M. Semi-supervised classification[J]. arXiv preprint arXiv:1609.02907, "
     "2016.", [], 1),
    ("arXiv id alone", "[1] Liu S, Huang D. Learning spatial fusion[J]. arXiv:1911.09516, 2019.", [], 1),
    ("bioRxiv", "[1] 王一.某基因的功能[J].bioRxiv,2020.", [], 1),
    ("a journal article without pages is still reported", "[1] 张三.题名[J].中国社会科学,2020.", [(5, E)], 0),
]


@pytest.mark.parametrize(("refs", "cg305", "cg311"), [c[1:] for c in PREPRINT_CASES], ids=[c[0] for c in PREPRINT_CASES])
def test_preprint_typed_journal(refs: str, cg305: list[tuple[int, Severity]], cg311: int) -> None:
    assert summary(paper("正文。", refs), "CG305") == cg305
    assert [s for _, s in summary(paper("正文。", refs), "CG311", Standard.GB2025)] == [I] * cg311
    assert summary(paper("正文。", refs), "CG311", Standard.GB2015) == []


def test_preprint_in_a_bib_file(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@article{kipf2016,\n  title={Semi-supervised classification},\n  author={Kipf, T. and Welling, M.},\n"
        "  journal={arXiv preprint arXiv:1609.02907},\n  year={2016}\n}\n"
        "@article{bank2021,\n  title={Autoencoders},\n  author={Bank, Dor},\n  publisher={arXiv},\n"
        "  doi={10.48550/arXiv.2003.05991},\n  year={2021}\n}\n"
        "@article{zhang2020,\n  title={题名},\n  author={张三},\n  journal={中国社会科学},\n  year={2020}\n}\n",
        encoding="utf-8")
    (tmp_path / "main.tex").write_text("\\documentclass{ctexart}\\begin{document}\n本文研究图神经网络\\cite{kipf2016}，"
                                       "以及自编码器\\cite{bank2021}和社会科学\\cite{zhang2020}。\n"
                                       "\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex", standard=Standard.GB2025)
    assert [f.message for f in found if f.code == "CG305"] == ["@zhang2020: [J] entry lacks volume, issue or pages"]
    assert [f.references for f in found if f.code == "CG311"] == [(1, 2)]


# Issue 22, false class 3: list structure. A list after each chapter serves that chapter's
# citations; a list starting again from [1] under one heading is read as runs; Markdown-escaped
# labels and citations (\[30\]) are read. Nothing is missing, uncited, duplicated or misnumbered
# because another list has the same number — but a number past the end of its own list is found.
_ZH = ["张三.深度学习综述[J].计算机学报,2020,43(1):1-20.", "李四.卷积网络研究[J].软件学报,2019,30(2):21-40.",
       "王五.注意力机制研究[J].自动化学报,2021,47(3):41-60.", "赵六.图神经网络综述[J].计算机研究与发展,2020,57(4):61-80.",
       "钱七.对比学习方法[J].中国科学:信息科学,2022,52(5):81-100.", "孙八.图表示学习[J].电子学报,2021,49(6):101-120."]
_LINKING = ("CG101", "CG102", "CG109", "CG110", "CG301", "CG302", "CG909", "CG910")


def _chapter(title: str, cites: str, refs: list[str], label: str = "[{}] ") -> str:
    listed = "\n".join(label.format(i) + ref for i, ref in enumerate(refs, start=1))
    return f"# {title}\n\n本章研究{cites}。\n\n## 参考文献\n\n{listed}\n\n"


LIST_CASES = [
    ("a list after each chapter", _chapter("第一章 绪论", "[1]，另见[2]和[3]", _ZH[:3])
     + _chapter("第二章 方法", "[1]，并用[2]，又见[3]", [_ZH[3], _ZH[4], _ZH[0]]), []),
    ("a number past the end of its own chapter's list", _chapter("第一章 绪论", "[1]，另见[2]和[3]", _ZH[:3])
     + _chapter("第二章 方法", "[1]，并用[2]，又见[3]", _ZH[3:5]), [("CG109", 13)]),
    ("runs from [1] under one heading, a chapter each",
     "# 第一章 绪论\n\n本章研究[1]，另见[2]和[3]。\n\n# 第二章 方法\n\n本章方法[1]，并用[2]，又见[3]。\n\n# 参考文献\n\n第一章\n\n"
     + "\n".join(f"[{i}] {r}" for i, r in enumerate(_ZH[:3], 1)) + "\n\n第二章\n\n"
     + "\n".join(f"[{i}] {r}" for i, r in enumerate([_ZH[3], _ZH[4], _ZH[0]], 1)) + "\n", []),
    ("runs numbered 1. 2. under one heading", "# 第一章\n\n研究[1]，另见[2]和[3]。\n\n# 第二章\n\n方法[1]，又见[2]和[3]。\n\n"
     "# 参考文献\n\n" + "\n".join(f"{i}. {r}" for i, r in enumerate(_ZH[:3], 1)) + "\n"
     + "\n".join(f"{i}. {r}" for i, r in enumerate(_ZH[3:], 1)) + "\n", []),
    ("Markdown-escaped labels and citations", "# 引言\n\n" + "".join(f"第{i}项研究\\[{i}\\]。" for i in range(1, 7))
     + "\n\n# 参考文献\n\n" + "\n\n".join(f"\\[{i}\\] {r}" for i, r in enumerate(_ZH, 1)) + "\n", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in LIST_CASES], ids=[c[0] for c in LIST_CASES])
def test_list_structure(text: str, expected: list[tuple[str, int]]) -> None:
    _, found = audit(document_from_text(text), select=list(_LINKING))
    assert [(f.code, f.line) for f in found] == expected
    # every entry of every list read, every citation read and linked (but the one past the end);
    # the fourth citation — chapter 2's [1], or [4] — is to 赵六's survey
    doc = document_from_text(text)
    assert len(doc.references) == text.count("[J]") and len(doc.citations) == 6
    assert sum(c.reference is not None for c in doc.citations) == 6 - len(expected)
    assert doc.references[(doc.citations[3].reference or 0) - 1].title == "图神经网络综述"


def test_list_after_each_chapter_links_to_its_own() -> None:
    doc = document_from_text(LIST_CASES[0][1])
    assert [(c.part, doc.references[c.reference - 1].title) for c in doc.citations if c.reference] == [
        (1, "深度学习综述"), (1, "卷积网络研究"), (1, "注意力机制研究"),
        (2, "图神经网络综述"), (2, "对比学习方法"), (2, "深度学习综述")]


def test_a_translated_list_is_still_cut_off() -> None:
    english = ["Zhang S. A survey of deep learning[J]. Chinese Journal of Computers, 2020, 43(1): 1-20.",
               "Li S. Convolutional networks[J]. Journal of Software, 2019, 30(2): 21-40.",
               "Wang W. Attention[J]. Acta Automatica Sinica, 2021, 47(3): 41-60."]
    text = ("正文[1]，[2]，[3]。\n\n参考文献\n\n" + "\n".join(f"[{i}] {r}" for i, r in enumerate(_ZH[:3], 1)) + "\n"
            + "\n".join(f"[{i}] {r}" for i, r in enumerate(english, 1)) + "\n")
    doc = document_from_text(text)
    assert [r.title for r in doc.references] == ["深度学习综述", "卷积网络研究", "注意力机制研究"]


# Issue 22, false class 5: an element present but out of its usual place is not missing — the
# order is reported once (a warning), and what the entry does lack is still reported.
ORDER_CASES = [
    ("access date after the URL, bare", "[1] 张三.某网站[EB/OL].https://www.gov.cn/a.htm,2020-01-02.", [(5, W, "after the URL")]),
    ("access date after the URL, bracketed", "[1] 张三.某网站[EB/OL].https://www.gov.cn/a.htm. [2020-01-02].",
     [(5, W, "after the URL")]),
    ("the place inside the institution", "[1] 王五.某论文[D].华北电力大学(北京),2013.", [(5, W, "inside or after")]),
    ("the place after the institution", "[1] 王五.某论文[D].武汉理工大学,武汉,2013.", [(5, W, "inside or after")]),
    ("a school in brackets is no place", "[1] 王五.某论文[D].中国科学院大学(工程管理学院),2014.", [(5, E, "lacks place")]),
    ("the publisher after a series volume", "[1] Smith J. Some method[M]. Lecture Notes in Computer Science: Vol 1234. "
     "Berlin: Springer, 2005.", [(5, W, "series")]),
    ("the publisher after the edition", "[1] AOAC. Official methods of analysis[M]. 15th ed. AOAC International, 1990.",
     [(5, E, "lacks place")]),
    ("the publisher after the proceedings' name", "[1] Brase J M. Wavefront control[C]. Adaptive Optical System "
     "Technologies. International Society for Optics and Photonics, 1998: 517-521.", []),
    ("translators before the imprint are in their place", "[1] 弗雷萨.默克兽医手册[M].韩谦,译.北京:北京农业大学出版社,1997.", []),
]


@pytest.mark.parametrize(("refs", "expected"), [c[1:] for c in ORDER_CASES], ids=[c[0] for c in ORDER_CASES])
def test_cg305_out_of_place_is_not_missing(refs: str, expected: list[tuple[int, Severity, str]]) -> None:
    found = findings(paper("正文。", refs), "CG305")
    assert [(f.line, f.severity) for f in found] == [(line, severity) for line, severity, _ in expected]
    assert all(said in f.message for f, (_, _, said) in zip(found, expected, strict=True))


def test_cg305_out_of_place_said_once_for_the_list() -> None:
    refs = "\n".join(f"[{i}] 某机构.网页{i}[EB/OL].https://www.gov.cn/{i}.htm. [2020-01-0{i}]." for i in range(1, 4))
    (f,) = findings(paper("正文。", refs), "CG305")
    assert f.references == (1, 2, 3) and f.message.startswith("3 entries ([1]-[3])")


def test_place_inside_a_bib_school_field(tmp_path: Path) -> None:
    _, found = audit_files(tmp_path, {
        "refs.bib": "@phdthesis{gao2012,\n  title={题名甲},\n  author={高梓瑞},\n  school={武汉: 武汉理工大学},\n  year={2012}\n}\n"
                    "@phdthesis{li2013,\n  title={题名乙},\n  author={李四},\n  school={华北电力大学(北京)},\n  year={2013}\n}\n",
        "main.tex": "\\documentclass{ctexart}\\begin{document}\n本文研究图像\\cite{gao2012}与电力\\cite{li2013}。\n"
                    "\\bibliography{refs}\n\\end{document}\n"}, "main.tex")
    assert [(f.severity, f.message) for f in found if f.code == "CG305"] == [
        (W, "@li2013: the place stands inside or after the institution: GB/T 7714 has place: institution")]


# A name written "Surname, Given" is one author, not two (issue 22, class 8): CG309 counts authors.
@pytest.mark.parametrize(("entry", "authors", "expected"), [
    ("[1] WANG PL, WU SC, YANG, LP, et al. Codon bias[J]. Guihaia, 2019, 39(12): 1583-1592.",
     ("WANG PL", "WU SC", "YANG, LP"), []),
    ("[1] Wu, Eric, Kong Bin, Wang Xin, et al. Residual attention[C]//Proc of ISBI. New York: IEEE, 2019: 1158-1161.",
     ("Wu, Eric", "Kong Bin", "Wang Xin"), []),
    ("[1] Stuewig J, Tangney，JP, Rohsenow,D J. Self-control[J]. Psychological Bulletin, 2014, 40(3): 334-347.",
     ("Stuewig J", "Tangney, JP", "Rohsenow, D J"), []),
    ("[1] Oprea, TI, Simcoe, TS, Ahmad, M. Drug design[J]. Molecular Design, 2001, 15(2): 107-112.",
     ("Oprea, TI", "Simcoe, TS", "Ahmad, M"), []),
    # names that are names: surnames with their initials, two all-capital surnames, four real authors
    ("[1] ZHANG S, LI, WU. Title[J]. Journal, 2020, 1(2): 3-4.", ("ZHANG S", "LI", "WU"), []),
    ("[1] LIU Q, HE H, YAN B, KAI H. Title[J]. Journal, 2020, 1(2): 3-4.", ("LIU Q", "HE H", "YAN B", "KAI H"),
     [(5, W)]),
    ("[1] Smith, J, Brown, KA, Lee, M, Zhao, Q. Title[J]. Journal, 2020, 1(2): 3-4.",
     ("Smith, J", "Brown, KA", "Lee, M", "Zhao, Q"), [(5, W)]),
])
def test_surname_comma_given_is_one_author(entry: str, authors: tuple[str, ...], expected: list[tuple[int, Severity]]
                                           ) -> None:
    text = paper("正文[1]。", entry)
    assert summary(text, "CG309") == expected
    assert document_from_text(text).references[0].authors == authors


def test_a_bib_entry_copied_under_a_second_key_is_a_repeat(tmp_path: Path) -> None:
    """A .bib work whose title is too short to compare ("Firebase") entered twice under two keys,
    both cited: the printed list repeats it; the keys themselves are no part of the text compared."""
    _, found = audit_files(tmp_path, {
        "refs.bib": "@misc{firebase, title = {Firebase}, howpublished = {\\url{https://firebase.google.com}}}\n"
                    "@misc{firebase2, title = {Firebase}, howpublished = {\\url{https://firebase.google.com}}}\n"
                    "@misc{other, title = {Other}, howpublished = {\\url{https://example.org/other}}}\n",
        "paper.md": "---\nbibliography: refs.bib\n---\n\nUses [@firebase], again [@firebase2], and [@other].\n"}, "paper.md")
    assert [(f.code, f.path.endswith("refs.bib"), f.line) for f in found if f.code == "CG302"] == [("CG302", True, 2)]


@pytest.mark.parametrize(("repeats", "expected_findings"), [(3, 3), (5, 5), (6, 1)])
def test_repeated_works_each_at_its_place_until_many(repeats: int, expected_findings: int) -> None:
    """Up to five works listed twice: each repeat is its own finding at its own entry (an editor
    deletes them one by one); more is one finding naming them all (a list read twice over)."""
    lines = [f"[{n}] 作者{n}.第{n}种研究题名[J].刊名,2020({n}):{n}-{n + 5}." for n in range(1, 11)]
    lines += [f"[{10 + n}] 作者{n}.第{n}种研究题名[J].刊名,2020({n}):{n}-{n + 5}." for n in range(1, repeats + 1)]
    found = findings(paper("正文[1-10]。", "\n".join(lines)), "CG302")
    assert len(found) == expected_findings
    if expected_findings > 1:
        assert [f.references for f in found] == [(n, 10 + n) for n in range(1, repeats + 1)]
        assert len({f.line for f in found}) == repeats
    else:
        assert found[0].message.startswith(f"{repeats} entries repeat an earlier entry")


@pytest.mark.parametrize(("second_file", "expected"), [(False, [("CG302", "error")]), (True, [("CG302", "warning")])])
def test_a_repeat_across_two_bib_files_is_a_warning(tmp_path: Path, second_file: bool,
                                                    expected: list[tuple[str, str]]) -> None:
    """Two .bib files may feed two lists (an appendix with its own \\bibliography): the same work in
    both is a warning; twice in one file, an error."""
    entry = "@article{{{key}, author = {{Smith, John}}, title = {{A long enough title of a work}}, " \
            "journal = {{J X}}, year = {{2020}}, volume = {{1}}, pages = {{1--2}}}}\n"
    (tmp_path / "refs.bib").write_text(entry.format(key="a") + ("" if second_file else entry.format(key="b")),
                                       encoding="utf-8")
    (tmp_path / "more.bib").write_text(entry.format(key="b") if second_file else "", encoding="utf-8")
    (tmp_path / "main.tex").write_text("\\documentclass{article}\\begin{document}\nA \\cite{a}, B \\cite{b}.\n"
                                       "\\bibliography{refs,more}\n\\end{document}\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex")
    assert [(f.code, f.severity.value) for f in found if f.code == "CG302"] == expected


def test_nocite_star_is_no_key(tmp_path: Path) -> None:
    """\\nocite{*} prints every entry of the .bib file: it is no cited key that lacks an entry."""
    _, found = audit_files(tmp_path, {
        "refs.bib": "@book{a, author = {Smith, John}, title = {Book}, year = {2020}, publisher = {P}, address = {A}}\n",
        "main.tex": "\\documentclass{article}\\begin{document}\nA \\cite{a}.\n\\nocite{*}\n\\bibliography{refs}\n"
                    "\\end{document}\n"}, "main.tex")
    assert not [f for f in found if f.code == "CG112"]
