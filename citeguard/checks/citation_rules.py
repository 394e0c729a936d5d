"""CG1xx: citations ↔ references."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from citeguard.chars import fold_width
from citeguard.checks.evidence import authors_counted, compared, unlinked
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, rule
from citeguard.checks.zh_terms import note_zh
from citeguard.link import KEY_CASE_REASON, co_author_fits, entry_keys
from citeguard.model import (
    Citation,
    CitationKind,
    CitationSystem,
    Confidence,
    Document,
    Finding,
    IssueKind,
    Reference,
    Severity,
)
from citeguard.parse.hanname import is_han_name
from citeguard.parse.names import surname_key
from citeguard.parse.personname import fold_name
from citeguard.places import citation_places
from citeguard.words import counted, ordinal


def whole_brackets(c: Citation) -> bool:
    """A number printed with both its brackets ("[5]"), not one OCR lost a bracket of ("5]")."""
    return c.text.lstrip("^").startswith(("[", "［")) and c.text.rstrip().endswith(("]", "］"))


def linked(ctx: AuditContext) -> Iterator[tuple[Citation, Reference]]:
    for c in ctx.document.citations:
        if c.reference is not None:
            yield c, ctx.document.references[c.reference - 1]


def _closest(ctx: AuditContext, c: Citation, lang: str = "en") -> str:
    if lang == "zh":
        return "；".join(f"{ref_label(ctx.document, x.reference)}（{note_zh(x.reason)}）" for x in c.candidates[:3])
    return ", ".join(f"{ref_label(ctx.document, x.reference)} ({x.reason})" for x in c.candidates[:3])


@rule("CG101", "citation-without-entry", Severity.ERROR)
def citation_without_entry(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """An author-year citation matches no entry of the reference list by author.

    Every work cited in the text must be in the list. The finding names the closest entries when
    there are any. In a numbered paper a name with a year ("按NRC（2012）标准") names a work rather
    than citing it, and is not checked; when many citations find no entry, those whose evidence is
    not clean are named once by CG909.
    Bad: （王小明，2019） with no entry by 王小明.  Good: add the entry, or correct the name.
    """
    if ctx.document.system is CitationSystem.NUMERIC:
        return  # "按NRC（2012）标准" in a numbered paper names a work; its citation is the number
    for c, sure in _unlinked(ctx):
        if c.kind is CitationKind.AUTHOR_YEAR and not c.candidates:
            if not ctx.document.references:
                continue  # no list at all: CG903-style problems, not one finding per citation
            yield r.finding(c.span, f"{c.text}: no reference entry by {c.author_text} ({c.year})",
                            f"{c.text}：参考文献中没有 {c.author_text}（{c.year}）的条目",
                            citations=[c.id], evidence=[("author", c.author_text), ("year", c.year)],
                            confidence=sure)


def _unlinked(ctx: AuditContext) -> Iterator[tuple[Citation, Confidence]]:
    """Citations that found no entry, each with how sure a finding on it is (checks/evidence.py);
    when many found none, those whose evidence is not clean are left to CG909's one note."""
    sure = unlinked(ctx)
    for c in ctx.document.citations:
        confidence = sure.get(c.id)
        if confidence is None or (confidence is Confidence.LOW and not ctx.reading.citations_trusted):
            continue
        yield c, confidence


# The name an entry opens with when its authors were not read apart: "何帆、刘红霞：《…》" → 何帆,
# "Poon, Auliana: Tourism…" → Poon (two letters at least, up to the first separator)
_LEAD_NAME_RE = re.compile(r"[^\W\d_]{2,30}(?=[、，,:：;；.。\s《(（])")
MAX_BODY_SEARCHED = 2_000_000  # characters of the text searched for those names
MAX_NAMED = 50  # places of one name in the text looked at for its year
NAME_TO_YEAR = 80  # characters between a name and its year in a citation citeguard did not read


def _body_text(doc: Document) -> str:
    """The text's paragraphs outside the list (a LaTeX thebibliography's items are paragraphs of
    its source: an entry must not be found citing itself)."""
    listed: set[int] = set()
    for ref in doc.references:
        listed.update(range(ref.span.line, min(ref.span.end_line, ref.span.line + 200) + 1))
    kept: list[str] = []
    size = 0
    for p in doc.paragraphs:
        for offset, line in enumerate(p.text.split("\n")):  # a paragraph's lines are its source's, in order
            if p.span.line + offset not in listed:
                kept.append(line)
                size += len(line)
        if size > MAX_BODY_SEARCHED:
            break
    return "\n".join(kept)[:MAX_BODY_SEARCHED]


def _named_with_year(body: str, author: str, year: str) -> bool:
    """Is the entry's first author named in the text with the entry's year just after, in a
    citation form citeguard did not read ("Hodgkinson et al., 1999", "DerSimonian & Laird 1986")?"""
    name = author.split(",")[0].strip() if "," in author else author if is_han_name(author) else author.split()[0]
    if len(name) < 2:
        return False
    at = body.find(name)
    for _ in range(MAX_NAMED):
        if at < 0:
            return False
        if year in body[at + len(name):at + len(name) + NAME_TO_YEAR]:
            return True
        at = body.find(name, at + 1)
    return False


@rule("CG102", "entry-never-cited", Severity.WARNING)
def entry_never_cited(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A reference entry is cited nowhere in the text.

    A list should hold the works the paper cites; an uncited entry is either padding or the trace
    of a citation that was deleted or mistyped. Entries that an unlinked citation probably means
    (a year or name typo, see CG103-CG105) are left to those rules.
    A second copy of a cited work is left to CG302, an uncited .bib entry is not printed by BibTeX
    and is not one, and when many entries are uncited CG910 says so once.
    Bad: [42] 杨宏伟. 贯彻落实五大发展理念[M]… never cited.  Good: cite it where it is used, or drop it.
    """
    doc = ctx.document
    if doc.system is CitationSystem.NONE or not ctx.reading.entries_trusted:
        return  # too many to be padding: CG910 says once that citations may not have been read
    cited = {c.reference for c in doc.citations if c.reference is not None}
    near = {x.reference for c in doc.citations if c.reference is None for x in c.candidates}
    cited_titles = {normalised_title(doc.references[i - 1].title)[:60] for i in cited} - {""}
    # a list starting again from [1] whose runs the text's chapters do not tell apart: a number
    # cited may mean the entry of that number in any run
    loose = {c.number for c in doc.citations if not c.part and c.kind is CitationKind.NUMERIC} \
        if any(ref.part for ref in doc.references) else set()
    body: str | None = None  # the text, searched only for entries whose authors were not read apart
    for ref in doc.references:
        if ref.index in cited or ref.index in near or (ref.part and ref.number in loose):
            continue  # an unlinked citation probably means this entry: CG103-CG105 report that once
        if not ref.authors and (lead := _LEAD_NAME_RE.match(ref.raw)):
            body = body if body is not None else _body_text(doc)
            if lead.group(0) in body:
                continue  # its author is named in the text: cited in a form not read (何帆和刘红霞（2019）)
        elif ref.authors and ref.year:
            body = body if body is not None else _body_text(doc)
            if _named_with_year(body, ref.authors[0], ref.year):
                continue  # "Hodgkinson et al., 1999 showed": its author and year in the text, in a form not read
        if normalised_title(ref.title)[:60] in cited_titles:
            continue  # a second copy of a cited work: CG302 reports the repetition
        label = ref_label(doc, ref.index)
        yield r.finding(ref.span, f"{label} is never cited in the text", f"{label} 在正文中未被引用",
                        references=[ref_number(doc, ref.index)], confidence=ctx.reading.uncited_confidence,
                        suggestion=f"cite {label} where the text uses the work, or delete it from the list",
                        suggestion_zh=f"在正文使用该文献处标注引用 {label}，或将其从参考文献表中删除")


@rule("CG103", "year-mismatch", Severity.ERROR)
def year_mismatch(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited author has entries, but none with the cited year.

    Usually a typo in the year, in the text or in the list.
    Bad: （周文和许凌云，2022） when the list has 周文, 许凌云 2023.  Good: （周文和许凌云，2023）.
    """
    if ctx.document.system is CitationSystem.NUMERIC:
        return  # in a numbered paper "Smith (2001)" names a work; the number cites it
    for c, sure in _unlinked(ctx):
        if c.link_reason != "near miss":
            continue
        same_author = [x for x in c.candidates if x.reason.startswith("same author,")]
        if same_author and c.kind is CitationKind.AUTHOR_YEAR:
            years = sorted({ctx.document.references[x.reference - 1].year or "?" for x in same_author})
            yield r.finding(c.span, f"{c.text}: {c.author_text} has entries for {', '.join(years)}, not {c.year}",
                            f"{c.text}：{c.author_text} 的条目年份为 {'、'.join(years)}，不是 {c.year}",
                            citations=[c.id],
                            references=[ref_number(ctx.document, x.reference) for x in same_author],
                            evidence=[("cited year", c.year), ("entry years", ", ".join(years))],
                            suggestion=f"closest: {_closest(ctx, c)}", suggestion_zh=f"最接近的条目：{_closest(ctx, c, 'zh')}",
                            # an entry whose year could not be read may well be the cited one
                            confidence=sure)


@rule("CG104", "author-name-near-miss", Severity.ERROR)
def name_near_miss(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited name is not in the list, but a name one character (or a few letters) away is.

    Bad: （周闻，2023） when the list has 周文 2023.  Good: （周文，2023）.
    """
    if ctx.document.system is CitationSystem.NUMERIC:
        return
    for c, sure in _unlinked(ctx):
        similar = [x for x in c.candidates if x.reason.startswith("similar name")]
        if similar and not any(x.reason.startswith("same author,") for x in c.candidates):
            yield r.finding(c.span, f"{c.text}: no entry by {c.author_text}; did you mean {_closest(ctx, c)}?",
                            f"{c.text}：没有 {c.author_text} 的条目；是否应为 {_closest(ctx, c, 'zh')}？",
                            citations=[c.id], references=[ref_number(ctx.document, x.reference) for x in similar],
                            suggestion=f"check the spelling against {_closest(ctx, c)}",
                            suggestion_zh=f"请对照 {_closest(ctx, c, 'zh')} 核对姓名", confidence=sure)


@rule("CG105", "ambiguous-citation", Severity.ERROR)
def ambiguous_citation(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Several entries share the cited author and year and nothing in the citation tells them apart.

    Bad: （习近平，2018） with two 2018 entries by 习近平.  Good: 2018a / 2018b in list and text.
    The same works left apart at several places are one finding at the first, listing them all.
    """
    if ctx.document.system is CitationSystem.NUMERIC:
        return
    alike: dict[tuple[int, ...], list[tuple[Citation, Confidence]]] = {}
    for c, sure in _unlinked(ctx):
        if c.link_reason.startswith("ambiguous"):
            alike.setdefault(tuple(sorted(x.reference for x in c.candidates)), []).append((c, sure))
    for group in alike.values():
        cits = [c for c, _ in group]
        c = cits[0]
        refs = [ref_number(ctx.document, x.reference) for x in c.candidates]
        labels = ", ".join(ref_label(ctx.document, x.reference) for x in c.candidates)
        also, also_zh = _also_at(ctx.document, cits)
        yield r.finding(c.span, f"{c.text} could mean any of {labels}{also}",
                        f"{c.text} 可能指向多个条目：{labels}{also_zh}", citations=[x.id for x in cits], references=refs,
                        suggestion=f"add year suffixes ({c.year}a, {c.year}b) in the list and the text, "
                        "or cite a page that tells the works apart",
                        suggestion_zh=f"在文献表和正文中加年份后缀（{c.year}a、{c.year}b），或标注能区分两者的页码",
                        confidence=max((sure for _, sure in group), key=lambda x: x.rank))  # (the cleanest of them)


def _also_at(doc: Document, cits: list[Citation]) -> tuple[str, str]:
    """" (3 citations: lines 23, 44, 95)" / "（共 3 处：第 23、44、95 行）" — nothing for one citation."""
    if len(cits) < 2:
        return "", ""
    shown, shown_zh, unit, unit_zh = citation_places(doc, cits)
    return (f" ({len(cits)} citations: {unit}{shown})",
            f"（共 {len(cits)} 处：{unit_zh}{shown_zh}{' 行' if unit_zh else ''}）")


def _pair_forms(ctx: AuditContext) -> tuple[int, int]:
    """How this paper cites two-author works: (written in full 甲和乙, shortened 甲等)."""
    full = short = 0
    for c, ref in linked(ctx):
        if len(ref.authors) == 2 and not ref.et_al:
            if c.et_al and len(c.authors) == 1:
                short += 1
            elif len(c.authors) == 2:
                full += 1
    return full, short


@rule("CG106", "et-al-misuse", Severity.ERROR)
def et_al_misuse(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """等 / et al. stands after fewer names than the entry has, against the paper's own convention.

    等 after the only author is always wrong (error). For two authors the standard allows 甲等, but a
    paper that writes pairs in full (甲和乙) elsewhere must do so throughout (warning).
    Bad: 赵儒煜等（2024） for an entry by 赵儒煜 alone; 孔祥智等（2024） in a paper that writes 焦方义和张东超（2024）.
    Good: 赵儒煜（2024）; 孔祥智和谢东东（2024）.
    """
    full, short = _pair_forms(ctx)
    for c, ref in linked(ctx):
        if not c.et_al or ref.et_al or (c.kind is CitationKind.NUMERIC and not whole_brackets(c)):
            continue  # a number OCR lost a bracket of may be misread too
        if c.kind is CitationKind.NUMERIC and c.authors and ref.authors and not _same_first_author(c, ref):
            continue  # 赵小蓉等[1] where [1] is by 王厚杰: the name or the number is off (CG113), not 等
        names = len(ref.authors)
        # an entry read only in part, or two names run together without their comma, has its authors uncounted
        sure = compared(ctx, c, [ref], authors_counted)
        cited = "和".join(ref.authors) if ref.language.value == "zh" else " & ".join(ref.authors)
        if names == 1:
            yield r.finding(c.span, f"{c.text}: 等/et al. after the only author of {ref_label(ctx.document, ref.index)}",
                            f"{c.text}：{ref_label(ctx.document, ref.index)} 只有一位作者，不应加“等”",
                            citations=[c.id], references=[ref_number(ctx.document, ref.index)],
                            evidence=[("authors in entry", "、".join(ref.authors))], confidence=sure,
                            suggestion=f"write {ref.authors[0]} without 等", suggestion_zh=f"写作 {ref.authors[0]}，不加“等”")
        elif names == 2 and len(c.authors) == 1 and full > short:
            yield r.finding(c.span, f"{c.text}: this paper writes two authors in full ({counted(full, 'time')}) "
                            f"but shortens {ref_label(ctx.document, ref.index)} with 等",
                            f"{c.text}：本文两位作者通常全列（{full} 处），此处却用“等”",
                            severity=Severity.WARNING, citations=[c.id],
                            references=[ref_number(ctx.document, ref.index)],
                            evidence=[("authors in entry", "、".join(ref.authors)),
                                      ("pairs in full / with 等", f"{full} / {short}")], confidence=sure,
                            suggestion=f"write {cited}", suggestion_zh=f"写作 {cited}")


def _same_first_author(citation: Citation, ref: Reference) -> bool:
    return surname_key(citation.authors[0]) in entry_keys(ref.authors[0])


@rule("CG107", "et-al-omitted", Severity.WARNING)
def et_al_omitted(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A work with three or more authors is cited by fewer names without 等 / et al.

    Bad: （姜玲，2021） for 姜玲, 王媛媛, 方忠.  Good: （姜玲等，2021）.
    """
    for c, ref in linked(ctx):
        if c.kind is not CitationKind.AUTHOR_YEAR:
            continue
        names = len(ref.authors) + (1 if ref.et_al else 0)
        if not all(co_author_fits(x, y) for x, y in zip(c.authors[1:], ref.authors[1:], strict=False)):
            continue  # "Otto, Gershman, Markman & Daw" against Otto, Raio, …: another work, OCR-damaged
        if names >= 3 and not c.et_al and len(c.authors) < len(ref.authors):
            count = "more than 3" if ref.et_al else str(names)
            yield r.finding(c.span, f"{c.text}: {ref_label(ctx.document, ref.index)} has {count} authors; add 等/et al.",
                            f"{c.text}：{ref_label(ctx.document, ref.index)} 有三位以上作者，应加“等”",
                            citations=[c.id], references=[ref_number(ctx.document, ref.index)],
                            suggestion=f"{c.authors[0] if c.authors else ''}等")


@rule("CG108", "same-author-year-without-suffix", Severity.WARNING)
def same_author_year(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Two entries share the first author and year but carry no a/b suffix.

    Works whose citations differ anyway are not counted: other co-authors ("X, 2017" and "X & Y,
    2017") or a first author with other initials ("Chen, L." and "Chen, J."), works of three or
    more authors that every citation names in full ("Longcamp, Zerbato-Poudou, & Velay, 2005"),
    nor a second copy of one work (CG302).

    In the author-year system the standard tells such works apart as 2018a / 2018b in the list and
    the text; telling them apart only by the cited page breaks as soon as a page is missing.
    Bad: 习近平.…[M].2018:391. and 习近平.…[M].2018:14.  Good: 习近平, 2018a … 习近平, 2018b.
    """
    doc = ctx.document
    if doc.system is not CitationSystem.AUTHOR_YEAR:
        return
    groups: dict[tuple[tuple[str, ...], str], list[Reference]] = defaultdict(list)
    for ref in doc.references:
        if ref.authors and ref.year:
            # works tell apart by their co-authors ("X, 2017" vs "X & Y, 2017") and by the first
            # author's initials ("Chen, L." vs "Chen, J."); three or more authors are cited "X et al."
            many = len(ref.authors) > 2 or ref.et_al
            names = (_initialled(ref.authors[0]), *(("+",) if many else (surname_key(a) for a in ref.authors[1:])))
            groups[(names, ref.year)].append(ref)
    for (_, year), refs in groups.items():
        refs = _distinct_works(refs)
        suffixes = [x.year_suffix for x in refs]
        if len(refs) > 1 and len(set(suffixes)) < len(refs) and _cited_alike(doc, refs):
            labels = ", ".join(ref_label(doc, x.index) for x in refs)
            yield r.finding(refs[1].span, f"entries {labels} share author {refs[0].authors[0]} and year {year} "
                            "without a/b suffixes", f"条目 {labels} 作者与年份相同（{year}），未用 a/b 区分",
                            references=[ref_number(doc, x.index) for x in refs],
                            suggestion=f"write {year}a, {year}b … in the list and in every citation",
                            suggestion_zh=f"在文献表和每处引用中写作 {year}a、{year}b……")


def _cited_alike(doc: Document, refs: list[Reference]) -> bool:
    """Does some citation fail to tell these works apart — one cites them by the first name alone
    ("Longcamp et al., 2005"), or could mean several of them? Works of three or more authors that
    every citation names in full ("Longcamp, Zerbato-Poudou, & Velay, 2005"), as APA 6 prescribes
    at first citation, are told apart already."""
    group = {x.index for x in refs}
    if all(len(x.authors) <= 2 and not x.et_al for x in refs):
        return True  # the group is keyed by every name: the citations cannot differ
    for c in doc.citations:
        if c.reference in group and len(c.authors) < 2:
            return True
        if c.reference is None and len({x.reference for x in c.candidates} & group) > 1:
            return True
    return False


def _initialled(name: str) -> str:
    """A first author with initials as the key that tells namesakes apart: "Chen, L." → "chenl";
    a Chinese name is whole already."""
    return fold_name(name) if not is_han_name(name.replace(" ", "")) else name.replace(" ", "")


def _distinct_works(refs: list[Reference]) -> list[Reference]:
    """The entries minus second copies of one work (same title): CG302 reports those."""
    seen: set[str] = set()
    out = []
    for ref in refs:
        title = normalised_title(ref.title)[:60]
        if title and title in seen:
            continue
        seen.add(title)
        out.append(ref)
    return out


MAX_NAMED_UNCITED = 3  # CG109 names the uncited entries a mistyped number may have meant, if this few


@rule("CG109", "numeric-out-of-range", Severity.ERROR)
def numeric_out_of_range(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A numeric citation points to a number that no entry has.

    Bad: [53] in a list of 51 entries.  Good: a number of an existing entry.
    """
    doc = ctx.document
    ends: dict[int, int] = {}  # the last number of each list (0: of all of them)
    for ref in doc.references:
        if ref.number is not None:
            ends[ref.part] = max(ends.get(ref.part, 0), ref.number)
            ends[0] = max(ends.get(0, 0), ref.number)
    cited = {c.reference for c in doc.citations}
    # entries no citation reaches: a mistyped number may have meant one of them (named when few)
    uncited = [ref_label(doc, ref.index) for ref in doc.references if ref.index not in cited]
    hint = f"; uncited: {', '.join(uncited)}" if 0 < len(uncited) <= MAX_NAMED_UNCITED else ""
    hint_zh = f"；未被引用的条目：{'、'.join(uncited)}" if hint else ""
    for c, sure in _unlinked(ctx):
        if c.kind is CitationKind.NUMERIC and doc.references:
            last = ends.get(c.part, ends.get(0, len(doc.references)))
            yield r.finding(c.span, f"{c.text}: there is no entry [{c.number}]",
                            f"{c.text}：参考文献中没有第 [{c.number}] 条", citations=[c.id],
                            evidence=[("entries", len(doc.references))], confidence=sure,
                            suggestion=f"correct the number, or add entry [{c.number}] to the list (it ends at "
                                       f"[{last}]){hint}",
                            suggestion_zh=f"更正序号，或在参考文献表中补上第 [{c.number}] 条（现止于第 [{last}] 条）{hint_zh}")


@rule("CG110", "numeric-order", Severity.WARNING)
def numeric_order(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """In the numeric system, entries are numbered in the order they are first cited.

    Bad: the text cites [3] before [2] is first cited.  Good: renumber so first citations run 1, 2, 3 ….
    With a list after each chapter, each chapter's citations are numbered on their own. A number no
    entry has is CG109's: it has no place in the order, and no renumbering is asked of it.
    """
    if ctx.document.system is not CitationSystem.NUMERIC:
        return
    several = any(ref.part for ref in ctx.document.references)  # a citation not tied to one of them: not judged
    for part in dict.fromkeys(c.part for c in ctx.document.citations if c.part or not several):
        yield from _first_citation_order(r, [c for c in ctx.document.citations if c.part == part])


def _first_citation_order(r: Rule, citations: list[Citation]) -> Iterator[Finding]:
    seen = list(dict.fromkeys(c.number for c in citations  # (a list's "in" made this quadratic)
                              if c.kind is CitationKind.NUMERIC and c.number is not None
                              and c.reference is not None))
    expected = sorted(seen)
    for position, (got, want) in enumerate(zip(seen, expected, strict=True)):
        if got != want:
            first = next(c for c in citations if c.number == got)
            yield r.finding(first.span, f"[{got}] is the {ordinal(position + 1)} work first cited, so it should be [{want}]",
                            f"[{got}] 是第 {position + 1} 个首次引用的文献，应编为 [{want}]",
                            citations=[first.id], evidence=[("first-citation order", " ".join(map(str, seen[:20])))])
            return


# What a title compares without: anything but letters and digits — "A-study: 2" → "Astudy2"
# (\W is exactly what str.isalnum refuses, and the underscore)
_NOT_ALNUM_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)  # each rule that compares titles asks for every entry's; lists reach 20,000
def normalised_title(text: str | None) -> str:
    """A title folded for comparison: width, spaces and punctuation removed, lower case."""
    return _NOT_ALNUM_RE.sub("", fold_width(text or "").lower())


@rule("CG111", "citation-punctuation-mixed", Severity.WARNING)
def citation_punctuation(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Parenthetical citations switch between full-width （作者，年） and half-width (作者, 年)
    brackets and commas. Either is acceptable in one paper; mixing is not. Reported once, listing
    the lines of the minority form.
    """
    forms: dict[str, list[Citation]] = defaultdict(list)
    for c in ctx.document.citations:
        if c.kind is CitationKind.AUTHOR_YEAR and not c.narrative and c.text[:1] in "(（":
            forms["full-width" if c.text.startswith("（") else "half-width"].append(c)
    if len(forms) < 2:
        return
    (major, major_list), (minor, minor_list) = sorted(forms.items(), key=lambda kv: -len(kv[1]))
    shown, shown_zh, unit, unit_zh = citation_places(ctx.document, minor_list)
    zh = {"full-width": "全角", "half-width": "半角"}
    yield r.finding(minor_list[0].span, f"{counted(len(minor_list), 'citation')} "
                    f"{'uses' if len(minor_list) == 1 else 'use'} {minor} brackets ({unit}{shown}) while "
                    f"{len(major_list)} {'uses' if len(major_list) == 1 else 'use'} {major} ones",
                    f"{len(minor_list)} 处引用括号为{zh[minor]}（{unit_zh}{shown_zh}{' 行' if unit_zh else ''}），"
                    f"其余 {len(major_list)} 处为{zh[major]}",
                    citations=[c.id for c in minor_list], evidence=[(major, len(major_list)), (minor, len(minor_list))])


# A cross-reference label's name, which a class may route through \cite: fig:x  tab:x  alg:x  eq:x  sec:x
_LABEL_KEY_RE = re.compile(r"^(?:fig|figure|tab|table|alg|algo|eq|eqn|sec|subsec|chap|ch|lst|thm|lem|def|app)[:_]",
                           re.IGNORECASE)


@rule("CG112", "undefined-key", Severity.ERROR)
def undefined_key(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A Pandoc or LaTeX citation names a key that no entry of the .bib file has.

    A key that differs from a .bib key only in case is a warning under biblatex (biber matches keys
    exactly: the citation finds nothing) and information under BibTeX (which links it, with a
    warning in its log). Many undefined keys, or any while a named bibliography file is missing,
    are one finding. Names that look like cross-reference labels (fig:…, tab:…, eq:…), which a
    class's macro may send to \\cite, are said once as information.
    Bad: [@Smith2020] with no @article{Smith2020, …} in the bibliography.  Good: fix the key or add the entry.
    """
    keys = sorted(ref.key for ref in ctx.document.references if ref.key)
    # (\nocite{*} prints every entry: "*" is no key)
    undefined = [c for c in ctx.document.citations if c.kind is CitationKind.KEY and c.reference is None and c.key != "*"]
    labels = [c for c in undefined if _LABEL_KEY_RE.match(c.key or "")]
    if labels:  # "fig:framework" through a class's \autoref → \cite fallback: a label, not a missing work
        names = sorted({c.key or "" for c in labels})
        yield r.finding(labels[0].span, f"{counted(len(names), 'cited name')} look like cross-reference labels, not "
                        f"bibliography keys ({', '.join(names[:5])}{' …' if len(names) > 5 else ''}): a macro may send "
                        "references to \\cite", f"{len(names)} 个被引名称像是交叉引用标签而非文献键："
                        f"{'、'.join(names[:5])}", severity=Severity.INFO, confidence=Confidence.LOW,
                        citations=[c.id for c in labels])
        undefined = [c for c in undefined if c not in labels]
    missing_bib = any(i.kind is IssueKind.BIBLIOGRAPHY for i in ctx.document.issues)
    if undefined and (missing_bib or len({c.key for c in undefined}) > 5):
        # one cause, one finding: a bibliography file that is missing (CG908) may hold them all
        names = sorted({c.key for c in undefined})
        listed = ", ".join(names[:10]) + (f" … (+{len(names) - 10})" if len(names) > 10 else "")
        why = "; a bibliography file named by the manuscript is missing and may hold them" if missing_bib else ""
        have = "has" if len(names) == 1 else "have"
        yield r.finding(undefined[0].span, f"{counted(len(names), 'cited key')} {have} no entry in the bibliography: "
                        f"{listed}{why}",
                        f"{len(names)} 个引用键在参考文献库中没有条目：{listed}", citations=[c.id for c in undefined],
                        confidence=Confidence.MEDIUM if missing_bib else Confidence.HIGH,
                        evidence=[("keys", ", ".join(names))])
        undefined = []
    for c in ctx.document.citations:
        if c.kind is CitationKind.KEY and c.link_reason == KEY_CASE_REASON and c.reference is not None:
            key = ctx.document.references[c.reference - 1].key
            yield r.finding(c.span, f"{c.text}: the key {c.key!r} is written {key!r} in the bibliography; BibTeX "
                            "ignores the difference, biber does not",
                            f"{c.text}：键 {c.key!r} 在参考文献库中写作 {key!r}（大小写不同）",
                            # under biber the citation finds nothing; under BibTeX it links, with a warning
                            severity=Severity.WARNING if ctx.document.biber else Severity.INFO,
                            citations=[c.id], suggestion=key or "")
        if c in undefined:
            close = difflib.get_close_matches(c.key, keys, n=1)
            yield r.finding(c.span, f"{c.text}: no entry with the key {c.key!r} in the bibliography",
                            f"{c.text}：参考文献库中没有键 {c.key!r}", citations=[c.id], evidence=[("key", c.key)],
                            suggestion=f"did you mean {close[0]!r}?" if close else "",
                            suggestion_zh=f"是否应为 {close[0]!r}？" if close else "")
