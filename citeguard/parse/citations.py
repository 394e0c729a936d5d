"""In-text citations: author-year (parenthetical and narrative, Chinese and English) and numeric.

Chinese has no spaces between words, so where a narrative citation's names begin is decided
with the reference list's own author names as a lexicon (如徐政和牟春伟（2024） → 徐政, 牟春伟);
names not in the list are accepted only when they start with a common surname and stand after a
word boundary, so that a year after a book title (…文集（2023）) is not taken for a citation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from citeguard.chars import HAN, OCR_DIGITS, fold_width
from citeguard.model import CitationKind
from citeguard.parse.cited import NameLexicon, RawCitation, Unparsed
from citeguard.parse.numeric import IMAGE_RE, numeric_citations

# The innermost parenthesis, either width: （周文和许凌云，2023）  (Smith, 2020)
PAREN_RE = re.compile(r"[（(](?P<body>[^（()）\n]{1,3000})[)）]")
# A year as cited: 2023, 2018a — and as OCR prints it: 2O15, 20l1
#   (the OCR branch needs an OCR letter, so that "2020" reads one way only: two readings of every
#   year made a list of years backtrack exponentially)
_YEAR = (r"(?:1[5-9]\d{2}|20\d{2}|(?=[\dOoIl]{0,3}[OoIl])(?:1[5-9]|2[0Oo])(?=[\dOoIl]*\d)[\dOoIl]{2})"
         r"[a-z]?(?:年(?:\d{1,2}月(?:\d{1,2}日)?)?)?")
# A list of years: 2020a, 2020b
_YEARS = rf"{_YEAR}(?:\s*[,，]\s*{_YEAR})*"
# Pages after a year: ":191"  "：25-26"  ", p. 5"  ", pp. 3-5"  "，第12页"  ", 98–103" (Chicago)
_PAGE = r"[\dIVXLCivxlc]+(?:\s*[-–—~～]\s*[\dIVXLCivxlc]+)?"
_PAGES = rf"(?:\s*[:：]\s*|\s*[,，]\s*(?:pp?\.\s*|第\s*|(?=\d)))(?P<pages>{_PAGE}(?:\s*[,，]\s*{_PAGE})*)\s*页?"
# One work inside a parenthesis: "周文和许凌云，2023"  "Smith et al., 2020a, p. 14"  "习近平, 2025:191"
#   (at most 300 characters, checked first: the lazy authors and the white space around them can
#   split a long run of spaces in cubically many ways; no real part is longer)
PART_RE = re.compile(
    rf"^(?=[^\n]{{0,300}}$)\s*(?P<authors>[^,，:：;；]+?|[^:：;；]+?)(?:\s*[,，;；]\s*|\s+)(?P<years>{_YEARS})"
    rf"(?:{_PAGES})?\s*$")
# A part that is only years (the author carries over): "2021"  "2020b: 12"
YEARS_ONLY_RE = re.compile(rf"^(?=[^\n]{{0,300}}$)\s*(?P<years>{_YEARS})(?:{_PAGES})?\s*$")
_SINGLE_YEAR_RE = re.compile(r"(?P<y>(?:1[5-9]|2[0Oo])[\dOoIl]{2})(?P<s>[a-z]?)")
# "et al." as printed and as OCR runs it together: "et al."  "et al"  "etal."  "Xuet al"  "et.al"
# (and in Chinese prose 等 or 等人: "Schwabe等人(2010)")
ET_AL = r"(?:,?\s*et\s*\.?\s*al\b\.?|\s*等人?)"
# Separators of works inside one parenthesis: ；  ;
# (a match starts where a space run starts, or at the separator: never inside a run, which would
# rescan it from every position)
_WORK_SEP_RE = re.compile(r"(?:(?<!\s)\s*+|(?<=\s)(?!\s))[;；]\s*+")
# Author text of a Chinese citation: 周文和许凌云  孔祥智等  程翔、杨宜  简苏尔·居来提
# (APA-style Chinese citations separate names with commas: 李培林，崔岩)
#   (the look-ahead caps the length first: "张三和张三和…" can split at every 和, exponentially)
ZH_AUTHORS_RE = re.compile(rf"^(?=[^\n]{{1,40}}$){HAN}[{HAN[1:-1]}·•]*?"
                           rf"(?:\s*[和与、，,]\s*{HAN}[{HAN[1:-1]}·•]*?)*(?:\s*等人?)?$")
# Prose in front of the names inside a parenthesis: "相关综述见", "如", "e.g.,", "see"
PROSE_PREFIX_RE = re.compile(r"^.*?(?:参见|参看|详见|综述见|见|例如|比如|如|e\.g\.,?|see|cf\.)\s*", re.IGNORECASE)
# A Latin capital (also accented: Müller, Łukasz, García) and the letters of a Latin name.
_UP = "[A-ZÀ-ÖØ-ÞĀ-Ž]"
_LOW = "[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\\-]"
# Author text of an English citation: Smith  Smith & Jones  Smith and Jones  Smith et al.  van Dijk
_PARTICLE = r"(?:van|von|de|del|della|der|den|da|di|du|le|la|ter|ten|dos|das)(?:\s+|(?=[A-Z]))"  # "van Dijk" "deBoer"
EN_AUTHORS_RE = re.compile(  # (length capped first, as ZH_AUTHORS_RE)
    rf"^(?=[^\n]{{1,120}}$)(?:{_PARTICLE}){{0,2}}{_UP}{_LOW}+(?:(?:\s*,(?:\s*(?:&|and\b))?\s*|\s*[&和与]\s*|\s+and\s+|\s+)"
    rf"(?:{_PARTICLE}){{0,2}}{_UP}{_LOW}+)*{ET_AL}?$")
# English narrative names just before "(2020)": Smith  Smith and Jones  Smith et al.  Beersma 和 van Kleef
EN_NARRATIVE_RE = re.compile(
    rf"(?P<a>(?:(?:van|von|de|der)\s+)?{_UP}{_LOW}+(?:(?:\s*(?:,\s*)?[&和与]\s*|\s+and\s+|,\s*)"
    rf"(?:(?:van|von|de|der)\s+)?{_UP}{_LOW}+)*"
    rf"{ET_AL}?)\s*$")
# The surname written before a given name, as Chinese names are in English prose: "Liang " of "Liang Qizi (1998)"
_FAMILY_BEFORE_RE = re.compile(r"(?<![A-Za-z])([A-Z][a-z]{0,8}) $")
# A given name written out, one word ("Qizi"; not initials, "SD")
_GIVEN_WORD_RE = re.compile(r"[A-Z][a-z]{1,12}")
# The possessive ending of a narrative citation's last name: "Lee's (2008)"  "Hyland’s"  "Jones' (2010)"
_POSSESSIVE_RE = re.compile(r"(?<=[a-z])['’]s?$|(?<=s)['’]$")
# One letter of a Latin word (a narrative search must not start in the middle of one): M  c  é
_LATIN_LETTER_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]")
# A number in Markdown-escaped brackets, as converters write a citation: \[30\]  \[1-3\]  \[2,5\]
_ESCAPED_NUMBER_RE = re.compile(r"\\\[(?P<body>[\d\s,，、\-–—~]{1,60})\\\]")
# Inline TeX math, whose brackets are not citations: $ [ 4 ] $
MATH_RE = re.compile(r"\$[^$\n]*\$")
# Inline Markdown code, whose brackets are indexes: `grid[2]`  `a[1]` (one backtick, no quote inside:
# LaTeX opens its quotes with backticks, ``so'' and `so')
CODE_RE = re.compile(r"(?<!`)`(?!`)[^`'\n]{1,300}`(?!`)")
# Characters after which a Chinese name may begin (a word boundary for names not in the list).
_NAME_BOUNDARY = set("，。；：、！？“”‘’「」（）()《》,.;:!? \t\n"
                     "如据由和与及对在而但是为将从经即若且并了的过照按至让使向给被把见")
# Common Chinese surnames, for names the reference list does not have.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿"
    "鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")


# Capitalised words that start sentences, not names: "In (2020)", "Table (2)"
_NOT_NAMES = frozenset({"In", "The", "See", "As", "This", "These", "Table", "Figure", "Fig", "Eq", "Section",
                        "Chapter", "Since", "From", "Until", "After", "Before", "During", "By", "And"})


def _apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, those that overlap joined into one."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _pages(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(p.strip() for p in re.split(r"\s*[,，]\s*", value) if p.strip())


def split_zh_authors(text: str, lexicon: NameLexicon) -> tuple[tuple[str, ...], bool]:
    """ "周文和许凌云" → (("周文", "许凌云"), False); "孔祥智 等" → (("孔祥智",), True)."""
    et_al = text.endswith(("等", "等人"))
    body = text.removesuffix("人").removesuffix("等").rstrip() if et_al else text
    names: list[str] = []
    end = len(body)
    while end > 0:
        name = lexicon.name_ending_at(body, end)
        if name is None:
            break
        names.insert(0, name)
        end -= len(name)
        if end > 0 and body[end - 1] in "和与、":
            end -= 1
        elif end > 0:
            break
    if end == 0 and names:
        return tuple(names), et_al
    parts = [p.strip() for p in re.split(r"[、，,]", body) if p.strip()]
    out: list[str] = []
    for part in parts:
        pieces = re.split(r"[和与]", part)
        if len(pieces) > 1 and all(2 <= len(p) <= 4 for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return tuple(out), et_al


_ET_AL_END_RE = re.compile(rf"(?:(?<!\s)|(?<=\s)(?!\s)){ET_AL}$")  # (never from inside a space run)


def split_en_authors(text: str) -> tuple[tuple[str, ...], bool]:
    """ "Smith & Jones" → (("Smith", "Jones"), False); "Smith et al." "Xuet al" "Smith 等" → (("Smith",), True)."""
    m = _ET_AL_END_RE.search(text)
    body = text[:m.start()].strip() if m else text.strip()
    parts = re.split(r"\s*(?:,\s*and\s+|,\s*&\s*|&|\band\b|,|和|与)\s*", body)
    return tuple(p.strip() for p in parts if p.strip()), m is not None


# A first author's initials before the surname, as APA writes them to tell two authors of one surname
# apart: "Q. Wang et al., 2007"  "H. Wang et al."
_INITIALS_BEFORE_RE = re.compile(r"^(?:[A-Z]\.[ \t]?){1,3}(?=[A-Z][a-z])")


def _authors(text: str, lexicon: NameLexicon) -> tuple[tuple[str, ...], bool] | None:
    text = _INITIALS_BEFORE_RE.sub("", text.strip(), count=1)  # "Q. Wang et al.": APA tells two Wangs apart so
    result = None
    # Length first: both patterns backtrack exponentially on long lists ("张三和张三和…" can split
    # at every 和), and no real author list is longer.
    if len(text) <= 40 and ZH_AUTHORS_RE.match(text):
        result = split_zh_authors(text, lexicon)
    elif len(text) <= 160 and text.casefold() in lexicon.bodies:
        result = ((text,), False)  # a body the list names, cited by its whole name
    elif len(text) <= 120 and EN_AUTHORS_RE.match(text):
        result = split_en_authors(text)
        if result and any(len(n) <= 2 and n.isupper() and not lexicon.knows(n) for n in result[0]):
            return None  # "SD(2016)" "GS (2016)": initials or an abbreviation, not a cited surname
    return result if result and result[0] else None


def _trim_prose(text: str, lexicon: NameLexicon) -> tuple[str, tuple[tuple[str, ...], bool]] | None:
    """Drop prose before the names: "相关综述见Eisenstadt" → "Eisenstadt", "如李汉林" → "李汉林".

    Tried in order: a known lead-in word (见, 如, e.g.), then every cut after a comma or space;
    a cut whose first name is in the reference list wins, else the first that reads as names.
    """
    lead_in = PROSE_PREFIX_RE.sub("", text, count=1).strip()
    cuts = [text[m.end():].strip() for m in itertools.islice(re.finditer(r"[,，\s]+", text), 40)]
    fallback = None
    for option in [lead_in, *cuts]:
        if not option or option == text:
            continue
        if option != lead_in and not _is_prose(text[:len(text) - len(option)]):
            continue  # "Allen, Kennedy, & Clarke": names the list lacks are still names, not prose
        names = _authors(option, lexicon)
        if names is None:
            continue
        if lexicon.knows(names[0][0]):
            return option, names
        if option == lead_in:  # after a known lead-in word, an unlisted name is still a name
            fallback = fallback or (option, names)
    return fallback if fallback and _authors(text, lexicon) is None else None


# What may stand between names without being prose: separators, "and", "et al."
_NAME_GLUE_RE = re.compile(r"[\s,，、&和与及]|\band\b|\bet\s*al\b\.?")
# A Chinese name a list may not know (OCR garbled a character of it): 王就 for 王勍
_HAN_NAME_RE = re.compile(rf"[{''.join(sorted(_SURNAMES))}]{HAN}{{1,3}}")
# Particles of Latin surnames, lower case: "de la Fuente", "van Rompay"
_PARTICLES = frozenset({"van", "von", "de", "del", "della", "der", "den", "da", "di", "du", "le", "la", "ter", "ten",
                        "dos", "das"})
# Small words inside an organisation's name: "European Centre for Disease Prevention and Control"
_ORG_WORDS = frozenset({"of", "for", "the", "on", "in", "and", "&", "de", "du", "des"})
# Capitalised words that open English sentences (not names): "Recently, Su et al. (2012)"
_SENTENCE_WORDS = frozenset({
    "Recently", "However", "Moreover", "Furthermore", "Thus", "Therefore", "Similarly", "Although", "While", "When",
    "Following", "According", "Previously", "Here", "Also", "Additionally", "Indeed", "Notably", "Later", "Earlier",
    "Then", "Hence", "Accordingly", "Instead", "Meanwhile", "Finally", "First", "Second", "Third", "Further",
    "Conversely", "Consequently", "Likewise", "Nevertheless", "Nonetheless", "Specifically", "Based", "Using"})


def _is_prose(prefix: str) -> bool:
    """Is the text before a cited name prose (a lead-in) rather than more names?"""
    rest = [w for w in _NAME_GLUE_RE.sub(" ", prefix).split() if w not in _PARTICLES and w not in _ORG_WORDS]
    return any(not (w[:1].isupper() or _HAN_NAME_RE.fullmatch(w)) or w.strip(".") in _SENTENCE_WORDS | _NOT_NAMES
               for w in rest)


def _years(value: str) -> list[tuple[str, str]]:
    return [(m.group("y").translate(OCR_DIGITS), m.group("s")) for m in _SINGLE_YEAR_RE.finditer(value)]


def _parenthetical(text: str, m: re.Match[str], lexicon: NameLexicon, group: int,
                   found: list[RawCitation], unparsed: list[Unparsed]) -> None:
    body_start = m.start("body")
    parts = list(_WORK_SEP_RE.finditer(m.group("body")))
    bounds = []
    pos = 0
    for sep in parts:
        bounds.append((pos, sep.start()))
        pos = sep.end()
    bounds.append((pos, len(m.group("body"))))
    # "（高帆；2015）": a semicolon where the comma between author and year belongs
    merged: list[tuple[int, int]] = []
    for lo, hi in bounds:
        if merged and YEARS_ONLY_RE.match(m.group("body")[lo:hi]) and _authors(
                m.group("body")[merged[-1][0]:merged[-1][1]], lexicon) is not None:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    bounds = merged
    current: tuple[tuple[str, ...], bool, str] | None = None
    results: list[RawCitation] = []
    failures = 0
    author_at = body_start
    whole = len(bounds) == 1
    for lo, hi in bounds:
        part = m.group("body")[lo:hi]
        pm = PART_RE.match(part)
        names = _authors(pm.group("authors"), lexicon) if pm else None
        author_text = pm.group("authors").strip() if pm else ""
        if pm and (names is None or not lexicon.knows(names[0][0])):
            trimmed = _trim_prose(author_text, lexicon)
            if trimmed is not None:
                author_text, names = trimmed
        if pm and names:
            current = (names[0], names[1], author_text)
        else:
            pm = YEARS_ONLY_RE.match(part) if current else None
            if pm is None:
                failures += 1
                continue
        assert current is not None
        pages = _pages(pm.group("pages"))
        for year, suffix in _years(pm.group("years")):
            lead = len(part) - len(part.lstrip())
            if whole:
                start, end = m.start(), m.end()
            else:
                start, end = body_start + lo + lead, body_start + lo + len(part.rstrip())
            at = body_start + lo + max(0, part.find(current[2])) if current[2] in part else author_at
            author_at = at
            results.append(RawCitation(
                CitationKind.AUTHOR_YEAR, start, end, "", False,
                current[2], current[0], current[1], year, suffix, pages, group=group, author_start=at))
    if results and failures:
        unparsed.append(Unparsed(m.start(), m.end(), m.group(0)))
    found.extend(results)


def _unlisted_zh(text: str, end: int) -> int | None:
    """Where a Chinese name the list does not have ends at ``end``: 2 or 3 characters starting with
    a common surname, after a word boundary."""
    for length in (3, 2):
        begin = end - length
        if begin < 0:
            continue
        candidate = text[begin:end]
        before = text[begin - 1] if begin > 0 else " "
        if length == 3 and candidate[0] in _NAME_BOUNDARY and candidate[1] in _SURNAMES:
            continue  # "…和李超等（2013）": 和 joins, 李超 is the name
        if re.fullmatch(rf"{HAN}+", candidate) and candidate[0] in _SURNAMES and before in _NAME_BOUNDARY:
            return begin
    return None


def _narrative_authors(text: str, end: int, lexicon: NameLexicon) -> tuple[int, str] | None:
    """Start offset and text of the names that end at ``end`` (just before "（2024）")."""
    stop = end
    while stop > 0 and text[stop - 1] in " \t":
        stop -= 1
    marker = 2 if text[max(0, stop - 2):stop] == "等人" else 1 if stop > 0 and text[stop - 1] == "等" else 0
    et_al = marker > 0
    names_end = stop - marker
    while et_al and names_end > 0 and text[names_end - 1] == " ":
        names_end -= 1  # "黄群慧 等（2024）": GB/T 7714 puts a space before 等
    pos = start = names_end
    lead = ""  # the first of the listed names
    for _ in range(12):  # "甲、乙和丙（2014）" "甲，乙（2015）": names of the list, joined
        name = lexicon.name_ending_at(text, pos) if pos > 0 else None
        if name is None:
            break
        start, lead = pos - len(name), name
        pos = start
        if pos > 0 and text[pos - 1] in "和与、，," and lexicon.name_ending_at(text, pos - 1):
            pos -= 1
            continue
        break
    if start < names_end:
        # "王晓名和李四（2007）" with 李四 only a co-author in the list: the first name, misspelt, is still
        # the citation's first author (a near-name finding), not prose before 李四
        unlisted = _unlisted_zh(text, start - 1) if start > 1 and text[start - 1] in "和与" and \
            not lexicon.leads(lead) else None
        start = start if unlisted is None else unlisted
        return start, text[start:stop]
    # Not in the reference list: a 2- or 3-character name starting with a common surname.
    begin = _unlisted_zh(text, names_end)
    if begin is not None:
        return begin, text[begin:stop]
    # Names end at ``stop``: look only at the 200 characters before it (from a word start), since a
    # search from the text's start tries every capitalised word of the paragraph: quadratic.
    window = max(0, stop - 200)
    while 0 < window < stop and _LATIN_LETTER_RE.match(text, window - 1):
        window += 1  # never start inside a word ("…McDonald" must not be read as "Donald")
    em = EN_NARRATIVE_RE.search(text, window, stop)
    if em and em.end("a") == stop:
        a, begin = em.group("a"), em.start("a")
        first = re.split(r"[\s,]", a, maxsplit=1)[0]
        if first in _SENTENCE_WORDS and len(a) > len(first):  # "Recently, Su et al. (2012)"
            rest = a[len(first):].lstrip(" ,")
            a, begin = rest, begin + len(a) - len(rest)
        names = re.split(r"(\s*,\s*|\s+and\s+|\s*&\s*)", a)
        known = [i for i in range(0, len(names), 2) if lexicon.knows(re.sub(ET_AL + "$", "", names[i]).strip())]
        if known and known[0] > 0 and not _misspelt_first(names, known[0], lexicon):
            # "the Gulf, Vietnam, Rangin et al. (1995)": the names start at a listed one
            rest = "".join(names[known[0]:])
            a, begin = rest, begin + len(a) - len(rest)
        if a and a.split()[0] not in _NOT_NAMES | _SENTENCE_WORDS:
            a = _POSSESSIVE_RE.sub("", a)  # "Lee's (2008)" cites Lee
            family = _FAMILY_BEFORE_RE.search(text, max(0, begin - 24), begin)
            if family is not None and _GIVEN_WORD_RE.fullmatch(a) and lexicon.knows(family.group(1)) \
                    and not lexicon.knows(a):
                return family.start(1), family.group(1)  # "Liang Qizi's (1998)": a Chinese name, surname first
            return begin, a
    return None


def _misspelt_first(names: list[str], known: int, lexicon: NameLexicon) -> bool:
    """"Gajendren and Harrison (2007)" where the list has Harrison only as a co-author: one unlisted
    name joined by "and" / "&" to a listed co-author is the citation's first author, misspelt — not
    prose to cut off (``names``: the names and, between them, their separators)."""
    first = names[0].strip()
    return (known == 2 and names[1].strip() in ("and", "&") and " " not in first
            and first not in _NOT_NAMES | _SENTENCE_WORDS
            and not lexicon.leads(re.sub(ET_AL + "$", "", names[2]).strip()))


def find_citations(text: str, lexicon: NameLexicon, first_group: int = 0, *, max_number: int = 0,
                   limit: int | None = None) -> tuple[list[RawCitation], list[Unparsed]]:
    """All citations in one paragraph, in order of appearance.  ``max_number``: the highest entry
    number of a numbered list, for citations OCR lost a bracket of (none when 0). More than
    ``limit`` citations are not all read (the caller refuses the manuscript)."""
    found: list[RawCitation] = []
    unparsed: list[Unparsed] = []
    group = first_group
    original = text
    text = fold_width(text, keep_enumeration_comma=True)  # same length: offsets stay valid
    escaped: dict[int, int] = {}  # where the "[" of an escaped number is read → where its "\]" ends
    if "\\[" in text:  # Markdown's escaped brackets "\[30\]" (a conversion's), read as "[30]" (same length)
        escaped = {m.start() + 1: m.end() for m in _ESCAPED_NUMBER_RE.finditer(text)}
        text = _ESCAPED_NUMBER_RE.sub(lambda m: f" [{m.group('body')}] ", text)
    math = [(m.start(), m.end()) for m in MATH_RE.finditer(text)] if "$" in text else []
    if "`" in text:  # code is left out as math is (the spans in order, and apart)
        math = _apart(math + [(m.start(), m.end()) for m in CODE_RE.finditer(text)])
    if "![" in text:  # a Markdown image's alt text "![[a] [2]](x.png)" cites nothing
        text = IMAGE_RE.sub(lambda m: " " * len(m.group(0)), text)
    for m in PAREN_RE.finditer(text):
        if limit is not None and len(found) > limit:
            break
        body = m.group("body")
        if not any(ch.isdigit() for ch in body):
            continue
        group += 1
        ym = YEARS_ONLY_RE.match(body)
        if ym:
            who = _narrative_authors(text, m.start(), lexicon)
            if who is None:
                continue
            start, author_text = who
            names = _authors(author_text, lexicon)
            if names is None:
                continue
            if "年" in ym.group("years") and not lexicon.knows(names[0][0]):
                continue  # "…和结束(2016年11月20日)": a date in prose, unless a listed source (a newspaper)
            # "Bidwell(2014)等人": Chinese prose may put 等人 after the year of a narrative citation (a
            # bare 等 there lists works: "邓敏（2007）等研究" is Deng's and others' studies)
            years = _years(ym.group("years"))
            # (of one work only: "de Gelder(2006,2015)等人" may speak of the works and their authors together)
            et_al = names[1] or (text.startswith("等人", m.end()) and len(years) == 1)
            for year, suffix in years:
                found.append(RawCitation(
                    CitationKind.AUTHOR_YEAR, start, m.end(), text[start:m.end()], True,
                    author_text.strip(), names[0], et_al, year, suffix, _pages(ym.group("pages")),
                    group=group, author_start=start))
            continue
        _parenthetical(text, m, lexicon, group, found, unparsed)
    found.extend(numeric_citations(text, original, math, lexicon, group, max_number,
                                   None if limit is None else limit - len(found)))
    found.sort(key=lambda c: c.start)
    if escaped:  # an escaped number's citation is printed with its backslashes: "\[30\]"
        found = [replace(c, start=c.start - 1, end=escaped[c.start]) if c.start in escaped else c for c in found]
    found = [replace(c, text=original[c.start:c.end],
                     author_text=original[c.author_start:c.author_start + len(c.author_text)])
             for c in found]
    unparsed = [replace(u, text=original[u.start:u.end]) for u in unparsed]
    return found, unparsed
