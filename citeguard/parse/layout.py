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
from dataclasses import dataclass, field

from citeguard.chars import CIRCLED_CHARS, CIRCLED_NUMBER
from citeguard.parse.lines import Line, split_lines
from citeguard.parse.listblocks import EntryBlock, ListFinding
from citeguard.parse.mdnotes import MdNote, fenced_lines, find_definitions
from citeguard.parse.text import FOOTNOTE_LINE_RE, SENTENCE_END_RE

# Chinese section headings: "一、…", "（一）…", "(二) …", "# 1 Introduction", "1.2 方法"
HEADING_RE = re.compile(
    r"^[ \t]*(?:#+[ \t]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|第[一二三四五六七八九十]+[章节部分])")
YAML_FENCE_RE = re.compile(r"^---[ \t]*$")
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
# The label of an item, before its colon: "ICU-AW发生率：" of "①ICU-AW发生率：采用…"
_ITEM_LABEL_RE = re.compile(r"[^：:。，,\[\]]{1,20}[：:]")
# A numeric citation inside a line: "[15]"  "[2-4]"  "[5,7]" (not a type code: [J])
_CITED_NUMBER_RE = re.compile(r"\[\d{1,3}(?:[-–,，]\d{1,3}){0,10}\]")
# Footnote marks at the end of a paragraph: "…发展。①"  "…”^{②}"
_TRAILING_MARKS_RE = re.compile(rf"(?:\^?\{{?[{CIRCLED_CHARS}]\}}?\s*)+$")


def _ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (marks after the full stop do not count)."""
    # The tail is enough, and a line of thousands of marks would cost a scan per mark.
    return bool(SENTENCE_END_RE.search(_TRAILING_MARKS_RE.sub("", text.rstrip()[-400:])))


def footnote_match(line: Line) -> re.Match[str] | None:
    return FOOTNOTE_LINE_RE.match(line.text)


@dataclass(frozen=True, slots=True)
class TextLines:
    """The first pass: the text's lines, with the lines of Markdown note definitions and fenced code
    blanked (neither is body text nor an entry), and where the body starts (after a YAML header)."""

    lines: tuple[Line, ...]
    front_end: int  # the first body line
    yaml: tuple[Line, ...]  # the YAML header's lines, without its fences
    yaml_end: int  # the line after the header (0 without one)
    md_notes: tuple[MdNote, ...]


def text_lines(text: str, front_end: int) -> TextLines:
    """Lines of ``text`` for the list finder and the layout; ``front_end`` is the index of the first
    body line as the front matter reader saw it."""
    lines = split_lines(text)
    yaml: tuple[Line, ...] = ()
    yaml_end = 0
    if lines and YAML_FENCE_RE.match(lines[0].text):
        for ln in lines[1:]:
            if YAML_FENCE_RE.match(ln.text) or ln.text.strip() == "...":
                yaml = tuple(lines[1:ln.index])
                yaml_end = ln.index + 1
                front_end = max(front_end, yaml_end)
                break
    md_notes = find_definitions(lines[front_end:])
    # Footnote definitions are notes, and fenced code is code: neither is body text nor an entry.
    used = {i for note in md_notes for i in note.lines} | fenced_lines(lines)
    if used:
        lines = tuple(Line(ln.index, ln.start, ln.end, "") if ln.index in used else ln for ln in lines)
    return TextLines(lines, front_end, yaml, yaml_end, md_notes)


def analyse(text: str, prepared: TextLines, lists: ListFinding, list_items: frozenset[int] = frozenset()) -> Layout:
    """The last pass: pages, body paragraphs and footnote blocks of ``text``, around the lists the
    list finder found in ``prepared``'s lines; a line of ``list_items`` (a .docx paragraph numbered
    ① by Word's automatic list numbering) is an item, never a note."""
    lines, front_end, yaml, yaml_end, md_notes = (prepared.lines, prepared.front_end, prepared.yaml,
                                                   prepared.yaml_end, prepared.md_notes)
    # a list after each chapter: the lines of every list are not body text, the text between them is
    in_list = bytearray(len(lines))
    for each in lists.regions:
        in_list[each.first_line:each.end_line] = b"\x01" * (each.end_line - each.first_line)
    ref_end = lists.end_line

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
        m = footnote_match(ln) if ln.index >= items_until and ln.index not in list_items else None
        if m and not in_block and not in_refs:
            items_until = _item_block(lines, ln.index, marked)
            m = None if items_until > ln.index else m
            if m is not None and _ITEM_LABEL_RE.match(m.group("text")) and _CITED_NUMBER_RE.search(m.group("text")):
                m = None  # "①ICU-AW发生率：采用MRC肌力评分[15]评估…": a labelled item citing the list, not a note
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
    return Layout(lines, front, trailing, tuple(paragraphs), tuple(footnotes), tuple(page_ends),
                  lists.entries, lists.heading, yaml, md_notes, lists.list_starts)


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


