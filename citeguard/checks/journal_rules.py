"""CG315: a printed journal article [J] without its pages.

GB/T 7714 describes a journal article as 责任者. 题名[J]. 刊名, 年, 卷(期): 页码 — the pages are an
element of it like the year.  What has no pages yet, or never will, is left alone: an online
resource [J/OL] (its locator is the URL or DOI), an article published online first (a date where
the year stands, 网络首发, "in press"), a preprint typed [J] (arXiv; a preprint has no volume and no
pages, see CG305), and an entry with no volume, issue or pages at all (CG305 reports that).  An
article whose DOI is a publisher's that numbers its articles instead of paging them (PLOS, MDPI,
Frontiers, BMC, Scientific Reports …) is known by that number and its DOI: it is said, as
information only.  Each entry is its own finding, at its place, unless the list gives no pages for
most of its articles: a house style (or a reading) said once, naming them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from citeguard.checks.entry_style import EntryText, all_entries, entry_finding
from citeguard.checks.reading import gbt_bib, gbt_entry
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Confidence, EntryStyle, Finding, Reference, Severity

MANY = 5  # more entries than this lacking pages, half or more of the articles, are one finding naming them
# DOI prefixes of publishers whose journals number their articles instead of paging them (the
# article number stands where pages would): PLOS 10.1371, MDPI 10.3390, Frontiers 10.3389, BMC and
# SpringerOpen 10.1186, eLife 10.7554, PeerJ 10.7717, Hindawi 10.1155, Scientific Reports and Nature
# Communications 10.1038/s41598 10.1038/s41467 10.1038/srep 10.1038/ncomms, IEEE Access 10.1109/ACCESS
_ARTICLE_NUMBER_DOI_RE = re.compile(
    r"\b10\.(?:1371|3390|3389|1186|7554|7717|1155)/|\b10\.1038/(?:s41598|s41467|srep|ncomms)|\b10\.1109/access",
    re.IGNORECASE)
# What says an article has no pages yet or is no printed article: a preprint server (CoRR is
# arXiv: "abs/1409.1556"), publication ahead of print, an article number in words or in a .bib field
_NO_PAGES_YET_RE = re.compile(
    r"arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprint|research\s*square|chinaxiv|预印本|\bcorr\b|\babs/"
    r"|in\s+press|forthcoming|ahead\s+of\s+print|online\s+first|early\s+(?:access|view)|accepted|to\s+appear"
    r"|网络首发|优先出版|待发表|已录用|录用待刊|在线出版"
    r"|\barticle\s*(?:no\.?|number|id)?\s*:?\s*\d|\bart\.\s*no|文章编号|\barticleno\b|\beid\b|\barticle-number\b"
    r"|\belocation",
    re.IGNORECASE)
# A DOI anywhere in an entry (the parser keeps it in ``doi``; a .bib entry may hold it elsewhere)
_DOI_RE = re.compile(r"\b10\.\d{4,9}/\S")
# A volume read whole: 33  281  12A (not "PP", "HPL-2007-189", OCR's "116?122")
_VOLUME_RE = re.compile(r"^\s*\d{1,5}[A-Za-z]?\s*$")
# An issue that is a page range filed as the issue (a .bib "number = {454-457}"): not a lack of pages
# (combined issues are small: 9-10, 11-12)
_PAGES_AS_ISSUE_RE = re.compile(r"^\s*(?P<first>\d+)\s*[-–]\s*\d+\s*$")
# An entry whose last element is cut off after its colon: "2021,9(10):" — in an OCR'd text, the pages
# a column break or a lost line took away
_OPEN_END_RE = re.compile(r"[:：]\s*\.?\s*$")


def _without_pages(ref: Reference, ocr: bool = False) -> bool:
    """A printed journal article [J] that has its volume or issue but not its pages."""
    if ref.type_code != "J" or ref.carrier is not None or ref.pages or not (ref.volume or ref.issue):
        return False
    if ref.volume and not _VOLUME_RE.match(ref.volume):
        return False  # "PP(99)" (IEEE's early access), a report number, OCR's "116?122": not a volume read whole
    issue = _PAGES_AS_ISSUE_RE.match(ref.issue or "")
    if issue is not None and int(issue.group("first")) > 12:
        return False  # the pages, in the issue's place
    if ocr and _OPEN_END_RE.search(ref.raw):
        return False  # the pages were there; the reading lost them
    return ref.date is None and not _NO_PAGES_YET_RE.search(ref.raw)


@rule("CG315", "journal-article-without-pages", Severity.WARNING)
def journal_article_without_pages(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A printed journal article [J] gives its volume or issue but not its pages.

    GB/T 7714 describes a journal article as 刊名, 年, 卷(期): 页码; the pages are how a reader finds
    it in the issue. Not reported: an online article [J/OL], one published online first (a date
    for the year, 网络首发, in press), a preprint typed [J] (arXiv), an article number given in
    words, and an entry lacking volume, issue and pages alike (CG305). An article whose DOI is
    a publisher's that numbers its articles instead of paging them (PLOS, MDPI, Frontiers, BMC,
    Scientific Reports …) is information only. Each entry is reported at its place; when the
    list gives no pages for more than five articles and half of them or more, one finding names
    them (a house style, said once). Confidence: high for a list or footnote entry read whole;
    medium for an article with a DOI (an online journal may print no pages), for a .bib entry
    (its style file decides what is printed) and in OCR'd text (a line of the entry may be
    lost), where an entry cut off after its colon ("2021, 9(10):") lost its pages in the
    reading and is not reported.
    Bad: 周文. 论新质生产力[J]. 改革, 2023(10).  Good: 改革, 2023(10): 1-13.
    """
    groups: dict[bool, list[EntryText]] = defaultdict(list)
    articles = 0  # printed articles held to the rule: how many the list describes at all
    for e in all_entries(ctx.document):
        ref = e.ref
        if not (gbt_entry(ref) or gbt_bib(ctx.document, ref)):
            continue  # a .bib entry is held to GB/T 7714 only in a Chinese paper (as CG305 holds it)
        if ref.type_code == "J" and ref.carrier is None and (ref.volume or ref.issue or ref.pages):
            articles += 1
        if _without_pages(ref, ctx.document.ocr):
            groups[bool(_ARTICLE_NUMBER_DOI_RE.search(ref.doi or ref.raw))].append(e)
    for numbered, entries in sorted(groups.items()):
        severity = Severity.INFO if numbered else None
        # a .bib entry's fields may come from @string macros or a crossref citeguard does not follow
        # (and OCR may have lost a line of the entry); a DOI says an online journal may have printed none
        sure = Confidence.MEDIUM if entries[0].ref.style is EntryStyle.BIBTEX or ctx.reading.ocr else Confidence.HIGH
        doi, doi_zh = (" (its DOI is a publisher's that numbers articles: give the article number)",
                       "（DOI 所属出版者以文章编号代替页码：请给出文章编号）") if numbered else ("", "")
        if len(entries) <= MANY or 2 * len(entries) < articles:  # a slip here and there: each at its place
            for e in entries:
                online = e.ref.doi or _DOI_RE.search(e.ref.raw)  # an online journal may print no pages
                conf = Confidence.MEDIUM if online else sure
                yield entry_finding(r, e, f"{e.label}: journal article [J] without pages{doi}",
                                    f"{e.label_zh}：期刊文章 [J] 缺少页码{doi_zh}", severity=severity,
                                    evidence=[("entry", e.ref.raw[:120])], confidence=conf,
                                    suggestion="add the pages after the issue: 年, 卷(期): 起-止页",
                                    suggestion_zh="在期号后补上页码：年, 卷(期): 起-止页")
            continue
        labels = ", ".join(e.label for e in entries[:8]) + (f" … (+{len(entries) - 8})" if len(entries) > 8 else "")
        yield r.finding(entries[0].ref.span, f"{len(entries)} journal articles [J] without pages{doi}: {labels}",
                        f"{len(entries)} 篇期刊文章 [J] 缺少页码{doi_zh}：{labels}", severity=severity,
                        references=[e.ref.number or e.ref.index for e in entries if e.footnote is None],
                        footnotes=[e.footnote.id for e in entries if e.footnote is not None], confidence=sure,
                        suggestion="add the pages after the issue: 年, 卷(期): 起-止页",
                        suggestion_zh="在期号后补上页码：年, 卷(期): 起-止页")
