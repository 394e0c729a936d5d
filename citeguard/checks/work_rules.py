"""CG7xx: what verifying the cited works against Crossref, OpenAlex, DataCite, doi.org and the
author's library found (pure: the verdicts are the input; ``citeguard audit --verify``)."""

from __future__ import annotations

from collections.abc import Iterator

from citeguard.checks.entry_style import EntryText, all_entries, entry_finding
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Finding, Severity
from citeguard.records import NoticeKind, Verdict, Verification


def _verified(ctx: AuditContext, *verdicts: Verdict) -> Iterator[tuple[EntryText, Verification]]:
    if not ctx.verifications:
        return
    for e in all_entries(ctx.document):
        result = ctx.verification(e.ref.span)
        if result is not None and (not verdicts or result.verdict in verdicts):
            yield e, result


def _record(result: Verification) -> str:
    record = result.record
    if record is None:
        return ""
    return f"{record.source} {record.doi or record.id}: “{record.title[:150]}”"


@rule("CG701", "cited-work-mismatch", Severity.WARNING)
def cited_work_mismatch(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited work exists, but the entry differs from its record: title, authors or their
    order, year (by more than one), venue, volume, issue, first page, or a DOI that belongs to
    another work or to none. The finding quotes the record it compared with.
    Bad: SMITH J. … 2015 (the record: 2020).  Good: the entry as the record has it."""
    for e, res in _verified(ctx, Verdict.MISMATCH):
        what = "; ".join(f"{f.field}: cited {f.cited!r}, record {f.record!r}" for f in res.fields)
        yield entry_finding(r, e, f"{e.label}: {what}", f"{e.label_zh}：与文献记录不符（{what}）",
                            evidence=[("record", _record(res))])


@rule("CG702", "cited-work-likely-fabricated", Severity.ERROR)
def cited_work_likely_fabricated(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited work probably does not exist — said only on a positive contradiction, when no
    source has its title: its DOI names an unrelated work, or its journal published other volumes
    that year (Crossref's sample of the year); or its year has not come yet. A work
    that is merely not found (most Chinese works, books and government documents; a DOI that
    resolves nowhere) is never reported here, nor anything in OCR'd text, where damage explains it."""
    for e, res in _verified(ctx, Verdict.LIKELY_FABRICATED):
        yield entry_finding(r, e, f"{e.label}: {res.detail}", f"{e.label_zh}：疑似虚构文献（{res.detail}）",
                            evidence=[("sources", ", ".join(res.sources))])


def _notices(ctx: AuditContext, r: Rule, kinds: tuple[NoticeKind, ...], zh: str) -> Iterator[Finding]:
    for e, res in _verified(ctx):
        for n in res.notices:
            if n.kind in kinds:
                notice = f"{n.kind.value} ({n.doi or 'no notice DOI'}{', ' + n.date if n.date else ''})"
                yield entry_finding(r, e, f"{e.label}: the work was {notice}", f"{e.label_zh}：{zh}（{notice}）",
                                    suggestion=f"cite the notice https://doi.org/{n.doi}" if n.doi else "")


@rule("CG703", "cited-work-retracted", Severity.ERROR)
def cited_work_retracted(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited work was retracted or withdrawn (Crossref's update notices, including the
    Retraction Watch records it carries). Cite it only as a retracted work, with the notice."""
    yield from _notices(ctx, r, (NoticeKind.RETRACTED, NoticeKind.WITHDRAWN), "该文献已被撤稿")


@rule("CG704", "cited-work-corrected", Severity.WARNING)
def cited_work_corrected(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited work has a correction or an expression of concern: check that what is cited
    still stands, and cite the notice."""
    yield from _notices(ctx, r, (NoticeKind.CORRECTED, NoticeKind.EXPRESSION_OF_CONCERN), "该文献有更正或关注声明")


@rule("CG705", "cited-work-not-found", Severity.INFO)
def cited_work_not_found(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """No source consulted has a record matching the entry's title (an English work of a kind
    the indexes hold). Not a sign of fabrication by itself: check the entry by hand."""
    for e, res in _verified(ctx, Verdict.NOT_FOUND):
        yield entry_finding(r, e, f"{e.label}: {res.detail}", f"{e.label_zh}：未在文献数据库中找到（{res.detail}）")
