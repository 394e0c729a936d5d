"""The HTML report an editor reviews: one self-contained file (inline CSS and JS, no remote
loads), rendered with Jinja2 autoescaping so that nothing from the manuscript can run."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, StrictUndefined, Template, select_autoescape

from citeguard import __version__
from citeguard.checks import RULES
from citeguard.checks.page_rules import lists_cited_pages
from citeguard.checks.registry import FAMILIES, FAMILIES_ZH, ref_label
from citeguard.checks.url_rules import domain_class
from citeguard.ledger import LedgerRow
from citeguard.model import Document, Finding, LinkResult, LinkStatus, Severity, Span
from citeguard.report.audit_json import AuditResult, severity_counts
from citeguard.report.verdicts import record_url
from citeguard.report.year_chart import year_chart
from citeguard.urls import split_url

UI = {
    "en": {"title": "citeguard report", "summary": "Summary", "findings": "Findings", "text": "Text",
           "references": "References", "links": "Links", "ledger": "Quotation ledger", "all": "all", "record": "record",
           "severity": "severity", "confidence": "confidence", "conf_high": "high", "conf_medium": "medium",
           "conf_low": "low", "family": "family", "code": "code", "line": "where", "message": "finding",
           "fix": "fix", "cited": "cited", "pages_cited": "pages cited", "pages_listed": "pages listed",
           "status": "status", "found": "found on the page", "claimed": "claimed in the paper",
           "archive": "archived copy", "page": "page", "quote": "passage", "where": "where", "work": "work",
           "duplicate": "page cited more than once", "not_listed": "not in the entry", "standard": "standard",
           "none": "No findings.", "times": "×", "shown": "shown", "paper_date": "dated",
           "footnotes": "Footnotes", "citations": "Citations", "cited_at": "cited at",
           "from_entry": "page from the entry",
           "unchecked": "The links were not checked (offline or no network): run the audit with network access.",
           "error": "errors", "warning": "warnings", "info": "notes", "final": "now at",
           "chart": "References by year: Chinese (dark) and other languages (light)",
           "chart_summary": "{zh} in Chinese, {other} in other languages, {undated} without a year; median year {median}",
           "ledger_help": "Every page the paper cites, with the passage before the citation (text in quotation "
                          "marks, else the sentence). Check each against the printed book."},
    "zh": {"title": "citeguard 审校报告", "summary": "概要", "findings": "问题清单", "text": "正文",
           "references": "参考文献", "links": "网址", "ledger": "引文核对表", "all": "全部", "record": "文献记录",
           "severity": "级别", "confidence": "置信度", "conf_high": "高", "conf_medium": "中", "conf_low": "低",
           "family": "类别", "code": "代码", "line": "位置", "message": "问题",
           "fix": "建议", "cited": "被引", "pages_cited": "正文引用页码", "pages_listed": "条目所列页码",
           "status": "状态", "found": "网页实际", "claimed": "文中著录", "archive": "存档",
           "page": "页码", "quote": "引文", "where": "位置", "work": "文献", "duplicate": "同页多次引用",
           "not_listed": "条目未列此页", "standard": "标准", "none": "未发现问题。", "times": "次",
           "shown": "显示", "paper_date": "日期", "footnotes": "脚注", "citations": "正文引用", "cited_at": "引用位置",
           "from_entry": "页码取自条目", "unchecked": "网址未检查（离线或无网络），请在可联网时重新审校。",
           "error": "错误", "warning": "警告", "info": "提示", "final": "现址",
           "chart": "参考文献的出版年份：中文（深色）与外文（浅色）",
           "chart_summary": "中文 {zh} 条，外文 {other} 条，无年份 {undated} 条；年份中位数 {median}",
           "ledger_help": "正文中所有标注页码的引用，附引文（引号内文字，否则为所在句子），供对照原书逐条核对。"},
}
STATUS_LABELS = {
    False: {},
    True: {"ok": "正常", "redirected": "已跳转", "not-found": "已失效", "soft-404": "页面不存在", "blocked": "拒绝自动访问",
           "server-error": "服务器错误", "timeout": "超时", "dns-error": "域名无法解析", "connection-error": "无法连接",
           "tls-error": "证书错误", "too-large": "页面过大", "private-address": "内网地址", "invalid-url": "网址无效",
           "not-checked": "未检查"},
}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
MAX_NOTES_PER_ITEM = 20  # findings shown under one reference or footnote (the findings table has them all)


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
    parts = split_url(url) if url else None
    if url and parts is not None and parts.scheme.lower() in ("http", "https"):
        return url
    return None


def _lines(source: str, result: AuditResult, worst_at: dict[tuple[int, int], str],
           finding_at: dict[tuple[int, int], str], worst_note: dict[str, str]) -> list[list[Piece]]:
    doc = result.document
    marks: dict[int, list[tuple[Span, str, str, str, str]]] = defaultdict(list)
    for c in doc.citations:
        where = (c.span.line, c.span.column)
        # A linked citation goes to its entry; an unlinked one to the finding that says why.
        target = f"ref-{c.reference}" if c.reference else finding_at.get(where, "")
        tip = doc.references[c.reference - 1].raw if c.reference else "no entry found"
        marks[c.span.line].append((c.span, "cit", target, tip, worst_at.get(where, "")))
    notes = {f.id: f for f in doc.footnotes}
    for m in doc.markers:
        note = notes.get(m.footnote or "")
        where = (m.span.line, m.span.column)
        target = f"fn-{m.footnote}" if note else finding_at.get(where, "")
        severity = worst_at.get(where, "") or (worst_note.get(m.footnote or "", "") if note else "")
        marks[m.span.line].append((m.span, "mark", target, note.text if note else "no footnote on this page",
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
    link_rows = []
    for entry, note in [(r, None) for r in doc.references] + [(f.entry, f) for f in doc.footnotes if f.entry]:
        if entry is None or not entry.url:
            continue
        res = links.get(entry.url) or LinkResult(entry.url, LinkStatus.NOT_CHECKED)
        link_rows.append({"url": entry.url, "href": _safe_url(entry.url), "domain": domain_class(entry.url),
                          "status": res.status.value, "status_label": STATUS_LABELS[ui is UI["zh"]].get(
                              res.status.value, res.status.value),
                          "final_url": res.final_url if res.final_url and res.final_url != entry.url else "",
                          "detail": res.detail, "code": res.http_status or "", "title": res.title or "",
                          "published": res.published or "", "claimed_title": entry.title or "",
                          "claimed_date": entry.update_date or entry.date or "", "archive": _safe_url(res.archive_url),
                          "line": entry.span.line, "where": note.id if note else f"ref-{entry.index}"})
    works: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in ledger:
        works[row.work].append(row)
    template = _template()
    title = doc.front_matter.title_zh or doc.front_matter.title_en
    return template.render(
        ui=ui, lang="zh" if lang == "zh" else "en", version=__version__, doc=doc,
        title=title.text if title else doc.path, counts=severity_counts(result.findings),
        family_counts=Counter(families.get(f.code[2], "?") for f in result.findings),
        standard=result.standard.value, paper_date=result.paper_date, findings=findings,
        family_of={code: families.get(code[2], "?") for code in RULES}, rule_names={c: r.name for c, r in RULES.items()},
        codes=sorted({f.code for f in result.findings}), families=sorted(set(families.values())),
        lines=_lines(source, result, worst_at, finding_at, {k: _worst(tuple(v)) for k, v in by_note.items()}),
        references=references, links=link_rows, works=works, by_note=by_note,
        footnotes=[f for f in doc.footnotes if not f.is_fund_note],
        unchecked=bool(link_rows) and all(r["status"] == "not-checked" for r in link_rows),
        text_lang="zh" if doc.language.value == "zh" else "en",
        line_labels=_line_labels(doc, source), chart=year_chart(doc.references))


@lru_cache(maxsize=1)
def _template() -> Template:
    """The report template, compiled once per process (compiling costs far more than rendering)."""
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env.from_string(files("citeguard.report").joinpath("report.html.j2").read_text(encoding="utf-8"))


def _line_labels(doc: Document, source: str) -> list[str]:
    """What the text view prints in front of each line: its number, or for a .docx / PDF the
    paragraph or page-and-line it came from (shown once, where it changes)."""
    count = source.count("\n") + 1
    if doc.positions is None:
        return [str(n) for n in range(1, count + 1)]
    out, previous = [], ""
    for n in range(1, count + 1):
        label = doc.positions.label(n)
        out.append(label if label != previous else "")
        previous = label
    return out
