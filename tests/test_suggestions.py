"""Every finding of CG102, CG109 and CG302 says what to do, in both languages, from its evidence:
the entry to cite or drop, the number to correct or add, the copy to delete — and the HTML
report's suggestion column shows it."""

from __future__ import annotations

import re

import pytest

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.report.audit_json import AuditResult
from citeguard.report.html import render_html

from .rulekit import findings, paper
from .test_rules_citations import ALL_CITED, NUMERIC_REFS, REFS

TWICE = "[1] 张三.论某某问题[J].刊,2020(1):1.\n[2] 张三. 论某某问题[J]. 刊, 2020(1): 1."
TWICE_AUTHOR_YEAR = "张三.2020.论某某问题[J].刊,(1):1.\n张三. 2020. 论某某问题[J]. 刊, (1): 1."
MANY_TWICE = "\n".join(f"[{2 * k + 1}] 张{k}.论某某问题{k}[J].刊,2020(1):1.\n[{2 * k + 2}] 张{k}.论某某问题{k}[J].刊,2020(1):1."
                       for k in range(6))  # more repeats than MANY_REPEATS: one finding

CASES = [
    ("CG102", paper("甲（周文和许凌云，2023）。" + ALL_CITED + "赵儒煜（2024）。", REFS),
     "cite [3] where the text uses the work, or delete it from the list",
     "在正文使用该文献处标注引用 [3]，或将其从参考文献表中删除"),
    # the list's last number, and the uncited entries a mistyped number may have meant
    ("CG109", paper("研究[1]，又见[4]。", NUMERIC_REFS),
     "correct the number, or add entry [4] to the list (it ends at [3]); uncited: [2], [3]",
     "更正序号，或在参考文献表中补上第 [4] 条（现止于第 [3] 条）；未被引用的条目：[2]、[3]"),
    ("CG109", paper("研究[1-3]，又见[5]。", NUMERIC_REFS),
     "correct the number, or add entry [5] to the list (it ends at [3])",
     "更正序号，或在参考文献表中补上第 [5] 条（现止于第 [3] 条）"),
    # the later copy goes; where the text cites it, the first copy is cited instead
    ("CG302", paper("研究[1][2]。", TWICE), "delete [2] and cite [1] where the text cites [2]",
     "删除 [2]，正文中引用 [2] 之处改引 [1]"),
    ("CG302", paper("研究[1]。", TWICE), "delete [2]", "删除 [2]"),
    ("CG302", paper("研究（张三，2020）。", TWICE_AUTHOR_YEAR), "delete 张三 2020 (line 6)", "删除 张三 2020（第 6 行）"),
    ("CG302", paper("研究[1][3][5][7][9][11]。", MANY_TWICE),
     "delete the later copies ([2], [4], [6], [8], [10], [12]); cite the first copy where the text cites one of them",
     "删除后出现的重复条目（[2]、[4]、[6]、[8]、[10]、[12]），正文中引用它们之处改引首次出现的条目"),
]


@pytest.mark.parametrize(("code", "text", "en", "zh"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_suggestion(code: str, text: str, en: str, zh: str) -> None:
    found = findings(text, code)
    assert [(f.fix("en"), f.fix("zh")) for f in found] == [(en, zh)]


@pytest.mark.parametrize(("code", "text"), [(c[0], c[1]) for c in CASES[:2]] + [(CASES[3][0], CASES[3][1])])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_suggestion_column_is_filled(code: str, text: str, lang: str) -> None:
    doc = document_from_text(text)
    ctx, found = audit(doc, select=[code])
    page = render_html(AuditResult(doc, ctx.standard, ctx.paper_date, found), text, [], lang=lang)
    rows = re.findall(rf'<tr class="finding"[^>]*data-code="{code}">(.*?)</tr>', page, re.S)
    assert rows
    for row in rows:
        assert re.findall(r"<td>(.*?)</td>", row, re.S)[-1].strip(), row
