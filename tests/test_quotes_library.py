"""The library of editions (issue 24): pages as printed — a PDF's page labels, the page number a
page's running head or foot prints (pdftotext's form-feed text) — HTML and EPUB files read for their
wording, and the index that keeps each edition once, under its file's hash."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from citeguard.api import document_from_text
from citeguard.ingest.folio import folio, page_labels
from citeguard.quotes import EditionIndex, QuoteStatus, check_quotations, load_library
from tests.docxbuild import raw_docx, run
from tests.quotekit import LUNYU, REFS

FOLIOS = [  # (head lines, foot lines, the page number they print)
    (["— 12 —", "学而第一"], [], "12"),
    ([], ["正文最后一行", "·13·"], "13"),
    (["14  论语译注"], [], "14"),
    (["学而第一  15"], [], "15"),
    (["第16页"], [], "16"),
    (["xiv"], [], "xiv"),
    (["子曰：学而时习之"], ["不亦说乎"], ""),
    (["2024年"], [], ""),  # a year is not a page number of a head of this form
]


@pytest.mark.parametrize(("head", "foot", "number"), FOLIOS)
def test_the_page_number_of_a_running_head_or_foot(head: list[str], foot: list[str], number: str) -> None:
    assert folio(head, foot) == number


def test_page_labels_follow_the_offset_most_pages_agree_on() -> None:
    assert page_labels(["ii", "", "1", "2", "", "4", "99"]) == ("ii", "", "1", "2", "3", "4", "5")
    labels = page_labels(["", "", "1", "2", "", "4", "99"])
    assert labels is not None and labels[2:] == ("1", "2", "3", "4", "5")
    assert page_labels(["7", "3", "12"]) is None  # numbers that agree on no offset are not the book's


def _paginated(pages: list[str], first: int) -> str:
    """A pdftotext-like text: each page with a running head (title and number) and a foot number."""
    return "\f".join(f"{first + i}  论语译注\n\n{page}\n\n— {first + i} —" for i, page in enumerate(pages))


def test_a_form_feed_text_is_cited_by_its_printed_page_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "lunyu.txt").write_text(_paginated(LUNYU.split("\f"), 101), encoding="utf-8")
    (folder / "library.toml").write_text('[[source]]\nfile = "lunyu.txt"\ntitle = "论语"\n', encoding="utf-8")
    (source,) = load_library(folder)
    assert source.labels == ("101", "102", "103", "104", "105")
    text = ("题目\n\n正文引用“巧言令色，鲜矣仁”（孔子，2006：103）。又引“敬事而信，节用而爱人，使民以时”（孔子，2006：104）。"
            "再引“君子务本”（孔子，2006：101）。\n\n" + REFS)
    got = {v.quote: (v.status, v.page_found) for v in check_quotations(document_from_text(text), [source])}
    assert got == {"巧言令色，鲜矣仁": (QuoteStatus.VERIFIED, "103"),
                   "敬事而信，节用而爱人，使民以时": (QuoteStatus.VERIFIED, "104"),  # over the break, past head and foot
                   "君子务本": (QuoteStatus.WRONG_PAGE, "102")}


def test_html_and_epub_editions_are_read_for_their_wording(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "mengzi.html").write_text("<html><head><script>var 王何必曰利 = 1;</script></head><body><p>孟子见梁惠王。"
                                        "<b>王曰</b>：叟不远千里而来，亦将有以利吾国乎？</p></body></html>", encoding="utf-8")
    with zipfile.ZipFile(folder / "daxue.epub", "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("OEBPS/content.opf", '<package><manifest><item id="c2" href="c2.xhtml"/><item id="c1" href="c1.xhtml"/>'
                      '</manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>')
        book.writestr("OEBPS/c1.xhtml", "<html><body><p>大学之道，在明明德，</p></body></html>")
        book.writestr("OEBPS/c2.xhtml", "<html><body><p>在亲民，在止于至善。</p></body></html>")
    sources = {s.file: s for s in load_library(folder)}
    assert set(sources) == {"mengzi.html", "daxue.epub"} and not sources["daxue.epub"].paged
    refs = "参考文献\n\n孟轲，2010. mengzi[M]. 北京：中华书局.\n\n曾子，2010. daxue[M]. 北京：中华书局.\n"
    text = ("题目\n\n正文引用“叟不远千里而来”（孟轲，2010：5）。又引“王何必曰利”（孟轲，2010：5）。"
            "再引“在明明德，在亲民”（曾子，2010：1）。\n\n" + refs)
    got = {v.quote: v.status for v in check_quotations(document_from_text(text), list(sources.values()))}
    assert got == {"叟不远千里而来": QuoteStatus.VERIFIED,
                   "王何必曰利": QuoteStatus.NOT_FOUND,  # a script's text is no part of the page
                   "在明明德，在亲民": QuoteStatus.VERIFIED}  # across two files of the spine, in its order


def test_an_edition_is_read_once_and_kept_under_its_hash(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "lunyu.txt").write_text(LUNYU, encoding="utf-8")
    index = EditionIndex(tmp_path / "cache" / "editions.sqlite3")
    (first,) = load_library(folder, index)
    index.close()
    (folder / "lunyu.txt").write_text(LUNYU.replace("学而时习之", "学而时习之"), encoding="utf-8")  # same bytes
    again = EditionIndex(tmp_path / "cache" / "editions.sqlite3")
    assert again.get(first.key) is not None  # kept: the file is not read again
    (second,) = load_library(folder, again)
    assert second.pages == first.pages and second.labels == first.labels
    assert again.near_pages(first.pages[2][:12], [first.key])[0] == (first.key, 2)  # the trigram index finds the page


def test_a_damaged_index_is_rebuilt_in_memory(tmp_path: Path) -> None:
    broken = tmp_path / "editions.sqlite3"
    broken.write_bytes(b"not a database" * 100)
    index = EditionIndex(broken)
    assert index.problem is not None and "in memory" in index.problem
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "lunyu.txt").write_text(LUNYU, encoding="utf-8")
    assert len(load_library(folder, index)[0].pages) == 5


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) makes the PDF edition")
def test_a_pdfs_page_labels_are_its_printed_numbers_and_its_metadata_its_title(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    pages = LUNYU.split("\f")[:3]
    broken = '<w:r><w:br w:type="page"/></w:r>'
    docx = raw_docx(tmp_path / "lunyu.docx", [run(pages[0]), broken + run(pages[1]), broken + run(pages[2])])
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    folder = tmp_path / "library"
    folder.mkdir()
    writer = pypdf.PdfWriter(clone_from=str(tmp_path / "lunyu.pdf"))
    writer.set_page_label(0, 0, "/r", start=9)  # a preface page: ix
    writer.set_page_label(1, 2, "/D", start=41)  # then 41, 42
    writer.add_metadata({"/Title": "论语"})
    writer.write(str(folder / "lunyu.pdf"))
    (source,) = load_library(folder)  # no catalogue: the PDF's own title names it
    assert source.labels == ("ix", "41", "42") and source.title == "论语"
    text = "题目\n\n正文引用“巧言令色，鲜矣仁”（孔子，2006：42）。又引“学而时习之”（孔子，2006：41）。\n\n" + REFS
    got = {v.quote: (v.status, v.page_found) for v in check_quotations(document_from_text(text), [source])}
    assert got == {"巧言令色，鲜矣仁": (QuoteStatus.VERIFIED, "42"), "学而时习之": (QuoteStatus.WRONG_PAGE, "ix")}


def test_another_printing_of_the_work_is_not_the_cited_edition(tmp_path: Path) -> None:
    """The catalogue's year and edition tell printings apart: a 2006 entry is not checked against the
    2010 printing (its pages differ), and is against the 2006 one."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "lunyu2010.txt").write_text(LUNYU, encoding="utf-8")
    (folder / "library.toml").write_text('[[source]]\nfile = "lunyu2010.txt"\ntitle = "论语"\nyear = 2010\n',
                                         encoding="utf-8")
    text = "题目\n\n正文引用“学而时习之，不亦说乎”（孔子，2006：1）。\n\n" + REFS
    (verdict,) = check_quotations(document_from_text(text), load_library(folder))
    assert verdict.status is QuoteStatus.NOT_CHECKED and verdict.source == "lunyu2010.txt"  # named as a hint
    (folder / "library.toml").write_text('[[source]]\nfile = "lunyu2010.txt"\ntitle = "论语"\nyear = 2006\n',
                                         encoding="utf-8")
    (verdict,) = check_quotations(document_from_text(text), load_library(folder))
    assert verdict.status is QuoteStatus.VERIFIED


def test_single_quotation_marks_hold_a_quotation(library: Path) -> None:
    text = "题目\n\nHe wrote ‘学而时习之，不亦说乎’（孔子，2006：1）, and “it’s” stays prose（孔子，2006：2）.\n\n" + REFS
    got = {v.quote: (v.status, v.quoted) for v in check_quotations(document_from_text(text), load_library(library))}
    assert got["学而时习之，不亦说乎"] == (QuoteStatus.VERIFIED, True)
