"""The reference list by year and language, as the HTML report draws it (an inline SVG bar chart,
no remote assets): what a journal's "half from the last five years" and "some foreign references"
rules look at, at a glance. Pure: references in, bar geometry out."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from citeguard.checks.policy_rules import entry_year
from citeguard.model import Language, Reference

MAX_BARS = 40  # years drawn one bar each; older ones share the first bar
WIDTH, HEIGHT, BAR_GAP = 640, 120, 2


@dataclass(frozen=True, slots=True)
class YearBar:
    label: str  # "2019", or "≤1985" for the bar older years share
    zh: int
    other: int
    x: float
    width: float
    y_zh: float  # the Chinese part stacks on the foreign one
    h_zh: float
    y_other: float
    h_other: float


@dataclass(frozen=True, slots=True)
class YearChart:
    bars: tuple[YearBar, ...]
    width: int
    height: int
    zh: int  # entries in Chinese
    other: int  # entries in other languages
    undated: int  # entries without a readable year
    median: int | None


def year_chart(references: tuple[Reference, ...]) -> YearChart | None:
    """None when no entry has a readable year."""
    counts: Counter[tuple[int, bool]] = Counter()
    years: list[int] = []
    for ref in references:
        year = entry_year(ref)
        if year is not None:
            years.append(year)
            counts[(year, ref.language is Language.ZH)] += 1
    if not years:
        return None
    last = max(years)
    first = max(min(years), last - MAX_BARS + 1)
    slots = list(range(first, last + 1))
    per_slot: list[tuple[str, int, int]] = []
    for year in slots:
        if year == first and min(years) < first:  # the oldest bar holds every older year
            zh = sum(n for (y, is_zh), n in counts.items() if y <= year and is_zh)
            other = sum(n for (y, is_zh), n in counts.items() if y <= year and not is_zh)
            per_slot.append((f"≤{year}", zh, other))
        else:
            per_slot.append((str(year), counts[(year, True)], counts[(year, False)]))
    tallest = max(zh + other for _, zh, other in per_slot) or 1
    step = WIDTH / len(per_slot)
    bars = []
    for i, (label, zh, other) in enumerate(per_slot):
        h_other = HEIGHT * other / tallest
        h_zh = HEIGHT * zh / tallest
        bars.append(YearBar(label, zh, other, round(i * step, 1), round(max(step - BAR_GAP, 1), 1),
                            round(HEIGHT - h_other - h_zh, 1), round(h_zh, 1), round(HEIGHT - h_other, 1),
                            round(h_other, 1)))
    zh_total = sum(1 for ref in references if entry_year(ref) is not None and ref.language is Language.ZH)
    return YearChart(tuple(bars), WIDTH, HEIGHT, zh_total, len(years) - zh_total, len(references) - len(years),
                     int(statistics.median(years)))
