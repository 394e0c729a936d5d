"""CG5xx: cited URLs, checked without the network."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from citeguard.checks.entry_style import EntryText, all_entries, entry_finding
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.checks.zh_terms import note_zh
from citeguard.model import Confidence, EntryStyle, Finding, Severity
from citeguard.urls import host_of, split_url

# Dates encoded in government CMS paths (see docs/gov-sites.md), with their precision:
#   /2026-01/14/article_…   /art/2024/4/15/art_…   /t20251204_…   /202510/content_…   /art/2020/art_…
URL_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/(?P<y>20\d{2})-(?P<m>\d{2})/(?P<d>\d{2})/"), "day"),
    (re.compile(r"/art/(?P<y>20\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_"), "day"),
    (re.compile(r"/t(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})_\d+"), "day"),
    (re.compile(r"/(?P<y>20\d{2})(?P<m>\d{2})/content_\d+"), "month"),
    (re.compile(r"/art/(?P<y>20\d{2})/art_[0-9a-f]+"), "year"),
)


def url_date(url: str) -> tuple[str, str] | None:
    """(ISO date or prefix, precision) encoded in a URL path, or None; invalid dates are ignored."""
    parts = split_url(url)
    if parts is None:
        return None
    path = parts.path
    for pattern, precision in URL_DATE_PATTERNS:
        m = pattern.search(path)
        if m is None:
            continue
        y = int(m.group("y"))
        month = int(m.groupdict().get("m") or 1)
        day = int(m.groupdict().get("d") or 1)
        try:
            date(y, month, day)
        except ValueError:
            return None
        if precision == "day":
            return f"{y:04d}-{month:02d}-{day:02d}", precision
        if precision == "month":
            return f"{y:04d}-{month:02d}", precision
        return f"{y:04d}", precision
    return None


def domain_class(url: str) -> str:
    """gov.cn, edu.cn, media or other: how the report groups links."""
    host = host_of(url)
    if host.endswith(".gov.cn") or host == "gov.cn":
        return "gov.cn"
    if host.endswith(".edu.cn"):
        return "edu.cn"
    media = ("people.com.cn", "xinhuanet.com", "news.cn", "cnr.cn", "cctv.com", "chinadaily.com.cn", "gmw.cn",
             "ce.cn", "china.com.cn", "thepaper.cn", "caixin.com", "21jingji.com", "yicai.com", "cri.cn")
    if any(host == d or host.endswith("." + d) for d in media):
        return "media"
    return "other"


def _urls(ctx: AuditContext) -> Iterator[tuple[EntryText, str]]:
    for e in all_entries(ctx.document):
        if e.ref.url:
            yield e, e.ref.url


@rule("CG501", "invalid-url", Severity.ERROR)
def invalid_url(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A URL cannot be valid: no host, spaces or full-width characters inside, or an unknown scheme.

    Bad: http://www.gov.cn/某页.htm or https//www.gov.cn.  Good: https://www.gov.cn/a/b.htm.
    """
    for e, url in _urls(ctx):
        parts = split_url(url)
        problem = ""
        if parts is None:
            problem = "malformed (brackets or port)"
        elif parts.scheme.lower() not in {"http", "https", "ftp"}:
            problem = "unknown scheme"
        elif not parts.hostname or "." not in parts.hostname:
            problem = "no host name"
        elif re.search(r"[\s\u3000-\u303f\uff00-\uffef]", url):
            problem = "space or full-width character inside"
        if problem:
            # a .bib url field is printed by a style that may add what is missing ("ipython.org")
            sure = Confidence.MEDIUM if e.ref.style is EntryStyle.BIBTEX else Confidence.HIGH
            yield entry_finding(r, e, f"{e.label}: URL {url!r}: {problem}",
                                f"{e.label_zh}：网址“{url}”无效（{note_zh(problem)}）", confidence=sure)


@rule("CG502", "url-entry-ending-mixed", Severity.INFO)
def url_endings(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Some entries end with their URL, others put a period after it. Pick one ending for all.

    The period is entry punctuation, not part of the URL (citeguard never includes it when it
    checks the link); the inconsistency is cosmetic.
    """
    dotted = [e for e, url in _urls(ctx) if e.ref.raw.rstrip().endswith(url + ".")]
    bare = [e for e, url in _urls(ctx) if e.ref.raw.rstrip().endswith(url)]
    if dotted and bare:
        minority = dotted if len(dotted) <= len(bare) else bare
        how = "with a period after the URL" if minority is dotted else "with the bare URL"
        first = minority[0]
        yield entry_finding(r, first, f"{len(minority)} of {len(dotted) + len(bare)} URL entries end {how}: "
                            + ", ".join(x.label for x in minority),
                            f"{len(minority)} 个网址条目结尾与其余不一致（{'有' if minority is dotted else '无'}句点）")


STAMP_DAYS = 3  # days a page's file stamp (t20210510) may precede its release date and be only that


def _days_before(encoded: str, stated: str) -> int:
    """How many days the URL's full date precedes the stated one (0 when either is not a full date)."""
    try:
        return (date.fromisoformat(stated[:10]) - date.fromisoformat(encoded[:10])).days
    except ValueError:
        return 0


@rule("CG503", "url-date-mismatch", Severity.WARNING)
def url_date_mismatch(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The date encoded in a government URL path disagrees with the date the entry states.

    A path year later than the stated date is only info: sites repost old documents under new
    paths (miit.gov.cn /art/2020/ for a 2016 plan); so is a path date one to three days before the
    stated one (t20210510 for a bulletin released on 2021-05-11: the file made the day before).
    Bad: /2026-01/14/ with (2026-02-14).
    """
    for e, url in _urls(ctx):
        found = url_date(url)
        stated = e.ref.update_date or e.ref.date
        if found is None or not stated:
            continue
        encoded, precision = found
        if stated.startswith(encoded):
            continue
        later = encoded > stated[:len(encoded)]
        stamp = _days_before(encoded, stated)
        severity = Severity.INFO if (later and precision == "year") or 0 < stamp <= STAMP_DAYS else Severity.WARNING
        note = (" (the site may have reposted an older document)" if later else
                " (a page's file stamp often precedes its release by a day or two)") if severity is Severity.INFO else ""
        yield entry_finding(r, e, f"{e.label}: URL path says {encoded}, the entry says {stated}{note}",
                            f"{e.label_zh}：网址路径中的日期 {encoded} 与著录日期 {stated} 不符", severity=severity,
                            evidence=[("date in URL", encoded), ("precision", precision), ("stated date", stated)])


@rule("CG504", "insecure-http", Severity.INFO)
def insecure_http(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A URL uses http:// while the other cited URLs use https://; most sites now serve https."""
    urls = list(_urls(ctx))
    secure = sum(1 for _, u in urls if u.lower().startswith("https://"))
    for e, url in urls:
        if url.lower().startswith("http://") and secure:
            yield entry_finding(r, e, f"{e.label}: http:// URL ({secure} {'other uses' if secure == 1 else 'others use'} https://)",
                                f"{e.label_zh}：网址使用 http://，其余 {secure} 个使用 https://",
                                suggestion="https://" + url[len("http://"):])
