"""PDF → the text the parser reads, with real page numbers and a page-and-line position map.

pdfplumber gives every character with its font size and position (docs/formats.md says why it
was chosen over pypdf); ingest.pdf_lines makes printed lines of them.  Per page: running heads and
page numbers are dropped; the footnote block is what lies under the footnote rule (a short
horizontal line at the page foot) or, without one, the smaller-type lines at the foot that start
with a mark the page's text raises; a note that runs on to the next page's foot is joined back.
Raised numbers with a note of that number at the foot are note marks, other raised numbers
citations.  Lines are joined into paragraphs by spacing, indents (first-line and hanging), list
items and short last lines: CJK lines meet without a space, a word broken at a hyphen is joined
(without the hyphen only when the document spells the word that way elsewhere), a URL broken at
the line end is one URL, and a half-width , : ; . at a line end keeps the paragraph's habit of a
space after it.  Each page ends with a form feed, so pages without footnotes are pages too.
Every character's place is known: positions say the page and the printed line.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from citeguard.chars import CIRCLED_CHARS, CJK_CHAR_RE, TYPE_CODE_RE, circled
from citeguard.ingest.folio import folio
from citeguard.ingest.pdf_limits import PdfLimit, start_document
from citeguard.ingest.pdf_limits import install as install_limits
from citeguard.ingest.pdf_lines import PdfLine, page_lines, rule_candidates, running_lines
from citeguard.ingest.raised import is_exponent
from citeguard.ingest.sourcetext import IngestError, SourceText
from citeguard.model import NoteLabel, PositionMap, PositionStyle

MAX_PAGES = 100  # default page limit (--max-pages): an article, not a book; ~0.1–0.3 s of CPU a page
PARALLEL_PAGES = 16  # from this many pages on, pages are read by several processes
# The start of a footnote at a page foot: "①", "* ", "1 ", "1.", "[1]", a raised 1
_NOTE_START_RE = re.compile(rf"^\s*(?:\^?[{CIRCLED_CHARS}]|\^?\{{?\*|\d{{1,3}}[\s.]|\[\d{{1,3}}\]|\x01\d)")
# A mark the text of a page raises: ^① ^{①} ^{*} or a raised number \x0112\x02
_RAISED_MARK_RE = re.compile(rf"\^\{{?[{CIRCLED_CHARS}*]|\x01\d")
# A raised number waiting to be told apart (note mark or citation): \x0112\x02
_SUPER_NUMBER_RE = re.compile(r"\x01(\d{1,3})\x02")
# A note at the page foot that starts with its number: "12 Text", "12. Text", raised "\x0112\x02Text"
_NUMBERED_NOTE_RE = re.compile(r"^\s*(?:\x01(\d{1,3})\x02|(\d{1,3})(?:\.|\s))\s*")
# A list item or numbered entry starts a paragraph: "[12] …"  "12. …"  "- …"
_LIST_ITEM_RE = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}\.\s|[-•·]\s)")
# A line that ends a sentence, maybe followed by note marks: "…goes on.^{①}"  "…发展。"
_SENTENCE_END_RE = re.compile(r"[。！？.!?:：”\"](?:\^\{?[^\s{}]\}?|\x01\d+\x02)*$")
# A line that ends inside a URL or DOI: "…https://www.gov.cn/lianbo/fab"  "…doi:10.1000/abc"
_URL_TAIL_RE = re.compile(r"(?:https?://|www\.|doi:\s*|\b10\.\d{4,9}/)[^\s]*$", re.IGNORECASE)
# An APA year after the authors: "(2019)."  "(2019a)."
_APA_YEAR_RE = re.compile(r"\(\s*(?:19|20)\d{2}[a-z]?\s*\)\s*[.．]")
# Words, hyphenated or not, as printed inside lines: "international", "cross-country"
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@dataclass
class _Page:
    number: int
    labels: dict[int, str]  # id(line) → "p. 4, line 12"
    paragraphs: list[list[PdfLine]] = field(default_factory=list)
    notes: list[list[PdfLine]] = field(default_factory=list)


def _spaced(lines: list[str], punctuation: str, following: str, default: bool) -> bool:
    """Does this paragraph, inside its lines, put a space after ``punctuation`` before text
    matching ``following``?  ``default`` when it does both equally often (or never shows)."""
    spaced = sum(len(re.findall(rf"[{punctuation}] (?={following})", ln)) for ln in lines)
    compact = sum(len(re.findall(rf"[{punctuation}](?={following})", ln)) for ln in lines)
    return spaced > compact or (spaced == compact and default)


def join_lines(lines: list[str], words: set[str] = frozenset()) -> tuple[str, list[int]]:  # type: ignore[assignment]
    """Lines of one paragraph as one text, and where each line starts in it.  ``words`` are the
    words of the document (lower case), to tell a broken word from a hyphenated one."""
    comma_spaced = _spaced(lines, ",:;", r"[^\s\d]", True)
    dot_spaced = _spaced(lines, ".", r"[\u4e00-\u9fff]", comma_spaced)
    url_spaced: bool | None = None  # computed when first needed
    # The text so far is kept as pieces and only its end is looked at: a paragraph of thousands
    # of lines must not be rescanned or copied at every line.
    pieces, starts, length = [lines[0]], [0], len(lines[0])
    for nxt in lines[1:]:
        tail = _tail(pieces, 1000)
        last = tail[-1:]
        before = re.search(r"([A-Za-z]+)-$", tail)
        after = re.match(r"[A-Za-z]+", nxt)
        drop = False  # drop the last character (a soft or a line-breaking hyphen)
        if _URL_TAIL_RE.search(tail) and not CJK_CHAR_RE.match(nxt[:1]):
            glue = ""  # a URL or DOI broken at the line end goes on without a space
        elif re.match(r"(?:https?://|www\.)", nxt) and last in ".]":
            if url_spaced is None:
                url_spaced = _spaced(lines, ".", r"[^\s\d]", False)
            glue = " " if url_spaced else ""  # "].https://" or "]. https://"
        elif last == "\u00ad":  # a soft hyphen: the word was only broken
            drop, glue = True, ""
        elif before and after:
            joined = (before.group(1) + after.group(0)).lower()
            hyphenated = f"{before.group(1)}-{after.group(0)}".lower()
            # "inter-" + "national": the document writes "international" — else "cross-" +
            # "country", "Sala-i-" + "Martin": the hyphen is the word's
            drop, glue = joined in words and hyphenated not in words, ""
        elif re.search(r"\d-$", tail) and nxt[:1].isdigit():
            glue = ""  # "2026-03-" + "29", "25-" + "26"
        elif last in (",", ":", ";"):
            glue = " " if comma_spaced else ""
        elif last == "." and re.match(r"[\u4e00-\u9fff]", nxt):
            glue = " " if dot_spaced else ""
        elif CJK_CHAR_RE.match(last) or CJK_CHAR_RE.match(nxt[:1]):
            glue = ""
        else:
            glue = " "
        if drop:
            while len(pieces) > 1 and not pieces[-1]:
                pieces.pop()
            pieces[-1] = pieces[-1][:-1]
            length -= 1
        pieces.append(glue)
        length += len(glue)
        starts.append(length)
        pieces.append(nxt)
        length += len(nxt)
    return "".join(pieces), starts


def _tail(pieces: list[str], size: int) -> str:
    """The last ``size`` characters (or fewer) of ``"".join(pieces)``."""
    taken: list[str] = []
    count = 0
    for piece in reversed(pieces):
        taken.append(piece)
        count += len(piece)
        if count >= size:
            break
    return "".join(reversed(taken))[-size:]


def _edges(lines: list[PdfLine]) -> dict[int, tuple[float, float]]:
    """Each column's text edges: the commonest line start, and the right edge most full lines reach."""
    out: dict[int, tuple[float, float]] = {}
    for column in sorted({ln.column for ln in lines}):
        mine = [ln for ln in lines if ln.column == column]
        ends = sorted(ln.x1 for ln in mine)
        # Justified text ends most lines exactly at the margin (punctuation may stand out beyond
        # it); ragged text has no such end, and most full lines end a little short of it.
        common, count = Counter(round(ln.x1) for ln in mine).most_common(1)[0]
        right = float(common) if count >= 0.15 * len(mine) else ends[int(len(ends) * 0.9)]
        out[column] = (float(Counter(round(ln.x0) for ln in mine).most_common(1)[0][0]), right)
    return out


def _line_step(pages: list[list[PdfLine]]) -> float:
    """The document's line spacing: a low quantile of the distances between consecutive lines
    (most lines are inside paragraphs, and a paragraph gap is never smaller than a line)."""
    gaps = sorted(b.top - a.top for lines in pages for a, b in itertools.pairwise(lines)
                  if 0 < b.top - a.top < 5 * a.size)
    return gaps[len(gaps) // 4] if gaps else 0.0


def _filled(prev: PdfLine, ln: PdfLine, right: float) -> bool:
    """Did ``prev`` end because the first word of ``ln`` would not fit after it (a wrapped line),
    rather than because its paragraph ended?"""
    return prev.x1 + 0.25 * prev.size + ln.first_word > right - 0.5


def _centred(ln: PdfLine, left: float, right: float) -> bool:
    """A line set in the middle: indented on both sides by about the same amount."""
    indent, short = ln.x0 - left, right - ln.x1
    return indent > 2 * ln.size and short > 2 * ln.size and abs(indent - short) < max(3 * ln.size, 0.15 * (right - left))


def paragraphs(lines: list[PdfLine], step: float, edges: dict[int, tuple[float, float]]) -> list[list[PdfLine]]:
    """Group body lines into paragraphs.  A new one starts after a wider gap, at a list item,
    after a short line that ends a sentence (or is shorter than half the width), and at an indent —
    except the indented lines that carry on a paragraph with a hanging indent (a reference entry
    whose first line stands out to the left), which in turn ends at the next line back at the margin.
    ``edges`` are the left and right edges of the text in each column."""
    if not lines:
        return []
    groups: list[list[PdfLine]] = [[lines[0]]]
    for prev, ln in itertools.pairwise(lines):
        left, _ = edges.get(ln.column, edges[0])
        prev_left, prev_right = edges.get(prev.column, edges[0])
        group = groups[-1]
        _, right = edges.get(ln.column, edges[0])
        centred = _centred(ln, left, right)
        if _centred(prev, prev_left, prev_right) or centred:
            # A title or heading set in the middle: its lines go together, the text after it apart
            same = centred and _centred(prev, prev_left, prev_right) and abs(ln.size - prev.size) < 0.5 \
                and 0 < ln.top - prev.top <= max(1.45 * step, 1.6 * ln.size)  # (a big title spaces its lines wider)
            if same:
                group.append(ln)
            else:
                groups.append([ln])
            continue
        indented = ln.x0 > left + 1.5 * ln.size
        full = _filled(prev, ln, prev_right)
        first_at_margin = group[0].x0 <= left + 1.5 * group[0].size
        hanging = first_at_margin and ((len(group) == 1 and full)
                                       or (len(group) > 1 and group[1].x0 > left + 1.5 * ln.size))
        gap = ln.top - prev.top  # negative from the foot of the left column to the top of the right
        new = (gap > 1.45 * step if step else False) or bool(_LIST_ITEM_RE.match(ln.text)) \
            or (not full and (prev.x1 < prev_left + (prev_right - prev_left) / 2
                              or bool(_SENTENCE_END_RE.search(prev.text))))
        if indented:
            new = new or not hanging
        elif len(group) > 1 and group[1].x0 > left + 1.5 * ln.size and first_at_margin:
            new = True  # back at the margin after a hanging indent: the next entry
        if new:
            groups.append([ln])
        else:
            group.append(ln)
    return groups


PageRead = tuple[list[PdfLine], float, list[tuple[float, float]]]


def _read_range(data: bytes, start: int, stop: int) -> list[PageRead]:
    """Lines, height and rule candidates of pages ``start`` … ``stop - 1`` (0-based)."""
    import pdfplumber

    install_limits()
    start_document()
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i in range(start, stop):
            page = pdf.pages[i]
            out.append((page_lines(page, i + 1), float(page.height), rule_candidates(page)))
            page.close()  # drop the page's parsed objects: a long PDF would keep them all
    return out


def _read_pages(data: bytes, path: str, max_pages: int
                ) -> tuple[list[list[PdfLine]], list[float], list[list[tuple[float, float]]]]:
    import pdfplumber

    install_limits()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
        if count > max_pages:
            raise IngestError(f"{path}: {count} pages is more than the {max_pages} page limit (--max-pages)")
        workers = min(os.cpu_count() or 1, 4)
        if count < PARALLEL_PAGES or workers < 2:
            pages = _read_range(data, 0, count)
        else:  # pdfminer's interpretation is the cost (~95 ms a page): spread it over processes
            from concurrent.futures import ProcessPoolExecutor

            bounds = [count * k // workers for k in range(workers + 1)]
            with ProcessPoolExecutor(max_workers=workers) as pool:
                parts = pool.map(_read_range, [data] * workers, bounds[:-1], bounds[1:])
                pages = [page for part in parts for page in part]
        return [p[0] for p in pages], [p[1] for p in pages], [p[2] for p in pages]
    except IngestError:
        raise
    except PdfLimit as exc:
        raise IngestError(f"{path}: {exc}; not read") from None
    except RecursionError:
        raise IngestError(f"{path}: the PDF's objects are nested too deeply to read") from None
    except Exception as exc:  # pdfminer raises many types on damaged or encrypted files
        limit = _in_chain(exc, (PdfLimit, RecursionError))
        if isinstance(limit, PdfLimit):  # pdfplumber wraps what pdfminer raises
            raise IngestError(f"{path}: {limit}; not read") from None
        if limit is not None:
            raise IngestError(f"{path}: the PDF's objects are nested too deeply to read") from None
        cause = exc.__cause__ or exc.__context__ or exc
        if "Password" in type(cause).__name__ or "Encrypt" in type(cause).__name__ or b"/Encrypt" in data[-4096:]:
            raise IngestError(f"{path}: the PDF is encrypted (password protected); save an unprotected copy") from None
        raise IngestError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})"[:300]) from None


def _entry_marks(text: str) -> int:
    """How many reference entries a text looks like: GB/T type codes [J] [M] [EB/OL], APA "(2019)."."""
    return len(TYPE_CODE_RE.findall(text)) + len(_APA_YEAR_RE.findall(text))


def _split_entries(group: list[PdfLine]) -> list[list[PdfLine]]:
    """Reference entries set without indent or spacing, whose last line happened to be full, run
    into the next entry; a paragraph that holds two entries' marks is cut after the line that
    ends the first (a period, with an entry's mark before it and another after)."""
    # Marks counted once per line and once per seam between two lines (a mark may straddle one),
    # then summed: the same counts as joining the lines, in linear time.
    counts = [_entry_marks(ln.text) for ln in group]
    seams = [_entry_marks(f"{a.text} {b.text}") - ca - cb
             for a, b, ca, cb in zip(group, group[1:], counts, counts[1:], strict=False)]
    if len(group) < 2 or sum(counts) + sum(seams) < 2:
        return [group]
    rest = [0] * (len(group) + 1)  # rest[i]: marks in group[i:]
    for i in range(len(group) - 1, -1, -1):
        rest[i] = rest[i + 1] + counts[i] + (seams[i] if i < len(seams) else 0)
    out: list[list[PdfLine]] = [[group[0]]]
    done = counts[0]  # marks in out[-1]
    for i in range(1, len(group)):
        if out[-1][-1].text.rstrip().endswith((".", "。")) and done >= 1 and rest[i] >= 1:
            out.append([group[i]])
            done = counts[i]
        else:
            out[-1].append(group[i])
            done += seams[i - 1] + counts[i]
    return out


def _footnote_rule(kept: list[PdfLine], candidates: list[tuple[float, float]], continuing: bool) -> float | None:
    """The footnote rule among the page's short horizontal lines: the first one that no text sits
    on (an underline does) and under which the first line starts with a note mark (under a table
    border it does not) — or, when the page before ended with notes, carries on one of them."""
    for top, _x0 in candidates:
        if any(top - 3 <= ln.bottom <= top + 1 for ln in kept):
            continue
        below = [ln for ln in kept if ln.top >= top]
        if below and (_NOTE_START_RE.match(below[0].text) or continuing):
            return top
    return None


def _split_page(number: int, kept: list[PdfLine], rule: float | None, body_size: float) -> tuple[
        list[PdfLine], list[PdfLine]]:
    """Body lines and foot lines of one page."""
    if rule is not None:
        return [ln for ln in kept if ln.top < rule], [ln for ln in kept if ln.top >= rule]
    cut = len(kept)
    while cut > 0 and kept[cut - 1].size < 0.92 * body_size:
        cut -= 1
    while cut < len(kept) and not _NOTE_START_RE.match(kept[cut].text):
        cut += 1
    body, feet = kept[:cut], kept[cut:]
    # Without a rule, small type at the foot is footnotes only if the page raises a mark for them
    # (a reference list in small type is not).
    if feet and not any(_RAISED_MARK_RE.search(ln.text) for ln in body):
        return kept, []
    return body, feet


def _in_chain(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> BaseException | None:
    """The first exception of ``kinds`` among ``exc`` and its causes."""
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            return None
        if isinstance(seen, kinds):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def read_pdf(data: bytes, path: str, *, max_pages: int = MAX_PAGES) -> SourceText:
    """Read a PDF's text layer into a rendition with a page-and-line position map (a PDF of more
    than ``max_pages`` pages, or one that passes a limit of ingest.pdf_limits, is refused)."""
    lines_of, heights, rules = _read_pages(data, path, max_pages)
    if not any(lines_of):
        raise IngestError(f"{path}: the PDF has no text layer (a scan?): run OCR first")
    body_size = Counter(ln.size for lines in lines_of for ln in lines).most_common(1)[0][0]
    running = running_lines(lines_of, heights, body_size)
    kept_of = [[ln for ln in lines if (ln.page, ln.top) not in running] for lines in lines_of]
    folios = tuple(folio([ln.text for ln in lines if (ln.page, ln.top) in running and ln.top < heights[i] / 2],
                         [ln.text for ln in lines if (ln.page, ln.top) in running and ln.top >= heights[i] / 2])
                   for i, lines in enumerate(lines_of))
    step = _line_step(kept_of)
    edges = _edges([ln for lines in kept_of for ln in lines])
    words = {w.lower() for lines in kept_of for ln in lines for w in _WORD_RE.findall(ln.text.rstrip("-"))}
    pages: list[_Page] = []
    for number, kept in enumerate(kept_of, start=1):
        page = _Page(number, {id(ln): f"p. {number}, line {i}" for i, ln in enumerate(kept, start=1)})
        # A note runs on to this page only if the last note of the page before stops mid-sentence.
        continuing = bool(pages and pages[-1].notes) and not _SENTENCE_END_RE.search(pages[-1].notes[-1][-1].text)
        rule = _footnote_rule(kept, rules[number - 1], continuing)
        body, feet = _split_page(number, kept, rule, body_size)
        page.paragraphs = [part for group in paragraphs(body, step, edges) for part in _split_entries(group)]
        for ln in feet:
            if _NOTE_START_RE.match(ln.text) or not (page.notes or (pages and pages[-1].notes)):
                page.notes.append([ln])
            elif page.notes:
                page.notes[-1].append(ln)
            else:  # a note that runs on from the foot of the page before
                pages[-1].notes[-1].append(ln)
                pages[-1].labels[id(ln)] = page.labels[id(ln)]
        pages.append(page)
    return replace(_render(pages, words, path, data), folios=folios)


def _render(pages: list[_Page], words: set[str], path: str, data: bytes) -> SourceText:
    out: list[str] = []
    segments: list[tuple[tuple[int, str], ...]] = []
    note_labels: list[NoteLabel] = []  # for the ^{…} notes: the numbers the PDF prints

    def emit(group: list[PdfLine], texts: list[str], labels: dict[int, str], suffix: str = "", prefix: str = "") -> None:
        text, starts = join_lines(texts, words)
        out.append(prefix + text)
        shift = len(prefix)
        segments.append(tuple((start + 1 + (shift if i else 0), labels[id(ln)] + suffix)
                              for i, (start, ln) in enumerate(zip(starts, group, strict=True))))

    for page in pages:
        numbered = {int(m.group(1) or m.group(2)) for note in page.notes
                    if (m := _NUMBERED_NOTE_RE.match(note[0].text))}
        local: dict[int, int] = {}  # printed note number → its place in this page's block

        def raised(m: re.Match[str], numbered: set[int] = numbered, local: dict[int, int] = local) -> str:
            n = int(m.group(1))
            if n in numbered:  # a raised number with a note of that number at the page foot
                local.setdefault(n, len(local) + 1)
                return f"^{{{circled(local[n])}}}"
            return m.group(1) if is_exponent(m.string[max(0, m.start() - 32):m.start()]) else f"[{m.group(1)}]"

        for group in page.paragraphs:
            emit(group, [_SUPER_NUMBER_RE.sub(raised, ln.text) for ln in group], page.labels)
            if group is page.paragraphs[-1] and out[-1][-1:].isascii() and not _SENTENCE_END_RE.search(out[-1]):
                out[-1] += " "  # a Latin sentence running on to the next page: keep the space at the break
            out.append("")
            segments.append(((1, page.labels[id(group[-1])]),))
        for note in page.notes:
            texts = [ln.text for ln in note]
            first = texts[0]
            m = _NUMBERED_NOTE_RE.match(first)
            prefix = ""
            if first.startswith(("*", "^{*}")):
                texts[0] = first.lstrip("^{*}").lstrip()
                prefix = "^{*} "
                note_labels.append(NoteLabel("footnote", len(note_labels) + 1, "*", 0, page.number))
            elif m and numbered:
                n = int(m.group(1) or m.group(2))
                local.setdefault(n, len(local) + 1)  # a note no mark points to comes after the marked ones
                texts[0] = first[m.end():].lstrip()
                prefix = f"^{{{circled(local[n])}}} "
                note_labels.append(NoteLabel("footnote", len(note_labels) + 1, str(n), n, page.number))
            elif first.startswith("^") and first[1:2] in CIRCLED_CHARS:
                texts[0] = first[1:]  # a raised circled mark at the foot is the note's own mark
            emit(note, [_SUPER_NUMBER_RE.sub(r"\1", t) for t in texts], page.labels, " (footnote)", prefix)
        out.append("\f")
        segments.append(((1, f"p. {page.number}"),))
    segments.append(segments[-1])
    text = "\n".join(out) + "\n"
    labels = tuple(seg[0][1] for seg in segments)
    return SourceText.from_text(text, path=path, encoding="pdf", sha256=hashlib.sha256(data).hexdigest(),
                                positions=PositionMap(PositionStyle.PAGE_LINE, labels, tuple(segments)),
                                note_labels=tuple(note_labels))
