"""In-text citation forms, table-driven: (sentence, expected citations)."""

from __future__ import annotations

from typing import Any

import pytest

from citeguard.model import CitationKind
from citeguard.parse.citations import NameLexicon, find_citations

LEXICON = NameLexicon(["周文", "许凌云", "习近平", "焦方义", "张东超", "孔祥智", "徐政", "牟春伟", "齐飞", "聂新伟",
                       "李培林", "崔岩", "陆学艺"])

# Each expected citation: (author_text, authors, et_al, year+suffix, pages, narrative)
CASES: list[tuple[str, list[tuple[Any, ...]]]] = [
    ("学者阐释其内涵（周文和许凌云，2023），", [("周文和许凌云", ("周文", "许凌云"), False, "2023", (), False)]),
    ("已经形成(习近平, 2025:191), 开放", [("习近平", ("习近平",), False, "2025", ("191",), False)]),
    ("格局（习近平，2025:25-26）。", [("习近平", ("习近平",), False, "2025", ("25-26",), False)]),
    ("焦方义和张东超（2024）从战略性新兴产业切入", [("焦方义和张东超", ("焦方义", "张东超"), False, "2024", (), True)]),
    ("孔祥智等（2024）探讨了", [("孔祥智等", ("孔祥智",), True, "2024", (), True)]),
    # The lexicon decides where names begin: 如 is not part of 徐政
    ("代表性研究成果如徐政和牟春伟（2024）基于", [("徐政和牟春伟", ("徐政", "牟春伟"), False, "2024", (), True)]),
    # 等学者 after a complete citation is prose
    ("齐飞和聂新伟（2024）等学者均论证了", [("齐飞和聂新伟", ("齐飞", "聂新伟"), False, "2024", (), True)]),
    # A name not in the list: accepted after a boundary when it starts with a common surname
    ("，王小明（2019）认为", [("王小明", ("王小明",), False, "2019", (), True)]),
    # Several works in one parenthesis, years with suffixes, a carried-over author
    ("（周文，2018a；许凌云，2018b，2019）", [
        ("周文", ("周文",), False, "2018a", (), False),
        ("许凌云", ("许凌云",), False, "2018b", (), False),
        ("许凌云", ("许凌云",), False, "2019", (), False)]),
    # APA-style Chinese names separated by commas, with a lead-in word
    ("（如李培林，崔岩，2020；陆学艺，2010）", [
        ("李培林，崔岩", ("李培林", "崔岩"), False, "2020", (), False),
        ("陆学艺", ("陆学艺",), False, "2010", (), False)]),
    # English forms
    ("as shown (Smith & Jones, 2020; Smith et al., 2020a, p. 14).", [
        ("Smith & Jones", ("Smith", "Jones"), False, "2020", (), False),
        ("Smith et al.", ("Smith",), True, "2020a", ("14",), False)]),
    ("(Smith, 2020: 3-5)", [("Smith", ("Smith",), False, "2020", ("3-5",), False)]),
    ("as Smith (2020) argued", [("Smith", ("Smith",), False, "2020", (), True)]),
    ("Smith and Jones (2019) found", [("Smith and Jones", ("Smith", "Jones"), False, "2019", (), True)]),
    ("Chen et al. (2013b) show", [("Chen et al.", ("Chen",), True, "2013b", (), True)]),
    ("(see Eisenstadt, 2000)", [("Eisenstadt", ("Eisenstadt",), False, "2000", (), False)]),
    # Not citations
    ("习近平经济思想研究文集（2023）的论述", []),
    ("复旦大学马克思主义学院(上海 200433)", []),
    ("田村三郎（1917-2015），原日本东京大学", []),
    ("国际标准化组织（ISO）中", []),
    ("In (2020) the rate rose", []),
    ("《管理世界》（2020）刊文", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_author_year(text: str, expected: list[tuple[Any, ...]]) -> None:
    found, unparsed = find_citations(text, LEXICON)
    got = [(c.author_text, c.authors, c.et_al, (c.year or "") + c.year_suffix, c.pages, c.narrative)
           for c in found]
    assert got == expected
    assert not unparsed
    for c in found:
        assert c.kind is CitationKind.AUTHOR_YEAR
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize(("text", "numbers", "pages"), [
    ("见文献[3]。", [(3,)], [()]),
    ("多项研究[1-3]表明", [(1, 2, 3)], [()]),
    ("研究[1,4]与[6]", [(1, 4), (6,)], [(), ()]),
    ("solving [1， 2,3, 4]", [(1, 2, 3, 4)], [()]),
    ("上标^[2]260页", [(2,)], [("260",)]),
    ("en dash [2–4]", [(2, 3, 4)], [()]),
    ("类型码[M]不是引用", [], []),
    ("a markdown [1](http://x) link", [], []),
    ("math $ [ 4 ] $ only", [], []),
])
def test_numeric(text: str, numbers: list[tuple[int, ...]], pages: list[tuple[str, ...]]) -> None:
    found, _ = find_citations(text, NameLexicon([]))
    assert [c.numbers for c in found] == numbers
    assert [c.pages for c in found] == pages
    assert all(c.kind is CitationKind.NUMERIC for c in found)


def test_partly_unreadable_group_is_reported() -> None:
    found, unparsed = find_citations("（周文，2023；某某机构报告第三版，2020年前后）", LEXICON)
    assert [c.authors for c in found] == [("周文",)]
    assert len(unparsed) == 1


def test_english_names_joined_by_chinese_connector() -> None:
    found, _ = find_citations("在实证研究中，Bian 和Zhang（2014）分析了数据", LEXICON)
    assert [(c.author_text, c.authors, c.narrative) for c in found] == [("Bian 和Zhang", ("Bian", "Zhang"), True)]


def test_accented_latin_names() -> None:
    found, _ = find_citations("as shown (Müller, 2020; García-López, 2018) and Łukasz (2019) said", LEXICON)
    assert [(c.authors, c.year) for c in found] == [(("Müller",), "2020"), (("García-López",), "2018"),
                                                    (("Łukasz",), "2019")]


def test_long_citation_groups_are_read_whole() -> None:
    """A parenthesis citing many works (here 13 English, 35 Chinese) is read, not dropped."""
    from citeguard.api import document_from_text

    works = "; ".join(f"Author{chr(65 + i)}, {2010 + i}" for i in range(13))
    refs = "\n".join(f"Author{chr(65 + i)}, X. ({2010 + i}). Title {i}. Journal, 1(1), 1-2." for i in range(13))
    doc = document_from_text(f"Text ({works}).\n\nReferences\n\n{refs}\n")
    assert [c.reference for c in doc.citations] == list(range(1, 14))
    surnames, given = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超"
    names = [surnames[i] + given[i % len(given)] + given[(i * 7) % len(given)] for i in range(35)]
    group = "；".join(f"{name}，{2010 + i % 10}" for i, name in enumerate(names))
    entries = "\n".join(f"{name}.({2010 + i % 10}).题名{i}.刊名,1(1),1-2." for i, name in enumerate(names))
    doc = document_from_text(f"正文（{group}）。\n\n参考文献\n\n{entries}\n")
    assert len(doc.citations) == 35 and all(c.reference for c in doc.citations)
