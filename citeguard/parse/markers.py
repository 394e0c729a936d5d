"""Footnote marks in body text (①, ^①, ^{①}), told apart from circled list numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeguard.chars import CIRCLED_CHARS, CIRCLED_NUMBER

# A bare circled number: ①
_BARE_RE = re.compile(f"[{CIRCLED_CHARS}]")
# A mark in the body: ^{①}  ^①  ①
MARK_RE = re.compile(rf"\^\{{\s*(?P<b>[{CIRCLED_CHARS}])\s*\}}|\^(?P<c>[{CIRCLED_CHARS}])|(?P<a>[{CIRCLED_CHARS}])")
# What stands before a circled number that opens an enumeration: "包括：①"  "；②"  "（①"
_ENUM_OPEN_RE = re.compile(r"[：:；;（(]\s*$")
# What stands before a later item of that enumeration: "，②"  "；③"  "、④"
_ENUM_NEXT_RE = re.compile(r"[，,；;、。]\s*$|^\s*$")
# What stands before an item number, which a footnote mark never follows (it follows a word or a
# sentence's end): the paragraph's start, a space, a list's separator, a table cell's tag
#   "流程为 ①读取"  "<td>①规则演化；②数据"  "（①…"
_ITEM_BEFORE_RE = re.compile(r"(?:^|[\s：:；;，,、（(>|])$")


@dataclass(frozen=True, slots=True)
class RawMarker:
    """A footnote mark at ``start:end`` of a paragraph's text."""

    symbol: str
    number: int
    start: int
    end: int


def find_markers(text: str, limit: int | None = None) -> list[RawMarker]:
    """Footnote marks in one paragraph.  Bare circled numbers that open or continue a list
    (研究体系：①光能…；②固氮…) are list numbers, not marks; ^-forms are always marks. More than
    ``limit`` marks are not all read (the caller refuses the manuscript)."""
    marks: list[RawMarker] = []
    expected = 0  # next number of an open enumeration, 0 when none is open
    items = _item_runs(text)
    for m in MARK_RE.finditer(text):
        symbol = m.group("a") or m.group("b") or m.group("c")
        number = CIRCLED_NUMBER[symbol]
        before = text[max(0, m.start() - 3):m.start()]
        if m.group("a") and m.start() in items:
            continue
        if m.group("a"):
            if number == 1 and _ENUM_OPEN_RE.search(before):
                expected = 2
                continue
            if expected and number == expected and _ENUM_NEXT_RE.search(before):
                expected += 1
                continue
        expected = 0
        marks.append(RawMarker(symbol, number, m.start(), m.end()))
        if limit is not None and len(marks) > limit:
            break
    return marks


def _item_runs(text: str) -> set[int]:
    """Where bare circled numbers number items: ① ② (③ …) in order, the first two standing where
    an item starts (after a space, a separator or a cell's tag; the second also after a sentence's
    end) and followed by its words — "流程为 ①读取数据 ②清洗数据和③训练模型" — not where a footnote
    mark stands, after a word; and a number opening a table cell ("<td>①缺乏…"), where no mark stands."""
    runs: list[list[int]] = []
    cells: set[int] = set()
    for m in _BARE_RE.finditer(text):
        number = CIRCLED_NUMBER[m.group(0)]
        after = text[m.end():m.end() + 3].lstrip()[:1]
        worded = bool(after) and after not in "，,。；;、：:)）”<"
        if runs and len(runs[-1]) >= 2 and len(runs[-1]) == number - 1 and worded:
            runs[-1].append(m.start())  # the list goes on, wherever its next number stands
            continue
        before = text[max(0, m.start() - 1):m.start()]
        # a later item may also open a sentence of its own: "①文献检索……。②专家函询……"
        if not worded or not (_ITEM_BEFORE_RE.search(before) or (number > 1 and before in "。！？")):
            continue
        if before == ">":
            cells.add(m.start())
        if number == 1:
            runs.append([m.start()])
        elif runs and len(runs[-1]) == number - 1:
            runs[-1].append(m.start())
    return cells | {at for run in runs if len(run) >= 2 for at in run}
