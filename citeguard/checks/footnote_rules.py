"""CG4xx: footnote marks and footnotes, page by page."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from citeguard.chars import TYPE_CODE_RE, circled, fold_width, is_chinese
from citeguard.checks.entry_style import EntryText, pages_known, title_brackets
from citeguard.checks.list_rules import _spacing_findings, by_title
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Finding, Footnote, FootnoteMarker, Severity


def _numbered(ctx: AuditContext) -> list[Footnote]:
    return [f for f in ctx.document.footnotes if not f.is_fund_note]


@rule("CG401", "marker-without-footnote", Severity.ERROR)
def marker_without_footnote(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A footnote mark in the text has no footnote with its number at the foot of its page.

    When a document has marks but no footnote text at all (lost in a PDF conversion), one warning
    says so instead of one error per mark.
    Bad: …推进高质量发展。^③ with only ① and ② at the page foot.
    """
    doc = ctx.document
    if doc.markers and not _numbered(ctx):
        yield r.finding(doc.markers[0].span, f"{len(doc.markers)} footnote marks but no footnote text in the file "
                        "(lost in conversion?)", f"正文有 {len(doc.markers)} 个脚注标记，但文件中没有脚注文字",
                        severity=Severity.WARNING)
        return
    paged = pages_known(doc)
    for m in doc.markers:
        if m.footnote is None and m.page == 0:  # a Markdown note: one text, no pages
            yield r.finding(m.span, f"footnote mark {m.symbol} has no definition {m.symbol}: in the text",
                            f"脚注标记 {m.symbol} 没有对应的脚注定义 {m.symbol}:")
        elif m.footnote is None and not paged:  # one page in the file: its number would be invented
            yield r.finding(m.span, f"footnote mark {m.symbol} has no footnote {m.symbol}",
                            f"脚注标记 {m.symbol} 没有对应脚注")
        elif m.footnote is None:
            yield r.finding(m.span, f"footnote mark {m.symbol} on page {m.page} has no footnote {m.symbol} on that page",
                            f"第 {m.page} 页脚注标记 {m.symbol} 在页脚没有对应脚注")


@rule("CG402", "footnote-without-marker", Severity.ERROR)
def footnote_without_marker(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A footnote at a page foot has no mark with its number in the text of that page.

    Bad: footnote ② on a page whose text has only ①.
    """
    paged = pages_known(ctx.document)
    for f in _numbered(ctx):
        if f.marker is None and f.page == 0:
            yield r.finding(f.span, f"footnote {f.symbol} is defined but never marked in the text",
                            f"脚注 {f.symbol} 已定义，但正文中没有对应标记", footnotes=[f.id])
        elif f.marker is None and not paged:
            yield r.finding(f.span, f"footnote {f.symbol} has no mark {f.symbol} in the text",
                            f"脚注 {f.symbol} 在正文中没有对应标记", footnotes=[f.id])
        elif f.marker is None:
            yield r.finding(f.span, f"footnote {f.symbol} on page {f.page} has no mark {f.symbol} in the text of that page",
                            f"第 {f.page} 页脚注 {f.symbol} 在正文中没有对应标记", footnotes=[f.id])


@rule("CG403", "footnote-numbering", Severity.ERROR)
def footnote_numbering(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Footnotes on a page must run ①②③… from ① with no gap or repeat (numbering restarts each page).

    Bad: ① ③ or ① ② ② at one page foot.  Good: ① ② ③.  Real footnotes of a .docx are
    numbered by Word and are not checked.
    """
    pages: dict[int, list[Footnote]] = defaultdict(list)
    for f in _numbered(ctx):
        if not f.auto:  # Word numbers real .docx notes itself; only typed numbers can be wrong
            pages[f.page].append(f)
    paged = pages_known(ctx.document)  # else "page 1:" would name a page the file does not show
    for page, notes in pages.items():
        on, on_zh = (f"page {page}: ", f"第 {page} 页：") if paged else ("", "")
        for expected, note in enumerate(notes, start=1):
            if note.number != expected:
                yield r.finding(note.span, f"{on}footnote {note.symbol} where {circled(expected)} was expected",
                                f"{on_zh}脚注编号应为 {circled(expected)}，实为 {note.symbol}", footnotes=[note.id],
                                evidence=[("page footnotes", "".join(n.symbol for n in notes))])
                break
    if not pages:
        return  # no footnote text at all: pages cannot be told apart (CG401 says why)
    marks: dict[int, list[FootnoteMarker]] = defaultdict(list)
    for m in ctx.document.markers:
        if not m.auto:
            marks[m.page].append(m)
    for page, page_marks in marks.items():
        on, on_zh = (f"page {page}: ", f"第 {page} 页：") if paged else ("", "")
        for expected, m in enumerate(page_marks, start=1):
            if m.number != expected:
                yield r.finding(m.span, f"{on}mark {m.symbol} where {circled(expected)} was expected",
                                f"{on_zh}正文标记应为 {circled(expected)}，实为 {m.symbol}",
                                evidence=[("page marks", "".join(x.symbol for x in page_marks))])
                break


# A second work in one note, after a semicolon, with its own type code: "…[J]. 地理学报, 1985；谭其骧. …[M]. …1987"
_SECOND_WORK_RE = re.compile(r"[;；][^;；]{2,300}?\[[A-Z]{1,2}(?:/OL)?\]")


def _several_works(raw: str) -> bool:
    """Does a note cite more than one work (its fields then mix them)?"""
    code = TYPE_CODE_RE.search(raw)
    return code is not None and _SECOND_WORK_RE.search(fold_width(raw), code.end()) is not None


def _book_fields(e: EntryText) -> dict[str, str]:
    # Punctuation slips (人民出版社.2024) are CG306's; here only the facts about the work count.
    ref = e.ref
    return {"type": ref.type_code or "", "place": fold_width(ref.place or ""),
            "publisher": fold_width(ref.publisher or ""), "year": ref.year or ""}


@rule("CG404", "repeated-work-inconsistent", Severity.WARNING)
def repeated_work_inconsistent(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The same work, cited in several footnotes, is described differently (place, publisher, year,
    or the punctuation between them).

    Bad: ① 文集[M].北京:人民出版社,2024:188.  ② 文集[M].北京:中央文献出版社,2024:216.
    Good: the same description each time, only the page changes. (Punctuation slips such as
    人民出版社.2024 are CG306's.)
    """
    for group in by_title(ctx).values():
        notes = [e for e in group if e.footnote is not None]
        if len(notes) < 2:
            continue
        notes = [e for e in notes if not _several_works(e.ref.raw)]  # (a note citing two works: its year is whose?)
        if len(notes) < 2:
            continue
        first = _book_fields(notes[0])
        for e in notes[1:]:
            fields = _book_fields(e)
            # what one note leaves out (a short form after the first full citation) is no difference
            diffs = [k for k in first if first[k] and fields[k] and first[k] != fields[k]]
            if diffs:
                assert e.footnote is not None and notes[0].footnote is not None
                yield r.finding(e.ref.span, f"{e.label} describes {e.ref.title!r} differently from "
                                f"{notes[0].label}: {', '.join(diffs)}",
                                f"同一文献“{e.ref.title}”在不同脚注中著录不一致：{'、'.join(diffs)}",
                                footnotes=[notes[0].footnote.id, e.footnote.id],
                                evidence=[(k, f"{first[k]!r} vs {fields[k]!r}") for k in diffs])


def _note_zh(e: EntryText) -> str:
    assert e.footnote is not None
    return f"脚注 {e.footnote.symbol}" + (f"（第 {e.footnote.page} 页）" if e.paged else "")


@rule("CG405", "duplicate-footnote", Severity.INFO)
def duplicate_footnote(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Two footnotes cite the same work and the same page.

    Not wrong in itself (they may be on different pages), but worth a look: a repeated note can
    be shortened (同上 / 同前注) by house style, or the page of one of them is a copy-paste slip.
    """
    for group in by_title(ctx).values():
        seen: dict[tuple[str, ...], EntryText] = {}
        for e in group:
            if e.footnote is None or not e.ref.pages:
                continue
            key = (e.ref.year or "", *e.ref.pages)
            if key in seen:
                other = seen[key]
                assert other.footnote is not None
                yield r.finding(e.ref.span, f"{e.label} repeats {other.label}: same work, same page "
                                f"{', '.join(e.ref.pages)}", f"{_note_zh(e)}与{_note_zh(other)}引用同一文献同一页码",
                                footnotes=[other.footnote.id, e.footnote.id])
            else:
                seen[key] = e


@rule("CG406", "footnote-spacing-mixed", Severity.WARNING)
def footnote_spacing(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Footnote entries mix spaced ("[M]. 北京: 人民出版社, 2023") and compact ("[M].北京:人民出版社,2023")
    punctuation. One pattern for all footnotes; the finding lists those that differ from the majority."""
    paged = pages_known(ctx.document)  # once: it looks at every mark and note
    entries = [EntryText(f.entry, f, paged) for f in ctx.document.footnotes if f.entry is not None]
    yield from _spacing_findings(r, entries, "footnotes", "脚注")


@rule("CG407", "bracket-width-mixed", Severity.WARNING)
def bracket_width(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Brackets inside titles switch between full width （上） and half width (中) within the
    footnotes or within the list. Either is acceptable; mixing is not. Chinese titles are compared
    with Chinese titles and the others with the others: full-width brackets in Chinese titles beside
    half-width ones in English titles are the usual typography, not a mix."""
    paged = pages_known(ctx.document)  # once: it looks at every mark and note
    collections = {
        "footnotes": [EntryText(f.entry, f, paged) for f in ctx.document.footnotes
                      if f.entry is not None],
        "reference list": [EntryText(x) for x in ctx.document.references],
    }
    groups: dict[tuple[str, bool], list[EntryText]] = {}
    for where, listed in collections.items():
        for e in listed:
            groups.setdefault((where, is_chinese(e.ref.title or "")), []).append(e)
    for (where, _), entries in groups.items():
        widths = {id(e): title_brackets(e.ref) for e in entries}
        full = [e for e in entries if widths[id(e)] == {"full"}]
        half = [e for e in entries if widths[id(e)] == {"half"}]
        if not full or not half:
            continue
        minority = half if len(half) < len(full) else full
        kind = "half-width ( )" if minority is half else "full-width （ ）"
        for e in minority:
            yield r.finding(e.ref.span, f"{e.label}: {kind} brackets in {e.ref.title!r}, unlike the other {where}",
                            f"{e.label_zh}：题名“{e.ref.title}”中括号全半角与其他条目不一致",
                            references=[e.ref.number or e.ref.index] if e.footnote is None else [],
                            footnotes=[e.footnote.id] if e.footnote is not None else [])
