"""The HTML report an editor reviews: one self-contained file (inline CSS and JS, no remote
loads), rendered with Jinja2 autoescaping so that nothing from the manuscript can run."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.resources import files
from urllib.parse import urlsplit

from jinja2 import Environment, StrictUndefined, select_autoescape

from citeguard import __version__
from citeguard.checks import RULES
from citeguard.checks.registry import FAMILIES, FAMILIES_ZH, ref_label
from citeguard.checks.url_rules import domain_class
from citeguard.ledger import LedgerRow
from citeguard.model import Finding, LinkResult, LinkStatus, Severity, Span
from citeguard.report.audit_json import AuditResult, severity_counts

UI = {
    "en": {"title": "citeguard report", "summary": "Summary", "findings": "Findings", "text": "Text",
           "references": "References", "links": "Links", "ledger": "Quotation ledger", "all": "all",
           "severity": "severity", "family": "family", "code": "code", "line": "line", "message": "finding",
           "fix": "fix", "cited": "cited", "pages_cited": "pages cited", "pages_listed": "pages listed",
           "status": "status", "found": "found on the page", "claimed": "claimed in the paper",
           "archive": "archived copy", "page": "page", "quote": "passage", "where": "where", "work": "work",
           "duplicate": "cited twice", "not_listed": "not in the entry", "standard": "standard",
           "none": "No findings.", "times": "×", "shown": "shown", "paper_date": "dated",
           "footnotes": "Footnotes", "citations": "Citations",
           "ledger_help": "Every page the paper cites, with the passage before the citation (text in quotation "
                          "marks, else the sentence). Check each against the printed book."},
    "zh": {"title": "citeguard 审校报告", "summary": "概要", "findings": "问题清单", "text": "正文",
           "references": "参考文献", "links": "网址", "ledger": "引文核对表", "all": "全部",
           "severity": "级别", "family": "类别", "code": "代码", "line": "行", "message": "问题",
           "fix": "建议", "cited": "被引", "pages_cited": "正文引用页码", "pages_listed": "条目所列页码",
           "status": "状态", "found": "网页实际", "claimed": "文中著录", "archive": "存档",
           "page": "页码", "quote": "引文", "where": "位置", "work": "文献", "duplicate": "重复引用",
           "not_listed": "条目未列此页", "standard": "标准", "none": "未发现问题。", "times": "次",
           "shown": "显示", "paper_date": "日期", "footnotes": "脚注", "citations": "正文引用",
           "ledger_help": "正文中所有标注页码的引用，附引文（引号内文字，否则为所在句子），供对照原书逐条核对。"},
}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one text line: plain, or a highlighted citation / footnote mark."""

    text: str
    kind: str = ""  # "", "cit" or "mark"
    target: str = ""  # id of the element a click goes to
    tip: str = ""  # hover text
    severity: str = ""  # worst finding at this place


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (never javascript: or data:)."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def _lines(source: str, result: AuditResult, worst_at: dict[tuple[int, int], str]) -> list[list[Piece]]:
    doc = result.document
    marks: dict[int, list[tuple[Span, str, str, str]]] = defaultdict(list)
    for c in doc.citations:
        target = f"ref-{c.reference}" if c.reference else ""
        tip = doc.references[c.reference - 1].raw if c.reference else "no entry found"
        marks[c.span.line].append((c.span, "cit", target, tip))
    notes = {f.id: f for f in doc.footnotes}
    for m in doc.markers:
        note = notes.get(m.footnote or "")
        marks[m.span.line].append((m.span, "mark", f"fn-{m.footnote}" if note else "",
                                   note.text if note else "no footnote on this page"))
    out = []
    for number, text in enumerate(source.split("\n"), start=1):
        pieces, pos = [], 0
        for span, kind, target, tip in sorted(marks.get(number, []), key=lambda x: x[0].column):
            start = span.column - 1
            end = span.end_column if span.end_line == number else len(text)
            if start < pos or start >= len(text):
                continue
            if start > pos:
                pieces.append(Piece(text[pos:start]))
            pieces.append(Piece(text[start:end], kind, target, tip, worst_at.get((number, span.column), "")))
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
    worst_at: dict[tuple[int, int], str] = {}
    for f in sorted(result.findings, key=lambda x: SEVERITY_ORDER[x.severity], reverse=True):
        worst_at[(f.line, f.column)] = f.severity.value
    by_ref: dict[int, list[Finding]] = defaultdict(list)
    for f in result.findings:
        for n in f.references:
            by_ref[n].append(f)
    cited = Counter(c.reference for c in doc.citations if c.reference)
    pages_cited: dict[int, list[str]] = defaultdict(list)
    for c in doc.citations:
        if c.reference:
            pages_cited[c.reference].extend(c.pages)
    links = {r.url: r for r in result.links}
    references = []
    for ref in doc.references:
        number = ref.number if ref.number is not None else ref.index
        link = links.get(ref.url or "")
        references.append({"id": f"ref-{ref.index}", "label": ref_label(doc, ref.index), "raw": ref.raw,
                           "line": ref.span.line, "cited": cited.get(ref.index, 0),
                           "pages_cited": pages_cited.get(ref.index, []), "pages_listed": list(ref.pages),
                           "link": link.status.value if link else "", "findings": by_ref.get(number, []),
                           "worst": _worst(tuple(by_ref.get(number, [])))})
    link_rows = []
    for entry, note in [(r, None) for r in doc.references] + [(f.entry, f) for f in doc.footnotes if f.entry]:
        if entry is None or not entry.url:
            continue
        res = links.get(entry.url) or LinkResult(entry.url, LinkStatus.NOT_CHECKED)
        link_rows.append({"url": entry.url, "href": _safe_url(entry.url), "domain": domain_class(entry.url),
                          "status": res.status.value, "code": res.http_status or "", "title": res.title or "",
                          "published": res.published or "", "claimed_title": entry.title or "",
                          "claimed_date": entry.update_date or entry.date or "", "archive": _safe_url(res.archive_url),
                          "line": entry.span.line, "where": note.id if note else f"ref-{entry.index}"})
    works: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in ledger:
        works[row.work].append(row)
    findings = sorted(result.findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.line, f.column))
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(files("citeguard.report").joinpath("report.html.j2").read_text(encoding="utf-8"))
    title = doc.front_matter.title_zh or doc.front_matter.title_en
    return template.render(
        ui=ui, lang="zh" if lang == "zh" else "en", version=__version__, doc=doc,
        title=title.text if title else doc.path, counts=severity_counts(result.findings),
        family_counts=Counter(families.get(f.code[2], "?") for f in result.findings),
        standard=result.standard.value, paper_date=result.paper_date, findings=findings,
        family_of={code: families.get(code[2], "?") for code in RULES}, rule_names={c: r.name for c, r in RULES.items()},
        codes=sorted({f.code for f in result.findings}), families=sorted(set(families.values())),
        lines=_lines(source, result, worst_at), references=references, links=link_rows, works=works,
        footnotes=[f for f in doc.footnotes if not f.is_fund_note])
