"""Markdown footnotes: marks ``text[^3]`` and definitions ``[^3]: …`` (Pandoc, GitHub, Hugo).

A definition starts at a line start (up to three spaces in) and runs on over the lines after it:
lazy continuation lines right under it (unindented, as many documents write them) and, after a
blank line, lines indented by four spaces or a tab.  It ends at a blank line followed by anything
else, at the next definition, or at a heading.  Fenced code blocks hold neither marks nor
definitions.  Marks may stand in runs (``[^2] [^3]``) and before a colon (``as follows [^8]:``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citeguard.parse.lines import Line

# A definition at a line start: "[^3]: text"  "[^note-1]: text"
DEFINITION_RE = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]{1,40})\]:[ \t]*(?P<text>.*)$")
# A mark in running text: "[^3]" (not a definition: those are cut out of the text first)
MARK_RE = re.compile(r"\[\^(?P<label>[^\]\s]{1,40})\]")
# A fence opening or closing a code block: ``` or ~~~
_FENCE_RE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
# What a lazy continuation line may not be: a heading, a list item, a block quote, a table row
_BLOCK_START_RE = re.compile(r"^ {0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|\|)")
MAX_LINES = 200  # lines one definition may run on over


@dataclass(frozen=True, slots=True)
class MdNote:
    """One footnote definition: its label, where it is, and its text (continuation lines joined)."""

    label: str
    start: int  # offset of the "[^" that opens it
    text_start: int  # offset of its text
    end: int
    text: str
    lines: tuple[int, ...]  # indices of the lines it occupies


def note_number(label: str, order: dict[str, int]) -> int:
    """The number of a label: its digits ("[^12]" → 12), else 10000 + its place among the other
    labels, so that numbered and named notes never share a number."""
    if label.isascii() and label.isdigit() and len(label) <= 6:  # "①".isdigit() is True too
        return int(label)
    return order.setdefault(label, 10_000 + len(order) + 1)


def find_definitions(lines: Sequence[Line]) -> tuple[MdNote, ...]:
    """Every footnote definition of a Markdown text, outside fenced code."""
    notes: list[MdNote] = []
    fenced = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _FENCE_RE.match(ln.text):
            fenced = not fenced
        m = None if fenced else DEFINITION_RE.match(ln.text)
        if m is None:
            i += 1
            continue
        parts = [m.group("text").strip()]
        used = [i]
        end = ln.end
        j = i + 1
        blank = False
        while j < len(lines) and j - i < MAX_LINES:
            nxt = lines[j]
            if not nxt.text.strip():
                blank = True
                j += 1
                continue
            indented = nxt.text.startswith(("    ", "\t"))
            if DEFINITION_RE.match(nxt.text) or _FENCE_RE.match(nxt.text) or (blank and not indented) or (
                    not indented and _BLOCK_START_RE.match(nxt.text)):
                break
            parts.append(nxt.text.strip())
            used.append(j)
            end = nxt.end
            blank = False
            j += 1
        notes.append(MdNote(m.group("label"), ln.start + m.start() + ln.text[m.start():].index("["),
                            ln.start + m.start("text"), end, " ".join(p for p in parts if p), tuple(used)))
        i = used[-1] + 1
    return tuple(notes)


def fenced_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of the lines of fenced code blocks (the fences included): ``` … ```  ~~~ … ~~~."""
    out: set[int] = set()
    opened: int | None = None
    for ln in lines:
        if "`" not in ln.text and "~" not in ln.text and opened is None:
            continue
        if _FENCE_RE.match(ln.text):
            if opened is None:
                opened = ln.index
            else:
                out.update(range(opened, ln.index + 1))
                opened = None
    return out  # an unclosed fence is taken for a typo, not for code running to the end
