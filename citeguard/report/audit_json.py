"""The audit report as JSON, ``"schema": "citeguard-report/1"`` (documented in docs/report.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from citeguard import __version__
from citeguard.checks.url_rules import domain_class, url_date
from citeguard.model import Citation, Confidence, Document, Finding, LinkResult, LinkStatus, Severity, Standard
from citeguard.records import QuoteVerdict, Verification
from citeguard.report.json_text import dumps_indented
from citeguard.report.model_json import JSONValue, model_dict, to_json
from citeguard.report.verdicts import verdict_dict

SCHEMA = "citeguard-report/1"


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """How the audit was asked for, recorded in the report so a CI log can be read back."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    offline: bool = True
    min_confidence: str = "low"


@dataclass(frozen=True, slots=True)
class AuditResult:
    """What a report renders: the document, the standard used and the findings."""

    document: Document
    standard: Standard
    paper_date: str | None
    findings: tuple[Finding, ...]
    options: AuditOptions = AuditOptions()
    links: tuple[LinkResult, ...] = ()
    verifications: tuple[Verification, ...] = ()  # audit --verify
    quotations: tuple[QuoteVerdict, ...] = ()  # audit --library DIR: quoted passages against the editions


def severity_counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s.value: counts.get(s, 0) for s in Severity}


def confidence_counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts = Counter(f.confidence for f in findings)
    return {c.value: counts.get(c, 0) for c in Confidence}


def finding_dict(f: Finding, doc: Document) -> dict[str, JSONValue]:
    """One finding; ``location`` is where the user finds it: "12:5", "¶12" (.docx), "p. 4, line 12" (PDF)."""
    return {"code": f.code, "rule": f.rule, "severity": f.severity.value, "confidence": f.confidence.value,
            "message": f.message,
            "message_zh": f.message_zh, "line": f.line, "column": f.column,
            "location": doc.location(f.line, f.column, f.path), "references": list(f.references),
            "citations": list(f.citations), "footnotes": list(f.footnotes),
            "evidence": {e.name: e.value for e in f.evidence}, "suggestion": f.suggestion,
            **({"suggestion_zh": f.suggestion_zh} if f.suggestion_zh else {}),
            **({"path": f.path} if f.path else {})}


def link_dict(result: LinkResult) -> dict[str, JSONValue]:
    """One resolved URL as ``citeguard links`` and the audit report print it."""
    return {"url": result.url, "status": result.status.value, "http_status": result.http_status,
            "final_url": result.final_url, "title": result.title, "published": result.published,
            "elapsed_ms": result.elapsed_ms, "archive_url": result.archive_url, "detail": result.detail,
            "from_cache": result.from_cache}


def links(document: Document, results: tuple[LinkResult, ...] = ()) -> list[dict[str, JSONValue]]:
    """Every cited URL: what the manuscript claims about it and what checking it found."""
    found = {r.url: r for r in results}
    out: list[dict[str, JSONValue]] = []
    items = [(None, r) for r in document.references] + [(f, f.entry) for f in document.footnotes if f.entry]
    for note, ref in items:
        if ref is None or not ref.url:
            continue
        encoded = url_date(ref.url)
        result = found.get(ref.url) or LinkResult(ref.url, LinkStatus.NOT_CHECKED, detail="not checked")
        out.append({**link_dict(result), "domain_class": domain_class(ref.url),
                    "line": ref.span.line, "column": ref.span.column,
                    "location": document.location(ref.span.line, ref.span.column, ref.span.path),
                    "footnote": note.id if note else None,
                    "reference": None if note else (ref.number if ref.number is not None else ref.index),
                    "claimed_title": ref.title, "claimed_date": ref.update_date or ref.date,
                    "access_date": ref.access_date, "date_in_url": encoded[0] if encoded else None})
    return out


def report_dict(result: AuditResult, *, timestamp: str | None = None) -> dict[str, JSONValue]:
    doc = result.document
    model = model_dict(doc)
    # Each entry's citations, gathered in one pass (in text order), not by a scan of every
    # citation for every entry: 20,000 entries cited once each were 400 million comparisons
    cited: dict[int, list[Citation]] = {}
    for c in doc.citations:
        if c.reference is not None:
            cited.setdefault(c.reference, []).append(c)
    references = []
    for ref, data in zip(doc.references, model["references"], strict=True):
        citing = cited.get(ref.index, [])
        references.append({**data, "times_cited": len(citing), "pages_cited": [p for c in citing for p in c.pages]})
    title = doc.front_matter.title_zh or doc.front_matter.title_en
    out: dict[str, JSONValue] = {
        "schema": SCHEMA,
        "tool": {"name": "citeguard", "version": __version__},
        "document": {**model["document"], "title": title.text if title else None,
                     "standard": result.standard.value, "paper_date": result.paper_date},
        "options": {"select": list(result.options.select), "ignore": list(result.options.ignore),
                    "fail_on": result.options.fail_on, "offline": result.options.offline,
                    "min_confidence": result.options.min_confidence},
        "summary": {**model["summary"], "findings": {**severity_counts(result.findings),
                                                     "total": len(result.findings),
                                                     "confidence": confidence_counts(result.findings)}},
        "front_matter": model["front_matter"],
        "references": references,
        "citations": model["citations"],
        "footnote_markers": model["footnote_markers"],
        "footnotes": model["footnotes"],
        "links": links(doc, result.links),
        "findings": [finding_dict(f, doc) for f in result.findings],
    }
    if result.verifications:  # only with --verify: the offline report is unchanged
        out["verifications"] = [verdict_dict(v) for v in result.verifications]
    if result.quotations:  # only with --library DIR
        out["quotations"] = [quotation_json(v) for v in result.quotations]
    if timestamp:
        out["generated"] = timestamp
    return out


def quotation_json(v: QuoteVerdict) -> dict[str, object]:
    """One verdict as the JSON reports write it."""
    return {"quote": v.quote, "line": v.span.line, "path": v.span.path or None, "reference": v.reference,
            "work": v.work, "page_cited": v.page_cited or None, "status": v.status.value,
            "page_found": v.page_found or None, "source": v.source or None, "diff": v.diff or None,
            "passage": v.passage or None}


def render_report_json(result: AuditResult, *, timestamp: str | None = None) -> str:
    """Deterministic JSON (no time in it unless ``timestamp`` is given)."""
    return dumps_indented(report_dict(result, timestamp=timestamp)) + "\n"


__all__ = ["SCHEMA", "AuditOptions", "AuditResult", "confidence_counts", "render_report_json", "report_dict",
           "severity_counts", "to_json"]
