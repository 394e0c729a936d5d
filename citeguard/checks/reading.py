"""How well citeguard read a manuscript as a whole — what the paper-level notes need — and the
calibration that caps every finding's severity by its confidence.

A finding's confidence comes from its own evidence (:mod:`citeguard.checks.evidence`): how *its*
citation and *its* entries were read, never the paper's link rate.  :class:`Reading` measures once
per document what the one paper-level note about unreadable text needs — many citations matching
no entry (CG909), many entries no citation (CG910) — and the facts of the list that single
findings' evidence draws on.  :func:`settle` then lowers a finding's confidence where OCR makes its
kind of evidence unreliable everywhere in a scanned text (:mod:`citeguard.checks.calibration`) and
caps its severity by its confidence: an error only at high confidence, at most a warning at medium,
information at low.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from citeguard.checks.calibration import ocr_cap
from citeguard.model import CitationKind, Confidence, Document, EntryStyle, Finding, IssueKind, Language, Reference, Severity

# Citations and entries left unmatched before the paper-level note is given instead of one finding
# each (for findings whose own evidence is not clean; clean evidence is always reported one by one)
UNLINKED_SHARE = 0.15  # of the citations
UNCITED_SHARE = 0.30  # of the entries
MIN_COUNT = 4  # fewer than this many are always reported one by one


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse of one document achieved."""

    citations: int  # numeric and author-year citations in the text
    unlinked: int  # of those, linked to no entry
    entries: int
    uncited: int  # entries no citation links to (or probably means)
    ocr: bool  # the text shows OCR damage: spacing and punctuation are not the author's
    list_style: EntryStyle | None  # the style most entries of the list are in
    numbered: bool = False  # most entries carry a number
    last: int = 0  # the highest entry number
    unnumbered: int = 0  # entries of a numbered list read without their number
    stray: frozenset[int] = frozenset()  # labels in the list's text no entry was read with
    past_end: frozenset[int] = frozenset()  # distinct numbers cited past the last entry
    gaps: frozenset[int] = frozenset()  # numbers up to the last that no entry has
    repeats: int = 0  # entry numbers read twice
    unread_citations: bool = False  # the text cites in forms citeguard does not read (CG906)

    @property
    def link_rate(self) -> float:
        return 1.0 - self.unlinked / self.citations if self.citations else 1.0

    @property
    def citations_trusted(self) -> bool:
        """Report unlinked citations one by one (else once, as CG909)."""
        return self.unlinked < MIN_COUNT or self.unlinked <= UNLINKED_SHARE * self.citations

    @property
    def entries_trusted(self) -> bool:
        """Report uncited entries one by one (else once, as CG910)."""
        return self.uncited < MIN_COUNT or self.uncited <= UNCITED_SHARE * self.entries

    @property
    def uncited_confidence(self) -> Confidence:
        """How sure "never cited" is: low when a large share of a short list is uncited (3 of 5 —
        too few to doubt the reading as a whole, but likelier superscripts lost than padding)."""
        if self.unread_citations or (self.uncited >= 2 and self.uncited > UNCITED_SHARE * self.entries):
            return Confidence.LOW  # (or cited by a command citeguard does not read)
        return Confidence.HIGH


def read_quality(document: Document) -> Reading:
    """Measure how well ``document`` was read."""
    linkable = [c for c in document.citations if c.kind is not CitationKind.KEY]
    unlinked = sum(1 for c in linkable if c.reference is None)
    cited = {c.reference for c in document.citations if c.reference is not None}
    cited |= {x.reference for c in document.citations if c.reference is None for x in c.candidates}
    uncited = sum(1 for r in document.references if r.index not in cited)
    if not linkable and not any(c.kind is CitationKind.KEY for c in document.citations):
        uncited = 0  # a text that cites nothing: CG102 says nothing either
    styles = Counter(r.style for r in document.references)
    list_style = styles.most_common(1)[0][0] if styles else None
    numbers = [r.number for r in document.references if r.number is not None]
    numbered = bool(numbers) and len(numbers) * 2 > len(document.references)
    last = max(numbers, default=0)
    past_end = frozenset(c.number for c in linkable if c.kind is CitationKind.NUMERIC and c.reference is None
                         and c.number is not None and c.number > last)
    gaps = frozenset(range(1, last + 1)) - set(numbers) if last <= 10 * len(numbers) else frozenset()
    return Reading(len(linkable), unlinked, len(document.references), uncited, document.ocr, list_style,
                   numbered, last, len(document.references) - len(numbers) if numbered else 0,
                   frozenset(document.stray_labels), past_end, gaps, len(numbers) - len(set(numbers)),
                   any(i.kind is IssueKind.UNSUPPORTED_CITATION for i in document.issues))


def gbt_entry(ref: Reference) -> bool:
    """Is this entry held to GB/T 7714's elements and punctuation: a GB/T entry that was read
    whole, in a list (if any) that is itself mostly GB/T?  An APA, CSE or Vancouver list gets no
    GB/T findings, and an entry read only in part gets the one CG901 instead."""
    return (ref.style is EntryStyle.GBT and not ref.unparsed
            and (ref.list_style is None or ref.list_style is EntryStyle.GBT))


# Bibliography styles that print .bib entries in a style other than GB/T 7714 (BibTeX's own and
# natbib's, author-year house styles, biblatex's standard styles): their entries are not held to it
_OTHER_STYLES_RE = re.compile(
    r"^(?:plain|unsrt|abbrv|alpha|ieeetr|acm|siam|apalike|plainnat|unsrtnat|abbrvnat|agsm|dcu|kluwer|"
    r"harvard|chicago|mla|ama|vancouver|naturemag|nature|science|elsarticle-.*|model\d.*|spbasic|spmpsci|"
    r"splncs.*|ieee.*|apa.*|authoryear.*|numeric.*|alphabetic.*|verbose.*|trad-.*|phys.*|nejm)$", re.IGNORECASE)


def gbt_bib(document: Document, ref: Reference) -> bool:
    """Is this .bib entry held to GB/T 7714: a Chinese manuscript whose LaTeX names no
    bibliography style that prints entries otherwise (plain, apalike, biblatex's authoryear …)?"""
    return (ref.style is EntryStyle.BIBTEX and document.language is Language.ZH
            and not _OTHER_STYLES_RE.match(document.bib_style))


_CAP = {Confidence.HIGH: Severity.ERROR, Confidence.MEDIUM: Severity.WARNING, Confidence.LOW: Severity.INFO}


def settle(finding: Finding, reading: Reading) -> Finding:
    """The finding with its confidence lowered where OCR makes its kind of evidence unreliable in
    a scanned text, and its severity capped by that confidence (error only at high confidence)."""
    confidence = ocr_cap(finding.code, finding.confidence) if reading.ocr else finding.confidence
    cap = _CAP[confidence]
    if finding.severity.rank > cap.rank:
        return replace(finding, confidence=confidence, severity=cap)
    return replace(finding, confidence=confidence) if confidence is not finding.confidence else finding
