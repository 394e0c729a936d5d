"""Pure audit rules: a linked Document in, sorted findings out.

Importing this package registers every rule (the family modules below) in ``RULES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from citeguard.checks import (  # noqa: F401  (imported to register their rules)
    citation_rules,
    debris_rules,
    field_list_rules,
    field_rules,
    footnote_rules,
    form_rules,
    front_rules,
    journal_rules,
    link_rules,
    list_rules,
    name_rules,
    note_list_rules,
    page_rules,
    parse_rules,
    policy_rules,
    quote_rules,
    type_rules,
    url_rules,
    work_rules,
)
from citeguard.checks.reading import read_quality, settle
from citeguard.checks.registry import RULES, AuditContext, Conventions, Rule, selected
from citeguard.model import Confidence, Document, Finding, JournalPolicy, LinkResult, Reference, Standard
from citeguard.records import QuoteVerdict, Verification

__all__ = ["RULES", "AuditContext", "Rule", "audit", "choose_standard", "paper_date"]

GB2025_IN_FORCE = "2026-07-01"
# A year in the article number or DOI: 2095-8072(2026)03-…  …issn2095-8072.2026.03.004
_ID_YEAR_RE = re.compile(r"[(（.](?P<y>(?:19|20)\d{2})[)）.]")


def paper_date(document: Document) -> str | None:
    """The latest date the manuscript shows it was written by: its newest access date, else the
    year of its article number or DOI."""
    accessed = [e.access_date for e in _entries(document) if e.access_date]
    fm = document.front_matter
    if fm.date is not None:  # the manuscript says when it was written (YAML date:)
        return max([fm.date.text, *accessed])
    if accessed:
        return max(accessed)
    for item in (fm.article_id, fm.doi):
        if item is not None:
            m = _ID_YEAR_RE.search(item.text)
            if m:
                return m.group("y")
    return None


def _entries(document: Document) -> Iterable[Reference]:
    yield from document.references
    yield from (f.entry for f in document.footnotes if f.entry is not None)


def choose_standard(document: Document) -> Standard:
    """GB/T 7714-2025 replaced 2015 on 2026-07-01: a manuscript dated before that follows 2015."""
    when = paper_date(document)
    if when is None:
        return Standard.GB2025
    if len(when) == 4:
        return Standard.GB2015 if when < GB2025_IN_FORCE[:4] else Standard.GB2025
    return Standard.GB2015 if when < GB2025_IN_FORCE else Standard.GB2025


# Findings one rule may report for one paper: past this it is a cascade (a mark repeated 100,000
# times), and listing it costs the editor and every renderer more than it tells.
MAX_FINDINGS_PER_RULE = 500


def audit(document: Document, *, standard: Standard | None = None, select: Iterable[str] = (),
          ignore: Iterable[str] = (), links: Iterable[LinkResult] = (),
          min_confidence: Confidence = Confidence.LOW,
          verifications: Iterable[Verification] = (),
          policy: JournalPolicy | None = None,
          quotations: Iterable[QuoteVerdict] = ()) -> tuple[AuditContext, tuple[Finding, ...]]:
    """Run the selected rules (link rules use ``links``, the resolver's results); findings come
    sorted by position, then code, each with its confidence (and a severity no higher than that
    confidence allows, see :mod:`citeguard.checks.reading`); those below ``min_confidence`` are
    left out."""
    reading = read_quality(document)
    ctx = AuditContext(document, standard or choose_standard(document), Conventions(), paper_date(document),
                       tuple(links), reading, tuple(verifications), tuple(quotations), policy)
    findings: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for r in selected(sorted(RULES.values(), key=lambda x: x.code), select, ignore):
        kept = 0
        for f in r.check(ctx, r):
            key = (f.code, f.line, f.column, f.message)
            if key not in seen:
                seen.add(key)
                settled = settle(f, reading)
                if settled.confidence.rank >= min_confidence.rank:
                    kept += 1
                    if kept > MAX_FINDINGS_PER_RULE:  # a cascade: say so once and stop this rule
                        findings.append(replace(
                            settled, message=f"{settled.message} (and more: only the first "
                            f"{MAX_FINDINGS_PER_RULE} findings of {r.code} are listed)",
                            message_zh=f"{settled.message_zh}（同类问题过多：仅列出 {r.code} 的前 "
                            f"{MAX_FINDINGS_PER_RULE} 条）"))
                        break
                    findings.append(settled)
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return ctx, tuple(findings)
