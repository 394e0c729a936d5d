"""Real .docx notes: the rendition pairs ``^{①}`` references with ``^{①}`` note lines by their
place in a block; here they get back the numbers, symbols and pages Word shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from citeguard.ingest import SourceText
from citeguard.model import Footnote, FootnoteMarker, NoteLabel, Page, Span


def _offset(src: SourceText, span: Span) -> int:
    return src.line_starts[span.line - 1] + span.column - 1


def _unique(ident: str, seen: Counter[str]) -> str:
    seen[ident] += 1
    return ident if seen[ident] == 1 else f"{ident}-{seen[ident]}"


def _ident(prefix: str, label: NoteLabel) -> str:
    if label.kind == "endnote":
        return f"{prefix}e{label.number or label.ordinal}"
    return f"{prefix}{label.page}.{label.number or label.ordinal}"


def apply_note_labels(src: SourceText, markers: list[FootnoteMarker], footnotes: list[Footnote]
                      ) -> tuple[list[FootnoteMarker], list[Footnote], tuple[Page, ...]]:
    """Word's symbols, numbers and pages for the rendition's real notes (``^{`` forms); typed
    marks and notes are left as the text parser read them."""
    note_labels = iter(src.note_labels)  # one per ^{…} note line, in order
    seen: Counter[str] = Counter()
    mark_ids: dict[str, str] = {}
    note_ids: dict[str, str] = {}
    label_of: dict[str, NoteLabel] = {}  # old footnote id → its label; a mark takes its note's
    new_notes = []
    for f in footnotes:
        label = next(note_labels, None) if src.text.startswith("^{", _offset(src, f.span)) else None
        if label is not None:
            new_id = f.id if f.is_fund_note else _unique(_ident("fn", label), seen)
            note_ids[f.id] = new_id
            label_of[f.id] = label
            f = replace(f, id=new_id, symbol=label.symbol, number=label.number, page=label.page, auto=True)
        new_notes.append(f)
    new_marks = []
    for m in markers:
        label = label_of.get(m.footnote or "") if src.text.startswith("^{", _offset(src, m.span)) else None
        if label is not None:
            new_id = _unique(_ident("m", label), seen)
            mark_ids[m.id] = new_id
            m = replace(m, id=new_id, symbol=label.symbol, number=label.number, page=label.page, auto=True)
        new_marks.append(m)
    new_marks = [replace(m, footnote=note_ids.get(m.footnote, m.footnote)) if m.footnote else m for m in new_marks]
    new_notes = [replace(f, marker=mark_ids.get(f.marker, f.marker)) if f.marker else f for f in new_notes]
    return new_marks, new_notes, _pages(new_marks, new_notes)


def _pages(markers: list[FootnoteMarker], footnotes: list[Footnote]) -> tuple[Page, ...]:
    """Pages as Word numbered them (1 when the file has no page information)."""
    spans: dict[int, Span] = {}
    marks: dict[int, list[str]] = {}
    notes: dict[int, list[str]] = {}
    for m in markers:
        spans.setdefault(m.page, m.span)
        marks.setdefault(m.page, []).append(m.id)
    for f in footnotes:
        spans.setdefault(f.page, f.span)
        notes.setdefault(f.page, []).append(f.id)
    return tuple(Page(p, spans[p], tuple(marks.get(p, ())), tuple(notes.get(p, ()))) for p in sorted(spans))
