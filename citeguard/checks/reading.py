"""How well citeguard read a manuscript, and how sure each finding can therefore be.

Published papers are almost always consistent, so when many citations find no entry (or many
entries no citation) the likelier story is that citeguard misread the list or the citations — a
list in a style it does not know, superscript numbers OCR dropped — not that the author erred
dozens of times.  :class:`Reading` measures that once per document; the citation rules report
one by one only when the reading is trustworthy and otherwise say once what could not be matched
(CG909, CG910).  :func:`settle` then caps every finding's severity by its confidence: an error
only at high confidence, at most a warning at medium, information at low.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from citeguard.model import CitationKind, Confidence, Document, EntryStyle, Finding, Reference, Severity

# Citations and entries left unmatched before the reading is doubted rather than the manuscript
UNLINKED_SHARE = 0.15  # of the citations
UNCITED_SHARE = 0.30  # of the entries
MIN_COUNT = 4  # fewer than this many are always reported one by one
# Link rate from which citation findings are sure (below it they are at most warnings)
SURE_RATE = 0.95

# Rules about typing (spaces, widths, dashes) that OCR noise alone can set off
TYPOGRAPHY = frozenset({"CG111", "CG206", "CG306", "CG308", "CG406", "CG407"})
# Rules that compare characters OCR garbles: names it glues, splits or drops a letter of ("LiL J",
# "Gilette" for Gillette), page numbers with stray marks, URLs it breaks with spaces ("http://www.
# r-project.org"), keyword lines it runs together
OCR_GARBLED = frozenset({"CG104", "CG113", "CG205", "CG303", "CG501", "CG601", "CG602", "CG603"})
# Rules whose evidence is characters a scanner may have misread or dropped — a digit of a year,
# page or entry number, an element or a whole entry lost: in an OCR'd text at most medium sure
# Rules that speak of a citation, mark, entry or number being absent: OCR flattens superscripts,
# drops marks and loses whole entries, so in an OCR'd text an absence is not known to be the
# author's doing — said, at low confidence
OCR_FRAGILE = frozenset({"CG101", "CG102", "CG109", "CG110", "CG301", "CG401", "CG402", "CG403"})
OCR_SENSITIVE = frozenset({"CG103", "CG105", "CG106", "CG201", "CG302", "CG305", "CG310"})


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse of one document achieved."""

    citations: int  # numeric and author-year citations in the text
    unlinked: int  # of those, linked to no entry
    entries: int
    uncited: int  # entries no citation links to (or probably means)
    ocr: bool  # the text shows OCR damage: spacing and punctuation are not the author's
    list_style: EntryStyle | None  # the style most entries of the list are in

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
        if self.uncited >= 2 and self.uncited > UNCITED_SHARE * self.entries:
            return Confidence.LOW
        return self.link_confidence

    @property
    def link_confidence(self) -> Confidence:
        """How sure a finding about linking is: high when (nearly) every citation found its entry."""
        if self.unlinked <= 1 or self.link_rate >= SURE_RATE:
            return Confidence.HIGH
        return Confidence.MEDIUM


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
    return Reading(len(linkable), unlinked, len(document.references), uncited, document.ocr, list_style)


def gbt_entry(ref: Reference) -> bool:
    """Is this entry held to GB/T 7714's elements and punctuation: a GB/T entry that was read
    whole, in a list (if any) that is itself mostly GB/T?  An APA, CSE or Vancouver list gets no
    GB/T findings, and an entry read only in part gets the one CG901 instead."""
    return (ref.style is EntryStyle.GBT and not ref.unparsed
            and (ref.list_style is None or ref.list_style is EntryStyle.GBT))


_CAP = {Confidence.HIGH: Severity.ERROR, Confidence.MEDIUM: Severity.WARNING, Confidence.LOW: Severity.INFO}


def settle(finding: Finding, reading: Reading) -> Finding:
    """The finding with its confidence lowered where the reading warrants, and its severity
    capped by that confidence (error only at high confidence)."""
    confidence = finding.confidence
    if reading.ocr and (finding.code in TYPOGRAPHY or finding.code in OCR_FRAGILE or finding.code in OCR_GARBLED):
        confidence = Confidence.LOW  # OCR adds and drops spaces and widths of its own accord
    elif finding.code in OCR_SENSITIVE and reading.ocr and confidence is Confidence.HIGH:
        confidence = Confidence.MEDIUM
    cap = _CAP[confidence]
    if finding.severity.rank > cap.rank:
        return replace(finding, confidence=confidence, severity=cap)
    return replace(finding, confidence=confidence) if confidence is not finding.confidence else finding
