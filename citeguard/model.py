"""The document model: frozen values that flow from ``parse`` through ``link`` to later stages.

Every value that crosses a module boundary is defined here.  Positions are :class:`Span`
objects that point into the *original* file (1-based line and column, counted in characters
as an editor shows them), never into an internal normalised copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from citeguard.managed import FieldBibliography, FieldCitation, FieldCode, FieldLink


class Language(StrEnum):
    """Language of a document or of one reference entry."""

    ZH = "zh"
    EN = "en"


class CitationSystem(StrEnum):
    """How the in-text citations of a document point at its reference list."""

    AUTHOR_YEAR = "author-year"
    NUMERIC = "numeric"
    KEY = "key"  # Pandoc / LaTeX citations by BibTeX key
    NONE = "none"


class CitationKind(StrEnum):
    """The form of one in-text citation."""

    AUTHOR_YEAR = "author-year"
    NUMERIC = "numeric"
    KEY = "key"  # Pandoc [@key] or LaTeX \cite{key}, resolved against a .bib file


class EntryStyle(StrEnum):
    """The shape of one reference entry (and, by majority, of a list)."""

    GBT = "gbt7714"  # GB/T 7714 with type codes [J] [M], numbered or author-year
    APA = "apa"  # author (year). title … — also Harvard
    NAME_YEAR = "name-year"  # author year. title … — CSE, Chicago author-date
    ZGYW = "zgyw"  # 中国语文: 作者1994《题名》
    BIBTEX = "bibtex"  # an entry of a .bib file
    UNKNOWN = "unknown"  # Vancouver, IEEE, physics … or unreadable: linked by number only


class Confidence(StrEnum):
    """How sure citeguard is of a finding, from how its entries and citations were read."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class IssueKind(StrEnum):
    """Things the parser saw but could not read; later stages turn them into findings."""

    UNPARSED_REFERENCE = "unparsed-reference"
    UNPARSED_FOOTNOTE = "unparsed-footnote"
    UNPARSED_CITATION = "unparsed-citation"
    UNSUPPORTED_CITATION = "unsupported-citation"
    DUPLICATE_KEY = "duplicate-key"
    BIBLIOGRAPHY = "bibliography"  # a named .bib file is missing or was found under another name
    ENCODING = "encoding"
    LIST_LOST = "list-lost"  # the text ends at the list's heading: its entries were lost on the way
    LIST_UNREAD = "list-unread"  # a list's heading stands with lines after it in a form not read as entries


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original file: 1-based line/column of its first and last character."""

    line: int
    column: int
    end_line: int
    end_column: int
    path: str = ""  # another file than the manuscript (a .bib file); "" for the manuscript itself


class PositionStyle(StrEnum):
    """How positions in a manuscript are shown to the user."""

    LINE = "line"  # text files: line and column
    PARAGRAPH = "paragraph"  # Word .docx: paragraph number, footnote number (a .docx has no lines)
    PAGE_LINE = "page-line"  # PDF: page and line on the page


@dataclass(frozen=True, slots=True)
class PositionMap:
    """Where each line of the text extracted from a .docx or PDF came from.

    Spans of such a document are line/column of the extracted text (which the HTML report
    shows); ``labels[line - 1]`` says where that line is in the user's file: "¶12",
    "footnote 3", "p. 4, line 12".
    """

    style: PositionStyle
    labels: tuple[str, ...]
    # PDF: for each line of the text, (first column, label) of every printed line joined into it
    segments: tuple[tuple[tuple[int, str], ...], ...] = ()

    def label(self, line: int, column: int = 1) -> str:
        if not 1 <= line <= len(self.labels):
            return self.labels[-1] if self.labels else ""
        found = self.labels[line - 1]
        for start, label in self.segments[line - 1] if line <= len(self.segments) else ():
            if start > column:
                break
            found = label
        return found


@dataclass(frozen=True, slots=True)
class NoteLabel:
    """What Word shows for one real footnote or endnote of a .docx, in reading order."""

    kind: str  # "footnote" or "endnote"
    ordinal: int  # 1-based, in the order of the references in the text
    symbol: str  # as displayed: "③", "3", "iv", "*"
    number: int  # the displayed number (0 for a "*" fund note)
    page: int  # the page of its reference (1 when the file says nothing about pages)


@dataclass(frozen=True, slots=True)
class Located:
    """A piece of text with the place it came from."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Title block, abstract, keywords and article identifiers, in both languages."""

    title_zh: Located | None = None
    title_en: Located | None = None
    authors_zh: tuple[str, ...] = ()
    authors_en: tuple[str, ...] = ()
    affiliation_zh: Located | None = None
    affiliation_en: Located | None = None
    abstract_zh: Located | None = None
    abstract_en: Located | None = None
    keywords_zh: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    keywords_zh_span: Span | None = None
    keywords_en_span: Span | None = None
    doi: Located | None = None
    issn: Located | None = None
    clc: Located | None = None  # 中图分类号
    document_code: Located | None = None  # 文献标识码
    article_id: Located | None = None  # 文章编号
    fund_note: Located | None = None  # the ^{*} note: 基金项目 …
    author_note: Located | None = None  # 【作者简介】 …
    date: Located | None = None  # the manuscript's own date (YAML date:), ISO


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph; a paragraph split by a page break is joined back into one."""

    index: int
    text: str
    span: Span
    pages: tuple[int, ...]
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Reference:
    """One bibliography entry (or the entry a footnote consists of), split into its fields.

    ``pages`` keeps each page or range exactly as written (``("191", "25-26")``).  Fields the
    parser could not place are left ``None`` and the text it could not read is kept in
    ``unparsed`` so that nothing is silently dropped.
    """

    raw: str
    span: Span
    index: int = 0  # 1-based position in the reference list (footnote entries: 0)
    number: int | None = None  # the number printed in front of the entry, if any
    label: str | None = None  # "[12]" or "12." as printed
    language: Language = Language.ZH
    style: EntryStyle = EntryStyle.GBT
    type_code: str | None = None  # "M", "J", "EB" …
    carrier: str | None = None  # "OL", "CD" …
    authors: tuple[str, ...] = ()
    et_al: bool = False
    title: str | None = None
    container: str | None = None  # journal, newspaper or host book (after //)
    host_authors: tuple[str, ...] = ()  # editors of the host book after //
    place: str | None = None
    publisher: str | None = None
    year: str | None = None
    year_suffix: str = ""
    volume: str | None = None
    issue: str | None = None
    pages: tuple[str, ...] = ()
    date: str | None = None  # ISO date of a newspaper or patent
    edition: str | None = None  # 版次 of a newspaper, or the edition of a book
    update_date: str | None = None
    access_date: str | None = None
    url: str | None = None
    doi: str | None = None
    identifier: str | None = None  # a standard's, report's, patent's or archive's number (GB/T 3792—2021, CN…)
    unparsed: str | None = None
    notes: tuple[str, ...] = ()  # what the parser had to guess, e.g. an OCR-damaged year
    key: str | None = None  # BibTeX key, for entries read from a .bib file
    aliases: tuple[str, ...] = ()  # the other keys the entry answers to under biber (ids = {a, b})
    declared_language: str | None = None  # a .bib entry's language / langid field as written
    # the original of a romanised entry, printed after it in brackets: [陈德懋，1993．…]
    original_authors: tuple[str, ...] = ()
    original_year: str | None = None
    list_style: EntryStyle | None = None  # the style most entries of its list are in (None: footnote entries)
    damaged_year: str = ""  # what is left of a year OCR damaged, "998" for (1998): linked with care
    part: int = 0  # which of several numbered lists (1, 2 …: one per chapter, or runs from [1]); 0: the one list
    # elements read where GB/T 7714 does not put them: "access date" (after the URL), "place" (inside
    # or after the institution), "series" (before the place and publisher)
    misplaced: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reference an unlinked (or doubtfully linked) citation probably meant."""

    reference: int
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited work inside the body text (a parenthesis may hold several)."""

    id: str
    kind: CitationKind
    text: str  # the whole citation as printed, e.g. "（周文和许凌云，2023）"
    span: Span
    paragraph: int
    narrative: bool = False
    author_text: str = ""
    authors: tuple[str, ...] = ()
    et_al: bool = False
    year: str | None = None
    year_suffix: str = ""
    pages: tuple[str, ...] = ()
    number: int | None = None  # numeric citations: the entry number ([1-3] gives three citations)
    key: str = ""  # keyed citations: the BibTeX key
    group: str = ""  # id shared by citations printed in one parenthesis or bracket
    reference: int | None = None  # Reference.index of the linked entry, once linked
    link_reason: str = ""
    candidates: tuple[Candidate, ...] = ()
    part: int = 0  # the numbered list serving it (Reference.part) when each chapter has its own; 0: any


@dataclass(frozen=True, slots=True)
class FootnoteMarker:
    """A footnote mark (①, ^①, ^{①}) in the body, tied to the page whose footnotes follow."""

    id: str
    symbol: str
    number: int
    page: int
    span: Span
    paragraph: int
    footnote: str | None = None  # id of its footnote on the same page
    auto: bool = False  # a real .docx note reference: the word processor numbered and paired it
    text: str = ""  # the mark as it stands in the text ("^{①}"), which differs from symbol for real notes


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote at the foot of a page, itself parsed as a reference entry."""

    id: str
    symbol: str
    number: int  # 0 for the fund note ^{*}
    page: int
    text: str
    span: Span
    entry: Reference | None = None
    urls: tuple[str, ...] = ()
    marker: str | None = None  # id of the marker that points here
    is_fund_note: bool = False
    auto: bool = False  # a real .docx footnote or endnote: numbered by the word processor


@dataclass(frozen=True, slots=True)
class Page:
    """A page as far as extracted text shows it: body up to and including one footnote block."""

    number: int
    span: Span
    markers: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParseIssue:
    """Something present in the file that the parser could not read."""

    kind: IssueKind
    message: str
    span: Span
    text: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """Everything citeguard knows about one manuscript."""

    path: str
    sha256: str
    encoding: str
    language: Language
    system: CitationSystem
    front_matter: FrontMatter
    paragraphs: tuple[Paragraph, ...]
    pages: tuple[Page, ...]
    markers: tuple[FootnoteMarker, ...]
    footnotes: tuple[Footnote, ...]
    references: tuple[Reference, ...]
    citations: tuple[Citation, ...]
    references_heading: Span | None = None
    issues: tuple[ParseIssue, ...] = field(default=())
    positions: PositionMap | None = None  # set for .docx and PDF input: how to show a position
    fields: tuple[FieldCode, ...] = ()  # .docx: the fields (reference managers' citations), as read
    field_citations: tuple[FieldCitation, ...] = ()  # those fields' citations, their payloads read
    field_bibliographies: tuple[FieldBibliography, ...] = ()
    field_links: tuple[FieldLink, ...] = ()  # (link) each cited item's printed entry
    ocr: bool = False  # the text shows OCR damage (parse/ocr.py): its typing is not the author's
    # entry labels printed in a numbered list's text that no entry was read with (parse/listread.py):
    # a cited number among them has its entry in the text, misread
    stray_labels: tuple[int, ...] = ()
    # the bibliography style a LaTeX manuscript names (\bibliographystyle{…}, biblatex's style=…):
    # what decides how its .bib entries are printed
    bib_style: str = ""
    biber: bool = False  # a LaTeX manuscript printing its list with biblatex (biber matches keys exactly)

    def location(self, line: int, column: int, path: str = "") -> str:
        """A position as the user finds it in their file: "12:5" in a text file, "¶12" in a
        .docx, "p. 4, line 12" in a PDF (positions in another file, a .bib, are line:column)."""
        if self.positions is None or path:
            return f"{line}:{column}"
        return self.positions.label(line, column)

    @property
    def entry_style(self) -> EntryStyle | None:
        """The style the paper's entries are in: its list's (set by parse as each entry's
        ``list_style``) or, with no list, that of most footnote entries; None when it has neither.
        The reports name GB/T 7714 only for a paper in that style."""
        if self.references:
            return self.references[0].list_style or self.references[0].style
        counts: dict[EntryStyle, int] = {}
        for note in self.footnotes:
            if note.entry is not None:
                counts[note.entry.style] = counts.get(note.entry.style, 0) + 1
        return max(counts, key=lambda style: counts[style]) if counts else None


@dataclass(frozen=True, slots=True)
class JournalPolicy:
    """A journal's rules for reference lists (the CG8xx family checks them; each is off while None).

    ``year`` is the year the policy counts back from when the manuscript gives no date of its own."""

    year: int
    recent_years: int = 5
    recent_share: float | None = None  # at least this share of references from the last recent_years years
    min_foreign: int | None = None  # at least this many foreign-language (not Chinese) references
    foreign_share: float | None = None  # at least this share of them
    doi_required: bool = False  # every journal article carries its DOI
    min_references: int | None = None
    max_references: int | None = None
    max_self_citation: float | None = None  # at most this share of entries with a manuscript author

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.recent_share, self.min_foreign, self.foreign_share,
                                           self.min_references, self.max_references,
                                           self.max_self_citation)) or self.doi_required


class Severity(StrEnum):
    """How much a finding matters; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Standard(StrEnum):
    """The GB/T 7714 edition a manuscript is checked against."""

    GB2015 = "gb2015"
    GB2025 = "gb2025"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One value a finding compared, e.g. ("cited page", "228")."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem an editor should look at, with where, why and (when clear) the fix."""

    code: str
    rule: str
    severity: Severity
    message: str
    message_zh: str
    line: int
    column: int
    references: tuple[int, ...] = ()  # printed entry numbers (positions for unnumbered lists)
    citations: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    suggestion: str = ""
    path: str = ""  # the file the finding is in when it is not the manuscript (a .bib file)
    suggestion_zh: str = ""  # the fix in Chinese, when it has words (a bare value needs none)
    confidence: Confidence = Confidence.HIGH  # how sure: from how the entries and citations involved were read

    def fix(self, lang: str) -> str:
        """The suggested fix in ``lang`` ("zh" or "en")."""
        return self.suggestion_zh if lang == "zh" and self.suggestion_zh else self.suggestion


class LinkStatus(StrEnum):
    """What checking a cited URL found (decided in citeguard.resolve.status.classify)."""

    OK = "ok"
    REDIRECTED = "redirected"
    NOT_FOUND = "not-found"
    SOFT_404 = "soft-404"
    BLOCKED = "blocked"
    SERVER_ERROR = "server-error"
    TIMEOUT = "timeout"
    DNS_ERROR = "dns-error"
    CONNECTION_ERROR = "connection-error"
    TLS_ERROR = "tls-error"
    TOO_LARGE = "too-large"
    PRIVATE_ADDRESS = "private-address"
    INVALID_URL = "invalid-url"
    NOT_CHECKED = "not-checked"


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The outcome of checking one URL, and what the page says about itself."""

    url: str
    status: LinkStatus
    http_status: int | None = None
    final_url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date found on the page
    elapsed_ms: int = 0
    archive_url: str | None = None
    detail: str = ""
    from_cache: bool = False
