"""English sentences around numbers: "1 entry", "2 entries", "the 11th work" — in rule messages,
the catalogue's lines and the command line's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.cli import app
from citeguard.ledger import LedgerRow
from citeguard.model import JournalPolicy, LinkResult, LinkStatus
from citeguard.report.index_html import IndexRow, render_index
from citeguard.report.terminal import render_ledger_table, render_links_table, render_parse_summary
from citeguard.words import counted, ordinal, plural


@pytest.mark.parametrize(("n", "word", "expected"), [
    (1, "entry", "1 entry"), (2, "entry", "2 entries"), (0, "entry", "0 entries"), (2, "key", "2 keys"),
    (1, "citation", "1 citation"), (3, "citation", "3 citations"), (2, "URL", "2 URLs"),
])
def test_counted(n: int, word: str, expected: str) -> None:
    assert counted(n, word) == expected
    assert plural(n, word) == expected.split(" ", 1)[1]


@pytest.mark.parametrize(("n", "expected"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
    (22, "22nd"), (101, "101st"), (111, "111th"),
])
def test_ordinal(n: int, expected: str) -> None:
    assert ordinal(n) == expected


LIST = "\n\n参考文献\n\n"
BRACKETS = ("甲（周文和许凌云，2023）乙（赵儒煜，2024）丙（周文和许凌云，2023）丁(赵儒煜, 2024)。" + LIST
            + "[1] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.\n[2] 赵儒煜.东北地区新质生产力[J].社会科学辑刊,2024(3):31-38.\n")
ONE = "研究[1]。" + LIST + "[1] 甲.题名[J].刊名,2020(1):1-2.\n"
WEB = "研究[1]。" + LIST + "[1] 甲.题名[EB/OL].(2020-01-01)[2024-01-01].https://a.example/x.\n"
ELEVEN = "研究" + "".join(f"[{n}]" for n in range(1, 11)) + "，再[12]，再[11]。" + LIST + "".join(
    f"[{n}] 作者{n}.题名{n}[J].刊名,2020(1):1-2.\n" for n in range(1, 13))


@pytest.mark.parametrize(("text", "code", "message"), [
    ("研究[1]。\n", "CG905", "1 citation but no reference list was found"),
    (BRACKETS, "CG111", "1 citation uses half-width brackets (line 1) while 3 use full-width ones"),
    ("研究[1]。" + LIST + "[1] 习近平.习近平谈治国理政(第4卷)[M].北京:外文出版社,2022:1.\n", "CG307",
     "1 entry writes the volume in brackets"),
    (ELEVEN, "CG110", "[12] is the 11th work first cited, so it should be [11]"),
    (ONE, "CG804", "1 reference; the journal asks for at least 5"),
    (ONE, "CG801", "0 of 1 reference (0 %)"),
    (WEB, "CG518", "network unavailable: 1 link not checked"),
    ("研究[1][2]。" + LIST + "[1] 甲.题名[EB/OL].(2020-01-01)[2024-01-01].http://a.example/x.\n"
     "[2] 乙.题名[EB/OL].(2020-01-01)[2024-01-01].https://b.example/y.\n", "CG504", "(1 other uses https://)"),
])
def test_rule_messages_count_in_english(text: str, code: str, message: str) -> None:
    links = [LinkResult("https://a.example/x", LinkStatus.NOT_CHECKED, detail="network unavailable: not checked")]
    _, found = audit(document_from_text(text), select=[code], links=links,
                     policy=JournalPolicy(2026, min_references=5, recent_share=0.5))
    assert any(message in f.message for f in found), [f.message for f in found]


def test_an_unread_list_of_one_entry() -> None:
    doc = document_from_text("Text [1].\n\nReferences\n\n[1] A. H. Guth, Phys. Rev. D 23, 347 (1981).\n")
    assert [issue.message[:50] for issue in doc.issues] == ["1 of 1 entry is in a style citeguard does not read"]


def test_terminal_lines_count_in_english() -> None:
    doc = document_from_text(ONE)
    assert "on 1 page" in render_parse_summary(doc, width=200)
    row = LedgerRow("甲 2020", "k", "5", "研究", False, 1, 3, "text", "c1")
    assert "1 cited page" in render_ledger_table([row], lang="en")
    links = render_links_table([LinkResult("https://a.example/x", LinkStatus.OK)], 1, width=200, lang="en")
    assert "1 URL: 1 ok" in links and "(1 HTTP request," in links
    index = render_index([IndexRow("a.md", "a.html", "A", "en", 1, 0, 0)], lang="en")
    assert "1 paper:" in index and "citeguard — 1 paper<" in index


@pytest.mark.parametrize(("text", "expected"), [
    ("Text [1].\n\nReferences\n\n[1] 甲.题名[J].刊名,2020(1):1-2.\n", "1 entry (the parsed reference list"),
    ("Text [1].\n\nReferences\n\n[1] 甲.题名[J].刊名,2020(1):1-2.\n[2] 乙.题名[J].刊名,2021(1):1-2.\n", "2 entries (the parsed"),
])
def test_export_says_how_many_entries(tmp_path: Path, text: str, expected: str) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(text, encoding="utf-8")
    out = tmp_path / "refs.bib"
    result = CliRunner().invoke(app, ["--no-config", "export", str(paper), "--bibtex", str(out)])
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_export_speaks_chinese_for_a_chinese_paper(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text("我们的研究表明，新质生产力很重要[1]。" + LIST + "[1] 甲.题名[J].刊名,2020(1):1-2.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-config", "export", str(paper), "--csl-json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    assert "已写入 1 条文献" in result.output
