"""The edits a fix is made of, applied and shown (pure)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (offsets in the manuscript's text)."""

    start: int
    end: int
    new: str
    code: str  # the finding it settles
    what: str  # one line for the editor
    entry: int | None = None  # the number (or position) of the entry it rewrites
    note: str | None = None  # the footnote whose entry it rewrites


def line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def offset(starts: list[int], line: int, column: int) -> int:
    return starts[min(max(line, 1), len(starts)) - 1] + column - 1




def with_edits(text: str, block: tuple[int, int], edits: list[Edit]) -> str:
    """An entry's lines with its own fixes applied (an entry moves with its corrections)."""
    start, end = block
    inside = sorted((e for e in edits if start <= e.start and e.end <= end), key=lambda e: e.start)
    out, pos = [], start
    for e in inside:
        out += [text[pos:e.start], e.new]
        pos = e.end
    out.append(text[pos:end])
    return "".join(out)



def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (sorted, not overlapping) applied."""
    out, pos = [], 0
    for e in edits:
        out += [text[pos:e.start], e.new]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(before: str, after: str, name: str, fixed_name: str | None = None) -> str:
    """The change as a unified diff (``fixed_name``: the name on the +++ line; a patch names the
    same file twice)."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=name, tofile=fixed_name or f"{name} (fixed)"))


