"""Lines of a text with their offsets: what the layout and the reference-list reader walk."""

from __future__ import annotations

from dataclasses import dataclass


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


def split_lines(text: str) -> tuple[Line, ...]:
    lines = []
    start = 0
    for i, chunk in enumerate(text.split("\n")):
        lines.append(Line(i, start, start + len(chunk), chunk))
        start += len(chunk) + 1
    return tuple(lines)
