"""PDF characters → printed lines (pdfplumber's characters with size and position): rows,
two-column reading order, superscripts marked, the footnote rule and running heads found."""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from citeguard.chars import CIRCLED_CHARS
from citeguard.ingest.raised import as_citation

# A page-number line: "12", "- 12 -", "· 12 ·", "第 12 页", "Page 12", "12 / 30"
_PAGE_NUMBER_RE = re.compile(r"^[\s·•\-–—]*(?:第\s*)?(?:page\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[\s·•\-–—]*$",
                             re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One printed line: its page, place, type size and text (superscripts already marked)."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    column: int = 0  # 1 for the right column of a two-column page
    first_word: float = 0.0  # printed width of its first word (would it have fit on the line above?)


def line_text(chars: list[dict[str, Any]]) -> tuple[str, float]:
    """Text of one line of characters, superscripts marked, and the line's type size."""
    sizes = [round(float(c["size"]), 1) for c in chars if str(c["text"]).strip()]
    if not sizes:
        return "", 0.0
    size = Counter(sizes).most_common(1)[0][0]
    normal_bottoms = [float(c["bottom"]) for c in chars if abs(float(c["size"]) - size) < 0.5]
    baseline = statistics.median(normal_bottoms) if normal_bottoms else float(chars[0]["bottom"])
    out: list[str] = []
    superscript: list[str] = []
    prev: dict[str, Any] | None = None

    def close_superscript() -> None:
        if not superscript:
            return
        run = "".join(superscript).strip()
        superscript.clear()
        if run == "*":
            out.append("^{*}")
        elif run and all(ch in CIRCLED_CHARS for ch in run):
            out.append("".join(f"^{ch}" for ch in run))
        elif run.isdigit() and len(run) <= 3:
            out.append(f"\x01{run}\x02")  # a note mark or a citation: decided once the page foot is read
        elif citation := as_citation(run, "".join(out)):
            out.append(citation)
        else:
            out.append(run)

    for c in sorted(chars, key=lambda ch: float(ch["x0"])):
        text = str(c["text"])
        raised = float(c["size"]) < 0.8 * size and float(c["bottom"]) < baseline - 0.15 * size
        if prev is not None and float(c["x0"]) - float(prev["x1"]) > 0.25 * size and text != " " \
                and str(prev["text"]) != " ":
            (superscript if raised and superscript else out).append(" ")
        if raised:
            superscript.append(text)
        else:
            close_superscript()
            out.append(text)
        prev = c
    close_superscript()
    return re.sub(r"[ \t]+", " ", "".join(out)).strip(), size


Char = dict[str, Any]


def _rows(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into printed rows, top to bottom."""
    rows: list[list[Char]] = []
    low = 0.0  # the lowest bottom of the current row
    for c in sorted(chars, key=lambda ch: (float(ch["bottom"]), float(ch["x0"]))):
        # A character belongs to the row whose bottom is within 60% of its size (superscripts
        # sit higher but overlap the row).
        if rows and abs(float(c["bottom"]) - low) <= 0.6 * float(c["size"]):
            rows[-1].append(c)
            low = max(low, float(c["bottom"]))
        else:
            rows.append([c])
            low = float(c["bottom"])
    return rows


def _gutter(rows: list[list[Char]], width: float) -> float | None:
    """The x of the gap between two text columns, if the page has two: a vertical strip in the
    middle third that few rows cross (a full-width title and abstract may), with many rows of
    text on each side of it."""
    if len(rows) < 6:
        return None
    bins = {x: 0 for x in range(int(0.33 * width), int(0.67 * width), 2)}
    for row in rows:
        for c in row:
            for x in range(int(float(c["x0"])) - 1, int(float(c["x1"])) + 2):
                if x in bins:
                    bins[x] += 1
    x, _ = min(bins.items(), key=lambda kv: (kv[1], abs(kv[0] - width / 2)))
    crossing = sum(1 for row in rows if _crosses(row, x))
    left = sum(1 for row in rows if any(float(c["x1"]) < x for c in row))
    right = sum(1 for row in rows if any(float(c["x0"]) > x for c in row))
    two = crossing <= 0.4 * len(rows) and min(left, right) - crossing >= 0.2 * len(rows)
    return float(x) if two else None


def _crosses(row: list[Char], x: float) -> bool:
    """Does this row run across ``x``: a character on it, or only a word space around it (a
    gutter is wider than a space)?"""
    left = [float(c["x1"]) for c in row if float(c["x1"]) <= x]
    right = [float(c["x0"]) for c in row if float(c["x0"]) >= x]
    if any(float(c["x0"]) < x < float(c["x1"]) for c in row):
        return True
    return bool(left and right) and min(right) - max(left) < 1.2 * float(row[0]["size"])


def _reading_order(rows: list[list[Char]], gutter: float) -> list[tuple[list[Char], int]]:
    """Two-column rows in reading order, with their column: between full-width rows (a title, an
    abstract), the left column top to bottom, then the right column."""
    out: list[tuple[list[Char], int]] = []
    left: list[tuple[list[Char], int]] = []
    right: list[tuple[list[Char], int]] = []
    for row in rows:
        if _crosses(row, gutter):
            out += [*left, *right, (row, 0)]  # a full-width row ends the two-column band above it
            left, right = [], []
            continue
        lhs = [c for c in row if float(c["x1"]) <= gutter]
        rhs = [c for c in row if float(c["x0"]) >= gutter]
        if lhs:
            left.append((lhs, 0))
        if rhs:
            right.append((rhs, 1))
    return out + left + right


def page_lines(page: Any, number: int) -> list[PdfLine]:
    rows = _rows(list(page.chars))
    gutter = _gutter(rows, float(page.width))
    ordered = _reading_order(rows, gutter) if gutter is not None else [(row, 0) for row in rows]
    lines = []
    for row, column in ordered:
        text, size = line_text(row)
        if text:
            lines.append(PdfLine(number, min(float(c["top"]) for c in row), max(float(c["bottom"]) for c in row),
                                 min(float(c["x0"]) for c in row), max(float(c["x1"]) for c in row), size, text,
                                 column, _first_word(row)))
    return lines


def _first_word(row: list[Char]) -> float:
    """Width of the row's first word: up to a space or a gap (one character for CJK text, which
    may break between any two characters)."""
    chars = sorted((c for c in row if str(c["text"]).strip()), key=lambda c: float(c["x0"]))
    if not chars:
        return 0.0
    end = float(chars[0]["x1"])
    if not str(chars[0]["text"]).isascii():
        return end - float(chars[0]["x0"])
    for prev, c in itertools.pairwise(chars):
        if float(c["x0"]) - float(prev["x1"]) > 0.2 * float(c["size"]) or not str(c["text"]).isascii():
            break
        end = float(c["x1"])
    return end - float(chars[0]["x0"])


def rule_candidates(page: Any) -> list[tuple[float, float]]:
    """(top, x0) of short, thin, horizontal lines in the lower part of the page: the footnote
    rule is one of them (ingest.pdf chooses: an underline or a table border is not)."""
    width, height = float(page.width), float(page.height)
    out = []
    for obj in list(page.rects) + list(page.lines):
        w = float(obj["x1"]) - float(obj["x0"])
        h = float(obj["bottom"]) - float(obj["top"])
        if h <= 2 and 0.08 * width <= w <= 0.55 * width and float(obj["top"]) > 0.35 * height:
            out.append((float(obj["top"]), float(obj["x0"])))
    return sorted(set(out))


def running_lines(pages: list[list[PdfLine]], heights: list[float], body_size: float) -> set[tuple[int, float]]:
    """Running heads and feet, in the top or bottom 7% of the page: page numbers, lines repeated
    (digits aside) on two or more pages (even/odd heads, a different first page), and lines in
    smaller type than the text (a journal's name on the first page)."""
    edge: list[tuple[PdfLine, str]] = []
    for lines, height in zip(pages, heights, strict=True):
        for ln in lines:
            if ln.top < 0.07 * height or ln.bottom > 0.93 * height:
                edge.append((ln, re.sub(r"\d+", "#", ln.text)))
    repeated = Counter(key for _, key in edge)
    return {(ln.page, ln.top) for ln, key in edge
            if _PAGE_NUMBER_RE.match(ln.text) or repeated[key] >= 2 or ln.size < 0.9 * body_size}
