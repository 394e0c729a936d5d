"""Footnote marks in body text (①, ^①, ^{①}), told apart from circled list numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeguard.parse.text import CIRCLED_CHARS, CIRCLED_NUMBER

# A mark in the body: ^{①}  ^①  ①
MARK_RE = re.compile(rf"\^\{{\s*(?P<b>[{CIRCLED_CHARS}])\s*\}}|\^(?P<c>[{CIRCLED_CHARS}])|(?P<a>[{CIRCLED_CHARS}])")
# What stands before a circled number that opens an enumeration: "包括：①"  "；②"  "（①"
_ENUM_OPEN_RE = re.compile(r"[：:；;（(]\s*$")
# What stands before a later item of that enumeration: "，②"  "；③"  "、④"
_ENUM_NEXT_RE = re.compile(r"[，,；;、。]\s*$|^\s*$")


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
    for m in MARK_RE.finditer(text):
        symbol = m.group("a") or m.group("b") or m.group("c")
        number = CIRCLED_NUMBER[symbol]
        before = text[max(0, m.start() - 3):m.start()]
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
