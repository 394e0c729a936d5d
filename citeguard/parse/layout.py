"""Split a manuscript into regions: front matter, body paragraphs, footnote blocks (which close
pages), the reference list and trailing matter (English title block, author note).

Extracted text rarely has page breaks, but a footnote block can only stand at a page foot, so
each footnote block closes a page; a form feed (``\f``, as pdftotext and the PDF reader write
it) closes one too.  A paragraph cut in two by a page foot is joined back: the part
before the block does not end a sentence and the part after is not a heading.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from citeguard.parse.entrykey import starts_entry
from citeguard.parse.lines import Line, split_lines
from citeguard.parse.mdnotes import MdNote, fenced_lines, find_definitions
from citeguard.parse.reflist import END_RE, LABEL_RE, EntryBlock, ListRegion, find_list, heading_match, read_region
from citeguard.parse.text import CIRCLED_CHARS, CIRCLED_NUMBER, FOOTNOTE_MARK, SENTENCE_END_RE

# A footnote line: "① text", "^① text", "^{①} text", "^{*} text" (the fund note).
FOOTNOTE_LINE_RE = re.compile(FOOTNOTE_MARK + r"[ \t]*(?P<text>\S.*)$")
# English abstract label: "Abstract:", "**Abstract**", "Abstract"
ABSTRACT_EN_RE = re.compile(r"^[ \t]*(?:#+[ \t]*)?\**(?:Abstract|ABSTRACT)\b")
# Chinese section headings: "一、…", "（一）…", "(二) …", "# 1 Introduction", "1.2 方法"
HEADING_RE = re.compile(
    r"^[ \t]*(?:#+[ \t]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|第[一二三四五六七八九十]+[章节部分])")
YAML_FENCE_RE = re.compile(r"^---[ \t]*$")
# Text that marks a line as a reference entry: "(2014)", "2014," "2014."
_ENTRY_LIKE_RE = re.compile(r"\(\s*[12]\d{3}[a-z]?\s*\)|\b(?:19|20)\d{2}[.,;:]")
@dataclass(frozen=True, slots=True)
class Segment:
    """A contiguous piece of a paragraph: ``text[start:end]`` of the source, on ``page``."""

    start: int
    end: int
    page: int


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A body paragraph before citations are read: one or more segments (joined at page feet)."""

    segments: tuple[Segment, ...]
    text: str
    is_heading: bool
    # Where each segment ends in :attr:`text`: offsets are mapped by bisection, since a paragraph
    # may run over hundreds of page feet and be asked for thousands of citations.
    ends: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ends", tuple(itertools.accumulate(seg.end - seg.start for seg in self.segments)))

    def source_offset(self, offset: int) -> int:
        """Map an offset in :attr:`text` to an offset in the source text."""
        index = bisect_right(self.ends, offset)
        if index >= len(self.segments):
            return self.segments[-1].end + offset - self.ends[-1]
        consumed = self.ends[index - 1] if index else 0
        return self.segments[index].start + offset - consumed

    def page_at(self, offset: int) -> int:
        index = bisect_right(self.ends, offset)
        return self.segments[min(index, len(self.segments) - 1)].page


@dataclass(frozen=True, slots=True)
class FootnoteLine:
    """A footnote (or the fund note) with its text span and page."""

    symbol: str
    page: int
    start: int  # offset of the line start (the mark)
    text_start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Layout:
    """Regions of the document, as offsets into the source text."""

    lines: tuple[Line, ...]
    front: tuple[Line, ...]  # non-blank lines of the leading front matter
    trailing: tuple[Line, ...]  # non-blank lines after the reference list
    paragraphs: tuple[RawParagraph, ...]
    footnotes: tuple[FootnoteLine, ...]
    page_ends: tuple[int, ...]  # offset where each page ends (last page: len(text))
    entries: tuple[EntryBlock, ...]
    ref_heading: tuple[int, int] | None  # offsets of the heading words of the reference list
    yaml: tuple[Line, ...]
    md_notes: tuple[MdNote, ...] = ()  # Markdown footnote definitions [^3]: …
    list_starts: tuple[int, ...] = ()  # where each list starts, when each chapter has its own (else empty)


_CIRCLED = frozenset(CIRCLED_CHARS)
MAX_ITEMS = 50  # items of a procedure numbered ① ② … at line starts (the circled numbers go to 50)
# Footnote marks at the end of a paragraph: "…发展。①"  "…”^{②}"
_TRAILING_MARKS_RE = re.compile(rf"(?:\^?\{{?[{CIRCLED_CHARS}]\}}?\s*)+$")


def _ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (marks after the full stop do not count)."""
    # The tail is enough, and a line of thousands of marks would cost a scan per mark.
    return bool(SENTENCE_END_RE.search(_TRAILING_MARKS_RE.sub("", text.rstrip()[-400:])))


def footnote_match(line: Line) -> re.Match[str] | None:
    return FOOTNOTE_LINE_RE.match(line.text)


def analyse(text: str, front_end: int) -> Layout:
    """Cut ``text`` into regions.  ``front_end`` is the index of the first body line."""
    lines = split_lines(text)
    yaml: list[Line] = []
    yaml_end = 0
    if lines and YAML_FENCE_RE.match(lines[0].text):
        for ln in lines[1:]:
            if YAML_FENCE_RE.match(ln.text) or ln.text.strip() == "...":
                yaml = list(lines[1:ln.index])
                yaml_end = ln.index + 1
                front_end = max(front_end, yaml_end)
                break
    md_notes = find_definitions(lines[front_end:])
    # Footnote definitions are notes, and fenced code is code: neither is body text nor an entry.
    used = {i for note in md_notes for i in note.lines} | fenced_lines(lines)
    if used:
        lines = tuple(Line(ln.index, ln.start, ln.end, "") if ln.index in used else ln for ln in lines)
    region = find_list(lines, front_end, len(lines))
    if region is not None:
        trailing_at = _trailing_start(lines, region.first_line + 1, len(lines))
        if trailing_at < region.end_line:  # the English title block after a Chinese list ends it
            region = find_list(lines, region.first_line, trailing_at)
    regions = chapter_lists(lines, front_end, len(lines), region) if region is not None else ()
    # a list after each chapter: the lines of every list are not body text, the text between them is
    in_list = bytearray(len(lines))
    for each in regions:
        in_list[each.first_line:each.end_line] = b"\x01" * (each.end_line - each.first_line)
    if regions:
        ref_end, entries = regions[-1].end_line, tuple(e for each in regions for e in each.entries)
    else:
        ref_end = _trailing_start(lines, max(front_end, len(lines) // 2), len(lines))
        entries = ()

    footnotes: list[FootnoteLine] = []
    page_ends: list[int] = []
    paragraphs: list[RawParagraph] = []
    page = 1
    pending: list[Line] = []  # lines of the paragraph being collected
    carry: RawParagraph | None = None  # paragraph cut by a page foot, waiting for its rest
    last_fn: FootnoteLine | None = None

    def flush() -> None:
        nonlocal pending, carry
        if not pending:
            return
        seg = Segment(pending[0].start, pending[-1].end, page)
        body = text[seg.start:seg.end]
        heading_like = bool(HEADING_RE.match(body)) and len(pending) == 1 and len(body) < 80
        if carry is not None and not heading_like:
            joined = RawParagraph((*carry.segments, seg), carry.text + body, carry.is_heading)
            paragraphs.append(joined)
        else:
            if carry is not None:
                paragraphs.append(carry)
            paragraphs.append(RawParagraph((seg,), body, heading_like))
        carry = None
        pending = []

    in_block = False
    items_until = 0  # lines before this one number the items of a procedure, not notes
    marked: set[str] = set()  # circled numbers in the body text of the page so far
    for ln in lines[front_end:ref_end]:
        in_refs = bool(in_list[ln.index])
        if ln.text.startswith("\f"):
            # A form feed is a page break (pdftotext, citeguard's PDF reader): the page ends here,
            # whether or not it had footnotes; a paragraph it cuts is joined as at a page foot.
            if not in_block:
                flush()
                last = paragraphs[-1] if paragraphs else None
                if last is not None and not last.is_heading and not in_refs and not _ends_sentence(last.text):
                    carry = paragraphs.pop()
            page_ends.append(ln.start)
            page += 1
            in_block = False
            last_fn = None
            marked = set()
            if ln.blank:
                continue
        m = footnote_match(ln) if ln.index >= items_until else None
        if m and not in_block and not in_refs:
            items_until = _item_block(lines, ln.index, marked)
            m = None if items_until > ln.index else m
        if m:
            if not in_block:
                flush()
                last = paragraphs[-1] if paragraphs else None
                if last is not None and not last.is_heading and not in_refs and not _ends_sentence(last.text):
                    carry = paragraphs.pop()  # the page foot cut this paragraph; its rest follows the block
                in_block = True
            symbol = m.group("a") or m.group("b") or m.group("c")
            last_fn = FootnoteLine(symbol, page, ln.start, ln.start + m.start("text"), ln.end, m.group("text"))
            footnotes.append(last_fn)
            continue
        if in_block:
            if ln.blank:
                last_fn = None
                continue
            if last_fn is not None and not in_refs:
                # A line right under a footnote, with no blank line between, continues it.
                merged = FootnoteLine(last_fn.symbol, last_fn.page, last_fn.start, last_fn.text_start,
                                      ln.end, text[last_fn.text_start:ln.end])
                footnotes[-1] = last_fn = merged
                continue
            page_ends.append(ln.start)
            page += 1
            in_block = False
            last_fn = None
            marked = set()
        if in_refs:
            continue
        if ln.blank:
            flush()
        else:
            if pending and HEADING_RE.match(ln.text):
                flush()
            marked.update(_CIRCLED.intersection(ln.text))
            pending.append(ln)
            if HEADING_RE.match(ln.text):
                flush()
    flush()
    if carry is not None:
        paragraphs.append(carry)
    if in_block and ref_end < len(lines):
        page_ends.append(lines[ref_end].start)
        page += 1
    page_ends.append(len(text))
    front = tuple(ln for ln in lines[yaml_end:front_end] if not ln.blank)
    trailing = tuple(ln for ln in lines[ref_end:] if not ln.blank)
    heading = region.heading[1:] if region is not None and region.heading is not None else None
    list_starts = tuple(lines[each.first_line].start for each in regions) if len(regions) > 1 else ()
    return Layout(lines, front, trailing, tuple(paragraphs), tuple(footnotes), tuple(page_ends),
                  entries, heading, tuple(yaml), md_notes, list_starts)


def _item_block(lines: tuple[Line, ...], at: int, marked: set[str]) -> int:
    """The line after the items of a procedure or list numbered ① ② … at line starts from line
    ``at`` — not a page's notes: at least two, in order, introduced by a line ending in a colon or
    each but the last ending in a semicolon or comma, and not every one marked in the page's text
    (a note needs its mark) — else ``at``."""
    numbers: list[str] = []
    separated = 0
    end = at
    for ln in lines[at:at + MAX_ITEMS]:
        if ln.blank:
            continue
        m = FOOTNOTE_LINE_RE.match(ln.text)
        symbol = (m.group("a") or m.group("b") or m.group("c")) if m else None
        if symbol is None or CIRCLED_NUMBER.get(symbol) != len(numbers) + 1:
            break
        numbers.append(symbol)
        separated += ln.text.rstrip().endswith(("；", ";", "，", ",", "、"))
        end = ln.index + 1
    introduced = at > 0 and lines[at - 1].text.rstrip().endswith(("：", ":"))
    if len(numbers) < 2 or not (introduced or separated >= len(numbers) - 1) or all(n in marked for n in numbers):
        return at
    return end


def _trailing_start(lines: tuple[Line, ...], lo: int, hi: int) -> int:
    """Index of the first line of an English title block that ends a Chinese paper, else ``hi``.

    The block is found from its "Abstract" line, walking back over the title, author and
    affiliation paragraphs (up to eight non-blank lines) that precede it.
    """
    for ln in lines[lo:hi]:
        if ABSTRACT_EN_RE.match(ln.text) and ln.index > lo + 3:
            start = ln.index
            seen = 0
            i = ln.index - 1
            while i > lo and seen < 8:
                t = lines[i].text
                if not t.strip():
                    i -= 1
                    continue
                if END_RE.match(t) and not t.lstrip().startswith("#"):
                    break
                if (LABEL_RE.match(t) or FOOTNOTE_LINE_RE.match(t) or _ENTRY_LIKE_RE.search(t) or starts_entry(t)
                        or (len(t) > 80 and t.rstrip().endswith((".", "。")))):
                    break  # a reference entry or a body paragraph, not a title line
                start = i
                seen += 1
                i -= 1
            return start
    return hi


# A numeric citation in body text, also Markdown-escaped: [3]  [1-3]  [2, 5]  \[30\]
_CITES_RE = re.compile(r"\\?\[\s*\d{1,3}(?:\s*[-–—,，、]\s*\d{1,3}){0,20}\s*\\?\]")
MAX_LISTS = 60  # list headings tried (a thesis of many chapters, each with its list)


def chapter_lists(lines: Sequence[Line], lo: int, hi: int, main: ListRegion) -> tuple[ListRegion, ...]:
    """The lists after each chapter or section, in order, their entries numbered by part (1, 2 …),
    when ``main`` is one of several such lists; else ``(main,)``. A citation's number names an
    entry of the first list after it. Lists count as one per part only when body text citing by
    number stands before each: a list and its translation, or a second article's list on the same
    page, stay as find_list reads them."""
    if main.heading is None or not main.numbered:
        return (main,)
    found: list[ListRegion] = []
    for ln in lines[lo:hi]:
        if len(found) >= MAX_LISTS:
            break
        if found and ln.index < found[-1].end_line:
            continue
        if ln.index == main.first_line:
            found.append(main)
            continue
        m = heading_match(ln.text)
        if m is None:
            continue
        region = read_region(lines, ln.index, m.start("rest"), hi, (ln.index, ln.start + m.start("word"),
                                                                     ln.start + m.end("word")))
        if region.numbered and region.entries and region.entries[0].number == 1 and (
                region.end_line <= main.first_line or region.first_line >= main.end_line):
            found.append(region)
    if len(found) < 2 or main not in found:
        return (main,)
    previous = lo
    for region in found:  # each list closes a part that cites by number
        if not _cites(lines[previous:region.first_line]):
            return (main,)
        previous = region.end_line
    return tuple(replace(region, entries=tuple(replace(e, part=k) for e in region.entries))
                 for k, region in enumerate(found, start=1))


def _cites(lines: Sequence[Line]) -> bool:
    """Does body text among ``lines`` (not a list entry) cite by number?"""
    return any(_CITES_RE.search(ln.text) and not LABEL_RE.match(ln.text) for ln in lines)
