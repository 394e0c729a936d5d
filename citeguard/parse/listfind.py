"""The second pass: where the reference lists are in a text's lines — one list (under the heading
followed by the most entries, else the longest headless run), or one after each chapter — and where
the text after them (an English title block ending a Chinese paper) begins. It reads lines only,
cuts entries with :mod:`citeguard.parse.reflist`, and hands on a frozen :class:`ListFinding` that
the layout of pages and paragraphs consumes; nothing here calls back into the layout."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from citeguard.parse.entrykey import starts_entry
from citeguard.parse.lines import Line
from citeguard.parse.listblocks import ListFinding, ListRegion
from citeguard.parse.reflist import END_RE, LABEL_RE, find_list, heading_match, read_region
from citeguard.parse.text import FOOTNOTE_LINE_RE

# English abstract label: "Abstract:", "**Abstract**", "Abstract"
ABSTRACT_EN_RE = re.compile(r"^[ \t]*(?:#+[ \t]*)?\**(?:Abstract|ABSTRACT)\b")
# Text that marks a line as a reference entry: "(2014)", "2014," "2014."
_ENTRY_LIKE_RE = re.compile(r"\(\s*[12]\d{3}[a-z]?\s*\)|\b(?:19|20)\d{2}[.,;:]")


def find_lists(lines: tuple[Line, ...], front_end: int) -> ListFinding:
    """The lists among ``lines`` after the front matter (line ``front_end`` on)."""
    region = find_list(lines, front_end, len(lines))
    if region is not None:
        trailing_at = _trailing_start(lines, region.first_line + 1, len(lines))
        if trailing_at < region.end_line:  # the English title block after a Chinese list ends it
            region = find_list(lines, region.first_line, trailing_at)
    regions = chapter_lists(lines, front_end, len(lines), region) if region is not None else ()
    # without a list, the text ends where an English title block begins (if it has one)
    end_line = regions[-1].end_line if regions else _trailing_start(lines, max(front_end, len(lines) // 2), len(lines))
    heading = region.heading[1:] if region is not None and region.heading is not None else None
    list_starts = tuple(lines[each.first_line].start for each in regions) if len(regions) > 1 else ()
    return ListFinding(regions, end_line, heading, list_starts)


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
