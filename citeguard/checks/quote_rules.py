"""CG0xx: what the office's library of editions, and the cited web pages, say of the passages the
manuscript quotes with a page (pure: the verdicts of citeguard.quotes are the input;
``citeguard audit --library DIR``).  A verified quotation raises nothing."""

from __future__ import annotations

from collections.abc import Iterator

from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Confidence, Finding, Severity
from citeguard.records import QuoteStatus, QuoteVerdict

SHOWN = 60  # characters of a quotation a message repeats
MAX_NAMED = 8  # works CG005 names


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def _verdicts(ctx: AuditContext, status: QuoteStatus) -> Iterator[QuoteVerdict]:
    yield from (v for v in ctx.quotations if v.status is status)


def _where(v: QuoteVerdict) -> str:
    return f"{v.source}, p. {v.page_found}" if v.page_found else v.source


def _evidence(v: QuoteVerdict) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [("quotation", v.quote), ("edition", _where(v))]
    if v.passage:
        out.append(("passage", v.passage))
    if v.diff:
        out.append(("diff", v.diff))
    return out


def _said(r: Rule, v: QuoteVerdict, en: str, zh: str, confidence: Confidence, *, suggestion: str = "",
          suggestion_zh: str = "", severity: Severity | None = None) -> Finding:
    """One verdict's finding: the citation named first, the quotation, the edition and its passage as
    evidence (what every CG0xx finding on one quotation shares)."""
    return r.finding(v.span, f"{v.reference}: {en}", f"{v.reference}：{zh}", evidence=_evidence(v),
                     suggestion=suggestion, suggestion_zh=suggestion_zh, severity=severity, confidence=confidence)


@rule("CG001", "quotation-wrong-page", Severity.WARNING)
def quotation_wrong_page(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The quoted passage stands word for word in the cited edition, but on another page than the
    one cited: the finding names that page.  A passage the citation ends without quotation marks is
    judged only when it stands nearly word for word on one other page, and then as information.
    Bad: “……”（习近平，2025：191） for a sentence printed on page 219.  Good: the page it is on."""
    for v in _verdicts(ctx, QuoteStatus.WRONG_PAGE):
        page = v.page_found
        yield _said(r, v, f"“{_short(v.quote)}” is on p. {page} of {v.source}, not p. {v.page_cited}",
                    f"引文“{_short(v.quote)}”在所核版本（{v.source}）第 {page} 页，而非所注第 {v.page_cited} 页",
                    Confidence.HIGH if v.quoted else Confidence.LOW, suggestion=f"cite p. {page}",
                    suggestion_zh=f"页码改为 {page}", severity=None if v.quoted else Severity.INFO)


@rule("CG002", "quotation-differs", Severity.WARNING)
def quotation_differs(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The passage is in the cited edition (on the cited page, or where named), but the quotation's
    words are not its words: a character changed, a phrase added, or a phrase dropped without an
    ellipsis.  The finding shows the edition's passage and what the quotation added [+…], dropped [-…]
    or changed.  Width, punctuation, spaces and Traditional characters are not differences."""
    for v in _verdicts(ctx, QuoteStatus.DIFFERS):
        place = f"p. {v.page_found}" if v.page_found else v.source
        yield _said(r, v, f"“{_short(v.quote)}” differs from the edition ({place}): {v.diff}",
                    f"引文与所核版本（{place}）原文不一致：{v.diff}", Confidence.MEDIUM,
                    suggestion=f"quote the edition's words: {v.passage}" if v.passage else "",
                    suggestion_zh=f"按原文引用：{v.passage}" if v.passage else "")


@rule("CG003", "quotation-from-other-work", Severity.WARNING)
def quotation_from_other_work(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The quoted passage is not in the cited work's edition, but stands word for word in another
    work of the library: the citation probably names the wrong work.  The finding names that work."""
    for v in _verdicts(ctx, QuoteStatus.OTHER_WORK):
        yield _said(r, v, f"“{_short(v.quote)}” is not in the cited work; it is in {_where(v)}",
                    f"引文不见于所引文献，而见于 {_where(v)}", Confidence.HIGH)


@rule("CG004", "quotation-not-found", Severity.WARNING)
def quotation_not_found(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The cited work is in the library (or the cited web page was read), and the quoted passage is
    in none of it, nor in any other work of the library.  Medium confidence: another printing or
    edition may word it so; check the quotation against the book."""
    for v in _verdicts(ctx, QuoteStatus.NOT_FOUND):
        yield _said(r, v, f"“{_short(v.quote)}” is not in {v.source}",
                    f"所核版本（{v.source}）中找不到引文“{_short(v.quote)}”", Confidence.MEDIUM)


@rule("CG005", "quotations-not-checked", Severity.INFO)
def quotations_not_checked(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """Quotations whose cited work is not in the library could not be checked: said once, naming the
    works (a library work holding the passage is named as a hint)."""
    left = [v for v in _verdicts(ctx, QuoteStatus.NOT_CHECKED) if v.quoted]
    if not left:
        return
    works = list(dict.fromkeys(v.work for v in left))
    named = "; ".join(_short(w) for w in works[:MAX_NAMED]) + (f" (and {len(works) - MAX_NAMED} more)"
                                                              if len(works) > MAX_NAMED else "")
    hints = sorted({f"“{_short(v.quote)}” → {v.source}" for v in left if v.source})
    yield r.finding(left[0].span, f"{len(left)} quotation(s) not checked: no edition of {named} in the library",
                    f"{len(left)} 处引文未能核对：引文核对库中没有 {named}",
                    evidence=[("hint", h) for h in hints[:MAX_NAMED]], confidence=Confidence.LOW)
