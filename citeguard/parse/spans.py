"""Which places a set of spans covers, answered without listing every covered column."""

from __future__ import annotations

import bisect
import itertools
import sys
from collections.abc import Callable

from citeguard.model import Span


def covered(spans: list[Span]) -> Callable[[int, int], bool]:
    """Is (line, column) inside one of ``spans``? Answered by bisection over each line's intervals
    (a set of every covered column was quadratic for a citation a megabyte long)."""
    by_line: dict[int, set[tuple[int, int]]] = {}
    for s in spans:
        by_line.setdefault(s.line, set()).add((s.column, s.end_column if s.end_line == s.line else sys.maxsize))
    tables: dict[int, tuple[list[int], list[int]]] = {}
    for line, intervals in by_line.items():
        ordered = sorted(intervals)
        reach = list(itertools.accumulate((b for _, b in ordered), max))  # furthest end so far
        tables[line] = ([a for a, _ in ordered], reach)

    def inside(line: int, column: int) -> bool:
        table = tables.get(line)
        if table is None:
            return False
        index = bisect.bisect_right(table[0], column)
        return index > 0 and table[1][index - 1] >= column
    return inside
