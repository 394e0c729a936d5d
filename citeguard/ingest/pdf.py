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
from citeguard.model import PositionMap, PositionStyle
from citeguard.parse.text import CIRCLED_CHARS

MAX_PAGES = 3000
# A page-number line: "12", "- 12 -", "第 12 页", "Page 12", "12 / 30"
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:[-–—]\s*)?(?:第\s*)?(?:page\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?\s*(?:[-–—])?\s*$",
                             re.IGNORECASE)
# The start of a footnote at a page foot: "①", "* ", "1 ", "[1]"
_NOTE_START_RE = re.compile(rf"^\s*(?:[{CIRCLED_CHARS}]|\*|\d{{1,3}}\s|\[\d{{1,3}}\])")
# A superscript numeric citation: "3"  "3,5"  "1-4"  "[12]"
_SUPER_CITE_RE = re.compile(r"^\[?\d{1,4}(?:\s*[,，\-–—]\s*\d{1,4})*\]?$")
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
        if run and all(ch in CIRCLED_CHARS or ch == "*" for ch in run):
            out.append("".join(f"^{{{ch}}}" for ch in run))
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


def _page_lines(page: Any, number: int) -> list[PdfLine]:
    rows: list[list[dict[str, Any]]] = []
    for c in sorted(page.chars, key=lambda ch: (float(ch["bottom"]), float(ch["x0"]))):
        # A character belongs to the row whose bottom is within 40% of its size (superscripts
        # sit higher but overlap the row).
        if rows and abs(float(c["bottom"]) - max(float(x["bottom"]) for x in rows[-1])) <= 0.6 * float(c["size"]):
            rows[-1].append(c)
        else:
            rows.append([c])
    lines = []
    for row in rows:
        text, size = _line_text(row)
        if text:
            lines.append(PdfLine(number, min(float(c["top"]) for c in row), max(float(c["bottom"]) for c in row),
                                 min(float(c["x0"]) for c in row), max(float(c["x1"]) for c in row), size, text))
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
    need = max(3, len(pages) // 3)
    return {(ln.page, ln.top) for ln, key in edge if _PAGE_NUMBER_RE.match(ln.text) or repeated[key] >= need}


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one: CJK lines meet without a space, "inter-\\nnational" is one
    word, and a half-width , : ; at a line end gets the space the paragraph uses elsewhere."""
    whole = " ".join(lines)
    spaced = len(re.findall(r"[,:;] ", whole)) >= len(re.findall(r"[,:;](?=[^\s\d])", whole))
    out = lines[0]
    for nxt in lines[1:]:
        if _URL_TAIL_RE.search(out) and not _CJK_RE.match(nxt[:1]):
            out += nxt  # a URL or DOI broken at the line end goes on without a space
        elif re.search(r"[A-Za-z]-$", out) and nxt[:1].islower():
            out = out[:-1] + nxt
        elif out[-1:] in ",:;" and spaced:
            out += " " + nxt
        elif _CJK_RE.match(out[-1:]) or _CJK_RE.match(nxt[:1]):
            out += nxt
        else:
            out += " " + nxt
    return out


def _line_step(pages: list[list[PdfLine]]) -> float:
    """The document's line spacing: a low quantile of the distances between consecutive lines
    (most lines are inside paragraphs, and a paragraph gap is never smaller than a line)."""
    gaps = sorted(b.top - a.top for lines in pages for a, b in itertools.pairwise(lines)
                  if 0 < b.top - a.top < 5 * a.size)
    return gaps[len(gaps) // 4] if gaps else 0.0


def _paragraphs(lines: list[PdfLine], step: float) -> list[list[PdfLine]]:
    """Group body lines into paragraphs by spacing, first-line indent and short last lines."""
    if not lines:
        return []
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = max(ln.x1 for ln in lines)
    groups: list[list[PdfLine]] = [[lines[0]]]
    for prev, ln in itertools.pairwise(lines):
        gap = ln.top - prev.top
        new = (gap > 1.45 * step if step else False) or ln.x0 > left + 1.5 * ln.size \
            or (prev.x1 < right - 3 * prev.size and bool(re.search(r"[。！？.!?:：”\"]$", prev.text)))
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
        raise IngestError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})"[:300]) from None
    if not any(pages):
        raise IngestError(f"{path}: the PDF has no text layer (a scan?): run OCR first")
    body_size = Counter(ln.size for lines in pages for ln in lines).most_common(1)[0][0]
    running = _running(pages, heights)
    step = _line_step(pages)
    text_lines: list[str] = []
    labels: list[str] = []
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
        for group in _paragraphs(body, step):
            text_lines.append(_join([ln.text for ln in group]))
            labels.append(f"p. {number}, line {line_no[id(group[0])]}")
            text_lines.append("")
            labels.append(labels[-1])
        notes: list[tuple[list[str], PdfLine]] = []
        for ln in feet:
            if _NOTE_START_RE.match(ln.text) or not notes:
                notes.append(([ln.text], ln))
            else:
                notes[-1][0].append(ln.text)
        for parts, first in notes:
            note = _join(parts)
            if note.startswith("*"):
                note = "^{*} " + note[1:].lstrip()
            text_lines.append(note)
            labels.append(f"p. {number}, line {line_no[id(first)]} (footnote)")
        text_lines.append("\f")
        labels.append(f"p. {number}")
    text = "\n".join(text_lines) + "\n"
    return SourceText.from_text(text, path=path, encoding="pdf", sha256=hashlib.sha256(data).hexdigest(),
                                positions=PositionMap(PositionStyle.PAGE_LINE, (*labels, labels[-1])))
