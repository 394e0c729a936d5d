"""The .docx reader: real footnotes and endnotes, Word's numbering, tracked changes, positions.

Every test document is written here from raw WordprocessingML (tests/docxbuild.py), so each
expectation can be checked against the XML in the test itself.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from citeguard.api import audit_file, load_document
from citeguard.ingest import IngestError, read_source
from citeguard.ingest import docx as docx_reader
from citeguard.ingest.docx import note_symbol
from citeguard.model import PositionStyle
from tests.docxbuild import note_ref, raw_docx, run

REFS = ("<w:r><w:t>参考文献</w:t></w:r>",
        "<w:r><w:t>[1] 张三.题名[M].北京:中华书局,2001:1.</w:t></w:r>")


@pytest.mark.parametrize(("number", "fmt", "expected"), [
    (3, "decimalEnclosedCircle", "③"), (3, "decimalEnclosedCircleChinese", "③"), (12, "decimal", "12"),
    (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"), (2, "lowerLetter", "b"), (27, "upperLetter", "AA"),
    (2, "chicago", "†"), (5, "chicago", "**"), (12, "chineseCounting", "十二"), (3, "chineseCounting", "三"),
    (51, "decimalEnclosedCircle", "(51)"), (7, "somethingNew", "7"),
])
def test_note_symbols(number: int, fmt: str, expected: str) -> None:
    assert note_symbol(number, fmt) == expected


def test_tracked_changes_are_accepted_and_comments_ignored(tmp_path: Path) -> None:
    path = raw_docx(tmp_path / "t.docx", [
        '<w:r><w:t>正文</w:t></w:r><w:ins w:id="1" w:author="x"><w:r><w:t>（张三，2001）</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="x"><w:r><w:delText>（李四，2021）</w:delText></w:r></w:del>'
        '<w:commentRangeStart w:id="5"/><w:r><w:t>。</w:t></w:r><w:commentRangeEnd w:id="5"/>'
        '<w:r><w:commentReference w:id="5"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> ADDIN ZOTERO_ITEM {"x":1}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>见上</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        *REFS])
    doc = load_document(path)
    assert doc.paragraphs[0].text == "正文（张三，2001）。见上"
    assert [c.text for c in doc.citations] == ["（张三，2001）"] and doc.citations[0].reference == 1


def test_deleted_paragraph_mark_joins_paragraphs(tmp_path: Path) -> None:
    path = raw_docx(tmp_path / "t.docx", [
        '<w:pPr><w:rPr><w:del w:id="1" w:author="x"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r>',
        "<w:r><w:t>后半句（张三，2001）。</w:t></w:r>", *REFS])
    doc = load_document(path)
    assert doc.paragraphs[0].text == "前半句，后半句（张三，2001）。"
    assert doc.location(doc.citations[0].span.line, doc.citations[0].span.column) == "¶1"


def test_circled_footnotes_restart_on_each_page(tmp_path: Path) -> None:
    path = raw_docx(tmp_path / "t.docx", [
        f"{run('甲')}{note_ref(1)}{run('乙')}{note_ref(2)}{run('。')}",
        f'<w:r><w:br w:type="page"/></w:r>{run("丙")}{note_ref(3)}{run("。")}',
        *REFS], footnotes=["张三.题名[M].北京:中华书局,2001:1.", "李四.书[M].北京:人民出版社,2002:2.",
                           "王五.文[M].北京:人民出版社,2003:3."],
        footnote_pr='<w:numFmt w:val="decimalEnclosedCircle"/><w:numRestart w:val="eachPage"/>')
    doc = load_document(path)
    assert [(m.symbol, m.page, m.footnote) for m in doc.markers] == [
        ("①", 1, "fn1.1"), ("②", 1, "fn1.2"), ("①", 2, "fn2.1")]
    assert [(f.id, f.symbol, f.page, f.entry.title if f.entry else None) for f in doc.footnotes] == [
        ("fn1.1", "①", 1, "题名"), ("fn1.2", "②", 1, "书"), ("fn2.1", "①", 2, "文")]
    assert all(f.auto for f in doc.footnotes) and all(m.auto for m in doc.markers)
    assert [doc.location(f.span.line, 1) for f in doc.footnotes] == [
        "footnote 1 (①, p. 1)", "footnote 2 (②, p. 1)", "footnote 3 (①, p. 2)"]


def test_decimal_footnotes_run_on_and_endnotes_are_roman(tmp_path: Path) -> None:
    path = raw_docx(tmp_path / "t.docx", [
        f"{run('甲')}{note_ref(1)}{run('。')}",
        f'<w:r><w:br w:type="page"/></w:r>{run("乙")}{note_ref(2)}{run("丙")}{note_ref(1, "endnote")}{run("。")}',
        *REFS], footnotes=["注一。", "注二。"], endnotes=["尾注一。"])
    doc = load_document(path)
    assert [(m.symbol, m.page) for m in doc.markers] == [("1", 1), ("2", 2), ("i", 2)]
    assert [(f.symbol, f.text) for f in doc.footnotes] == [("1", "注一。"), ("2", "注二。"), ("i", "尾注一。")]
    assert all(m.footnote for m in doc.markers)
    _, findings = audit_file(path)
    assert not [f for f in findings if f.code in ("CG401", "CG402", "CG403")]  # Word numbered them


def test_rendered_page_breaks_win_over_explicit_ones(tmp_path: Path) -> None:
    # Word writes w:lastRenderedPageBreak where a page began when it last laid the file out.
    path = raw_docx(tmp_path / "t.docx", [
        f"{run('甲')}{note_ref(1)}{run('。')}",
        f"<w:r><w:lastRenderedPageBreak/><w:t>乙</w:t></w:r>{note_ref(2)}{run('。')}",
        *REFS], footnotes=["注一。", "注二。"],
        footnote_pr='<w:numFmt w:val="decimalEnclosedCircle"/><w:numRestart w:val="eachPage"/>')
    assert [(m.symbol, m.page) for m in load_document(path).markers] == [("①", 1), ("①", 2)]


def test_custom_mark_is_the_fund_note(tmp_path: Path) -> None:
    path = raw_docx(tmp_path / "t.docx", [
        '<w:r><w:t>论文题目</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>',
        f"{run('正文')}{note_ref(2)}{run('。')}", *REFS],
        footnotes=["基金项目：某基金（123）。", "张三.题名[M].北京:中华书局,2001:1."],
        footnote_pr='<w:numFmt w:val="decimalEnclosedCircle"/>')
    doc = load_document(path)
    assert doc.front_matter.fund_note is not None and "基金项目" in doc.front_matter.fund_note.text
    assert [(m.symbol, m.number) for m in doc.markers] == [("①", 1)]  # the * note does not take a number


def test_automatic_list_numbers_become_entry_labels(tmp_path: Path) -> None:
    numbering = ('<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>')
    item = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>'
    path = raw_docx(tmp_path / "t.docx", [
        "<w:r><w:t>正文[1]，又见[2]。</w:t></w:r>", "<w:r><w:t>参考文献</w:t></w:r>",
        item + "<w:r><w:t>张三.题名[M].北京:中华书局,2001:1.</w:t></w:r>",
        item + "<w:r><w:t>李四.书名[M].北京:人民出版社,2002:2.</w:t></w:r>"], numbering=numbering)
    doc = load_document(path)
    assert [(r.number, r.label, r.title) for r in doc.references] == [(1, "[1]", "题名"), (2, "[2]", "书名")]
    assert [c.reference for c in doc.citations] == [1, 2]


@pytest.mark.parametrize(("runs", "expected"), [
    (run("增长") + run("2", True) + run("。"), "增长[2]。"),  # a superscript citation after a word
    (run("面积 m") + run("2", True) + run("。"), "面积 m2。"),  # m²: a unit, not a citation
    (run("增长") + run("1", True) + run(",", True) + run("2", True) + run("。"), "增长[1,2]。"),
    (run("甲") + run("①", True) + run("。"), "甲^①。"),  # a typed mark, not a real footnote
])
def test_superscript_runs(tmp_path: Path, runs: str, expected: str) -> None:
    src = read_source(raw_docx(tmp_path / "t.docx", [runs]))
    assert src.text.splitlines()[0] == expected


def test_tables_are_read_in_order(tmp_path: Path) -> None:
    table = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表中（张三，2001）</w:t></w:r></w:p></w:tc>"
             "<w:tc><w:p><w:r><w:t>第二格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    doc = load_document(raw_docx(tmp_path / "t.docx", ["<w:r><w:t>前文。</w:t></w:r>", table, *REFS]))
    assert [p.text for p in doc.paragraphs[:3]] == ["前文。", "表中（张三，2001）", "第二格"]
    assert doc.location(doc.citations[0].span.line, 1) == "¶2"


def test_positions_are_paragraph_numbers_in_every_report(tmp_path: Path) -> None:
    from citeguard.checks import audit
    from citeguard.report.audit_json import AuditResult, render_report_json
    from citeguard.report.ci_formats import render_github, render_sarif

    path = raw_docx(tmp_path / "t.docx", ["<w:r><w:t>正文（赵六，2009）。</w:t></w:r>", *REFS])
    doc = load_document(path)
    ctx, findings = audit(doc)
    (missing,) = [f for f in findings if f.code == "CG101"]
    result = AuditResult(doc, ctx.standard, None, findings)
    report = render_report_json(result)
    assert '"location": "¶1"' in report and '"position_style": "paragraph"' in report
    sarif = render_sarif([result])
    assert '"logicalLocations"' in sarif and "¶1: " in sarif and '"startLine"' not in sarif.split("CG101")[-1][:400]
    github = render_github(result)
    assert "line=" not in github.split("CG101")[0].splitlines()[-1] and "::¶1: " in github
    assert missing.line == 1


@pytest.mark.parametrize(("name", "data", "needle"), [
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 40, "damaged zip"),
    ("sheet.docx", None, "no word/document.xml"),
    ("bad-xml.docx", None, "not a readable Word .docx"),
])
def test_hostile_docx(tmp_path: Path, name: str, data: bytes | None, needle: str) -> None:
    target = tmp_path / name
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            if name == "sheet.docx":
                z.writestr("xl/workbook.xml", "<workbook/>")
            else:
                good = raw_docx(tmp_path / "good.docx", ["<w:r><w:t>x</w:t></w:r>"])
                with zipfile.ZipFile(good) as src:
                    for info in src.infolist():
                        content = src.read(info.filename)
                        z.writestr(info, b"<w:document><unclosed" if info.filename == "word/document.xml" else content)
        data = buffer.getvalue()
    target.write_bytes(data)
    with pytest.raises(IngestError, match=needle):
        read_source(target)


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED", 1_000_000)
    good = raw_docx(tmp_path / "good.docx", ["<w:r><w:t>x</w:t></w:r>"])
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
        z.writestr("word/media/zeros.bin", b"\x00" * 2_000_000)
    with pytest.raises(IngestError, match="unpacks to more than"):
        read_source(bomb)


def test_entity_expansion_does_not_happen(tmp_path: Path) -> None:
    good = raw_docx(tmp_path / "good.docx", ["<w:r><w:t>x</w:t></w:r>"])
    evil = tmp_path / "evil.docx"
    lol = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           '<w:t>&d;&d;&d;</w:t></w:r></w:p><w:sectPr/></w:body></w:document>')
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as z:
        for info in src.infolist():
            z.writestr(info.filename, lol if info.filename == "word/document.xml" else src.read(info.filename))
    try:
        src_text = read_source(evil)
    except IngestError:
        return  # refused: fine
    assert len(src_text.text) < 10_000  # entities were not expanded into the text


def test_position_style_is_recorded(tmp_path: Path) -> None:
    src = read_source(raw_docx(tmp_path / "t.docx", ["<w:r><w:t>x</w:t></w:r>"]))
    assert src.positions is not None and src.positions.style is PositionStyle.PARAGRAPH
    assert src.encoding == "docx"


def test_list_numbers_from_the_paragraph_style(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("Growth is high [1]. Trade matters [2, 3].")
    word.add_paragraph("References")
    for entry in ("Jones A. Openness[J]. J Econ, 2019, 3(2): 1-10.", "Lee C. Trade policy[M]. New York: Wiley, 2018.",
                  "Smith J. Productivity[J]. Econometrica, 2020, 88(1): 5-30."):
        word.add_paragraph(entry, style="List Number")  # Word's built-in style keeps numPr in the style
    word.save(str(tmp_path / "t.docx"))
    doc = load_document(tmp_path / "t.docx")
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert [c.reference for c in doc.citations] == [1, 2, 3]


def test_multilevel_numbers_and_start_override(tmp_path: Path) -> None:
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="2"/>'
                 '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>')

    def item(num: int, level: int, text: str) -> str:
        return (f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{text}</w:t></w:r>")

    src = read_source(raw_docx(tmp_path / "t.docx", [
        item(1, 0, "引言"), item(1, 1, "背景"), item(1, 1, "问题"), item(1, 0, "方法"), item(1, 1, "数据"),
        item(2, 0, "张三.题名[M].北京:中华书局,2001:1.")], numbering=numbering))
    assert [ln for ln in src.text.splitlines() if ln] == [
        "1. 引言", "1.1 背景", "1.2 问题", "2. 方法", "2.1 数据", "[5] 张三.题名[M].北京:中华书局,2001:1."]


def test_manual_line_breaks_separate_entries(tmp_path: Path) -> None:
    doc = load_document(raw_docx(tmp_path / "t.docx", [
        "<w:r><w:t>正文（张三，2020）。</w:t></w:r>", "<w:r><w:t>参考文献</w:t></w:r>",
        "<w:r><w:t>[1] 李四.开放经济[J].经济研究,2019(3):1-10.</w:t><w:br/>"
        "<w:t>[2] 张三.新质生产力[M].北京:人民出版社,2020.</w:t></w:r>"]))
    assert [r.number for r in doc.references] == [1, 2]
    assert [doc.location(r.span.line, 1) for r in doc.references] == ["¶3", "¶3"]


def test_text_box_content_is_read(tmp_path: Path) -> None:
    box = ('<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
           '<w:txbxContent><w:p><w:r><w:t>框中（孙八，2033）</w:t></w:r></w:p></w:txbxContent></wp:anchor></w:drawing></w:r>')
    doc = load_document(raw_docx(tmp_path / "t.docx", [f"<w:r><w:t>正文。</w:t></w:r>{box}", *REFS]))
    assert [c.text for c in doc.citations] == ["（孙八，2033）"]


def test_numbers_restart_each_section(tmp_path: Path) -> None:
    section_end = '<w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr>'
    doc = load_document(raw_docx(tmp_path / "t.docx", [
        f"{run('甲')}{note_ref(1)}{run('乙')}{note_ref(2)}{run('。')}", f"{section_end}{run('第一节完。')}",
        f"{run('丙')}{note_ref(3)}{run('。')}", *REFS], footnotes=["注一。", "注二。", "注三。"],
        footnote_pr='<w:numRestart w:val="eachSect"/>'))
    assert [m.symbol for m in doc.markers] == ["1", "2", "1"]


def test_more_notes_in_one_paragraph_than_circled_numbers(tmp_path: Path) -> None:
    refs = "".join(f"{run(f'句{i}。')}{note_ref(i)}" for i in range(1, 61))
    doc = load_document(raw_docx(tmp_path / "t.docx", [refs, *REFS],
                                 footnotes=[f"张三.题名{i}[M].北京:中华书局,2001:{i}." for i in range(1, 61)]))
    assert [m.symbol for m in doc.markers] == [str(i) for i in range(1, 61)]
    assert all(m.footnote for m in doc.markers)
    assert [f.entry.pages if f.entry else () for f in doc.footnotes][-1] == ("60",)


def test_huge_note_numbers_are_printed_as_digits(tmp_path: Path) -> None:
    for fmt in ("lowerRoman", "chicago", "upperLetter"):
        doc = load_document(raw_docx(tmp_path / f"{fmt}.docx", [f"{run('甲')}{note_ref(1)}{run('。')}", *REFS],
                                     footnotes=["注。"],
                                     footnote_pr=f'<w:numFmt w:val="{fmt}"/><w:numStart w:val="999999999999"/>'))
        assert [m.symbol for m in doc.markers] == ["10000"]


def test_deleted_paragraph_gives_its_place_to_the_next(tmp_path: Path) -> None:
    gone = ('<w:pPr><w:rPr><w:del w:id="1" w:author="x"/></w:rPr></w:pPr>'
            '<w:del w:id="2" w:author="x"><w:r><w:delText>删掉的段落。</w:delText></w:r></w:del>')
    doc = load_document(raw_docx(tmp_path / "t.docx", ["<w:r><w:t>第一段。</w:t></w:r>", gone,
                                                        "<w:r><w:t>保留（王五，2030）。</w:t></w:r>", *REFS]))
    (c,) = doc.citations
    assert doc.location(c.span.line, c.span.column) == "¶3"


@pytest.mark.parametrize("case", ["empty", "image-only"])
def test_no_text_is_a_clear_error(tmp_path: Path, case: str) -> None:
    paragraphs = [] if case == "empty" else ['<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
                                             'drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r>']
    with pytest.raises(IngestError, match="no text"):
        read_source(raw_docx(tmp_path / "t.docx", paragraphs))


def test_damaged_notes_part_is_a_clear_error(tmp_path: Path) -> None:
    good = raw_docx(tmp_path / "good.docx", [f"{run('甲')}{note_ref(1)}"], footnotes=["注。"])
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as z:
        for info in src.infolist():
            data = src.read(info.filename)
            z.writestr(info, data[:len(data) // 2] if info.filename == "word/footnotes.xml" else data)
    with pytest.raises(IngestError, match=r"not a readable Word \.docx"):
        read_source(bad)


def test_opendocument_is_named(tmp_path: Path) -> None:
    target = tmp_path / "paper.odt"
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(IngestError, match="OpenDocument"):
        read_source(target)


@pytest.mark.parametrize(("runs", "expected"), [
    (run("可见") + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（Ghost，1999）</w:t></w:r>' + run("。"), "可见。"),
    (run("增长") + '<w:r><w:rPr><w:position w:val="6"/></w:rPr><w:t>2</w:t></w:r>' + run("。"), "增长[2]。"),
    (run("（张三，") + "<w:r><w:br/></w:r>" + run("2020）。"), "（张三，2020）。"),  # Shift+Enter inside a citation
    (run("第一句。") + "<w:r><w:br/></w:r>" + run("第二句。"), "第一句。\n第二句。"),
])
def test_hidden_raised_and_broken_runs(tmp_path: Path, runs: str, expected: str) -> None:
    src = read_source(raw_docx(tmp_path / "t.docx", [runs]))
    assert "\n".join(ln for ln in src.text.splitlines() if ln) == expected


def test_superscript_through_a_character_style(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    word = docx.Document()
    style = word.styles.add_style("Cite", WD_STYLE_TYPE.CHARACTER)
    style.font.superscript = True
    p = word.add_paragraph("Growth is fast")
    p.add_run("1", style="Cite")
    word.add_paragraph("References")
    word.add_paragraph("[1] Jones A. Openness[J]. J Econ, 2019, 3(2): 1-10.")
    word.save(str(tmp_path / "t.docx"))
    assert [c.reference for c in load_document(tmp_path / "t.docx").citations] == [1]


def test_note_paragraphs_run_on_without_a_false_space(tmp_path: Path) -> None:
    note = ('<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>国务院.意见[EB/OL].(2019-11-28)'
            '[2026-03-01].</w:t></w:r></w:p><w:p><w:r><w:t>https://www.gov.cn/a.htm.</w:t></w:r></w:p></w:footnote>')
    path = raw_docx(tmp_path / "t.docx", [f"{run('甲')}{note_ref(1)}{run('。')}"], footnotes=["x"])
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "u.docx", "w") as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/footnotes.xml":
                data = data.replace(data[data.index(b'<w:footnote w:id="1">'):data.rindex(b"</w:footnotes>")],
                                    note.encode())
            z.writestr(info, data)
    (fn,) = load_document(tmp_path / "u.docx").footnotes
    assert fn.text == "国务院.意见[EB/OL].(2019-11-28)[2026-03-01].https://www.gov.cn/a.htm."


def test_empty_note_stays_a_note(tmp_path: Path) -> None:
    doc = load_document(raw_docx(tmp_path / "t.docx", [f"{run('甲')}{note_ref(1)}{run('。')}", *REFS],
                                 footnotes=[""]))
    assert [f.text for f in doc.footnotes] == ["(empty note)"] and len(doc.references) == 1
