"""CG4xx footnote rules on small documents."""

from __future__ import annotations

import pytest

from citeguard.model import Severity

from .rulekit import findings, summary

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

CASES = [
    # CG401 mark without footnote on its page
    ("CG401", "正文。①又一句。②\n\n① 张三.题名[M].北京:中华书局,2001:3.\n", [(1, E)]),
    ("CG401", "正文。①\n\n① 张三.题名[M].北京:中华书局,2001:3.\n", []),
    # marks but no footnote text at all (lost in conversion): one warning
    ("CG401", "正文。①又一句。②\n\n下一段。③\n", [(1, W)]),
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
