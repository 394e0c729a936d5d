"""CG3xx: the reference list as a whole, and the elements of each entry (list and footnotes)."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date

from citeguard.chars import fold_width, is_chinese
from citeguard.checks.citation_rules import normalised_title
from citeguard.checks.entry_style import (
    PUBLISHER_PERIOD_RE,
    EntryText,
    Spacing,
    all_entries,
    entry_finding,
    is_preprint,
    name_sort_key,
    spacing,
    spacing_pattern,
    typing_language,
)
from citeguard.checks.evidence import numbering_break
from citeguard.checks.reading import gbt_bib, gbt_entry
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, ref_with_place, rule
from citeguard.checks.zh_terms import elements_zh
from citeguard.model import (
    CitationKind,
    CitationSystem,
    Confidence,
    Document,
    EntryStyle,
    Finding,
    IssueKind,
    Language,
    Reference,
    Severity,
    Standard,
)
from citeguard.parse.fields import TYPE_RE
from citeguard.parse.hanname import is_han_name
from citeguard.parse.names import surname_key
from citeguard.parse.personname import read_name
from citeguard.words import counted

MANY = 5  # more entries than this lacking the same elements are reported in one finding
MIN_SAME_TEXT = 30  # letters and digits of an entry read without its title that a repeat must share
SOME = 2  # more keys defined twice than this are one finding naming them (a thesis that merged .bib files)
# more works listed twice than this are one finding naming them: each repeat is reported at its own
# place (an editor deletes them one by one), but a list read twice over is said once, not as a cascade
MANY_REPEATS = 5
# The trace of a URL a conversion damaged: "htp://" "hp://" "http: //" "www."
_URL_TRACE_RE = re.compile(r"\b(?:h[\w-]{0,5}\s*:\s*//|www\.)", re.IGNORECASE)
# An entry that ends at its type code, nothing after it but marks: "…forward ［J]."  "…[M]"
_ENDS_AT_TYPE_RE = re.compile(r"[\[［]\s*[A-Z]{1,2}(?:/OL)?\s*[\]］][\s.．。,，]*$")
# A volume written in brackets inside a title: 习近平谈治国理政(第4卷)  文集（第2卷）
_VOLUME_BRACKET_RE = re.compile(r"[（(]\s*第\s*[\d一二三四五六七八九十]+\s*卷\s*[）)]")


@rule("CG301", "list-numbering", Severity.ERROR)
def list_numbering(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Entry numbers skip a number, repeat one, or do not start at 1.

    Bad: [1] [2] [4] or [1] [2] [2].  Good: [1] [2] [3]. A list after each chapter, or a run
    starting again from [1] under one heading, is numbered on its own.
    """
    parts: dict[int, list[Reference]] = defaultdict(list)
    for ref in ctx.document.references:
        if ref.number is not None:
            parts[ref.part].append(ref)
    for refs in parts.values():
        yield from _numbering(ctx, r, refs)


def _numbering(ctx: AuditContext, r: Rule, refs: list[Reference]) -> Iterator[Finding]:
    counts = Counter(ref.number for ref in refs)
    expected = 1
    for ref in refs:
        assert ref.number is not None
        if counts[ref.number] > 1 and ref.number < expected:
            yield r.finding(ref.span, f"entry number [{ref.number}] is used twice", f"条目编号 [{ref.number}] 重复",
                            references=[ref.number], confidence=numbering_break(ctx, ()))
        elif ref.number != expected:
            yield r.finding(ref.span, f"entry [{ref.number}] follows [{expected - 1}]: expected [{expected}]",
                            f"条目 [{ref.number}] 前应为 [{expected}]", references=[ref.number],
                            evidence=[("expected", expected), ("found", ref.number)],
                            confidence=numbering_break(ctx, range(expected, ref.number)))
        expected = max(expected, ref.number + 1)


# A year printed anywhere in an entry: 1988  2001
_ANY_YEAR_RE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d{2}(?!\d)")


@rule("CG302", "duplicate-entry", Severity.ERROR)
def duplicate_entry(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The same work is listed twice (same title and year, ignoring width and spacing).

    Entries whose title was not read (physics and Vancouver styles) count as repeats only when
    their whole text is the same; each repeat is reported at its place, and more than five
    repeats are one finding naming them all. Two .bib entries in different files are a warning
    (each file may feed a list of its own, as a thesis appendix's \bibliography does).
    Bad: [3] 张三.题名[J]…2020 and [9] 张三. 题名[J]… 2020.  Good: one entry, cited twice.
    """
    seen: dict[tuple[str, str], int] = {}
    pairs: list[tuple[int, int]] = []
    refs = ctx.document.references
    for ref in refs:
        # the same title, year and first author: two comments in one journal issue share a title
        # with no year read, the years printed anywhere in the entry stand in: the 6th and 7th
        # editions of one standard differ in theirs (1988, 2001)
        year = ref.year or ",".join(sorted(set(_ANY_YEAR_RE.findall(ref.raw))))
        # (each chapter's list may list the same work: only repeats inside one list count)
        key = (normalised_title(ref.title), f"{year}|{surname_key(ref.authors[0]) if ref.authors else ''}|{ref.part}")
        if not key[0] or len(key[0]) < (4 if is_chinese(key[0]) else 12) or ref.style is EntryStyle.UNKNOWN:
            # no title read (physics "Phys. Rev. D 23, 347", Vancouver): only the very same text twice
            whole = normalised_title(ref.raw.replace(ref.key, "", 1) if ref.key else ref.raw)  # (a .bib key is no text)
            if len(whole) < MIN_SAME_TEXT:
                continue
            key = ("=" + whole, "")
        if key in seen and ref.pages and refs[seen[key] - 1].pages and ref.pages != refs[seen[key] - 1].pages:
            continue  # "… psychology. Part I" at 35-57, "Part II" at 58-76: one title read, two works
        if key in seen and "D" in {ref.type_code, refs[seen[key] - 1].type_code} and \
                ref.type_code != refs[seen[key] - 1].type_code:
            continue  # a thesis and the conference paper drawn from it share title, authors and year: two works
        if key in seen and ref.doi and refs[seen[key] - 1].doi and ref.pages != refs[seen[key] - 1].pages and \
                ref.doi.strip().lower() != (refs[seen[key] - 1].doi or "").strip().lower():
            # a conference abstract and the article after it: one title, two DOIs, other pages — two
            # works (a proceedings paper reprinted in a SIGPLAN Notices issue keeps its pages: one work)
            continue
        if key in seen:
            pairs.append((seen[key], ref.index))
        else:
            seen[key] = ref.index
    doc = ctx.document
    if len(pairs) > MANY_REPEATS:  # a list (or .bib) that repeats many works: one finding naming them all
        listed = "; ".join(f"{ref_label(doc, b)} = {ref_label(doc, a)}" for a, b in pairs[:8])
        later = ", ".join(ref_with_place(doc, b, "en") for _, b in pairs[:8]) + (" …" if len(pairs) > 8 else "")
        later_zh = "、".join(ref_with_place(doc, b, "zh") for _, b in pairs[:8]) + (" …" if len(pairs) > 8 else "")
        yield r.finding(doc.references[pairs[0][1] - 1].span, f"{len(pairs)} entries repeat an earlier entry (same "
                        f"title and year): {listed}{' …' if len(pairs) > 8 else ''}",
                        f"{len(pairs)} 个条目与前面的条目重复（题名与年份相同）：{listed}",
                        references=[ref_number(doc, i) for pair in pairs for i in pair],
                        suggestion=f"delete the later copies ({later}); cite the first copy where the text cites "
                                   "one of them",
                        suggestion_zh=f"删除后出现的重复条目（{later_zh}），正文中引用它们之处改引首次出现的条目")
        return
    cited = {c.reference for c in doc.citations}
    for first, index in pairs:
        a, b = ref_label(doc, first), ref_label(doc, index)
        # two .bib files may feed two lists (a thesis's appendix with its own \bibliography): a
        # repeat across files is a warning, one inside a file or a printed list an error
        apart = refs[first - 1].key and refs[index - 1].key and refs[first - 1].span.path != refs[index - 1].span.path
        drop, drop_zh = ref_with_place(doc, index, "en"), ref_with_place(doc, index, "zh")
        yield r.finding(doc.references[index - 1].span, f"{b} repeats {a} (same title and year)", f"{b} 与 {a} 重复",
                        references=[ref_number(doc, first), ref_number(doc, index)],
                        suggestion=f"delete {drop}" + (f" and cite {a} where the text cites {b}"
                                                       if index in cited and a != b else ""),
                        suggestion_zh=f"删除 {drop_zh}" + (f"，正文中引用 {b} 之处改引 {a}" if index in cited and a != b else ""),
                        confidence=Confidence.MEDIUM if apart else Confidence.HIGH)


def _who(doc: Document, index: int) -> str:
    """ "[15] 蒋晟" for numbered lists, "蒋晟 2024" for unnumbered ones."""
    ref = doc.references[index - 1]
    label = ref_label(doc, index)
    return f"{label} {ref.authors[0]}" if ref.number is not None and ref.authors else label


def list_order_key(ref: Reference) -> tuple[int, str, str]:
    """Where an entry belongs in an author-year list: language group, then the first author's name
    (pinyin for Chinese, letters for Western) — what CG303 checks and ``citeguard fix`` sorts by."""
    return (_group(ref.language), *name_sort_key(ref.authors[0] if ref.authors else ""))


CITATION_ORDER_SHARE = 0.8  # of a numbered list's neighbours in order of first citation, for it to be so ordered


def _in_citation_order(doc: Document) -> bool:
    """Is the list numbered in the order its works are first cited (《科学学研究》 numbers an author-year
    paper's list so): then it runs by citation, not by author."""
    first: dict[int, int] = {}
    for at, c in enumerate(doc.citations):
        if c.reference is not None:
            first.setdefault(c.reference, at)
    numbered = sorted((r.number, first[r.index]) for r in doc.references if r.number is not None and r.index in first)
    if len(numbered) < 3 or len(numbered) * 2 < len(doc.references):
        return False
    rising = sum(1 for (_, a), (_, b) in itertools.pairwise(numbered) if a < b)
    return rising >= CITATION_ORDER_SHARE * (len(numbered) - 1)


def _one_alphabet_key(ref: Reference) -> tuple[int, str, str]:
    """The order of a list that runs as one alphabet, Chinese names by their pinyin."""
    return (0, *name_sort_key(ref.authors[0] if ref.authors else ""))


def _group(language: Language) -> int:
    """Language groups in list order: Chinese first, then Western (GB/T 7714 §9 author-year)."""
    return 0 if language is Language.ZH else 1


@rule("CG303", "list-order-author", Severity.WARNING)
def list_order(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """In an author-year paper the list runs by language group, then author (pinyin of the surname,
    then of the given name), then year.

    A break at the surname is a warning; a break only in the given name is reported as info, since
    some journals sort by surname alone, and so is a Western group before the Chinese one (GB/T
    7714 leaves the groups' order open). Tones are ignored, and two different surnames with the same
    syllable (徐/许, 谷/顾) are not compared: tone or stroke order may decide between them.
    Bad: [14] 焦方义 before [15] 蒋晟 (jiao > jiang).  Good: 蒋晟 before 焦方义.

    A list whose languages interleave may run as one alphabet, each Chinese entry at its pinyin's
    place (《心理学报》: 谭树华 between Shapiro and Tang): it is held to that order when it breaks it
    less than the grouped one.
    """
    doc = ctx.document
    if doc.system is not CitationSystem.AUTHOR_YEAR or _in_citation_order(doc):
        return
    refs = [x for x in doc.references if x.authors]
    switches = sum(1 for p, c in itertools.pairwise(refs) if _group(p.language) != _group(c.language))
    orders = [list_order_key, _one_alphabet_key] if switches >= 2 else [list_order_key]
    order_key = min(orders, key=lambda k: sum(1 for p, c in itertools.pairwise(refs) if k(c) < k(p)))
    for prev, cur in itertools.pairwise(refs):
        key_p, key_c = order_key(prev), order_key(cur)
        if key_c >= key_p:
            continue
        if key_c[:2] == key_p[:2] and prev.authors[0][:1] != cur.authors[0][:1] and \
                is_han_name(prev.authors[0]) and is_han_name(cur.authors[0]):
            continue  # 谷/顾, 许/徐: same syllable, different surnames; tone or stroke order decides
        surname_break = key_c[:2] < key_p[:2]
        # (the order of the language groups is a convention GB/T 7714 leaves open — 可分为中文、西文…
        # — so a list of two groups, each in order, is told so as information only)
        severity = Severity.WARNING if surname_break and key_c[0] == key_p[0] else Severity.INFO
        level = ("language group (Chinese entries first)" if key_c[0] != key_p[0]
                 else "surname" if surname_break else "given name")
        this, that = _who(doc, cur.index), _who(doc, prev.index)
        yield r.finding(cur.span, f"{this} ({_spelt(key_c)}) should come before {that} ({_spelt(key_p)}): "
                        f"order breaks at the {level}", f"{this} 应排在 {that} 之前（按拼音排序）", severity=severity,
                        references=[ref_number(doc, prev.index), ref_number(doc, cur.index)],
                        evidence=[("pinyin", f"{_spelt(key_p)} > {_spelt(key_c)}")])


def _spelt(key: tuple[int, str, str]) -> str:
    """A sort key as a name is written: "li guoping" (the key keeps the syllables apart)."""
    return " ".join(part.replace(" ", "") for part in key[1:])


@rule("CG304", "numbered-list-author-year-text", Severity.INFO)
def numbered_author_year(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The text cites author-year but the list is numbered [1], [2] ….

    GB/T 7714's author-year examples carry no numbers; many journals number anyway. Noted once.
    """
    doc = ctx.document
    if doc.system is CitationSystem.AUTHOR_YEAR and any(x.number is not None for x in doc.references) and \
            not any(c.kind is CitationKind.NUMERIC for c in doc.citations):
        yield r.finding(doc.references_heading or doc.references[0].span,
                        "author-year citations with a numbered reference list (allowed by many journals; "
                        "the standard's author-year lists are unnumbered)",
                        "正文采用著者-出版年制，参考文献表却有编号", evidence=[("entries", len(doc.references))])


# Elements each type needs (GB/T 7714-2015 §8): field name → what an editor calls it.
_REQUIRED = {
    "J": {"container": "journal", "year": "year"},
    "N": {"container": "newspaper", "date": "date", "edition": "page (版次)"},
    "M": {"publisher": "publisher", "year": "year"},
    "C": {"publisher": "publisher", "year": "year"},
    "D": {"place": "place", "publisher": "institution", "year": "year"},
    "R": {"publisher": "publisher", "year": "year"},
}


@rule("CG305", "missing-element", Severity.ERROR)
def missing_element(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """An entry lacks an element its type needs.

    [J] journal, year and pages (or issue); [N] newspaper, date and 版次; [M]/[C]/[R] place,
    publisher and year (a report online, or any report under GB/T 7714—2025, only its date;
    proceedings printed as a serial, their year, volume and issue); [D] place,
    institution and year; electronic resources ([EB/OL], …/OL) an
    access date and a URL. Only GB/T 7714 entries read in full, in a list mostly in GB/T 7714, are
    checked (an APA or Vancouver list is not held to it); more than five entries lacking the same
    elements are one finding; a .bib entry's finding is a warning, its style file deciding what is
    printed. An element present but out of its place (an access date after the URL, the place inside
    or after the institution, a series before the publisher) is not missing: the order is reported
    once, as a warning. Bad: 张三.题名[M].2010.  Good: 张三.题名[M].北京:中华书局,2010.
    """
    groups: dict[tuple[str, tuple[str, ...]], list[EntryText]] = defaultdict(list)
    misplaced: dict[str, list[EntryText]] = defaultdict(list)
    shortened = short_forms(ctx)
    for e in all_entries(ctx.document):
        ref = e.ref
        if ref.type_code is None or not (gbt_entry(ref) or gbt_bib(ctx.document, ref)):
            continue  # a .bib entry is held to GB/T 7714 only in a Chinese paper
        if id(e.ref) in shortened:
            continue  # a later note's short form of a work an earlier note gives in full
        for element in ref.misplaced:
            misplaced[element].append(e)
        required = _REQUIRED.get(ref.type_code, {})
        if ref.type_code == "R" and (ref.carrier or ref.url or ctx.standard is Standard.GB2025):
            # a report online (the 2015 standard's own [R/OL] example has none) or under 2025 (发布日期
            # only): no place or publisher
            required = {"year": "year"}
        elif ref.type_code == "C" and ref.container and (ref.volume or ref.issue):
            required = {"year": "year"}  # proceedings printed as a serial (年, 卷(期): 页): no imprint
        missing = [label for key, label in required.items() if not getattr(ref, key)]
        if ref.type_code in {"M", "C", "D"} | ({"R"} if "publisher" in required else set()) and not ref.place \
                and _PLACE_IN_NAME_RE.search(ref.publisher or "") is not None:
            missing = [m for m in missing if m != "place"]  # "Carnegie Mellon University Pittsburgh, PA": there
        elif ref.type_code in {"M", "C"} | ({"R"} if "publisher" in required else set()) and not ref.place \
                and not ref.container:
            missing.insert(0, "place")
        if ref.type_code == "J" and is_preprint(ref):  # a preprint has none (CG311 names its type under 2025)
            missing = [m for m in missing if m != "journal"]
        elif ref.type_code == "J" and not (ref.pages or ref.issue or ref.volume):
            missing.append("volume, issue or pages")
        if ref.carrier == "OL" or ref.type_code == "EB":
            if not ref.url and not ref.doi and not _URL_TRACE_RE.search(ref.raw):
                missing.append("URL")  # a URL a conversion broke ("htp://", "http: //") is still there
            if not ref.access_date:
                missing.append("access date [YYYY-MM-DD]")
        if missing:
            groups[(f"{ref.type_code}{'/' + ref.carrier if ref.carrier else ''}", tuple(missing))].append(e)
    for element, entries in misplaced.items():
        yield _out_of_place(r, element, entries)
    for (kind, lacking), entries in groups.items():
        # a .bib entry's fields may come from @string macros or a crossref citeguard does not
        # follow, and its style file decides what is printed: a warning, not an error
        sure = Confidence.MEDIUM if entries[0].ref.style is EntryStyle.BIBTEX else Confidence.HIGH
        if len(entries) <= MANY:
            for e in entries:
                # in an OCR'd text, an entry that stops at its type code ("…[J].") lost its next line
                cut = ctx.document.ocr and _ENDS_AT_TYPE_RE.search(e.ref.raw) is not None
                yield entry_finding(r, e, f"{e.label}: [{kind}] entry lacks {', '.join(lacking)}",
                                    f"{e.label_zh}：缺少著录项目 {elements_zh(lacking)}",
                                    evidence=[("entry", e.ref.raw[:120])],
                                    confidence=Confidence.LOW if cut or _online_paper(e.ref, lacking) else sure)
            continue
        labels = ", ".join(e.label for e in entries[:8]) + (f" … (+{len(entries) - 8})" if len(entries) > 8 else "")
        first = entries[0]
        yield r.finding(first.ref.span, f"{len(entries)} [{kind}] entries lack {', '.join(lacking)}: {labels}",
                        f"{len(entries)} 个 [{kind}] 条目缺少著录项目 {elements_zh(lacking)}：{labels}",
                        references=[e.ref.number or e.ref.index for e in entries if e.footnote is None],
                        footnotes=[e.footnote.id for e in entries if e.footnote is not None], confidence=sure)


def _online_paper(ref: Reference, lacking: tuple[str, ...]) -> bool:
    """A .bib conference paper given by its address (URL, DOI) that lacks only its imprint: a
    conference publishing online names no publisher (ICLR's papers are on OpenReview), and the
    GB/T styles print [S.l.: s.n.] as the standard does for a publisher not known."""
    return ref.style is EntryStyle.BIBTEX and ref.type_code == "C" and bool(ref.url or ref.doi) \
        and set(lacking) <= {"place", "publisher"}


# A place at the end of a publisher's or school's name, as .bib files often give it: "… Pittsburgh, PA"
# "… Cambridge, UK"  "Sandia National Labs., Albuquerque, NM (USA)" (never from inside a run of spaces)
_PLACE_IN_NAME_RE = re.compile(r"(?:,\s*+|(?<!\s)\s++)(?:[A-Z]{2}|USA|UK|U\.S\.A?\.?|China|Germany|Japan|France)\s*+"
                               r"(?:\((?:USA|UK)\))?\s*+$|\((?:USA|UK)\)\s*+$")


# Where GB/T 7714 puts an element an entry has elsewhere, in both languages
_PLACES = {"access date": ("the access date stands after the URL: GB/T 7714 has (update)[access date]. URL",
                           "引用日期在网址之后，应著录为“(更新日期)[引用日期]. 网址”"),
           "dates before title": ("the (update)[access] dates stand before the title: GB/T 7714 puts them after "
                                  "the type code, before the URL",
                                  "更新日期和引用日期写在题名之前，应著录在文献类型标识之后、网址之前"),
           "place": ("the place stands inside or after the institution: GB/T 7714 has place: institution",
                     "地点写在单位名称之内或之后，应著录为“地点: 单位”"),
           "series": ("a series stands before the imprint: GB/T 7714 has place: publisher, year after the type code",
                      "丛编写在出版项之前，文献类型标识后应为“出版地: 出版者, 出版年”")}


def _out_of_place(r: Rule, element: str, entries: list[EntryText]) -> Finding:
    """One finding for the entries that put ``element`` out of its place: a list's habit, said once."""
    en, zh = _PLACES[element]
    first = entries[0]
    labels = _ranges([e.label for e in entries])
    return r.finding(first.ref.span, f"{labels}: {en}" if len(entries) == 1 else f"{len(entries)} entries ({labels}): {en}",
                     f"{_ranges([e.label_zh for e in entries])}：{zh}", severity=Severity.WARNING,
                     references=[e.ref.number or e.ref.index for e in entries if e.footnote is None],
                     footnotes=[e.footnote.id for e in entries if e.footnote is not None],
                     evidence=[("entry", first.ref.raw[:120])],
                     confidence=Confidence.MEDIUM if first.ref.style is EntryStyle.BIBTEX else Confidence.HIGH)


@rule("CG306", "element-punctuation", Severity.WARNING)
def element_punctuation(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A period stands where GB/T 7714 puts a comma: 出版地:出版者,出版年:页码.

    Bad: 北京:人民出版社.2024:216.  Good: 北京:人民出版社,2024:216.
    """
    for e in all_entries(ctx.document):
        ref = e.ref
        if not gbt_entry(ref) or ref.type_code not in {"M", "C", "D", "R", "S", "G", "Z"}:
            continue
        folded = fold_width(ref.raw)
        code = TYPE_RE.search(folded)  # only the imprint after [M]: a title may hold ":…2049"
        m = PUBLISHER_PERIOD_RE.search(folded, code.end() if code else 0)
        if m:
            bad = ref.raw[m.start("publisher"):m.end("year")]
            fixed = f"{ref.raw[m.start('publisher'):m.end('publisher')]},{m.group('year')}"
            yield entry_finding(r, e, f"{e.label}: period between publisher and year in {bad!r}",
                            f"{e.label_zh}：出版者与出版年之间应用逗号：“{bad}”",
                            suggestion=fixed)


@rule("CG307", "volume-form", Severity.INFO)
def volume_form(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A volume is written in brackets after the title instead of as other title information.

    GB/T 7714-2015 writes 题名:第4卷[M]; many journals write 题名(第4卷)[M]. Reported once per list.
    """
    bracketed = [e for e in all_entries(ctx.document) if _VOLUME_BRACKET_RE.search(e.ref.title or "")]
    if bracketed:
        first = bracketed[0]
        yield r.finding(first.ref.span, f"{counted(len(bracketed), 'entry')} "
                        f"{'writes' if len(bracketed) == 1 else 'write'} the volume in brackets, e.g. "
                        f"{first.ref.title!r}; GB/T 7714 writes 题名:第N卷",
                        f"{len(bracketed)} 个条目将卷次写在括号中（如“{first.ref.title}”），标准格式为“题名:第N卷”",
                        references=[e.ref.number or e.ref.index for e in bracketed if e.footnote is None],
                        footnotes=[e.footnote.id for e in bracketed if e.footnote is not None])


@rule("CG308", "list-spacing-mixed", Severity.WARNING)
def list_spacing(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The list mixes spaced ("北京: 人民出版社, 2020") and compact ("北京:人民出版社,2020")
    element punctuation, across entries or inside one entry.

    Either pattern is acceptable; one list must use one. The finding lists the entries that differ
    from the majority of their language: compact Chinese entries next to spaced English ones are a
    house style, not a mix. The colons and periods of identifiers (doi:10.1023/A:1008…,
    arXiv:2101.00001, URLs) and the joint of issue and pages (36(4):1-14) are not counted.
    """
    entries = [e for e in all_entries(ctx.document) if e.footnote is None and gbt_entry(e.ref)]
    yield from _spacing_findings(r, entries, "reference list", "参考文献表")


MIN_HOUSE = 3  # entries spaced one way alike for that way to be the list's house style


def _spacing_findings(r: Rule, entries: list[EntryText], where: str, where_zh: str) -> Iterator[Finding]:
    styles = {id(e): spacing(e.ref) for e in entries}
    mixed = [e for e in entries if styles[id(e)] is Spacing.MIXED]
    patterns = [spacing_pattern(e.ref) for e in mixed]
    support = {p: sum(1 for q in patterns if _same_pattern(q, p)) for p in set(patterns) if "sc" not in p}
    house = max(support, key=lambda p: (support[p], p), default=None)
    if house is not None and 2 * support[house] >= len(entries) and support[house] >= MIN_HOUSE:
        # most entries space one mark and not another, each the same way: a house style, not a mix
        mixed = [e for e, p in zip(mixed, patterns, strict=True) if not _same_pattern(p, house)]
    if len(mixed) > MANY:  # one finding naming them, not one per entry
        yield r.finding(mixed[0].ref.span, f"{where}: {len(mixed)} entries ({_ranges([e.label for e in mixed])}) mix "
                        "spaced and compact punctuation inside the entry",
                        f"{where_zh}中 {len(mixed)} 条（{_ranges([e.label_zh for e in mixed])}）条目内部标点后空格不统一",
                        references=[e.ref.number or e.ref.index for e in mixed if e.footnote is None],
                        footnotes=[e.footnote.id for e in mixed if e.footnote is not None])
        mixed = []
    for e in mixed:
        yield entry_finding(r, e, f"{e.label} mixes spaced and compact punctuation inside the entry",
                            f"{e.label_zh} 条目内部标点后空格不统一")
    # Each language's entries are held to their own majority: compact Chinese entries next to
    # spaced English ones is a common house style, not a mix.
    groups = {lang: [e for e in entries if typing_language(e.ref) is lang] for lang in Language}
    both = sum(1 for group in groups.values() if group) > 1
    for lang, group in groups.items():
        label = (f"{where} ({'Chinese' if lang is Language.ZH else 'English'} entries)",
                 f"{where_zh}{'中文' if lang is Language.ZH else '英文'}条目") if both else (where, where_zh)
        yield from _spacing_minority(r, group, styles, *label)


def _spacing_minority(r: Rule, entries: list[EntryText], styles: dict[int, Spacing], where: str, where_zh: str
                      ) -> Iterator[Finding]:
    """One finding naming the entries spaced otherwise than most of ``entries``."""
    counts = Counter(styles[id(e)] for e in entries if styles[id(e)] in (Spacing.SPACED, Spacing.COMPACT))
    if len(counts) < 2:
        return
    majority = counts.most_common(1)[0][0]
    minority = [e for e in entries if styles[id(e)] not in (majority, Spacing.MIXED, Spacing.NONE)]
    labels = _ranges([e.label for e in minority])
    labels_zh = _ranges([e.label_zh for e in minority])
    other = Spacing.COMPACT if majority is Spacing.SPACED else Spacing.SPACED
    yield r.finding(minority[0].ref.span, f"{where}: {counted(len(minority), 'entry')} ({labels}) "
                    f"{'is' if len(minority) == 1 else 'are'} {other} while {counts[majority]} "
                    f"{'is' if counts[majority] == 1 else 'are'} {majority}",
                    f"{where_zh}中 {len(minority)} 条（{labels_zh}）标点后空格与其余 {counts[majority]} 条不一致",
                    references=[e.ref.number or e.ref.index for e in minority if e.footnote is None],
                    footnotes=[e.footnote.id for e in minority if e.footnote is not None],
                    evidence=[(str(s), n) for s, n in counts.items()])


def _same_pattern(pattern: tuple[str, str, str], house: tuple[str, str, str]) -> bool:
    """Does an entry space its marks as the house style does (a mark the one lacks is no difference)?"""
    return all(a == b or not a or not b for a, b in zip(pattern, house, strict=True))


def _ranges(labels: list[str]) -> str:
    """ "[30], [31], [32]" → "[30]-[32]" for consecutive numbered labels; others joined."""
    nums = [int(x[1:-1]) for x in labels if re.fullmatch(r"\[\d+\]", x)]
    if len(nums) == len(labels) and nums and nums == list(range(nums[0], nums[0] + len(nums))) and len(nums) > 2:
        return f"[{nums[0]}]-[{nums[-1]}]"
    return ", ".join(labels[:8]) + (" …" if len(labels) > 8 else "")


HOUSE_ALL_AUTHORS = 3  # entries listing more than three authors, none cut at three, for that to be the house style


@rule("CG309", "too-many-authors", Severity.WARNING)
def too_many_authors(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """More than three authors are listed; GB/T 7714 lists three, then ", 等" / ", et al.".

    Bad: 甲, 乙, 丙, 丁. 题名[J]….  Good: 甲, 乙, 丙, 等. 题名[J]….

    A list that prints every author of every work, never cutting at three (the house style of
    《软件学报》, 《经济研究》, 《金融研究》 and others) — two such entries and none cut at three, or at
    least three, more than twice as many as those cut — is one note for the list (information),
    naming its entries: a journal's style, consistently kept. Otherwise each entry listing more is a
    finding of its own (the list cuts at three elsewhere: this entry breaks its own style).
    """
    entries = [e for e in all_entries(ctx.document) if gbt_entry(e.ref)]
    long = [e for e in entries if len(e.ref.authors) > 3]
    cut = [e for e in entries if e.ref.et_al and len(e.ref.authors) <= 3]
    if (len(long) >= HOUSE_ALL_AUTHORS and len(long) > 2 * len(cut)) or (len(long) >= 2 and not cut):
        first = long[0]
        yield r.finding(first.ref.span, f"{counted(len(long), 'entry')} list every author (up to "
                        f"{max(len(e.ref.authors) for e in long)}), {len(cut)} cut at three: the list's house style, but "
                        "GB/T 7714 lists three, then 等/et al.",
                        f"{len(long)} 个条目列出全部作者（{len(cut)} 个截至三位）：当属期刊体例；GB/T 7714 只列前三位，后加“等”",
                        references=[e.ref.number or e.ref.index for e in long if e.footnote is None],
                        severity=Severity.INFO)
        return
    for e in long:
        ref = e.ref
        yield entry_finding(r, e, f"{e.label} lists {len(ref.authors)} authors; list three, then 等/et al.",
                            f"{e.label_zh} 列出 {len(ref.authors)} 位作者，应只列前三位，后加“等”",
                            suggestion=", ".join(ref.authors[:3]) + (", 等" if ref.language is Language.ZH else ", et al."))


# A date written day or month first with slashes or dots: 29/4/2018  4.29.2018
_DMY_RE = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})$")


def _valid(iso: str | None) -> bool:
    """Is the value a calendar date (ISO, or day or month first: 29/4/2018 is one, not in ISO form)?"""
    if not iso:
        return True
    try:
        date.fromisoformat(iso)
    except ValueError:
        m = _DMY_RE.match(iso.strip())
        if m is None:
            return False
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        return any(_exists(y, month, day) for day, month in ((a, b), (b, a)))
    return True


def _iso(value: str) -> bool:
    """A date in ISO form, which compares as text (2026-01-14 < 2026-03-29)."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@rule("CG310", "date-order", Severity.ERROR)
def date_order(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A date is impossible: not a calendar date, an access date before the update date, or an
    access date after the manuscript's own date.

    Bad: (2026-01-14)[2025-12-01]; 2026-02-30.  Good: (2026-01-14)[2026-03-29].
    """
    paper = ctx.paper_date
    for e in all_entries(ctx.document):
        ref = e.ref
        for name, value in (("update date", ref.update_date), ("access date", ref.access_date), ("date", ref.date)):
            if not _valid(value):
                yield entry_finding(r, e, f"{e.label}: {name} {value} is not a calendar date",
                                f"{e.label_zh}：日期 {value} 不存在")
        if ref.update_date and ref.access_date and _iso(ref.update_date) and _iso(ref.access_date) \
                and ref.access_date < ref.update_date:
            yield entry_finding(r, e, f"{e.label}: accessed {ref.access_date}, before its update date {ref.update_date}",
                            f"{e.label_zh}：引用日期 {ref.access_date} 早于更新日期 {ref.update_date}")
        if paper and ref.access_date and _iso(ref.access_date) and len(paper) == 4 and ref.access_date[:4] > paper:
            yield entry_finding(r, e, f"{e.label}: accessed {ref.access_date}, after the paper's year {paper}",
                            f"{e.label_zh}：引用日期 {ref.access_date} 晚于论文年份 {paper}")


@rule("CG311", "edition-rules", Severity.WARNING)
def edition_rules(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Elements the chosen edition of GB/T 7714 does not have: the preprint type [PP] under 2015, or
    an access date on a non-network item under 2025 (which keeps it only for online resources).
    Under 2025, preprints typed [J] are noted once (info): that edition types them [PP]."""
    for e in all_entries(ctx.document):
        ref = e.ref
        if ctx.standard is Standard.GB2015 and ref.type_code == "PP":
            yield entry_finding(r, e, f"{e.label}: type [PP] (preprint) exists only in GB/T 7714-2025",
                            f"{e.label_zh}：文献类型 [PP] 为 GB/T 7714-2025 新增")
        if ctx.standard is Standard.GB2025 and ref.access_date and ref.carrier != "OL" and ref.type_code != "EB" \
                and not ref.url:
            yield entry_finding(r, e, f"{e.label}: GB/T 7714-2025 keeps the access date only for network resources",
                            f"{e.label_zh}：GB/T 7714-2025 仅对网络资源著录引用日期")
    if ctx.standard is Standard.GB2025:  # a preprint typed [J]: the edition's own type, suggested once
        preprints = [e for e in all_entries(ctx.document) if e.ref.type_code == "J" and is_preprint(e.ref) and (
            gbt_entry(e.ref) or gbt_bib(ctx.document, e.ref))]
        if preprints:
            labels = _ranges([e.label for e in preprints])
            yield r.finding(preprints[0].ref.span, f"{counted(len(preprints), 'preprint')} typed [J] ({labels}): "
                            "GB/T 7714-2025 types a preprint [PP]", f"{len(preprints)} 篇预印本著录为 [J]（{labels}），"
                            "GB/T 7714-2025 的预印本类型为 [PP]", severity=Severity.INFO,
                            references=[e.ref.number or e.ref.index for e in preprints if e.footnote is None],
                            footnotes=[e.footnote.id for e in preprints if e.footnote is not None])


def short_forms(ctx: AuditContext) -> set[int]:
    """The footnote entries (by id of their Reference) that repeat, shorter, a work an earlier note or
    the list gives in full — a note's short form after the first full citation (CMOS, 《中国社会科学》
    and most Chinese journals), which need not repeat the URL, the imprint or the access date."""
    out: set[int] = set()
    for group in by_title(ctx).values():
        full = None
        for e in group:
            elements = _given(e.ref)
            if e.footnote is not None and full is not None and elements < full:
                out.add(id(e.ref))
            full = max(full or 0, elements)
    return out


def _given(ref: Reference) -> int:
    """How many of the elements of an imprint an entry gives."""
    return sum(1 for x in (ref.place, ref.publisher, ref.year, ref.url, ref.access_date, ref.update_date,
                           ref.container, ref.volume, ref.issue) if x)


def by_title(ctx: AuditContext) -> dict[str, list[EntryText]]:
    """Entries (list and footnotes) grouped by normalised title (made once per audit: several rules
    ask, and folding every title again cost a list of 8,000 entries a second)."""
    found = ctx.memo.get("by_title")
    if isinstance(found, dict):
        return found
    groups: dict[str, list[EntryText]] = defaultdict(list)
    for e in all_entries(ctx.document):
        key = normalised_title(e.ref.title)
        if len(key) >= 4:
            groups[key].append(e)
    ctx.memo["by_title"] = groups
    return groups


@rule("CG312", "duplicate-bib-key", Severity.ERROR)
def duplicate_bib_key(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A BibTeX key is defined twice in the bibliography; the citation can only mean one of them.

    Only cited keys count (BibTeX prints no other); more than two are one finding.
    Bad: two @article{Smith2020, …}.  Good: one key per work.
    """
    duplicates = [i for i in ctx.document.issues if i.kind is IssueKind.DUPLICATE_KEY]
    if len(duplicates) > SOME:  # one finding for several: a thesis that merged .bib files
        keys = [i.message.split("'")[1] for i in duplicates if "'" in i.message]
        listed = ", ".join(keys[:8]) + (f" … (+{len(keys) - 8})" if len(keys) > 8 else "")
        yield r.finding(duplicates[0].span, f"{len(duplicates)} cited BibTeX keys are defined twice: {listed}",
                        f"{len(duplicates)} 个被引用的 BibTeX 键重复定义：{listed}",
                        evidence=[("keys", ", ".join(keys))])
        return
    for issue in duplicates:
        key = issue.message.split("'")[1] if "'" in issue.message else ""
        yield r.finding(issue.span, issue.message, f"BibTeX 键 {key} 重复定义", evidence=[("entry", issue.text)])


@rule("CG313", "bib-language-field", Severity.WARNING)
def bib_language_field(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A .bib entry's ``language`` (or ``langid``) field contradicts its own text: Chinese authors
    and title declared English, or the reverse.

    The gbt7714 and biblatex-gb7714 styles choose 等 or et al. and Chinese or English punctuation
    by this field, so the printed entry comes out in the wrong convention. An entry with no person
    among its authors (none, or a body) prints nothing the field switches: information only.
    Bad: author = {周文 and 许凌云}, language = {english}.  Good: language = {zh}.
    """
    for ref in ctx.document.references:
        if ref.style is not EntryStyle.BIBTEX or not ref.declared_language:
            continue
        declared_zh = ref.declared_language.lower().startswith(("zh", "chinese", "cn", "中", "汉"))  # langid = {中文}
        # a Chinese title is a Chinese work even when its authors are romanised (Li, LingHao)
        text_zh = is_chinese(ref.title) if ref.title else is_chinese("".join(ref.authors))
        if declared_zh != text_zh:
            said, is_ = ("Chinese", "English") if declared_zh else ("English", "Chinese")
            label = f"@{ref.key}"
            yield r.finding(ref.span, f"{label}: language = {{{ref.declared_language}}} says {said}, but its authors "
                            f"and title are {is_}; the style will print "
                            f"{'等 and Chinese punctuation' if declared_zh else 'et al. and English punctuation'}",
                            f"{label}：language 字段为 {ref.declared_language}，但作者与题名是"
                            f"{'英文' if declared_zh else '中文'}",
                            evidence=[("language", ref.declared_language)],
                            suggestion=f"language = {{{'en' if declared_zh else 'zh'}}}",
                            # no person among the authors (none, or a body: {LIEF}): nothing the field
                            # switches is printed — information only
                            severity=None if any(read_name(a).given for a in ref.authors) else Severity.INFO)
