"""Entry styles beyond GB/T 7714 numeric and APA (failure class 2): each entry is read with its link
key — authors and year — and its style named; a list's style is that of most of its entries."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text
from citeguard.model import EntryStyle, Span
from citeguard.parse import parse_entry
from citeguard.parse.entrykey import entry_key
from citeguard.parse.names import surname_key

SPAN = Span(1, 1, 1, 1)

CASES = [
    # CSE / biology name-year
    ("Ambros V. 2001. microRNAs: tiny regulators with great potential. Cell 107:823-826.",
     ["Ambros V"], "2001", "", EntryStyle.NAME_YEAR),
    # Harvard
    ("Smith, J. and Jones, K. (2010) Reading lists. London: Routledge.", ["Smith, J", "Jones, K"], "2010", "",
     EntryStyle.APA),
    # Chicago author-date
    ('Smith, John, and Mary Jones. 2001. "Title of Work." Journal of Things 3: 4-5.', ["Smith"], "2001", "",
     EntryStyle.NAME_YEAR),
    # GB/T 7714 著者-出版年制, romanised, with the Chinese original in brackets
    ("CHEN D M, 1993. Title of the book[M]. Beijing: Science Press.[陈德懋，1993．中国植物分类学史[M]．北京：科学出版社.]",
     ["CHEN D M"], "1993", "", EntryStyle.GBT),
    # GB/T 7714 著者-出版年制 in Chinese
    ("周晓虹, 2014a. 中国体验[M]. 北京: 社会科学文献出版社.", ["周晓虹"], "2014", "a", EntryStyle.GBT),
    # 中国语文 style: name glued to year, no type codes
    ("渡边丽玲1994《汉语的使役句》，《中国语文》第3期。", ["渡边丽玲"], "1994", "", EntryStyle.ZGYW),
    # imperfect APA: full-width commas between authors
    ("Bar，M.，& Neta，M. (2007). Visual elements of subjective preference. Neuropsychologia, 45, 2191-2200.",
     ["Bar, M", "Neta, M"], "2007", "", EntryStyle.APA),
    # imperfect APA: surname-only and given-name-first authors, particles
    ("van Rompay, T. J. L., & de la Fuente, J. (2011). Tough package, strong taste. Food Quality, 22, 1-8.",
     ["van Rompay, T. J. L", "de la Fuente, J"], "2011", "", EntryStyle.APA),
    # APA chapter in an edited book
    ("Lee, K. (2015). A chapter. In X. Wang & Y. Li (Eds.), The book (pp. 1-10). New York: Wiley.",
     ["Lee, K"], "2015", "", EntryStyle.APA),
    # OCR: letters for digits, initials run on, et al. glued
    ("AguilarR,Cristobal-PerezEJ,Balvino-OlveraFJ,etal.2O19.Habitat fragmentation reduces plant progeny quality. "
     "Ecology Letters,22(7):1163-1173.", ["AguilarR", "Cristobal-PerezEJ", "Balvino-OlveraFJ"], "2019", "",
     EntryStyle.NAME_YEAR),
    # OCR: a doubled letter in a later name; an "O" that opens a name is not a damaged year
    ("ZHANG M,WWANG JS,OYAMA M, et al.， 2012. Anti-inflammatory sesquiterpenes [J]. J Asian Nat Prod Res,14(7): "
     "708-712.", ["ZHANG M", "WWANG JS", "OYAMA M"], "2012", "", EntryStyle.GBT),
    # OCR: one later name garbled past reading does not turn the head into a title
    ("Gantsetseg B, shukaM, KurosakiY. 2017. Dust emission in Mongolia. Journal of Arid Land 9: 1-9.",
     ["Gantsetseg B"], "2017", "", EntryStyle.NAME_YEAR),
    # OCR: a digit for a letter in a later surname ("Jednor6g") among five good names
    ("Tacikowski,P.,Brechmann,A.,Marchewka,A.,Jednor6g,K.,Dobrowolny,M.,&Nowicka,A. (2011).Is it about the self? "
     "Social Neuroscience,6(1),98-107.", ["Tacikowski, P", "Brechmann, A", "Marchewka, A"], "2011", "", EntryStyle.APA),
    # APA: an edited book, "(Eds.)" between the editors and the year
    ("House, R. J., Hanges, P. J., & Gupta, V. (Eds.). (2004). Culture, leadership, and organizations. Thousand "
     "Oaks, CA: Sage.", ["House, R. J", "Hanges, P. J", "Gupta, V"], "2004", "", EntryStyle.APA),
    # OCR: the comma between two names lost ("Melendez-Pastor I Hernandez EI")
    ("Melendez-Pastor I Hernandez EI, Navarro-Pedreno J Gómez I (2012) Mapping soil salinization. In: Remote "
     "Sensing of Soil Salinization. CRC Press, pp 231-246.",
     ["Melendez-Pastor I", "Hernandez EI", "Navarro-Pedreno J", "Gómez I"], "2012", "", EntryStyle.APA),
    # a Flemish particle glued: "vande Waal"
    ("vande Waal,E.,Borgeaud,C.,& Whiten,A.(20l3).Potent social learning. Science,340,483-485.",
     ["vande Waal, E", "Borgeaud, C", "Whiten, A"], "2013", "", EntryStyle.APA),
    # a year-like number in the title after "et al." does not make the title part of the authors
    ("Michael P, Siegenthaler M P, Frazier O H,et al. Mechinical relicability of the Jarvik 2Ooo Heart[J]. Ann "
     "Thorac Surg, 2006,81:1752-1759.", ["Michael P", "Siegenthaler M P", "Frazier O H"], "2006", "", EntryStyle.GBT),
]


@pytest.mark.parametrize(("text", "authors", "year", "suffix", "style"), CASES)
def test_link_key_and_style(text: str, authors: list[str], year: str, suffix: str, style: EntryStyle) -> None:
    ref = parse_entry(text, SPAN)
    # the link key of each name: what a citation of the entry must match
    assert [surname_key(a) for a in ref.authors[:len(authors)]] == [surname_key(a) for a in authors]
    assert len(ref.authors) >= len(authors)
    assert (ref.year, ref.year_suffix, ref.style) == (year, suffix, style)


def test_the_original_gives_a_second_key() -> None:
    ref = parse_entry("Cao Y, Chen YM (2014). Carbon storage. J Arid Land, 28(9), 69-73. (in Chinese)"
                      "[曹扬，陈云明 (2014)．陕西省森林植被碳储量]", SPAN)
    assert ref.authors[:2] == ("Cao Y", "Chen YM") and ref.original_authors == ("曹扬", "陈云明")
    assert ref.original_year == "2014" and ref.language.value == "en"


@pytest.mark.parametrize(("text", "numbers"), [
    # Vancouver / ICMJE
    ("[1] Holers VM. Autoimmunity to citrullinated proteins[J]. Curr Opin Immunol, 2013,25(6): 728-35.", [1]),
    ("1. Holers VM. Autoimmunity to citrullinated proteins. Curr Opin Immunol. 2013;25(6):728-35.", [1]),
    # IEEE
    ('[1] A. Smith and B. Jones, "A title," IEEE Trans. Comput., vol. 5, no. 2, pp. 1-9, 2010.', [1]),
])
def test_numbered_styles_link_by_number(text: str, numbers: list[int]) -> None:
    doc = document_from_text(f"Text [1].\n\nReferences\n\n{text}\n")
    assert [r.number for r in doc.references] == numbers and doc.citations[0].reference == 1


def test_a_numbered_list_of_apa_entries_with_type_codes() -> None:
    text = ("正文（周文，2023）与（Smith & Lee，2020）。\n\n参考文献\n\n[1] 周文.(2023).论新质生产力[J].改革,(10),1-13.\n"
            "[2] Smith, J., & Lee, K. (2020). A study[J]. Journal, 3(1), 1-9.\n")
    doc = document_from_text(text)
    assert [c.reference for c in doc.citations] == [1, 2]


def test_the_list_style_is_the_majority() -> None:
    entries = "\n".join(f"Author{chr(65 + i)}, X. ({2000 + i}). Title {i}. Journal, 1(1), 1-2." for i in range(4))
    doc = document_from_text(f"Text (AuthorA, 2000).\n\nReferences\n\n{entries}\n周文.论新质生产力[J].改革,2023(10):1-13.\n")
    assert {r.list_style for r in doc.references} == {EntryStyle.APA}
    assert doc.references[-1].style is EntryStyle.GBT


@pytest.mark.parametrize("text", [
    "Fig.l0Dataset image alignment before and after comparison",   # a caption's number, OCR-damaged
    "Tab.1Results of the three models",
    "经济学家,(12):5-12.",                                           # an issue number, not a year
])
def test_not_an_author_year_head(text: str) -> None:
    assert entry_key(text) is None


@pytest.mark.parametrize(("text", "first", "year"), [
    # initials lower-cased in their first letter, from TeX math ("Cosentino $\\mathrm{sL}$")
    ("Cosentino ${ \\mathrm { s L } } ,$ Scordia D, Sanzone E (2014) Response of giant reed. Ind Crops Prod 60: 1-10.",
     "Cosentino sL", "2014"),
    # an l for the 1 of the year
    ("Belnap J,Gilette DA.l998.Vulnerability of desert biological soil crusts. J Arid Environ, 39:133-142.",
     "Belnap J", "1998"),
])
def test_ocr_damaged_heads_still_open_an_entry(text: str, first: str, year: str) -> None:
    key = entry_key(text)
    assert key is not None and (key.authors[0], key.year) == (first, year)
