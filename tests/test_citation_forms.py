"""Citation forms of real manuscripts (failure class 4): each small document cites one work in one
form, and the citation must be read and linked to its entry."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text

ZH_LIST = ("\n\n参考文献\n\n周文, 许凌云, 李明, 2023. 论新质生产力[J]. 改革, (10): 1-13.\n"
           "黄群慧, 盛方富, 2024. 新质生产力系统[J]. 经济学家, (3): 5-12.\n"
           "绍兴晚报, 2017. 城市新闻[N]. 绍兴晚报, 2017-06-24(3).\n"
           "高帆, 2015. 论开放[J]. 学术月刊, (2): 1-9.\n")
EN_LIST = ("\n\nReferences\n\nAllen, R., Kennedy, P., & Clarke, G. (2018). A study. Journal, 1(1), 1-9.\n"
           "van Dijk, T. (2015). Discourse. London: Sage.\n"
           "Xu, L., Wang, M., & Li, K. (2013). Another study. Journal, 2(1), 1-9.\n"
           "Smith, J. (2015). A third. Journal, 3(1), 1-9.\n")


@pytest.mark.parametrize(("body", "author", "year"), [
    ("有研究指出（周文 等，2023）。", "周文", "2023"),           # the space GB/T 7714 puts before 等
    ("黄群慧 等（2024）认为如此。", "黄群慧", "2024"),
    ("周文、许凌云和李明（2023）认为如此。", "周文", "2023"),      # 、 and 和 between listed names
    ("黄群慧，盛方富（2024）认为如此。", "黄群慧", "2024"),        # a comma between names
    ("这印证了周文等（2023）的判断。", "周文", "2023"),          # after 了
    ("按照高帆（2015）的方法。", "高帆", "2015"),               # after 照
    ("周文等人（2023）认为如此。", "周文", "2023"),                 # 等人 for 等
    ("报道称（绍兴晚报，2017年6月24日）。", "绍兴晚报", "2017"),  # a newspaper with its date
    ("已有讨论（高帆；2015）。", "高帆", "2015"),              # a semicolon for the comma
])
def test_chinese_forms(body: str, author: str, year: str) -> None:
    doc = document_from_text(body + ZH_LIST)
    c = doc.citations[0]
    assert (c.authors[0], c.year) == (author, year)
    assert c.reference is not None and doc.references[c.reference - 1].authors[0] == author


@pytest.mark.parametrize(("body", "author", "year"), [
    ("Known (Allen, Kennedy, & Clarke, 2018).", "Allen", "2018"),   # several names, comma before &
    ("Known (Allen,Kennedy,& Clarke,2018).", "Allen", "2018"),
    ("As van Dijk (2015) argued.", "van Dijk", "2015"),
    ("As Xu et．al (2013) argued.", "Xu", "2013"),                  # OCR's full-width point in et al
    ("Known (Xuetal., 2013).", "Xu", "2013"),                       # et al. run onto the name
    ("Known (Xu etal.,2013).", "Xu", "2013"),
    ("Known (Smith, 2O15).", "Smith", "2015"),                      # OCR's letter O in the year
    ("Xu等（2013）认为如此。", "Xu", "2013"),                         # a Latin surname followed by 等
    ("研究表明。Xu等人(2013)对大鼠的研究。", "Xu", "2013"),              # … or by 等人
    ("Recently, Smith (2015) showed it.", "Smith", "2015"),         # a sentence word is not a name
    ("正如 Smith 和 van Dijk（2015）所言。", "Smith", "2015"),          # a particle name after 和
])
def test_english_forms(body: str, author: str, year: str) -> None:
    doc = document_from_text(body + EN_LIST)
    c = doc.citations[0]
    assert (c.authors[0], c.year) == (author, year)
    assert c.reference is not None


@pytest.mark.parametrize("body", [
    "研究很多［2］。",           # full-width brackets
    "研究很多[2]（见下文）。",    # a number followed directly by a Chinese bracket
    "研究很多^[2]。",            # a raised number
    "研究很多$^ { [ 2 ] }$。",   # a raised number OCR wrote as math
])
def test_numeric_forms(body: str) -> None:
    doc = document_from_text(body + "\n\n参考文献\n\n[1] 周文.论新质生产力[J].改革,2023(10):1-13.\n"
                             "[2] 高帆.论开放[J].学术月刊,2015(2):1-9.\n")
    assert [(c.number, c.reference) for c in doc.citations] == [(2, 2)]


def test_a_chinese_name_cited_for_an_entry_in_pinyin() -> None:
    doc = document_from_text("前人研究（邓涛、邱占祥，2007）。\n\nReferences\n\n"
                             "Deng T, Qiu Z X, 2007. First discovery of Diceros in China. Vert PalAsiat, 45(4): 287-306.\n")
    assert doc.citations[0].reference == 1


def test_a_given_name_run_onto_the_surname_still_links() -> None:
    doc = document_from_text("MaryXu (2013) argued." + EN_LIST)  # OCR lost the space in "Mary Xu"
    assert doc.citations[0].reference == 3


def test_chinese_co_authors_known_from_the_bracketed_originals() -> None:
    # the names of the list are in pinyin; the Chinese originals teach the reader "杨红升" and "朱滢"
    doc = document_from_text(
        "证明如此。杨红升和朱滢(2004)将自我与遗忘结合。\n\nReferences\n\n"
        "Yang, H. S., & Zhu, Y. (2004). The self. Acta Psychologica Sinica, 36(2), 154-159. "
        "[杨红升，朱滢.(2004)．自我与提取诱发遗忘现象．心理学报,36(2),154-159.]\n"
        "Zhu, Y., & Zhang, L. (2001). Self-reference. Science China, 31(6), 537-543.\n")
    assert [(c.authors, c.reference) for c in doc.citations] == [(("杨红升", "朱滢"), 1)]


def test_an_unreadable_year_in_the_entry_still_links() -> None:
    doc = document_from_text("Known (Dindo et al., 2009).\n\nReferences\n\n"
                             "Dindo, M., Whiten, A., & de Waal, F. B. (209). In-group conformity. Plos One, 4(11).\n")
    assert doc.citations[0].reference == 1


def test_name_printed_before_a_number_is_read() -> None:
    doc = document_from_text("洪银兴[2]指出，刘伟等[1]认为。\n\n参考文献\n\n[1] 刘伟.论发展[J].经济研究,2020(1):1-9.\n"
                             "[2] 高帆.论开放[J].学术月刊,2015(2):1-9.\n[3] 洪银兴.论特征[J].经济学动态,2024(1):3-11.\n")
    named = [(c.number, c.authors, c.et_al) for c in doc.citations]
    assert named == [(2, ("洪银兴",), False), (1, ("刘伟",), True)]


def test_prose_and_figures_are_not_citations() -> None:
    doc = document_from_text("在2016年11月20日和结束(2016年11月20日)时，图(2015)如此，SD(2016)亦然。" + EN_LIST)
    assert doc.citations == ()


def test_a_particle_glued_to_the_name_is_read() -> None:
    doc = document_from_text("Known (deBoer, De Beun, & van Gugten, 1990).\n\nReferences\n\n"
                             "de Boer, S. F., de Beun, R., & van Gugten, G. J. (1990). Dynamics of plasma "
                             "catecholamine. Physiology & Behavior, 47(4), 691-698.\n")
    assert [(c.authors[0], c.reference) for c in doc.citations] == [("deBoer", 1)]


def test_two_damaged_years_are_told_apart_by_the_number_of_authors() -> None:
    doc = document_from_text("Known (Williams et al., 2009; Williams & Biswas, 2009).\n\nReferences\n\n"
                             "Williams CMJ, Biswas TK (009) Salinity tolerance of Arundo donax. RIRDC, Canberra.\n"
                             "Williams CMJ, Biswas TK, Black ID et al. (209) Use of poor quality water. Biomass, 3: "
                             "1-9.\n")
    assert [c.reference for c in doc.citations] == [2, 1]


def test_a_scanner_slip_in_the_name_and_a_damaged_year_still_link_in_ocr_text() -> None:
    # (an OCR'd text: years with letters for digits mark it as such)
    doc = document_from_text("Known (Gillette et al., 1980; Chen, 2O12).\n\nReferences\n\n"
                             "Chen XD. 2O12. Sources of heavy metals. CATENA, 98: 73-78.\n"
                             "Gilette DA,AdamsJ,EndoA,etal.980.Threshold velocities for wind erosion. J Geophys Res,"
                             "85: 5621-5630.\n")
    assert doc.ocr
    assert [c.reference for c in doc.citations] == [2, 1]
