"""CG115: a reference manager's unformatted temporary citations (issue 25, first part), in plain text
and in a Word document, each found at its place; formatted citations and braces of other kinds are not."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from citeguard.api import audit_file, document_from_text
from citeguard.checks import audit
from tests.docxbuild import raw_docx, run

REFS = "\n\n参考文献\n\n[1] SMITH J. Trade[J]. Journal of Economics, 2020, 5(1): 1-9.\n"
CASES = [  # (a sentence, the temporary citations it holds)
    ("如前所述{Smith, 2020 #12}。", ["{Smith, 2020 #12}"]),
    ("两项研究{Smith, 2020 #12; 周文, 2023 #5}表明。", ["{Smith, 2020 #12; 周文, 2023 #5}"]),
    ("引文带页码{Smith, 2020 #12@45}。", ["{Smith, 2020 #12@45}"]),
    ("已格式化的引文[1]。", []),
    ("集合 {x, 2020 y} 不是引文，#12 也不是。", []),
    ("LaTeX 宏 \\cite{smith2020} 不是。", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_temporary_citations_are_found(sentence: str, expected: list[str]) -> None:
    _, found = audit(document_from_text("题目\n\n" + sentence + REFS), select=["CG115"])
    assert [f.message.split(": an EndNote")[0] for f in found] == expected
    assert all(f.severity.value == "error" and f.line == 3 for f in found)


def test_a_word_document_with_a_temporary_citation(tmp_path: Path) -> None:
    paper = raw_docx(tmp_path / "paper.docx", [run("题目"), run("正文引用{Smith, 2020 #12}。"), run("参考文献"),
                                               run("[1] SMITH J. Trade[J]. Journal of Economics, 2020, 5(1): 1-9.")])
    document, found = audit_file(paper)
    (said,) = [f for f in found if f.code == "CG115"]
    assert document.location(said.line, said.column) == "¶2"


def _field(instruction: str, shown: str) -> str:
    """A complex field as Word writes it: begin, the instruction split over two runs, separate, the
    displayed runs, end."""
    half = len(instruction) // 2
    instr = "".join(f'<w:r><w:instrText xml:space="preserve">{escape(part)}</w:instrText></w:r>'
                    for part in (instruction[:half], instruction[half:]))
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{instr}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _zotero(plain: str) -> str:
    data = {"citationID": "a1b2", "properties": {"formattedCitation": plain, "plainCitation": plain, "noteIndex": 0},
            "citationItems": [{"id": 12, "itemData": {"type": "article-journal", "title": "Trade",
                                                      "author": [{"family": "Smith", "given": "J."}],
                                                      "issued": {"date-parts": [[2020]]}}}],
            "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"}
    return " ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(data, ensure_ascii=False) + " "


def _mendeley(plain: str) -> str:
    data = {"citationItems": [{"id": "ITEM-1", "itemData": {"title": "Trade"}}],
            "mendeley": {"formattedCitation": plain, "plainTextFormattedCitation": plain,
                         "previouslyFormattedCitation": plain}, "properties": {"noteIndex": 0}, "schema": ""}
    return " ADDIN CSL_CITATION " + json.dumps(data, ensure_ascii=False) + " "


@pytest.mark.parametrize(("instruction", "shown", "codes"), [
    (_zotero("(Smith, 2020)"), "(Smith, 2020)", []),  # as the field formatted it
    (_zotero("(Smith, 2020)"), "(Smith, 2021)", ["CG116"]),  # edited by hand
    (_mendeley("(Smith, 2020)"), "（Smith，2020）", []),  # widths are no difference
    (_mendeley("(Smith, 2020)"), "(Smith et al., 2020)", ["CG116"]),
    (" ADDIN ZOTERO_ITEM CSL_CITATION {\"properties\": {\"plainCitation\": ", "(Smith, 2020)", ["CG117"]),  # cut off
    (" PAGE ", "3", []),  # a field of another kind
], ids=["zotero", "zotero edited", "mendeley widths", "mendeley edited", "damaged", "page field"])
def test_reference_manager_fields_against_what_they_display(tmp_path: Path, instruction: str, shown: str,
                                                             codes: list[str]) -> None:
    paragraphs = [run("题目"), run("正文引用") + _field(instruction, shown) + run("。"), run("References"),
                  run("Smith, J. (2020). Trade. Journal of Economics, 5(1), 1-9.")]
    document, found = audit_file(raw_docx(tmp_path / "paper.docx", paragraphs))
    assert document.fields[0].display == shown
    raised = [f for f in found if f.code in ("CG116", "CG117")]
    assert [f.code for f in raised] == codes
    assert all(document.location(f.line, f.column) == "¶2" for f in raised)


def _endnote(display: str) -> str:
    return (" ADDIN EN.CITE <EndNote><Cite><Author>Smith</Author><Year>2020</Year><RecNum>12</RecNum>"
            f"<DisplayText>{display}</DisplayText><record><rec-number>12</rec-number><titles><title>Trade</title>"
            "</titles></record></Cite></EndNote>")


@pytest.mark.parametrize(("shown", "codes"), [("(Smith, 2020)", []), ("(Smith, 2021)", ["CG116"])])
def test_an_endnote_field_against_what_it_displays(tmp_path: Path, shown: str, codes: list[str]) -> None:
    paragraphs = [run("题目"), run("正文引用") + _field(_endnote("(Smith, 2020)"), shown) + run("。"), run("References"),
                  run("Smith, J. (2020). Trade. Journal of Economics, 5(1), 1-9.")]
    _, found = audit_file(raw_docx(tmp_path / "paper.docx", paragraphs))
    assert [f.code for f in found if f.code == "CG116"] == codes
