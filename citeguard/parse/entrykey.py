"""The link key of a reference entry: who wrote it and when, read from any common style.

Linking needs less than the format rules: the entry's number, or its first author(s) and year.
This module reads those from the *shape* of an entry, whatever its style, and names the style:

* APA / Harvard, author then year in brackets: ``Bian, Y., & Logan, J. R. (2O14a). Title.``
* name-year (CSE, Chicago author-date, GB/T 7714 著者-出版年制): ``Ambros V. 2001. Title.``,
  ``CHEN D M, 1993. Title[M].``, ``Smith, John. 2001. "Title."``
* 中国语文 style, name glued to the year before a book title: ``渡边丽玲1994《题名》``
* a romanised entry may carry the original in brackets: ``… [陈德懋，1993．题名]``, which gives a
  second key (Chinese text cites the original's author).

OCR damage is repaired where it is certain and said: letters for digits in a year (``2O15``),
``et al`` glued to a name (``Nietal.``), spaces inside a Chinese name (``郭兆 迪``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from citeguard.chars import HAN, OCR_DIGITS, fold_width, is_chinese
from citeguard.model import EntryStyle
from citeguard.parse.personname import PARTICLES, fold_name, read_name
from citeguard.parse.text import demath

# A year as printed, OCR letters allowed in the last three places: 2014  2O14  2oo9  20l1
# — and an l or I for the 1 of a year, not inside a word: "Gilette DA.l998."
_YEAR = r"(?:1[5-9]|(?<![A-Za-z])[lI][5-9]|2[0Oo])[\dOoIl]{2}"
_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
# "et al." in every spelling seen in print and OCR: et al.  et al  etal.  et．al  et.al
ET_AL = r"(?:,?\s*et\s*\.?\s*a[l1]\b\.?|(?<=[A-Za-z.])eta[l1]\b\.?)"  # OCR: "et a1" "eta1"
# (never from inside a space run)
_ET_AL_END_RE = re.compile(rf"(?:(?<!\s)|(?<=\s)(?!\s))(?:{ET_AL}\s*+,?\s*+$|\s*+等\s*+$)", re.IGNORECASE)

# The dash that stands for the authors of the entry before (同上作者), then the year: "——，2012，《…》"
# "———. 2012. …"  "——(2012)"  "--, 2012"  "____. 2012."
DITTO_HEAD_RE = re.compile(r"^[ \t]*(?P<dash>[—―]{1,6}|-{2,6}|_{2,12})[ \t]*[,，.．:：(（]?[ \t]*(?:19|20)\d{2}")

# Author (year): "Bian, Y., & Logan, J. R. (2014a)." "周晓虹.(2014)" "IPCC (2007)" "Smith (2001, May)"
# "Gawronski, B., & Payne, B. K. (Eds.). (2011)." (editors of a book)  "Zhang, Z. (V.), & Hyland, K. (2018)."
# (an author's preferred name in brackets, as APA 7 prints it)
# — not a journal's issue date before its pages: "中国研究,(2011,11月),204-216."
APA_HEAD_RE = re.compile(
    rf"^(?P<auth>(?:[^()\[\]《]|\((?!Eds?\b)[A-Z][A-Za-z.\- ]{{0,20}}\)){{1,400}}?)"
    rf"(?:[\s.,]*+\((?:Eds?|编|主编)\.?\))?[\s.,]*\(\s*(?:(?P<year>{_YEAR})|(?P<bad>[\dOoIl]{{3}}|[\dOoIl]{{2}}(?=\)\s*\.)|"
    r"(?=[\dOoIl]*[OoIl])[\dOoIl]{2}|\d(?=\)\s*\.)))(?P<suf>[a-z]?)\s*"
    r"(?:[,，][^()]{0,30})?\)(?!\s*[,，])")
# Author year.: "Ambros V. 2001." "CHEN D M, 1993." "Bothmer, V.,& Schwenn,R.1998," "Asevedo L et al.,2o12."
# "China National Environmental Monitoring Center (CNEMC).1990."
NAME_YEAR_HEAD_RE = re.compile(
    rf"^(?P<auth>[^()\[\]《]{{1,400}}?(?:\s*+\([A-Z][A-Z0-9&\-]{{1,11}}\))?)(?<![\s.,:])[\s.,:]*+"
    r"(?:(?<![a-z\d])|(?<=etal)|(?<=et al))"
    rf"(?:(?P<year>{_YEAR})(?P<suf>[a-z]?)(?=\s*[.,:;，。．]|-(?=\d{{2,4}}\b)(?!\d{{1,2}}-\d)|\s+\S|\s*$)"
    r"|(?:(?<=[.,])|(?<=etal))(?P<bad>(?=[\dOoIl]*\d)[\dOoIl]{2,3}(?=\.|[A-Z])|[\dOoIl]{2,3}(?=\.)))")
# 中国语文 style: a Chinese name glued to the year, a book or article title next: 渡边丽玲1994《题名》
# (not a journal's name before its year and issue: "经济研究, 2016, (4): 60-73" opens no title)
ZGYW_HEAD_RE = re.compile(
    rf"^(?P<auth>{HAN}[{HAN[1:-1]}·、,，\s]{{1,40}}?)\s*(?P<year>{_YEAR})(?P<suf>[a-z]?)\s*[.,:]?\s*"
    r"(?=[《“\"]|[(（](?![\d０-９]))")
# Where the original of a romanised entry may open: "[陈德懋，1993．题名[M]…]" "[曹扬，陈云明 (2014)．…]"
_ORIGINAL_OPEN_RE = re.compile(rf"\[(?={HAN})")
# …and where it closes, at the end of the entry: "…]"  "…]." (OCR may leave a little debris after it)
_ORIGINAL_CLOSE_RE = re.compile(r"\]\s*\.?[^\[\]]{0,60}$")
# A Latin name with its initials after it: "Smith J A" "Van Miegroet H" "CHEN D-M" "Smith J.A." "Park J-R"
_SURNAME_FIRST_RE = re.compile(r"^(?P<surname>.+?)(?<!\s)\s++(?P<initials>(?:[A-Z]\.?\s*-?\s*){1,4})$")
# Initials glued to a surname by OCR: "AguilarR" "Cristobal-PerezEJ" "RedmondBG"
_GLUED_INITIALS_RE = re.compile(r"^(?P<surname>[A-Z][A-Za-zÀ-ÿ'’\-]*[a-zà-ÿ])(?P<initials>[A-Z]{1,3})$")
# Initials or given names before the surname: "A. H. Guth" "J.-R. Park" "John Smith" "Roger B Nelsen"
# (a space or a point before the surname — "Zerbato-Poudou" is one double-barrelled surname —
# or OCR's lost space between a given name and a surname: "MaryUhl-Bien", but not "McGregor")
_GIVEN_FIRST_RE = re.compile(
    r"^(?P<given>(?:(?:[A-Z]\.|[A-Z][a-z]+|[A-Z])\s*(?:-\s*)?)+?)\s*"
    r"(?:(?<=[\s.])|(?<=[a-z]{3})(?<!Mac))(?P<surname>[A-Z][\w'’\-]+)$")
# Only initials: "J." "J. A." "JA" "J.-R." — in "Smith, J." they belong to the name before them
_INITIALS_ONLY_RE = re.compile(r"^(?:[A-Z]\.?\s*-?\s*){1,4}$")
# Lower-case words an organisation's name may hold: "National Bureau of Statistics of China"
_ORG_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "&", "at", "de", "du", "des", "und", "für"})
# A figure's or table's caption label, which OCR may glue to a number like a name to a year: "Fig.l0"
_CAPTION_RE = re.compile(r"(?:fig(?:ure)?|tab(?:le)?|eq(?:uation)?|plate|chart|scheme)\.?$", re.IGNORECASE)
# What OCR leaves after a name: affiliation marks and superscripts ("XG'" "钱瑭璜1" "雷江丽² *")
# (from where a run of marks starts, or at a digit: not from every mark of a long run)
_MARKS_RE = re.compile(r"(?:(?<![\s'’‘¹²³⁴⁵⁶⁷⁸⁹⁰*\\])|(?=\d))(?<!\d)(?:\d(?:\s*,\s*\d)?)?[\s'’‘¹²³⁴⁵⁶⁷⁸⁹⁰*\\]*+$")
# Separators between names: ; , & "and" 和 与 、
_NAME_SEP_RE = re.compile(r"(?:(?<!\s)\s*+|(?<=\s)(?!\s))(?:;|,|&|\band\b|和|与|及|、)\s*+")  # (never from inside a space run)
# An organisation with the acronym its citations use: "China National Environmental Monitoring
# Center (CNEMC)" "国际能源署（IEA）"
ACRONYM_NAME_RE = re.compile(r"^(?P<name>[^()（）]{3,200}?)\s*+[（(]\s*+(?P<acr>[A-Z][A-Z0-9&\-]{1,11})\s*+[)）]$")
# Initials whose first letter OCR lower-cased: "Cosentino sL" (a word of a title has no capital)
_LOWERED_INITIALS_RE = re.compile(r"^[a-z][A-Z]{1,2}\.?$")
# Two names OCR ran together when it lost the comma between them: "Melendez-Pastor I Hernandez EI"
_RUN_TOGETHER_RE = re.compile(r"^(?P<a>[A-Z][\w'’\-]++ [A-Z]{1,3}) ++(?P<b>[A-Z][\w'’\-]++ [A-Z]{1,3})$")
_HAN_NAME_RE = re.compile(rf"^{HAN}[{HAN[1:-1]}·•\s]{{0,30}}$")
# 等 and then more text in one "name": the authors ended, the title began ("等.电信业发展白皮书")
_ET_AL_THEN_TEXT_RE = re.compile(r"^\s*等\s*[.．。]\s*\S")


@dataclass(frozen=True, slots=True)
class EntryKey:
    """Who and when, as an entry prints them."""

    authors: tuple[str, ...]
    et_al: bool
    year: str | None
    suffix: str
    style: EntryStyle
    head_end: int = 0  # where the author-year head ends (the title starts after it)
    repairs: tuple[str, ...] = ()  # OCR damage repaired, as notes for the editor
    original: EntryKey | None = None  # the bracketed original of a romanised entry
    damaged_year: str = ""  # the digits left of a year OCR damaged: "998" for (1998)


def read_year(raw: str) -> tuple[str, str | None]:
    """A printed year and, when OCR put letters for digits, the note saying so."""
    year = raw.translate(OCR_DIGITS)
    return year, (f"year {raw!r} read as {year} (OCR damage?)" if year != raw else None)


def _strip_et_al(text: str) -> tuple[str, bool]:
    m = _ET_AL_END_RE.search(text)
    if m is None:
        return text, False
    return text[:m.start()].rstrip(" ,;"), True


# A Chinese or Japanese name romanised, surname first, then in its own characters, as Chicago and
# Harvard lists print East Asian authors: "Liang Qizi 梁其姿"  "Fuma Susumu 夫馬進"  "Li Wenzhi 李文治"
_ROMANISED_WITH_HAN_RE = re.compile(r"(?<![A-Za-z])(?P<family>[A-Z][a-z]{0,8}) (?P<given>[A-Z][a-z]{1,12}(?:-[a-z]{1,8})?)"
                                    r" [\u4e00-\u9fff\u3040-\u30ff]{2,6}(?![\u4e00-\u9fff])")


# What follows the authors without being authors: Chicago's "with" names, the editors' mark
#   "Will, Pierre-Étienne, and R. Bin Wong, with James Lee, Jean Oi"  "Ebrey, Patricia Buckley, and James L. Watson, eds"
_SECONDARY_NAMES_RE = re.compile(r"(?:,|(?<![ \t,]))[ \t]++with[ \t].{0,300}$|,[ \t]*+eds?\.?$"
                                 r"|(?<![ \t])[ \t]++\((?:eds?|编)\.?\)$")


# Between Chinese names: commas, 、, semicolons, & and colons
# A body's English name with "and" inside it: capitalised words and of/the/and/for, "of" among them
_BODY_WITH_AND_RE = re.compile(r"(?=[^\n]{0,200}? of )[A-Z][\w'’\-]{0,30}(?: (?:[A-Z][\w'’\-]{0,30}|of|the|and|for|on|in)){3,15}")
_ZH_NAME_SEP_RE = re.compile(r"(?:(?<!\s)\s*+|(?<=\s)(?!\s))[,，、;；&:：]++\s*+")  # (never from inside a space run)
# 和 / 与 / 及 between two names ("周文和许凌云") — not inside a body's name: 工业和信息化部, 住房和城乡建设部
_ZH_AND_RE = re.compile(r"(?:(?<!\s)\s*+|(?<=\s)(?!\s))[和与及]\s*+(?=\S{2})")
# How the name of a body ends: 部 局 委 院 办 厅 会 署 所 社 司 行 中心 公司 研究室
_ORGANISATION_END_RE = re.compile(r"(?:[部局委院办厅会署所社司行处馆]|中心|公司|研究室)\s*$")


def split_names(text: str) -> tuple[tuple[str, ...], bool]:
    """The names of an author element, in any style; the flag says whether 等/et al. closed it.

    Initials that stand alone after a comma ("Smith, J., & Lee, K.") join the name before them;
    spaces OCR put inside a Chinese name are dropped ("郭兆 迪" → "郭兆迪").
    """
    body, et_al = _strip_et_al(fold_width(text, keep_enumeration_comma=True).strip().rstrip(".,;:"))
    if not body:
        return (), et_al
    body = _SECONDARY_NAMES_RE.sub("", body)  # "…, with James Lee"  "…, eds": not the work's authors
    if _ROMANISED_WITH_HAN_RE.search(body):  # "Liang Qizi 梁其姿": the surname first, as the characters show
        # (written as the list writes Western names: the first inverted, the others given name first)
        body = _ROMANISED_WITH_HAN_RE.sub(lambda m: f"{m.group('family')}, {m.group('given')}" if m.start() == 0
                                          else f"{m.group('given')} {m.group('family')}", body)
    if is_chinese(body):
        names = []
        parts = [piece for part in _ZH_NAME_SEP_RE.split(body)
                 for piece in ([part] if _ORGANISATION_END_RE.search(part) else _ZH_AND_RE.split(part))]
        for part in parts:
            part, more = _strip_et_al(part)
            et_al = et_al or more
            part = _MARKS_RE.sub("", part.strip(" .")).strip(" .")
            if not part:
                continue
            names.append(part.replace(" ", "") if _HAN_NAME_RE.match(part) else part)
        return tuple(names), et_al
    if "," not in body and _BODY_WITH_AND_RE.fullmatch(body):
        return (body,), et_al  # "Ministry of Ecology and Environment of the People's Republic of China": one body
    out: list[str] = []
    for part in _NAME_SEP_RE.split(body):
        part, more = _strip_et_al(part.strip())
        et_al = et_al or more
        part = _MARKS_RE.sub("", part.strip(" .")).strip(" .")
        if not part:
            continue
        if out and joins_initials(out[-1], part):
            out[-1] = f"{out[-1]}, {part}"  # "Smith" + "J." → "Smith, J."
        elif (two := _RUN_TOGETHER_RE.match(part)) and all(
                any(ch.islower() for ch in two.group(g)) for g in ("a", "b")):
            out += [two.group("a"), two.group("b")]
        else:
            out.append(part)
    if len(out) >= 2 and _SINGLE_NAME_RE.match(out[0]) and _GIVEN_RE.match(out[1]) and (
            len(out) == 2 or _AND_AFTER_GIVEN_RE.search(body)):
        # "Dennerline, Jerry"  "Rowe, William T."  "Ebrey, Patricia Buckley, and James L. Watson": the
        # first author inverted, the others (Chicago, Harvard) given name first
        out[:2] = [f"{out[0]}, {out[1]}"]
    return pair_given_names(tuple(out)), et_al


def joins_initials(before: str, part: str) -> bool:
    """Are ``part``'s initials those of the Latin surname ``before`` it, split off by a comma
    ("Smith, J.", "Tangney，JP", "Rohsenow,D J", "YANG, LP")? Initials are single letters, with points
    or spaces, or a run of at most three capitals ("JP"; not "KAI H" or "HE H", a surname and its
    initial). After an all-capital surname a run must hold no vowel: "ZHANG, LI" is two surnames."""
    if not _INITIALS_ONLY_RE.match(part) or is_chinese(before):
        return False
    tokens = part.replace("-", " ").split()
    if not all(_INITIAL_TOKEN_RE.fullmatch(t) for t in tokens):
        return False
    if _bare_surname(before):
        return True
    runs = [t for t in tokens if "." not in t and len(t) > 1]
    return (before.isupper() and before.isalpha()
            and not any(_VOWELS_RE.search(t) for t in runs))


def pair_given_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """ "Wu", "Eric", "Kong Bin", "Wang Xin" → "Wu, Eric", "Kong Bin", "Wang Xin": where the other
    authors are written with their given names in full, two single words in a row are one author's
    surname and given name that a comma split ("Surname, Given"). Without that evidence ("Marx,
    Engels") each word stays a name."""
    if len(names) < 3 or not any(_FULL_GIVEN_RE.match(n) for n in names):
        return names
    out: list[str] = []
    i = 0
    while i < len(names):
        if i + 1 < len(names) and _SINGLE_NAME_RE.match(names[i]) and _SINGLE_NAME_RE.match(names[i + 1]):
            out.append(f"{names[i]}, {names[i + 1]}")
            i += 2
        else:
            out.append(names[i])
            i += 1
    return tuple(out)


# A given name written out, perhaps with a middle name or initial: "Jerry"  "Patricia Buckley"  "William T"  "R. Bin"
_GIVEN_RE = re.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þa-zà-ÿ][a-zà-ÿ'’]+)?|[A-Z]\.)"
                       r"(?: (?:[A-ZÀ-Þ][a-zà-ÿ'’\-]+|[A-Z]\.?)){0,2}$")
# The first author's given name, then "and" or "&" before the next: "Ebrey, Patricia Buckley, and James"
_AND_AFTER_GIVEN_RE = re.compile(r"^[^,]{1,40},[^,]{1,40},? (?:and|&) ")
# One capitalised word, a surname or a given name alone: "Wu" "Eric" (not "SMITH J", "J.", "van Dijk")
_SINGLE_NAME_RE = re.compile(r"^[A-Z][a-zà-ÿ'’\-]+$")
# A surname and a given name written in full: "Kong Bin" "Wang Xinyu" (not "Kong B", "Smith J. A.")
_FULL_GIVEN_RE = re.compile(r"^[A-Z][a-zà-ÿ'’\-]+ [A-Z][a-zà-ÿ'’\-]+$")
_VOWELS_RE = re.compile(r"[AEIOUVY]", re.IGNORECASE)
# One token of initials: "J"  "J."  "J.A."  "G.V.R"  "JP" (at most three capitals run together)
_INITIAL_TOKEN_RE = re.compile(r"(?:[A-Z]\.)+[A-Z]?|[A-Z]\.?|[A-Z]{2,3}")


def _bare_surname(name: str) -> bool:
    """A surname standing alone, waiting for its initials: "Smith" "van Dijk" (not "SMITH J", not
    "ZHOUJ", whose all-capital form is GB/T style with the initials already there)."""
    return ("," not in name and not _SURNAME_FIRST_RE.match(name) and not _INITIALS_ONLY_RE.match(name)
            and not name.isupper())


def plausible_name(name: str) -> bool:
    """A name, an organisation or initials: not a title, a journal or a sentence."""
    if len(name) > 80 or any(ch.isdigit() for ch in name):
        return False
    if is_chinese(name):
        return bool(_HAN_NAME_RE.match(name)) and len(name.replace(" ", "")) <= 25
    words = name.replace(",", " ").split()
    if not words or (len(words) > 8 and not _BODY_WITH_AND_RE.fullmatch(name)):  # (a body's long English name)
        return False
    initialled = _SURNAME_FIRST_RE.match(name)
    if len(words) <= 4 and initialled is not None and " " not in initialled.group("surname"):
        return True  # "lei R": a surname OCR lower-cased, then initials
    lower = [w for w in words if w[:1].islower() and w.lower().strip(".") not in PARTICLES | _ORG_WORDS
             and not _LOWERED_INITIALS_RE.match(w)]
    return (not lower and words[0][:1].isupper()) or words[0].lower() in PARTICLES


def person_like(name: str) -> bool:
    """A person's name rather than an organisation's or a journal's: a Chinese name of two to
    four characters, or a Latin surname with initials ("Smith J", "Smith, J.", "J. Smith",
    "AguilarR")."""
    name = name.strip().rstrip(".")
    if is_chinese(name):
        return bool(_HAN_NAME_RE.match(name)) and 2 <= len(name.replace(" ", "")) <= 5
    if "," in name:
        family, given = (x.strip() for x in name.split(",", 1))
        # "Smith, J."; or a given name written out after a one-word surname: "Dennerline, Jerry"
        return bool(_INITIALS_ONLY_RE.match(given)) or (bool(_SINGLE_NAME_RE.match(family)) and
                                                       bool(_GIVEN_RE.match(given)))
    if _SURNAME_FIRST_RE.match(name) or _GLUED_INITIALS_RE.match(name):
        return True
    f = _GIVEN_FIRST_RE.match(name)
    return f is not None and bool(re.match(r"[A-Z]\.", f.group("given")))


def _plausible_authors(names: tuple[str, ...]) -> bool:
    """The first name plausible, and most of the others: OCR garbles a later name now and then
    ("Gantsetseg B, shukaM, KurosakiY", "Jednor6g, K.") without making the head a title. A garbled
    surname is one word; words in a row ("et al. Mechanical reliability of the") are a title read as a name."""
    if not names or not plausible_name(names[0]):
        return False
    garbled = [n for n in names[1:] if not plausible_name(n)]
    if any(_ET_AL_THEN_TEXT_RE.match(n) for n in garbled):
        return False  # "…研究院，等.电信业发展白皮书：2023": 等 closed the authors; a title follows, not a year
    return all(len(n.split(",")[0].split()) == 1 for n in garbled) and len(garbled) * 2 <= len(names) - 1


@lru_cache(maxsize=65536)  # each author of up to 10,000 entries, asked of again by each rule
def link_surname(name: str, *, glued: bool = False) -> str:
    """The surname of one author as a link key: lower case, accents and punctuation dropped.

    "Smith, J." "SMITH J A" "J. Smith" → "smith";  "Van Miegroet H" → "vanmiegroet";
    "周文" → "周文" (a Chinese citation gives the full name).  With ``glued`` (an entry's name,
    where OCR may have run the initials on): "AguilarR" → "aguilar".
    """
    name = name.strip().rstrip(".")
    if not name:
        return ""
    if is_chinese(name):
        return re.sub(r"[\s·•.]", "", name)
    if "," in name:
        surname = name.split(",", 1)[0]
    else:
        m = _SURNAME_FIRST_RE.match(name)
        g = _GLUED_INITIALS_RE.match(name) if m is None and glued else None
        f = _GIVEN_FIRST_RE.match(name) if m is None and g is None else None
        if m is not None:
            surname = m.group("surname")
            if glued and (inner := _GLUED_INITIALS_RE.match(surname)) is not None:
                surname = inner.group("surname")  # "LiL J": OCR ran one initial onto the surname
        elif g is not None:
            surname = g.group("surname")
        elif f is not None and not name.isupper():
            surname = f.group("surname")
        else:  # accents, particles, hyphenated or two-letter given names: the one name reader's family
            surname = read_name(name).family or name
    return fold_name(surname)


def without_particles(key_source: str) -> str:
    """A surname with leading particles dropped, folded: "van Miegroet" → "miegroet"."""
    words = key_source.split()
    while len(words) > 1 and words[0].lower() in PARTICLES:
        words = words[1:]
    return fold_name(" ".join(words))


def _head(text: str) -> tuple[re.Match[str], EntryStyle] | None:
    """The author-year head of an entry, tried shape by shape."""
    for pattern, style in ((APA_HEAD_RE, EntryStyle.APA), (ZGYW_HEAD_RE, EntryStyle.ZGYW),
                           (NAME_YEAR_HEAD_RE, EntryStyle.NAME_YEAR)):
        m = pattern.match(text)
        if m is None:
            continue
        names, _ = split_names(m.group("auth"))
        if not _plausible_authors(names):
            continue
        glued = m.end("auth") == m.start("year") - (1 if style is EntryStyle.APA else 0)
        if glued and is_chinese(m.group("auth")) and style is not EntryStyle.ZGYW and not all(
                person_like(n) for n in names):
            continue  # "文集（2023）[M]": a year in a title, not an organisation's year
        return m, style
    return None


@lru_cache(maxsize=32768)  # larger than a list may be (parse.limits): a smaller cache missed every time
def entry_key(raw: str) -> EntryKey | None:
    """The author-year key of an entry whose head is authors then year; None for other shapes.

    Pure and cached: the list reader asks it of a line, and the entry parser of the same text."""
    raw = demath(raw.strip())
    text = fold_width(raw, keep_enumeration_comma=True)
    found = _head(text)
    if found is None:
        return None
    m, style = found
    names, et_al = split_names(raw[:m.end("auth")])
    damaged = m.groupdict().get("bad")
    if damaged and len(damaged) == 2 and damaged.isdigit() and is_chinese(m.group("auth")):
        return None  # "经济学家,(12)": an issue number after a Chinese journal, not a damaged year
    if damaged and len(names) == 1 and _CAPTION_RE.match(names[0]):
        return None  # "Fig.l0Dataset image …": a caption's number, not an author's damaged year
    year: str | None = None
    note: str | None = f"year {damaged!r} could not be read (OCR damage?)" if damaged else None
    if not damaged:  # "(998)" "(2o4)": OCR lost a digit; the year is unknown, its remains kept for linking
        year, note = read_year(m.group("year"))
    original = None
    at = original_start(text)
    if at is not None:
        close = _ORIGINAL_CLOSE_RE.search(text)
        inner = entry_key(raw[at + 1:close.start() if close else len(text)])
        if inner is not None and inner.year and not inner.original:
            original = inner
    return EntryKey(names, et_al, year, m.group("suf") or "", style, m.end(), (note,) if note else (), original,
                    damaged.translate(OCR_DIGITS) if damaged else "")


def original_start(folded: str) -> int | None:
    """Offset of the "[" that opens the Chinese original printed after a romanised entry."""
    if not _ORIGINAL_CLOSE_RE.search(folded):
        return None
    for m in itertools.islice(_ORIGINAL_OPEN_RE.finditer(folded), 8):
        if m.start() > 10 and not is_chinese(folded[:m.start()]) and _YEAR_RE.search(folded, m.end(), m.end() + 120):
            return m.start()
    return None


def starts_entry(line: str) -> bool:
    """Does this line open an author-year entry (authors, then a year right after them)?"""
    return entry_key(line[:600]) is not None
