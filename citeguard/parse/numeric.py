"""Numeric citations: [3] [1-3] [1，2] ^[2]260, the forms OCR leaves of them, and the name a
numbered paper often prints before the number (洪银兴[5], 刘伟等[3], Smith et al. [4]).

The name is kept only when the reference list knows it, so that "研究表明[5]" stays a plain
number; a rule then checks it against the entry the number points to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from citeguard.chars import HAN
from citeguard.model import CitationKind
from citeguard.parse.cited import NameLexicon, RawCitation
from citeguard.parse.hanname import is_han_name

# A numeric citation: [3]  [1-3]  [1,4]  [1， 2,3, 4]  ^[2]  ^[2]260  [ 1 9 ] (OCR's spaced digits)
NUMERIC_RE = re.compile(r"(?P<sup>\^)?\[(?P<body>\s*\d(?: ?\d){0,2}(?:\s*[-–—~,，、]\s*\d(?: ?\d){0,2})*\s*)\]"
                        r"(?P<page>(?<=\])\d{1,4}(?:-\d{1,4})?(?![\d年月日.]))?")
# A Markdown image, whose alt text may hold brackets: ![alt [x]](path.png)
IMAGE_RE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,500}\]\([^)\s]{0,500}\)")
# Numeric citations OCR lost a bracket of, taken only for numbers the list has:
# "…丝毫价值7]" (after a Chinese character)  "记录的技术[2，或称" "[12，13" (before Chinese text)
_HALF_NUMERIC_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?P<a>\d{1,3}(?:\s*[-–—,]\s*\d{1,3})*)\](?!\()"
    r"|\[(?P<b>\d{1,3}(?:\s*[-–—,]\s*\d{1,3})*)(?=[\u4e00-\u9fff,;、。])"
    r"|(?<=[\u4e00-\u9fff])\[(?P<c>\d{1,3}(?:\.\d{1,3})+)\]")  # "需求[8.9]。": OCR's period for a comma
# A citation OCR raised inside math: "$\\mathbf { t } ^ { [ 1 ] }$" "$6 7 \\% ^ { [ 2 ] }$"
_RAISED_IN_MATH_RE = re.compile(r"\^\s*\{?\s*\[$")
# The cited work's year printed between the name and the number: "林毅夫（2014）[7]" "Smith (2019) [3]"
# (the text is width-folded, so （） arrive as ()); only a bare year — "(2019, p. 5)" is not taken
_YEAR_BETWEEN = r"(?:\s*\((?P<year>(?:1[5-9]|20)\d{2})(?P<suffix>[a-z]?)\))?"
# Chinese names just before a number: "洪银兴[5]" "刘伟等[3]" "高帆和洪银兴[5]" "黄群慧 等[2]" "林毅夫（2014）[7]"
_ZH_NAME = rf"(?:(?!等){HAN}){{2,4}}"
_ZH_NAMES_BEFORE_RE = re.compile(rf"(?P<names>{_ZH_NAME}(?:[、和与]{_ZH_NAME})?)(?P<etal>\s*等)?{_YEAR_BETWEEN}\s*$")
# Capitalised words "et al." may follow that are not names: "Table et al." never, but headings do start sentences
_NOT_SURNAMES = frozenset({"the", "this", "these", "that", "table", "figure", "fig", "section", "chapter", "eq",
                           "equation", "ref", "refs", "see", "and", "also", "in", "as", "by"})
# Latin names just before a number: "Smith[4]" "Smith et al.[4]" "Smith and Jones [4]" "Smith等[4]"
# "Smith et al. (2019) [4]"
_EN_NAMES_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?P<names>[A-Z][A-Za-z'’\-]+(?:\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?)"
    rf"(?P<etal>\s*(?:et\s*\.?\s*al\b\.?|等))?{_YEAR_BETWEEN}\s*$")


# The separators of a bracket's list: "1, 2"  "1，2"  "1、2" (a match starts where a space run
# starts, never inside one, which would rescan the run from every position)
_LIST_SEP_RE = re.compile(r"(?:(?<!\s)\s*+|(?<=\s)(?!\s))[,，、]\s*+")
# A space OCR put between the digits of one number: "1 9" in "[ 1 9 ]"
_SPACED_DIGITS_RE = re.compile(r"(?<=\d) (?=\d)")
# An element of a bracket's list that is 0 or a range from 0: "0"  "0-9" (not "10", not "9-0")
_ZERO_FIRST_RE = re.compile(r"0+(?!\d)")
# What stands before a bracket that is a value, not a citation: "x = [1, 2]", "x ∈ [1, 5]", "\\in [2, 3]"
# (not ">": "<td>[33]" is a citation in an HTML table cell)
_VALUE_BEFORE_RE = re.compile(r"(?:[=∈]|\\in)\s*$")
# What follows the label of a Markdown link reference definition (at a line's start): "[3]: https://…" "[3]: <…>"
_LINK_DEFINITION_RE = re.compile(r"\]:[ \t]*(?:<|https?://|ftp://|www\.|/|#)")
# The text of a bracket just before "[3]" that makes it a reference-style link: "[project page][3]"
# (a bracket holding a letter or a Han character, not "[2][3]", two citations in a row)
_LINK_TEXT_BEFORE_RE = re.compile(r"\[[^\[\]\n]{0,300}[A-Za-z\u4e00-\u9fff][^\[\]\n]{0,300}\]$")


def not_a_citation(body: str, text: str, start: int, end: int) -> bool:
    """Is the bracket ``text[start:end]`` (inside: ``body``) something other than a citation? An
    interval, vector or index holding 0 ([0, 1], [1, 0], [0]); a grid cell or pair repeating a number
    ([2,2], [6,6]-phenyl); a value after "=" or "∈"; a Markdown reference link ([page][3]) or its
    definition ("[3]: https://…"). Citation numbers start at 1 and a citation names each work once."""
    if "0" in body or _LIST_SEP_RE.search(body):
        parts = [p for p in _LIST_SEP_RE.split(_SPACED_DIGITS_RE.sub("", body.strip())) if p]
        if len(set(parts)) < len(parts) or any(_ZERO_FIRST_RE.match(p) for p in parts):
            return True
    if _VALUE_BEFORE_RE.search(text, max(0, start - 20), start):
        return True
    if start and text[start - 1] == "]" and _LINK_TEXT_BEFORE_RE.search(text, max(0, start - 700), start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t") and _LINK_DEFINITION_RE.match(text, end - 1) is not None


MAX_GROUP_NUMBERS = 500  # numbers one bracket may cite (the longest real group cites a few dozen)


def numbers_in(body: str) -> tuple[int, ...]:
    """ "1-3, 5" → (1, 2, 3, 5); a reversed or huge range yields only its ends."""
    out: list[int] = []
    body = re.sub(r"(?<=\d) (?=\d)", "", body)  # "[ 1 9 ]": OCR spaced the digits of 19
    for part in re.split(r"\s*[,，、]\s*", body.strip()):
        bounds = [int(x) for x in re.split(r"\s*[-–—~]\s*", part) if x]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= 200:
            out.extend(range(bounds[0], bounds[1] + 1))
        else:
            out.extend(bounds)
        if len(out) >= MAX_GROUP_NUMBERS:  # "[1-200,1-200,…]": 33 citations per character typed
            break
    return tuple(n for n in out[:MAX_GROUP_NUMBERS] if n > 0)


@dataclass(frozen=True, slots=True)
class NameBefore:
    """The author (and the year) printed just before a number: "林毅夫（2014）[7]"."""

    start: int  # offset of the name in the paragraph
    text: str  # as printed, up to the number: "林毅夫（2014）"
    names: tuple[str, ...]
    et_al: bool
    year: str | None = None  # the year printed between name and number, when there is one
    suffix: str = ""


def _misspelt_known(name: str, lexicon: NameLexicon) -> bool:
    """A Han name of three characters one character away from a list author's with the same
    surname ("殷明胜" for 殷民胜): the author's name misspelt, not a word of the prose."""
    return len(name) == 3 and is_han_name(name) and any(
        len(known) == 3 and known[0] == name[0] and sum(a != b for a, b in zip(known, name, strict=True)) == 1
        for known in lexicon.names)


def name_before(text: str, start: int, lexicon: NameLexicon) -> NameBefore | None:
    """The author named just before a number, when the list knows the first name: "洪银兴[5]" →
    (…, "洪银兴", ("洪银兴",), False); with the year printed between them, "林毅夫（2014）[7]"."""
    before = text[max(0, start - 50):start]
    shift = max(0, start - 50)
    m = _ZH_NAMES_BEFORE_RE.search(before)
    if m is not None:
        names = tuple(re.split(r"[、和与]", m.group("names")))
        # the longest known name ending the text: "研究者周文" cites 周文
        first = names[0]
        for size in range(min(len(first), 4), 1, -1):
            if lexicon.knows(first[-size:]) or (size == len(first) and _misspelt_known(first, lexicon)):
                cut = len(first) - size
                names = (first[-size:], *names[1:])
                return NameBefore(shift + m.start() + cut, m.group(0)[cut:].rstrip(), names, bool(m.group("etal")),
                                  m.group("year"), m.group("suffix") or "")
        return None
    m = _EN_NAMES_BEFORE_RE.search(before)
    if m is not None:
        names = tuple(re.split(r"\s+(?:and|&)\s+", m.group("names")))
        # a name the list knows, or any surname "et al." follows ("Gomez-Bombarelli et al. [21]": the
        # name of a work that may not be the numbered one — which is what CG113 asks)
        if lexicon.knows(names[0]) or (m.group("etal") and "等" not in m.group("etal")
                                       and names[0].casefold() not in _NOT_SURNAMES):
            return NameBefore(shift + m.start(), m.group(0).rstrip(), names, bool(m.group("etal")), m.group("year"),
                              m.group("suffix") or "")
    return None


def numeric_citations(text: str, original: str, math: list[tuple[int, int]], lexicon: NameLexicon, group: int,
                      max_number: int, limit: int | None = None) -> list[RawCitation]:
    """The numeric citations of a paragraph (``text`` width-folded, ``original`` as typed), with
    the name printed before each when the list knows it.  ``max_number``: the highest entry
    number of a numbered list, for citations OCR lost a bracket of (none when 0). More than
    ``limit`` are not all read (the caller refuses the manuscript)."""
    found: list[RawCitation] = []
    values: list[tuple[int, int]] = []  # brackets that are not citations: no half of one is either
    math_starts = [lo for lo, _ in math]
    for m in NUMERIC_RE.finditer(text):
        if limit is not None and len(found) > limit:
            return found
        if original[m.end("body") + 1:m.end("body") + 2] == "(":
            continue  # a Markdown link [1](…); "[1]（" before a Chinese bracket is a citation
        inside = bisect.bisect_right(math_starts, m.start()) - 1  # the math spans are in order and apart
        if inside >= 0 and m.start() < math[inside][1] and not _RAISED_IN_MATH_RE.search(
                text, math[inside][0], m.start() + 1):
            continue
        numbers = numbers_in(m.group("body"))
        if not numbers:
            continue
        if not_a_citation(m.group("body"), text, m.start(), m.end("body") + 1):
            values.append((m.start(), m.end()))
            continue
        group += 1
        page = m.group("page") if m.group("sup") else None
        end = m.end() if page else m.end("body") + 1
        found.append(_cited(text, m.start(), end, numbers, (page,) if page else (), group, lexicon))
    found = _bracket_ranges(text, found, lexicon)
    if max_number:
        taken = [(c.start, c.end) for c in found]
        for m in _HALF_NUMERIC_RE.finditer(text):
            if any(lo < m.end() and m.start() < hi for lo, hi in [*taken, *math, *values]):
                continue
            numbers = numbers_in(m.group("a") or m.group("b") or m.group("c").replace(".", ","))
            if m.group("c") and list(numbers) != sorted(set(numbers)):
                continue  # "[2.1]" is a section number; "[8.9]" runs up like a citation
            if numbers and all(n <= max_number for n in numbers):
                group += 1
                found.append(_cited(text, m.start(), m.end(), numbers, (), group, lexicon))
    return found


# What joins two brackets into one range, as IEEE prints it: "[3]–[5]"  "[6] - [8]"
_BRACKET_DASH_RE = re.compile(r"[ \t]?[-–—~][ \t]?")
MAX_BRACKET_RANGE = 100  # entries one "[a]–[b]" may span (more: not a range of citations)


def _bracket_ranges(text: str, found: list[RawCitation], lexicon: NameLexicon) -> list[RawCitation]:
    """Two one-number brackets joined by a dash, "[3]–[5]", are one citation of 3, 4 and 5."""
    out: list[RawCitation] = []
    for c in found:
        last = out[-1] if out else None
        if (last is not None and len(last.numbers) == 1 and len(c.numbers) == 1 and not c.pages and not last.pages
                and _BRACKET_DASH_RE.fullmatch(text, last.end, c.start)
                and 0 < c.numbers[0] - last.numbers[0] <= MAX_BRACKET_RANGE):
            numbers = tuple(range(last.numbers[0], c.numbers[0] + 1))
            joined = _cited(text, last.start, c.end, numbers, (), last.group, lexicon)
            out[-1] = joined
            continue
        out.append(c)
    return out


def _cited(text: str, start: int, end: int, numbers: tuple[int, ...], pages: tuple[str, ...], group: int,
           lexicon: NameLexicon) -> RawCitation:
    named = name_before(text, start, lexicon) if len(numbers) == 1 else None
    if named is None:
        return RawCitation(CitationKind.NUMERIC, start, end, text[start:end], numbers=numbers, pages=pages,
                           group=group)
    return RawCitation(CitationKind.NUMERIC, start, end, text[start:end], narrative=True, author_text=named.text,
                       authors=named.names, et_al=named.et_al, year=named.year, year_suffix=named.suffix,
                       numbers=numbers, pages=pages, group=group, author_start=named.start)
