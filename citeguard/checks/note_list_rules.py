"""CG408: a footnote that is a full entry for a work the reference list also holds, against that
list entry.

A paper with both footnotes and a list describes the work twice, and the two must agree.  The
footnote is matched to its list entry conservatively — the same title (folded for width, spacing
and punctuation), or a title a slip away together with the same first author — and then each
element that differs is named with both values: year, publisher, the pages of an article (a
footnote may cite a page inside them; a book's footnote cites its own page), and the title itself
when the match was by a near title.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from citeguard.chars import fold_width
from citeguard.checks.citation_rules import normalised_title
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, rule
from citeguard.link import entry_keys, pages_cover
from citeguard.model import Confidence, Finding, Footnote, Reference, Severity
from citeguard.parse.names import surname_key

NEAR_TITLE = 90  # rapidfuzz ratio of two folded titles: a slip (a character or two), not another work
MIN_NEAR = 10  # folded characters a title needs before a near match is trusted
# Characters that tell volumes and editions of one title apart: 文集（上）/（下）, 第2卷, 2版 —
# a near title differing in them is another book, not a slip
_PART_RE = re.compile(r"[\d上中下卷册编版部篇集一二三四五六七八九十]")
# Types whose pages are the work's extent (an article, a contribution, a newspaper piece), which a
# footnote's pages must fall inside; a book's pages in a note are the page it cites
_EXTENT_TYPES = frozenset({"J", "N", "A"})
_YEAR_RE = re.compile(r"^(?:1[5-9]|20)\d{2}$")
# The words of a publisher's name: "Oxford Univ. Press" → oxford, univ, press
_WORD_RE = re.compile(r"\w+")


MAX_NEAR_SEARCHES = 1000  # footnotes whose title is looked for among near titles (each search scans the list)


def _same_work_kind(a: Reference, b: Reference) -> bool:
    """Not told apart by first author or type ([M] and [J] of one title are two works)."""
    if a.type_code and b.type_code and a.type_code != b.type_code:
        return False
    if not a.authors or not b.authors:
        return True
    return surname_key(a.authors[0]) in entry_keys(b.authors[0]) or surname_key(b.authors[0]) in entry_keys(a.authors[0])


def _near(a: str, b: str) -> bool:
    """Two folded titles a slip apart (already close by ratio): not differing in a volume or
    edition mark."""
    changed = "".join(a[i1:i2] + b[j1:j2] for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b).get_opcodes()
                      if op != "equal")
    return not _PART_RE.search(changed)


def _match(entry: Reference, by_title: dict[str, list[Reference]], titles: list[str], near_ok: bool
           ) -> tuple[Reference, bool] | None:
    """The one list entry that is the footnote's work, and whether it was found by a near title."""
    key = normalised_title(entry.title)
    exact = [r for r in by_title.get(key, ()) if _same_work_kind(entry, r)]
    if exact or key in by_title:
        return (exact[0], False) if len(exact) == 1 else None  # the list holds it twice: CG302's
    if not entry.authors or not near_ok or len(key) < MIN_NEAR:
        return None  # a near title with no author to confirm it may be another work
    close = process.extract(key, titles, scorer=fuzz.ratio, score_cutoff=NEAR_TITLE, limit=3)
    near = [r for t, _, _ in close if len(t) >= MIN_NEAR and _near(key, t) for r in by_title[t]
            if entry.authors and r.authors and _same_work_kind(entry, r) and (
                r.year == entry.year or _compact(r.publisher) == _compact(entry.publisher) != ""
                or _compact(r.container) == _compact(entry.container) != "")]
    return (near[0], True) if len(near) == 1 else None


def _compact(text: str | None) -> str:
    return re.sub(r"\s+", "", fold_width(text or ""))


def _same_publisher(a: str, b: str) -> bool:
    """One publisher, however spaced or abbreviated: "Oxford Univ. Press" is "Oxford University Press"."""
    if _compact(a) == _compact(b):
        return True
    words_a, words_b = _WORD_RE.findall(fold_width(a).lower()), _WORD_RE.findall(fold_width(b).lower())
    return len(words_a) == len(words_b) > 1 and all(x.startswith(y) or y.startswith(x) for x, y in zip(
        words_a, words_b, strict=True))


def _differences(note: Reference, listed: Reference, by_near_title: bool) -> list[tuple[str, str, str]]:
    """(element, footnote's value, list's value) for each element the two describe differently."""
    out = []
    if by_near_title:
        out.append(("title", note.title or "", listed.title or ""))
    if note.year and listed.year and _YEAR_RE.match(note.year) and _YEAR_RE.match(listed.year) and \
            note.year != listed.year:
        out.append(("year", note.year, listed.year))
    if note.publisher and listed.publisher and not _same_publisher(note.publisher, listed.publisher):
        out.append(("publisher", note.publisher, listed.publisher))
    if note.pages and listed.pages and (note.type_code in _EXTENT_TYPES or "//" in note.raw) and \
            not pages_cover(listed.pages, note.pages):
        out.append(("pages", ", ".join(note.pages), ", ".join(listed.pages)))
    return out


_ZH = {"title": "题名", "year": "年份", "publisher": "出版者", "pages": "页码"}


@rule("CG408", "footnote-entry-disagrees-with-list", Severity.WARNING)
def footnote_entry_disagrees(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A footnote gives a full entry for a work the reference list also holds, and the two differ
    in year, publisher, pages or title.

    The footnote is matched to the list entry by the same title (width, spacing and punctuation
    aside) and, where both name one, the same first author; or by a title a slip away (a
    character or two, not a volume or edition mark), the same first author and the same year,
    publisher or journal. Each element that differs is named with both values. The pages of an
    article must contain the pages its footnote cites; a book's footnote cites a page of its own.
    Confidence: high for the same title in two entries read whole; medium for a near title, an
    entry read only in part, or OCR'd text.
    Bad: ① 林毅夫. 新结构经济学[M]. 北京: 北京大学出版社, 2014: 15. with [3] 林毅夫. 新结构经济学[M].
    北京: 北京大学出版社, 2012.  Good: one year in both.
    """
    doc = ctx.document
    if not doc.references:
        return
    by_title: dict[str, list[Reference]] = defaultdict(list)
    for ref in doc.references:
        key = normalised_title(ref.title)
        if len(key) >= 4:
            by_title[key].append(ref)
    titles = list(by_title)
    notes: list[tuple[Footnote, Reference]] = [(f, f.entry) for f in doc.footnotes
                                               if f.entry is not None and len(normalised_title(f.entry.title)) >= 4]
    for searched, (note, entry) in enumerate(notes):
        found = _match(entry, by_title, titles, searched < MAX_NEAR_SEARCHES)
        if found is None:
            continue
        listed, by_near_title = found
        diffs = _differences(entry, listed, by_near_title)
        if not diffs:
            continue
        label = ref_label(doc, listed.index)
        what = "; ".join(f"{name} {mine!r} vs {theirs!r}" for name, mine, theirs in diffs)
        what_zh = "；".join(f"{_ZH[name]}“{mine}”与“{theirs}”" for name, mine, theirs in diffs)
        # a near title, an element read only in part, or digits in an OCR'd text leave doubt
        doubt = by_near_title or bool(entry.unparsed or listed.unparsed or entry.notes or listed.notes) or ctx.reading.ocr
        yield r.finding(entry.span, f"footnote {note.symbol} and list entry {label} describe the same work "
                        f"differently: {what}", f"脚注 {note.symbol} 与参考文献 {label} 著录同一文献但不一致：{what_zh}",
                        footnotes=[note.id], references=[ref_number(doc, listed.index)],
                        evidence=[(f"{name} (footnote / list)", f"{mine} / {theirs}") for name, mine, theirs in diffs],
                        suggestion=f"describe the work the same way in footnote {note.symbol} and in {label}",
                        suggestion_zh=f"使脚注 {note.symbol} 与 {label} 的著录一致",
                        confidence=Confidence.MEDIUM if doubt else Confidence.HIGH)
