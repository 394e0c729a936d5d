"""Finding the reference list and cutting it into entries, as real manuscripts print it
(failure classes 1 and 3 of the real-manuscript issue): each case is a small document of its own."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text

BODY_ZH = "新质生产力的研究很多[1]，也有人讨论开放[2]，还有[3]。\n\n"
ENTRIES_ZH = ("[1] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.\n"
              "[2] 高帆.新质生产力的提出逻辑[J].经济学家,2023(12):5-12.\n"
              "[3] 洪银兴.论新质生产力的特征[J].经济学动态,2024(1):3-11.\n")


@pytest.mark.parametrize("heading", [
    "# 6参考文献", "## REFERENCES", "参考文献：", "[参考文献]", "主要参考文献", "Literature Cited", "Bibliography",
    "# 文献", "参考文献（References）：", "**参考文献**", "七、参考文献", "【参考文献】", "References:",
])
def test_heading_forms(heading: str) -> None:
    doc = document_from_text(BODY_ZH + heading + "\n\n" + ENTRIES_ZH)
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert all(c.reference is not None for c in doc.citations)


@pytest.mark.parametrize("text", [
    # the heading run onto the end of the last body line
    "研究很多[1]，也有讨论[2]，还有[3]。 参考文献\n" + ENTRIES_ZH,
    # …or onto it together with the first entry
    "研究很多[1]，也有讨论[2]，还有[3]。参考文献：" + ENTRIES_ZH,
    # the heading and the whole list on one line, as OCR runs them together
    BODY_ZH + "参考文献:" + ENTRIES_ZH.replace("\n", " "),
])
def test_run_in_headings(text: str) -> None:
    doc = document_from_text(text)
    assert [r.number for r in doc.references] == [1, 2, 3]


def test_a_table_of_contents_line_is_not_the_list() -> None:
    text = "目录\n\n引言 1\n参考文献 36\n\n# 引言\n\n" + BODY_ZH + "# 参考文献\n\n" + ENTRIES_ZH
    doc = document_from_text(text)
    assert len(doc.references) == 3 and doc.references_heading is not None
    assert doc.references_heading.line == text.split("\n").index("# 参考文献") + 1


def test_list_after_acknowledgements_and_appendix() -> None:
    text = BODY_ZH + "# 致谢\n\n感谢审稿人。\n\n# 附录\n\n表A1 数据说明。\n\n# 参考文献\n\n" + ENTRIES_ZH
    doc = document_from_text(text)
    assert [r.number for r in doc.references] == [1, 2, 3]


def test_a_numbered_list_with_no_heading_at_the_end() -> None:
    body = "The field grew fast [1], then slowed [2], and recovered [3]. " * 3
    entries = ("[1] G. Aad et al., Phys. Lett. B 716, 1 (2012).\n"
               "[2] S. Chatrchyan et al., Phys. Lett. B 716, 30 (2012).\n"
               "[3] I. Low, J. Lykken and G. Shaughnessy, arXiv:1207.1093 [hep-ph].\n")
    doc = document_from_text(body + "\n\nWe thank the referees.\n\n" + entries)
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert all(c.reference is not None for c in doc.citations)


def test_an_author_year_list_with_no_heading_at_the_end() -> None:
    body = "Growth was fast (Ambros, 2001; Lee & Kim, 2004), as Smith (2010) showed.\n\n"
    entries = ("Ambros V. 2001. microRNAs: tiny regulators with great potential. Cell 107:823-826.\n"
               "Lee R, Kim S. 2004. A second study of the same thing. Nature 430:1-5.\n"
               "Smith J. 2010. A third study that cites both. Science 330:10-12.\n")
    doc = document_from_text(body * 2 + "Acknowledgements: none.\n\n" + entries)
    assert [(r.authors[0], r.year) for r in doc.references] == [("Ambros V", "2001"), ("Lee R", "2004"),
                                                                 ("Smith J", "2010")]
    assert all(c.reference is not None for c in doc.citations)


@pytest.mark.parametrize(("entries", "numbers"), [
    # numbers OCR glued to the text, or left with half a bracket, or with a period
    ("1The Royal Society. Science as an open enterprise[R]. London, 2012.\n"
     "2 Borgman C L. Big data, little data, no data[M]. Cambridge: MIT Press, 2015.\n"
     "3]Berlin Declaration. Berlin declaration on open access[EB/OL]. [2013-10-27]. http://openaccess.mpg.de.\n",
     [1, 2, 3]),
    # entries run together on one line
    ("[1] 周文.论新质生产力[J].改革,2023(10):1-13. [2] 高帆.新质生产力的提出逻辑[J].经济学家,2023(12):5-12."
     " [3] 洪银兴.论特征[J].经济学动态,2024(1):3-11.\n", [1, 2, 3]),
    # a Chinese entry followed by its English translation under the same number
    ("[1] 周文.论新质生产力[J].改革,2023(10):1-13.\n[1] ZHOU W. On new quality productive forces[J]. Reform, "
     "2023(10): 1-13.\n[2] 高帆.新质生产力的提出逻辑[J].经济学家,2023(12):5-12.\n"
     "[3] 洪银兴.论特征[J].经济学动态,2024(1):3-11.\n", [1, 2, 3]),
    # a translation line without a number, and a running head OCR left inside the list
    ("[1] 周文.论新质生产力[J].改革,2023(10):1-13.\nZHOU W. On new quality productive forces[J]. Reform, 2023.\n\n"
     "# ChinaXiv合作期刊\n\n[2] 高帆.新质生产力的提出逻辑[J].经济学家,2023(12):5-12.\n\n"
     "[3] 洪银兴.论特征[J].经济学动态,2024(1):3-11.\n", [1, 2, 3]),
    # OCR lost the head of the list: it starts with the tail of an entry, then [14] [15] [16]
    ("Journal of Things, 2019, 65(4):321-330.\n[14] 周文.论新质生产力[J].改革,2023(10):1-13.\n"
     "[15] 高帆.新质生产力的提出逻辑[J].经济学家,2023(12):5-12.\n[16] 洪银兴.论特征[J].经济学动态,2024(1):3-11.\n",
     [14, 15, 16]),
])
def test_broken_numbered_lists(entries: str, numbers: list[int]) -> None:
    doc = document_from_text("正文[1]。\n\n参考文献\n\n" + entries)
    assert [r.number for r in doc.references] == numbers


def test_a_translation_stays_with_its_entry() -> None:
    doc = document_from_text("正文[1]。\n\n参考文献\n\n[1] 周文.论新质生产力[J].改革,2023(10):1-13.\n"
                             "[1] ZHOU W. On new quality productive forces[J]. Reform, 2023(10): 1-13.\n")
    assert len(doc.references) == 1 and "ZHOU W" in doc.references[0].raw


@pytest.mark.parametrize(("text", "first_authors", "links"), [
    # entries OCR ran into one line, after a page number or a sentence end
    ("Text (Bohlin, 1925; Bohlin, 1935; Qiu et al., 2000).\n\nReferences\n\n"
     "Bohlin B,1925.Urmiatherium intermedium.Bull Geol Surv China,7:111-113 Bohlin B,1935.Cavicornier der "
     "Hipparion-Fauna.Palaeont Sin,4:1-166. Qiu Z X,Wang BY,Xie GP,2000.Preliminary report on a new genus. "
     "Vert PalAsiat,38:128-134\n", ["Bohlin B", "Bohlin B", "Qiu Z X"], [1, 2, 3]),
    # a list interrupted by a paragraph goes on
    ("正文（周文，2023；高帆，2023）。\n\n参考文献\n\n周文.(2023).论新质生产力.改革,(10),1-13.\n\n"
     "（上接第12页）\n\n高帆.(2023).新质生产力的提出逻辑.经济学家,(12),5-12.\n", ["周文", "高帆"], [1, 2]),
    # an organisation's entry opens an entry when its Chinese original follows with the same year
    ("研究（陈鑫峰，2002；贵州省国土资源厅，2005）。\n\n参考文献\n\n"
     "CHEN XF, 2OO2. National Park system of USA[J].World For Res,15(2): 49-55.[陈鑫峰，2002．美国国家公园体系[J]．"
     "世界林业研究,15(2):49-55.]\n"
     "Guizhou Provincial Department of Land and Resources, 2Oo5. Guizhou Province Atlas[M].Beijing:Chin Cartogr "
     "Publ House.[贵州省国土资源厅，2005．贵州省地图集[M]．北京：中国地图出版社.]\n", ["CHEN XF", "Guizhou"], [1, 2]),
    # a Chinese original printed without its brackets stays with its romanised entry
    ("研究（宋同清等，2014）。\n\n参考文献\n\n"
     "SONG TQ, PENG WX,DU H，et al, 2014. Occurrence of karst rocky desertification[J].Acta Ecol Sin,34(18): "
     "5328-5341．宋同清，彭晚霞，杜虎, 等，2014.[中国西南喀斯特石漠化[J]．生态学报,34(18):5328-5341]\n"
     "ZENG FP,PENG WX,SONG TQ,et al,2007.Changes in vegetation[J].Acta Ecol Sin,27(12):5110-5119.\n",
     ["SONG TQ", "ZENG FP"], [1]),
    # "中国研究,(2011,11月),204-216." looks like an APA head "Author (year)", but a comma follows it
    ("研究（曹慧中，2011；周晓虹，2010）。\n\n参考文献\n\n"
     "曹慧中.(2011).传承抑或断裂：中国城市家庭变迁与代际关系演变.中国研究,(2011,11月),204-216.\n"
     "周晓虹.(2010).中国研究的可能立场与范式重构．社会学研究,25(2),1-29.\n", ["曹慧中", "周晓虹"], [1, 2]),
    # a run-on entry after one whose year OCR damaged ("HeY,981.")
    ("Text (Gao et al., 1981; Geissmann, 1995).\n\nReferences\n\n"
     "Gao Y,Wen H,HeY,981.The change of historical distribution of Chinese gibbons.ZoolRes,2:1-8 Geissmann T,"
     "1995. Gibbon systematics and species identification. Int Zoo News,42: 467-501\n", ["Gao Y", "Geissmann T"],
     [1, 2]),
    # an organisation in capitals opens a GB/T name-year entry; so does one with its acronym
    ("Text (The Angiosperm Phylogeny Group, 2016; CNEMC, 1990).\n\nReferences\n\n"
     "CLAUSING G, RENNER SS, 2001. Molecular phylogenetics of Melastomataceae[J]. Am J Bot, 88(3): 486-498.\n"
     "THE ANGIOSPERM PHYLOGENY GROUP, 2016. An update of the classification: APG IV[J]. Bot J Linn Soc, 181: 1-20.\n"
     "China National Environmental Monitoring Center (CNEMC).1990.The Background Values of Elements in Chinese "
     "Soils. Beijing: Environmental Science Press.\n", ["CLAUSING G", "THE ANGIOSPERM", "China National"], [2, 3]),
    # the list's first entry OCR damaged past reading, the second run on in its line: both kept
    ("Text (Andersson et al., 2010; Chen et al., 2012).\n\nReferences\n\n"
     "Acosta JA,aA,Martiez-MartineS,eal.2.Enrchmentofmetals insoils. Applied Geochemistry,26(2): 405-414. "
     "Andersson M,Otesen RT,Langedal M.2O10.Geochemistry of urban surface soils. Geoderma, 156(3-4): 112-118.\n"
     "Chen XD,Lu X W,Yang G.2012.Sources identification of heavy metals. CATENA, 98: 73-78.\n",
     ["", "Andersson M", "Chen XD"], [2, 3]),  # (the damaged one read as an entry without authors)
    # the last entry, its year OCR damaged, before the English title block that ends a Chinese paper
    ("正文(Vergauwe et al., 2014; Yin et al., 2019)。\n\n参考文献\n\n"
     "Vergauwe,E.,Camos,V.,& Barrouillet,P.(2014).The impact of storage on processing. JEP, 40(4), 1072-1095.\n\n"
     "Yin,S.,Sui,J.,Chiu,Y.C.,Chen,A.,&Egner,T. (2O19).Automatic prioritization of self-referential stimuli. "
     "Psychological Science,30(3),415-423. https://doi.org/10.1177/0956797618818483\n\n"
     "# Value-directed Attentional Refreshing\n\nLI Haifeng, LIN Shiqing\n\nSchool of Psychology, Fuzhou\n\n"
     "# Abstract\n\nAttentional refreshing is the process of promoting activation.\n", ["Vergauwe", "Yin"], [1, 2]),
])
def test_unnumbered_entries_are_cut_where_they_begin(text: str, first_authors: list[str], links: list[int]) -> None:
    doc = document_from_text(text)
    assert len(doc.references) == len(first_authors)
    assert all((r.authors or ("",))[0].startswith(a) for r, a in zip(doc.references, first_authors, strict=True))
    assert [c.reference for c in doc.citations] == links
