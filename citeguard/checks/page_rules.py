"""CG2xx: pages cited in the text against pages listed in the entries."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from citeguard.chars import fold_width
from citeguard.checks.reading import gbt_entry
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, rule
from citeguard.checks.zh_terms import note_zh
from citeguard.link import pages_cover
from citeguard.model import Citation, EntryStyle, Finding, Reference, Severity
from citeguard.parse.fields import is_article_number

# A page or range: "191", "25-26", "25–26", "xii"
DASH_EACH = 5  # entries whose own other dash is each its own finding; more are the list's habit, said once
DASH_NAMED = 10  # entries a habit's finding names before "and N more"
_RANGE_RE = re.compile(r"^\s*(?P<a>\d+)\s*(?P<dash>[-–—~～－])\s*(?P<b>\d*)\s*$")
_DIGITS_RE = re.compile(r"^\s*\d+\s*$")
# Page forms that are not plain numbers: e555  S186-S188  I-277-I-280  xii  i-189  24pp.  123:1--123:12
# (ACM article number and page)  A12-A15  1163.e1-1163.e17  300-307.e2 (Cell Press's online pages)
_PAGE_FORM_RE = re.compile(
    r"(?:[A-Za-z]{0,3}-?\d+[A-Za-z]?|[ivxlcdm]+)(?:-{1,2}(?:[A-Za-z]{0,3}-?\d+[A-Za-z]?|[ivxlcdm]+))?"
    r"|\d+pp\.?|pp?\.\d+(?:-\d+)?|\d+:\d+(?:-{1,2}\d+:\d+)?|[A-Za-z]{1,6}\d{2,}"
    r"|\d+(?:\.e\d+)?-{1,2}\d+\.e\d+|\d+\.e\d+(?:-{1,2}\d+\.e\d+)?", re.IGNORECASE)
# The word some languages print before pages: pp. p. págs. pág. pgs. S. Seiten стр. с.
_PAGE_WORD_RE = re.compile(r"^\s*(?:pp?|págs?|pgs?|S|Seiten?|стр|с)\.?\s+(?=\d)", re.IGNORECASE)
# A space inside a number, as in "2 200-2 211" (thin spaces of a typeset thousand, kept by OCR)
_THOUSANDS_RE = re.compile(r"(?<=\d)\s(?=\d{3}\b)")


def abbreviated_range(first: str, last: str) -> bool:
    """ "2537-41", "490-3": the last page written with only the digits that change (Vancouver
    and many medical journals). A range, not one running backwards."""
    return len(last) < len(first) and int(first[:len(first) - len(last)] + last) > int(first)
# Types whose page element lists the pages cited (引文页码), not the extent of an article.
_CITED_PAGE_TYPES = frozenset({"M", "R", "D", "G", "Z", "S", "A", "CP", "DB"})


def page_extent(ref: Reference) -> tuple[str, ...]:
    """The entry's pages that are pages: an article number or e-locator in their place (e0123456,
    3-es, 123:1-123:12) says which article, not which pages, so no cited page can be held to it."""
    return tuple(p for p in ref.pages if not is_article_number(p))


def lists_cited_pages(ref: Reference) -> bool:
    """True when the entry's pages are the pages the paper cites (books), not an article's extent."""
    return bool(ref.pages) and ref.type_code in _CITED_PAGE_TYPES and ref.container is None


def _citations_by_entry(ctx: AuditContext) -> dict[int, list[Citation]]:
    out: dict[int, list[Citation]] = defaultdict(list)
    for c in ctx.document.citations:
        if c.reference is not None:
            out[c.reference].append(c)
    return out


def _near_page(page: str, options: list[str]) -> str | None:
    """A page among ``options`` that differs from ``page`` in one digit (228 vs 288)."""
    hits = [o for o in options if _DIGITS_RE.match(o) and _DIGITS_RE.match(page)
            and len(o) == len(page) and Levenshtein.distance(o, page) == 1]
    return hits[0] if len(hits) == 1 else None


@rule("CG201", "cited-page-not-in-entry", Severity.ERROR)
def cited_page_not_listed(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A page cited in the text is not among the pages (or inside the page range) of its entry.

    Bad: （习近平，2025:228） while the entry lists …,216,288,195….  Good: the page in the text and
    the entry agree; the finding names a listed page one digit away when there is one. An
    article given one number, not a range (MDPI's "Electronics, 9: 741"), is not compared: the
    number is its article number or its first page only.
    """
    by_entry = _citations_by_entry(ctx)
    for index, cits in by_entry.items():
        ref = ctx.document.references[index - 1]
        listed = page_extent(ref)
        if not listed:
            continue
        if not lists_cited_pages(ref) and len(listed) == 1 and not _RANGE_RE.match(fold_width(listed[0])):
            continue  # an article's one number ("Electronics, 9: 741"): its article number or first page only
        cited = {p for c in cits for p in c.pages}
        uncited = [p for p in listed if not pages_cover((p,), tuple(cited))] if lists_cited_pages(ref) else []
        for c in cits:
            if c.pages and not pages_cover(listed, c.pages):
                near = _near_page(c.pages[0], uncited) if len(c.pages) == 1 else None
                label = ref_label(ctx.document, index)
                hint = f"; the entry lists {near}, which no citation cites" if near else ""
                hint_zh = f"（条目列有 {near}，疑为笔误）" if near else ""
                yield r.finding(c.span, f"{c.text}: page {', '.join(c.pages)} is not in {label}"
                                f" (pages {', '.join(ref.pages)}){hint}",
                                f"{c.text}：页码 {'、'.join(c.pages)} 不在 {label} 所列页码中{hint_zh}",
                                citations=[c.id], references=[ref_number(ctx.document, index)],
                                evidence=[("cited page", ", ".join(c.pages)), ("entry pages", ", ".join(ref.pages))],
                                suggestion=f"page {near} in the text, or {c.pages[0]} in the entry" if near else "",
                                suggestion_zh=f"正文改为第 {near} 页，或文献表中改为 {c.pages[0]}" if near else "")


@rule("CG202", "listed-page-never-cited", Severity.WARNING)
def listed_page_never_cited(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A book entry lists a page that no citation of it cites.

    Applies when the paper cites the entry with pages, so that the entry's page list should be the
    set of pages cited. Bad: entry lists 288, text cites 228 (and never 288).
    """
    by_entry = _citations_by_entry(ctx)
    for index, cits in by_entry.items():
        ref = ctx.document.references[index - 1]
        cited = tuple(p for c in cits for p in c.pages)
        if not lists_cited_pages(ref) or not cited:
            continue
        unlisted = [p for p in cited if not pages_cover(ref.pages, (p,))]
        for page in dict.fromkeys(ref.pages):
            if any(pages_cover((page,), (p,)) for p in cited):
                continue  # some citation cites this page (or a page inside this range)
            near = _near_page(page, unlisted)
            yield r.finding(ref.span, f"{ref_label(ctx.document, index)} lists page {page}, which the text never cites"
                            + (f" (the text cites {near}: a typo on one side?)" if near else ""),
                            f"{ref_label(ctx.document, index)} 列出的页码 {page} 在正文中未被引用"
                            + (f"（正文引用的是 {near}）" if near else ""),
                            references=[ref_number(ctx.document, index)],
                            evidence=[("listed page", page), ("cited pages", ", ".join(dict.fromkeys(cited)))])


@rule("CG203", "duplicate-pages", Severity.WARNING)
def duplicate_pages(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The same page appears twice in one entry's page list.

    Bad: …2025:191,192,195,163,192….  Good: each page once: …2025:163,191,192,195.
    """
    for ref in ctx.document.references:
        counts = Counter(fold_width(p) for p in ref.pages)
        dups = [p for p, n in counts.items() if n > 1]
        if dups:
            yield r.finding(ref.span, f"{ref_label(ctx.document, ref.index)} lists page(s) {', '.join(dups)} more than once",
                            f"{ref_label(ctx.document, ref.index)} 重复列出页码 {'、'.join(dups)}",
                            references=[ref_number(ctx.document, ref.index)],
                            evidence=[("pages", ", ".join(ref.pages))])


def _first_page(item: str) -> int | None:
    m = re.match(r"\s*(\d+)", fold_width(item))
    return int(m.group(1)) if m else None


@rule("CG204", "pages-not-ascending", Severity.WARNING)
def pages_not_ascending(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A page list inside one entry is not in ascending order.

    A journal article's range followed by a page it continues on ("36-37,27", CNKI's 36-37+27)
    is the article's extent as printed, not a list of cited pages.
    Bad: …2022:201,96.  Good: …2022:96,201.
    """
    for ref in ctx.document.references:
        if ref.type_code == "J" and ref.pages and _RANGE_RE.match(fold_width(ref.pages[0])):
            continue  # an article continued on another page
        firsts = [_first_page(p) for p in page_extent(ref)]
        numbers = [n for n in firsts if n is not None]
        if len(numbers) > 1 and numbers != sorted(numbers):
            order = ",".join(sorted(dict.fromkeys(ref.pages), key=lambda p: _first_page(p) or 0))
            yield r.finding(ref.span, f"{ref_label(ctx.document, ref.index)} lists its pages out of order: "
                            f"{','.join(ref.pages)}", f"{ref_label(ctx.document, ref.index)} 页码未按升序排列",
                            references=[ref_number(ctx.document, ref.index)],
                            evidence=[("pages", ", ".join(ref.pages))], suggestion=order)


@rule("CG205", "malformed-page-range", Severity.ERROR)
def malformed_range(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A page range runs backwards, is open, or is not made of page numbers.

    Abbreviated ranges (2537-41), discontinuous pages (243-251+323-327), article numbers and
    e-locators in the pages' place (e555, rtaf010, e0123456, ACM 3-es and 123:1--123:12, ASME
    V07BT10A051, 125413-1-7), supplement and Roman pages (S186-S188, xii) are page numbers.
    Bad: 30-25, 25-.  Good: 25-30.
    """
    for ref in ctx.document.references:
        if ref.style is EntryStyle.UNKNOWN or ref.unparsed:
            continue  # pages of an entry read in part may be anything (CG901 says so)
        for item in ref.pages:
            # "243-251+323-327": discontinuous pages, each part a range of its own; "125413-1-7": an
            # article and its pages, not a range
            if "+" in item or is_article_number(item):
                continue
            item_text = _PAGE_WORD_RE.sub("", item)  # "pp. 6-8", "págs. 6-8", "S. 12": the word before them
            m = _RANGE_RE.match(_THOUSANDS_RE.sub("", fold_width(item_text)))
            bad = ""
            if m and not m.group("b"):
                bad = "open range"
            elif m and int(m.group("b")) < int(m.group("a")) and not abbreviated_range(m.group("a"), m.group("b")):
                bad = "range runs backwards"
            elif not m and not _DIGITS_RE.match(fold_width(item_text)) and not _PAGE_FORM_RE.fullmatch(
                    re.sub(r"\s+", "", fold_width(item_text))):
                bad = "not a page number"
            if bad:
                yield r.finding(ref.span, f"{ref_label(ctx.document, ref.index)}: page {item!r}: {bad}",
                                f"{ref_label(ctx.document, ref.index)}：页码“{item}”有误（{note_zh(bad)}）",
                                references=[ref_number(ctx.document, ref.index)], evidence=[("page", item)])


@rule("CG206", "page-range-dash", Severity.WARNING)
def wrong_dash(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """GB/T 7714 joins the first and last page with a hyphen "-", not a dash or tilde.

    Bad: 14–23, 14—23, 14~23.  Good: 14-23. (APA-style lists, which use an en dash, are exempt.)
    When more than ``DASH_EACH`` entries use the same other mark — the list's own habit, a reference
    manager's style — it is said once, naming the entries, not once per entry.
    """
    wrong: list[tuple[Reference, str, str]] = []  # entry, page range, its mark
    for ref in ctx.document.references:
        if not gbt_entry(ref):
            continue
        for item in ref.pages:
            m = _RANGE_RE.match(item)
            if m and m.group("dash") != "-":
                wrong.append((ref, item, m.group("dash")))
    marks = Counter(dash for _, _, dash in wrong)
    habit = next((dash for dash, n in marks.items() if n > DASH_EACH), None)
    if habit is not None:
        same = [(ref, item) for ref, item, dash in wrong if dash == habit]
        labels = list(dict.fromkeys(ref_label(ctx.document, ref.index) for ref, _ in same))
        shown = ", ".join(labels[:DASH_NAMED]) + (f" and {len(labels) - DASH_NAMED} more" if len(labels) > DASH_NAMED else "")
        shown_zh = "、".join(labels[:DASH_NAMED]) + (f" 等 {len(labels)} 条" if len(labels) > DASH_NAMED else "")
        yield r.finding(same[0][0].span, f"{len(labels)} entries join page ranges with {habit!r} instead of '-' "
                        f"({shown}; e.g. {same[0][1]})",
                        f"{len(labels)} 条文献的页码范围用“{habit}”连接（{shown_zh}；如 {same[0][1]}），应使用连字符“-”",
                        references=list(dict.fromkeys(ref_number(ctx.document, ref.index) for ref, _ in same)),
                        suggestion=same[0][1].replace(habit, "-"))
        wrong = [(ref, item, dash) for ref, item, dash in wrong if dash != habit]
    for ref, item, dash in wrong:
        yield r.finding(ref.span, f"{ref_label(ctx.document, ref.index)}: page range {item} uses "
                        f"{dash!r} instead of '-'",
                        f"{ref_label(ctx.document, ref.index)}：页码范围 {item} 应使用连字符“-”",
                        references=[ref_number(ctx.document, ref.index)],
                        suggestion=item.replace(dash, "-"))
