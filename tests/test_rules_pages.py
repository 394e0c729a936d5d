"""CG2xx page rules on small documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import audit_file, document_from_text
from citeguard.format import render_entry
from citeguard.model import Severity

from .rulekit import audit_files, findings, paper, summary

E, W = Severity.ERROR, Severity.WARNING
BOOK = "[1] 习近平.谈治国理政(第5卷)[M].北京:外文出版社,2025:{pages}."
JOURNAL = "[1] 周文.论题[J].改革,2023(10):{pages}."

CASES = [
    # CG201 cited page not in the entry (book page list, journal range)
    ("CG201", "甲（习近平，2025:228）乙（习近平，2025:191）。", BOOK.format(pages="191,288"), [(1, E)]),
    ("CG201", "甲（习近平，2025:191）乙（习近平，2025:25）。", BOOK.format(pages="191,25-26"), []),
    ("CG201", "甲（周文，2023:20）。", JOURNAL.format(pages="1-13"), [(1, E)]),
    ("CG201", "甲（周文，2023:5）。", JOURNAL.format(pages="1-13"), []),
    ("CG201", "甲（习近平，2025）。", BOOK.format(pages="191"), []),  # no page cited: nothing to compare
    # CG202 listed page never cited (only when the entry is cited with pages)
    ("CG202", "甲（习近平，2025:191）。", BOOK.format(pages="191,288"), [(5, W)]),
    ("CG202", "甲（习近平，2025）。", BOOK.format(pages="191,288"), []),
    ("CG202", "甲（周文，2023:5）。", JOURNAL.format(pages="1-13"), []),  # an article's extent, not cited pages
    # CG203 duplicate pages
    ("CG203", "甲（习近平，2025:191）。", BOOK.format(pages="191,192,191"), [(5, W)]),
    ("CG203", "甲（习近平，2025:191）。", BOOK.format(pages="191,192"), []),
    # CG204 not ascending
    ("CG204", "甲。", BOOK.format(pages="201,96"), [(5, W)]),
    ("CG204", "甲。", BOOK.format(pages="96,201"), []),
    # CG205 malformed ranges
    ("CG205", "甲。", JOURNAL.format(pages="30-25"), [(5, E)]),
    ("CG205", "甲。", JOURNAL.format(pages="25-30"), []),
    # CG206 wrong dash
    ("CG206", "甲。", JOURNAL.format(pages="14–23"), [(5, W)]),
    ("CG206", "甲。", JOURNAL.format(pages="14-23"), []),
]


@pytest.mark.parametrize(("code", "body", "refs", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(code: str, body: str, refs: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, refs), code) == expected


def test_near_miss_page_is_suggested() -> None:
    (f,) = findings(paper("甲（习近平，2025:228）乙（习近平，2025:191）。", BOOK.format(pages="191,288")), "CG201")
    assert "288" in f.message and "288" in f.suggestion
    assert {e.name: e.value for e in f.evidence}["cited page"] == "228"
    (g,) = findings(paper("甲（习近平，2025:228）乙（习近平，2025:191）。", BOOK.format(pages="191,288")), "CG202")
    assert "228" in g.message


# Article numbers and e-locators stand where the pages do: read as they are written, never a
# malformed, missing or uncited page (issue 22, class 6).
ARTICLES = """[1] Smith J, Brown K. Fast graph search[J]. ACM Computing Surveys, 2005, 37(1): 3-es.
[2] Li M, Wang H. Learning to rank[J]. ACM Transactions on Information Systems, 2021, 39(2): 123:1-123:12.
[3] Zhang S, Chen L. Bearing vibration[C]//Proceedings of the ASME Turbo Expo 2020. New York: ASME, 2020: V07BT10A051.
[4] Liu Y, Zhou Q. Gut microbiota and obesity[J]. PLoS ONE, 2019, 14(3): e0213456.
[5] Zhao L, Li Q. Topology of networks[J]. Physical Review B, 2017, 95(12): 125413-1-125413-7.
[6] Chen X, Sun Y. Cell stress granules[J]. Cell, 2024, 187(7): 1701-1718.e28.
[7] Wu T. Coastal floods[J]. Water Resources Research, 2020, 56(3): e2020WR028079.
[8] Ma Y. A wrong range[J]. Journal of Ranges, 2020, 5(2): 30-25."""
ARTICLE_PAGES = ["3-es", "123:1-123:12", "V07BT10A051", "e0213456", "125413-1-125413-7", "1701-1718.e28",
                 "e2020WR028079", "30-25"]
APA_ARTICLES = """References

Li, M., & Wang, H. (2021). Learning to rank. ACM Transactions on Information Systems, 39(2), 123:1–123:12.
Liu, Y., & Zhou, Q. (2019). Gut microbiota. PLoS ONE, 14(3), e0213456.
Open Science Collaboration. (2015). Estimating the reproducibility of psychological science. Science, 349(6251), aac4716.
Smith, J., & Brown, K. (2005). Fast graph search. ACM Computing Surveys, 37(1), 3-es.
Wang, F. (2018). Grid cells. Nature Communications, 9, Article 4203.
"""


@pytest.mark.parametrize(("code", "body", "expected"), [
    ("CG205", "研究[1-8]。", [(12, E)]),  # only [8]'s backward range; every article number is read as one
    ("CG204", "研究[1-8]。", []),
])
def test_article_numbers_are_pages_as_written(code: str, body: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, ARTICLES), code) == expected
    doc = document_from_text(paper(body, ARTICLES))
    assert [r.pages for r in doc.references] == [(p,) for p in ARTICLE_PAGES]
    assert not any(r.unparsed for r in doc.references)


def test_a_cited_page_is_not_held_to_an_article_number() -> None:
    refs = ("Liu Y, Zhou Q, 2019. Gut microbiota[J]. PLoS ONE, 14(3): e0213456.\n"
            "Ma Y, 2020. A range[J]. Journal of Ranges, 5(2): 25-30.")
    assert summary(paper("甲（Liu和Zhou，2019:5）乙（Ma，2020:31）。", refs), "CG201") == [(1, E)]  # only Ma's


def test_article_numbers_kept_by_the_renderer() -> None:
    doc = document_from_text(paper("研究[1-8]。", ARTICLES))
    for ref, pages in zip(doc.references, ARTICLE_PAGES, strict=True):
        assert render_entry(ref).endswith(f": {pages}."), ref.raw


def test_article_numbers_in_an_apa_list() -> None:
    text = "Known (Li & Wang, 2021; Liu & Zhou, 2019; Open Science Collaboration, 2015; Smith & Brown, 2005; " \
           "Wang, 2018).\n\n" + APA_ARTICLES
    doc = document_from_text(text)
    assert [r.pages for r in doc.references] == [("123:1–123:12",), ("e0213456",), ("aac4716",), ("3-es",),
                                                 ("Article 4203",)]
    assert not any(r.unparsed for r in doc.references)
    assert summary(text, "CG901") == [] and summary(text, "CG205") == []


BIB_ARTICLES = """@article{acm2005, author = {Smith, John}, title = {Fast graph search},
  journal = {ACM Computing Surveys}, year = {2005}, volume = {37}, pages = {3-es}}
@article{acm2021, author = {Li, Ming}, title = {Learning to rank}, journal = {ACM Trans. Inf. Syst.},
  year = {2021}, volume = {39}, number = {2}, articleno = {68}, numpages = {12}}
@article{wrr2020, author = {Wu, Tao}, title = {Coastal floods}, journal = {Water Resources Research},
  year = {2020}, volume = {56}, eid = {e2020WR028079}}
@inproceedings{twice, author = {Shah, A}, title = {Stream packing}, title = {Lecture Notes},
  booktitle = {HiPC}, year = {2001}, pages = "182 - 191"}
"""


def test_article_numbers_in_a_bib_file(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB_ARTICLES, encoding="utf-8")
    (tmp_path / "main.tex").write_text("Search \\cite{acm2005}, rank \\cite{acm2021}, floods \\cite{wrr2020}, "
                                       "streams \\cite{twice}.\n\\bibliography{refs}\n", encoding="utf-8")
    doc, found = audit_file(tmp_path / "main.tex")
    # articleno / eid stand in for the pages; a field given twice leaves its block as written, but
    # its values are read without their delimiters
    assert [r.pages for r in doc.references] == [("3-es",), ("68",), ("e2020WR028079",), ("182 - 191",)]
    assert [f.code for f in found if f.code.startswith("CG2")] == []


@pytest.mark.parametrize(("pages", "expected"), [
    ("36-37,27", 0),  # an article continued on page 27: its extent as printed (CNKI's 36-37+27)
    ("27,36-37", 0),
])
def test_an_article_continued_on_another_page_is_not_out_of_order(pages: str, expected: int) -> None:
    refs = f"[1] 韩力峰,李桂林.生物多样性现状及其评价[J].内蒙古环境保护,1998,10(3):{pages}."
    assert len(findings(paper("正文[1]。", refs), "CG204")) == expected


@pytest.mark.parametrize(("pages", "bad"), [("págs. 6-8", False), ("pp. 6-8", False), ("S. 12", False),
                                           ("pp. 30-25", True)])
def test_cg205_reads_the_word_before_pages(tmp_path: Path, pages: str, bad: bool) -> None:
    """A .bib pages field may carry the word its language prints before pages (págs., pp., S.)."""
    bib = f"@book{{b, author = {{Ruiz, Ana}}, title = {{Optimización}}, publisher = {{Reverté}}, " \
          f"address = {{Barcelona}}, year = {{2010}}, pages = {{{pages}}}}}\n"
    tex = "\\documentclass{article}\\begin{document}See \\cite{b}.\\bibliographystyle{plain}\\bibliography{refs}" \
          "\\end{document}\n"
    _, found = audit_files(tmp_path, {"refs.bib": bib, "main.tex": tex}, "main.tex")
    assert any(f.code == "CG205" for f in found) is bad


@pytest.mark.parametrize(("dashes", "expected"), [
    (["–"] * 5, 5),  # five entries: each its own finding
    (["–"] * 8, 1),  # eight: the list's habit, said once
    (["–"] * 7 + ["~"], 2),  # the habit once, and the one other mark on its own
    (["-"] * 8, 0),
])
def test_a_list_that_dashes_every_range_is_told_once(dashes: list[str], expected: int) -> None:
    refs = "\n".join(f"[{i}] 作者{i}.论题{i}[J].改革,2023(10):{10 * i}{d}{10 * i + 5}." for i, d in enumerate(dashes, 1))
    body = "甲" + "".join(f"[{i}]" for i in range(1, len(dashes) + 1)) + "。"
    found = findings(paper(body, refs), "CG206")
    assert len(found) == expected, [f.message for f in found]
    if expected and len(dashes) > 5:
        assert found[0].message.startswith(f"{dashes.count('–')} entries join page ranges with '–'")
        assert list(found[0].references) == [i for i, d in enumerate(dashes, 1) if d == "–"]
