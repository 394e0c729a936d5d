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
