"""The GB/T 7714 renderer (citeguard.format): each entry type in the standard's order and marks
(expected strings written from the 2015 templates, ../shared/docs/gbt7714-notes.md), in the three
house styles, and the round trip parse → render → parse."""

from __future__ import annotations

import pytest

from citeguard.api import load_document
from citeguard.format import HouseStyle, edition_style, house_style, render_entry
from citeguard.model import Span, Standard
from citeguard.parse import parse_entry

from .conftest import PAPER

SPAN = Span(1, 1, 1, 1)
SPACED, COMPACT, FULL = HouseStyle(), HouseStyle(spaced=False), HouseStyle(full_width_zh=True)
AUTHOR_YEAR = HouseStyle(author_year=True)
# the editions' own marks: 2025 prints ，：（） full-width in Chinese entries, . [ ] half-width
GB2015, GB2025 = edition_style(Standard.GB2015), edition_style(Standard.GB2025)

CASES = [
    # journal: 责任者. 题名[J]. 刊名, 年, 卷(期): 页码.  (年(期) when there is no volume)
    ("周文,许凌云.论新质生产力[J].改革,2023(10):1-13.", SPACED, "周文, 许凌云. 论新质生产力[J]. 改革, 2023(10): 1-13."),
    ("周文, 许凌云. 论新质生产力[J]. 改革, 2023(10): 1-13.", COMPACT, "周文,许凌云.论新质生产力[J].改革,2023(10):1-13."),
    ("周文, 许凌云. 论新质生产力[J]. 改革, 2023(10): 1-13.", FULL, "周文，许凌云．论新质生产力[J]．改革，2023(10)：1-13．"),
    ("KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063-2064.", FULL,
     "KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063-2064."),  # full width: Chinese only
    ("YELLAND R L, JONES S C, EASTON K S, et al. A study[J]. J Bot, 2001, 5(2): 1-9.", SPACED,
     "YELLAND R L, JONES S C, EASTON K S, et al. A study[J]. J Bot, 2001, 5(2): 1-9."),
    ("安博文,许培源,卢一夫,等.新质生产力[J].工业技术经济,2025(3):14-23.", SPACED,
     "安博文, 许培源, 卢一夫, 等. 新质生产力[J]. 工业技术经济, 2025(3): 14-23."),
    # book: 责任者. 题名[M]. 出版地: 出版者, 出版年: 引文页码.
    ("习近平.习近平谈治国理政(第5卷)[M].北京:外文出版社,2025:191.", SPACED,
     "习近平. 习近平谈治国理政(第5卷)[M]. 北京: 外文出版社, 2025: 191."),
    # contribution: 题名[M]//主编. 书名. 出版地: 出版者, 年: 起-止页.  (the // is required)
    ("白书农. 植物开花研究[M]//李承森. 植物科学进展. 北京: 高等教育出版社, 1998: 146-163.", COMPACT,
     "白书农.植物开花研究[M]//李承森.植物科学进展.北京:高等教育出版社,1998:146-163."),
    # newspaper: 报纸名, YYYY-MM-DD(版次).
    ("谷业凯.从0.44个百分点看科技创新“加速度”[N].人民日报,2026-02-10(008).", SPACED,
     "谷业凯. 从0.44个百分点看科技创新“加速度”[N]. 人民日报, 2026-02-10(008)."),
    # electronic: 题名[EB/OL]. (更新日期)[引用日期]. URL  (nothing after the URL)
    ("国务院.关于推动外贸稳规模优结构的意见[EB/OL].(2023-04-25)[2025-03-01].https://www.gov.cn/a.htm", SPACED,
     "国务院. 关于推动外贸稳规模优结构的意见[EB/OL]. (2023-04-25)[2025-03-01]. https://www.gov.cn/a.htm"),
    # thesis: 保存地: 保存单位, 年.
    ("马欢.人类活动影响下海河流域典型区水循环变化分析[D].北京:清华大学,2011:27.", SPACED,
     "马欢. 人类活动影响下海河流域典型区水循环变化分析[D]. 北京: 清华大学, 2011: 27."),
    # a DOI after the pages, its own element
    ("李炳穆. 韩国图书馆法[J]. 图书情报工作, 2008, 52(6): 6-12. DOI:10.3969/j.issn.0252-3116.2008.06.002", SPACED,
     "李炳穆. 韩国图书馆法[J]. 图书情报工作, 2008, 52(6): 6-12. DOI:10.3969/j.issn.0252-3116.2008.06.002"),
    # author-year system: the year after the authors, none at the end
    ("张伯伟. 全唐五代诗格会考[M]. 南京: 江苏古籍出版社, 2002: 288.", AUTHOR_YEAR,
     "张伯伟, 2002. 全唐五代诗格会考[M]. 南京: 江苏古籍出版社: 288."),
    ("CAPLAN P. Cataloging internet resources[J]. The Public Access Computer Systems Review, 1993, 4(2): 61-66.",
     AUTHOR_YEAR, "CAPLAN P, 1993. Cataloging internet resources[J]. The Public Access Computer Systems Review, "
                  "4(2): 61-66."),
    ("TAO XX,1982.A Preliminary application of fuzzy mathematics[J].JSYAU,(2):96-107.", AUTHOR_YEAR,
     "TAO XX, 1982. A Preliminary application of fuzzy mathematics[J]. JSYAU, (2): 96-107."),
    # the editions' own marks
    ("周文,许凌云.论新质生产力[J].改革,2023(10):1-13.", GB2015, "周文, 许凌云. 论新质生产力[J]. 改革, 2023(10): 1-13."),
    ("周文,许凌云.论新质生产力[J].改革,2023(10):1-13.", GB2025, "周文，许凌云. 论新质生产力[J]. 改革，2023（10）：1-13."),
    ("习近平.习近平谈治国理政(第5卷)[M].北京:外文出版社,2025:191.", GB2025,
     "习近平. 习近平谈治国理政(第5卷)[M]. 北京：外文出版社，2025：191."),
    ("谷业凯.从科技创新“加速度”[N].人民日报,2026-02-10(008).", GB2025, "谷业凯. 从科技创新“加速度”[N]. 人民日报，2026-02-10（008）."),
    ("KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063-2064.", GB2025,
     "KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063-2064."),  # Western: half-width
]


@pytest.mark.parametrize(("entry", "style", "expected"), CASES)
def test_render(entry: str, style: HouseStyle, expected: str) -> None:
    assert render_entry(parse_entry(entry, SPAN), style) == expected


FIELDS = ("authors", "et_al", "title", "type_code", "carrier", "container", "host_authors", "place", "publisher",
          "year", "volume", "issue", "pages", "date", "edition", "update_date", "access_date", "url", "doi")


@pytest.mark.parametrize("style", [SPACED, COMPACT, FULL, GB2025])
def test_round_trip_on_the_reference_paper(style: HouseStyle) -> None:
    """Every entry of the reference paper, rendered and read again, has the fields it had."""
    doc = load_document(PAPER)
    assert len(doc.references) == 51
    for ref in doc.references:
        again = parse_entry(render_entry(ref, style), SPAN)
        assert [getattr(again, f) for f in FIELDS] == [getattr(ref, f) for f in FIELDS], ref.raw


def test_the_lists_own_conventions_are_found() -> None:
    doc = load_document(PAPER)
    found = house_style(doc.references)
    assert found.spaced and not found.full_width_zh and not found.author_year  # 36 of 51 entries are spaced
    compact = [parse_entry(r, SPAN) for r in ("周文.论新质生产力[J].改革,2023(10):1-13.",
                                              "高帆.论开放[J].学术月刊,2015(2):1-9.",
                                              "刘伟, 2020. 论增长[J]. 经济研究, (3): 3-11.")]
    assert not house_style(compact).spaced
    author_year = [parse_entry(r, SPAN) for r in ("周文, 2023. 论新质生产力[J]. 改革, (10): 1-13.",
                                                  "高帆, 2015. 论开放[J]. 学术月刊, (2): 1-9.")]
    assert house_style(author_year).author_year


def test_the_reference_papers_entries_as_read_against_the_2015_templates() -> None:
    """tests/golden/gbt2015-reference-paper.tsv: each rendering read by a person against its type's
    template; the renderer must still give exactly those."""
    from pathlib import Path
    table = Path(__file__).parent / "golden" / "gbt2015-reference-paper.tsv"
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    doc = load_document(PAPER)
    style = house_style(doc.references)
    assert len(rows) == len(doc.references) == 51
    for (number, code, rendered, _template, verdict, _note), ref in zip(rows, doc.references, strict=True):
        assert (int(number), code, verdict) == (ref.number, ref.type_code, "true")
        assert render_entry(ref, style) == rendered
