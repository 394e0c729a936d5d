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
from tests.quotekit import CASES, LUNYU, REFS, paper


def _paper() -> str:
    return paper()


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


def test_a_block_quote_is_a_quotation(library: Path) -> None:
    """A Markdown block quote the citation closes is checked whole, as a quotation in marks is."""
    text = ("题目\n\n孔子说：\n\n> 学而时习之，不亦说乎？有朋自远方来，不亦乐乎？（孔子，2006：1）\n\n"
            "> 巧言令色，鲜矣仁！（孔子，2006：1）\n\n" + REFS)
    got = {c.quote: (c.status, c.quoted) for c in check_quotations(document_from_text(text), load_library(library))}
    assert got == {"学而时习之，不亦说乎？有朋自远方来，不亦乐乎？": (QuoteStatus.VERIFIED, True),
                   "巧言令色，鲜矣仁！": (QuoteStatus.WRONG_PAGE, True)}
