"""PDF → the text the parser reads, with real page numbers and a page-and-line position map.

pdfplumber gives every character with its font size and position (docs/formats.md says why it
was chosen over pypdf).  Per page: running heads and page numbers are dropped; the footnote block
is what lies under the footnote separator rule (a short horizontal line at the page foot) or,
without one, the smaller-type lines at the foot that start with a note mark; superscript
characters (smaller and raised) become ``^{①}`` marks or ``[3]`` numeric citations; lines are
joined into paragraphs by line spacing, indentation and short last lines, repairing hyphenated
English words and keeping the paragraph's habit of a space after half-width punctuation.
Each page ends with a form feed, so pages without footnotes are pages too.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from citeguard.ingest.source import IngestError, SourceText
from citeguard.model import NoteLabel, PositionMap, PositionStyle
from citeguard.parse.text import CIRCLED_CHARS, circled

MAX_PAGES = 3000
# A page-number line: "12", "- 12 -", "第 12 页", "Page 12", "12 / 30"
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:[-–—]\s*)?(?:第\s*)?(?:page\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?\s*(?:[-–—])?\s*$",
                             re.IGNORECASE)
# The start of a footnote at a page foot: "①", "* ", "1 ", "[1]"
_NOTE_START_RE = re.compile(rf"^\s*(?:\^?[{CIRCLED_CHARS}]|\^?\{{?\*|\d{{1,3}}[\s.]|\[\d{{1,3}}\]|\x01\d)")
# A superscript numeric citation: "3"  "3,5"  "1-4"  "[12]"
_SUPER_CITE_RE = re.compile(r"^\[?\d{1,4}(?:\s*[,，\-–—]\s*\d{1,4})*\]?$")
# A raised number waiting to be told apart (note mark or citation): \x0112\x02
_SUPER_NUMBER_RE = re.compile(r"\x01(\d{1,3})\x02")
# A note at the page foot that starts with its number: "12 Text", "12. Text", raised "\x0112\x02Text"
_NUMBERED_NOTE_RE = re.compile(r"^\s*(?:\x01(\d{1,3})\x02|(\d{1,3})(?:\.|\s))\s*")
# A list item or numbered entry starts a paragraph: "[12] …"  "12. …"  "- …"
_LIST_ITEM_RE = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}\.\s|[-•·]\s)")
# A line that ends a sentence, maybe followed by note marks: "…goes on.^{①}"  "…发展。"
_SENTENCE_END_RE = re.compile(r"[。！？.!?:：”\"](?:\^\{?[^\s{}]\}?|\x01\d+\x02)*$")
_CJK_RE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# A line that ends inside a URL or DOI: "…https://www.gov.cn/lianbo/fab"  "…doi:10.1000/abc"
_URL_TAIL_RE = re.compile(r"(?:https?://|www\.|doi:\s*|\b10\.\d{4,9}/)[^\s]*$", re.IGNORECASE)


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


def _line_text(chars: list[dict[str, Any]]) -> tuple[str, float]:
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
        elif _SUPER_CITE_RE.match(run) and not (out and out[-1][-1:].isascii() and out[-1][-1:].isalnum()):
            out.append(f"[{run.strip('[]')}]")
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
    middle third that (almost) no row covers, with text on both sides of it in many rows."""
    if len(rows) < 6:
        return None
    bins = {x: 0 for x in range(int(0.33 * width), int(0.67 * width), 2)}
    for row in rows:
        for c in row:
            for x in range(int(float(c["x0"])) - 1, int(float(c["x1"])) + 2):
                if x in bins:
                    bins[x] += 1
    x, covered = min(bins.items(), key=lambda kv: (kv[1], abs(kv[0] - width / 2)))
    both = sum(1 for row in rows if any(float(c["x1"]) < x for c in row) and any(float(c["x0"]) > x for c in row))
    return float(x) if covered <= 0.1 * len(rows) and both >= 0.3 * len(rows) else None


def _reading_order(rows: list[list[Char]], gutter: float) -> list[tuple[list[Char], int]]:
    """Two-column rows in reading order, with their column: between full-width rows (a title, an
    abstract), the left column top to bottom, then the right column."""
    out: list[tuple[list[Char], int]] = []
    left: list[tuple[list[Char], int]] = []
    right: list[tuple[list[Char], int]] = []
    for row in rows:
        if any(float(c["x0"]) < gutter < float(c["x1"]) for c in row):
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


def _page_lines(page: Any, number: int) -> list[PdfLine]:
    rows = _rows(list(page.chars))
    gutter = _gutter(rows, float(page.width))
    ordered = _reading_order(rows, gutter) if gutter is not None else [(row, 0) for row in rows]
    lines = []
    for row, column in ordered:
        text, size = _line_text(row)
        if text:
            lines.append(PdfLine(number, min(float(c["top"]) for c in row), max(float(c["bottom"]) for c in row),
                                 min(float(c["x0"]) for c in row), max(float(c["x1"]) for c in row), size, text,
                                 column))
    return lines


def _separator(page: Any) -> float | None:
    """Top of the footnote rule: a short, thin, horizontal line in the lower part of the page."""
    width, height = float(page.width), float(page.height)
    for obj in list(page.rects) + list(page.lines):
        w = float(obj["x1"]) - float(obj["x0"])
        h = float(obj["bottom"]) - float(obj["top"])
        if h <= 2 and 0.08 * width <= w <= 0.55 * width and float(obj["top"]) > 0.35 * height:
            return float(obj["top"])
    return None


def _running(pages: list[list[PdfLine]], heights: list[float]) -> set[tuple[int, float]]:
    """Running heads and feet: page numbers and lines repeated (digits aside) on many pages, in
    the top or bottom 7% of the page."""
    edge: list[tuple[PdfLine, str]] = []
    for lines, height in zip(pages, heights, strict=True):
        for ln in lines:
            if ln.top < 0.07 * height or ln.bottom > 0.93 * height:
                edge.append((ln, re.sub(r"\d+", "#", ln.text)))
    repeated = Counter(key for _, key in edge)
    need = 2 if len(pages) <= 3 else max(3, len(pages) // 3)
    return {(ln.page, ln.top) for ln, key in edge if _PAGE_NUMBER_RE.match(ln.text) or repeated[key] >= need}


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one: CJK lines meet without a space, "inter-\\nnational" is one
    word, and a half-width , : ; at a line end gets the space the paragraph uses elsewhere."""
    with_space = sum(len(re.findall(r"[,:;] ", ln)) for ln in lines)  # inside lines: the paragraph's habit
    spaced = with_space >= sum(len(re.findall(r"[,:;](?=[^\s\d])", ln)) for ln in lines)
    out = lines[0]
    for nxt in lines[1:]:
        if _URL_TAIL_RE.search(out) and not _CJK_RE.match(nxt[:1]):
            out += nxt  # a URL or DOI broken at the line end goes on without a space
        elif re.search(r"[A-Za-z]-$", out) and nxt[:1].islower():
            out = out[:-1] + nxt
        elif out[-1:] in ",:;":
            out += (" " if spaced else "") + nxt
        elif _CJK_RE.match(out[-1:]) or _CJK_RE.match(nxt[:1]):
            out += nxt
        else:
            out += " " + nxt
    return out


def _edges(lines: list[PdfLine]) -> dict[int, tuple[float, float]]:
    """Each column's text edges: the commonest line start, and the right edge most full lines reach."""
    out: dict[int, tuple[float, float]] = {}
    for column in sorted({ln.column for ln in lines}):
        mine = [ln for ln in lines if ln.column == column]
        ends = sorted(ln.x1 for ln in mine)
        out[column] = (float(Counter(round(ln.x0) for ln in mine).most_common(1)[0][0]), ends[int(len(ends) * 0.9)])
    return out


def _line_step(pages: list[list[PdfLine]]) -> float:
    """The document's line spacing: a low quantile of the distances between consecutive lines
    (most lines are inside paragraphs, and a paragraph gap is never smaller than a line)."""
    gaps = sorted(b.top - a.top for lines in pages for a, b in itertools.pairwise(lines)
                  if 0 < b.top - a.top < 5 * a.size)
    return gaps[len(gaps) // 4] if gaps else 0.0


def _paragraphs(lines: list[PdfLine], step: float, edges: dict[int, tuple[float, float]]) -> list[list[PdfLine]]:
    """Group body lines into paragraphs: a wider gap, a first-line indent, a list item, or a line
    after a short one (ending a sentence, or shorter than half the text width) starts one.
    ``edges`` are the left and right edges of the text in each column."""
    if not lines:
        return []
    groups: list[list[PdfLine]] = [[lines[0]]]
    for prev, ln in itertools.pairwise(lines):
        left, right = edges.get(ln.column, edges[0])
        prev_left, prev_right = edges.get(prev.column, edges[0])
        gap = ln.top - prev.top  # negative from the foot of the left column to the top of the right
        short = prev.x1 < prev_right - 3 * prev.size
        new = (gap > 1.45 * step if step else False) or ln.x0 > left + 1.5 * ln.size \
            or bool(_LIST_ITEM_RE.match(ln.text)) or prev.x1 < prev_left + (prev_right - prev_left) / 2 \
            or (short and bool(_SENTENCE_END_RE.search(prev.text)))
        if new:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    return groups


def read_pdf(data: bytes, path: str) -> SourceText:
    """Read a PDF's text layer into a rendition with a page-and-line position map."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        with pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise IngestError(f"{path}: {len(pdf.pages)} pages is more than the {MAX_PAGES} page limit")
            pages = [_page_lines(p, i) for i, p in enumerate(pdf.pages, start=1)]
            heights = [float(p.height) for p in pdf.pages]
            separators = [_separator(p) for p in pdf.pages]
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged or encrypted files
        cause = exc.__cause__ or exc.__context__ or exc
        if "Password" in type(cause).__name__ or "Encrypt" in type(cause).__name__ or b"/Encrypt" in data[-4096:]:
            raise IngestError(f"{path}: the PDF is encrypted (password protected); save an unprotected copy") from None
        raise IngestError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})"[:300]) from None
    if not any(pages):
        raise IngestError(f"{path}: the PDF has no text layer (a scan?): run OCR first")
    body_size = Counter(ln.size for lines in pages for ln in lines).most_common(1)[0][0]
    running = _running(pages, heights)
    step = _line_step(pages)
    edges = _edges([ln for lines in pages for ln in lines])
    text_lines: list[str] = []
    labels: list[str] = []
    note_labels: list[NoteLabel] = []  # for the ^{…} notes: the numbers the PDF prints
    for number, lines in enumerate(pages, start=1):
        kept = [ln for ln in lines if (ln.page, ln.top) not in running]
        line_no = {id(ln): i for i, ln in enumerate(kept, start=1)}
        rule = separators[number - 1]
        if rule is not None:
            body = [ln for ln in kept if ln.top < rule]
            feet = [ln for ln in kept if ln.top >= rule]
        else:
            cut = len(kept)
            while cut > 0 and kept[cut - 1].size < 0.92 * body_size:
                cut -= 1
            while cut < len(kept) and not _NOTE_START_RE.match(kept[cut].text):
                cut += 1
            body, feet = kept[:cut], kept[cut:]
        notes: list[tuple[list[str], PdfLine]] = []
        for ln in feet:
            if _NOTE_START_RE.match(ln.text) or not notes:
                notes.append(([ln.text], ln))
            else:
                notes[-1][0].append(ln.text)
        numbered = {int(m.group(1) or m.group(2)) for parts, _ in notes if (m := _NUMBERED_NOTE_RE.match(parts[0]))}
        local: dict[int, int] = {}  # printed note number → its place in this page's block

        def superscript(m: re.Match[str], numbered: set[int] = numbered, local: dict[int, int] = local) -> str:
            n = int(m.group(1))
            if n in numbered:  # a superscript number with a note of that number at the page foot
                local.setdefault(n, len(local) + 1)
                return f"^{{{circled(local[n])}}}"
            before = m.string[max(0, m.start() - 1):m.start()]
            return m.group(1) if before.isascii() and before.isalnum() else f"[{m.group(1)}]"

        for group in _paragraphs(body, step, edges):
            text_lines.append(_SUPER_NUMBER_RE.sub(superscript, _join([ln.text for ln in group])))
            labels.append(f"p. {number}, line {line_no[id(group[0])]}")
            text_lines.append("")
            labels.append(labels[-1])
        for parts, first in notes:
            note = _join(parts)
            m = _NUMBERED_NOTE_RE.match(note)
            if note.startswith(("*", "^{*}")):
                note = "^{*} " + note.lstrip("^{*}").lstrip()
                note_labels.append(NoteLabel("footnote", len(note_labels) + 1, "*", 0, number))
            elif m and numbered:
                n = int(m.group(1) or m.group(2))
                local.setdefault(n, len(local) + 1)  # a note no mark points to comes after the marked ones
                note = f"^{{{circled(local[n])}}} {note[m.end():].lstrip()}"
                note_labels.append(NoteLabel("footnote", len(note_labels) + 1, str(n), n, number))
            elif note.startswith("^") and note[1:2] in CIRCLED_CHARS:
                note = note[1:]  # a raised circled mark at the foot is the note's own mark
            text_lines.append(note)
            labels.append(f"p. {number}, line {line_no[id(first)]} (footnote)")
        text_lines.append("\f")
        labels.append(f"p. {number}")
    text = "\n".join(_SUPER_NUMBER_RE.sub(r"\1", line) for line in text_lines) + "\n"
    return SourceText.from_text(text, path=path, encoding="pdf", sha256=hashlib.sha256(data).hexdigest(),
                                positions=PositionMap(PositionStyle.PAGE_LINE, (*labels, labels[-1])),
                                note_labels=tuple(note_labels))
