"""The verdict on every passage the manuscript cites with a page (the quotation ledger's rows), and on
every quotation whose entry cites a web page: against the library's edition of the cited work, or
against the cited page's text as fetched (see QuoteStatus for the vocabulary)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from citeguard.ledger import LedgerRow, build_ledger
from citeguard.model import Document, Reference, Span
from citeguard.quotes.fold import fold
from citeguard.quotes.index import EditionIndex
from citeguard.quotes.library import Source
from citeguard.quotes.match import (
    ELLIPSIS_RE,
    LOOSE_MATCH,
    LOOSE_MIN,
    NEAR_QUOTE,
    cited_window,
    diff,
    dropped_phrase,
    find_parts,
    near,
    printed_passage,
    source_of,
)
from citeguard.records import QuoteStatus, QuoteVerdict


def check_row(row: LedgerRow, ref: Reference | None, library: Sequence[Source], index: EditionIndex | None = None,
              web: Mapping[str, Source] | None = None) -> QuoteVerdict:
    """The verdict on one ledger row (see QuoteStatus)."""
    where = Span(row.line, row.column, row.line, row.column, path=row.path)
    base = QuoteVerdict(row.quote, where, row.work, row.label or row.ref_id, row.page,
                        QuoteStatus.NOT_CHECKED, row.quoted, location=row.location)
    parts = [p for p in (fold(x) for x in ELLIPSIS_RE.split(row.quote)) if p]
    if not parts:
        return base
    page_source = (web or {}).get(ref.url or "") if ref is not None else None
    source = page_source or source_of(ref, library)
    if not row.quoted:
        return _loose(base, "".join(parts), source, index) if source is not None else base
    if source is None:  # not a work of the library; a library work holding the passage is named, as a hint
        hint = next((s for s in library if find_parts(parts, s.text)[0] >= 0), None)
        return _with(base, QuoteStatus.NOT_CHECKED, hint, -1, -1) if hint else base
    return _quoted(base, parts, source, library, index)


def _with(base: QuoteVerdict, status: QuoteStatus, source: Source | None, start: int, end: int,
          changes: str = "") -> QuoteVerdict:
    if source is None:
        return replace(base, status=status)
    found = source.label(source.page_at(start)) if start >= 0 and source.paged else ""
    passage = printed_passage(source, start, end) if start >= 0 else ""
    return replace(base, status=status, source=source.file, page_found=found, diff=changes, passage=passage)


def _quoted(base: QuoteVerdict, parts: list[str], source: Source, library: Sequence[Source],
            index: EditionIndex | None) -> QuoteVerdict:
    window = cited_window(source, base.page_cited) if source.paged else (0, len(source.text), len(source.text))
    if window is not None:  # on the cited page (running over its end at most into the next)
        start, cited_end, end = window
        at, stop = find_parts(parts, source.text, start, end, first_before=cited_end)
        if at >= 0:
            return _with(base, QuoteStatus.VERIFIED, source, at, stop)
    at, stop = find_parts(parts, source.text)
    if at >= 0:
        return _with(base, QuoteStatus.WRONG_PAGE, source, at, stop)
    quote = "".join(parts)
    if window is not None:  # the cited page holds the passage in other words
        start, cited_end, end = window
        score, at, stop = near(quote, source, start, min(end, cited_end + len(quote)))
        if score >= NEAR_QUOTE:
            return _with(base, QuoteStatus.DIFFERS, source, at, stop, diff(quote, source.text[at:stop]))
        if (dropped := dropped_phrase(quote, source.text, start, cited_end)) is not None:
            words, at, stop = dropped
            return _with(base, QuoteStatus.DIFFERS, source, at, stop, f"[-{words}]")
    if index is not None and source.key:  # another page holds it in other words: the nearest pages by trigrams
        for key, page in index.near_pages(quote, [source.key]):
            if key != source.key or page >= len(source.starts):
                continue
            start = source.starts[page]
            end = source.starts[page + 1] + len(quote) if page + 1 < len(source.starts) else len(source.text)
            score, at, stop = near(quote, source, start, min(end, len(source.text)))
            if score >= NEAR_QUOTE:
                return _with(base, QuoteStatus.DIFFERS, source, at, stop, diff(quote, source.text[at:stop]))
    for other in library:
        if other is not source and (found := find_parts(parts, other.text))[0] >= 0:
            return _with(base, QuoteStatus.OTHER_WORK, other, *found)
    return _with(base, QuoteStatus.NOT_FOUND, source, -1, -1)


def _loose(base: QuoteVerdict, passage: str, source: Source, index: EditionIndex | None) -> QuoteVerdict:
    """A passage cited with a page but not quoted: judged only when it stands nearly word for word on
    the cited page (verified) or on one other page (wrong-page); a paraphrase is not judged."""
    if len(passage) < LOOSE_MIN:
        return base
    window = cited_window(source, base.page_cited) if source.paged else (0, len(source.text), len(source.text))
    if window is not None:
        score, at, stop = near(passage, source, window[0], window[2])
        if score >= LOOSE_MATCH:
            return _with(base, QuoteStatus.VERIFIED, source, at, stop)
    if index is not None and source.key and source.paged:
        for key, page in index.near_pages(passage, [source.key])[:3]:
            if key != source.key or page >= len(source.starts):
                continue
            end = source.starts[page + 1] if page + 1 < len(source.starts) else len(source.text)
            score, at, stop = near(passage, source, source.starts[page], end)
            if score >= LOOSE_MATCH:
                return _with(base, QuoteStatus.WRONG_PAGE, source, at, stop)
    return base


def quoted_urls(document: Document) -> list[str]:
    """The web pages the manuscript quotes (an entry with a URL and no page, a quotation attached):
    what is fetched to check those quotations against."""
    notes = {f.id: f.entry for f in document.footnotes}
    cited = {c.id: c.reference for c in document.citations}
    urls = []
    for row in build_ledger(document, with_urls=True):
        if row.page or not row.quoted:
            continue
        number = cited.get(row.ref_id)
        ref = notes.get(row.ref_id) if row.source == "footnote" else (
            document.references[number - 1] if number else None)
        if ref is not None and ref.url:
            urls.append(ref.url)
    return list(dict.fromkeys(urls))


def check_quotations(document: Document, library: Sequence[Source], index: EditionIndex | None = None,
                     web: Mapping[str, Source] | None = None) -> list[QuoteVerdict]:
    """A verdict for every row of the document's quotation ledger (and every quotation of a cited web
    page in ``web``, by URL)."""
    notes = {f.id: f.entry for f in document.footnotes}
    cited = {c.id: c.reference for c in document.citations}
    out = []
    for row in build_ledger(document, with_urls=True):
        ref: Reference | None = None
        if row.source == "footnote":
            ref = notes.get(row.ref_id)
        elif (number := cited.get(row.ref_id)) is not None:
            ref = document.references[number - 1]
        out.append(check_row(row, ref, library, index, web))
    return out
