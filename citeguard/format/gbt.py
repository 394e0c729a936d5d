"""GB/T 7714 entries rendered from their fields: what an entry looks like when it follows the
standard (numeric or author-year system) in the punctuation a list uses — half-width marks with a
space after each (the standard's own examples), without the space, or full-width marks in Chinese
entries (a house style many Chinese journals keep). Pure: a Reference in, a string out.

The renderer prints each field as the entry has it (names, titles and page lists are not
rewritten); what it decides is the order of the elements, the marks between them and which
elements an entry of each type carries."""

from __future__ import annotations

from dataclasses import dataclass

from citeguard.model import EntryStyle, Language, Reference, Standard
from citeguard.parse.entrykey import entry_key

# Types printed as a book: 出版地: 出版者, 出版年: 页码 (M 专著, C 会议录, G 汇编, D 学位论文, R 报告,
# S 标准, P 专利, A 档案, Z 其他, DB 数据库, CP 计算机程序, DS 数据集)
_DATED = frozenset({"P", "A", "R"})  # types whose imprint may carry a full date instead of a year
_BOOKLIKE = frozenset({"M", "C", "G", "D", "R", "S", "P", "A", "Z", "DB", "CP", "DS", "CM", "K"})


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """How a list prints the standard's marks."""

    spaced: bool = True  # ". " ": " ", " (the standard's examples) or ".:," with nothing after
    full_width_zh: bool = False  # Chinese entries with ．：， instead of . : ,
    author_year: bool = False  # 著者-出版年制: the year follows the authors
    edition: Standard = Standard.GB2015
    edition_marks: bool = False  # the edition's own marks (2025: ，：（） in Chinese entries) over the house's


def edition_style(edition: Standard, *, author_year: bool = False) -> HouseStyle:
    """The marks the edition's own examples print: 2015 half-width with a space after each; 2025 the
    same for Western entries, and full-width ，：（） with the half-width period in Chinese ones."""
    return HouseStyle(spaced=True, author_year=author_year, edition=edition, edition_marks=True)


@dataclass(frozen=True, slots=True)
class _Marks:
    period: str
    colon: str
    comma: str
    open: str = "("
    close: str = ")"

    @classmethod
    def of(cls, ref: Reference, style: HouseStyle) -> _Marks:
        chinese = ref.language is Language.ZH
        if style.edition_marks and style.edition is Standard.GB2025 and chinese:
            return cls(". ", "：", "，", "（", "）")
        if style.full_width_zh and chinese:
            return cls("．", "：", "，")
        gap = " " if style.spaced else ""
        return cls("." + gap, ":" + gap, "," + gap)


def _authors(names: tuple[str, ...], et_al: bool, ref: Reference, m: _Marks) -> str:
    """The names as printed, then 等 (a Chinese entry) or et al (the period comes after)."""
    out = m.comma.join(n.strip() for n in names)
    if et_al:
        out += m.comma + ("等" if ref.language is Language.ZH else "et al")
    return out


def _tag(ref: Reference) -> str:
    return f"[{ref.type_code}{'/' + ref.carrier if ref.carrier else ''}]"


def _pages(ref: Reference, m: _Marks) -> str:
    return m.comma.join(p.strip() for p in ref.pages)


def _journal(ref: Reference, m: _Marks, style: HouseStyle) -> str:
    """刊名, 年, 卷(期): 页码 — the year left out in the author-year system (it follows the authors)."""
    out = ref.container or ""
    if not style.author_year and ref.year:
        out += (m.comma if out else "") + ref.year + ref.year_suffix
    if ref.volume:
        out += (m.comma if out else "") + ref.volume
    if ref.issue:  # "2023(10)", "56(1)"; with neither year nor volume before it: "刊名, (7)"
        out += (m.comma if out and not ref.volume and (style.author_year or not ref.year) else "") + \
            f"{m.open}{ref.issue}{m.close}"
    if ref.pages:
        out += m.colon + _pages(ref, m)
    return out


def _book(ref: Reference, m: _Marks, style: HouseStyle) -> str:
    """版本. 出版地: 出版者, 出版年: 页码."""
    parts = []
    if ref.place and ref.publisher:
        parts.append(ref.place + m.colon + ref.publisher)
    elif ref.place or ref.publisher:
        parts.append(ref.place or ref.publisher or "")
    out = (ref.edition + m.period if ref.edition else "") + "".join(parts)
    # (a patent's, report's or archive's date where it has one: 2008-01-16, 1931-11-07)
    when = ref.date if ref.type_code in _DATED and ref.date else (ref.year or "") + ref.year_suffix
    if not style.author_year and when:
        out += (m.comma if parts else "") + when
    if ref.pages:
        out += m.colon + _pages(ref, m)
    return out


def _newspaper(ref: Reference, m: _Marks) -> str:
    """报纸名, 出版日期(版次)."""
    out = ref.container or ""
    when = ref.date or ref.year
    if when:
        out += m.comma + when
    if ref.edition:
        out += f"{m.open}{ref.edition}{m.close}"
    return out


def _serial(ref: Reference, m: _Marks) -> str:
    """A serial cited whole: 1984, 1(1)—. 武汉: 中华医学会湖北分会, 1984—."""
    first = (ref.year or "") + (m.comma + ref.volume if ref.volume else "") + (
        f"{m.open}{ref.issue}{m.close}" if ref.issue else "") + "—"
    imprint = m.colon.join(x for x in (ref.place, ref.publisher) if x)
    return first + (m.period + imprint + m.comma + (ref.year or "") + "—" if imprint else "")


def _platform(ref: Reference, m: _Marks) -> str:
    """A data set's or preprint's version and platform with its dates: V1.0. 平台(2023-09-10)[2025-07-15]."""
    out = (ref.edition + m.period if ref.edition else "") + (ref.publisher or "")
    when = ref.update_date or (ref.year if not ref.access_date or ref.publisher else None)
    return out + (f"({when})" if when else "") + (f"[{ref.access_date}]" if ref.access_date else "")


def _online(ref: Reference, m: _Marks, style: HouseStyle) -> str:
    """[出版地: 出版者, 出版年](更新日期)[引用日期]."""
    if ref.type_code in ("DS", "PP"):
        return _platform(ref, m)
    out = _book(ref, m, style) if (ref.place or ref.publisher) else ""
    if not out and not (ref.update_date or ref.access_date) and (ref.date or ref.year):
        # a report, patent or archive online: its date (and cited pages) where an imprint would stand
        out = (ref.date if ref.type_code in _DATED and ref.date else ref.year or "") + (
            m.colon + _pages(ref, m) if ref.pages else "")
    if out and style.author_year and (ref.update_date or ref.access_date):
        out += m.period  # the year moved up after the authors: the imprint ends, the dates follow (…Journalism. (2023-06-14))
    if ref.update_date:
        out += f"({ref.update_date})"
    if ref.access_date:
        out += f"[{ref.access_date}]"
    return out


def render_entry(ref: Reference, style: HouseStyle = HouseStyle()) -> str:
    """The entry as GB/T 7714 prints it, from its fields (without its number or label)."""
    m = _Marks.of(ref, style)
    code = ref.type_code or "Z"
    head = _authors(ref.authors, ref.et_al, ref, m)
    if style.author_year and ref.year:
        head += (m.comma if head else "") + ref.year + ref.year_suffix
    pieces = [head] if head else []
    title = ref.title or ""
    if ref.identifier and code == "S":  # a standard's number before its title: GB/T 3792—2021 信息与文献…
        title = f"{ref.identifier} {title}".strip()
    elif ref.identifier and code in ("R", "P", "A"):  # a report's, patent's or archive's number after it
        title = f"{title}{m.colon}{ref.identifier}" if title else ref.identifier
    title += _tag(ref)
    if ref.container and code not in ("J", "N") and (ref.volume or ref.issue) and not (
            ref.place or ref.publisher or ref.host_authors):
        body = _journal(ref, m, style)  # a paper in proceedings printed as a serial: [C]. 刊名, 年, 卷(期): 页
    elif ref.container and code not in ("J", "N") and (ref.host_authors or code in _BOOKLIKE):
        # a contribution: 析出题名[M]//专著主要责任者. 专著题名. 出版地: 出版者, 年: 页码
        host = m.comma.join(ref.host_authors)
        title += "//" + (host + m.period if host else "") + ref.container
        body = _book(ref, m, style) if code in _BOOKLIKE else _online(ref, m, style)
    elif code == "J" and not ref.container and (ref.place or ref.publisher):
        body = _serial(ref, m)
    elif code == "J" and ref.date and not (ref.volume or ref.issue or ref.pages):
        body = _newspaper(ref, m)  # an article published online first: 刊名, 2024-05-09
    elif code == "J":
        body = _journal(ref, m, style)
    elif code == "N":
        body = _newspaper(ref, m)
    elif code in _BOOKLIKE and not ref.carrier:
        body = _book(ref, m, style)
    else:  # EB/OL and other electronic resources; a [J/OL] article keeps its journal part
        body = _online(ref, m, style)
    if ref.carrier and code == "J":
        body += (f"[{ref.access_date}]" if ref.access_date else "")
    pieces.append(title)
    if body:
        pieces.append(body)
    out = m.period.join(p for p in pieces if p)
    tail = [x for x in (ref.url, f"DOI:{ref.doi}" if ref.doi and not (ref.url and ref.doi in ref.url) else "",
                        ref.identifier if ref.identifier and ref.identifier.startswith("CSTR") else "") if x]
    if tail:  # the address comes last, with no mark after it (a period would read as part of it)
        return out + m.period + m.period.join(tail)
    return out + m.period.rstrip()


def house_style(references: tuple[Reference, ...] | list[Reference], edition: Standard = Standard.GB2015
                ) -> HouseStyle:
    """The conventions most GB/T entries of a list follow: the year after the authors (著者-出版年制),
    a space after the marks, full-width marks in Chinese entries."""
    entries = [r for r in references if r.style is EntryStyle.GBT and r.type_code]
    if not entries:
        return HouseStyle(edition=edition)
    half = len(entries) / 2
    author_year = sum(1 for r in entries if (key := entry_key(r.raw[:600])) is not None and key.year == r.year) > half
    tagged = [r.raw[r.raw.find("]") + 1:r.raw.find("]") + 3] for r in entries if "]" in r.raw]
    spaced = sum(1 for t in tagged if t[:1] in ".," and t[1:2] == " ") * 2 >= len(tagged)
    chinese = [r for r in entries if r.language is Language.ZH]
    full = bool(chinese) and sum(1 for r in chinese if "］．" in r.raw or "]．" in r.raw or "，" in r.raw) > len(chinese) / 2
    return HouseStyle(spaced=spaced, full_width_zh=full, author_year=author_year, edition=edition)
