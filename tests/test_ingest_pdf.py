"""The PDF reader: superscripts, page feet, running heads, joined lines, hostile files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from citeguard.api import audit_file, load_document
from citeguard.ingest import IngestError, read_source
from citeguard.ingest import pdf as pdf_reader
from citeguard.ingest.pdf import join_lines
from citeguard.ingest.pdf_lines import PdfLine, line_text, running_lines
from tests.docxbuild import note_ref, raw_docx, run


@pytest.mark.parametrize(("lines", "expected"), [
    (["新质生产力是创新起主导", "作用的先进生产力。"], "新质生产力是创新起主导作用的先进生产力。"),  # CJK: no space
    (["the inter-", "national order"], "the international order"),  # a hyphenated word is repaired
    (["a well-", "Known case"], "a well-Known case"),  # a capital after the hyphen: the hyphen stays
    (["the cross-", "country panel"], "the cross-country panel"),  # the document writes "cross-country"
    (["Sala-i-", "Martin (1995)"], "Sala-i-Martin (1995)"),
    (["accessed [2026-03-", "29]."], "accessed [2026-03-29]."),  # a date broken at its hyphen
    (["人民日报[N].", "北京"], "人民日报[N]. 北京"),  # no habit shown: spaced, as after , : ;
    (["张三. 题名[J].", "西南学刊, 2020."], "张三. 题名[J]. 西南学刊, 2020."),
    (["see https://www.gov.cn/lianbo/fab", "u/202510/content_1.htm for"], "see https://www.gov.cn/lianbo/fabu/202510/content_1.htm for"),
    (["北京: 人民出版社,", "2020: 12."], "北京: 人民出版社, 2020: 12."),  # the paragraph spaces after , and :
    (["北京:人民出版社,", "2020:12."], "北京:人民出版社,2020:12."),  # a compact paragraph stays compact
    (["first line", "second line"], "first line second line"),
])
def test_join(lines: list[str], expected: str) -> None:
    text, starts = join_lines(lines, {"international", "cross-country"})
    assert text == expected
    assert [text[s:s + 3] for s in starts] == [ln[:3] for ln in lines] or "-" in "".join(lines)


def _char(text: str, x0: float, size: float = 10.0, bottom: float = 100.0) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + size * (0.5 if text.isascii() else 1), "size": size,
            "top": bottom - size, "bottom": bottom}


def _chars(body: str, raised: str = "", after: str = "", x: float = 10.0) -> list[dict[str, Any]]:
    out = []
    for ch in body:
        out.append(_char(ch, x))
        x = out[-1]["x1"]
    for ch in raised:  # smaller and 4 points higher
        out.append(_char(ch, x, size=6.0, bottom=96.0))
        x = out[-1]["x1"]
    for ch in after:
        out.append(_char(ch, x))
        x = out[-1]["x1"]
    return out


@pytest.mark.parametrize(("chars", "expected"), [
    (_chars("先进生产力。", "①", "这一"), "先进生产力。^①这一"),  # a raised circled mark
    (_chars("方略", "*"), "方略^{*}"),  # the fund-note mark of a title
    (_chars("增长", "12", "。"), "增长\x0112\x02。"),  # a raised number: decided with the page foot
    (_chars("增长", "1-3", "。"), "增长[1-3]。"),  # a raised range is a numeric citation
    (_chars("area m", "2"), "area m\x012\x02"),  # m²: kept as a number later (after a letter)
])
def test_line_text(chars: list[dict[str, Any]], expected: str) -> None:
    assert line_text(chars)[0] == expected


def test_running_heads_and_page_numbers_are_dropped() -> None:
    pages = []
    for n in range(1, 6):
        pages.append([PdfLine(n, 10, 18, 50, 300, 8, "Journal of Tests, Vol. 3"),
                      PdfLine(n, 100, 110, 50, 500, 10, f"Body text of page {n}."),
                      PdfLine(n, 780, 788, 290, 300, 8, str(n))])
    running = running_lines(pages, [800.0] * 5, 10.0)
    assert running == {(n, top) for n in range(1, 6) for top in (10, 780)}


def _blank_pdf(path: Path, pages: int = 1, password: str | None = None) -> Path:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    with path.open("wb") as f:
        writer.write(f)
    return path


def test_no_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no text layer"):
        read_source(_blank_pdf(tmp_path / "scan.pdf"))


def test_encrypted_pdf_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="encrypted"):
        read_source(_blank_pdf(tmp_path / "locked.pdf", password="secret"))


def test_page_limit(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"3 pages is more than the 2 page limit \(--max-pages\)"):
        read_source(_blank_pdf(tmp_path / "long.pdf", pages=3), max_pages=2)
    assert pdf_reader.MAX_PAGES >= 50  # the default reads any article


@pytest.mark.parametrize("cut", [200, 2000, 20000])
def test_truncated_pdf(tmp_path: Path, cut: int) -> None:
    whole = (Path(__file__).resolve().parent.parent / "corpus"
             / "wang2026-new-quality-productive-forces-open-economy.pdf").read_bytes()
    target = tmp_path / "cut.pdf"
    target.write_bytes(whole[:cut])
    try:
        doc = load_document(target)
    except IngestError as exc:
        assert "PDF" in str(exc)
    else:
        assert doc.encoding == "pdf"  # pdfminer recovered what it could: a valid document


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_english_paper_with_numbered_footnotes(tmp_path: Path) -> None:
    """Decimal footnotes (Word's default) become marks and notes with their printed numbers, apart
    from the bracketed citations; the running head is dropped; the list is read."""
    import docx

    paras = [
        f"{run('Trade grew fast')}{note_ref(1)}{run(' in the period studied [1].')}",
        f"{run('Later work disagreed [2], and the data were revised.')}{note_ref(2)}",
        f'<w:r><w:br w:type="page"/></w:r>{run("On the next page the story goes on.")}{note_ref(3)}',
        run("References"),
        run("[1] Smith J. Trade and growth[J]. Journal of Tests, 2020, 3(1): 1-10."),
        run("[2] Lee K. Revisions[J]. Journal of Tests, 2021, 4(2): 11-20."),
    ]
    path = raw_docx(tmp_path / "en.docx", paras, footnotes=[
        "Customs data, 2020.", "The revision of 2021.", "A note on the second page."])
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "Journal of Tests, Vol. 3"
    document.save(str(path))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    doc, findings = audit_file(tmp_path / "en.pdf")
    assert [(m.symbol, m.page, m.footnote) for m in doc.markers] == [
        ("1", 1, "fn1.1"), ("2", 1, "fn1.2"), ("3", 2, "fn2.3")]
    assert [(f.symbol, f.text) for f in doc.footnotes] == [
        ("1", "Customs data, 2020."), ("2", "The revision of 2021."), ("3", "A note on the second page.")]
    assert [(c.number, c.reference) for c in doc.citations] == [(1, 1), (2, 2)]
    assert "Journal of Tests, Vol. 3" not in " ".join(p.text for p in doc.paragraphs)
    assert not [f for f in findings if f.code in ("CG109", "CG401", "CG402", "CG403")]


def _pdf(tmp_path: Path, name: str, paragraphs: list[str], **kwargs: Any) -> Path:
    docx_path = raw_docx(tmp_path / f"{name}.docx", paragraphs, **kwargs)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    return tmp_path / f"{name}.pdf"


HANG = '<w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr>'
SMALL = '<w:rPr><w:sz w:val="16"/></w:rPr>'
ENTRIES = ["Jones A, Brown B. Openness and growth in the internationalization of manufacturing[J]. Journal of "
           "International Economics, 2019, 3(2): 1-10.",
           "Lee C. Trade policy and macroeconomic interdependence in comparative perspective[M]. New York: Wiley, 2018.",
           "Smith J, Doe K, Roe L, et al. Productivity and institutional heterogeneity across countries[J]. "
           "Econometrica, 2020, 88(1): 5-30."]
BODY = ("Openness matters for growth [1], as trade policy shows [2], and productivity differs across "
        "institutions [3]. ") * 3


def _same_as_docx(pdf: Path) -> None:
    docx_doc, docx_findings = audit_file(pdf.with_suffix(".docx"))
    doc, findings = audit_file(pdf)
    assert [r.raw for r in doc.references] == [r.raw for r in docx_doc.references]
    assert sorted((f.code, f.message) for f in findings) == sorted((f.code, f.message) for f in docx_findings)


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@needs_soffice
@pytest.mark.parametrize("numbered", [True, False])
def test_hanging_indent_reference_list(tmp_path: Path, numbered: bool) -> None:
    entries = [(f"[{i}] " if numbered else "") + e for i, e in enumerate(ENTRIES, start=1)]
    body = BODY if numbered else BODY.replace("[1]", "(Jones and Brown, 2019)").replace("[2]", "(Lee, 2018)")
    body = body.replace("[3]", "(Smith et al., 2020)")
    pdf = _pdf(tmp_path, "hang", [run(body), run("References"), *(HANG + run(e) for e in entries)])
    assert len(load_document(pdf).references) == 3
    _same_as_docx(pdf)


@needs_soffice
def test_small_type_numbered_references_are_not_footnotes(tmp_path: Path) -> None:
    entries = [f'<w:r>{SMALL}<w:t xml:space="preserve">{i}. {e}</w:t></w:r>' for i, e in enumerate(ENTRIES, start=1)]
    pdf = _pdf(tmp_path, "small", [run(BODY), run("References"), *entries])
    doc = load_document(pdf)
    assert [r.number for r in doc.references] == [1, 2, 3] and not doc.footnotes
    _same_as_docx(pdf)


@needs_soffice
def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "cols", [run(BODY * 4), run("References"), *(run(f"[{i}] {e}") for i, e in
                                                                       enumerate(ENTRIES, start=1))], columns=2)
    doc = load_document(pdf)
    assert len(doc.references) == 3 and all(c.reference for c in doc.citations)
    _same_as_docx(pdf)


@needs_soffice
def test_footnote_running_on_to_the_next_page(tmp_path: Path) -> None:
    long_note = "张三.题名[M].北京:中华书局,2001:1. " + "这是一条很长的说明性脚注，" * 40 + "完。"
    filler = run("正文段落。" * 300)
    pdf = _pdf(tmp_path, "long", [filler, f"{run('甲')}{note_ref(1)}{run('。')}", filler, filler,
                                  run("参考文献"), run("[1] 李四.书[M].北京:人民出版社,2002:2.")],
               footnotes=[long_note])
    doc = load_document(pdf)
    (note,) = doc.footnotes
    assert note.text.endswith("完。") and note.entry is not None and note.entry.title == "题名"
    assert len(doc.references) == 1


def _line(text: str, top: float, x0: float = 50, x1: float = 500, size: float = 10) -> PdfLine:
    first = len(text.split(" ")[0]) * 0.5 * size if text.isascii() else size
    return PdfLine(1, top, top + size, x0, x1, size, text, 0, first)


def test_entries_run_together_are_cut() -> None:
    from citeguard.ingest.pdf import _split_entries

    group = [_line("Jones A, Brown B. Openness and growth[J]. Journal of International", 100),
             _line("Economics, 2019, 3(2): 1-10.", 112, x1=499),
             _line("Lee C. Trade policy[M]. New York: Wiley, 2018.", 124)]
    assert [[ln.text[:5] for ln in g] for g in _split_entries(group)] == [["Jones", "Econo"], ["Lee C"]]
    one = [_line("Jones A, Brown B.", 100), _line("Openness and growth[J]. Journal, 2019, 3(2): 1-10.", 112)]
    assert len(_split_entries(one)) == 1  # a period inside one entry does not cut it


def test_centred_title_lines_stay_together() -> None:
    from citeguard.ingest.pdf import paragraphs

    lines = [_line("New Quality Productive Forces and the", 50, x0=150, x1=450, size=16),
             _line("Development of the Open Economy", 70, x0=170, x1=430, size=16),
             _line("WANG Yu-cong", 100, x0=250, x1=350),
             _line("Body text starts here and runs to the right edge of the text block, as body text does,", 130),
             _line("and goes on.", 142, x1=120)]
    groups = paragraphs(lines, 12.0, {0: (50.0, 500.0)})
    assert [len(g) for g in groups] == [2, 1, 2]


def test_numbered_entry_cut_by_a_page_break_goes_on() -> None:
    from citeguard.api import document_from_text

    doc = document_from_text("正文[1]，又见[2]。\n\n参考文献\n\n[1] 张三.题名[M].北京:中华书局,\n\n\f\n"
                             "2001:1.\n\n[2] 李四.书名[M].北京:人民出版社,2002:2.\n")
    assert [(r.number, r.year) for r in doc.references] == [(1, "2001"), (2, "2002")]


@needs_soffice
def test_underline_and_table_border_are_not_the_footnote_rule(tmp_path: Path) -> None:
    underlined = ('<w:r><w:t xml:space="preserve">See </w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
                  '<w:t>the customs statistics page</w:t></w:r><w:r><w:t xml:space="preserve"> for data [1].</w:t></w:r>')
    table = ('<w:tbl><w:tblPr><w:tblW w:w="3000" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="8"/>'
             '<w:bottom w:val="single" w:sz="8"/></w:tblBorders></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>表 1</w:t>'
             '</w:r></w:p></w:tc></w:tr></w:tbl>')
    pdf = _pdf(tmp_path, "rules", [run(BODY), underlined, table, run("资料来源：作者整理。"), run(BODY),
                                   run("References"), *(run(f"[{i}] {e}") for i, e in enumerate(ENTRIES, start=1))])
    doc = load_document(pdf)
    assert len(doc.references) == 3 and not doc.footnotes
    _same_as_docx(pdf)


def test_pages_read_in_parallel_give_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    paper = Path(__file__).resolve().parent.parent / "corpus" / "wang2026-new-quality-productive-forces-open-economy.pdf"
    serial = read_source(paper)
    monkeypatch.setattr(pdf_reader, "PARALLEL_PAGES", 2)  # 11 pages: read by several processes
    parallel = read_source(paper)
    assert parallel.text == serial.text and parallel.positions == serial.positions
