"""CG9xx: text the parser could not read is reported, never dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeguard.checks.evidence import unlinked as unlinked_confidence
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, rule
from citeguard.checks.zh_terms import note_zh
from citeguard.link import OCR_NAME_REASON
from citeguard.model import CitationSystem, Confidence, Finding, IssueKind, ParseIssue, Severity
from citeguard.words import counted

# A title in book marks, as the 《》 note style prints works: 习近平：《…》，北京：人民出版社，2022年，第32页。
_BOOK_MARK_NOTE_RE = re.compile(r"《[^》\n]{1,200}》")


def _issues(ctx: AuditContext, r: Rule, kind: IssueKind, confidence: Confidence = Confidence.HIGH) -> Iterator[Finding]:
    for issue in ctx.document.issues:
        if issue.kind is kind:
            yield r.finding(issue.span, issue.message, f"无法解析：{issue.text or note_zh(issue.message)}",
                            evidence=[("text", issue.text[:200])] if issue.text else [], confidence=confidence)


@rule("CG901", "unparsed-reference", Severity.WARNING)
def unparsed_reference(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Entries of the list could not be read in full (or are in a style citeguard does not read
    field by field), so their elements were not checked.

    Said once for the list, naming the entries, at low confidence: it is the reader's limit, not
    the author's error. Such entries are still linked by their number, or their authors and year.
    Often a merged or broken line from a PDF conversion."""
    yield from _issues(ctx, r, IssueKind.UNPARSED_REFERENCE, Confidence.LOW)  # the reader's limit, said once


@rule("CG902", "unparsed-footnote", Severity.WARNING)
def unparsed_footnote(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A footnote cites a source (publisher, year:page, URL) but has no GB/T 7714 type code, so it
    could not be read as an entry. Bad: ① 张三.题名.北京:中华书局,2001:3.  Good: …题名[M].北京….

    Notes in the 《》 style of Chinese humanities and social-science journals (《中国社会科学》 and
    others: 作者：《书名》，北京：人民出版社，2022年，第32页。), a style of its own with no type codes,
    are said once, as information: their elements were not checked; so are the notes of an English
    paper that uses no type code anywhere (an APA paper's note giving a web address).
    """
    issues = [i for i in ctx.document.issues if i.kind is IssueKind.UNPARSED_FOOTNOTE]
    styled = [i for i in issues if _BOOK_MARK_NOTE_RE.search(i.text)]
    if len(styled) >= 2 and 2 * len(styled) >= len(issues):
        yield _notes_once(r, issues, f"{len(issues)} footnotes are in the 《》 note style of Chinese humanities "
                          "journals, not GB/T 7714 (no type codes): their elements were not checked",
                          f"{len(issues)} 条脚注采用《》注释体例（非 GB/T 7714，无文献类型标识），未逐项核对其著录项目")
        return
    doc = ctx.document
    typed = any(ref.type_code for ref in doc.references) or any(f.entry is not None and f.entry.type_code
                                                                for f in doc.footnotes)
    if issues and not typed and doc.language.value == "en":
        # a paper that nowhere uses GB/T 7714's type codes (an APA or Harvard paper's notes giving a
        # web address): its notes are not held to a code it does not follow — what was not read, once
        yield _notes_once(r, issues, f"{counted(len(issues), 'footnote')} cite sources in a form citeguard does not "
                          "read field by field (the paper uses no GB/T 7714 type codes): their elements were not checked",
                          f"{len(issues)} 条脚注的著录格式未能逐项解析（全文未用 GB/T 7714 文献类型标识），未核对其著录项目")
        return
    yield from _issues(ctx, r, IssueKind.UNPARSED_FOOTNOTE)


def _notes_once(r: Rule, issues: list[ParseIssue], message: str, message_zh: str) -> Finding:
    """Notes whose sources were not read, said once as information (what could not be read)."""
    return r.finding(issues[0].span, message, message_zh, severity=Severity.INFO, confidence=Confidence.LOW,
                     evidence=[("text", i.text[:120]) for i in issues[:3]])


@rule("CG903", "unparsed-citation", Severity.WARNING)
def unparsed_citation(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Part of a citation parenthesis could be read and part could not.

    Bad: （周文，2023；某机构报告第三版）.  Good: every work as 作者，年.
    """
    yield from _issues(ctx, r, IssueKind.UNPARSED_CITATION, Confidence.LOW)


@rule("CG904", "parser-guess", Severity.INFO)
def parser_guess(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The parser had to guess a value, e.g. a year with letters for digits (2O14, 20l1) from OCR,
    or a cited name one letter off its entry's in a text OCR damaged (Gilette for Gillette)."""
    for ref in ctx.document.references:
        for note in ref.notes:
            yield r.finding(ref.span, note, f"解析推断：{note_zh(note)}",
                            references=[ref.number if ref.number is not None else ref.index])
    for c in ctx.document.citations:
        if c.link_reason == OCR_NAME_REASON and c.reference is not None:
            ref = ctx.document.references[c.reference - 1]
            yield r.finding(c.span, f"{c.text}: {c.author_text} read as {ref.authors[0]}, one letter off in an "
                            "OCR'd text", f"{c.text}：{c.author_text} 按 {ref.authors[0]} 读取（疑为扫描识别错误）",
                            citations=[c.id], references=[ref.number if ref.number is not None else ref.index])


@rule("CG905", "no-reference-list", Severity.WARNING)
def no_reference_list(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The text cites works but no reference list heading (参考文献 / References) was found, so no
    citation could be checked against an entry. A text that ends at the list's heading, with no
    entry after it, lost its list on the way (a conversion): said once, as information; so is a list
    under its heading whose entries are in a form citeguard does not read."""
    doc = ctx.document
    if doc.system is not CitationSystem.NONE and not doc.references and doc.citations:
        lost = next((i for i in doc.issues if i.kind is IssueKind.LIST_LOST), None)
        if lost is not None:
            # the text ends at the list's heading: the list was lost on the way (a conversion cut
            # it off), not left out by the author — said as what could not be read
            yield r.finding(lost.span, f"{counted(len(doc.citations), 'citation')}, and the text ends at the reference "
                            "list's heading with no entry after it (lost in conversion?): nothing could be checked",
                            f"正文有 {len(doc.citations)} 处引用，但文本止于参考文献标题，其后没有条目（转换时丢失？），无法核对",
                            severity=Severity.INFO, confidence=Confidence.LOW)
            return
        unread = next((i for i in doc.issues if i.kind is IssueKind.LIST_UNREAD), None)
        if unread is not None:  # the list is there, in a form not read: what could not be read, said once
            yield r.finding(unread.span, f"{counted(len(doc.citations), 'citation')}; {unread.message}: no citation "
                            "could be checked against it", f"正文有 {len(doc.citations)} 处引用；参考文献表的著录格式"
                            "无法逐条解析，引文未能与条目核对", severity=Severity.INFO, confidence=Confidence.LOW)
            return
        yield r.finding(doc.citations[0].span, f"{counted(len(doc.citations), 'citation')} but no reference list was found",
                        f"正文有 {len(doc.citations)} 处引用，但未找到参考文献表")


@rule("CG906", "unsupported-citation-form", Severity.WARNING)
def unsupported_citation(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The text uses a citation form citeguard recognises but cannot check yet (Pandoc [@key]
    citations against a .bib file). Reported once, so that silence never means "all fine"."""
    yield from _issues(ctx, r, IssueKind.UNSUPPORTED_CITATION, Confidence.LOW)  # the reader's limit, said once


@rule("CG907", "encoding-guessed", Severity.WARNING)
def encoding_guessed(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The file is in none of the encodings citeguard reads for certain (UTF-8, GB18030, UTF-16), so
    its encoding was guessed; accented letters or Chinese characters may have come out wrong.
    Save the manuscript as UTF-8."""
    yield from _issues(ctx, r, IssueKind.ENCODING)


@rule("CG908", "bibliography-file", Severity.WARNING)
def bibliography_file(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A file the manuscript names is missing or unreadable: a .bib file (its keys cannot be
    checked; found only under the manuscript's own name is noted too) or a LaTeX \\input file."""
    yield from _issues(ctx, r, IssueKind.BIBLIOGRAPHY)


def _listing(items: list[str], limit: int = 8) -> str:
    return "; ".join(items[:limit]) + (f" … (+{len(items) - limit})" if len(items) > limit else "")


@rule("CG909", "citations-not-matched", Severity.WARNING)
def citations_not_matched(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Many citations found no entry — more than a published paper's slips (over 15 % of them, and
    at least four) — so the list or the citations are probably in a form citeguard could not read
    (a list cut off or run together by a conversion, an unknown style, superscript numbers).

    Said once, at low confidence, naming the citations whose own evidence is not clean; their
    one-by-one findings (CG101, CG103–CG105, CG109) are held back so that a misreading never becomes
    a cascade, while a citation with clean evidence (a number printed whole past the end of a list
    read completely) is still reported by its own rule."""
    doc = ctx.document
    if ctx.reading.citations_trusted or not doc.references:
        return
    sure = unlinked_confidence(ctx)
    # the citations whose own evidence is clean are reported one by one (CG101, CG103, CG109 …)
    unread = [c for c in doc.citations if sure.get(c.id) is Confidence.LOW]
    if not unread:
        return
    texts = list(dict.fromkeys(c.text for c in unread))
    yield r.finding(unread[0].span, f"{len(unread)} of {ctx.reading.citations} citations could not be matched to "
                    f"an entry of the list; the list or the citations may be in a form citeguard could not read: "
                    f"{_listing(texts)}",
                    f"{ctx.reading.citations} 处引用中有 {len(unread)} 处未能与参考文献表中的条目对应，可能是文献表或引用的格式"
                    f"未能正确识别：{_listing(texts)}",
                    citations=[c.id for c in unread], confidence=Confidence.LOW,
                    evidence=[("linked", f"{ctx.reading.citations - ctx.reading.unlinked}/{ctx.reading.citations}")])


@rule("CG910", "entries-not-cited", Severity.WARNING)
def entries_not_cited(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Many entries are cited nowhere that citeguard could see — over 30 % of the list, and at
    least four — so citations were probably lost or not recognised (superscript numbers a
    conversion flattened, a citation form citeguard does not read). Said once, at low confidence,
    instead of one "never cited" (CG102) per entry."""
    doc = ctx.document
    if ctx.reading.entries_trusted or doc.system is CitationSystem.NONE:
        return
    cited = {c.reference for c in doc.citations if c.reference is not None}
    cited |= {x.reference for c in doc.citations if c.reference is None for x in c.candidates}
    uncited = [ref for ref in doc.references if ref.index not in cited]
    labels = [ref_label(doc, ref.index) for ref in uncited]
    yield r.finding(uncited[0].span, f"{len(uncited)} of {len(doc.references)} entries were not found cited; citations "
                    f"may have been lost in conversion or be in a form citeguard does not read: {_listing(labels)}",
                    f"参考文献表 {len(doc.references)} 个条目中有 {len(uncited)} 个未找到引用，"
                    f"引用可能在格式转换中丢失或未能识别：{_listing(labels)}",
                    references=[ref_number(doc, ref.index) for ref in uncited], confidence=Confidence.LOW)


# Citation forms citeguard does not read, as Word styles print them: "(1–3)" "(5)" after a word, or
# superscript digits "研究¹²" / "studies.³" (not a unit's "m²": after a Han character, a mark, or a
# word of three letters or more) — the example shown to the editor
_UNREAD_NUMBERS_RE = re.compile(r"(?<=[^\W\d_])\s?\(\d{1,3}(?:\s?[–,-]\s?\d{1,3}){0,6}\)|"
                                r"(?:(?<=[\u4e00-\u9fff.,;:)）。，；])|(?<=[A-Za-z]{3}))[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,4}")
MIN_LISTED = 3  # entries a list needs before "no citation read" is worth saying


@rule("CG911", "no-citation-read", Severity.INFO)
def no_citation_read(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The paper has a reference list but not one citation in its text was read: its citations are
    in a form citeguard does not read — numbers in parentheses "(1–3)" or superscript digits as
    some Word styles print them — or it cites nothing. Said once, with an example when one is seen,
    so that an empty citation check is never taken for a clean one."""
    doc = ctx.document
    if doc.citations or len(doc.references) < MIN_LISTED or any(m.footnote for m in doc.markers) or doc.field_citations:
        return
    example = next(((p, m) for p in doc.paragraphs[:2000] if not p.is_heading
                    for m in [_UNREAD_NUMBERS_RE.search(p.text)] if m is not None), None)
    where = doc.references[0].span if example is None else example[0].span
    seen = f" (such as {example[1].group(0).strip()!r})" if example else ""
    seen_zh = f"（如“{example[1].group(0).strip()}”）" if example else ""
    yield r.finding(where, f"the list has {counted(len(doc.references), 'entry')} but no citation in the text was read"
                    f"{seen}: none of them was checked against a citation",
                    f"参考文献表有 {len(doc.references)} 条，但正文中未识别出任何引用{seen_zh}，条目均未能与引文核对",
                    confidence=Confidence.LOW)
