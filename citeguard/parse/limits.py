"""How much of a manuscript citeguard audits: past these counts a manuscript is refused in one
line (docs/security.md, "Limits") rather than audited for many seconds.

Every stage is linear in each count, but a hundred rules and four reports cost about 0.1 ms per
citation, 0.03 ms per footnote mark and 0.3 ms per footnote or entry (which is parsed field by
field and checked by every entry rule). Each count has its own limit, and together they are held
to a budget of work, so that a manuscript at every limit at once still ends in about 5 s
(benchmarks/hostile_scale.py). All are far above a real manuscript's: a 220-page thesis has a few
thousand citations, at most 2,000 footnotes and some hundreds of entries, some 15,000 of work.

The counts grow as the parser finds things and its finders stop at what is left, so a refusal
costs little more than reading up to the limit.
"""

from __future__ import annotations

from citeguard.ingest.sourcetext import IngestError

MAX_CITATIONS = 20_000  # citations in the text: each number of "[1-3]", each key of "\cite{a,b}"
MAX_NOTE_MARKS = 20_000  # footnote marks in the text: ① ^{①} [^1], a Word note reference
MAX_FOOTNOTES = 10_000  # footnotes: a Word note, a "① …" line, a Markdown "[^1]: …" definition
MAX_ENTRIES = 10_000  # entries read: of the reference list, or of the .bib files
MAX_WORK = 40_000  # citations + footnote marks + 3 × (footnotes + entries)
ENTRY_WEIGHT = 3  # a footnote or an entry costs about three citations


class TooLarge(IngestError):
    """The manuscript holds more of something than its limit; the message names the limit."""


class Budget:
    """The counts of one manuscript so far, refused the moment one passes its limit."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.citations = 0
        self.marks = 0
        self.footnotes = 0
        self.entries = 0

    def work(self) -> int:
        return self.citations + self.marks + ENTRY_WEIGHT * (self.footnotes + self.entries)

    def add(self, *, citations: int = 0, marks: int = 0, footnotes: int = 0, entries: int = 0) -> None:
        """Count what was found; TooLarge when a limit is passed."""
        self.citations += citations
        self.marks += marks
        self.footnotes += footnotes
        self.entries += entries
        for count, limit, what in ((self.citations, MAX_CITATIONS, "citations"),
                                   (self.marks, MAX_NOTE_MARKS, "footnote marks"),
                                   (self.footnotes, MAX_FOOTNOTES, "footnotes"),
                                   (self.entries, MAX_ENTRIES, "entries")):
            if count > limit:
                raise TooLarge(f"{self.path}: more than {limit} {what} (the limit); not audited")
        if self.work() > MAX_WORK:
            raise TooLarge(f"{self.path}: more than {MAX_WORK} in citations + footnote marks + {ENTRY_WEIGHT} × "
                           f"(footnotes + entries) (the limit; so far {self.citations} citations, {self.marks} marks, "
                           f"{self.footnotes} footnotes, {self.entries} entries); not audited")

    def room_for_citations(self) -> int:
        """How many more citations fit (a finder may stop once it has found one more)."""
        return max(0, min(MAX_CITATIONS - self.citations, MAX_WORK - self.work()))

    def room_for_marks(self) -> int:
        """How many more footnote marks fit."""
        return max(0, min(MAX_NOTE_MARKS - self.marks, MAX_WORK - self.work()))
