"""Footnote marks tied to their footnotes, and the pages both stand on (pure)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from citeguard.ingest import SourceText
from citeguard.model import Footnote, FootnoteMarker, Page
from citeguard.parse.layout import Layout


def pair_markers(markers: list[FootnoteMarker], footnotes: list[Footnote]
                 ) -> tuple[list[FootnoteMarker], list[Footnote]]:
    """Tie each mark to the footnote with the same number on the same page (first come first)."""
    free: dict[tuple[int, int], list[int]] = {}
    for i, fn in enumerate(footnotes):
        if not fn.is_fund_note:
            free.setdefault((fn.page, fn.number), []).append(i)
    seen: Counter[str] = Counter()
    out_markers = []
    out_notes = list(footnotes)
    for mk in markers:
        seen[mk.id] += 1
        if seen[mk.id] > 1:
            mk = replace(mk, id=f"{mk.id}-{seen[mk.id]}")
        slots = free.get((mk.page, mk.number))
        if slots and mk.page == 0:  # a Markdown note may be referred to more than once
            i = slots[0]
            mk = replace(mk, footnote=out_notes[i].id)
            if out_notes[i].marker is None:
                out_notes[i] = replace(out_notes[i], marker=mk.id)
        elif slots:
            i = slots.pop(0)
            mk = replace(mk, footnote=out_notes[i].id)
            out_notes[i] = replace(out_notes[i], marker=mk.id)
        out_markers.append(mk)
    return out_markers, out_notes


def page_list(src: SourceText, layout: Layout, markers: list[FootnoteMarker], footnotes: list[Footnote]
              ) -> tuple[Page, ...]:
    marks_on: dict[int, list[str]] = {}
    notes_on: dict[int, list[str]] = {}
    for m in markers:
        marks_on.setdefault(m.page, []).append(m.id)
    for f in footnotes:
        notes_on.setdefault(f.page, []).append(f.id)
    pages = []
    start = 0
    for number, end in enumerate(layout.page_ends, start=1):
        if end <= start and number > 1:
            continue
        pages.append(Page(number, src.span(start, max(start + 1, end)), tuple(marks_on.get(number, ())),
                          tuple(notes_on.get(number, ()))))
        start = end
    return tuple(pages)
