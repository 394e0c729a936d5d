"""Reference-entry parsing, table-driven: (entry text, expected fields)."""

from __future__ import annotations

from typing import Any

import pytest

from citeguard.model import Language, Span
from citeguard.parse.entries import parse_entry

SPAN = Span(1, 1, 1, 1)

CASES: list[tuple[str, dict[str, Any]]] = [
    # Journal, half-width with spaces, 等 closing the author list
    ("安博文, 许培源, 卢一夫, 等. 新质生产力推动经济高质量发展: 动力源泉与区域协调[J]. 工业技术经济, 2025(3): 14-23.",
     dict(type_code="J", authors=("安博文", "许培源", "卢一夫"), et_al=True,
          title="新质生产力推动经济高质量发展: 动力源泉与区域协调", container="工业技术经济", year="2025",
          issue="3", pages=("14-23",), volume=None)),
    # Journal, no spaces, year, volume(issue)
    ("王五,赵六.题名[J].管理世界,2020,36(5):1-10.",
     dict(type_code="J", authors=("王五", "赵六"), container="管理世界", year="2020", volume="36", issue="5",
          pages=("1-10",))),
    # Full-width punctuation throughout
    ("李四．论题名：副题名［J］．经济研究，2019（12）：4－19．",
     dict(type_code="J", authors=("李四",), title="论题名：副题名", container="经济研究", year="2019",
          issue="12", pages=("4－19",))),
    # Supplement issue and combined issue
    ("孙金一, 刘魏, 杨端, 等. 题名[J]. 高等工程教育研究, 2025(S1): 218-223.",
     dict(issue="S1", pages=("218-223",), et_al=True)),
    ("张三. 题名[J]. 刊名, 2021(增刊2): 5-6.", dict(issue="增刊2")),
    ("张三. 题名[J]. 刊名, 2021, 12(9/10): 5-6.", dict(volume="12", issue="9/10")),
    # Name with a middle dot
    ("程翔, 简苏尔·居来提, 杨宜. 中国科技创新策源能力综合评价[J]. 经济与管理研究, 2023(10): 90-108.",
     dict(authors=("程翔", "简苏尔·居来提", "杨宜"))),
    # Title with a question mark, a comma and quotes
    ("王红茹.提高专利产业化率,资本如何发力?[J].中国经济周刊,2023(23):27-30.",
     dict(authors=("王红茹",), title="提高专利产业化率,资本如何发力?", container="中国经济周刊")),
    ("魏礼群.“四个全面”:新布局新境界[M].北京:人民出版社,2015:48.",
     dict(type_code="M", title="“四个全面”:新布局新境界", place="北京", publisher="人民出版社", year="2015",
          pages=("48",))),
    # Title with a dash and a decimal number (the "." in 0.44 does not end the author element)
    ("徐政,牟春伟.以高水平对外开放推进新质生产力发展——基于“四链”融合视角[J].河海大学学报(哲学社会科学版),2024(3):74-83.",
     dict(title="以高水平对外开放推进新质生产力发展——基于“四链”融合视角", container="河海大学学报(哲学社会科学版)")),
    ("我国有效发明专利产业化率为36.7%[J].经济导刊,2022(12):6.",
     dict(authors=(), title="我国有效发明专利产业化率为36.7%", container="经济导刊", pages=("6",))),
    # Book with a page list kept exactly as written, duplicates and ranges included
    ("习近平.习近平谈治国理政(第5卷)[M].北京:外文出版社,2025:191,192,195,25-26,192.",
     dict(type_code="M", volume="5", place="北京", publisher="外文出版社", year="2025",
          pages=("191", "192", "195", "25-26", "192"))),
    # Book with a period where a comma belongs (tolerated; a rule reports it)
    ("习近平经济思想研究文集（2023）[M].北京:人民出版社.2024:216.",
     dict(title="习近平经济思想研究文集（2023）", publisher="人民出版社", year="2024", pages=("216",), volume=None)),
    # Book with an edition
    ("张三. 经济学原理[M]. 2版. 北京: 高等教育出版社, 2010: 15-20.",
     dict(edition="2版", place="北京", publisher="高等教育出版社", year="2010", pages=("15-20",))),
    # Contribution in a book after //
    ("李四. 论文题名[C]//王五, 赵六主编. 会议论文集. 北京: 科学出版社, 2018: 33-40.",
     dict(type_code="C", title="论文题名", host_authors=("王五", "赵六"), container="会议论文集",
          place="北京", publisher="科学出版社", year="2018", pages=("33-40",))),
    ("马克思. 资本论[M]//马克思恩格斯文集: 第5卷. 北京: 人民出版社, 2009: 100.",
     dict(container="马克思恩格斯文集: 第5卷", place="北京", year="2009", pages=("100",))),
    # Newspaper with date and page (版次)
    ("谷业凯. 从0.44个百分点看科技创新“加速度”[N]. 人民日报, 2026-02-10(008).",
     dict(type_code="N", title="从0.44个百分点看科技创新“加速度”", container="人民日报", date="2026-02-10",
          edition="008", year="2026")),
    ("陶凤,王柱力.传音高通专利战升级[N].北京商报,2024-7-17(5).",
     dict(date="2024-07-17", edition="5")),
    # Thesis, report, standard
    ("赵一. 题名[D]. 北京: 北京大学, 2015.",
     dict(type_code="D", place="北京", publisher="北京大学", year="2015")),
    ("国家统计局. 统计公报[R]. 北京: 中国统计出版社, 2024.", dict(type_code="R", publisher="中国统计出版社")),
    ("全国信息与文献标准化技术委员会. 信息与文献 参考文献著录规则: GB/T 7714—2015[S]. 北京: 中国标准出版社, 2015.",
     dict(type_code="S", title="信息与文献 参考文献著录规则: GB/T 7714—2015", year="2015")),
    # Patent: number in the title element, date after the code
    ("张三. 一种装置: CN123456789A[P]. 2020-05-01.", dict(type_code="P", date="2020-05-01", year="2020")),
    # Electronic resources: update date, access date, URL (final "." not part of the URL)
    ("中国标准化研究院.标准必要专利发展报告（2024年）[EB/OL].(2024-09-27)[2026-03-29].https://www.samr.gov.cn/a/b.html",
     dict(type_code="EB", carrier="OL", authors=("中国标准化研究院",), title="标准必要专利发展报告（2024年）",
          update_date="2024-09-27", access_date="2026-03-29", url="https://www.samr.gov.cn/a/b.html", year="2024")),
    ("省商务厅:广东自贸试验区形成制度创新成果 772 项[EB/OL].(2025-01-16)[2026-03-29].https://www.cnr.cn/t.shtml.",
     dict(authors=(), title="省商务厅:广东自贸试验区形成制度创新成果 772 项", url="https://www.cnr.cn/t.shtml")),
    ("某网站. 数据集[DB/OL]. [2024-01-02]. http://example.org/data.",
     dict(type_code="DB", carrier="OL", update_date=None, access_date="2024-01-02", url="http://example.org/data")),
    ("刘一. 论文[J/OL]. 中国图书馆学报, 2012, 38(1): 1-5 [2013-10-25]. http://x.cn/a.pdf. DOI:10.1000/abc.",
     dict(type_code="J", carrier="OL", container="中国图书馆学报", volume="38", issue="1", pages=("1-5",),
          access_date="2013-10-25", url="http://x.cn/a.pdf", doi="10.1000/abc")),
    # Preprint (GB/T 7714-2025)
    ("王一. 预印本题名[PP/OL]. (2025-03-01)[2025-04-01]. https://chinaxiv.org/abs/1.",
     dict(type_code="PP", carrier="OL", update_date="2025-03-01")),
    # English in GB/T form
    ("SMITH J, JONES K. Title of the paper[J]. Journal of Things, 2020, 12(3): 45-67.",
     dict(type_code="J", authors=("SMITH J", "JONES K"), title="Title of the paper", container="Journal of Things",
          year="2020", volume="12", issue="3", pages=("45-67",), language=Language.EN)),
    ("KANAMORI H, ANDERSON D L, et al. Theoretical basis[J]. Journal of Geophysics, 1975, 80: 1-2.",
     dict(authors=("KANAMORI H", "ANDERSON D L"), et_al=True, volume="80", pages=("1-2",))),
    ("PARK J-R, LEE K. A 2025-style name[M]. New York: Wiley, 2025: 7.",
     dict(authors=("PARK J-R", "LEE K"), place="New York", publisher="Wiley", year="2025", pages=("7",))),
    # APA-like English and Chinese
    ("Smith, J., & Jones, K. (2020). Title of the paper. Journal of Things, 12(3), 45–67. https://doi.org/10.1000/xyz",
     dict(style="apa", authors=("Smith, J.", "Jones, K"), year="2020", title="Title of the paper",
          container="Journal of Things", volume="12", issue="3", pages=("45–67",), doi="10.1000/xyz")),
    ("Chirkov,V. (2020a). An introduction. Asian Journal of Social Psychology, 23(2), 143–162.",
     dict(style="apa", year="2020", year_suffix="a", volume="23")),
    ("边燕杰,& 缪晓雷.(2020).如何解释关系作用的上升趋势?.社会学评论,8(1),1-19.",
     dict(style="apa", authors=("边燕杰", "缪晓雷"), title="如何解释关系作用的上升趋势?", container="社会学评论",
          volume="8", issue="1", pages=("1-19",))),
    ("陈嘉明.(2006).现代性与后现代性十五讲．北京：北京大学出版社.",
     dict(style="apa", place="北京", publisher="北京大学出版社", year="2006")),
    # author-year (著者-出版年制) books with translators or an edition between title and imprint,
    # the imprint without its year: read as a book's, never as a journal's pages
    ("林毅夫, 2012a. 繁荣的求索: 发展中经济如何崛起[M]. 张建华, 译. 北京: 北京大学出版社.",
     dict(year="2012", year_suffix="a", place="北京", publisher="北京大学出版社", pages=(), container=None)),
    ("诺斯, 1994. 制度、制度变迁与经济绩效[M]. 刘守英, 译. 上海: 上海三联书店: 12-13.",
     dict(year="1994", place="上海", publisher="上海三联书店", pages=("12-13",))),
    ("周其仁, 2004. 产权与制度变迁[M]. 增订本. 北京: 北京大学出版社.",
     dict(year="2004", place="北京", publisher="北京大学出版社", pages=())),
    # OCR-damaged year: read, with a note
    ("Bian, Y. (2O14). Corporate capital. Journal X, 3(1), 1-2.",
     dict(style="apa", year="2014", notes=("year '2O14' read as 2014 (OCR damage?)",))),
    # Unknown style: kept whole in `unparsed`, year and DOI still found
    ("A. H. Guth, Phys. Rev. D23, 347 (1981).", dict(style="unknown", year="1981",
                                                     unparsed="A. H. Guth, Phys. Rev. D23, 347 (1981).")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_entry_fields(text: str, expected: dict[str, Any]) -> None:
    ref = parse_entry(text, SPAN)
    for key, value in expected.items():
        assert getattr(ref, key) == value, f"{key}: {getattr(ref, key)!r} != {value!r}"
    if ref.style != "unknown":
        assert ref.unparsed is None


@pytest.mark.parametrize("text", [
    "张三. 题名[J]. 一段无法识别的出版信息 ???",
    "李四. 题名[M]. 没有出版地和年份",
])
def test_unreadable_publication_part_is_kept(text: str) -> None:
    ref = parse_entry(text, SPAN)
    assert ref.unparsed, "text the parser cannot place must be kept, not dropped"


@pytest.mark.parametrize(("text", "url"), [
    ("见 https://例子.中国/a/b.htm。", "https://例子.中国/a/b.htm"),  # a Chinese domain name
    ("https://www.例子.com/x 为例", "https://www.例子.com/x"),
    ("由http://www.gov.cn发布的通知", "http://www.gov.cn"),  # Han text after an ASCII host is not the host
    ("(2026-03-29).https://www.gov.cn/a.htm", "https://www.gov.cn/a.htm"),
    ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/x"),
])
def test_url_extent(text: str, url: str) -> None:
    from citeguard.parse.entries import URL_RE

    match = URL_RE.search(text)
    assert match is not None and match.group(0) == url


def test_idn_url_entry_is_complete() -> None:
    ref = parse_entry("国务院.通知[EB/OL].(2025-01-02)[2025-03-01].https://例子.中国/tz/1.htm.",
                      Span(1, 1, 1, 1))
    assert ref.url == "https://例子.中国/tz/1.htm" and ref.unparsed is None
