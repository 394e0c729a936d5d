"""CG118–CG122: reference managers' fields against the printed list (issue 25) — a cited item the
list does not print, an entry of a generated bibliography no field cites (a bibliography not
refreshed), one work under two identities, fields and typed citations mixed, a record that says
otherwise than its printed entry. Each item is linked to its entry by its record (``link.fields``),
never by the text the citation displays."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from citeguard.chars import fold_width, is_chinese
from citeguard.checks.field_rules import field_line, field_lines
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, rule
from citeguard.link import field_title
from citeguard.link.fields import normal_doi
from citeguard.managed import FieldCitation, FieldItem
from citeguard.model import Confidence, Finding, Reference, Severity
from citeguard.parse.names import surname_key
from citeguard.parse.personname import fold_name
from citeguard.words import counted

TITLE_DIFFERS = 50  # rapidfuzz ratio of two folded titles below which they are two titles
MANY = 3  # more unmatched than this, and more than half of them: the matching failed, said once


def _cited(ctx: AuditContext) -> list[tuple[FieldCitation, FieldItem, int | None]]:
    """(citation, item, entry index or None) for every item of every field citation."""
    doc = ctx.document
    return [(doc.field_citations[k.citation], doc.field_citations[k.citation].items[k.item], k.reference)
            for k in doc.field_links]


def _cascade(unmatched: int, total: int) -> bool:
    """Too many unmatched to be the author's: the list was printed in another language or form."""
    return unmatched > MANY and unmatched * 2 > total


def _who(item: FieldItem) -> str:
    """An item as an editor names it: "Smith 2020, Trade and growth"."""
    head = " ".join(x for x in (item.authors[0] if item.authors else "", item.year) if x)
    title = item.title if len(item.title) <= 60 else item.title[:57] + "…"
    return f"{head}, {title}" if head and title else head or title or item.identity


@rule("CG118", "field-item-not-in-list", Severity.WARNING)
def field_item_not_in_list(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A work a reference manager's citation field cites is not printed in the reference list — the
    bibliography was not refreshed after the citation was added, or the entry was deleted by hand.
    Matched by the record's DOI, else its title. When most cited records match no entry, the list
    is printed in another language or form: one note at low confidence instead.
    Bad: a Zotero field citing "Trade and growth" (Smith 2020), no such entry.  Good: refresh the
    bibliography in the reference manager."""
    doc = ctx.document
    if not doc.references:
        return
    first: dict[str, tuple[FieldCitation, FieldItem]] = {}
    linked: set[str] = set()
    for citation, item, reference in _cited(ctx):
        if len(field_title(item.title)) < 4 and not item.doi:
            continue  # a record without a title or DOI: nothing to look for
        first.setdefault(item.identity, (citation, item))
        if reference is not None:
            linked.add(item.identity)
    missing = [v for k, v in first.items() if k not in linked]
    if _cascade(len(missing), len(first)):
        citation, _ = missing[0]
        yield r.finding((field_line(ctx, citation.paragraph, citation.where), 1),
                        f"{len(missing)} of {len(first)} works the citation fields cite match no entry of the list "
                        "by DOI or title (a list in another language or form?)",
                        f"引文域所引 {len(first)} 篇文献中有 {len(missing)} 篇按 DOI 或题名找不到对应条目"
                        "（参考文献表的语种或格式不同？）",
                        severity=Severity.INFO, confidence=Confidence.LOW)
        return
    generated = bool(doc.field_bibliographies)
    for citation, item in missing:
        yield r.finding((field_line(ctx, citation.paragraph, citation.where), 1),
                        f"{citation.display.strip() or 'a citation'}: its {citation.manager} field cites "
                        f"{_who(item)!r}, which the reference list does not print",
                        f"{citation.display.strip() or '引文'}：{citation.manager} 引文域所引“{_who(item)}”不在参考文献表中",
                        evidence=[("record", item.identity), ("title", item.title)],
                        suggestion="refresh the bibliography in the reference manager",
                        suggestion_zh="在文献管理软件中刷新参考文献表",
                        confidence=Confidence.HIGH if generated else Confidence.MEDIUM)


def _bibliography_lines(ctx: AuditContext) -> list[tuple[int, int]]:
    """The rendition's line ranges each bibliography field covers."""
    lines = field_lines(ctx)
    out = []
    for b in ctx.document.field_bibliographies:
        start = lines.get(f"¶{b.paragraph}")
        end = lines.get(f"¶{b.end_paragraph + 1}", 10**9) - 1
        if start is not None:
            out.append((start, end))
    return out


@rule("CG119", "list-entry-not-field-cited", Severity.WARNING)
def list_entry_not_field_cited(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Entries of a bibliography a reference manager generated are not among the works its citation
    fields cite: the bibliography was not refreshed after a citation was removed, or the entries were
    typed into it by hand (the next refresh drops them). One finding naming them (each may also be
    "never cited", CG102); only when every citation of the text is a field; works added to a Zotero
    bibliography uncited are left alone. When most entries match no cited record, one note at low
    confidence instead.
    Bad: entry [7] in an EndNote bibliography, no EndNote citation of its work.  Good: refresh the
    bibliography, or cite the work through the reference manager."""
    doc = ctx.document
    ranges = _bibliography_lines(ctx)
    if not ranges or not doc.field_citations or _typed(ctx):
        return
    cited = {reference for _, _, reference in _cited(ctx) if reference is not None}
    inside = [ref for ref in doc.references if any(a <= ref.span.line <= b for a, b in ranges) and not ref.span.path]
    extra = [ref for ref in inside if ref.index not in cited]
    if len(extra) <= sum(len(b.uncited) for b in doc.field_bibliographies):
        return  # none, or no more than the works the author added to a Zotero bibliography uncited
    if _cascade(len(extra), len(inside)):
        yield r.finding(extra[0].span, f"{len(extra)} of {len(inside)} entries of the generated bibliography match "
                        "no work the citation fields cite (the records' titles may be in another language)",
                        f"自动生成的参考文献表中 {len(inside)} 条有 {len(extra)} 条与引文域所引文献对不上",
                        severity=Severity.INFO, confidence=Confidence.LOW)
        return
    labels = ", ".join(ref_label(doc, ref.index) for ref in extra[:8]) + (f" … (+{len(extra) - 8})" if len(extra) > 8 else "")
    yield r.finding(extra[0].span, f"the generated bibliography prints {counted(len(extra), 'entry')} no citation field "
                    f"cites ({labels}): not refreshed since a citation was removed, or typed in by hand?",
                    f"自动生成的参考文献表中有 {len(extra)} 条没有引文域引用（{labels}）：删除引文后未刷新，或系手工加入",
                    references=[ref_number(doc, ref.index) for ref in extra], evidence=[("entry", extra[0].raw[:120])],
                    suggestion="refresh the bibliography in the reference manager",
                    suggestion_zh="在文献管理软件中刷新参考文献表")


@rule("CG120", "one-work-two-records", Severity.WARNING)
def one_work_two_records(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """One work is cited under two records of the reference manager's library (a duplicate in the
    library): the same DOI, or the same title, year and first author. The bibliography then prints
    it twice, or numbers one work twice. Bad: Zotero items ABCD and EFGH both "Trade and growth",
    Smith 2020.  Good: merge the duplicates in the library and refresh."""
    groups: dict[tuple[str, ...], dict[str, tuple[FieldCitation, FieldItem]]] = defaultdict(dict)
    for citation, item, _ in _cited(ctx):
        keys: list[tuple[str, ...]] = [("doi", normal_doi(item.doi))] if normal_doi(item.doi) else []
        title = field_title(item.title)
        if len(title) >= 8 and item.year:
            keys.append(("work", title, item.year, surname_key(item.authors[0]) if item.authors else ""))
        for key in keys:
            groups[key].setdefault(item.identity, (citation, item))
    said: set[frozenset[str]] = set()
    for records in groups.values():
        if len(records) < 2 or frozenset(records) in said:
            continue
        said.add(frozenset(records))
        (citation, item), *_ = records.values()
        names = ", ".join(sorted(records))
        yield r.finding((field_line(ctx, citation.paragraph, citation.where), 1),
                        f"{_who(item)!r} is cited under {len(records)} records of the {citation.manager} library: {names}",
                        f"“{_who(item)}”在 {citation.manager} 文献库中有 {len(records)} 条记录被引用：{names}",
                        evidence=[("records", names)], suggestion="merge the duplicate records and refresh",
                        suggestion_zh="合并文献库中的重复记录后刷新")


def _typed(ctx: AuditContext) -> list[int]:
    """Lines of the body's citations that no field displays (typed by hand), made once."""
    memo = ctx.memo.get("typed_citations")
    if isinstance(memo, list):
        return memo
    doc = ctx.document
    labels = doc.positions.labels if doc.positions else ()
    shown: dict[str, str] = defaultdict(str)
    for f in doc.field_citations:
        if not f.where:
            shown[f"¶{f.paragraph}"] += "\x00" + _squeeze(f.display)
    found: list[int] = []
    for c in doc.citations:
        label = labels[c.span.line - 1] if 0 < c.span.line <= len(labels) and not c.span.path else ""
        if label.startswith("¶") and _squeeze(c.text) not in shown.get(label, ""):
            found.append(c.span.line)
    ctx.memo["typed_citations"] = found
    return found


def _squeeze(text: str) -> str:
    return "".join(fold_width(text).split())


@rule("CG121", "field-and-typed-citations", Severity.INFO)
def field_and_typed_citations(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Some citations are a reference manager's fields and some were typed by hand: the typed ones
    are not renumbered or checked by the manager, and its bibliography does not list their works
    unless typed too. Said once, with the count and the first typed citation's place."""
    doc = ctx.document
    if not doc.field_citations:
        return
    typed = _typed(ctx)
    if typed:
        yield r.finding((typed[0], 1), f"{counted(len(typed), 'citation')} typed by hand beside "
                        f"{len(doc.field_citations)} {doc.field_citations[0].manager} citation fields",
                        f"{len(typed)} 处引文为手工输入，另有 {len(doc.field_citations)} 处为 "
                        f"{doc.field_citations[0].manager} 引文域",
                        evidence=[("typed", len(typed)), ("fields", len(doc.field_citations))])


def _differences(item: FieldItem, ref: Reference) -> list[tuple[str, str, str]]:
    """(element, the record's, the entry's) where the two say different things (a title only when the
    two are in one script and share less than half their characters: linked by DOI, retitled)."""
    out = []
    mine_title, printed_title = field_title(item.title), field_title(ref.title or "")
    if len(mine_title) >= 8 and len(printed_title) >= 8 and is_chinese(item.title) == is_chinese(ref.title or "") \
            and fuzz.ratio(mine_title, printed_title) < TITLE_DIFFERS and mine_title not in printed_title:
        # (the record's whole title at the head of the entry's is the entry's title read running on
        # into its container, "‘Git in the classroom’, in SIGCSE 2013 - Proceedings…": the same title)
        out.append(("title", item.title, ref.title or ""))
    if item.year[:4].isdigit() and (ref.year or "")[:4].isdigit() and item.year[:4] != (ref.year or "")[:4]:
        out.append(("year", item.year[:4], (ref.year or "")[:4]))
    if item.doi and ref.doi and normal_doi(item.doi) != normal_doi(ref.doi):
        out.append(("DOI", item.doi, ref.doi))
    if item.authors and ref.authors and is_chinese(item.authors[0]) == is_chinese(ref.authors[0]):
        # the record's family name is a family name already (no initials to strip: "LeBlanc" stays whole)
        mine, printed, whole = fold_name(item.authors[0]), surname_key(ref.authors[0]), fold_name(ref.authors[0])
        if mine and printed and mine != printed and not printed.startswith(mine) and not mine.startswith(printed) \
                and mine not in whole:
            out.append(("first author", item.authors[0], ref.authors[0]))
    return out


@rule("CG122", "field-record-differs-from-entry", Severity.WARNING)
def field_record_differs(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The printed entry of a work says otherwise than the record the citation field carries — year,
    DOI, first author or (linked by DOI) title: the entry was edited by hand after the bibliography was generated (the next
    refresh undoes it), or the library's record is wrong. Both are shown.
    Bad: the field's record says 2019, the entry prints 2020.  Good: correct the record in the
    library and refresh."""
    doc = ctx.document
    seen: set[tuple[str, int]] = set()
    for citation, item, reference in _cited(ctx):
        if reference is None or (item.identity, reference) in seen:
            continue
        seen.add((item.identity, reference))
        ref = doc.references[reference - 1]
        differences = _differences(item, ref)
        if differences:
            said = "; ".join(f"{what}: record {mine!r}, entry {printed!r}" for what, mine, printed in differences)
            label = ref_label(doc, reference)
            at = f"{citation.where} {citation.paragraph}" if citation.where else f"¶{citation.paragraph}"
            yield r.finding(ref.span, f"{label}: the {citation.manager} record cited at {at} differs — {said}",
                            f"{label}：与 {citation.manager} 引文域中的记录不一致——" + "；".join(
                                f"{what}：记录为“{mine}”，条目为“{printed}”" for what, mine, printed in differences),
                            references=[ref_number(doc, reference)],
                            evidence=[(what, f"{mine} / {printed}") for what, mine, printed in differences])
