"""One reader of a personal name, for every stage that compares names with names: linking, list
order, self-citation, export and the comparison with an index's record.

A name is read into its family name (with its particles: "van de Meent", as Crossref and OpenAlex
store it), given names, and a suffix, from the shapes authors write:

    Jan-Willem van de Meent     van de Meent, Jan-Willem     van de Meent, Jr., Jan
    Ioannis Ch. Paschalidis      Piotr Doll{\\'a}r (LaTeX accents)  Mónica Ribero
    SMITH J A    Park J-R    Wang X M    WANG Xiaoming    Wang, Xiao-Ming    Xiaoming Wang
    王晓明    欧阳修    卡尔·马克思    国家统计局 (an organisation: the whole name is its family)

Particles (van, von, de, de la, da, di, du, ten, ter, al- …) belong to the family name but may be
left out on either side: :func:`same_family` matches "van de Meent" with "Meent". A name of two
romanised Chinese words in title case ("Wang Xiaoming", "Xiaoming Wang") may be in either order:
:attr:`PersonName.families` holds both readings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from citeguard.chars import is_chinese
from citeguard.parse.hanname import han_name_parts, is_han_name, pinyin_name

# Name particles written in lower case: van Dijk, de la Pena, von Bredow
PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "da", "das", "dos", "du", "la", "le", "di",
                       "ter", "ten", "vande", "vanden", "vander", "y", "al", "el", "bin", "mac"})
# Suffixes after a name: Jr., Sr., II, III, IV (a lone "V" is an initial, not a fifth)
_SUFFIX_RE = re.compile(r"^(?:Jr|Sr|Jnr|Snr|II|III|IV)\.?$", re.IGNORECASE)
# Initials as GB/T 7714 and Vancouver print them after the family name: "J" "J." "JA" "J-R" "K.A"
# "R.A." "J.-R." "Ch." — and OCR's with the first letter lower-cased: "sL"
_INITIALS_RE = re.compile(r"^(?:(?:[A-Z]\.?-?){1,4}|[A-Z][a-z]\.|[a-z][A-Z]{1,2}\.?)$")
# Initials OCR glued to the family name: "DykeF" "ValleJC" (not "LeCun", "McDonald": they end in lower case)
_GLUED_RE = re.compile(r"^(?P<family>[A-Z][a-z]+)(?P<initials>[A-Z]{1,3})$")
# A LaTeX command or group in a name: {\'a}  \"o  {\v c}  {\L}  {van de Meent}
_LATEX_RE = re.compile(r"[\\{}]")
# What is left of LaTeX when it cannot be decoded: commands and braces
_LATEX_LEFT_RE = re.compile(r"\\[A-Za-z]+\s*|\\.|[{}]")
# The syllables of Mandarin pinyin without tones (ü as v, or u after l and n), for telling a
# romanised Chinese name ("Xiaoming", "Wang", "Li") from initials ("JA") or a Western name
_PINYIN_SYLLABLES = (
    "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce "
    "cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun "
    "chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de deng di dian diao die ding diu dong dou du "
    "duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng "
    "gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai "
    "huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao "
    "ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian "
    "liang liao lie lin ling liu lo long lou lu luan lue lun luo lv ma mai man mang mao me mei men meng mi "
    "mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning "
    "niu nong nou nu nuan nue nuo nv o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou "
    "pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru "
    "ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shen sheng shi shou shu "
    "shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti "
    "tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang "
    "xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun "
    "za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua "
    "zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo"
)
_PINYIN = frozenset(_PINYIN_SYLLABLES.split())
MAX_SYLLABLES = 4  # syllables of one romanised given or family name
# Words that make a name an organisation's: "World Health Organization", "Institute of …"
_ORG_WORDS = frozenset({
    "organization", "organisation", "association", "institute", "institut", "university", "universität", "bureau",
    "department", "ministry", "council", "society", "committee", "agency", "center", "centre", "group",
    "foundation", "commission", "office", "academy", "laboratory", "laboratories", "corporation", "company",
    "inc", "ltd", "llc", "consortium", "team", "project", "network", "board", "service", "union", "federation",
    "program", "programme", "collaboration", "bank", "fund", "press", "government", "administration", "authority"})
# Lower-case words an organisation's name holds and a person's does not
_ORG_GLUE = frozenset({"of", "the", "for", "and", "on", "in", "&", "at", "und", "für", "des"})
MAX_NAME = 300  # characters of one name read (a longer "name" is a whole list or a title)


@lru_cache(maxsize=65536)  # every name of a list, asked of again by linking, ordering and verify
def fold_name(text: str) -> str:
    """Lower case without accents, spaces, hyphens or apostrophes: "de la Peña" → "delapena"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)).lower()


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name read into its parts; an organisation's name is all family."""

    family: str
    given: str = ""
    suffix: str = ""
    organisation: bool = False
    swappable: bool = False  # two romanised Chinese words in title case: either may be the family name

    @property
    def particles(self) -> str:
        """The lower-case particles the family name starts with: "van de" of "van de Meent"."""
        words = self.family.split()
        lead = []
        for word in words[:-1]:
            if word.lower().rstrip("'’") not in PARTICLES:
                break
            lead.append(word)
        return " ".join(lead)

    @property
    def key(self) -> str:
        """The family name folded: "van de Meent" → "vandemeent", "Dollár" → "dollar"."""
        return fold_name(self.family)

    @property
    def core_key(self) -> str:
        """The family name without its particles, folded: "van de Meent" → "meent"; "al-Hakim" → "hakim"."""
        family = self.family[len(self.particles):].strip()
        head, dash, rest = family.partition("-")
        if dash and head.lower() in PARTICLES and rest:  # "al-Hakim", "el-Sayed"
            family = rest
        return fold_name(family)

    @property
    def families(self) -> tuple[str, ...]:
        """Every folded family name this name may have: its own, and for a swappable romanised Chinese
        name the other word too."""
        if self.swappable and self.given:
            return (self.key, fold_name(self.given))
        return (self.key,)

    @property
    def initials(self) -> str:
        """The given names' initials, lower case: "Jan-Willem" → "jw", "X M" → "xm"."""
        return "".join(part[0] for part in re.split(r"[\s.\-]+", self.given) if part[:1].isalpha()).lower()


def same_family(a: PersonName, b: PersonName) -> bool:
    """Do the two names have the same family name — particles written or left out on either side,
    a romanised Chinese name read in either order?"""
    if set(a.families) & set(b.families):
        return True
    if _han(a) != _han(b):  # 王晓明 and WANG Xiaoming: the Chinese name romanised
        han, other = (a, b) if _han(a) else (b, a)
        return romanised_family(han) in other.families
    return bool(a.core_key) and a.core_key == b.core_key


def _han(name: PersonName) -> bool:
    return not name.organisation and is_han_name(name.family + name.given)


def delatex(text: str) -> str:
    """A name with its LaTeX accents and groups turned into the characters they print:
    "Doll{\\'a}r" → "Dollár", "{\\L}ukasz" → "Łukasz"; braces left unbalanced are only dropped."""
    if not _LATEX_RE.search(text):
        return text
    if text.count("{") == text.count("}") and len(text) <= MAX_NAME:
        from pylatexenc.latex2text import LatexNodes2Text  # (loaded only for a name that needs it)

        try:
            return " ".join(LatexNodes2Text().latex_to_text(text).split())
        except Exception:  # (pylatexenc raises errors of its own on malformed input: read it as below)
            pass
    return " ".join(_LATEX_LEFT_RE.sub("", text).split())


@lru_cache(maxsize=32768)
def read_name(text: str, *, family_first: bool = False) -> PersonName:
    """The parts of one personal (or corporate) name as printed; see the module's examples. With
    ``family_first`` (a list's first author, which author-year lists print family name first), a
    name of words alone is read family name first unless initials open it ("G. Tononi")."""
    name = delatex(" ".join(text[:MAX_NAME].split())).strip(" ,;")
    if not name:
        return PersonName("")
    compact = name.replace(" ", "")
    if is_chinese(name):
        if not is_han_name(compact):
            return PersonName(name, organisation=True)
        parts = han_name_parts(compact)
        return PersonName(*parts) if parts is not None else PersonName(compact, organisation=True)
    if "," in name:
        return _comma_form([p.strip() for p in name.split(",")])
    words = name.split()
    if len(words) > 5 or any(w.lower().strip(".,") in _ORG_WORDS for w in words) or any(
            w in _ORG_GLUE for w in words):
        return PersonName(name, organisation=True)
    suffix = ""
    if len(words) > 2 and _SUFFIX_RE.match(words[-1]):
        suffix, words = words[-1], words[:-1]
    if len(words) == 1:
        return PersonName(words[0], suffix=suffix)
    glued = _GLUED_RE.match(words[-1])
    if glued is not None:  # "Van DykeF", "del ValleJC": the initials OCR ran on
        return PersonName(" ".join([*words[:-1], glued.group("family")]), glued.group("initials"), suffix)
    # GB/T and Vancouver: the family name, then initials ("SMITH J A", "van Dijk H", "Park J-R")
    tail = len(words)
    while tail > 1 and _INITIALS_RE.match(words[tail - 1]):
        tail -= 1
    if tail < len(words):  # (a name ending in initials is family-first: "KIM Y" as much as "Smith J")
        return PersonName(" ".join(words[:tail]), " ".join(words[tail:]), suffix)
    # a family name in capitals before given names: "WANG Xiaoming", "LI Wei", "VAN DER BERG Anna"
    # (not initials before a family name: "JA Smith")
    caps = 0
    while caps < len(words) - 1 and words[caps].isupper() and len(words[caps]) > 1 and (
            not _INITIALS_RE.match(words[caps]) or _is_pinyin(words[caps])):
        caps += 1
    if caps and not any(w.isupper() for w in words[caps:]):
        return PersonName(" ".join(words[:caps]), " ".join(words[caps:]), suffix)
    if words[0][:1].islower() and words[0].lower().rstrip("'’") in PARTICLES:
        return PersonName(" ".join(words), suffix=suffix)  # "van Dijk", "de la Peña", "del Valle"
    if family_first and not _INITIALS_RE.match(words[0]):
        return PersonName(words[0], " ".join(words[1:]), suffix)
    # given names first: the family name starts at its first particle, else it is the last word
    start = next((i for i in range(1, len(words) - 1) if words[i].lower().rstrip("'’") in PARTICLES
                  and words[i][:1].islower()), len(words) - 1)
    family, given = " ".join(words[start:]), " ".join(words[:start])
    return PersonName(family, given, suffix, swappable=_romanised_pair(words))


def _comma_form(parts: list[str]) -> PersonName:
    """ "Family, Given", "Family, Jr., Given" (BibTeX's von Last, Jr, First), "Given Family, Jr."."""
    parts = [p for p in parts if p]
    if not parts:
        return PersonName("")
    if len(parts) >= 3 and _SUFFIX_RE.match(parts[1]):
        return PersonName(parts[0], " ".join(parts[2:]), parts[1])
    if len(parts) == 2 and _SUFFIX_RE.match(parts[1]):
        inner = read_name(parts[0])
        return PersonName(inner.family, inner.given, parts[1], inner.organisation)
    family_words = parts[0].split()
    suffix = ""
    if len(family_words) > 1 and _SUFFIX_RE.match(family_words[-1]):  # "Smith Jr., John"
        suffix, family_words = family_words[-1], family_words[:-1]
    return PersonName(" ".join(family_words), " ".join(parts[1:]), suffix)


def _romanised_pair(words: list[str]) -> bool:
    """Two words, each pinyin in title case ("Wang", "Xiaoming", "Xiao-Ming"): a Chinese name whose
    order the writer may have turned."""
    return len(words) == 2 and all(
        w[:1].isupper() and not w[1:].isupper() and _is_pinyin(w) for w in words)


def _is_pinyin(word: str) -> bool:
    """Is ``word`` one to four pinyin syllables ("Xiaoming", "Xiao-Ming", "LI")?"""
    letters = word.replace("-", "").replace("'", "").lower()
    if not letters.isascii() or not letters.isalpha():
        return False
    reach = {0: 0}  # position → fewest syllables to reach it
    for start in range(len(letters)):
        if start not in reach or reach[start] >= MAX_SYLLABLES:
            continue
        for end in range(start + 1, min(len(letters), start + 6) + 1):
            if letters[start:end] in _PINYIN:
                reach[end] = min(reach.get(end, MAX_SYLLABLES), reach[start] + 1)
    return len(letters) in reach


def romanised_family(name: PersonName) -> str:
    """The family name as an index romanises it: a Han name in pinyin ("王晓明" → "wang"), any other
    name folded."""
    compact = name.family.replace(" ", "")
    if not name.organisation and is_han_name(compact + name.given):
        return pinyin_name(compact + name.given)[0]
    return name.key
