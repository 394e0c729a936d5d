"""Pages, footnotes and markers in extracted text, on small documents of their own."""

from __future__ import annotations

from citeguard.api import document_from_text

TWO_PAGES = """\
标题

第一页正文，引用一处。^①另一处在这里，^②并且句子没有说

^{*} 基金项目：某基金。

^① 张三.题名[M].北京:人民出版社,2020:12.

② 李四.题名[J].经济研究,2019(3):4-5.

完，接着下一页。第二页正文。①

① 王五.题名[N].人民日报,2024-02-02(001).

最后一页没有脚注。
"""


def test_footnote_blocks_close_pages_and_numbering_restarts() -> None:
    doc = document_from_text(TWO_PAGES)
    notes = [(f.page, f.symbol, f.span.line) for f in doc.footnotes if not f.is_fund_note]
    assert notes == [(1, "①", 7), (1, "②", 9), (2, "①", 13)]
    assert [(m.page, m.symbol, m.span.line) for m in doc.markers] == [(1, "①", 3), (1, "②", 3), (2, "①", 11)]
    assert all(m.footnote for m in doc.markers)
    assert len(doc.pages) == 3  # two pages with feet, then the rest


def test_fund_note_is_separate() -> None:
    doc = document_from_text(TWO_PAGES)
    fund = [f for f in doc.footnotes if f.is_fund_note]
    assert len(fund) == 1 and fund[0].text.startswith("基金项目")
    assert doc.front_matter.fund_note is not None


def test_paragraph_cut_by_a_page_foot_is_joined() -> None:
    doc = document_from_text(TWO_PAGES)
    joined = [p for p in doc.paragraphs if "并且句子没有说完" in p.text]
    assert len(joined) == 1
    assert joined[0].pages == (1, 2)


def test_footnote_entries_are_parsed() -> None:
    doc = document_from_text(TWO_PAGES)
    entries = [f.entry for f in doc.footnotes if f.entry]
    assert [(e.type_code, e.year) for e in entries] == [("M", "2020"), ("J", "2019"), ("N", "2024")]


def test_marker_without_footnote_and_footnote_without_marker_stay_unpaired() -> None:
    doc = document_from_text("正文一句。①又一句。\n\n② 张三.题名[M].北京:人民出版社,2020:1.\n")
    (marker,) = doc.markers
    (note,) = doc.footnotes
    assert marker.footnote is None and note.marker is None


def test_enumerations_are_not_footnote_markers() -> None:
    doc = document_from_text("研究包括：①光能的增强；②固氮的提高；③细胞培养。结论如此。^①\n\n"
                             "① 张三.题名[M].北京:中华书局,2001:3.\n")
    assert [(m.symbol, m.span.column) for m in doc.markers] == [("①", 31)]


def test_footnote_continuation_line() -> None:
    doc = document_from_text("正文。①\n\n① 张三.很长的题名[M].北京:\n人民出版社,2020:1.\n\n下一段。\n")
    (note,) = doc.footnotes
    assert note.entry is not None and note.entry.publisher == "人民出版社"


def test_reference_list_skips_footnote_blocks_inside_it() -> None:
    text = ("正文（张三，2020）。\n\n参考文献\n\n[1] 张三.题名[M].北京:中华书局,2020.\n\n"
            "① 脚注.题名[M].北京:中华书局,2001:3.\n\n[2] 李四.题名[J].刊名,2021(1):1-2.\n\n【作者简介】某某。\n")
    doc = document_from_text(text)
    assert [r.number for r in doc.references] == [1, 2]
    assert [f.entry.title for f in doc.footnotes if f.entry] == ["题名"]


def test_unnumbered_list_and_merged_lines() -> None:
    text = ("正文（李路路，2003）。\n\n参考文献\n"
            "陈云松,& 张翼.(2015).城镇化的不平等效应.中国社会科学,(2015,6月),78-95."
            "李路路.(2003).再生产的延续.北京：中国人民大学出版社.\n"
            "Wang, X., & Nehring, D. (2014). Individualization. Modern China, 40(6), 578-604.\n")
    doc = document_from_text(text)
    assert [(r.authors[0], r.year) for r in doc.references] == [("陈云松", "2015"), ("李路路", "2003"),
                                                                ("Wang, X.", "2014")]
    assert doc.citations[0].reference == 2
