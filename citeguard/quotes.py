"""Is the quotation really there? Quoted, page-cited passages against the office's library of editions
(issue 24, first part).

The library is a folder of editions: PDF with a text layer (its pages in order), plain text with
form feeds between pages (as ``pdftotext`` writes it) or without pages (wording only), described by an
optional ``library.toml``::

    [[source]]
    file = "mengzi.txt"        # relative to the library folder
    title = "孟子"              # matched to the entry's title (folded)
    authors = ["孟轲"]
    volume = "1"               # when the entry names a volume (第1卷), only this source is that volume
    first_page = 1             # the printed number of the file's first page

Without it, every .txt and .pdf file of the folder is a source named by its file name. Each quotation the
ledger holds (a passage in quotation marks that a citation with a page attaches to) gets one verdict
of a closed vocabulary: verified, wrong-page, differs, other-work, not-found, not-checked. Matching
folds width, punctuation, spaces and Traditional characters, reads an ellipsis as a gap, and lets a
quotation run over a page break.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rapidfuzz import fuzz

from citeguard.chars import fold_width
from citeguard.checks.titles import normalise_title, simplified
from citeguard.ingest import IngestError, read_source
from citeguard.ledger import LedgerRow, build_ledger
from citeguard.model import Document, Reference

MAX_SOURCES = 500  # files of one library read
MAX_SOURCE_BYTES = 50 * 1024 * 1024  # one edition's text
MAX_PAGES = 5000  # pages of one edition
TITLE_MATCH = 85  # rapidfuzz ratio of folded titles for an entry to name a source
MIN_PART = 4  # characters of a quotation's head and tail looked for with a gap between them
MAX_CUTS = 400  # places a quotation is cut into head and tail
MAX_GAP = 300  # characters a quotation may leave out unmarked and still be the passage
OVERRUN = 400  # characters of the next page a quotation may run into
NEAR_QUOTE = 80  # partial ratio at which a passage on the cited page is the quotation, differently worded
# An ellipsis in a quotation: …… … ...  (a gap: the parts on either side are checked in order)
_ELLIPSIS_RE = re.compile(r"…+|\.{3,}|。。。")
# The volume an entry's title names: 习近平谈治国理政：第4卷  (第4卷)  Vol. 2
_VOLUME_RE = re.compile(r"第\s*([0-9一二三四五六七八九十]+)\s*卷|\bVol\.?\s*(\d+)", re.IGNORECASE)
_CN_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
              "十": "10"}
# A page number of a cited page: "191"  "25-26"  "序2"
_PAGE_RE = re.compile(r"\d+")


class QuoteStatus(StrEnum):
    """What the library says of one quotation."""

    VERIFIED = "verified"  # on the cited page, word for word
    WRONG_PAGE = "wrong-page"  # word for word, on another page of the cited work
    DIFFERS = "differs"  # the passage is on the cited page, its words are not
    OTHER_WORK = "other-work"  # not in the cited work, word for word in another work of the library
    NOT_FOUND = "not-found"  # the cited work is in the library and the passage is not in it
    NOT_CHECKED = "not-checked"  # the cited work is not in the library (or nothing to check)


@dataclass(frozen=True, slots=True)
class Source:
    """One edition of the library: its pages' text, printed numbers from ``first_page``."""

    file: str
    title: str
    authors: tuple[str, ...]
    volume: str
    first_page: int
    pages: tuple[str, ...]  # folded text of each page (one page for a text without form feeds)
    paged: bool


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """The verdict on one quotation of the ledger."""

    row: LedgerRow
    status: QuoteStatus
    source: str = ""  # the library file the verdict rests on
    page_found: str = ""
    diff: str = ""  # for differs: what the quotation added [+…], dropped [-…] or changed


class LibraryError(Exception):
    """The library folder or its catalogue cannot be read; the message is one line."""


def fold(text: str) -> str:
    """Letters and digits only, width folded, Traditional characters made Simplified, lower case: what
    two printings of one passage share."""
    text = simplified(fold_width(unicodedata.normalize("NFKC", text)))
    return "".join(ch for ch in text if ch.isalnum()).lower()


def load_library(folder: Path) -> list[Source]:
    """The editions of ``folder`` (its library.toml, else every .txt file); LibraryError when it cannot be read."""
    if not folder.is_dir():
        raise LibraryError(f"{folder}: the library is not a folder")
    catalogue = folder / "library.toml"
    try:
        entries = tomllib.loads(catalogue.read_text(encoding="utf-8")).get("source", []) if catalogue.exists() else [
            {"file": p.name} for p in sorted([*folder.glob("*.txt"), *folder.glob("*.pdf")])[:MAX_SOURCES]]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LibraryError(f"{catalogue}: cannot be read ({exc})") from None
    if not isinstance(entries, list):
        raise LibraryError(f"{catalogue}: [[source]] tables expected")
    root = folder.resolve()
    sources = []
    for entry in entries[:MAX_SOURCES]:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise LibraryError(f"{catalogue}: every [[source]] needs a file")
        path = (folder / entry["file"]).resolve()
        if not path.is_relative_to(root):
            raise LibraryError(f"{catalogue}: {entry['file']} is outside the library folder; not read")
        sources.append(_source(path, entry))
    return sources


def _source(path: Path, entry: dict[str, object]) -> Source:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise LibraryError(f"{path}: larger than {MAX_SOURCE_BYTES} bytes; not read")
        if path.suffix.lower() == ".pdf":  # its text layer, pages parted by form feeds (running heads dropped)
            text = read_source(path, max_pages=MAX_PAGES, max_lines=None).text
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
    except IngestError as exc:
        raise LibraryError(str(exc)) from None
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    raw_pages = text.split("\f")[:MAX_PAGES]
    authors = entry.get("authors", ())
    first = entry.get("first_page", 1)
    return Source(path.name, str(entry.get("title") or path.stem), tuple(str(a) for a in authors)
                  if isinstance(authors, list) else (), str(entry.get("volume") or ""),
                  first if isinstance(first, int) else 1, tuple(fold(p) for p in raw_pages), len(raw_pages) > 1)


def _volume(title: str) -> str:
    m = _VOLUME_RE.search(title)
    if m is None:
        return ""
    value = m.group(1) or m.group(2) or ""
    return _CN_DIGITS.get(value, value)


def source_of(ref: Reference | None, library: list[Source]) -> Source | None:
    """The edition an entry cites: its title (without the volume) against each source's title, and
    the volume, when both name one."""
    if ref is None or not ref.title:
        return None
    wanted = normalise_title(_VOLUME_RE.sub("", ref.title))
    volume = _volume(ref.title) or (ref.volume or "")
    best, score = None, 0.0
    for source in library:
        if volume and source.volume and source.volume != volume:
            continue
        ratio = fuzz.ratio(wanted, normalise_title(_VOLUME_RE.sub("", source.title)))
        if ratio >= TITLE_MATCH and ratio > score:
            best, score = source, ratio
    return best


def _find(parts: list[str], text: str, starts_before: int | None = None) -> bool:
    """Are the parts of a quotation (split at its ellipses) in ``text``, in order — the first one
    starting before ``starts_before`` when given (on the cited page, though it may run over)?"""
    at = 0
    for number, part in enumerate(parts):
        found = text.find(part, at)
        if number == 0 and starts_before is not None and found >= starts_before:
            return False
        if found < 0:
            return False
        at = found + len(part)
    return True


def _cited_pages(source: Source, page: str) -> range:
    numbers = [int(n) for n in _PAGE_RE.findall(fold_width(page))[:2]]
    if not numbers:
        return range(0)
    first, last = numbers[0], numbers[-1] if numbers[-1] >= numbers[0] else numbers[0]
    return range(first - source.first_page, last - source.first_page + 1)


def _window(source: Source, indexes: range) -> tuple[str, int]:
    """The text of the cited pages and the start of the next (a quotation may run over the break),
    and where the cited pages end in it."""
    inside = [i for i in indexes if 0 <= i < len(source.pages)]
    if not inside:
        return "", 0
    cited = "".join(source.pages[i] for i in inside)
    after = inside[-1] + 1
    return cited + (source.pages[after][:OVERRUN] if after < len(source.pages) else ""), len(cited)


def check_row(row: LedgerRow, ref: Reference | None, library: list[Source]) -> QuoteCheck:
    """The verdict on one ledger row (see QuoteStatus)."""
    parts = [p for p in (fold(x) for x in _ELLIPSIS_RE.split(row.quote)) if p]
    if not parts or not row.quoted:
        return QuoteCheck(row, QuoteStatus.NOT_CHECKED)
    source = source_of(ref, library)
    if source is None:
        others = [s for s in library if any(_find(parts, p + (s.pages[i + 1][:OVERRUN] if i + 1 < len(s.pages) else ""),
                                                  len(p)) for i, p in enumerate(s.pages))]
        if others:  # not a work of the library, but the passage is in one: named, as a hint
            return QuoteCheck(row, QuoteStatus.NOT_CHECKED, others[0].file)
        return QuoteCheck(row, QuoteStatus.NOT_CHECKED)
    indexes = _cited_pages(source, row.page) if source.paged else range(len(source.pages))
    window, cited_end = _window(source, indexes)
    if window and _find(parts, window, cited_end):
        return QuoteCheck(row, QuoteStatus.VERIFIED, source.file, row.page)
    for i, text in enumerate(source.pages):
        if _find(parts, text + (source.pages[i + 1][:OVERRUN] if i + 1 < len(source.pages) else ""), len(text)):
            return QuoteCheck(row, QuoteStatus.WRONG_PAGE, source.file, str(i + source.first_page))
    quote = "".join(parts)
    if window and fuzz.partial_ratio(quote, window[:cited_end + len(quote)]) >= NEAR_QUOTE:
        return QuoteCheck(row, QuoteStatus.DIFFERS, source.file, row.page, _diff(quote, window))
    if window and (dropped := _dropped(quote, window, cited_end)) is not None:
        return QuoteCheck(row, QuoteStatus.DIFFERS, source.file, row.page, f"[-{dropped}]")
    for other in library:
        if other is not source and any(_find(parts, text) for text in other.pages):
            return QuoteCheck(row, QuoteStatus.OTHER_WORK, other.file)
    return QuoteCheck(row, QuoteStatus.NOT_FOUND, source.file)


def _dropped(quote: str, window: str, cited_end: int) -> str | None:
    """What a quotation left out without marking it, when its head and its tail stand on the cited
    page in order with text between them: "吾日三省吾身，传不习乎" of "吾日三省吾身：为人谋…传不习乎"."""
    if len(quote) < 2 * MIN_PART:
        return None
    for cut in range(len(quote) - MIN_PART, MIN_PART - 1, -1)[:MAX_CUTS]:  # the longest head first
        head = window.find(quote[:cut])
        if head < 0 or head >= cited_end:
            continue
        tail = window.find(quote[cut:], head + cut)
        if 0 < tail - (head + cut) <= MAX_GAP:
            return window[head + cut:tail]
    return None


def _diff(quote: str, window: str) -> str:
    """What the quotation changes against the closest passage of the page: [+added] [-dropped]."""
    align = fuzz.partial_ratio_alignment(quote, window)
    passage = window[align.dest_start:align.dest_end] if align is not None else window[:len(quote)]
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, passage, quote, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            out.append(f"[-{passage[a1:a2]}]")
        if op in ("replace", "insert"):
            out.append(f"[+{quote[b1:b2]}]")
    return " ".join(out)


def check_quotations(document: Document, library: list[Source]) -> list[QuoteCheck]:
    """A verdict for every quotation of the document's ledger."""
    notes = {f.id: f.entry for f in document.footnotes}
    cited = {c.id: c.reference for c in document.citations}
    out = []
    for row in build_ledger(document):
        ref: Reference | None = None
        if row.source == "footnote":
            ref = notes.get(row.ref_id)
        elif (index := cited.get(row.ref_id)) is not None:
            ref = document.references[index - 1]
        out.append(check_row(row, ref, library))
    return out
