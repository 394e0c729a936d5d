"""The quotation ledger: every place the paper cites a page, with the passage it quotes, grouped by
work and ordered by page — the worksheet an editor checks against the printed books."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from citeguard.chars import CIRCLED_CHARS, fold_width
from citeguard.checks.page_rules import lists_cited_pages, page_extent
from citeguard.checks.registry import ref_label
from citeguard.link import pages_cover
from citeguard.model import Citation, Document, Footnote, FootnoteMarker, Reference

# A passage in quotation marks right before a citation: “……”（习近平，2025:216）  「……」  ‘……’
# (single quotes only around a passage that holds none: an apostrophe, “it’s”, is no closing mark)
_QUOTE_BEFORE_RE = re.compile(r"[“「『\"]([^“”「」『』\"]{2,400})[”」』\"][\s，,]*$|‘([^“”「」『』\"‘’]{2,400})’[\s，,]*$")
# Where the sentence a citation ends begins: after 。！？； or a line start
_SENTENCE_START_RE = re.compile(r"[。！？!?；;]\s*")
_PAGE_NUMBER_RE = re.compile(r"\d+")
# The marks of a Markdown block quote, at the start of each of its lines: "> 学而时习之"
_BLOCK_QUOTE_RE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
# LaTeX markup in a passage: % comments, \section*[opt]{ and the braces around arguments
_TEX_COMMENT_RE = re.compile(r"(?<!\\)%[^\n]*")
_TEX_MARKUP_RE = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?|[{}]")
# Footnote marks inside the passage: ^①  ^{②}  ③
_LEADING_MARK_RE = re.compile(rf"\^?\{{?[{CIRCLED_CHARS}]\}}?")


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One cited page: the work, the page, the quoted passage and where it stands."""

    work: str  # how the work is named in the ledger
    work_key: str  # rows with the same key belong to one work
    page: str
    quote: str
    quoted: bool  # True: text in quotation marks; False: the sentence the citation ends
    line: int
    column: int
    source: str  # "text" (an in-text citation) or "footnote"
    ref_id: str  # citation id or footnote id
    duplicate: bool = False  # the same page of the same work is cited more than once
    not_in_entry: bool = False  # the page is not among the entry's listed pages
    page_from_entry: bool = False  # the citation gives no page; the page is the one the entry lists
    location: str = ""  # where the user finds it: "12:5", "¶12" (.docx), "p. 4, line 12" (PDF)
    path: str = ""  # the file of a many-file manuscript the citation stands in ("" the main one)
    label: str = ""  # the entry as the reports name it: "[12]", a footnote's mark, "Smith 2020"


def _passage(before: str, block: bool = False) -> tuple[str, bool]:
    """The quotation just before a citation, else the sentence it closes; in a block quote (a Markdown
    "> " paragraph) the whole quoted text before the citation, which is a quotation too."""
    before = _LEADING_MARK_RE.sub("", before)
    if block and not _QUOTE_BEFORE_RE.search(before):
        passage = " ".join(_BLOCK_QUOTE_RE.sub("", before).split()).strip(" ，,")
        if len(passage) >= 2:
            return passage, True
    if "\\" in before or "%" in before:  # LaTeX source: no comments, commands or braces in a passage
        before = " ".join(_TEX_MARKUP_RE.sub(" ", _TEX_COMMENT_RE.sub(" ", before)).replace("~", " ").split())
    m = _QUOTE_BEFORE_RE.search(before)
    if m:
        return (m.group(1) or m.group(2)).strip(), True
    starts = [s.end() for s in _SENTENCE_START_RE.finditer(before)]
    start = starts[-1] if starts and starts[-1] < len(before.rstrip()) else (starts[-2] if len(starts) > 1 else 0)
    return before[start:].strip(" ，,"), False


def _first_page(page: str) -> int:
    m = _PAGE_NUMBER_RE.search(fold_width(page))
    return int(m.group(0)) if m else 0


def _work_name(ref: Reference) -> str:
    who = "、".join(ref.authors[:1]) if ref.authors else ""
    label = f"[{ref.number}] " if ref.number is not None else ""
    head = f"{who}. " if who else ""
    tail = ", ".join(x for x in (ref.publisher, ref.year) if x)
    return f"{label}{head}{ref.title or ref.raw[:40]}" + (f" ({tail})" if tail else "")


def build_ledger(document: Document, *, with_urls: bool = False) -> list[LedgerRow]:
    """Rows for in-text citations with pages and for footnotes whose entry gives pages; with
    ``with_urls`` also a row (page "") for each quotation of an entry that cites a web page."""
    rows: list[LedgerRow] = []
    notes = {f.id: f for f in document.footnotes}
    places: dict[int, list[Citation | FootnoteMarker]] = defaultdict(list)
    for c in document.citations:  # every citation and mark bounds the passage of the next one
        places[c.paragraph].append(c)
    for m in document.markers:
        places[m.paragraph].append(m)
    for index, items in places.items():
        text = document.paragraphs[index].text
        cursor = 0
        for item in sorted(items, key=lambda x: (x.span.line, x.span.column)):
            needle = item.text if isinstance(item, Citation) else (item.text or item.symbol)
            at = text.find(needle, cursor)
            if at < 0:
                continue
            # The passage starts no earlier than the end of the citation or mark before it.
            quote, quoted = _passage(text[cursor:at].rstrip("^{"), _BLOCK_QUOTE_RE.match(text) is not None)
            cursor = at + len(needle)
            if isinstance(item, Citation):
                rows.extend(_citation_rows(document, item, quote, quoted, with_urls))
            elif (note := notes.get(item.footnote or "")) is not None and note.entry is not None:
                rows.extend(_footnote_rows(note, item, quote, quoted, with_urls))
    counts = Counter((r.work_key, fold_width(r.page)) for r in rows)
    rows = [replace(r, duplicate=counts[(r.work_key, fold_width(r.page))] > 1,
                    location=document.location(r.line, r.column)) for r in rows]
    rows.sort(key=lambda r: (r.work, _first_page(r.page), r.line))
    return rows


def _pages_of(entry: Reference) -> tuple[str, ...]:
    """Pages an entry gives: cited pages of a book, the 版次 of a newspaper."""
    if entry.type_code == "N" and entry.edition:
        return (entry.edition,)
    return entry.pages


def _citation_rows(document: Document, c: Citation, quote: str, quoted: bool, with_urls: bool) -> list[LedgerRow]:
    ref = document.references[c.reference - 1] if c.reference else None
    work = _work_name(ref) if ref else f"{c.author_text} {c.year or ''}".strip()
    key = f"ref:{ref.index}" if ref else f"cit:{c.author_text}:{c.year}"
    label = ref_label(document, ref.index) if ref else c.text
    if with_urls and quoted and not c.pages and ref is not None and ref.url:  # a web page: its wording, no page
        return [LedgerRow(work, key, "", quote, quoted, c.span.line, c.span.column, "text", c.id,
                          path=c.span.path, label=label)]
    if not c.pages and (ref is None or not lists_cited_pages(ref)):
        return []  # no page anywhere: nothing to check against a book
    if not c.pages and ref is not None:  # (钟山，2003) for an entry listing :51 — check that page
        page = ",".join(ref.pages)
        return [LedgerRow(work, key, page, quote, quoted, c.span.line, c.span.column, "text", c.id,
                          page_from_entry=True, path=c.span.path, label=label)]
    return [LedgerRow(work, key, page, quote, quoted, c.span.line, c.span.column, "text", c.id,
                      not_in_entry=bool(ref and page_extent(ref) and not pages_cover(page_extent(ref), (page,))),
                      path=c.span.path, label=label)
            for page in c.pages]


def _footnote_rows(note: Footnote, mark: FootnoteMarker, quote: str, quoted: bool, with_urls: bool) -> list[LedgerRow]:
    entry = note.entry
    assert entry is not None
    key = "fn:" + fold_width(f"{entry.title}|{entry.publisher}|{entry.year}").replace(" ", "")
    label = f"p{note.page}{note.symbol}" if note.page else (note.symbol or note.id)
    pages = _pages_of(entry) or (("",) if with_urls and quoted and entry.url else ())  # a web page: no page
    return [LedgerRow(_work_name(entry), key, page, quote, quoted, mark.span.line, mark.span.column, "footnote",
                      note.id, path=mark.span.path, label=label) for page in pages]

