"""A Chinese paper's every output reads in Chinese: no English word of citeguard's own reaches the
terminal summary, the Markdown comment, the GitHub annotations, the HTML report, the index page,
`rules`, `links` or `ledger` — in a text file, a .docx (¶ places) and a PDF (page-and-line places).

English words that may appear are the manuscript's own (its titles, names, URLs, quoted entries, cut
short or whole), pinyin (the romanised names CG603 compares), and a few names of things."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.api import document_from_text, load_with_source
from citeguard.checks import audit
from citeguard.cli import app
from citeguard.ledger import build_ledger
from citeguard.report.audit_json import AuditResult
from citeguard.report.ci_formats import render_github, render_markdown
from citeguard.report.html import render_html
from citeguard.report.terminal import render_audit_summary

from .conftest import PAPER, ROOT

# Names of things, not English prose: the program, formats and the standard's own abbreviations
ALLOWED = {"citeguard", "json", "html", "sarif", "csv", "doi", "issn", "apa", "gb/t", "ocr", "yyyy"}
_WORD_RE = re.compile(r"[A-Za-z]{3,}")
# Web addresses and file paths in an output are the manuscript's or the user's, not citeguard's words;
# option names and configuration keys (policy-recent-share) are identifiers
_ADDRESS_RE = re.compile(r"(?:https?|ftp)://\S+|(?:[\w.<>-]+/)+[\w.<>-]+|\S+\.(?:txt|md|docx|pdf|json|html)\b"
                         r"|\b[a-z]+(?:-[a-z]+){2,}\b")
# A GitHub workflow command's own syntax: ::warning file=…,line=…,col=…,title=…::
_GITHUB_COMMAND_RE = re.compile(r"^::(?:error|warning|notice) [^:]*?(?:title=)")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict
    return frozenset(s for code in pinyin_dict for s in lazy_pinyin(chr(code), style=Style.NORMAL) if s.isalpha())


def _pinyin(word: str) -> bool:
    """Can the word be cut into pinyin syllables (a romanised Chinese name: "jingjing", "YING")?"""
    word, syllables = word.lower(), _syllables()
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ok[end] = any(ok[start] and word[start:end] in syllables for start in range(max(0, end - 6), end))
    return ok[-1]


def english_words(output: str, source: str) -> list[str]:
    """The English words of ``output`` that the manuscript ``source`` does not contain."""
    own = {w.lower() for w in _WORD_RE.findall(source)}
    text = _ADDRESS_RE.sub(" ", output)
    left = []
    for word in _WORD_RE.findall(text):
        lower = word.lower()
        if lower in own or lower in ALLOWED or _pinyin(word) or any(lower in w for w in own):
            continue  # (a word cut short where a label was shortened, "PFEIF…", or a table folded a URL)
        left.append(word)
    return left


def _visible(page: str) -> str:
    """What a reader of the HTML sees: text outside tags, scripts and styles (attributes included
    when they are shown as tooltips: title="…")."""
    page = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    tips = " ".join(re.findall(r'title="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + tips)


OCR_PAPER = ("论开放经济（周文，2O23；高帆，2015）与全球化（Smith，2019）。\n\n参考文献\n\n"
             "周文，2O23. 论新质生产力[J]. 改革，(10): 1-13.\n"
             "高帆，2015. 论开放[J]. 学术月刊，(2): 1-9.\n"
             "SMITH J，2018. Trade[J]. Journal of Economics, 5(1): 1-9.\n"
             "刘伟，2O2O. 这一条目无法完整解析 某某某某\n")
DOCUMENTS = [PAPER, ROOT / "corpus" / f"{PAPER.stem}.docx", ROOT / "corpus" / f"{PAPER.stem}.pdf",
             *sorted((ROOT / "corpus" / "real").glob("zh-*.md"))]


def _outputs(result: AuditResult, source: str) -> dict[str, str]:
    github = "\n".join(_GITHUB_COMMAND_RE.sub("", line) for line in render_github(result, lang="zh").splitlines())
    return {"terminal": render_audit_summary(result, lang="zh", width=160),
            "markdown": render_markdown([result], lang="zh"),
            "github": github,
            "html": _visible(render_html(result, source, build_ledger(result.document), lang="zh"))}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name[:40])
def test_no_english_word_of_citeguards_own_in_a_chinese_report(path: Path) -> None:
    source, doc = load_with_source(path)
    ctx, findings = audit(doc)
    assert findings
    result = AuditResult(doc, ctx.standard, ctx.paper_date, findings)
    for name, output in _outputs(result, source.text).items():
        # (the file's path is the user's words too: a summary folds it where the clone's path length puts it)
        assert english_words(output, f"{source.text} {path}") == [], name


def test_the_parsers_notes_read_in_chinese() -> None:
    doc = document_from_text(OCR_PAPER, path="稿件.txt")
    ctx, findings = audit(doc)
    assert any(f.code == "CG904" for f in findings)  # a year OCR wrote with a letter
    result = AuditResult(doc, ctx.standard, ctx.paper_date, findings)
    for name, output in _outputs(result, OCR_PAPER).items():
        assert english_words(output, OCR_PAPER) == [], name


def test_places_in_word_and_pdf_files_are_chinese() -> None:
    for suffix, shape in ((".docx", r"第 \d+ 段|脚注 \d+"), (".pdf", r"第 \d+ 页第 \d+ 行")):
        _, doc = load_with_source(ROOT / "corpus" / f"{PAPER.stem}{suffix}")
        ctx, findings = audit(doc)
        text = render_audit_summary(AuditResult(doc, ctx.standard, ctx.paper_date, findings), lang="zh", width=160)
        assert re.search(shape, text), suffix


def test_the_commands_speak_chinese(tmp_path: Path) -> None:
    runner = CliRunner()
    source = PAPER.read_text(encoding="utf-8")
    rules = runner.invoke(app, ["rules", "--lang", "zh"])
    links = runner.invoke(app, ["links", "--from", str(PAPER), "--offline", "--no-cache"])
    ledger = runner.invoke(app, ["ledger", str(PAPER)])
    batch = runner.invoke(app, ["audit", str(PAPER), str(ROOT / "corpus" / "real"), "--offline", "--no-cache",
                                "--reports-dir", str(tmp_path), "--fail-on", "never", "--lang", "zh"])
    for name, result in (("rules", rules), ("links", links), ("ledger", ledger), ("batch", batch)):
        # (links, offline with no cache: nothing could be checked, exit 3 — said in Chinese too)
        assert result.exit_code == (3 if name == "links" else 0), (name, result.output)
        assert "代码" in rules.output and "网址" in links.output and "页码" in ledger.output
        assert english_words(result.output, source) == [], name
    index = _visible((tmp_path / "index.html").read_text(encoding="utf-8"))
    real = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "corpus" / "real").glob("*.md"))
    assert english_words(index, source + real) == []


def test_the_check_itself_catches_english() -> None:
    assert english_words("标准：standard GB/T 7714", "正文") == ["standard"]
    assert english_words("ZHANG Wei 张伟 jingjing", "正文") == []
    assert english_words("found Smith 2019", "Smith, J. (2019)") == ["found"]
