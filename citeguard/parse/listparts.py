"""A numbered list in parts: a list that starts again from [1] under one heading holds several
runs (a thesis printing each chapter's list in turn), each run's citations found by the chapters of
the text; the lists after each chapter or section are found in citeguard.parse.listfind. Either way
a citation's number names an entry of its own part, so "[3]" in chapter 2 is chapter 2's third
entry, whatever chapter 1's list holds. Every loop is bounded by the entries or paragraphs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from citeguard.chars import is_chinese
from citeguard.model import Citation, CitationKind, Paragraph
from citeguard.parse.lines import Line
from citeguard.parse.listblocks import EntryBlock


def split_runs(lines: Sequence[Line], entries: list[EntryBlock], end: int) -> tuple[list[EntryBlock], int]:
    """A numbered list that starts again from 1 holds several runs: each run's entries get its
    part number — unless the next run is the list again in the other language (a Chinese list
    then its English rendering, no longer than it), where the list ends."""
    starts = [i for i, e in enumerate(entries) if i and e.number == 1]
    if not starts:
        return entries, end
    bounds = [0, *starts, len(entries)]
    for k in range(1, len(bounds) - 1):
        before, after = entries[bounds[k - 1]:bounds[k]], entries[bounds[k]:bounds[k + 1]]
        if _chinese_run(before) != _chinese_run(after) and len(after) <= len(before) + 1:
            end = lines[bisect.bisect_right(lines, entries[bounds[k]].start, key=lambda ln: ln.start) - 1].index
            entries, bounds = entries[:bounds[k]], bounds[:k + 1]
            break
    if len(bounds) == 2:
        return entries, end
    return [replace(e, part=k) for k in range(1, len(bounds)) for e in entries[bounds[k - 1]:bounds[k]]], end


def _chinese_run(entries: list[EntryBlock]) -> bool:
    return sum(1 for e in entries if is_chinese(e.text)) * 2 > len(entries)


# A chapter or section heading and its level: "# 第一章" (1, by its marks)  "第二章" (1)  "第一节" (2)
# "一、" (2)  "（一）" (3)
_LEVEL_RE = re.compile(r"^[ \t]*(?:(?P<md>#{1,6})[ \t]|(?P<ch>第[一二三四五六七八九十\d]{1,3}[章部])"
                       r"|(?P<sec>第[一二三四五六七八九十\d]{1,3}节|[一二三四五六七八九十]{1,3}、)|(?P<sub>[（(][一二三四五六七八九十]{1,3}[)）]))")


def runs_by_chapter(paragraphs: Sequence[Paragraph], citations: list[Citation], runs: int) -> list[Citation]:
    """Numeric citations tied to the run of a list that starts again from 1 under one heading
    (a thesis printing each chapter's list in turn): the chapters of the text that cite by number,
    in order, when there are as many as runs; else the citations are left untied (part 0)."""
    levels = [_level(p.text) if p.is_heading else None for p in paragraphs]
    top = min((x for x in levels if x is not None), default=None)
    if top is None:
        return citations
    chapter_of: list[int] = []
    chapter = 0
    for level in levels:
        chapter += level == top
        chapter_of.append(chapter)
    citing = sorted({chapter_of[c.paragraph] for c in citations
                     if c.kind is CitationKind.NUMERIC and c.paragraph < len(chapter_of)})
    if len(citing) != runs:
        return citations
    run_of = {chapter: k for k, chapter in enumerate(citing, start=1)}
    return [replace(c, part=run_of[chapter_of[c.paragraph]]) if c.kind is CitationKind.NUMERIC
            and c.paragraph < len(chapter_of) else c for c in citations]


def _level(text: str) -> int | None:
    m = _LEVEL_RE.match(text)
    if m is None:
        return None
    return len(m.group("md")) if m.group("md") else 1 if m.group("ch") else 2 if m.group("sec") else 3
