"""CG314 entry-form: an entry against its own rendering in GB/T 7714 — reported where the marks
between its elements differ and its words are all there; silent on correct entries, on spacing
(CG308's) and on entries read only in part (CG901's)."""

from __future__ import annotations

import pytest

from .rulekit import findings

LIST = "正文[1][2]。\n\n参考文献\n\n[1] 周文.论新质生产力[J].改革,2023(10):1-13.\n[2] {}\n"


@pytest.mark.parametrize(("entry", "message", "suggestion"), [
    ("张三.题名[M].北京;出版社,2020:3.", "';' where GB/T 7714 has ':'", "张三.题名[M].北京:出版社,2020:3."),
    ("国务院.关于意见[EB/OL].(2023-04-25)[2025-03-01]https://www.gov.cn/a.htm", "'.' missing",
     "国务院.关于意见[EB/OL].(2023-04-25)[2025-03-01].https://www.gov.cn/a.htm"),
    # correct entries, spacing only, and entries read in part: nothing
    ("张三.题名[M]//李四.书名.北京:出版社,2020:1-9.", None, None),
    ("高帆. 论开放[J]. 学术月刊, 2015(2): 1-9.", None, None),
    ("张三.题名[J].刊名,2020,5(2);1-9.", None, None),
    ("高帆.论开放[M].北京:人民出版社.2015:3.", None, None),  # the period before the year is CG306's
])
def test_entry_form(entry: str, message: str | None, suggestion: str | None) -> None:
    found = findings(LIST.format(entry), "CG314")
    if message is None:
        assert found == []
    else:
        (f,) = found
        assert f.message == f"[2]: {message}" and f.suggestion == suggestion and f.references == (2,)


def test_not_where_the_reader_guessed() -> None:
    # a year with a letter for a digit (OCR): the entry's marks may be the scanner's, not the author's
    text = LIST.format("张三.题名[M].北京;出版社,2O20:3.")
    assert findings(text, "CG314") == [] and findings(LIST.format("张三.题名[M].北京;出版社,2020:3."), "CG314")
