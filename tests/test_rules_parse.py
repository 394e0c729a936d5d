"""CG9xx: what the parser could not read becomes a finding, never silence."""

from __future__ import annotations

import pytest

from .rulekit import findings, paper, summary


@pytest.mark.parametrize(("code", "text", "count"), [
    ("CG901", paper("甲（张三，2020）。", "[1] 张三.题名[J].某刊 不知所云 ???"), 1),
    ("CG901", paper("甲（张三，2020）。", "[1] 张三.题名[J].刊名,2020(1):1-2."), 0),
    ("CG902", "正文。①\n\n① 张三.题名.北京:中华书局,2001:3.\n", 1),
    ("CG902", "正文。①\n\n① 同上。\n", 0),  # a prose note is not a failed entry
    ("CG903", paper("甲（张三，2020；某机构第三版报告，二〇二〇年前后）。", "[1] 张三.题名[J].刊名,2020(1):1-2."), 1),
    ("CG904", paper("as shown (Bian, 2014).", "Bian, Y. (2O14). Corporate capital. Journal X, 3(1), 1-2."), 1),
    ("CG905", "甲（张三，2020）乙（李四，2021）。\n", 1),
    ("CG905", "没有引用的正文。\n", 0),
])
def test_rule(code: str, text: str, count: int) -> None:
    assert len(summary(text, code)) == count


def test_pandoc_citations_are_reported_once() -> None:
    text = "EM [@Dempster1977] and @Calinon2007 introduced it; mail me at a@b.org.\n\n# References\n"
    (f,) = findings(text, "CG906")
    assert "2 Pandoc citations" in f.message and "Dempster1977" in f.message
