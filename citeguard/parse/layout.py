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
from dataclasses import dataclass

from citeguard.parse.text import CIRCLED_CHARS, SENTENCE_END_RE, is_cjk

# A footnote line: "① text", "^① text", "^{①} text", "^{*} text" (the fund note).
FOOTNOTE_LINE_RE = re.compile(
    rf"^[ \t]*(?:\^\{{\s*(?P<b>[{CIRCLED_CHARS}*])\s*\}}|\^(?P<c>[{CIRCLED_CHARS}*])|(?P<a>[{CIRCLED_CHARS}]))"
    r"[ \t]*(?P<text>\S.*)$")
# The reference list heading: "参考文献", "## References", "主要参考文献：", "Bibliography".
REF_HEADING_RE = re.compile(
    r"^[ \t]*(?:#+[ \t]*)?(?:\*\*)?(?:主要)?(?:参考文献|参 考 文 献|引用文献|References|REFERENCES|"
    r"Bibliography|Works Cited|Literature Cited)(?:\*\*)?[ \t]*[:：]?[ \t]*$")
# A numbered entry start: "[12] …", "- [12] …", "［12］…", "12. …", "12．…"
NUMBERED_ENTRY_RE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:[\[［][ \t]*(?P<n1>\d{1,6})[ \t]*[\]］]|(?P<n2>\d{1,6})[.．、][ \t]*(?=\S))[ \t]*")
# Lines that end the reference list: author notes, editor line, appendix, acknowledgements.
REF_END_RE = re.compile(
    r"^[ \t]*(?:[【\[]作者简介[】\]]|作者简介[:：]|[(（]责任编辑|责任编辑[:：]|附录|附\s*录|Appendix|"
    r"APPENDIX|致\s*谢|Acknowledg|#[ \t])")
# English abstract label: "Abstract:", "**Abstract**", "Abstract"
ABSTRACT_EN_RE = re.compile(r"^[ \t]*(?:#+[ \t]*)?\**(?:Abstract|ABSTRACT)\b")
# Chinese section headings: "一、…", "（一）…", "(二) …", "# 1 Introduction", "1.2 方法"
HEADING_RE = re.compile(
    r"^[ \t]*(?:#+[ \t]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|第[一二三四五六七八九十]+[章节部分])")
YAML_FENCE_RE = re.compile(r"^---[ \t]*$")
# Text that marks a line as a reference entry: "(2014)", "2014," "2014."
_ENTRY_LIKE_RE = re.compile(r"\(\s*[12]\d{3}[a-z]?\s*\)|\b(?:19|20)\d{2}[.,;:]")
# The head of an author-year entry: names, then the year in brackets: "周晓虹.(2014a)." "Bian, Y. (2O14)."
ENTRY_HEAD_RE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?[^()\[\]]{1,160}?[.,]?\s*\(\s*[12][\dOoIl]{3}[a-z]?\s*\)")
# A GB/T 7714 type code: [J] [M] [EB/OL]
TYPE_CODE_RE = re.compile(r"[\[［]\s*(?:[A-Z]{1,2})\s*(?:/\s*[A-Z]{2}\s*)?[\]］]")
# Where a second author-year entry starts inside one line (OCR merged lines):
#   "…,40-58.李路路.(2003)．再生产…"   "…, 1-16. Smith, J., & Lee, K. (2004). Title…"
MERGED_ENTRY_RE = re.compile(
    r"(?<=[.．\d])\s*(?=(?:[\u4e00-\u9fff·]{2,6}(?:\s*[,，]\s*&?\s*[\u4e00-\u9fff·]{2,6})*(?:\s*[,，]?\s*&\s*[\u4e00-\u9fff·]{2,6})?"
    r"|[A-Z][A-Za-z'’\-]+,\s*(?:[A-Z]\.\s*-?){1,3}(?:[^()]{0,200}?))\s*[.．]?\s*\(\s*[12]\d{3}[a-z]?\s*\))")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: its 0-based number and offsets (end excludes the newline)."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


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

    def source_offset(self, offset: int) -> int:
        """Map an offset in :attr:`text` to an offset in the source text."""
        consumed = 0
        for seg in self.segments:
            length = seg.end - seg.start
            if offset < consumed + length:
                return seg.start + offset - consumed
            consumed += length
        last = self.segments[-1]
        return last.end + offset - consumed

    def page_at(self, offset: int) -> int:
        consumed = 0
        for seg in self.segments:
            consumed += seg.end - seg.start
            if offset < consumed:
                return seg.page
        return self.segments[-1].page


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
class EntryBlock:
    """A reference-list entry: its label number (if any) and the offsets of its text."""

    number: int | None
    label: str | None
    start: int  # offset of the line start
    text_start: int  # offset after the label
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
    ref_heading: Line | None
    yaml: tuple[Line, ...]


# Footnote marks at the end of a paragraph: "…发展。①"  "…”^{②}"
_TRAILING_MARKS_RE = re.compile(rf"(?:\^?\{{?[{CIRCLED_CHARS}]\}}?\s*)+$")


def _ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (marks after the full stop do not count)."""
    return bool(SENTENCE_END_RE.search(_TRAILING_MARKS_RE.sub("", text.rstrip())))


def split_lines(text: str) -> tuple[Line, ...]:
    lines = []
    start = 0
    for i, chunk in enumerate(text.split("\n")):
        lines.append(Line(i, start, start + len(chunk), chunk))
        start += len(chunk) + 1
    return tuple(lines)


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
    heading = next((ln for ln in lines[front_end:] if REF_HEADING_RE.match(ln.text)), None)
    body_end = heading.index if heading else len(lines)
    entries, ref_end = _entries(lines, heading) if heading else ((), len(lines))
    if heading is None:
        body_end = _trailing_start(lines, max(front_end, len(lines) // 2), len(lines))
        ref_end = body_end

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
    for ln in lines[front_end:ref_end]:
        in_refs = heading is not None and ln.index >= body_end
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
            if ln.blank:
                continue
        m = footnote_match(ln)
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
        if in_refs:
            continue
        if ln.blank:
            flush()
        else:
            if pending and HEADING_RE.match(ln.text):
                flush()
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
                  entries, heading, tuple(yaml))


def _entries(lines: tuple[Line, ...], heading: Line) -> tuple[tuple[EntryBlock, ...], int]:
    """Entries under the reference heading, and the index of the first line after the list."""
    blocks: list[EntryBlock] = []
    logical: list[list[Line]] = []  # unnumbered lists: lines of each entry before merged ones are split
    numbered: bool | None = None
    after_blank = False
    after_page_break = False  # an entry cut by a page break (\f) goes on after it
    end = _trailing_start(lines, heading.index + 1, len(lines))

    def done(index: int) -> tuple[tuple[EntryBlock, ...], int]:
        for group in logical:
            blocks.extend(_split_merged(group))
        return tuple(blocks), index

    for ln in lines[heading.index + 1:end]:
        if ln.text.startswith("\f"):
            after_page_break = True
        if ln.blank:
            after_blank = True
            continue
        if footnote_match(ln):
            after_blank = False
            continue
        if REF_END_RE.match(ln.text):
            return done(ln.index)
        m = NUMBERED_ENTRY_RE.match(ln.text)
        if numbered is None:
            numbered = m is not None
        if numbered and m is None:
            if (after_blank and not after_page_break) or not blocks:
                return done(ln.index)
            prev = blocks[-1]
            rest = ln.text.strip().lstrip("\f")
            glue = "" if is_cjk(prev.text[-1:]) and is_cjk(rest[:1]) else " "
            blocks[-1] = EntryBlock(prev.number, prev.label, prev.start, prev.text_start, ln.end,
                                    prev.text + glue + rest)
            after_blank = after_page_break = False
            continue
        after_blank = after_page_break = False
        if m is not None and numbered:
            number = int(m.group("n1") or m.group("n2"))
            label = ln.text[m.start():m.end()].strip().lstrip("-*+").strip()
            blocks.append(EntryBlock(number, label, ln.start, ln.start + m.end(), ln.end,
                                     ln.text[m.end():].rstrip()))
        elif logical and not _starts_entry(ln.text):
            logical[-1].append(ln)  # a wrapped line: the rest of the entry above
        else:
            logical.append([ln])
    return done(end)


def _starts_entry(text: str) -> bool:
    """Does this line of an unnumbered list begin an entry (names then "(2014)", or a [J] code)?"""
    return bool(ENTRY_HEAD_RE.match(text) or TYPE_CODE_RE.search(text[:200]))


def _split_merged(group: list[Line]) -> list[EntryBlock]:
    """Join an unnumbered entry's lines, then cut where OCR merged two entries into one line."""
    text = ""
    where: list[tuple[int, int]] = []  # (offset in text, offset in source) at each line start
    for i, ln in enumerate(group):
        part = ln.text.lstrip(" \t-*+") if i == 0 else ln.text.strip()
        part = part.rstrip()
        if text and part and not (is_cjk(text[-1]) and is_cjk(part[0])):
            text += " "
        where.append((len(text), ln.start + ln.text.find(part[:1]) if part else ln.start))
        text += part

    def source(offset: int) -> int:
        base = max((w for w in where if w[0] <= offset), default=where[0])
        return base[1] + offset - base[0]

    cuts = [0] + [m.start() for m in MERGED_ENTRY_RE.finditer(text) if m.start() > 0] + [len(text)]
    out = []
    for lo, hi in itertools.pairwise(cuts):
        piece = text[lo:hi]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            first = source(lo + lead)
            out.append(EntryBlock(None, None, first, first, source(lo + lead + len(body) - 1) + 1, body))
    return out


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
                if REF_END_RE.match(t) and not t.lstrip().startswith("#"):
                    break
                if (NUMBERED_ENTRY_RE.match(t) or FOOTNOTE_LINE_RE.match(t) or _ENTRY_LIKE_RE.search(t)
                        or (len(t) > 80 and t.rstrip().endswith((".", "。")))):
                    break  # a reference entry or a body paragraph, not a title line
                start = i
                seen += 1
                i -= 1
            return start
    return hi
