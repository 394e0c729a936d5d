"""The elements every entry reader shares: type codes, URLs and DOIs, pages and dates, and how a
field is cut from the original text (the folded copy used for matching has the same length)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from citeguard.chars import fold_width
from citeguard.model import Reference

TYPE_CODES = frozenset({"M", "C", "G", "N", "J", "D", "R", "S", "P", "DB", "CP", "EB", "A", "CM",
                        "DS", "Z", "PP", "K"})
CARRIERS = frozenset({"OL", "CD", "DK", "MT", "MM"})

# A type code with optional carrier: [M]  [J/OL]  [EB/OL]  [ DB / OL ]
TYPE_RE = re.compile(r"\[\s*(?P<code>[A-Z]{1,2})\s*(?:/\s*(?P<carrier>[A-Z]{2})\s*)?\]")
# http(s) URL up to whitespace or a CJK character: https://www.gov.cn/a/b.htm — except in a
# Chinese domain name, whose labels may be Han characters: https://例子.中国/a  http://政府.cn/b
# (tried first; "http://www.gov.cn发布的" still ends at "cn", where no dot follows the Han text).
URL_RE = re.compile(
    r"(?:https?|ftp)://(?:"
    r"(?:[A-Za-z0-9\u4e00-\u9fff-]+\.)+[\u4e00-\u9fff]{2,4}(?::\d+)?(?![\u4e00-\u9fff.\w-])"
    r"|(?:[A-Za-z0-9-]+\.)*(?:[A-Za-z0-9-]*[\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff-]*\.)+(?:[A-Za-z0-9-]+\.)*"
    r"[A-Za-z]{2,}(?::\d+)?(?![.\w-])"
    r"|[^\s/?#\u3000-\u303f\u4e00-\u9fff\uff00-\uffef<>\"]+)"
    r"(?:[/?#][^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef<>\"]*)?", re.IGNORECASE)
# DOI, bare or as a doi.org URL: 10.1000/xyz123  doi:10.1000/xyz  https://doi.org/10.1000/x
DOI_RE = re.compile(r"(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/[^\s<>\"]+)",
                    re.IGNORECASE)
# The place written inside an institution's name or field: 华北电力大学(北京)  中国地质大学（武汉）
# "武汉: 武汉理工大学" (a .bib school field holding both)
#   (a city's or region's name: two to four Han characters, not a school's "（工程管理学院）", or a
#   capitalised Latin word or two: "(Beijing)")
_PLACE_INSIDE_RE = re.compile(r"^(?P<name>[^()（）]{2,80}?)\s*+[(（](?P<place>(?![^()（）]*[学院系所部校室心])"
                              r"[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)[)）]$")
_PLACE_BEFORE_RE = re.compile(r"^(?P<place>[^:：,，()（）\d]{2,20}?)\s*+[:：]\s*+(?P<name>\S.{1,80})$")
# An article number or e-locator standing where the pages stand (GB/T 7714 prints it there, and a
# BibTeX style prints eid / articleno in the pages' place): ACM 3-es; ACM article and its pages, which
# start at 1: 123:1-123:12, 98:1-29 (not "2009:1375-1382", a year read into the pages); a physics
# article and its pages, from 1 as well: 125413-1-7, 125413-1-125413-7; a range and
# its supplementary pages 1701-1718.e28; a meeting abstract EGU2012-13378-1; letters and digits
# mixed: e0123456, e2020WR028079, V07BT10A051 (ASME), 05A101, L3; a conference paper's number, Tu5A.2
# (OFC); pages numbered by section, 19.6.1-19.6.4 (IEDM); pages of a numbered volume of proceedings,
# V2-285-V2-288; pages numbered by chapter, 4.4-4.18; ACM's 1.5:1-1.5:16; a meeting abstract's number,
# 335.01 (AAS); an article's own pages, AGU's 38-1-38-4 (every part bounded, one reading each)
_ARTICLE_NUMBER_RE = re.compile(
    r"\d{1,6}-es"
    r"|\d{1,6}(?:\.\d{1,3})?:1(?:-{1,2}(?:\d{1,6}(?:\.\d{1,3})?:)?\d{1,5})?"
    r"|\d{5,8}-1(?:-{1,2}(?:\d{5,8}-)?\d{1,3})?"
    r"|\d{1,6}-\d{1,6}\.e\d{1,4}"
    r"|[A-Za-z]{1,6}\d{4}-\d{1,6}(?:-\d{1,4})?"
    r"|(?=[A-Za-z]{0,20}\d)(?=\d{0,20}[A-Za-z])[A-Za-z\d]{2,20}"
    r"|(?=\d{0,8}[A-Za-z])[A-Za-z\d]{2,8}\.\d{1,3}"
    r"|\d{1,3}\.\d{1,3}\.\d{1,3}(?:-{1,2}\d{1,3}\.\d{1,3}\.\d{1,3})?"
    r"|(?P<vol>[A-Za-z]{1,3}\d{1,3})-\d{1,6}-{1,2}(?P=vol)-\d{1,6}"
    r"|(?P<ch>\d{1,3})\.\d{1,4}-{1,2}(?P=ch)\.\d{1,4}"
    r"|\d{1,5}\.\d{2}"
    r"|(?P<art>\d{1,4})-1-{1,2}(?P=art)-\d{1,4}", re.IGNORECASE)
# An article number as words say it: "Article 4203", "Art. no. 12", "article number e12"
_ARTICLE_WORD_RE = re.compile(r"(?:article|art\.?)(?:no\.?|number|nr\.?)?(?=[A-Za-z]{0,3}\d)", re.IGNORECASE)
# A letter and a few digits: a page of a supplement or section (S186, A12, e555), read as a page
_LETTER_PAGE_RE = re.compile(r"[A-Za-z]\d{1,4}")
# A page list item separator: 191,192  25-26, 30
_PAGE_SEP_RE = re.compile(r"(?:(?<!\s)|(?<=\s)(?!\s))\s*+,\s*+")  # (never from inside a space run)


def cut(raw: str, m: re.Match[str], group: str, base: int = 0) -> str | None:
    """The original text of a match group (offsets are shared by the folded copy)."""
    if m.group(group) is None:
        return None
    value = raw[base + m.start(group):base + m.end(group)].strip()
    return value or None


def split_pages(pages: str | None) -> tuple[str, ...]:
    """ "191,192,25-26" → ("191", "192", "25-26") exactly as written (width-folded commas)."""
    if not pages:
        return ()
    out, pos = [], 0
    for sep in _PAGE_SEP_RE.finditer(fold_width(pages)):  # find commas of either width …
        out.append(pages[pos:sep.start()].strip())  # … but keep each page as the author typed it
        pos = sep.end()
    out.append(pages[pos:].strip())
    return tuple(p for p in out if p)


@lru_cache(maxsize=8192)  # each rule on pages asks of every page item again
def is_article_number(item: str) -> bool:
    """Is this item of an entry's pages an article number or e-locator, not a page or range?
    ("e0123456", "3-es", "123:1-123:12", "V07BT10A051", "Article 4203"; not "25-30", "xii", "S186")."""
    text = re.sub(r"\s+", "", fold_width(item)).replace("–", "-").replace("—", "-")
    word = _ARTICLE_WORD_RE.match(text)
    if word:
        text = text[word.end():]
        return bool(text) and ((text.isdigit() and len(text) <= 10) or _ARTICLE_NUMBER_RE.fullmatch(text) is not None)
    if _ARTICLE_NUMBER_RE.fullmatch(text) is not None and not _LETTER_PAGE_RE.fullmatch(text):
        return True
    # the same article number as both ends of a "range": V001T01A003-V001T01A003 (ASME's .bib exports)
    head, dash, tail = text.partition("-")
    return bool(dash) and head == tail and any(ch.isalpha() for ch in head) and is_article_number(head)


def iso_date(value: str | None) -> str | None:
    """ "2024-2-2" → "2024-02-02"; None stays None."""
    if not value:
        return None
    parts = fold_width(value).split("-")
    if len(parts) != 3:
        return value
    year, month, day = parts
    return f"{year}-{int(month):02d}-{int(day):02d}"


def with_fields(base: Reference, fields: dict[str, object]) -> Reference:
    return replace(base, **{k: v for k, v in fields.items() if v is not None})  # type: ignore[arg-type]


def place_in_institution(value: str) -> tuple[str, bool] | None:
    """The place an institution field holds, and whether it stands inside the name (out of GB/T
    7714's order, "华北电力大学(北京)") rather than before it in order ("武汉: 武汉理工大学")."""
    m = _PLACE_INSIDE_RE.match(value.strip())
    if m:
        return m.group("place").strip(), True
    m = _PLACE_BEFORE_RE.match(value.strip())
    return (m.group("place").strip(), False) if m else None
