"""BibTeX and CSL-JSON export, round-tripped through bibtexparser."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from citeguard.api import document_from_text, load_document
from citeguard.report.export import citation_keys, render_bibtex, render_csl_json

from .conftest import PAPER

SMALL = """正文。

参考文献

[1] 习近平.论坚持推动构建人类命运共同体[M].北京:中央文献出版社,2018:391.
[2] 习近平.在院士大会上的讲话[M].北京:人民出版社,2018:14.
[3] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.
[4] SMITH J, JONES K. Title of the paper[J]. Journal of Things, 2020, 12(3): 45-67.
[5] 曾一.题名[D].北京:北京大学,2015.
[6] 国务院新闻办就2025年前三季度进出口情况举行发布会[EB/OL].(2025-10-13)[2026-03-29].https://www.gov.cn/a.htm
"""


def test_keys_are_pinyin_surname_year_with_suffixes() -> None:
    doc = document_from_text(SMALL)
    assert citation_keys(list(doc.references)) == ["xi2018", "xi2018-2", "zhou2023", "smith2020", "zeng2015", "anon2025"]


def test_bibtex_round_trip() -> None:
    doc = document_from_text(SMALL)
    library = bibtexparser.parse_string(render_bibtex(doc))
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    book = entries["xi2018"]
    assert book.entry_type == "book"
    assert (book["author"], book["title"], book["publisher"], book["address"], book["year"], book["language"]) == (
        "习, 近平", "论坚持推动构建人类命运共同体", "中央文献出版社", "北京", "2018", "zh")
    assert "pages" not in book.fields_dict  # cited pages belong in the text
    article = entries["smith2020"]
    assert (article.entry_type, article["author"], article["journal"], article["volume"], article["number"],
            article["pages"]) == ("article", "Smith, J. and Jones, K.", "Journal of Things", "12", "3", "45--67")
    assert "language" not in article.fields_dict
    assert entries["zeng2015"].entry_type == "phdthesis" and entries["zeng2015"]["school"] == "北京大学"
    web = entries["anon2025"]
    assert (web["url"], web["urldate"]) == ("https://www.gov.cn/a.htm", "2026-03-29")


def test_reference_paper_exports_every_entry() -> None:
    doc = load_document(PAPER)
    library = bibtexparser.parse_string(render_bibtex(doc))
    # the list, then the footnotes' works: 32 footnotes cite 24 distinct works (摘编 ×3, 文集（2023） ×4, …)
    assert len(library.entries) == 51 + 24 and not library.failed_blocks
    assert len({e.key for e in library.entries}) == len(library.entries)
    by_key = {e.key: e for e in library.entries}
    assert by_key["an2025"]["author"] == "安, 博文 and 许, 培源 and 卢, 一夫 and others"


@pytest.mark.parametrize(("index", "expected"), [
    (0, {"type": "book", "publisher": "中央文献出版社", "author": [{"family": "习", "given": "近平"}],
         "issued": {"date-parts": [[2018]]}}),
    (2, {"author": [{"family": "周", "given": "文"}, {"family": "许", "given": "凌云"}]}),
    (3, {"type": "article-journal", "author": [{"family": "Smith", "given": "J."}, {"family": "Jones", "given": "K."}]}),
    (5, {"type": "webpage", "URL": "https://www.gov.cn/a.htm", "accessed": {"date-parts": [[2026, 3, 29]]}}),
])
def test_csl_json(index: int, expected: dict[str, object]) -> None:
    items = json.loads(render_csl_json(document_from_text(SMALL)))
    assert {k: items[index][k] for k in expected} == expected


def test_latex_specials_are_escaped_and_newspaper_page_kept() -> None:
    doc = document_from_text("正文。\n\n参考文献\n\n[1] SMITH J. Growth of 50% & R_D {spending} #1[J]. Journal, 2020, 1(2): 3-4.\n"
                             "[2] 谷业凯.从0.44个百分点看科技创新“加速度”[N].人民日报,2026-02-10(008).\n")
    library = bibtexparser.parse_string(render_bibtex(doc))
    first, second = library.entries
    assert first["title"] == r"Growth of 50\% \& R\_D \{spending\} \#1"
    assert (second["journal"], second["pages"], second["date"]) == ("人民日报", "008", "2026-02-10")
    assert "edition" not in second.fields_dict


NAMES = """正文。

参考文献

[1] 国家统计局.中国统计年鉴2023[M].北京:中国统计出版社,2023.
[2] 欧阳修,周文,司马相如,诸葛亮.题名[J].改革,2023(10):1-13.
[3] [美]史密斯.经济学[M].张三,译.北京:商务印书馆,2010.
[4] 卡尔·马克思.资本论[M].北京:人民出版社,2004.
[5] 中共中央.关于全面深化改革若干重大问题的决定[N].人民日报,2013-11-16(001).
[6] 尉迟恭,长孙无忌,令狐冲.题名二[J].改革,2020(1):1-3.
"""


@pytest.mark.parametrize(("index", "csl", "bibtex"), [
    # a person: family (the first character, or a double surname) and given, as Zotero files them
    (1, [{"family": "欧阳", "given": "修"}, {"family": "周", "given": "文"}, {"family": "司马", "given": "相如"},
         {"family": "诸葛", "given": "亮"}], "欧阳, 修 and 周, 文 and 司马, 相如 and 诸葛, 亮"),
    (5, [{"family": "尉迟", "given": "恭"}, {"family": "长孙", "given": "无忌"}, {"family": "令狐", "given": "冲"}],
     "尉迟, 恭 and 长孙, 无忌 and 令狐, 冲"),
    # a transliteration with a dot: given names first
    (3, [{"family": "马克思", "given": "卡尔"}], "马克思, 卡尔"),
    # organisations and a translated author ([美]) stay whole: literal, braced in BibTeX
    (0, [{"literal": "国家统计局"}], "{国家统计局}"),
    (4, [{"literal": "中共中央"}], "{中共中央}"),
    (2, [{"literal": "史密斯"}], "{史密斯}"),
])
def test_chinese_names_as_family_and_given(index: int, csl: list[dict[str, str]], bibtex: str) -> None:
    doc = document_from_text(NAMES)
    assert json.loads(render_csl_json(doc))[index]["author"] == csl
    library = bibtexparser.parse_string(render_bibtex(doc))
    assert library.entries[index]["author"] == bibtex
