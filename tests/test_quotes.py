"""Quoted passages against the office's library of editions (issue 24, first part): one quotation of
each kind against a library of classical texts (the Analects and the Mencius, free of copyright)
made into page-split texts here, each with the verdict a reader of the two books would give."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.api import document_from_text
from citeguard.cli import app
from citeguard.quotes import LibraryError, QuoteStatus, check_quotations, load_library
from tests.docxbuild import raw_docx, run

# 论语 in five printed pages (the fourth's sentence runs over to the fifth)
LUNYU = "\f".join([
    "子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？",
    "有子曰：其为人也孝弟，而好犯上者，鲜矣；不好犯上，而好作乱者，未之有也。君子务本，本立而道生。",
    "子曰：巧言令色，鲜矣仁！曾子曰：吾日三省吾身：为人谋而不忠乎？与朋友交而不信乎？传不习乎？",
    "子曰：道千乘之国，敬事而信，节用而爱人，",
    "使民以时。子曰：弟子入则孝，出则弟，谨而信，泛爱众，而亲仁。",
])
MENGZI = "孟子见梁惠王。王曰：叟不远千里而来，亦将有以利吾国乎？孟子对曰：王何必曰利？亦有仁义而已矣。"
CATALOGUE = """[[source]]
file = "lunyu.txt"
title = "论语"
first_page = 1

[[source]]
file = "mengzi.txt"
title = "孟子"
"""
REFS = "参考文献\n\n孔子，2006. 论语[M]. 北京：中华书局.\n\n老子，2008. 道德经[M]. 北京：中华书局.\n"
# (quotation and citation, the verdict, the page it was found on)
CASES = [
    ("“学而时习之，不亦说乎”（孔子，2006：1）", QuoteStatus.VERIFIED, "1"),
    ("“巧言令色，鲜矣仁”（孔子，2006：2）", QuoteStatus.WRONG_PAGE, "3"),
    ("“学而时习之，不亦悦乎”（孔子，2006：1）", QuoteStatus.DIFFERS, "1"),  # one character changed
    ("“吾日三省吾身……传不习乎”（孔子，2006：3）", QuoteStatus.VERIFIED, "3"),  # a gap marked by an ellipsis
    ("“吾日三省吾身，传不习乎”（孔子，2006：3）", QuoteStatus.DIFFERS, "3"),  # the same gap, unmarked
    ("“敬事而信，节用而爱人，使民以时”（孔子，2006：4）", QuoteStatus.VERIFIED, "4"),  # over a page break
    ("“學而時習之，不亦說乎”（孔子，2006：1）", QuoteStatus.VERIFIED, "1"),  # Traditional characters
    ("“王何必曰利”（孔子，2006：1）", QuoteStatus.OTHER_WORK, ""),  # in the Mencius (no pages), not the Analects
    ("“天下大同，人人为公，选贤与能”（孔子，2006：1）", QuoteStatus.NOT_FOUND, ""),  # invented
    ("“道可道，非常道”（老子，2008：1）", QuoteStatus.NOT_CHECKED, ""),  # a work the library lacks
]


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "lunyu.txt").write_text(LUNYU, encoding="utf-8")
    (folder / "mengzi.txt").write_text(MENGZI, encoding="utf-8")
    (folder / "library.toml").write_text(CATALOGUE, encoding="utf-8")
    return folder


def _paper() -> str:
    return "题目\n\n" + "\n\n".join(f"正文引用{quote}。" for quote, _, _ in CASES) + "\n\n" + REFS


def test_every_kind_of_quotation_gets_its_verdict(library: Path) -> None:
    checks = check_quotations(document_from_text(_paper()), load_library(library))
    got = {c.quote: (c.status, c.page_found) for c in checks}
    expected = {quote[1:quote.index("”")]: (status, page) for quote, status, page in CASES}
    assert got == expected


def test_a_changed_character_is_shown(library: Path) -> None:
    (check,) = [c for c in check_quotations(document_from_text(_paper()), load_library(library))
                if c.status is QuoteStatus.DIFFERS and "悦" in c.quote]
    assert "[-说]" in check.diff and "[+悦]" in check.diff


def test_other_work_names_the_book_it_is_in(library: Path) -> None:
    (check,) = [c for c in check_quotations(document_from_text(_paper()), load_library(library))
                if c.status is QuoteStatus.OTHER_WORK]
    assert check.source == "mengzi.txt"


def test_a_library_file_outside_its_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    (folder / "library.toml").write_text('[[source]]\nfile = "../secret.txt"\ntitle = "t"\n', encoding="utf-8")
    with pytest.raises(LibraryError, match="outside the library folder"):
        load_library(folder)


def test_the_command_writes_json_and_speaks_chinese(library: Path, tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(_paper(), encoding="utf-8")
    out = tmp_path / "quotes.json"
    result = CliRunner().invoke(app, ["quotes", str(paper), "--library", str(library), "--json", str(out)])
    assert result.exit_code == 0, result.output
    statuses = {q["quote"]: q["status"] for q in json.loads(out.read_text(encoding="utf-8"))["quotations"]}
    assert statuses == {quote[1:quote.index("”")]: status.value for quote, status, _ in CASES}
    assert "核对无误" in result.output and "页码不符" in result.output


def test_the_command_without_a_library_is_a_usage_error(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(_paper(), encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(paper)])
    assert result.exit_code == 2 and "--library" in result.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) makes the PDF edition")
def test_a_pdf_edition_is_read_page_by_page(tmp_path: Path) -> None:
    """A PDF of the Analects (three pages, printed from Word here): quotations found on their pages."""
    folder = tmp_path / "library"
    folder.mkdir()
    pages = LUNYU.split("\f")[:3]
    broken = '<w:r><w:br w:type="page"/></w:r>'
    docx = raw_docx(tmp_path / "lunyu.docx", [run(pages[0]), broken + run(pages[1]), broken + run(pages[2])])
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=180)
    (folder / "library.toml").write_text('[[source]]\nfile = "lunyu.pdf"\ntitle = "论语"\n', encoding="utf-8")
    text = ("题目\n\n正文引用“巧言令色，鲜矣仁”（孔子，2006：3）。\n\n正文引用“君子务本，本立而道生”（孔子，2006：1）。\n\n"
            + REFS)
    checks = check_quotations(document_from_text(text), load_library(folder))
    assert {c.quote: (c.status, c.page_found) for c in checks} == {
        "巧言令色，鲜矣仁": (QuoteStatus.VERIFIED, "3"), "君子务本，本立而道生": (QuoteStatus.WRONG_PAGE, "2")}
