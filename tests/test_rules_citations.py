"""CG1xx rules on small documents: (document, code, expected (line, severity) list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import audit_file, document_from_text
from citeguard.model import Severity

from .rulekit import findings, paper, summary

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
REFS = """
[1] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.
[2] 赵儒煜.东北地区新质生产力[J].社会科学辑刊,2024(3):31-38.
[3] 孔祥智,谢东东.农业新质生产力[J].中国农业大学学报,2024(4):29-40.
[4] 姜玲,王媛媛,方忠.绿色开放型经济[J].亚太经济,2021(3):115-121.
[5] 习近平.论文集[M].北京:人民出版社,2018:391.
[6] 习近平.讲话[M].北京:人民出版社,2018:14.
[7] 焦方义,张东超.战略性新兴产业[J].湖南科技大学学报,2024(1):110-116.
"""
ALL_CITED = "（习近平，2018:391）（习近平，2018:14）焦方义和张东超（2024）（姜玲等，2021）"

CASES = [
    # CG101 citation without entry (no candidate at all)
    ("CG101", "甲（王小明，2019）乙（周文和许凌云，2023）。", [(1, E)]),
    ("CG101", "甲（周文和许凌云，2023）。", []),
    # CG102 entry never cited
    ("CG102", "甲（周文和许凌云，2023）。" + ALL_CITED + "赵儒煜（2024）。", [(7, W)]),  # [3] stands on line 7
    ("CG102", "甲（周文和许凌云，2023）孔祥智和谢东东（2024）赵儒煜（2024）" + ALL_CITED, []),
    # … but an entry that an unlinked citation probably means is left to CG103-CG105 (one typo, one finding)
    ("CG102", "甲（周文和许凌云，2022）" + ALL_CITED + "孔祥智和谢东东（2024）赵儒煜（2024）", []),
    # CG103 wrong year
    ("CG103", "甲（周文和许凌云，2022）。", [(1, E)]),
    ("CG103", "甲（周文和许凌云，2023）。", []),
    # CG104 name near miss
    ("CG104", "甲（周闻和许凌云，2023）。", [(1, E)]),
    ("CG104", "甲（周文和许凌云，2023）。", []),
    # CG105 ambiguous: two 2018 works, no page
    ("CG105", "甲（习近平，2018）。", [(1, E)]),
    ("CG105", "甲（习近平，2018:14）。", []),
    # CG106 等 after a single author: error; 等 for a pair in a paper writing pairs in full: warning
    ("CG106", "赵儒煜等（2024）指出。焦方义和张东超（2024）认为。", [(1, E)]),
    ("CG106", "孔祥智等（2024）探讨。焦方义和张东超（2024）认为。周文和许凌云（2023）。", [(1, W)]),
    ("CG106", "孔祥智等（2024）探讨。焦方义等（2024）认为。", []),  # the paper shortens pairs: its convention
    ("CG106", "赵儒煜（2024）指出。", []),
    # CG107 et al. omitted for three authors
    ("CG107", "甲（姜玲，2021）。", [(1, W)]),
    ("CG107", "甲（姜玲等，2021）。", []),
    ("CG107", "姜玲（2021）等人指出。", []),  # 等人 after the year of a narrative citation
    ("CG107", "姜玲（2021）指出。", [(1, W)]),
    ("CG106", "刘洋（2020）等研究指出。", []),  # a bare 等 after the year lists works: no et al. to check
    ("CG107", "甲（姜玲和李强，2021）。", []),  # a co-author not of [4]: another work, not 等 left out
    # CG108 same author and year without suffixes
    ("CG108", "甲（习近平，2018:391）。", [(10, W)]),  # at the second entry, [6]
    # CG111 bracket width mixed
    ("CG111", "甲（周文和许凌云，2023）乙（姜玲等，2021）丙(赵儒煜, 2024)。", [(1, W)]),
    ("CG111", "甲（周文和许凌云，2023）乙（姜玲等，2021）。", []),
]


@pytest.mark.parametrize(("code", "body", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, REFS), code) == expected


NUMERIC_REFS = "[1] 甲.题名[J].刊名,2020(1):1-2.\n[2] 乙.题名[J].刊名,2021(1):1-2.\n[3] 丙.题名[J].刊名,2022(1):1-2."


@pytest.mark.parametrize(("code", "body", "expected"), [
    ("CG109", "研究[1]，又见[4]。", [(1, E)]),
    ("CG109", "研究[1-3]。", []),
    ("CG110", "研究[2]，再[1]，再[3]。", [(1, W)]),
    ("CG110", "研究[1]，再[2-3]，再[1]。", []),
])
def test_numeric_rules(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, NUMERIC_REFS), code) == expected


EN_REFS = """References

Chen, L. (2017). First study. Journal, 1(1), 1-9.
Chen, J. (2017). Second study. Journal, 2(1), 1-9.
Wang, X. (2017). Third study. Journal, 3(1), 1-9.
Wang, X., & Li, Y. (2017). Fourth study. Journal, 4(1), 1-9.
"""


@pytest.mark.parametrize(("code", "body", "expected"), [
    # X, 2017 and X & Y, 2017 are different works: no suffix needed, and each citation finds its own
    ("CG108", "Known (Wang, 2017; Wang & Li, 2017; Chen, 2017).", []),  # nor Chen, L. and Chen, J.
    ("CG105", "Known (Wang, 2017) and (Wang & Li, 2017).", []),
    # namesakes with other initials are other authors; a bare "Chen, 2017" still cannot tell them apart
    ("CG105", "Known (Chen, 2017).", [(1, E)]),
])
def test_co_authors_and_initials_tell_works_apart(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(f"{body}\n\n{EN_REFS}", code) == expected


NAMED_REFS = ("[1] 刘伟.论发展[J].经济研究,2020(1):1-9.\n[2] 高帆.论开放[J].学术月刊,2015(2):1-9.\n"
              "[3] 陈明,李强,王刚.论创新[J].管理世界,2019(3):1-9.\n[4] 赵丽.论增长[J].经济学家,2018(5):1-9.\n"
              "[5] 洪银兴.论特征[J].经济学动态,2024(1):3-11.")


@pytest.mark.parametrize(("code", "body", "expected"), [
    # the name before a number is checked against the entry the number points to
    ("CG113", "洪银兴[2]指出，刘伟[1]认为，赵丽[4]发现，陈明等[3]提出，洪银兴[5]说。", [(1, E)]),
    ("CG113", "刘伟[1]认为，高帆[2]指出，李强等[3]提出。", []),  # a co-author may be named
    ("CG113", "研究表明[2]，文献[5]也是。", []),                   # prose before a number is no name
    # 等 after the single author of a numbered entry
    ("CG106", "刘伟等[1]认为，高帆[2]指出。", [(1, E)]),
    ("CG106", "陈明等[3]提出。", []),
    ("CG106", "陈明等[1]提出。", []),  # [1] is by 刘伟: the name or the number is off (CG113's word), not 等
])
def test_names_before_numbers(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, NAMED_REFS), code) == expected


APA_TWINS = ("Schwabe, L., Tegenthof, M., & Wolf, O. T. (2012). Stress and memory. Journal A, 1(1), 1-9.\n"
             "Schwabe, L., Bohbot, V. D., & Wolf, O. T. (2012). Prefrontal control. Journal B, 2(1), 10-19.\n")


@pytest.mark.parametrize(("body", "linked"), [
    ("Known (Schwabe, Tegenthoff, & Wolf, 2012).", 1),   # one letter off the printed co-author
    ("Known (Schwabe, Bohbot, & Wolf, 2012).", 2),
])
def test_co_authors_tell_twins_apart(body: str, linked: int) -> None:
    doc = document_from_text(f"{body}\n\nReferences\n\n{APA_TWINS}")
    assert doc.citations[0].reference == linked
    assert summary(f"{body}\n\nReferences\n\n{APA_TWINS}", "CG105") == []


APA_NAMESAKES = ("Longcamp, M., Anton, J.-L., Roth, M., & Velay, J.-L. (2005). Premotor activations. Neuropsychologia, "
                 "43(12), 1801-1809.\n"
                 "Longcamp, M., Zerbato-Poudou, M.-T., & Velay, J.-L. (2005). The influence of writing practice. Acta "
                 "Psychologica, 119(1), 67-79.\n")


@pytest.mark.parametrize(("body", "expected"), [
    # every citation names all the authors (APA 6 at first citation): the works are told apart
    ("Known (Longcamp, Anton, Roth, & Velay, 2005) and (Longcamp, Zerbato-Poudou, & Velay, 2005).", []),
    # "Longcamp et al., 2005" could be either: the list needs 2005a / 2005b
    ("Known (Longcamp et al., 2005) and (Longcamp, Zerbato-Poudou, & Velay, 2005).", [W]),
])
def test_namesakes_cited_in_full_need_no_suffix(body: str, expected: list[Severity]) -> None:
    text = f"{body}\n\nReferences\n\n{APA_NAMESAKES}"
    assert [s for _, s in summary(text, "CG108")] == expected
    assert len(summary(text, "CG105")) == len(expected)  # "et al." could mean either
    assert document_from_text(text).citations[-1].reference == 2  # a double-barrelled co-author


YEAR_REFS = ("[1] 林毅夫.新结构经济学[M].北京:北京大学出版社,2012.\n"
             "[2] Smith J, Brown K. A title[J]. Journal of X, 2018, 3(2): 1-9.\n"
             "[3] 马克思.资本论:第1卷[M].北京:人民出版社,2004(1867年初版).\n"
             "[4] 林毅夫.解读中国经济[M].北京:北京大学出版社,2014.\n"
             "[5] 高帆.论开放[J].学术月刊,2015(2):1-9.")
NUMBERS = "又见[3][4][5]。"


@pytest.mark.parametrize(("code", "body", "expected"), [
    # CG114: the year printed between a name and its number, against the entry's year
    ("CG114", "林毅夫（2014）[1]认为。", [(1, E)]),
    ("CG114", "Smith (2019) [2] argues.", [(1, E)]),
    ("CG114", "Smith et al. (2019)[2] argue.", [(1, E)]),
    ("CG114", "Brown (2019) [2] argues.", [(1, E)]),  # a co-author named: the year is still the work's
    ("CG114", "林毅夫（2012）[1]认为，Smith (2018) [2] argues.", []),
    ("CG114", "林毅夫在2014年提出[1]。", []),          # a year in the sentence, not printed with the number
    ("CG114", "林毅夫（2014）认为，发展有其结构[1]。", []),  # the year is not next to the number
    ("CG114", "马克思（1867）[3]指出。", []),            # the entry names the first edition's year
    ("CG114", "高帆（2014）[1]认为。", []),              # the name is not the entry's: CG113 says so, not CG114
    # CG113 sees the name through the printed year
    ("CG113", "高帆（2014）[1]认为，林毅夫（2012）[1]指出。", [(1, E)]),
    ("CG113", "林毅夫（2014）[1]认为。", []),
])
def test_years_printed_with_numbers(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    doc = paper(body + NUMBERS, YEAR_REFS)
    assert document_from_text(doc).system.value == "numeric"
    assert summary(doc, code) == expected


def test_a_year_next_to_its_number_is_read_with_the_name() -> None:
    doc = document_from_text(paper("林毅夫（2014）[1]认为。" + NUMBERS, YEAR_REFS))
    numbered = next(c for c in doc.citations if c.number == 1)
    assert (numbered.authors, numbered.year, numbered.author_text) == (("林毅夫",), "2014", "林毅夫（2014）")


GAJENDRAN = ("References\n\n"
             "Gajendran, R. S., & Harrison, D. A. (2007). The good, the bad, and the unknown. Journal of Applied "
             "Psychology, 92(6), 1524-1541.\n"
             "Smith, J. (2007). Another study. Journal, 1(1), 1-9.\n")


@pytest.mark.parametrize(("code", "body", "expected"), [
    # the first author misspelt, the co-author right: a near name on the first author, not "no entry by Harrison"
    ("CG104", "As Gajendren and Harrison (2007) found, and Smith (2007).", [(1, E)]),
    ("CG101", "As Gajendren and Harrison (2007) found, and Smith (2007).", []),
    ("CG104", "As Gajendran and Harrison (2007) found, and Smith (2007).", []),
    # a name before a listed first author is still prose cut off ("Vietnam, Smith (2007)")
    ("CG101", "In Vietnam and Smith (2007) and Gajendran and Harrison (2007).", []),
])
def test_misspelt_first_author_with_right_co_author(code: str, body: str,
                                                    expected: list[tuple[int, Severity]]) -> None:
    assert summary(f"{body}\n\n{GAJENDRAN}", code) == expected


def test_misspelt_first_author_is_linked_by_co_author_and_year() -> None:
    doc = document_from_text("As Gajendren and Harrison (2007) found, and Smith (2007).\n\n" + GAJENDRAN)
    cited = doc.citations[0]
    assert cited.authors == ("Gajendren", "Harrison")
    assert [x.reference for x in cited.candidates] == [1]
    assert "co-author Harrison" in cited.candidates[0].reason


ZH_PAIR = "[1] 王小明,李四.题名甲[J].刊名,2007(1):1-2.\n[2] 赵六.题名乙[J].刊名,2007(2):1-2."


@pytest.mark.parametrize(("code", "body", "expected"), [
    ("CG104", "如王小名和李四（2007）指出，赵六（2007）认为。", [(1, E)]),
    ("CG101", "如王小名和李四（2007）指出，赵六（2007）认为。", []),
    ("CG104", "如王小明和李四（2007）指出，赵六（2007）认为。", []),
])
def test_misspelt_first_author_in_chinese(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, ZH_PAIR), code) == expected


# Brackets that are not citations (issue 22, class 7): an interval, a vector or a grid cell, a value
# after "=", a Markdown reference link and its definition, inline code, a LaTeX optional argument.
# Each would cite a number the two-entry list lacks (CG109) or cite [2] before [1] (CG110).
TWO_REFS = "[1] 甲.题名[J].刊名,2020(1):1-2.\n[2] 乙.题名[J].刊名,2021(1):1-2."


@pytest.mark.parametrize("before", [
    "The value lies in the interval [0, 3].",
    "The vector [3, 0] is a unit vector.",
    "Cell [2,2] of the grid, and the pair [3,3].",
    "Let x = [3, 4] be a point, and y ∈ [5, 6].",
    "See the [project page][3] for details.\n\n[3]: https://example.org/project\n",
    "Indexing `grid[2]` and `a[3]` in code.",
])
@pytest.mark.parametrize("code", ["CG109", "CG110"])
def test_brackets_that_are_not_citations(before: str, code: str) -> None:
    text = paper(f"{before}\n\nStudies [1] and [2].", TWO_REFS)
    assert summary(text, code) == []
    assert [c.number for c in document_from_text(text).citations] == [1, 2]


def test_bracket_citations_stay_citations() -> None:
    # runs of citations, OCR's spaced digits, a number after a closing bracket of another citation
    text = paper("研究[1][2]，又见[ 1 ]和[1, 2]，以及[2-3]。", TWO_REFS)
    assert [c.number for c in document_from_text(text).citations] == [1, 2, 1, 1, 2, 2, 3]
    assert summary(text, "CG109") == [(1, E)]


def test_latex_optional_arguments_are_not_citations(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("@article{a, author = {Smith, J}, title = {T}, journal = {J}, year = {2020}}\n",
                                       encoding="utf-8")
    (tmp_path / "main.tex").write_text(
        "\\newbibmacro{string+doiurl}[1]{#1}\n\\lstset{keywordstyle=[2]\\itshape}\n"
        "\\begin{document}\nAs shown \\cite{a}.\n\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    doc, found = audit_file(tmp_path / "main.tex")
    assert [c.kind.value for c in doc.citations] == ["key"]
    assert not [f for f in found if f.code in ("CG109", "CG909")]


# Cascades and repeats (issue 22, class 10): one mistake, one finding.
@pytest.mark.parametrize(("code", "body", "expected"), [
    # [7] has no entry: CG109 says so; no renumbering is asked of it, nor of the numbers after it
    ("CG110", "研究[1]，又见[7]，再[2]，再[3]。", []),
    ("CG109", "研究[1]，又见[7]，再[2]，再[3]。", [(1, E)]),
    ("CG110", "研究[1]，又见[7]，再[3]，再[2]。", [(1, W)]),  # a real order slip is still found
])
def test_no_renumbering_of_a_number_without_entry(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, NUMERIC_REFS), code) == expected


def test_an_ambiguity_is_one_finding_listing_its_places() -> None:
    body = "甲（习近平，2018）。\n\n乙（习近平，2018）又（习近平，2018）。\n\n丙（周文和许凌云，2023）。"
    (f,) = findings(paper(body, REFS), "CG105")
    assert f.line == 1 and len(f.citations) == 3
    assert "(3 citations: lines 1, 3)" in f.message and "共 3 处：第 1、3 行" in f.message_zh


def test_an_uncited_bib_entry_without_a_key_is_not_checked(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@article{a, author = {Smith, J}, title = {Cited}, journal = {J}, year = {2020}}\n"
        "@article{, author = {Nobody, A}, title = {No key}, journal = {J}, year = {2019}}\n", encoding="utf-8")
    (tmp_path / "main.tex").write_text("As shown \\cite{a}.\n\\bibliography{refs}\n", encoding="utf-8")
    doc, found = audit_file(tmp_path / "main.tex")
    assert [r.key for r in doc.references] == ["a"]
    assert [f.code for f in found if f.code == "CG102"] == []
