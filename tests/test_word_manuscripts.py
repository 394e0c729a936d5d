"""Word manuscripts as editors receive them (issue 28): each class seen on real theses, on a small
.docx of its own built from raw WordprocessingML (tests/docxbuild.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from citeguard.api import audit_file
from tests.docxbuild import note_ref, raw_docx, run

# Word's automatic numbering printing ① ② ③ (numFmt decimalEnclosedCircle), list 5
CIRCLED_LIST = ('<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                '<w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'
                '<w:num w:numId="5"><w:abstractNumId w:val="9"/></w:num>')
ITEM = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr>'
ENTRIES = ["[1] 张伟, 李明. 数字经济与创新效率[J]. 经济研究, 2021, 56(3): 45-60.",
           "[2] 王芳. 产业结构升级的动力机制[J]. 管理世界, 2020, 36(5): 12-25."]


def _codes(path: Path) -> Counter[str]:
    _, findings = audit_file(path)
    return Counter(f.code for f in findings)


def test_items_numbered_by_word_with_circled_numbers_are_not_notes(tmp_path: Path) -> None:
    """A thesis's feature list ① 基本操作 / text / ② 文本记事 / text, numbered by Word: items, not
    page notes without marks (a real thesis got 37 false errors from this)."""
    body = [run("系统的功能描述如下，数字经济的研究见[1]，产业结构见[2]。")]
    for name, text in (("基本操作", "包括新建、删除、修改。"), ("文本记事", "通过文字添加。"), ("图片记事", "添加图片。")):
        body += [ITEM + run(name), run(text)]
    body += [run("参考文献"), *(run(e) for e in ENTRIES)]
    path = raw_docx(tmp_path / "items.docx", body, numbering=CIRCLED_LIST)
    found = _codes(path)
    assert not any(code.startswith("CG4") for code in found), found
    assert found.get("CG109", 0) == 0 and found.get("CG102", 0) == 0


def test_a_real_note_beside_numbered_items_is_still_a_note(tmp_path: Path) -> None:
    body = [run("正文引用[1]和[2]。") + run("说明") + note_ref(1) + run("。"), ITEM + run("基本操作"),
            ITEM + run("文本记事"), run("参考文献"), *(run(e) for e in ENTRIES)]
    path = raw_docx(tmp_path / "note.docx", body, footnotes=["作者自注。"], numbering=CIRCLED_LIST,
                    footnote_pr='<w:numFmt w:val="decimalEnclosedCircle"/>')
    from citeguard.api import load_document
    doc = load_document(path)
    assert [(m.symbol, m.footnote is not None) for m in doc.markers] == [("①", True)]
    assert [f.text for f in doc.footnotes] == ["作者自注。"]


def test_a_note_reference_in_brackets_is_one_mark(tmp_path: Path) -> None:
    """Endnotes holding the works cited, each reference put in brackets by the author, [①]: one mark
    paired with its note — not also an unpaired Markdown-style mark (a real thesis got 28 errors)."""
    body = [run("Julander首次提出购物篮分析[") + note_ref(1, "endnote") + run("]方法，Agrawal等人[")
            + note_ref(2, "endnote") + run("]提出了关联规则算法。")]
    notes = ["Julander C. Basket analysis: a new way of analysing scanner data[J]. International Journal of "
             "Retail & Distribution Management, 1992, 20(7): 139-153.",
             "Agrawal R, Imielinski T, Swami A. Mining association rules between sets of items in large databases[J]. "
             "ACM SIGMOD Record, 1993, 22(2): 207-216."]
    path = raw_docx(tmp_path / "endnotes.docx", body, endnotes=notes)
    from citeguard.api import load_document
    doc = load_document(path)
    assert len(doc.markers) == 2 and all(m.footnote is not None for m in doc.markers)
    found = _codes(path)
    assert not any(code in found for code in ("CG401", "CG402", "CG403")), found


def _gb3(n: int) -> str:
    """Word's enclosed-number field: { = n \\* GB3 } shows ①, ②, …"""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> = '
            f'{n} \\* GB3 \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{"①②③"[n - 1]}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_items_numbered_by_an_enclosed_number_field_are_not_notes(tmp_path: Path) -> None:
    """{ = 1 \\* GB3 } is how Word users type ① as a field: an item's number, not a page note."""
    body = [run("三个框架分别在项目中起作用：数字经济见[1]，产业结构见[2]。")]
    for n, name in enumerate(("Struts在项目中的作用", "Spring在项目中的作用", "Hibernate在项目中的作用"), 1):
        body += [_gb3(n) + run(name), run("它是一个开源框架。")]
    body += [run("参考文献"), *(run(e) for e in ENTRIES)]
    found = _codes(raw_docx(tmp_path / "fields.docx", body))
    assert not any(code.startswith("CG4") for code in found), found


def test_a_chinese_thesis_opening_with_its_english_abstract_is_chinese(tmp_path: Path) -> None:
    from citeguard.api import load_document
    from citeguard.model import Language
    english = [run(f"Abstract paragraph {i}: this thesis studies the digital economy and regional innovation.")
               for i in range(60)]
    chinese = [run(f"第{i}段：本文研究数字经济对区域创新的影响，并讨论制度环境的作用[1]。") for i in range(80)]
    path = raw_docx(tmp_path / "thesis.docx", [*english, *chinese, run("参考文献"), *(run(e) for e in ENTRIES)])
    assert load_document(path).language is Language.ZH
    english_paper = raw_docx(tmp_path / "paper.docx", [*chinese[:5], *english, *english, run("References")])
    assert load_document(english_paper).language is Language.EN  # a Chinese abstract before an English body


def test_a_list_with_no_citation_read_is_said_once(tmp_path: Path) -> None:
    """Citations printed "(1–3)" by a Word style are not read: the editor is told once that the list
    was checked against nothing, with the form seen — not silence that looks clean."""
    body = [run("Ribosomes differ between tissues (1–3). Such variation is debated (4)."),
            run("Later studies disagree (2, 3)."), run("References"),
            *(run(f"{i}. Author{i} A. A study of ribosomes number {i}. Nature. 2020;{i}:1-9.") for i in range(1, 5))]
    _, found = audit_file(raw_docx(tmp_path / "paren.docx", body))
    said = [f for f in found if f.code == "CG911"]
    assert len(said) == 1 and "'(1–3)'" in said[0].message and said[0].confidence.value == "low"
    cited = [run("数字经济改变了创新[1]，产业结构亦然[2]。"), run("参考文献"), *(run(e) for e in ENTRIES)]
    _, found = audit_file(raw_docx(tmp_path / "cited.docx", cited))
    assert not [f for f in found if f.code == "CG911"]


@pytest.mark.parametrize(("entry", "likely"), [
    ("[2] 俞栋, 邓力. 语音唤醒指令词误触发的方法[M]. 计算机工程, 2014, 30(9): 94-96.", "J"),
    ("[2] 王志国. 基于MQTT的物联网文件传输方法[D]. 计算机学报, 2018, 31(4): 524-529.", "J"),
    ("[2] Smith J. Energy transitions in cities[M]. Energy Policy, 2019, 12(3): 5-9.", "J"),
    ("[2] 吴曦. 软件安全性缺陷管理系统设计与实现[J]. 电子科技大学, 2015.", "D"),
    ("[2] 吴曦. 软件安全性缺陷管理系统设计与实现[J]. 成都: 电子科技大学, 2015.", "D"),
    # what each type really gives: no finding
    ("[2] 王芳. 产业结构升级的动力机制[J]. 清华大学学报, 2020, 36(5): 12-25.", ""),
    ("[2] 吴曦. 软件安全性缺陷管理系统设计与实现[D]. 成都: 电子科技大学, 2015.", ""),
    ("[2] 周志明. 深入理解Java虚拟机[M]. 北京: 机械工业出版社, 2013.", ""),
    ("[2] 王芳. 产业结构升级的动力机制[J]. 管理世界, 2020, 36(5): 12-25.", ""),
    ("[2] 李明. 在线论文[J/OL]. 计算机学报, 2020, 3(1): 1-5[2024-01-01]. https://example.org/a.", ""),
])
def test_a_type_code_against_the_entry_shape(tmp_path: Path, entry: str, likely: str) -> None:
    body = [run("数字经济改变了创新[1]，产业结构亦然[2]。"), run("参考文献"), run(ENTRIES[0]), run(entry)]
    _, found = audit_file(raw_docx(tmp_path / "typed.docx", body))
    said = [f for f in found if f.code == "CG316"]
    assert [f.suggestion for f in said] == ([f"[{likely}]"] if likely else []), [f.message for f in said]
    if likely:
        assert said[0].severity.value == "warning" and list(said[0].references) == [2]


@pytest.mark.parametrize(("sentence", "entries", "expected"), [
    # a name "et al." follows, not in the list, before another author's number
    ("Gomez-Bombarelli et al. [2] designed molecules; Smith and Jones [1] disagree.",
     ["[1] Smith J, Jones K. Energy transitions in cities[J]. Energy Policy, 2019, 12(3): 5-9.",
      "[2] Landrum G. RDKit: open-source cheminformatics[J]. Journal of Cheminformatics, 2016, 8(1): 1-10."],
     "Gomez-Bombarelli et al.[2]: [2] is by Landrum G, not Gomez-Bombarelli"),
    # the author's name misspelt by one character (殷明胜 for 殷民胜)
    ("殷明胜等[1]研究了数字经济，张伟[2]讨论了产业结构。",
     ["[1] 殷民胜. 数字经济与创新效率[J]. 经济研究, 2021, 56(3): 45-60.",
      "[2] 张伟, 李明. 产业结构升级的动力机制[J]. 管理世界, 2020, 36(5): 12-25."],
     "殷明胜等[1]: [1] is by 殷民胜, not 殷明胜"),
    # the right names: nothing
    ("Landrum et al. [2] wrote the toolkit; Smith and Jones [1] disagree.",
     ["[1] Smith J, Jones K. Energy transitions in cities[J]. Energy Policy, 2019, 12(3): 5-9.",
      "[2] Landrum G, Smith J, Jones K. RDKit[J]. Journal of Cheminformatics, 2016, 8(1): 1-10."], ""),
    ("Table et al. [1] is no name; neither is The [2].",
     ["[1] Smith J, Jones K. Energy transitions in cities[J]. Energy Policy, 2019, 12(3): 5-9.",
      "[2] Landrum G. RDKit: open-source cheminformatics[J]. Journal of Cheminformatics, 2016, 8(1): 1-10."], ""),
])
def test_a_name_before_a_number_that_is_not_its_author(tmp_path: Path, sentence: str, entries: list[str],
                                                       expected: str) -> None:
    body = [run(sentence), run("参考文献" if "张" in sentence else "References"), *(run(e) for e in entries)]
    _, found = audit_file(raw_docx(tmp_path / "named.docx", body))
    said = [f.message for f in found if f.code == "CG113"]
    assert said == ([expected] if expected else []), said


def test_a_number_printed_twice_links_each_citation_to_the_entry_it_names(tmp_path: Path) -> None:
    """[3] twice in the list: the duplicate is reported, and 赵磊[3] links to 赵磊's [3] — no follow-on
    "[3] is by 刘洋, not 赵磊" nor "[3] never cited" from the wrong link."""
    body = [run("张伟[1]研究了数字经济。王芳[2]讨论了产业结构。刘洋[3]关注人才流动，赵磊[3]讨论制度环境。"),
            run("参考文献"), *(run(e) for e in ENTRIES),
            run("[3] 刘洋, 陈静. 人才流动与区域创新[J]. 中国工业经济, 2019(8): 80-97."),
            run("[3] 赵磊. 制度环境与企业创新[M]. 北京: 人民出版社, 2018.")]
    doc, found = audit_file(raw_docx(tmp_path / "twice.docx", body))
    assert [(f.code, f.message) for f in found] == [("CG301", "entry number [3] is used twice")]
    linked = {c.text: doc.references[c.reference - 1].authors[0] for c in doc.citations if c.reference}
    assert linked["[3]"] in ("刘洋", "赵磊") and sorted(
        doc.references[c.reference - 1].authors[0] for c in doc.citations if c.number == 3) == ["刘洋", "赵磊"]


@pytest.mark.parametrize(("entry", "code", "said"), [
    ("[2] 李华. <I>数字</I>经济的测度[J]. 统计研究, 2020, 37(2): 3-15.", "CG317", "raw markup"),
    ("[2] [] 周杰. 人工智能与就业[J]. 经济研究, 2019, 54(5): 4-19.", "CG317", "an empty []"),
    ("[2] Smith J, and, C.K. Energy transitions in cities[J]. Energy Policy, 2019, 12(3): 5-9.", "CG317", "'and,'"),
    ("[2] a b c Aalst W. The application of Petri nets[J]. J Circuits, 1998, 8(1): 21-66.", "CG317", "back-link"),
    ("[2] 张伟, 李明. 数字经济与创新效率[J]. 经济研究, 2026,133111039-111039.", "CG318", "volume 133, article 111039"),
    ("[2] 王芳. 产业结构升级的动力机制[J]. 管理世界, 2020, 36(5): 102:104.", "CG318", "joined by a colon"),
    ("[2] 刘洋. 人才流动与区域创新[J]. 中国工业经济, 2019, 2019(8): 80-97.", "CG318", "the year printed again"),
    # valid forms: nothing
    ("[2] 赵磊. 制度环境与企业创新[J]. 经济学动态, 2018, 4－17＋43.", "", ""),
    ("[2] 孙强. 标准体系研究[S]. 北京: 中国标准出版社, 2018: 2-1-2-26.", "", ""),
    ("[2] Lee A, Baker B. A b-tree index for cities[J]. Data Journal, 2019, 12(3): 5-9.", "", ""),
])
def test_debris_and_malformed_elements(tmp_path: Path, entry: str, code: str, said: str) -> None:
    body = [run("数字经济改变了创新[1]，产业结构亦然[2]。"), run("参考文献"), run(ENTRIES[0]), run(entry)]
    _, found = audit_file(raw_docx(tmp_path / "debris.docx", body))
    hits = [f for f in found if f.code in ("CG317", "CG318")]
    assert [f.code for f in hits] == ([code] if code else []), [f.message for f in hits]
    if code:
        assert said in hits[0].message and list(hits[0].references) == [2]


def test_the_same_debris_in_many_entries_is_said_once() -> None:
    from citeguard.api import document_from_text
    from citeguard.checks import audit
    refs = "\n".join(f"[{i}] [] 作者{i}. 论题{i}[J]. 改革, 2023(10): {i}-{i + 5}." for i in range(1, 9))
    text = "正文" + "".join(f"[{i}]" for i in range(1, 9)) + "。\n\n参考文献\n" + refs + "\n"
    _, found = audit(document_from_text(text), select=["CG317"])
    assert len(found) == 1 and found[0].message.startswith("8 entries have an empty []")
    assert list(found[0].references) == list(range(1, 9))


def test_entries_whose_authors_were_not_read_apart(tmp_path: Path) -> None:
    """A list with its own punctuation ("Poon, Auliana: Tourism…", "何帆、刘红霞：《…》"): a citation of
    the name an entry opens with, and that entry's year, links to it; an entry whose opening name
    the text names is not called uncited."""
    body = [run("Poon(1993)最早讨论了旅游技术，Scott(2002)研究了自驾游。何帆和刘红霞（2019）评估了数字化变革。"),
            run("参考文献"),
            run("Poon, Auliana: Tourism, Technology and Competitive Strategies[M]. Wallingford: CAB International, 1993."),
            run("Scott N: Product Market Perspective of Self-drive Tourism[A]. Common Ground Publishing, 2002."),
            run("何帆、刘红霞：《数字经济视角下实体企业数字化变革的业绩提升效应评估》，《改革》，2019年第4期。")]
    doc, found = audit_file(raw_docx(tmp_path / "unread.docx", body))
    linked = {c.text: c.reference for c in doc.citations}
    assert linked.get("Poon(1993)") == 1 and linked.get("Scott(2002)") == 2
    assert not [f for f in found if f.code == "CG102"], [f.message for f in found if f.code == "CG102"]


def test_an_entry_named_with_its_year_in_a_form_not_read_is_not_uncited() -> None:
    """"Hodgkinson et al., 1999 showed …" (no parenthesis) is a citation citeguard does not read: its
    entry is not called never cited; an entry named nowhere still is."""
    from citeguard.api import document_from_text
    from citeguard.checks import audit
    text = ("A study\n\nHerding is common (Smith, 2001). Hodgkinson et al., 1999 showed how managers think.\n\n"
            "References\n\nHodgkinson, G. P., Bown, N. J., & Maule, A. J. (1999). Breaking the frame. "
            "Strategic Management Journal, 20(10), 977-985.\n\n"
            "Kahneman, D. (2011). Thinking, fast and slow. Farrar, Straus and Giroux.\n\n"
            "Smith, J. (2001). Herding in markets. Journal of Finance, 56(2), 1-20.\n")
    _, found = audit(document_from_text(text), select=["CG102"])
    assert [f.message for f in found] == ["Kahneman, D 2011 is never cited in the text"]


def test_a_number_past_a_list_ending_in_a_web_page_entry_is_an_error(tmp_path: Path) -> None:
    """The list's last entry is a web page with no year, ending in its address: it is whole, so a
    citation past it is a clean error, not a low-confidence note."""
    body = [run("数字经济改变了创新[1]，产业结构亦然[2]，又见[3]，另见[5]。"), run("参考文献"), *(run(e) for e in ENTRIES),
            run("[3] 关于Bugclose[EB/OL]. https://bugclose.com/about.html")]
    _, found = audit_file(raw_docx(tmp_path / "web.docx", body))
    past = [f for f in found if f.code == "CG109"]
    assert [(f.severity.value, f.confidence.value) for f in past] == [("error", "high")], [f.message for f in past]
