"""CG115: a reference manager's unformatted temporary citations (issue 25, first part), in plain text
and in a Word document, each found at its place; formatted citations and braces of other kinds are not."""

from __future__ import annotations

from pathlib import Path

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
