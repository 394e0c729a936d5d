"""CG8xx: a journal's own rules for reference lists — the ones Chinese journals publish for their
authors (recent references, foreign-language references, DOIs, the number of references,
self-citation). Off unless the journal configures them (``--policy-…`` options or the same keys in
citeguard.toml); pure: the policy and the parsed list are the input."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from citeguard.checks.entry_style import EntryText, entry_finding
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Finding, JournalPolicy, Language, Reference, Severity, Span
from citeguard.parse.hanname import is_han_name, name_spellings, split_han_name
from citeguard.parse.pinyin import readings
from citeguard.words import counted

# What separates the words of a romanised name: "WANG X M" "Wang, X." "Wang Xiao-ming"
_WORD_SPLIT_RE = re.compile(r"[\s,.\-]+")
# A four-digit year at the start of a date or year field: "2019" "2019-05-02"
_YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)")


def _policy(ctx: AuditContext) -> JournalPolicy | None:
    return ctx.policy if ctx.policy is not None and ctx.policy.active else None


def _where(ctx: AuditContext) -> Span | tuple[int, int]:
    """A finding about the whole list sits at its heading (or its first entry)."""
    if ctx.document.references_heading is not None:
        return ctx.document.references_heading
    return ctx.document.references[0].span if ctx.document.references else (1, 1)


def entry_year(ref: Reference) -> int | None:
    m = _YEAR_RE.match(ref.year or "")
    return int(m.group(1)) if m else None


def _this_year(ctx: AuditContext, policy: JournalPolicy) -> int:
    """The year the manuscript was written in (its own date), else the year of the run."""
    m = _YEAR_RE.match(ctx.paper_date or "")
    return int(m.group(1)) if m else policy.year


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


@rule("CG801", "too-few-recent-references", Severity.WARNING)
def too_few_recent_references(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Fewer of the references than the journal asks for were published in the last years
    (``policy-recent-share``, ``policy-recent-years``; counted back from the manuscript's own date,
    or from this year). Entries without a readable year count as not recent.
    Bad (policy 50 % from the last 5 years, 2026): 3 of 10 entries from 2022–2026."""
    policy = _policy(ctx)
    refs = ctx.document.references
    if policy is None or policy.recent_share is None or not refs:
        return
    now = _this_year(ctx, policy)
    since = now - policy.recent_years + 1
    recent = sum(1 for ref in refs if (y := entry_year(ref)) is not None and since <= y <= now)
    share = recent / len(refs)
    if share < policy.recent_share:
        yield r.finding(_where(ctx), f"{recent} of {counted(len(refs), 'reference')} ({_percent(share)}) "
                        f"{'is' if recent == 1 else 'are'} from "
                        f"{since}–{now}; the journal asks for at least {_percent(policy.recent_share)}",
                        f"近 {policy.recent_years} 年（{since}—{now}）的参考文献 {recent} 条，占 {_percent(share)}，"
                        f"低于期刊要求的 {_percent(policy.recent_share)}",
                        evidence=[("recent", recent), ("references", len(refs)), ("since", since)])


@rule("CG802", "too-few-foreign-references", Severity.WARNING)
def too_few_foreign_references(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Fewer foreign-language (not Chinese) references than the journal asks for, as a number
    (``policy-min-foreign``) or a share (``policy-foreign-share``).
    Bad (policy at least 5): 2 English entries among 30."""
    policy = _policy(ctx)
    refs = ctx.document.references
    if policy is None or (policy.min_foreign is None and policy.foreign_share is None) or not refs:
        return
    foreign = sum(1 for ref in refs if ref.language is not Language.ZH)
    share = foreign / len(refs)
    short_count = policy.min_foreign is not None and foreign < policy.min_foreign
    short_share = policy.foreign_share is not None and share < policy.foreign_share
    if short_count or short_share:
        wanted = (f"at least {policy.min_foreign}" if short_count else
                  f"at least {_percent(policy.foreign_share or 0)}")
        wanted_zh = (f"不少于 {policy.min_foreign} 条" if short_count else f"不低于 {_percent(policy.foreign_share or 0)}")
        yield r.finding(_where(ctx), f"{foreign} of {counted(len(refs), 'reference')} ({_percent(share)}) "
                        f"{'is' if foreign == 1 else 'are'} in a foreign "
                        f"language; the journal asks for {wanted}",
                        f"外文参考文献 {foreign} 条，占 {_percent(share)}；期刊要求{wanted_zh}",
                        evidence=[("foreign", foreign), ("references", len(refs))])


def _journal_article(ref: Reference) -> bool:
    code = (ref.type_code or "").upper()
    return code == "J" or (not code and bool(ref.container) and bool(ref.volume or ref.issue))


@rule("CG803", "journal-article-without-doi", Severity.WARNING)
def journal_article_without_doi(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A journal article is cited without its DOI, and the journal asks for DOIs
    (``policy-doi``). With ``--verify``, an article whose record has no DOI either is left alone.
    Bad: WANG X. Title[J]. Journal, 2020, 5(1): 1-9.  Good: … 1-9. DOI:10.xxxx/…"""
    policy = _policy(ctx)
    if policy is None or not policy.doi_required:
        return
    for ref in ctx.document.references:
        if ref.doi or not _journal_article(ref):
            continue
        checked = ctx.verification(ref.span)
        if checked is not None and checked.record is not None and not checked.record.doi:
            continue  # the work's record has no DOI to give
        e = EntryText(ref)
        yield entry_finding(r, e, f"{e.label}: a journal article without its DOI",
                            f"{e.label_zh}：期刊论文缺少 DOI", suggestion="add the article's DOI",
                            suggestion_zh="补充该文的 DOI")


@rule("CG804", "reference-count-out-of-bounds", Severity.WARNING)
def reference_count_out_of_bounds(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The reference list is shorter or longer than the journal allows (``policy-min-references``,
    ``policy-max-references``)."""
    policy = _policy(ctx)
    if policy is None:
        return
    n = len(ctx.document.references)
    if policy.min_references is not None and n < policy.min_references:
        yield r.finding(_where(ctx), f"{counted(n, 'reference')}; the journal asks for at least {policy.min_references}",
                        f"参考文献 {n} 条，少于期刊要求的 {policy.min_references} 条", evidence=[("references", n)])
    if policy.max_references is not None and n > policy.max_references:
        yield r.finding(_where(ctx), f"{counted(n, 'reference')}; the journal allows at most {policy.max_references}",
                        f"参考文献 {n} 条，超过期刊上限 {policy.max_references} 条", evidence=[("references", n)])


def _pinyin(zh: str) -> list[tuple[str, str]]:
    """(surname, given name syllables spaced) of a Chinese name, each way it may be read:
    王晓明 → [("wang", "xiao ming")]; 李重阳 → [("li", "zhong yang"), ("li", "chong yang")]."""
    surnames, _ = name_spellings(zh)
    _, given = split_han_name(zh)
    spaced = [" ".join(parts) for parts in itertools.islice(itertools.product(*readings(given, given_name=True)), 16)]
    return [(s, g) for s in surnames[:2] for g in spaced]


def _romanised_as(words: list[str], family: str, given: str) -> bool:
    """Do these words spell the pinyin name: "WANG X M", "Wang, X.", "WANG Xiaoming", "Xiaoming Wang"?"""
    lowered = [w.lower() for w in words]
    if family not in lowered:
        return False
    rest = words[:lowered.index(family)] + words[lowered.index(family) + 1:]
    if not rest:
        return False
    if "".join(rest).lower() == given.replace(" ", ""):
        return True
    initials = "".join(w.lower() if w.isupper() and len(w) <= 3 else w[:1].lower() for w in rest)
    return "".join(s[:1] for s in given.split()).startswith(initials)


def is_manuscript_author(author: str, authors_zh: tuple[str, ...], authors_en: tuple[str, ...]) -> bool:
    """Is this entry author one of the manuscript's authors — by the Chinese name, or romanised
    (surname and the initials of the given name's syllables: 王晓明 = WANG X M = Wang, X.)?"""
    if is_han_name(author):
        return author.replace(" ", "") in {a.replace(" ", "") for a in authors_zh}
    words = [w for w in _WORD_SPLIT_RE.split(author) if w]
    for zh in authors_zh:
        if is_han_name(zh) and any(_romanised_as(words, *read) for read in _pinyin(zh.replace(" ", ""))):
            return True
    for en in authors_en:
        parts = [w for w in _WORD_SPLIT_RE.split(en) if w]
        if len(parts) >= 2 and (_romanised_as(words, parts[-1].lower(), " ".join(p.lower() for p in parts[:-1]))
                                or _romanised_as(words, parts[0].lower(), " ".join(p.lower() for p in parts[1:]))):
            return True
    return False


@rule("CG805", "too-much-self-citation", Severity.WARNING)
def too_much_self_citation(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """More of the references name an author of the manuscript than the journal allows
    (``policy-max-self-citation``). Authors are matched by their Chinese names and romanised
    (WANG X M, Wang, X.). Needs the manuscript's author line (front matter)."""
    policy = _policy(ctx)
    refs = ctx.document.references
    fm = ctx.document.front_matter
    if policy is None or policy.max_self_citation is None or not refs or not (fm.authors_zh or fm.authors_en):
        return
    own = [ref for ref in refs if any(is_manuscript_author(a, fm.authors_zh, fm.authors_en)
                                      for a in (*ref.authors, *ref.original_authors))]
    share = len(own) / len(refs)
    if share > policy.max_self_citation:
        labels = ", ".join(EntryText(ref).label for ref in own[:10])
        yield r.finding(_where(ctx), f"{len(own)} of {counted(len(refs), 'reference')} ({_percent(share)}) "
                        f"{'names' if len(own) == 1 else 'name'} an author of "
                        f"the manuscript; the journal allows at most {_percent(policy.max_self_citation)}: {labels}",
                        f"{len(own)} 条参考文献（{_percent(share)}）含本文作者，超过期刊上限 "
                        f"{_percent(policy.max_self_citation)}：{labels}",
                        references=[ref.number if ref.number is not None else ref.index for ref in own])
