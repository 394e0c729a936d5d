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


# The eleventh reading's classes: 《中国工业经济》's tortoise-shell brackets and economics' author lists;
# 《社会学研究》's dash for a repeated author; 《心理学报》's one alphabet; 《中华护理杂志》's spacing and
# numbered items; 《计算机研究与发展》's minus sign in page ranges; Chicago author-date with East Asian names.
TORTOISE = """题目

正文（白重恩和钱震杰，2009；Autor et al.，2020；Graetz and Michaels，2018；IFR，2021）。

〔参考文献〕
〔1〕白重恩，钱震杰. 国民收入的要素分配：统计数据背后的故事〔J〕. 经济研究，2009，(3)：27-41.
〔2〕Autor, D., D. Dorn, L. F. Katz, C. Patterson, and J. Van Reenen. The Fall of the Labor Share and the Rise of Superstar Firms〔J〕. Quarterly Journal of Economics, 2020, 135(2): 645-709.
〔3〕Graetz, G., and G. Michaels. Robots at Work〔J〕. Review of Economics and Statistics, 2018, 100(5): 753-768.
〔4〕IFR. World Robotics 2021: Industrial Robots〔R〕. Frankfurt am Main: IFR Statistical Department, 2021.
"""

DITTO = """题目

正文（周飞舟，2006；周飞舟，2012）。

参考文献

周飞舟，2006，《从汲取型政权到“悬浮型”政权》，《社会学研究》第3期。
——，2012，《财政资金的专项化及其问题》，《社会》第1期。
"""

ONE_ALPHABET = """题目

正文（Shapiro et al., 2006; 谭树华, 郭永玉, 2008; Tang et al., 2015; 温忠麟, 叶宝娟, 2014）。

参考文献

Shapiro, S. L., Carlson, L. E., Astin, J. A., & Freedman, B. (2006). Mechanisms of mindfulness. *Journal of Clinical Psychology, 62*(3), 373–386.

谭树华, 郭永玉. (2008). 大学生自我控制量表的修订. *中国临床心理学杂志, 16*(5), 468–470.

Tang, Y.-Y., Hölzel, B. K., & Posner, M. I. (2015). The neuroscience of mindfulness meditation. *Nature Reviews Neuroscience, 16*(4), 213–225.

温忠麟, 叶宝娟. (2014). 中介效应分析: 方法和模型发展. *心理科学进展, 22*(5), 731–745.
"""

MEDICAL = """题目

1.3　评价指标

①ICU-AW发生率：采用MRC肌力评分[1]评估患者肌力，总分<48分诊断为ICU-AW[2]。

方案分为三步　①文献检索与证据汇总：按照循证方法[3]检索。②专家函询：邀请专家[4]。③预试验。

参考文献

[1]　Kleyweg RP,van der Meché FG,Schmitz PI. Interobserver agreement in the assessment of muscle strength[J]. Muscle Nerve,1991,14(11):1103-1109.
[2]　Kress JP,Hall JB. ICU-acquired weakness and recovery from critical illness[J]. N Engl J Med,2014,370(17):1626-1635.
[3]　胡雁,郝玉芳. 循证护理学[M]. 2版. 北京:人民卫生出版社,2018.
[4]　Zhang L,Hu W,Cai Z,et al. Early mobilization of critically ill patients[J]. PLoS One,2019,14(10):e0223185.
"""

MINUS = """题目

检索增强生成[1-2]。

参考文献

[1] Lewis P, Perez E, Piktus A, et al. Retrieval-augmented generation for knowledge-intensive NLP tasks[C] //Proc of the 34th Int Conf on Neural Information Processing Systems. Red Hook, NY: Curran Associates, 2020: 9459−9474
[2] 李明磊，周洋，孙乐. 面向开放域问答的检索增强生成技术研究进展[J]. 计算机研究与发展，2024，61(7)：1605−1621
"""

CHICAGO = """Title

Estates grew (Twitchett 1959, 98–103; Fan 1995, 58–60). Dennerline (1986, 178–85) and Ebrey and Watson (1986)
disagree; Liang Qizi's (1997, 103) study of charity and others (Li and Jiang 2000, 210–14) follow Will and Wong's (1991) account.

## References

Dennerline, Jerry. 1986. "Marriage, Adoption, and Charity." In *Kinship Organization*, 170–209.

Ebrey, Patricia Buckley, and James L. Watson, eds. 1986. *Kinship Organization in Late Imperial China*. Berkeley: University of California Press.

Fan Jinmin 范金民. 1995. "Qingdai Suzhou zongzu yitian de fazhan" 清代苏州宗族义田的发展. *Zhongguo shehui jingjishi yanjiu* 3: 44–51.

Li Wenzhi 李文治 and Jiang Taixin 江太新. 2000. *Zhongguo zongfa zongzuzhi he zutian yizhuang* 中国宗法宗族制和族田义庄. Beijing: Shehui kexue wenxian chubanshe.

Liang Qizi 梁其姿. 1997. *Shishan yu jiaohua* 施善與教化. Taipei: Lianjing.

Twitchett, Denis. 1959. "The Fan Clan's Charitable Estate, 1050–1760." In *Confucianism in Action*, 97–133.

Will, Pierre-Étienne, and R. Bin Wong, with James Lee, Jean Oi, and Peter Perdue. 1991. *Nourish the People*. Ann Arbor: University of Michigan.
"""

ROUND_11 = [  # (name, document, codes that must not stand at warning or above)
    ("tortoise-shell brackets and initials-first names", TORTOISE, {"CG102", "CG106", "CG303", "CG905", "CG101"}),
    ("a dash for the author before", DITTO, {"CG101", "CG103"}),
    ("one alphabet, Chinese by pinyin", ONE_ALPHABET, {"CG303"}),
    ("a medical list's spacing and numbered items", MEDICAL, {"CG102", "CG308", "CG401", "CG402"}),
    ("the minus sign in page ranges", MINUS, {"CG205"}),
    ("Chicago author-date with East Asian names", CHICAGO, {"CG101", "CG102", "CG103", "CG107"}),
]


@pytest.mark.parametrize(("text", "old", "new", "code"), [
    (TORTOISE, "Graetz and Michaels，2018", "Graetz and Michaels，2015", "CG103"),
    (DITTO, "周飞舟，2012）", "周飞舟，2013）", "CG103"),
    (ONE_ALPHABET, "Tang, Y.-Y.", "Aang, Y.-Y.", "CG303"),
    (MEDICAL, "检索。", "检索[5]。", "CG109"),
    (CHICAGO, "Liang Qizi's (1997, 103)", "Liang Qizi's (1998, 103)", "CG103"),
], ids=["year", "ditto year", "order", "past the end", "Chicago year"])
def test_round_eleven_slips_are_still_found(text: str, old: str, new: str, code: str) -> None:
    assert old in text
    _, found = audit(document_from_text(text.replace(old, new)))
    assert any(f.code == code and f.severity.rank >= Severity.WARNING.rank for f in found), code


def test_names_as_economics_journals_print_them() -> None:
    doc = document_from_text(TORTOISE)
    assert doc.references[1].authors == ("Autor, D", "D. Dorn", "L. F. Katz", "C. Patterson", "J. Van Reenen")
    assert doc.references[3].authors == ("IFR",)
    chicago = document_from_text(CHICAGO)
    assert [r.authors[0] for r in chicago.references] == [
        "Dennerline, Jerry", "Ebrey, Patricia Buckley", "Fan, Jinmin", "Li, Wenzhi", "Liang, Qizi",
        "Twitchett, Denis", "Will, Pierre-Étienne"]


# The twelfth reading's classes: Harvard's bodies cited by their whole name; 《经济学（季刊）》's list in a
# form not read; a body's name with 和 inside; an author-year web entry's imprint then its dates;
# Cell Press's online pages; a government page's file stamp a day before its release.
HARVARD_BODIES = """Title

Controls tightened (State Council of the People's Republic of China, 2013; Ministry of Ecology and Environment of the People's Republic of China, 2024).

## References

Ministry of Ecology and Environment of the People's Republic of China (2024) *2023 report on the state of the ecology and environment in China*. Available at: https://english.mee.gov.cn/Resources/Reports/soe/ (Accessed: 15 March 2025).

State Council of the People's Republic of China (2013) *Air pollution prevention and control action plan*. Available at: https://www.gov.cn/zwgk/2013-09/12/content_2486773.htm (Accessed: 15 March 2025).
"""

UNREAD_LIST = """题目

正文（郭峰等，2020；何婧和李庆海，2019）。

参考文献

郭峰、王靖一、王芳、孔涛、张勋、程志云，“测度中国数字普惠金融发展：指数编制与空间特征”，《经济学》（季刊），2020年第19卷第4期，第1401—1418页。
何婧、李庆海，“数字金融使用与农户创业行为”，《中国农村经济》，2019年第1期，第112—126页。
黄益平、黄卓，“中国的数字金融发展：现在与未来”，《经济学》（季刊），2018年第17卷第4期，第1489—1502页。
"""

ROUND_12 = """题目

算法推荐受到规制（国家互联网信息办公室等，2021；Newman et al.，2023）。普查公报发布[1]。衰弱评估见文献（Morley et al.，2013）。

参考文献

国家互联网信息办公室，工业和信息化部，公安部，等. 2021. 互联网信息服务算法推荐管理规定[EB/OL]. (2022-01-04)[2024-05-20]. http://www.cac.gov.cn/2022-01/04/c_1642894606364259.htm.
MORLEY J E, VELLAS B, VAN KAN G A, et al, 2013. Frailty consensus: a call to action[J]. Journal of the American Medical Directors Association, 14(6): 392-397.
NEWMAN N, FLETCHER R, EDDY K, et al, 2023. Digital news report 2023[EB/OL]. Oxford: Reuters Institute for the Study of Journalism. (2023-06-14)[2024-05-20]. https://reutersinstitute.politics.ox.ac.uk/digital-news-report/2023.
"""

NUMBERED_12 = """题目

普查公报[1]，衰弱干预[2]。

参考文献

[1] 国家统计局. 第七次全国人口普查公报（第五号）[EB/OL]. (2021-05-11)[2024-03-01]. https://www.stats.gov.cn/sj/tjgb/rkpcgb/qgrkpcgb/202302/t20230206_1902005.html.
[2] Dent E, Morley J E, Cruz-Jentoft A J, et al. Physical frailty: ICFSR international clinical practice guidelines[J]. J Am Med Dir Assoc, 2019, 20(3): 1163.e1-1163.e17.
"""

ROUND_12_CASES = [
    ("bodies cited by their whole name", HARVARD_BODIES, {"CG101", "CG102"}),
    ("a list in a form not read", UNREAD_LIST, {"CG905", "CG101"}),
    ("a body's name with 和, an imprint then its dates", ROUND_12, {"CG309", "CG314"}),
    ("online page ranges", NUMBERED_12, {"CG205"}),
]


def test_a_list_in_a_form_not_read_is_said_once_as_information() -> None:
    _, found = audit(document_from_text(UNREAD_LIST))
    (said,) = [f for f in found if f.code == "CG905"]
    assert said.severity is Severity.INFO and said.line == 5 and "does not read" in said.message


def test_a_file_stamp_a_day_before_the_release_is_information_and_a_month_a_warning() -> None:
    url = "https://www.stats.gov.cn/sj/tjgb/rkpcgb/qgrkpcgb/202105/t20210510_1817181.html"
    text = f"题目\n\n公报[1]。\n\n参考文献\n\n[1] 国家统计局. 公报[EB/OL]. (2021-05-11)[2024-03-01]. {url}.\n"
    _, found = audit(document_from_text(text))
    assert [f.severity for f in found if f.code == "CG503"] == [Severity.INFO]
    _, found = audit(document_from_text(text.replace("(2021-05-11)", "(2021-06-11)")))
    assert [f.severity for f in found if f.code == "CG503"] == [Severity.WARNING]


def test_bodies_are_linked_by_their_whole_name_and_a_year_slip_is_found() -> None:
    doc = document_from_text(HARVARD_BODIES)
    assert all(c.reference is not None for c in doc.citations)
    _, found = audit(document_from_text(HARVARD_BODIES.replace("China, 2013;", "China, 2014;")))
    assert any(f.code == "CG103" for f in found)


# The thirteenth reading's classes: a list printing every author (《软件学报》); points inside words and
# identifiers, and a point before a closing bracket; notes in full-width punctuation; a note citing two
# works; a note's short form after the first full citation.
ALL_AUTHORS = """题目

漏洞检测[1-4]。

参考文献

[1] 李舟军, 张俊贤, 廖湘科, 马金鑫. 软件安全漏洞检测技术[J]. 计算机学报, 2015, 38(4): 717-732.
[2] Feng ZY, Guo DY, Tang DY, Duan N, Feng XC, Gong M. CodeBERT: A pre-trained model[C]//Proc. of the EMNLP 2020. Stroudsburg: ACL, 2020: 1536-1547.
[3] Guo DY, Ren S, Lu S, Feng ZY, Tang DY. GraphCodeBERT: Pre-training code representations[C]//Proc. of the 9th Int'l Conf. on Learning Representations. OpenReview.net, 2021.
[4] Norris G, Duvall R, Brown S, Bai S. EPA positive matrix factorization 5.0 fundamentals and user guide[R]. Washington DC: U.S. Environmental Protection Agency, 2014.
"""

SHORT_NOTES = """题目

政策出台①，又见②，再引③。

① 中共中央办公厅, 国务院办公厅. 数字乡村发展战略纲要[EB/OL]. (2019-05-16)[2024-04-02]. https://www.gov.cn/zhengce/2019-05/16/content_5392269.htm.
② 彭雨新，张建民. 明清长江流域农业水利研究[M]. 武汉：武汉大学出版社，1993：45-50.
③ 中共中央办公厅, 国务院办公厅. 数字乡村发展战略纲要[EB/OL].
"""

TWO_WORKS = """题目

围垦①。后又见②。

① 卞鸿翔，龚循礼. 洞庭湖区围垦问题的初步研究[J]. 地理学报，1985，40（2）：131-141；谭其骧. 中国历史地图集：第8册[M]. 北京：中国地图出版社，1987：35.
② 卞鸿翔，龚循礼. 洞庭湖区围垦问题的初步研究[J]. 地理学报，1985，40（2）：135.
"""

ROUND_13 = [
    ("every author listed, words with points", ALL_AUTHORS, {"CG308"}),
    ("a note's short form after the full one", SHORT_NOTES, {"CG305", "CG404", "CG406"}),
    ("a note citing two works", TWO_WORKS, {"CG404"}),
]


def test_a_list_printing_every_author_is_one_finding_naming_its_entries() -> None:
    _, found = audit(document_from_text(ALL_AUTHORS))
    (said,) = [f for f in found if f.code == "CG309"]
    assert said.severity is Severity.INFO and said.references == (1, 2, 3, 4) and "house style" in said.message


def test_two_entries_listing_every_author_and_none_cut_are_the_list_s_style() -> None:
    """《金融研究》 (round 16): two entries print all their authors, none is cut at three — one note."""
    two = ALL_AUTHORS.replace("Guo DY, Ren S, Lu S, Feng ZY, Tang DY.", "Guo DY, Ren S.").replace(
        "Norris G, Duvall R, Brown S, Bai S.", "Norris G.")
    _, found = audit(document_from_text(two))
    assert [(f.severity, f.references) for f in found if f.code == "CG309"] == [(Severity.INFO, (1, 2))]


def test_a_list_cutting_at_three_next_to_one_listing_all_is_still_a_warning() -> None:
    cut = ALL_AUTHORS.replace("廖湘科, 马金鑫.", "廖湘科, 等.").replace("Tang DY, Duan N, Feng XC, Gong M.", "Tang DY, et al.")
    _, found = audit(document_from_text(cut))  # two cut at three, two listing all: inconsistent, each a warning
    assert [(f.line, f.severity) for f in found if f.code == "CG309"] == [(9, Severity.WARNING), (10, Severity.WARNING)]


def test_a_short_form_that_contradicts_the_full_note_is_still_found() -> None:
    text = SHORT_NOTES.replace("③ 中共中央办公厅, 国务院办公厅. 数字乡村发展战略纲要[EB/OL].",
                               "③ 中共中央办公厅, 国务院办公厅. 数字乡村发展战略纲要[EB/OL]. (2020-05-16)[2024-04-02].")
    _, found = audit(document_from_text(text))
    assert any(f.code == "CG404" for f in found)


# The fourteenth reading's classes: an author-year paper whose list is numbered in citation order
# (《科学学研究》); APA's initials before a surname shared by two first authors.
CITATION_ORDER = """题目

协同创新（Etzkowitz和Leydesdorff，2000；陈劲和阳银娟，2012）。吸收能力（Cohen和Levinthal，1990）。

参考文献

[1] ETZKOWITZ H, LEYDESDORFF L, 2000. The dynamics of innovation[J]. Research Policy, 29(2): 109-123.
[2] 陈劲, 阳银娟, 2012. 协同创新的理论基础与内涵[J]. 科学学研究, 30(2): 161-164.
[3] COHEN W M, LEVINTHAL D A, 1990. Absorptive capacity[J]. Administrative Science Quarterly, 35(1): 128-152.
"""

INITIALS_FIRST = """Title

Control predicts mood (Q. Wang et al., 2007), and so does warmth (H. Wang et al., 2019).

References

Wang, H., Li, X., & Chen, Y. (2019). Parental warmth and adolescent mood. *Journal of Adolescence, 75*, 1–10.

Wang, Q., Pomerantz, E. M., & Chen, H. (2007). The role of parents' control. *Child Development, 78*(5), 1592–1610.
"""

ROUND_14 = [
    ("a numbered list in citation order", CITATION_ORDER, {"CG303"}),
    ("initials before a shared surname", INITIALS_FIRST, {"CG101", "CG102", "CG105"}),
]


# The sixteenth reading's class: an author-year list in GB/T 7714's order without type codes (《南开管理
#评论》: 作者. 题名. 刊名, 年, (期): 页.) — a journal's name before its year is no author-year head.
NO_TYPE_CODES = """题目

企业创新（黎文靖和郑曼妮，2016；戚聿东和肖旭，2020；温忠麟等，2004）。

参考文献

黎文靖, 郑曼妮. 实质性创新还是策略性创新?——宏观产业政策对微观企业创新的影响. 经济研究, 2016, (4): 60-73.
戚聿东, 肖旭. 数字经济时代的企业管理变革. 管理世界, 2020, (6): 135-152.
温忠麟, 张雷, 侯杰泰, 刘红云. 中介效应检验程序及其应用. 心理学报, 2004, (5): 614-620.
"""

ROUND_16 = [("an author-year list without type codes", NO_TYPE_CODES, {"CG303", "CG101", "CG102", "CG103"})]


def test_entries_without_type_codes_are_one_line_each() -> None:
    document = document_from_text(NO_TYPE_CODES)
    assert [r.raw[:3] for r in document.references] == ["黎文靖", "戚聿东", "温忠麟"]


ALL_CASES = [*CASES, *ROUND_11, *ROUND_12_CASES, *ROUND_13, *ROUND_14, *ROUND_16]


@pytest.mark.parametrize(("name", "text", "codes"), ALL_CASES, ids=[c[0] for c in ALL_CASES])
def test_a_consistent_house_style_is_not_an_error(name: str, text: str, codes: set[str]) -> None:
    _, found = audit(document_from_text(text))
    raised = [(f.code, f.line, f.message) for f in found if f.code in codes and f.severity.rank >= Severity.WARNING.rank]
    assert raised == [], name


def test_an_author_ordered_list_is_still_held_to_its_order() -> None:
    text = CITATION_ORDER.replace("（Etzkowitz和Leydesdorff，2000；陈劲和阳银娟，2012）", "（陈劲和阳银娟，2012）").replace(
        "（Cohen和Levinthal，1990）", "（Cohen和Levinthal，1990；Etzkowitz和Leydesdorff，2000）")
    _, found = audit(document_from_text(text))  # cited 2, 3, 1: not citation order, and not author order
    assert any(f.code == "CG303" for f in found)
