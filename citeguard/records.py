"""Bibliographic records from the indexes (Crossref, OpenAlex, DataCite, doi.org, a local library)
and the verdict on each cited work (issue 12).

These values cross from ``resolve`` (which fetches records) through ``checks.works_match`` (which
compares a reference with them) to the reports; like ``model``, this module imports nothing of
citeguard's but ``model``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from citeguard.model import Span


class Verdict(StrEnum):
    """What verifying one cited work found."""

    VERIFIED = "verified"  # a record matches: title, first author, year within ±1, DOI when given
    MISMATCH = "mismatch"  # the work exists, but fields differ from its record
    NOT_FOUND = "not-found"  # nothing matched in the sources consulted
    NOT_INDEXED = "not-indexed"  # not found, as expected for its kind (Chinese, book, government …)
    LIKELY_FABRICATED = "likely-fabricated"  # strong, stated evidence only
    NOT_CHECKED = "not-checked"  # no source could be asked (offline and not cached, sources down)


class NoticeKind(StrEnum):
    """Editorial notices Crossref attaches to a work (``update-to`` / ``updated-by``)."""

    RETRACTED = "retracted"
    CORRECTED = "corrected"
    EXPRESSION_OF_CONCERN = "expression-of-concern"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Notice:
    """A retraction, correction or expression of concern about a work."""

    kind: NoticeKind
    doi: str | None = None  # the notice's own DOI
    date: str | None = None  # ISO date
    source: str = ""  # "publisher", "retraction-watch" …


@dataclass(frozen=True, slots=True)
class WorkRecord:
    """One work as an index describes it (only the fields the comparison uses)."""

    source: str  # "crossref", "openalex", "datacite", "doi.org", "library"
    id: str  # the source's identifier (a DOI, an OpenAlex W-id, a library key)
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()  # family names, in order
    given: tuple[str, ...] = ()  # each author's given name(s), lower case ("" unknown)
    year: str | None = None
    container: str = ""  # journal, proceedings or book series
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str | None = None
    kind: str = ""  # the source's type: "journal-article", "posted-content", "book" …
    notices: tuple[Notice, ...] = ()
    is_notice: bool = False  # the record is itself a retraction or correction notice
    other_titles: tuple[str, ...] = ()  # translated or alternative titles


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """A field where the cited entry and the record disagree."""

    field: str  # "title", "authors", "year", "container", "volume", "issue", "pages", "doi"
    cited: str
    record: str


@dataclass(frozen=True, slots=True)
class Verification:
    """The verdict on one reference, with the record it was compared with and why."""

    reference: int  # Reference.index (footnote entries: their position among footnote entries, negative)
    verdict: Verdict
    detail: str  # one sentence for the editor
    record: WorkRecord | None = None
    fields: tuple[FieldDifference, ...] = ()
    notices: tuple[Notice, ...] = ()
    sources: tuple[str, ...] = ()  # the sources consulted
    requests: int = 0  # HTTP requests this reference cost (0: answered from the cache or the library)
    span: Span | None = None  # where the entry is (list entries and footnote entries alike)
    label: str = ""  # the entry as the reports name it: "[12]", "p4①", a BibTeX key, "Smith 2020"


class QuoteStatus(StrEnum):
    """What the office's library of editions says of one quoted passage (issue 24)."""

    VERIFIED = "verified"  # on the cited page, word for word
    WRONG_PAGE = "wrong-page"  # word for word, on another page of the cited work
    DIFFERS = "differs"  # the passage is in the cited work, its words are not
    OTHER_WORK = "other-work"  # not in the cited work, word for word in another work of the library
    NOT_FOUND = "not-found"  # the cited work is in the library and the passage is not in it
    NOT_CHECKED = "not-checked"  # the cited work is not in the library (or nothing to check)


@dataclass(frozen=True, slots=True)
class QuoteVerdict:
    """The verdict on one passage the manuscript cites with a page: what was quoted, where, and what
    the edition (a library file or a cited web page) holds there."""

    quote: str
    span: Span  # where the citation or footnote mark stands
    work: str  # the cited work as the ledger names it
    reference: str  # the entry's printed number, footnote or position ("[12]", "p3①", "Smith 2020")
    page_cited: str
    status: QuoteStatus
    quoted: bool = True  # in quotation marks (False: the sentence the citation ends, checked loosely)
    source: str = ""  # the library file or URL the verdict rests on
    page_found: str = ""  # the printed page the passage is on (wrong-page, differs)
    diff: str = ""  # for differs: what the quotation added [+…], dropped [-…] or changed
    passage: str = ""  # the edition's own words at that place, as printed (for the reports)
    location: str = ""  # where the user finds the citation: "12:5", "¶12" (.docx), "p. 4, line 12" (PDF)
