"""Names written in Han characters: whether a name is one, its family and given names (double
surnames, transliterations with middle dots, organisations), and their pinyin (surnames read
unlike their common reading from a table). Below every reader of names."""

from __future__ import annotations

import re
from functools import lru_cache

from citeguard.chars import HAN
from citeguard.parse.pinyin import spellings, syllables

# A name in Han characters, middle dots allowed: 王晓明  卡尔·马克思
_HAN_NAME_RE = re.compile(rf"^{HAN}[{HAN[1:-1]}·•・.]*$")


def is_han_name(name: str) -> bool:
    """A name written in Han characters (with middle dots for transliterated names)."""
    return bool(_HAN_NAME_RE.match(name))


# Polyphonic surnames whose surname reading differs from pypinyin's default reading.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao", "乐": "yue",
    "盖": "ge", "缪": "miao", "翟": "zhai", "种": "chong", "秘": "bi", "那": "na", "覃": "qin", "华": "hua",
    "任": "ren", "尉": "yu", "员": "yun", "阚": "kan", "藏": "zang", "长孙": "zhangsun", "尉迟": "yuchi",
    "万俟": "moqi", "令狐": "linghu", "沈": "shen", "石": "shi", "燕": "yan", "贲": "ben", "句": "gou",
}
_DOUBLE_SURNAMES = frozenset(k for k in SURNAME_READINGS if len(k) == 2) | frozenset(
    {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "公孙", "慕容", "端木", "司徒", "夏侯", "轩辕", "宇文", "钟离"})


# Organisations' names, which a person's name of two or three characters never is: 国家统计局 中共中央
# 国务院 教育部 新华社 人民网 北京市 (a name of four or more characters is a person's only with a
# double surname, 欧阳修文; anything longer is an organisation's or a transliteration)
_ORG_HEAD = ("中共", "中国", "中华", "中央", "国家", "全国", "国务", "人民")
_ORG_TAIL = frozenset("部局院委会社署厅办府网报市省区县所馆司处室组台站团校党")
# Dots between the parts of a transliterated name: 卡尔·马克思, 约翰•梅纳德•凯恩斯
_NAME_DOTS_RE = re.compile(r"[·•・.]")


def han_name_parts(name: str) -> tuple[str, str] | None:
    """(family, given) of a person's name in Han characters, for reference managers: "周文" →
    ("周", "文"), "欧阳修" → ("欧阳", "修") (double surnames from the table), "卡尔·马克思" →
    ("马克思", "卡尔") (a transliteration: given names first). None for an organisation (国家统计局,
    中共中央, 国务院) and for what is not a Han name: those are written whole."""
    name = name.replace(" ", "")
    if not is_han_name(name):
        return None
    if _NAME_DOTS_RE.search(name):
        *given, family = [p for p in _NAME_DOTS_RE.split(name) if p]
        return (family, "·".join(given)) if given else None
    if name.startswith(_ORG_HEAD) or name[-1] in _ORG_TAIL:
        return None
    surname = name[:2] if name[:2] in _DOUBLE_SURNAMES else name[:1]
    if not 1 <= len(name) - len(surname) <= 2:
        return None  # 中共中央宣传部, 马克思主义: no one's name
    return surname, name[len(surname):]


@lru_cache(maxsize=4096)
def pinyin_sort_key(name: str) -> tuple[str, str]:
    """(surname, given name) for ordering a list: the given name syllable by syllable, as GB/T 7714
    sorts Chinese names character by character — "yu ling" (渝陵) before "yue sheng" (跃生), where
    the letter strings "yuling" and "yuesheng" would put them the other way round."""
    surname, _ = pinyin_name(name)
    first = name[:2] if name[:2] in _DOUBLE_SURNAMES else name[:1]
    return surname, " ".join(syllables(name[len(first):], given_name=True))


@lru_cache(maxsize=32768)  # a name is cited again and again; pypinyin costs ~50 µs a name
def pinyin_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a Chinese name in toneless pinyin: "曾文" → ("zeng", "wen"),
    "欧阳修" → ("ouyang", "xiu"). Surnames read unlike their common reading come from the table."""
    surname, given = split_han_name(name)
    reading = SURNAME_READINGS.get(surname) or "".join(syllables(surname))
    return reading, "".join(syllables(given, given_name=True))


def split_han_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a Chinese name: "欧阳修" → ("欧阳", "修"), "王晓明" → ("王", "晓明")."""
    surname = name[:2] if name[:2] in _DOUBLE_SURNAMES else name[:1]
    return surname, name[len(surname):]


def name_spellings(name: str) -> tuple[list[str], list[str]]:
    """(surname, given name) spellings of a Chinese name in pinyin, each list with the common
    reading first and every reading of a polyphonic character after: "曾重阳" → (["zeng", "ceng"],
    ["zhongyang", "chongyang"]). A surname read unlike its character (曾 zeng) comes from the table."""
    surname, given = split_han_name(name)
    family = [SURNAME_READINGS[surname]] if surname in SURNAME_READINGS else []
    return list(dict.fromkeys(family + spellings(surname))), spellings(given, given_name=True)
