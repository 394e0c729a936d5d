"""The reference paper in three forms — the extracted text, a .docx with real Word footnotes
(tests/docxbuild.py) and the PDF LibreOffice prints from that .docx — audits to the same findings;
only the way positions are written differs (line:column, ¶N, page + line)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from citeguard.api import audit_file, load_document
from citeguard.ingest import read_source
from citeguard.model import Document, Finding
from tests.docxbuild import build_docx

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
STEM = "wang2026-new-quality-productive-forces-open-economy"
TEXT, DOCX, PDF = (CORPUS / f"{STEM}.{ext}" for ext in ("txt", "docx", "pdf"))
# Messages that list positions ("lines 21, 23" / "¶10, ¶11") are compared without the list.
_PLACES_RE = re.compile(r"\((?:lines )?[^()]*\d[^()]*\) while")


def _key(f: Finding) -> tuple[object, ...]:
    return (f.code, f.severity, _PLACES_RE.sub("(…) while", f.message), f.references, f.footnotes, f.citations,
            f.evidence)


def _model(doc: Document) -> tuple[object, ...]:
    return ([r.raw for r in doc.references], [(f.id, f.symbol, f.page, f.text, f.marker) for f in doc.footnotes],
            [(m.id, m.symbol, m.page, m.footnote) for m in doc.markers],
            [(c.id, c.text, c.reference, c.pages) for c in doc.citations],
            doc.front_matter.title_zh.text if doc.front_matter.title_zh else None, doc.front_matter.keywords_en)


@pytest.fixture(scope="module")
def text_form() -> tuple[Document, tuple[Finding, ...]]:
    return audit_file(TEXT)


@pytest.mark.parametrize("form", [DOCX, PDF], ids=["docx", "pdf"])
def test_same_findings_as_the_text(form: Path, text_form: tuple[Document, tuple[Finding, ...]]) -> None:
    text_doc, text_findings = text_form
    doc, findings = audit_file(form)
    assert len(text_findings) == 30
    assert sorted(map(_key, findings)) == sorted(map(_key, text_findings))
    assert _model(doc) == _model(text_doc)
    from citeguard.ledger import build_ledger

    def rows(d: Document) -> list[tuple[str, str, str, str]]:
        return [(r.work, r.page, r.quote, r.source) for r in build_ledger(d)]

    assert rows(doc) == rows(text_doc) and len(rows(doc)) == 48  # the quotation ledger too


def test_docx_positions_are_paragraphs_and_footnotes() -> None:
    doc, findings = audit_file(DOCX)
    where = {f.code + f.message[:12]: doc.location(f.line, f.column) for f in findings}
    assert all(re.fullmatch(r"¶\d+|footnote \d+ \([①-⑳], p\. \d+\)", w) for w in where.values()), where
    # CG504 is about the http:// URL of footnote ② on page 4, the 9th real footnote (after the fund
    # note and ① of page 1, ①② of page 2, ①②③ of page 3 and ① of page 4).
    (http,) = [f for f in findings if f.code == "CG504"]
    assert doc.location(http.line, http.column) == "footnote 9 (②, p. 4)"


def test_pdf_positions_point_at_the_printed_line() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    doc, findings = audit_file(PDF)
    (http,) = [f for f in findings if f.code == "CG504"]
    where = doc.location(http.line, http.column)
    m = re.fullmatch(r"p\. (\d+), line (\d+) \(footnote\)", where)
    assert m, where
    page, line = int(m.group(1)), int(m.group(2))
    with pdfplumber.open(PDF) as pdf:
        printed = pdf.pages[page - 1].extract_text_lines()[line - 1]["text"]
    assert printed.startswith("② 2025年1月至12月进出口商品贸易方式总值表")  # read off the PDF by hand


def test_committed_docx_is_what_the_builder_writes(tmp_path: Path) -> None:
    rebuilt = tmp_path / "paper.docx"
    build_docx(TEXT.read_text(encoding="utf-8"), rebuilt)
    assert read_source(rebuilt).text == read_source(DOCX).text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_of_the_docx_reads_the_same(tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(DOCX)],
                   check=True, capture_output=True, timeout=180)
    fresh = load_document(tmp_path / f"{STEM}.pdf")
    assert _model(fresh) == _model(load_document(TEXT))


REAL = sorted(p for p in (CORPUS / "real").glob("*.md") if "joss" not in p.name)  # JOSS: Pandoc + .bib, no Word form


@pytest.mark.parametrize("paper", REAL, ids=[p.stem[:32] for p in REAL])
def test_real_manuscripts_read_the_same_as_docx_and_pdf(tmp_path: Path, paper: Path) -> None:
    """Real (OCR-noisy) manuscripts written into Word by tests/docxbuild.py, and printed by
    LibreOffice when it is installed, give the findings of their text form."""
    _, text_findings = audit_file(paper)
    target = tmp_path / f"{paper.stem}.docx"
    build_docx(paper.read_text(encoding="utf-8"), target)
    forms = [target]
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
                       check=True, capture_output=True, timeout=180)
        forms.append(tmp_path / f"{paper.stem}.pdf")
    for form in forms:
        _, findings = audit_file(form)
        assert sorted(map(_key, findings)) == sorted(map(_key, text_findings)), form.suffix


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_reference_paper_on_a4_pages(tmp_path: Path, text_form: tuple[Document, tuple[Finding, ...]]) -> None:
    """Printed on A4, the paper's pages overflow: LibreOffice breaks lines, pages and footnote
    numbering where it likes (dates and URLs broken at line ends, notes renumbered per page). The
    findings are the same problems; only the pages and note numbers in the messages differ."""
    target = tmp_path / "a4.docx"
    build_docx(TEXT.read_text(encoding="utf-8"), target, page_mm=(210, 297))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
                   check=True, capture_output=True, timeout=180)
    doc, findings = audit_file(tmp_path / "a4.pdf")
    text_doc, text_findings = text_form
    assert len(doc.pages) > len(text_doc.pages)  # it did overflow

    def what(f: Finding) -> tuple[object, ...]:
        return f.code, f.severity, f.references, f.citations, len(f.footnotes)

    assert sorted(map(what, findings)) == sorted(map(what, text_findings))
    assert [r.raw for r in doc.references] == [r.raw for r in text_doc.references]
    assert [(c.text, c.reference) for c in doc.citations] == [(c.text, c.reference) for c in text_doc.citations]
    # A space that fell at a line end between a number and a Han character ("772 项") cannot be seen
    # in the PDF; footnote texts are compared without white space.
    assert [re.sub(r"\s", "", f.text) for f in doc.footnotes] == [re.sub(r"\s", "", f.text) for f in text_doc.footnotes]
