"""The values every reader returns or raises: :class:`SourceText` (decoded text with its map back
to the user's lines and columns), :class:`IngestError`, and the line limit they share. The
readers (``docx``, ``pdf``) and the dispatch by file kind (``source``) import this; it imports
none of them."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field

from citeguard.managed import FieldCode, FieldStore
from citeguard.model import NoteLabel, PositionMap, Span

# Lines of manuscript text (a .docx's paragraphs and notes as read out, a .tex file with its
# \input files): every stage and the HTML report go line by line, and a megabyte of empty lines
# took ten seconds. A 220-page thesis has some 10,000.
MAX_LINES = 100_000


class IngestError(Exception):
    """The file cannot be read as a manuscript; the message is one line for the user."""


class TooManyLines(IngestError):
    """The file has more lines than the limit it was read with."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """Decoded text of one file plus what is needed to report positions in the original."""

    path: str
    text: str
    encoding: str
    sha256: str
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)
    positions: PositionMap | None = None  # .docx / PDF: where each line of ``text`` came from
    note_labels: tuple[NoteLabel, ...] = ()  # .docx: Word's numbers of the ^{①} notes, in order
    folios: tuple[str, ...] = ()  # PDF: the page number each page prints in its head or foot ("" none)
    fields: tuple[FieldCode, ...] = ()  # .docx: its fields (reference managers' citations), body and notes
    field_store: tuple[FieldStore, ...] = ()  # .docx: NoteExpress's document variables, Word's sources
    list_items: frozenset[int] = frozenset()  # .docx: lines (0-based) that start with Word's automatic list number

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", encoding: str = "utf-8",
                  sha256: str | None = None, positions: PositionMap | None = None,
                  note_labels: tuple[NoteLabel, ...] = ()) -> SourceText:
        """Build from already-decoded text (line ends are normalised here)."""
        if text.startswith("\ufeff"):
            text = text[1:]
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(path=path, text=text, encoding=encoding, sha256=digest,
                   line_starts=tuple(starts), positions=positions, note_labels=note_labels)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset`` in :attr:`text`."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset in :attr:`text` of 1-based (line, column): the inverse of :meth:`position`."""
        index = max(0, min(line - 1, len(self.line_starts) - 1))
        return min(len(self.text), self.line_starts[index] + max(0, column - 1))

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (``end`` exclusive) in original coordinates."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(line, column, end_line, end_column)


def line_count(text: str) -> int:
    """How many line ends ``text`` has, CRLF counted once (as SourceText will see them)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def check_lines(text: str, name: str, limit: int = MAX_LINES) -> None:
    """Refuse a text of more than ``limit`` lines, before anything is built for each line."""
    if line_count(text) > limit:
        raise TooManyLines(f"{name}: more than {limit} lines of text (the limit); not read")
