"""House styles of real journals that are not errors (issue 22, the tenth reading: manuscripts written in
the styles of Chinese journals and read by an editor). Each class is a small document of its own: the
consistent form raises nothing, and the slip next to it is still found."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.model import Severity

# IEEE prints a run of citations as a range of brackets: "[3]–[5]" cites 3, 4 and 5, in order
IEEE = """Title

Capacity fades [1], [2]. Health is monitored [3]–[5]. Data-driven work followed [6]-[8] and [9].

References

""" + "\n".join(f'[{n}] A. Smith, "Title {n}," J. Power Sources, vol. {n}, pp. 1-9, 2020.' for n in range(1, 10))

# APA 7: a possessive narrative citation, and an author's preferred name in brackets
APA = """Title

In Lee's (2008) study, teachers marked every error; Zhang and Hyland's (2018) case study agrees (Zhang & Hyland, 2018).

References

Lee, I. (2008). Student reactions to teacher feedback. *Journal of Second Language Writing, 17*(3), 144–164.

Zhang, Z. (V.), & Hyland, K. (2018). Student engagement with teacher and automated feedback on L2 writing. *Assessing Writing, 36*, 90–102.
"""

# GB/T 7714 author-year, English books whose place has its state after a comma, and a journal whose
# name holds a colon and commas; the Chinese entries' full-width punctuation next to half-width ". "
AUTHOR_YEAR = """题目

正文（Bransford et al.，2000；Black and Wiliam，1998；Vygotsky，1978；崔允漷，2019；钟启泉，2016）。

参考文献

崔允漷，2019. 学科核心素养呼唤大单元教学设计[J]. 上海教育科研，(4)：1.
钟启泉，2016. 基于核心素养的课程发展：挑战与课题[J]. 全球教育展望，45(1)：3-25.
BLACK P, WILIAM D, 1998. Assessment and classroom learning[J]. Assessment in Education: Principles, Policy & Practice, 5(1): 7-74.
BRANSFORD J D, BROWN A L, COCKING R R, 2000. How people learn: brain, mind, experience, and school[M]. Expanded ed. Washington, DC: National Academy Press.
VYGOTSKY L S, 1978. Mind in society: the development of higher psychological processes[M]. Cambridge, MA: Harvard University Press.
"""

# Keywords as Chinese journals set them: ideographic spaces between Chinese ones; semicolons between
# English ones, one of which holds a comma; a plural keyword whose singular the title uses as a modifier
KEYWORDS = """工业机器人应用与劳动收入份额

摘要：本文研究工业机器人。

关键词：工业机器人　劳动收入份额　任务替代　收入分配

Industrial Robot Adoption and the Labor Share

Abstract: We study industrial robot adoption, the labor share, task displacement and income distribution.

Keywords: Industrial Robots; Labor Share; Task Displacement; alignment of teaching, learning and assessment

正文。
"""

# Footnotes in the 《》 note style of Chinese humanities journals (《中国社会科学》): no type codes
NOTES = """县域城镇化研究

正文引用①，又引②，再引③。

① 习近平：《高举中国特色社会主义伟大旗帜　为全面建设社会主义现代化国家而团结奋斗》，北京：人民出版社，2022年，第32页。
② 〔美〕黄宗智：《中国的隐性农业革命》，北京：法律出版社，2010年，第110页。
③ 夏柱智、贺雪峰：《半工半耕与中国渐进城镇化模式》，《中国社会科学》2017年第12期，第119页。
"""

CASES = [  # (name, document, codes that must not stand at warning or above)
    ("IEEE bracket ranges", IEEE, {"CG102", "CG110"}),
    ("APA possessive and preferred name", APA, {"CG101", "CG104"}),
    ("author-year places and long journal names", AUTHOR_YEAR, {"CG205", "CG305", "CG308"}),
    ("keyword separators and plurals", KEYWORDS, {"CG601", "CG602"}),
    ("《》 note style", NOTES, {"CG902"}),
]


@pytest.mark.parametrize(("name", "text", "codes"), CASES, ids=[c[0] for c in CASES])
def test_a_consistent_house_style_is_not_an_error(name: str, text: str, codes: set[str]) -> None:
    _, found = audit(document_from_text(text))
    raised = [(f.code, f.line, f.message) for f in found if f.code in codes and f.severity.rank >= Severity.WARNING.rank]
    assert raised == [], name


def test_a_bracket_range_cites_every_number_in_it() -> None:
    doc = document_from_text(IEEE)
    ranged = [c for c in doc.citations if c.text == "[3]–[5]"]
    assert [c.number for c in ranged] == [3, 4, 5]
    assert {c.reference for c in doc.citations} == set(range(1, 10))


def test_a_bracket_range_past_the_end_is_still_found() -> None:
    _, found = audit(document_from_text(IEEE.replace("[6]-[8]", "[6]-[12]")))
    assert any(f.code == "CG109" and "12" in f.message for f in found)


def test_a_possessive_names_the_author_and_a_year_slip_is_still_found() -> None:
    doc = document_from_text(APA)
    assert [c.author_text for c in doc.citations][:2] == ["Lee", "Zhang and Hyland"]
    _, found = audit(document_from_text(APA.replace("Lee's (2008)", "Lee's (2009)")))
    assert any(f.code == "CG103" and "2009" in f.message for f in found)


def test_places_with_a_state_are_read_whole() -> None:
    doc = document_from_text(AUTHOR_YEAR)
    books = {r.place: r.publisher for r in doc.references if r.type_code == "M"}
    assert books == {"Washington, DC": "National Academy Press", "Cambridge, MA": "Harvard University Press"}


def test_keywords_are_split_by_the_lines_own_separator() -> None:
    fm = document_from_text(KEYWORDS).front_matter
    assert fm.keywords_zh == ("工业机器人", "劳动收入份额", "任务替代", "收入分配")
    assert fm.keywords_en[-1] == "alignment of teaching, learning and assessment" and len(fm.keywords_en) == 4


def test_a_keyword_translated_another_way_is_still_found() -> None:
    _, found = audit(document_from_text(KEYWORDS.replace("Task Displacement;", "Task Displacing;")))
    assert any(f.code == "CG602" for f in found)


def test_notes_in_the_book_mark_style_are_said_once_as_information() -> None:
    _, found = audit(document_from_text(NOTES))
    notes = [f for f in found if f.code == "CG902"]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO and "《》" in notes[0].message_zh


def test_a_gbt_footnote_without_type_code_is_still_a_warning() -> None:
    text = "题目\n\n正文①。\n\n① 张三.中国经济史.北京:中华书局,2001:3.\n"
    _, found = audit(document_from_text(text))
    assert [f.severity for f in found if f.code == "CG902"] == [Severity.WARNING]


def test_half_width_mixed_spacing_is_still_found() -> None:
    text = AUTHOR_YEAR.replace("[J]. 全球教育展望，45(1)", "[J].全球教育展望, 45(1)")
    _, found = audit(document_from_text(text))
    assert any(f.code == "CG308" for f in found)
