"""CG51x: what resolving the cited URLs found (pure: the resolver's results are the input)."""

from __future__ import annotations

from collections.abc import Iterator

from citeguard.checks.entry_style import EntryText, all_entries, entry_finding
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.checks.titles import title_similarity
from citeguard.model import Finding, LinkResult, LinkStatus, Severity
from citeguard.words import counted

TITLE_MATCH = 60.0  # below this similarity (0-100) the page is probably not the one cited


def _checked(ctx: AuditContext, *statuses: LinkStatus) -> Iterator[tuple[EntryText, LinkResult]]:
    for e in all_entries(ctx.document):
        if e.ref.url:
            result = ctx.link(e.ref.url)
            if result is not None and (not statuses or result.status in statuses):
                yield e, result


def _archive(result: LinkResult) -> str:
    return f"archived copy: {result.archive_url}" if result.archive_url else ""


@rule("CG510", "link-dead", Severity.ERROR)
def link_dead(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited page is gone (HTTP 404 or 410). The finding names an archived copy (Wayback
    Machine, closest to the access date) when one exists."""
    for e, res in _checked(ctx, LinkStatus.NOT_FOUND):
        yield entry_finding(r, e, f"{e.label}: {res.url} is gone ({res.detail})",
                            f"{e.label_zh}：网址已失效（{res.detail}）", evidence=[("status", res.status.value)],
                            suggestion=_archive(res))


@rule("CG511", "link-soft-404", Severity.WARNING)
def link_soft_404(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The site answers, but with an error page (页面不存在 …) or by sending the deep link to its
    home or a list page: the article was probably retired."""
    for e, res in _checked(ctx, LinkStatus.SOFT_404):
        yield entry_finding(r, e, f"{e.label}: {res.url}: {res.detail}", f"{e.label_zh}：网页不存在或已被撤下（{res.detail}）",
                            suggestion=_archive(res))


@rule("CG512", "link-blocked", Severity.INFO)
def link_blocked(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The site refuses automated clients (403/405/412, an anti-bot challenge, rate limits). The
    link may well work in a browser: check it by hand."""
    for e, res in _checked(ctx, LinkStatus.BLOCKED):
        yield entry_finding(r, e, f"{e.label}: {res.url}: {res.detail}", f"{e.label_zh}：网站拒绝自动访问，请在浏览器中人工核对")


@rule("CG513", "link-redirected", Severity.WARNING)
def link_redirected(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The URL now redirects to a different address; cite the address the page lives at."""
    for e, res in _checked(ctx, LinkStatus.REDIRECTED):
        yield entry_finding(r, e, f"{e.label}: {res.url} now redirects to {res.final_url}",
                            f"{e.label_zh}：网址已跳转至 {res.final_url}", suggestion=res.final_url or "")


@rule("CG514", "link-tls", Severity.WARNING)
def link_tls(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The HTTPS certificate or handshake failed (often a missing intermediate certificate).
    citeguard never switches verification off; a reader's browser may warn too."""
    for e, res in _checked(ctx, LinkStatus.TLS_ERROR):
        yield entry_finding(r, e, f"{e.label}: {res.url}: {res.detail}", f"{e.label_zh}：HTTPS 证书或握手失败")


@rule("CG515", "link-unreachable", Severity.WARNING)
def link_unreachable(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The page could not be fetched now: time-out, unknown host, refused connection, server error
    or a page over the download limit. Often temporary; check again before blaming the author."""
    statuses = (LinkStatus.TIMEOUT, LinkStatus.DNS_ERROR, LinkStatus.CONNECTION_ERROR, LinkStatus.SERVER_ERROR,
                LinkStatus.TOO_LARGE)
    for e, res in _checked(ctx, *statuses):
        yield entry_finding(r, e, f"{e.label}: {res.url}: {res.status.value} ({res.detail})",
                            f"{e.label_zh}：网址暂时无法访问（{res.status.value}）")


@rule("CG516", "link-title-mismatch", Severity.WARNING)
def link_title_mismatch(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The page's title is not the title the entry cites (compared after Traditional→Simplified
    conversion, with site suffixes such as _中国政府网 removed): probably the wrong page."""
    for e, res in _checked(ctx, LinkStatus.OK, LinkStatus.REDIRECTED):
        if not res.title or not e.ref.title:
            continue
        score = title_similarity(e.ref.title, res.title)
        if score < TITLE_MATCH:
            yield entry_finding(r, e, f"{e.label}: the page is titled {res.title!r}, the entry says {e.ref.title!r}",
                                f"{e.label_zh}：网页标题为“{res.title}”，与著录题名“{e.ref.title}”不符",
                                evidence=[("page title", res.title), ("cited title", e.ref.title),
                                          ("similarity", f"{score:.0f}")])


@rule("CG517", "link-date-mismatch", Severity.WARNING)
def link_date_mismatch(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The page's publication date (meta PubDate, 发布时间 …) differs from the entry's (update)
    date. Government pages also carry a signing date (成文日期) that a footnote may cite instead."""
    for e, res in _checked(ctx, LinkStatus.OK, LinkStatus.REDIRECTED):
        stated = e.ref.update_date or e.ref.date
        if res.title and e.ref.title and title_similarity(e.ref.title, res.title) < TITLE_MATCH:
            continue  # another page altogether (CG516): its date says nothing about the cited one
        if res.published and stated and res.published != stated:
            yield entry_finding(r, e, f"{e.label}: the page was published {res.published}, the entry says {stated}",
                                f"{e.label_zh}：网页发布日期为 {res.published}，著录日期为 {stated}",
                                evidence=[("page date", res.published), ("stated date", stated)])


@rule("CG518", "links-not-checked", Severity.INFO)
def links_not_checked(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The network was unavailable, so the cited URLs were not checked. Said once; it changes no
    exit code unless --fail-on info."""
    skipped = [(e, res) for e, res in _checked(ctx, LinkStatus.NOT_CHECKED) if res.detail.startswith("network")]
    if skipped:
        first = skipped[0][0]
        yield r.finding(first.ref.span, f"network unavailable: {counted(len(skipped), 'link')} not checked",
                        f"网络不可用：{len(skipped)} 个网址未检查")


@rule("CG519", "link-private-address", Severity.WARNING)
def link_private(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A cited URL points at a loopback, private or link-local address (or redirects there): no
    reader can open it, and citeguard refuses to fetch it unless --allow-private."""
    for e, res in _checked(ctx, LinkStatus.PRIVATE_ADDRESS):
        yield entry_finding(r, e, f"{e.label}: {res.detail}", f"{e.label_zh}：网址指向内网或本机地址")
