"""Each quoted passage against its edition: found word for word on the cited page, on another page,
in other words, in another work, or not at all (see QuoteStatus).

Matching compares folded text (quotes.fold: width, punctuation, spaces and Traditional characters
aside); an ellipsis (……, …, ...) in a quotation is a gap, its parts looked for in order; a quotation
may run over a page break; a passage dropped without an ellipsis is ``differs``, the dropped words
shown.  A passage the citation ends without quotation marks is checked loosely: only a passage that
stands nearly word for word on the cited page (verified) or on one other page (wrong-page) is judged.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from citeguard.chars import fold_width
from citeguard.checks.titles import normalise_title
from citeguard.model import Reference
from citeguard.quotes.fold import fold_with_places
from citeguard.quotes.library import Source

TITLE_MATCH = 85  # rapidfuzz ratio of folded titles for an entry to name a source
MIN_PART = 4  # characters of a quotation's head and tail looked for with a gap between them
MAX_CUTS = 400  # places a quotation is cut into head and tail
MAX_GAP = 300  # characters a quotation may leave out unmarked and still be the passage
ELLIPSIS_SPAN = 3000  # characters an ellipsis may stand for
MAX_OCCURRENCES = 50  # places a quotation's first part is tried at in one edition
OVERRUN = 400  # characters of the next page a quotation may run into
NEAR_QUOTE = 80  # partial ratio at which a passage is the quotation, differently worded
LOOSE_MATCH = 90  # partial ratio at which an unquoted passage is the cited page's
LOOSE_MIN = 8  # characters an unquoted passage needs to be judged at all
PASSAGE_CONTEXT = 10  # characters of the edition shown either side of the passage found
# An ellipsis in a quotation: …… … ...  (a gap: the parts on either side are checked in order)
ELLIPSIS_RE = re.compile(r"…+|\.{3,}|。。。|⋯+")
# The volume an entry's title names: 习近平谈治国理政：第4卷  (第4卷)  Vol. 2
_VOLUME_RE = re.compile(r"第\s*([0-9一二三四五六七八九十]+)\s*卷|\bVol\.?\s*(\d+)", re.IGNORECASE)
_CN_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
              "十": "10"}
# The numbers of a cited page or range: "191"  "25-26"  "xiv"
_PAGE_RE = re.compile(r"\d+|\b[ivxlcdm]{1,7}\b", re.IGNORECASE)


def _volume(title: str) -> str:
    m = _VOLUME_RE.search(title)
    if m is None:
        return ""
    value = m.group(1) or m.group(2) or ""
    return _CN_DIGITS.get(value, value)


def _digits(text: str) -> str:
    """The number of an edition as written: "2版" "第2版" "2nd ed" → "2"."""
    return "".join(ch for ch in fold_width(text) if ch.isdigit()) or text


def source_of(ref: Reference | None, library: Iterable[Source]) -> Source | None:
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
        if (ref.year and source.year and ref.year != source.year) or (
                ref.edition and source.edition and _digits(ref.edition) != _digits(source.edition)):
            continue  # another printing or edition of the work: its pages are not the cited ones
        ratio = fuzz.ratio(wanted, normalise_title(_VOLUME_RE.sub("", source.title)))
        if ratio >= TITLE_MATCH and ratio > score:
            best, score = source, ratio
    return best


def find_parts(parts: list[str], text: str, start: int = 0, end: int | None = None,
               first_before: int | None = None) -> tuple[int, int]:
    """Where the parts of a quotation (split at its ellipses) stand in ``text[start:end]`` in order,
    each within ELLIPSIS_SPAN of the one before, the first starting before ``first_before`` when
    given: (start of the first, end of the last), or (-1, -1)."""
    end = len(text) if end is None else end
    at = text.find(parts[0], start, end)
    for _ in range(MAX_OCCURRENCES):
        if at < 0 or (first_before is not None and at >= first_before):
            return -1, -1
        cursor = at + len(parts[0])
        for part in parts[1:]:
            found = text.find(part, cursor, min(end, cursor + ELLIPSIS_SPAN + len(part)))
            if found < 0:
                break
            cursor = found + len(part)
        else:
            return at, cursor
        at = text.find(parts[0], at + 1, end)
    return -1, -1


def cited_window(source: Source, page: str) -> tuple[int, int, int] | None:
    """The cited pages in the joined text: (start, end of the cited pages, end with the overrun into
    the next page); None when the edition has no page printed so."""
    numbers = [n.lower() for n in _PAGE_RE.findall(fold_width(page))[:2]]
    if not numbers:
        return None
    first = source.pages_labelled(numbers[0])
    last = source.pages_labelled(numbers[-1]) if len(numbers) > 1 else first
    if not first:
        return None
    a = first[0]
    b = max([i for i in last if i >= a] or [a])
    start = source.starts[a]
    end = source.starts[b + 1] if b + 1 < len(source.starts) else len(source.text)
    return start, end, min(len(source.text), end + OVERRUN)


def printed_passage(source: Source, start: int, end: int) -> str:
    """The edition's own words (punctuation and all) for the folded stretch [start, end), with a
    little context either side."""
    page = source.page_at(start)
    local = start - source.starts[page]
    folded, places = fold_with_places(source.printed[page])
    if not folded or local >= len(folded):
        return ""
    a = places[max(0, local - PASSAGE_CONTEXT)]
    b = places[min(len(folded), local + (end - start) + PASSAGE_CONTEXT) - 1] + 1
    return " ".join(source.printed[page][a:b].split())


def diff(quote: str, passage: str) -> str:
    """What the quotation changes against the passage: [+added] [-dropped] (a change is both)."""
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, passage, quote, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            out.append(f"[-{passage[a1:a2]}]")
        if op in ("replace", "insert"):
            out.append(f"[+{quote[b1:b2]}]")
    return " ".join(out)


def near(quote: str, source: Source, start: int, end: int) -> tuple[float, int, int]:
    """How near the closest passage of ``source.text[start:end]`` is to the quotation: (partial
    ratio, its start, its end in the joined text)."""
    align = fuzz.partial_ratio_alignment(quote, source.text[start:end])
    if align is None:
        return 0.0, -1, -1
    return align.score, start + align.dest_start, start + align.dest_end


def dropped_phrase(quote: str, text: str, start: int, first_before: int) -> tuple[str, int, int] | None:
    """What a quotation left out without marking it, when its head and its tail stand in order on the
    cited page with text between them: "吾日三省吾身，传不习乎" of "吾日三省吾身：为人谋…传不习乎"."""
    if len(quote) < 2 * MIN_PART:
        return None
    for cut in range(len(quote) - MIN_PART, MIN_PART - 1, -1)[:MAX_CUTS]:  # the longest head first
        head = text.find(quote[:cut], start, first_before)
        for _ in range(MAX_OCCURRENCES):  # a short head may stand on the page more than once
            if head < 0:
                break
            tail = text.find(quote[cut:], head + cut, head + cut + MAX_GAP + len(quote))
            if 0 < tail - (head + cut) <= MAX_GAP:
                return text[head + cut:tail], head, tail + len(quote) - cut
            head = text.find(quote[:cut], head + 1, first_before)
    return None
