"""Source text → :class:`~citeguard.model.Document` (citations not yet linked), in passes that each
hand a frozen value to the next: the lines (layout.text_lines) → the reference lists
(listfind.find_lists) → pages, paragraphs and notes (layout.analyse) → entries, notes and citations
read from them."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import replace

from citeguard.chars import CIRCLED_NUMBER, fold_width, is_chinese
from citeguard.ingest import SourceText
from citeguard.model import (
    Citation,
    CitationKind,
    CitationSystem,
    Document,
    EntryStyle,
    Footnote,
    FootnoteMarker,
    IssueKind,
    Language,
    Located,
    Paragraph,
    ParseIssue,
    PositionStyle,
    Reference,
)
from citeguard.parse.bib import (
    BIBLATEX_RE,
    bib_references,
    bib_style,
    latex_citing_macros,
    mask_code,
)
from citeguard.parse.bibitems import bibitem_references
from citeguard.parse.citations import find_citations
from citeguard.parse.cited import NameLexicon
from citeguard.parse.entries import parse_entry
from citeguard.parse.entrykey import DITTO_HEAD_RE, entry_key
from citeguard.parse.fieldcites import read_field_citations
from citeguard.parse.fields import TYPE_RE, URL_RE
from citeguard.parse.frontmatter import body_start, parse_front_matter
from citeguard.parse.keyed import cited_only, keyed_citations, latex_prose, unread_commands
from citeguard.parse.layout import Layout, analyse, text_lines
from citeguard.parse.limits import Budget
from citeguard.parse.lines import split_lines
from citeguard.parse.listfind import find_lists
from citeguard.parse.listparts import runs_by_chapter
from citeguard.parse.listread import stray_labels
from citeguard.parse.markers import find_markers
from citeguard.parse.mdnotes import MARK_RE, note_number
from citeguard.parse.ocr import ocr_damaged
from citeguard.parse.pairing import page_list, pair_markers
from citeguard.parse.reflist import heading_match
from citeguard.parse.spans import covered
from citeguard.parse.wordnotes import apply_note_labels
from citeguard.texsource import tex_discarding_macros
from citeguard.words import counted

LANGUAGE_PARAGRAPHS = 400  # body paragraphs whose letters decide the paper's language
LANGUAGE_CHARS = 200_000  # … at most this many characters of them
# Encodings citeguard reads for certain; anything else was a detector's guess.
TRUSTED_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "ascii", "docx", "pdf"})
# Pandoc citations: [@Dempster1977]  [@key, p. 12]  and narrative @Calinon2007 (not e-mail addresses)
PANDOC_RE = re.compile(r"\[-?@[\w:.#$%&+?<>~/-]+|(?<![\w.@])@[A-Za-z][\w:.#$%&+?<>~/-]*[\w]")
# LaTeX markup that is not prose: \section*{…}  \cite[p.~3]{key}  % a comment
# (an argument stops at the next bracket of its kind, so an unclosed "\cite[" scans only up to the
# next command's bracket, not through every later command)
_TEX_MARKUP_RE = re.compile(r"\\[A-Za-z@]++\*?(?:\[[^\[\]]*\])*+(?:\{[^{}]*\})*+|(?<!\\)%[^\n]*")
# Footnote text that tries to be a source but has no type code: a publisher, a year with a page,
# or a URL (explanatory footnotes in prose are left alone).
_SOURCE_LIKE_RE = re.compile(r"出版社|[12]\d{3}\s*[:：]\s*\d|https?://|\b(?:Press|Publishing)\b")


def parse_text(text: str, path: str = "<text>") -> Document:
    """Parse manuscript text (already decoded)."""
    return parse_source(SourceText.from_text(text, path=path))


def lay_out(text: str, front_end: int, list_items: frozenset[int] = frozenset()) -> Layout:
    """The layout of ``text`` (body from line ``front_end``), pass by pass: lines, lists, pages;
    ``list_items``: lines that start with a word processor's list number (never a note)."""
    prepared = text_lines(text, front_end)
    return analyse(text, prepared, find_lists(prepared.lines, prepared.front_end), list_items)


def parse_source(src: SourceText, *, bibs: tuple[SourceText, ...] = (), syntax: str = "text",
                 notes: tuple[str, ...] = (), parts: tuple[SourceText, ...] = ()) -> Document:
    """Parse a decoded manuscript into a Document whose citations are not linked yet.

    ``bibs`` are the .bib files a Pandoc or LaTeX manuscript names (``syntax`` "pandoc" or
    "latex"); their entries become the references when the text has no list of its own.
    """
    layout = lay_out(src.text, body_start(split_lines(src.text)), src.list_items)
    issues: list[ParseIssue] = []
    if src.encoding.lower().replace("_", "-") not in TRUSTED_ENCODINGS:
        issues.append(ParseIssue(IssueKind.ENCODING, f"the file is not UTF-8, GB18030 or UTF-16; it was decoded as "
                                 f"{src.encoding} by a guess: check accented and Chinese characters",
                                 src.span(0, 1), src.encoding))
    for note in notes:
        issues.append(ParseIssue(IssueKind.BIBLIOGRAPHY, note, src.span(0, 1)))
    budget = Budget(src.path)
    references = tuple(_references(src, layout, issues, budget))
    if syntax == "latex" and bibs and references:
        # a LaTeX manuscript's list is made from its .bib files (or typed as \bibitems): a run of
        # entry-like lines in its source is something else (the author's own publications, an itemize)
        references = ()
        issues[:] = [i for i in issues if i.kind is not IssueKind.UNPARSED_REFERENCE]
    if syntax == "latex" and not references:  # a hand-typed \begin{thebibliography} list, items keyed
        references = tuple(bibitem_references(src, mask_code(src.text, "latex")))
        budget.add(entries=len(references))
    bib_issues: list[ParseIssue] = []
    biber = syntax == "latex" and any(BIBLATEX_RE.search(t) for t in (src.text, *(p.text for p in parts)))
    if bibs and not references:
        from_bib: list[Reference] = []
        for bib in bibs:
            entries, found_issues = bib_references(bib, first_index=len(from_bib) + 1, percent_comments=biber)
            from_bib.extend(entries)
            bib_issues.extend(found_issues)
        budget.add(entries=len(from_bib))  # (as many as ingest.project.MAX_BIB_ENTRIES were read)
        references = tuple(from_bib)
    if not references:
        _lost_list(src, issues)
    footnotes, fund_note = _footnotes(src, layout, issues, budget)
    lexicon = NameLexicon((n for r in references for n in (*r.authors, *r.original_authors)),
                          (n for r in references for n in (r.authors[:1] + r.original_authors[:1])))
    numbered = [r.number for r in references if r.number is not None]
    max_number = max(numbered) if len(numbered) * 2 > len(references) else 0
    paragraphs, markers, citations = _body(src, layout, lexicon, issues, budget, max_number)
    runs = max((r.part for r in references), default=0)
    if runs and not layout.list_starts:  # a list that starts again from [1] under one heading
        citations = runs_by_chapter(paragraphs, citations, runs)
    if syntax in ("pandoc", "latex"):
        # macros the manuscript defines to throw their argument away (\nop{…}): what they hold cites nothing
        discard = tex_discarding_macros([src.text, *(p.text for p in parts)]) if syntax == "latex" else frozenset()
        # and macros it defines to cite (\citen{key} wrapping \cite{#1})
        own = latex_citing_macros([src.text, *(p.text for p in parts)]) if syntax == "latex" else frozenset()
        keyed = keyed_citations(src, layout, syntax, len(citations), issues, budget, discard, own)
        inside = covered([c.span for c in keyed])
        # "[191]" in \citet[191]{key} is the key's page, not a numeric citation
        plain = [c for c in citations if not inside(c.span.line, c.span.column)]
        if syntax == "latex":
            plain = latex_prose(src, plain, discard)
        if keyed:  # a paper citing by key writes "(Google, 2008)" as prose, not as a citation
            plain = [c for c in plain if c.kind is not CitationKind.AUTHOR_YEAR]
        citations = sorted(plain + keyed, key=lambda c: (c.span.line, c.span.column))
        for part in parts:  # \input files: their paragraphs and citations, placed in their own file
            part_layout = lay_out(part.text, 0)
            first = len(paragraphs)
            for raw in part_layout.paragraphs:
                span = replace(part.span(raw.segments[0].start, raw.segments[-1].end), path=part.path)
                paragraphs.append(Paragraph(len(paragraphs), raw.text, span, (0,), raw.is_heading))
            for c in keyed_citations(part, part_layout, syntax, len(citations), issues, budget, discard, own):
                citations.append(replace(c, span=replace(c.span, path=part.path), paragraph=c.paragraph + first))
        if syntax == "latex":
            unread_commands(src, [src.text, *(p.text for p in parts)], discard, own, issues)
    else:
        _unsupported_forms(src, layout, issues)
    if bib_issues or any(r.key and r.style is EntryStyle.BIBTEX for r in references):
        # (.bib entries: BibTeX prints the cited ones; a thebibliography list prints every item)
        references, bib_issues = cited_only(references, citations, bib_issues)
    issues.extend(bib_issues)
    ocr = ocr_damaged(src.text[:2_000_000], paragraphs, references)
    if syntax == "latex":  # LaTeX's notes are \footnote{…}: a circled number in its source is text
        markers = [m for m in markers if m.auto]
        footnotes = [f for f in footnotes if f.auto]
    elif not ocr and src.positions is None and len(layout.page_ends) <= 1 and not any(
            fl.symbol != "*" for fl in layout.footnotes):
        # a mark needs a note or a note's place: a born-digital text with no circled note and no
        # page (whose foot a conversion could have lost) numbers items with ① ② ③, not notes
        markers = [m for m in markers if m.auto]
    if src.list_items:  # the ① Word's list numbering puts before an item is its number, not a note's mark
        markers = [m for m in markers if m.auto or m.span.column > 1 or m.span.line - 1 not in src.list_items]
    markers, footnotes = pair_markers(markers, footnotes)
    pages = page_list(src, layout, markers, footnotes)
    if src.note_labels:
        before = {f.span: f.symbol for f in footnotes}
        markers, footnotes, note_pages = apply_note_labels(src, markers, footnotes)
        shown = {f.span: f.symbol for f in footnotes}
        issues = [replace(i, message=i.message.replace(f"footnote {before[i.span]}", f"footnote {shown[i.span]}"))
                  if i.kind is IssueKind.UNPARSED_FOOTNOTE and i.span in before and i.span in shown else i
                  for i in issues]
        if src.positions is not None and src.positions.style is PositionStyle.PARAGRAPH:
            pages = note_pages  # a .docx has no pages in its text: the pages Word numbered notes on
    front = parse_front_matter(src, layout.front, layout.trailing, layout.yaml, fund_note)
    # The prose's language: the body's first 400 paragraphs (a thesis opens with its English
    # abstract and contents; 50 paragraphs of them took a Chinese thesis for an English paper)
    body_text = "".join(p.text for p in paragraphs[:LANGUAGE_PARAGRAPHS])[:LANGUAGE_CHARS]
    if syntax == "latex":  # the language of the prose, not of \commands{keys} and % comments
        body_text = _TEX_MARKUP_RE.sub("", body_text)
    language = Language.ZH if is_chinese(body_text or src.text[:5000]) else Language.EN
    kinds = Counter(c.kind for c in citations)
    if not citations:
        system = CitationSystem.NONE
    elif kinds[CitationKind.KEY] >= max(kinds[CitationKind.NUMERIC], kinds[CitationKind.AUTHOR_YEAR]):
        system = CitationSystem.KEY
    elif kinds[CitationKind.NUMERIC] > kinds[CitationKind.AUTHOR_YEAR]:
        system = CitationSystem.NUMERIC
    else:
        system = CitationSystem.AUTHOR_YEAR
    heading = layout.ref_heading
    field_citations, field_bibliographies = read_field_citations(src.fields, src.field_store)
    return Document(
        path=src.path, sha256=src.sha256, encoding=src.encoding, language=language, system=system,
        front_matter=front, paragraphs=tuple(paragraphs), pages=pages, markers=tuple(markers),
        footnotes=tuple(footnotes), references=references, citations=tuple(citations),
        references_heading=src.span(*heading) if heading else None,
        issues=tuple(issues), positions=src.positions, fields=src.fields, ocr=ocr,
        field_citations=field_citations, field_bibliographies=field_bibliographies,
        stray_labels=stray_labels(references, layout.trailing),
        bib_style=bib_style([src.text, *(p.text for p in parts)]) if syntax == "latex" else "", biber=biber)


# A line that is only a reference list's heading: 参考文献  References  # 参考文献  【参考文献】
_LIST_HEADING_LINE_RE = re.compile(r"(?m)^[ \t#*【\[〔]{0,8}(?:参\s?考\s?文\s?献|References|REFERENCES|Bibliography)"
                                   r"[ \t*】\]〕:：]{0,6}$")
MAX_HEADINGS = 20  # heading lines tried


def _lost_list(src: SourceText, issues: list[ParseIssue]) -> None:
    """A text that ends at a reference list's heading, no entry after it ("# 参考文献" as its last
    line): the list was lost on the way (a conversion cut it off) — what could not be read, said."""
    tail = src.text[-400:].rstrip()
    last = tail[tail.rfind("\n") + 1:]
    heading = heading_match(last) if last.strip() else None
    if heading is not None and not heading.group("rest").strip():
        start = len(src.text) - len(src.text[-400:]) + tail.rfind("\n") + 1
        issues.append(ParseIssue(IssueKind.LIST_LOST, "the text ends at the reference list's heading with no "
                                 "entry after it", src.span(start, start + len(last)), last.strip()))
        return
    # a heading alone on its line with lines after it that were not read as entries: a list in a form
    # citeguard does not read (《经济学（季刊）》: 郭峰、王靖一，“题名”，《刊名》，2020年第4期，第1401—1418页。)
    for m in itertools.islice(_LIST_HEADING_LINE_RE.finditer(src.text), MAX_HEADINGS):
        if (heading := heading_match(m.group(0))) is None or heading.group("rest").strip():
            continue
        after = [ln for ln in src.text[m.end():m.end() + 4000].split("\n") if ln.strip()]
        if len(after) >= 3:
            issues.append(ParseIssue(IssueKind.LIST_UNREAD, f"the reference list under its heading ({len(after)} lines "
                                     "after it) is in a form citeguard does not read as entries",
                                     src.span(m.start(), m.end()), m.group(0).strip()))
            return


def _references(src: SourceText, layout: Layout, issues: list[ParseIssue], budget: Budget) -> list[Reference]:
    budget.add(entries=len(layout.entries))  # counted before a single one is parsed
    out = [parse_entry(block.text, src.span(block.start, block.end), index=i, number=block.number,
                       label=block.label)
           for i, block in enumerate(layout.entries, start=1)]
    out = [replace(r, part=block.part) if block.part else r for r, block in zip(out, layout.entries, strict=True)]
    if not out:
        return out
    for i in range(1, len(out)):  # "——，2012": the authors of the entry before, repeated by a dash
        if (m := DITTO_HEAD_RE.match(out[i].raw)) is not None and out[i - 1].authors:
            prev, raw = out[i - 1], out[i].raw
            dash = raw.find(m.group("dash"))
            read = parse_entry(raw[:dash] + prev.authors[0] + raw[dash + len(m.group("dash")):], out[i].span,
                               index=out[i].index, number=out[i].number, label=out[i].label)
            out[i] = replace(read, raw=raw, authors=prev.authors, et_al=prev.et_al, part=out[i].part)
    # The list's style is that of most of its entries; rules of a style apply only to lists in it.
    style = Counter(r.style for r in out).most_common(1)[0][0]
    out = [replace(r, list_style=style) for r in out]
    unread = [r for r in out if r.style is EntryStyle.UNKNOWN or r.unparsed]
    if not unread:
        return out
    # What could not be read is said once for the list, naming the entries, not once per entry.
    unknown = sum(1 for r in unread if r.style is EntryStyle.UNKNOWN)
    labels = ", ".join((r.label or f"#{r.index}") for r in unread[:8]) + (" …" if len(unread) > 8 else "")
    if style is EntryStyle.UNKNOWN:
        message = (f"{unknown} of {counted(len(out), 'entry')} {'is' if unknown == 1 else 'are'} in a style "
                   "citeguard does not read field by field "
                   "(neither GB/T 7714, APA nor name-year); they are linked by number or author and year only, "
                   "their elements were not checked")
    else:
        message = (f"{len(unread)} of {counted(len(out), 'entry')} could not be read in full ({labels}); "
                   "their elements were not checked")
    first = unread[0]
    issues.append(ParseIssue(IssueKind.UNPARSED_REFERENCE, message, first.span,
                             first.unparsed or first.raw if len(unread) == 1 else ""))
    return out


def _footnotes(src: SourceText, layout: Layout, issues: list[ParseIssue], budget: Budget
               ) -> tuple[list[Footnote], Located | None]:
    budget.add(footnotes=len(layout.footnotes) + len(layout.md_notes))
    notes: list[Footnote] = []
    fund: Located | None = None
    seen: Counter[tuple[int, str]] = Counter()
    for fl in layout.footnotes:
        span = src.span(fl.start, fl.end)
        text = fl.text.strip()
        if fl.symbol == "*":
            fund = Located(text, span)
            notes.append(Footnote(f"fn{fl.page}.0", "*", 0, fl.page, text, span, is_fund_note=True))
            continue
        seen[(fl.page, fl.symbol)] += 1
        dup = seen[(fl.page, fl.symbol)]
        number = CIRCLED_NUMBER[fl.symbol]
        ident = f"fn{fl.page}.{number}" + (f"-{dup}" if dup > 1 else "")
        entry = None
        folded = fold_width(text)
        if TYPE_RE.search(folded):
            entry = parse_entry(text, src.span(fl.text_start, fl.end))
            if entry.unparsed:
                issues.append(ParseIssue(IssueKind.UNPARSED_FOOTNOTE,
                                         f"could not read this part of footnote {fl.symbol}: {entry.unparsed}",
                                         span, text))
        elif _SOURCE_LIKE_RE.search(folded):
            issues.append(ParseIssue(IssueKind.UNPARSED_FOOTNOTE,
                                     f"footnote {fl.symbol} cites a source but has no GB/T 7714 type code",
                                     span, text))
        notes.append(Footnote(ident, fl.symbol, number, fl.page, text, span, entry, _urls(text)))
    order: dict[str, int] = {}
    for md in layout.md_notes:  # Markdown [^n]: definitions: notes of the whole text (page 0)
        text = md.text
        entry = None
        folded = fold_width(text)
        if TYPE_RE.search(folded) or entry_key(text) is not None:
            entry = parse_entry(text, src.span(md.text_start, md.end))
        number = note_number(md.label, order)
        notes.append(Footnote(f"md.{md.label}", f"[^{md.label}]", number, 0, text, src.span(md.start, md.end),
                              entry, _urls(text), auto=True))
    return notes, fund


def _urls(text: str) -> tuple[str, ...]:
    """The URLs of a note; a bracket closing a Markdown link "[title](https://…)" is not part of one."""
    out = []
    for m in URL_RE.finditer(text):
        url = m.group(0).rstrip(".,;")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(".,;")
        out.append(url)
    return tuple(out)


def _body(src: SourceText, layout: Layout, lexicon: NameLexicon, issues: list[ParseIssue], budget: Budget,
          max_number: int = 0) -> tuple[list[Paragraph], list[FootnoteMarker], list[Citation]]:
    paragraphs: list[Paragraph] = []
    markers: list[FootnoteMarker] = []
    citations: list[Citation] = []
    group = 0
    md_order: dict[str, int] = {}
    for md in layout.md_notes:  # the numbers named notes got in _footnotes, in the same order
        note_number(md.label, md_order)
    for index, raw in enumerate(layout.paragraphs):
        first, last = raw.segments[0], raw.segments[-1]
        pages = tuple(dict.fromkeys(s.page for s in raw.segments))
        paragraphs.append(Paragraph(index, raw.text, src.span(first.start, last.end), pages, raw.is_heading))

        marks = find_markers(raw.text, budget.room_for_marks())
        budget.add(marks=len(marks))
        for mk in marks:
            start = raw.source_offset(mk.start)
            page = raw.page_at(mk.start)
            markers.append(FootnoteMarker(f"m{page}.{mk.number}", mk.symbol, mk.number, page,
                                          src.span(start, raw.source_offset(mk.end - 1) + 1), index,
                                          text=raw.text[mk.start:mk.end]))
        # (Markdown's [^3] is read in text files only: in a .docx or PDF it is the author's brackets
        # round a note's own mark, [①], which the rendition writes [^{①}])
        md_marks = list(itertools.islice(MARK_RE.finditer(raw.text), budget.room_for_marks() + 1)
                        ) if "[^" in raw.text and src.positions is None else []
        budget.add(marks=len(md_marks))
        for mm in md_marks:
            start = raw.source_offset(mm.start())
            label = mm.group("label")
            markers.append(FootnoteMarker(f"m0.{label}", f"[^{label}]", note_number(label, md_order), 0,
                                          src.span(start, raw.source_offset(mm.end() - 1) + 1), index,
                                          auto=True, text=mm.group(0)))
        found, unparsed = find_citations(raw.text, lexicon, group, max_number=max_number,
                                         limit=budget.room_for_citations())
        budget.add(citations=sum(len(rc.numbers) or 1 for rc in found))
        for bad in unparsed:
            start = raw.source_offset(bad.start)
            issues.append(ParseIssue(IssueKind.UNPARSED_CITATION,
                                     f"part of this citation could not be read: {bad.text}",
                                     src.span(start, raw.source_offset(bad.end - 1) + 1), bad.text))
        for rc in found:
            group = max(group, rc.group)
            start = raw.source_offset(rc.start)
            cspan = src.span(start, raw.source_offset(rc.end - 1) + 1)
            numbers: tuple[int | None, ...] = tuple(rc.numbers) or (None,)
            # with a list after each chapter, a number names an entry of the first list after it
            part = bisect.bisect_right(layout.list_starts, start) + 1 if layout.list_starts else 0
            for number in numbers:
                citations.append(Citation(
                    id=f"c{len(citations) + 1}", kind=rc.kind, text=rc.text, span=cspan, paragraph=index,
                    narrative=rc.narrative, author_text=rc.author_text, authors=rc.authors, et_al=rc.et_al,
                    year=rc.year, year_suffix=rc.year_suffix, pages=rc.pages, number=number,
                    group=f"g{rc.group}", part=part if part <= len(layout.list_starts) else 0))
    return paragraphs, markers, citations


def _unsupported_forms(src: SourceText, layout: Layout, issues: list[ParseIssue]) -> None:
    """Citation forms citeguard sees but cannot check yet are reported once, never ignored."""
    found = [(raw, m) for raw in layout.paragraphs for m in PANDOC_RE.finditer(raw.text)]
    if not any(m.group(0).startswith("[") for _, m in found):
        return  # bare "@name" alone is a mention (a Weibo or e-mail handle), not a Pandoc citation
    if found:
        raw, first = found[0]
        start = raw.source_offset(first.start())
        keys = sorted({m.group(0).lstrip("[-@") for _, m in found})
        issues.append(ParseIssue(
            IssueKind.UNSUPPORTED_CITATION,
            f"{len(found)} Pandoc citations ({', '.join(keys[:5])}{' …' if len(keys) > 5 else ''}) were found; "
            "citeguard does not read .bib files yet, so they were not checked",
            src.span(start, raw.source_offset(first.end() - 1) + 1), first.group(0)))
