"""Formats CI platforms read: SARIF 2.1.0, GitHub Actions annotations, Markdown for a PR comment.
Pure renderers: an AuditResult in, a string out."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import PurePath

from citeguard import __version__
from citeguard.checks import RULES
from citeguard.model import Confidence, Finding, Severity
from citeguard.report.audit_json import AuditResult, severity_counts
from citeguard.report.untrusted import visible_controls

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS_URI = "https://pypi.org/project/citeguard/docs/rules.md"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _uri(path: str) -> str:
    """A relative, forward-slash URI for a file path (what code-scanning UIs expect)."""
    return PurePath(path).as_posix().removeprefix("./")


def render_sarif(results: list[AuditResult]) -> str:
    """One SARIF run for all audited papers; tool.driver.rules is the whole registry."""
    ordered = sorted(RULES.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(ordered)}
    rules = [{"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
              "fullDescription": {"text": r.doc}, "help": {"text": r.doc, "markdown": r.doc},
              "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
              "helpUri": f"{DOCS_URI}#{r.code.lower()}-{r.name}",
              "properties": {"family": r.family}} for r in ordered]
    out = []
    for result in results:
        for f in result.findings:
            doc = result.document
            location: dict[str, object] = {"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path or doc.path)},
                "region": {"startLine": f.line, "startColumn": f.column}}}
            message = f.message
            if doc.positions is not None and not f.path:
                # A .docx or PDF has no lines a viewer could jump to: the paragraph or page is a
                # logical location, and it leads the message so that it is read.
                where = doc.location(f.line, f.column)
                location = {"physicalLocation": {"artifactLocation": {"uri": _uri(doc.path)}},
                            "logicalLocations": [{"name": where, "kind": "element"}]}
                message = f"{where}: {message}"
            item: dict[str, object] = {
                "ruleId": f.code, "level": _SARIF_LEVEL[f.severity], "message": {"text": message},
                "locations": [location],
                "properties": {"message_zh": f.message_zh, "references": list(f.references),
                               "footnotes": list(f.footnotes), "confidence": f.confidence.value},
            }
            if f.code in index:
                item["ruleIndex"] = index[f.code]
            if f.suggestion:
                item["properties"] = {**item["properties"], "suggestion": f.suggestion,  # type: ignore[dict-item]
                                      **({"suggestion_zh": f.suggestion_zh} if f.suggestion_zh else {})}
            out.append(item)
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "citeguard", "version": __version__, "semanticVersion": __version__,
                            "informationUri": "https://pypi.org/project/citeguard/", "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": out}]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    """GitHub workflow-command escaping of the message part (control characters shown, since the
    Actions log viewer obeys ANSI escapes)."""
    return visible_controls(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: AuditResult, *, lang: str = "en") -> str:
    """``::error file=…,line=…,col=…,title=CG201::message`` lines for GitHub Actions."""
    lines = []
    for f in result.findings:
        message = f.message_zh if lang == "zh" else f.message
        if f.suggestion:
            message += f" (fix: {f.fix(lang)})" if lang != "zh" else f"（建议：{f.fix(lang)}）"
        doc = result.document
        if doc.positions is not None and not f.path:  # no lines in a .docx / PDF: the place leads the message
            message = f"{doc.location(f.line, f.column)}: {message}"
            where = f"file={_escape_property(_uri(doc.path))},"
        else:
            where = f"file={_escape_property(_uri(f.path or doc.path))},line={f.line},col={f.column},"
        sure = "" if f.confidence is Confidence.HIGH else f" ({f.confidence.value} confidence)"
        props = f"{where}title={_escape_property(f'{f.code} {f.rule}{sure}')}"
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def _md_cell(text: str) -> str:
    """Manuscript text is data: no HTML, no Markdown, no @mentions may survive into the comment."""
    text = visible_controls(text.replace("\n", " "), one_line=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("@", "@\u200b")


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def render_markdown(results: list[AuditResult], *, lang: str = "en", limit: int = 100) -> str:
    """A PR comment: counts, then a table of findings (the most severe first)."""
    out = ["## citeguard", ""]
    for result in results:
        counts = severity_counts(result.findings)
        by_family = Counter(RULES[f.code].family for f in result.findings if f.code in RULES)
        out += [f"### {_md_cell(_uri(result.document.path))}", "",
                f"**{_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')}, {_n(counts['info'], 'note')}** — "
                f"GB/T 7714-{result.standard.value[2:]}, {len(result.document.references)} references, "
                f"{len(result.document.citations)} citations", ""]
        if by_family:
            out.append(" · ".join(f"{family}: {n}" for family, n in sorted(by_family.items())))
            out.append("")
        ranked: list[Finding] = sorted(result.findings, key=lambda f: (-f.severity.rank, f.line, f.code))
        if ranked:
            out += ["| | code | line | finding | fix | sure |", "|---|---|---|---|---|---|"]
            icon = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
            for f in ranked[:limit]:
                message = f.message_zh if lang == "zh" else f.message
                where = (f"{_md_cell(f.path)} {f.line}:{f.column}" if f.path
                         else _md_cell(result.document.location(f.line, f.column)))
                out.append(f"| {icon[f.severity]} | {f.code} | {where} | {_md_cell(message)} | "
                           f"{_md_cell(f.fix(lang))} | {f.confidence.value} |")
            if len(ranked) > limit:
                out.append(f"\n… and {len(ranked) - limit} more (see the JSON or HTML report).")
        else:
            out.append("No findings.")
        out.append("")
    return "\n".join(out)
