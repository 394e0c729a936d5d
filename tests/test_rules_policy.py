"""CG8xx journal policy on small documents: each rule silent without a policy, and each firing
exactly when the configured bound is crossed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.checks.policy_rules import is_manuscript_author
from citeguard.cli import app
from citeguard.model import JournalPolicy, Language, Reference, Span
from citeguard.report.year_chart import year_chart

PAPER = ("论开放经济\n\n王晓明　李华\n\n（某大学经济学院，北京 100871）\n\n"
         "摘要：本文研究开放经济。\n\n关键词：开放；经济\n\n正文研究[1-6]。\n\n参考文献\n\n"
         "[1] 王晓明.论开放[J].经济研究,2024(1):1-9.\n"
         "[2] 王晓明,张三.再论开放[J].经济研究,2023(2):1-9.\n"
         "[3] 高帆.论发展[M].北京:人民出版社,2001.\n"
         "[4] 刘伟.论增长[J].经济学动态,1998(3):3-11.\n"
         "[5] SMITH J. Trade and growth[J]. Journal of Economics, 2010, 5(1): 1-9.\n"
         "[6] WANG X M. Openness and productivity[J]. World Economy, 2022, 3(2): 10-19. DOI:10.1000/we.2022.3\n")
YEAR = 2026


def _codes(policy: JournalPolicy | None, code: str, text: str = PAPER) -> list[str]:
    _, found = audit(document_from_text(text), select=[code], policy=policy)
    return [f.message for f in found if f.code == code]


@pytest.mark.parametrize(("code", "policy", "fires"), [
    # no policy, or a policy that sets nothing: every CG8 rule is silent
    ("CG8", None, False),
    ("CG8", JournalPolicy(YEAR), False),
    # CG801: 3 of 6 from 2022–2026 (2024, 2023, 2022)
    ("CG801", JournalPolicy(YEAR, recent_share=0.5), False),
    ("CG801", JournalPolicy(YEAR, recent_share=0.6), True),
    ("CG801", JournalPolicy(YEAR, recent_years=3, recent_share=0.5), True),  # 2024–2026: only [1]
    # CG802: 2 foreign entries of 6
    ("CG802", JournalPolicy(YEAR, min_foreign=2), False),
    ("CG802", JournalPolicy(YEAR, min_foreign=3), True),
    ("CG802", JournalPolicy(YEAR, foreign_share=0.3), False),
    ("CG802", JournalPolicy(YEAR, foreign_share=0.4), True),
    # CG803: four journal articles, one with a DOI
    ("CG803", JournalPolicy(YEAR, doi_required=True), True),
    # CG804: 6 entries
    ("CG804", JournalPolicy(YEAR, min_references=6, max_references=6), False),
    ("CG804", JournalPolicy(YEAR, min_references=7), True),
    ("CG804", JournalPolicy(YEAR, max_references=5), True),
    # CG805: 王晓明 wrote [1], [2] and, romanised, [6]: 3 of 6
    ("CG805", JournalPolicy(YEAR, max_self_citation=0.5), False),
    ("CG805", JournalPolicy(YEAR, max_self_citation=0.4), True),
])
def test_policy_rules(code: str, policy: JournalPolicy | None, fires: bool) -> None:
    assert bool(_codes(policy, code)) is fires


def test_doi_rule_names_each_article_without_one() -> None:
    _, found = audit(document_from_text(PAPER), select=["CG803"], policy=JournalPolicy(YEAR, doi_required=True))
    assert [f.references for f in found] == [(1,), (2,), (4,), (5,)]  # the book [3] and [6] with its DOI: not


def test_the_manuscripts_own_date_decides_what_is_recent() -> None:
    dated = PAPER.replace("正文研究", "收稿日期：2012-03-01\n\n正文研究")
    assert _codes(JournalPolicy(YEAR, recent_share=0.5), "CG801", dated)  # 2008–2012: only [5]


@pytest.mark.parametrize(("author", "mine"), [
    ("王晓明", True), ("WANG X M", True), ("Wang, X.", True), ("WANG Xiaoming", True), ("WANG Y", False),
    ("王晓", False), ("Smith, J.", False),
])
def test_manuscript_authors_matched_in_chinese_and_romanised(author: str, mine: bool) -> None:
    assert is_manuscript_author(author, ("王晓明", "李华"), ()) is mine


def test_year_chart_counts_years_and_languages() -> None:
    def ref(year: str, lang: Language) -> Reference:
        return Reference(raw="x", span=Span(1, 1, 1, 2), index=1, year=year, language=lang)
    chart = year_chart((ref("1950", Language.EN), ref("2020", Language.ZH), ref("2020", Language.EN),
                        ref("2024", Language.ZH), ref("", Language.ZH)))
    assert chart is not None
    assert (chart.zh, chart.other, chart.undated, chart.median) == (2, 2, 1, 2020)
    assert chart.bars[0].label.startswith("≤") and chart.bars[-1].label == "2024"  # 1950 folded into the first bar
    tallest = max(chart.bars, key=lambda b: b.h_zh + b.h_other)
    assert tallest.label == "2020" and tallest.h_zh + tallest.h_other == chart.height
    assert year_chart((ref("", Language.ZH),)) is None


def test_policy_from_the_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    (tmp_path / "citeguard.toml").write_text('[tool.citeguard.audit]\npolicy-max-references = 5\n'
                                             'policy-min-foreign = 3\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["audit", "paper.txt", "--offline", "--no-cache", "--json", "r.json", "-q",
                                      "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    codes = sorted(f["code"] for f in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]
                   if f["code"].startswith("CG8"))
    assert codes == ["CG802", "CG804"]
