"""CG0xx: the quoted passages of a manuscript against the office's library of editions, through
``citeguard audit --library DIR`` — each verdict its finding (none for a verified one), the ledger's
verdict columns, the HTML report's edition column with the diff, and the JSON's quotations."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.cli import app
from citeguard.quotes import EditionIndex, QuoteStatus, check_quotations, load_library
from citeguard.report.html import diff_parts
from tests.quotekit import CASES, REFS, paper

# each verdict → the finding it raises (None: none)
RAISED = {QuoteStatus.VERIFIED: None, QuoteStatus.WRONG_PAGE: "CG001", QuoteStatus.DIFFERS: "CG002",
          QuoteStatus.OTHER_WORK: "CG003", QuoteStatus.NOT_FOUND: "CG004", QuoteStatus.NOT_CHECKED: "CG005"}


def _paper() -> str:
    return paper()


@pytest.mark.parametrize(("quote", "status", "page"), CASES, ids=[c[1].value + ":" + c[0][1:7] for c in CASES])
def test_each_verdict_raises_its_finding(library: Path, quote: str, status: QuoteStatus, page: str) -> None:
    text = f"题目\n\n正文引用{quote}。\n\n{REFS}"
    document = document_from_text(text)
    verdicts = check_quotations(document, load_library(library))
    _, found = audit(document, quotations=verdicts, select=["CG0"])
    assert [f.code for f in found] == ([RAISED[status]] if RAISED[status] else [])
    if status is QuoteStatus.WRONG_PAGE:
        assert f"p. {page}" in found[0].message and found[0].suggestion == f"cite p. {page}"


def test_without_a_library_the_family_is_silent() -> None:
    _, found = audit(document_from_text(_paper()), select=["CG0"])
    assert found == ()


def test_audit_with_a_library_folder_writes_findings_ledger_and_html(library: Path, tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(_paper(), encoding="utf-8")
    reports = tmp_path / "reports"
    result = CliRunner().invoke(app, ["audit", str(paper), "--library", str(library), "--offline", "--no-cache",
                                      "--no-index", "--reports-dir", str(reports), "--fail-on", "never", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads((reports / "paper.json").read_text(encoding="utf-8"))
    codes = sorted(f["code"] for f in report["findings"] if f["code"].startswith("CG0"))
    assert codes == ["CG001", "CG002", "CG002", "CG003", "CG004", "CG005"]
    statuses = {q["quote"]: q["status"] for q in report["quotations"]}
    assert statuses == {quote[1:quote.index("”")]: status.value for quote, status, _ in CASES}
    rows = list(csv.DictReader(io.StringIO((reports / "paper.ledger.csv").read_text(encoding="utf-8-sig"))))
    by_quote = {r["quote"]: r for r in rows}
    assert by_quote["巧言令色，鲜矣仁"]["verdict"] == "wrong-page" and by_quote["巧言令色，鲜矣仁"]["page_found"] == "3"
    assert by_quote["学而时习之，不亦说乎"]["verdict"] == "verified"
    html = (reports / "paper.html").read_text(encoding="utf-8")
    assert "<del>说</del><ins>悦</ins>" in html  # the diff, highlighted


def test_a_library_that_cannot_be_read_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "library.toml").write_text("[[source]]\nfile = 3\n", encoding="utf-8")
    paper = tmp_path / "paper.txt"
    paper.write_text(_paper(), encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(paper), "--library", str(folder), "--offline", "--no-cache",
                                      "--no-index", "-q", "--reports-dir", str(tmp_path / "r")])
    assert result.exit_code == 2 and "needs a file" in result.output


def test_the_diff_is_text_never_markup() -> None:
    assert diff_parts("[-说] [+<b>悦</b>]") == [("del", "说"), ("ins", "<b>悦</b>")]


def test_a_quotation_of_a_cited_web_page_is_checked_against_its_text(library: Path) -> None:
    from citeguard.quotes import web_source

    url = "https://www.gov.cn/zhengce/2024-01/01/content_1.htm"
    text = ("题目\n\n文件指出，“坚持把发展经济的着力点放在实体经济上”①，又说“扎实推进共同富裕”②。\n\n"
            f"① 国务院.关于推进高质量发展的意见[EB/OL].(2024-01-01)[2024-02-01].{url}.\n"
            f"② 国务院.关于推进高质量发展的意见[EB/OL].(2024-01-01)[2024-02-01].{url}.\n")
    page = web_source(url, "关于推进高质量发展的意见\n坚持把发展经济的着力点放在实体经济上，推进新型工业化。")
    verdicts = check_quotations(document_from_text(text), load_library(library), EditionIndex(None), {url: page})
    assert [(v.quote, v.status) for v in verdicts] == [
        ("坚持把发展经济的着力点放在实体经济上", QuoteStatus.VERIFIED), ("扎实推进共同富裕", QuoteStatus.NOT_FOUND)]


def test_a_quoted_government_page_is_fetched_once_then_checked_offline(library: Path, tmp_path: Path) -> None:
    """A real HTTP server on 127.0.0.1 serves a GBK page; the quotation of it is checked against the
    page's visible text, which the index then keeps for an offline run."""
    from citeguard.cli.network import NetworkOptions
    from citeguard.cli.quotes_run import web_pages
    from tests.localserver import serve

    with serve() as (base, hits):
        url = f"{base}/gbk-article"
        text = ("题目\n\n发布会说，“海关总署介绍前三季度进出口情况”①；又说“海关总署介绍前三季度出口情况”②。\n\n"
                f"① 国务院新闻办.发布会[EB/OL].(2025-10-13)[2025-10-20].{url}.\n"
                f"② 国务院新闻办.发布会[EB/OL].(2025-10-13)[2025-10-20].{url}.\n")
        document = document_from_text(text)
        index = EditionIndex(tmp_path / "editions.sqlite3")
        pages = web_pages(document, index, NetworkOptions(allow_private=True))
        assert set(pages) == {url} and hits["/gbk-article"] == 1
        verdicts = {v.quote: v.status for v in check_quotations(document, load_library(library), index, pages)}
        assert verdicts == {"海关总署介绍前三季度进出口情况": QuoteStatus.VERIFIED,
                            "海关总署介绍前三季度出口情况": QuoteStatus.DIFFERS}
        offline = web_pages(document, EditionIndex(tmp_path / "editions.sqlite3"), NetworkOptions(offline=True))
        assert set(offline) == {url} and hits["/gbk-article"] == 1  # from the index: nothing sent


def test_a_private_address_is_not_fetched_for_a_quotation(tmp_path: Path) -> None:
    from citeguard.cli.network import NetworkOptions
    from citeguard.cli.quotes_run import web_pages
    from tests.localserver import serve

    with serve() as (base, hits):
        text = f"题目\n\n文件说，“海关总署介绍前三季度进出口情况”①。\n\n① 某部.文件[EB/OL].(2025-10-13)[2025-10-20].{base}/gbk-article.\n"
        assert web_pages(document_from_text(text), EditionIndex(None), NetworkOptions()) == {}
        assert hits["/gbk-article"] == 0


def test_annotate_puts_a_quotations_verdict_in_a_word_comment(library: Path, tmp_path: Path) -> None:
    import docx

    from tests.docxbuild import raw_docx, run

    paragraphs = ["题目", "正文引用“巧言令色，鲜矣仁”（孔子，2006：2）。", "参考文献",
                  "孔子，2006. 论语[M]. 北京：中华书局."]
    paper = raw_docx(tmp_path / "paper.docx", [run(p) for p in paragraphs])
    target = tmp_path / "checked.docx"
    result = CliRunner().invoke(app, ["annotate", str(paper), "--library", str(library), "--out", str(target),
                                      "--lang", "zh", "--select", "CG0"])
    assert result.exit_code == 0, result.output
    (comment,) = [c.text for c in docx.Document(str(target)).comments]
    assert comment.startswith("CG001") and "第 3 页" in comment
