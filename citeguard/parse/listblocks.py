"""The values the list finder hands on, pass to pass: the entries as cut from the text
(:class:`EntryBlock`), a list's place (:class:`ListRegion`), and what the finder found in the
whole text (:class:`ListFinding`), which the layout of pages and paragraphs then consumes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntryBlock:
    """A reference-list entry: its label number (if any) and the offsets of its text."""

    number: int | None
    label: str | None
    start: int  # offset of the entry's first character (its label)
    text_start: int  # offset after the label
    end: int
    text: str
    part: int = 0  # which numbered run of the list (1, 2 …) when it starts again from 1; 0 for one run


@dataclass(frozen=True, slots=True)
class ListRegion:
    """Where the reference list is: its heading (if any), its lines and its entries."""

    heading: tuple[int, int, int] | None  # (line index, start offset, end offset) of the heading words
    first_line: int  # first line of the region (the heading's, or the first entry's)
    end_line: int  # the line after the region
    entries: tuple[EntryBlock, ...]
    numbered: bool


@dataclass(frozen=True, slots=True)
class ListFinding:
    """The reference lists of a text: one region, or one after each chapter (in order), and the line
    where the text after the lists (trailing matter: an English title block) begins."""

    regions: tuple[ListRegion, ...]
    end_line: int  # the first line after the last list (or where the trailing matter starts)
    heading: tuple[int, int] | None  # offsets of the heading words of the list the finder chose
    list_starts: tuple[int, ...] = ()  # where each list starts, when each chapter has its own (else empty)

    @property
    def entries(self) -> tuple[EntryBlock, ...]:
        return tuple(e for region in self.regions for e in region.entries)
