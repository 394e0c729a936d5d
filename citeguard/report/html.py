"""The HTML report an editor reviews: one self-contained file (inline CSS and JS, no remote
loads), rendered with Jinja2 autoescaping so that nothing from the manuscript can run."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from jinja2 import Template

from citeguard import __version__
from citeguard.checks import RULES
from citeguard.checks.page_rules import lists_cited_pages
from citeguard.checks.registry import FAMILIES, FAMILIES_ZH, ref_label
from citeguard.checks.url_rules import domain_class
from citeguard.ledger import LedgerRow
from citeguard.model import Document, Finding, LinkResult, LinkStatus, Severity, Span
from citeguard.report.audit_json import AuditResult, severity_counts
from citeguard.report.html_lists import Piece, footnote_items, link_rows, reference_items, text_view
from citeguard.report.ledger_csv import row_key, verdict_by_row
from citeguard.report.messages import (
    HTML_UI as UI,
)
from citeguard.report.messages import (
    evidence_label,
    evidence_value,
    held_to_gbt,
    link_detail,
    place,
    severity_name,
    status_name,
    style_name,
    t,
)
from citeguard.report.templates import template as load_template
from citeguard.report.verdicts import record_url
from citeguard.report.year_chart import year_chart
from citeguard.urls import split_url

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
MAX_NOTES_PER_ITEM = 20  # findings shown under one reference or footnote (the findings table has them all)


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (never javascript: or data:)."""
    parts = split_url(url) if url else None
    if url and parts is not None and parts.scheme.lower() in ("http", "https"):
        return url
    return None


def _lines(source: str, result: AuditResult, worst_at: dict[tuple[int, int], str],
           finding_at: dict[tuple[int, int], str], worst_note: dict[str, str], ui: dict[str, str]
           ) -> list[list[Piece]]:
    doc = result.document
    marks: dict[int, list[tuple[Span, str, str, str, str]]] = defaultdict(list)
    for c in doc.citations:
        where = (c.span.line, c.span.column)
        # A linked citation goes to its entry; an unlinked one to the finding that says why.
        target = f"ref-{c.reference}" if c.reference else finding_at.get(where, "")
        tip = doc.references[c.reference - 1].raw if c.reference else ui["no_entry"]
        marks[c.span.line].append((c.span, "cit", target, tip, worst_at.get(where, "")))
    notes = {f.id: f for f in doc.footnotes}
    for m in doc.markers:
        note = notes.get(m.footnote or "")
        where = (m.span.line, m.span.column)
        target = f"fn-{m.footnote}" if note else finding_at.get(where, "")
        severity = worst_at.get(where, "") or (worst_note.get(m.footnote or "", "") if note else "")
        marks[m.span.line].append((m.span, "mark", target, note.text if note else ui["no_footnote"],
                                   severity))
    out = []
    for number, text in enumerate(source.split("\n"), start=1):
        pieces, pos = [], 0
        for span, kind, target, tip, severity in sorted(marks.get(number, []), key=lambda x: x[0].column):
            start = span.column - 1
            end = span.end_column if span.end_line == number else len(text)
            if start < pos or start >= len(text):
                continue
            if start > pos:
                pieces.append(Piece(text[pos:start]))
            pieces.append(Piece(text[start:end], kind, target, tip, severity))
            pos = end
        pieces.append(Piece(text[pos:]))
        out.append(pieces)
    return out


def _worst(findings: tuple[Finding, ...]) -> str:
    return min((f.severity for f in findings), key=lambda s: SEVERITY_ORDER[s]).value if findings else ""


def render_html(result: AuditResult, source: str, ledger: list[LedgerRow], *, lang: str = "zh") -> str:
    """The whole report as one HTML string."""
    doc = result.document
    ui = UI["zh" if lang == "zh" else "en"]
    families = FAMILIES_ZH if lang == "zh" else FAMILIES
    findings = sorted(result.findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.line, f.column))
    worst_at: dict[tuple[int, int], str] = {}
    finding_at: dict[tuple[int, int], str] = {}
    by_note: dict[str, list[Finding]] = defaultdict(list)
    for i, f in enumerate(findings):
        worst_at.setdefault((f.line, f.column), f.severity.value)  # sorted: the worst comes first
        finding_at.setdefault((f.line, f.column), f"f{i}")
        for note_id in f.footnotes:
            if len(by_note[note_id]) < MAX_NOTES_PER_ITEM:  # sorted by severity: the worst are kept
                by_note[note_id].append(f)
    ids = {c.id: c for c in doc.citations}
    for f in findings:  # a finding about many citations (e.g. CG111) colours every one of them
        for cid in f.citations:
            c = ids.get(cid)
            if c is not None:
                worst_at.setdefault((c.span.line, c.span.column), f.severity.value)
    by_ref: dict[int, list[Finding]] = defaultdict(list)
    for f in result.findings:
        for n in f.references:
            by_ref[n].append(f)
    cited = Counter(c.reference for c in doc.citations if c.reference)
    pages_cited: dict[int, list[str]] = defaultdict(list)
    cited_at: dict[int, list[int]] = defaultdict(list)
    for c in doc.citations:
        if c.reference:
            pages_cited[c.reference].extend(c.pages)
            cited_at[c.reference].append(c.span.line)
    links = {r.url: r for r in result.links}
    verdicts = {v.span: {"verdict": v.verdict.value, "detail": v.detail, "url": record_url(v)}
                for v in result.verifications if v.span is not None}
    worst_of: dict[int, str] = {}
    references = []
    for ref in doc.references:
        number = ref.number if ref.number is not None else ref.index
        link = links.get(ref.url or "")
        references.append({"id": f"ref-{ref.index}", "label": ref_label(doc, ref.index), "raw": ref.raw,
                           "line": None if ref.span.path else ref.span.line, "cited": cited.get(ref.index, 0),
                           "cited_at": sorted(set(cited_at.get(ref.index, []))),
                           "show_pages": lists_cited_pages(ref),
                           "pages_cited": pages_cited.get(ref.index, []), "pages_listed": list(ref.pages),
                           "link": link.status.value if link else "",
                           "verdict": verdicts.get(ref.span),
                           # entries may share a number: each shows a bounded share (all are in the table)
                           "findings": by_ref.get(number, [])[:MAX_NOTES_PER_ITEM],
                           "worst": worst_of[number] if number in worst_of else
                           worst_of.setdefault(number, _worst(tuple(by_ref.get(number, []))))})
    links_found = []
    for entry, note in [(r, None) for r in doc.references] + [(f.entry, f) for f in doc.footnotes if f.entry]:
        if entry is None or not entry.url:
            continue
        res = links.get(entry.url) or LinkResult(entry.url, LinkStatus.NOT_CHECKED)
        links_found.append({"url": entry.url, "href": _safe_url(entry.url), "domain": domain_class(entry.url),
                          "status": res.status.value, "status_label": status_name(res.status.value, lang),
                          "final_url": res.final_url if res.final_url and res.final_url != entry.url else "",
                          "detail": link_detail(res.detail, lang), "code": res.http_status or "", "title": res.title or "",
                          "published": res.published or "", "claimed_title": entry.title or "",
                          "claimed_date": entry.update_date or entry.date or "", "archive": _safe_url(res.archive_url),
                          "line": entry.span.line, "where": note.id if note else f"ref-{entry.index}"})
    quoted = verdict_by_row(result.quotations)
    works: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in ledger:
        works[row.work].append(row)
    template = _template()
    title = doc.front_matter.title_zh or doc.front_matter.title_en
    notes = [f for f in doc.footnotes if not f.is_fund_note]

    def line_label(n: int) -> str:
        return f"第 {n} 行" if lang == "zh" else f"L{n}"

    def page_label(n: int) -> str:
        return f"第 {n} 页" if lang == "zh" else f"p.{n}"

    def ev_value(value: object) -> str:
        return evidence_value(str(value), lang)

    return template.render(
        ui=ui, lang="zh" if lang == "zh" else "en", version=__version__, doc=doc,
        title=title.text if title else doc.path, counts=severity_counts(result.findings),
        family_counts=Counter(families.get(f.code[2], "?") for f in result.findings),
        # GB/T 7714 is named only for a paper in its style; another paper's header names its style
        standard=result.standard.value if held_to_gbt(doc) else "", style=style_name(doc, lang),
        paper_date=result.paper_date, findings=findings,
        family_of={code: families.get(code[2], "?") for code in RULES}, rule_names={c: r.name for c, r in RULES.items()},
        codes=sorted({f.code for f in result.findings}), families=sorted(set(families.values())),
        text_view=text_view(_lines(source, result, worst_at, finding_at,
                                   {k: _worst(tuple(v)) for k, v in by_note.items()}, ui),
                            _line_labels(doc, source, lang)),
        references=references, reference_items=reference_items(references, ui, lang, line_label),
        links=links_found, link_rows=link_rows(links_found, ui, ev_value, line_label), works=works,
        footnotes=notes, footnote_items=footnote_items(notes, by_note, lang, page_label, line_label),
        unchecked=bool(links_found) and all(r["status"] == "not-checked" for r in links_found),
        text_lang="zh" if doc.language.value == "zh" else "en",
        chart=year_chart(doc.references),
        sev_name={s.value: severity_name(s, lang) for s in Severity}, colon="：" if lang == "zh" else ": ",
        where=lambda line, column: place(doc.location(line, column), lang), place=lambda label: place(label, lang),
        ev_label=lambda name: evidence_label(name, lang), ev_value=ev_value, line_label=line_label,
        page_label=page_label, checked_quotes=bool(result.quotations),
        quote_verdict=lambda row: quoted.get(row_key(row)), quote_status=lambda v: t(f"quotes.{v.status.value}", lang),
        diff_parts=diff_parts)


# A piece of a quotation's diff: [-dropped] [+added]
_DIFF_RE = re.compile(r"\[([+-])([^\]]{0,400})\]")


def diff_parts(diff: str) -> list[tuple[str, str]]:
    """A verdict's diff as (kind, text) pieces for the template: "del" what the edition has and the
    quotation dropped, "ins" what the quotation added (shown as text, never as markup)."""
    return [("del" if m.group(1) == "-" else "ins", m.group(2)) for m in _DIFF_RE.finditer(diff)]


def _template() -> Template:
    """The report template (compiled once per machine: report/templates.py)."""
    return load_template("report.html.j2")


def _line_labels(doc: Document, source: str, lang: str) -> list[str]:
    """What the text view prints in front of each line: its number, or for a .docx / PDF the
    paragraph or page-and-line it came from (shown once, where it changes)."""
    count = source.count("\n") + 1
    if doc.positions is None:
        return [str(n) for n in range(1, count + 1)]
    out, previous = [], ""
    for n in range(1, count + 1):
        label = doc.positions.label(n)
        out.append(place(label, lang) if label != previous else "")
        previous = label
    return out
