"""Formats CI platforms read: SARIF 2.1.0, GitHub Actions annotations, Markdown for a PR comment.
Pure renderers: an AuditResult in, a string out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

from citeguard import __version__
from citeguard.checks import RULES
from citeguard.checks.registry import FAMILIES, FAMILIES_ZH
from citeguard.model import Finding, Severity
from citeguard.report.audit_json import AuditResult, severity_counts
from citeguard.report.json_text import dumps_indented
from citeguard.report.messages import confidence_note, held_to_gbt, place, plural, standard_name, style_name, t
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
    return dumps_indented(sarif) + "\n"


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
            message += t("fix", lang, fix=f.fix(lang))
        doc = result.document
        if doc.positions is not None and not f.path:  # no lines in a .docx / PDF: the place leads the message
            message = f"{place(doc.location(f.line, f.column), lang)}{'：' if lang == 'zh' else ': '}{message}"
            where = f"file={_escape_property(_uri(doc.path))},"
        else:
            where = f"file={_escape_property(_uri(f.path or doc.path))},line={f.line},col={f.column},"
        name = FAMILIES_ZH.get(f.code[2], "") if lang == "zh" else f.rule  # (rule names are English identifiers)
        props = f"{where}title={_escape_property(f'{f.code} {name}{confidence_note(f.confidence, lang)}')}"
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def _md_cell(text: str) -> str:
    """Manuscript text is data: no HTML, no Markdown, no @mentions may survive into the comment."""
    text = visible_controls(text.replace("\n", " "), one_line=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("@", "@\u200b")


def _standard(result: AuditResult, lang: str) -> str:
    """GB/T 7714 and its edition for a paper in its style, else the paper's own style ("APA/Harvard")."""
    if held_to_gbt(result.document):
        return standard_name(result.standard, lang)
    return style_name(result.document, lang)


def render_markdown(results: list[AuditResult], *, lang: str = "en", limit: int = 100,
                    unreadable: Sequence[tuple[str, str]] = ()) -> str:
    """A PR comment: the papers that could not be read, then for each paper counts and a table of
    findings (the most severe first)."""
    out = ["## citeguard", ""]
    for path, reason in unreadable:
        out += [f"### {_md_cell(_uri(path))}", "", "❌ " + t("md.unreadable", lang, reason=_md_cell(reason)), ""]
    families = FAMILIES_ZH if lang == "zh" else FAMILIES
    for result in results:
        counts = severity_counts(result.findings)
        references, citations = len(result.document.references), len(result.document.citations)
        by_family = Counter(families.get(f.code[2], "?") for f in result.findings if f.code in RULES)
        out += [f"### {_md_cell(_uri(result.document.path))}", "",
                t("md.counts", lang, errors=counts["error"], errors_word=plural(counts["error"], "error"),
                  warnings=counts["warning"], warnings_word=plural(counts["warning"], "warning"),
                  infos=counts["info"], infos_word=plural(counts["info"], "note"), standard=_standard(result, lang),
                  references=references, references_word=plural(references, "reference"),
                  citations=citations, citations_word=plural(citations, "citation")), ""]
        if by_family:
            out.append(" · ".join(f"{family}: {n}" for family, n in sorted(by_family.items())))
            out.append("")
        ranked: list[Finding] = sorted(result.findings, key=lambda f: (-f.severity.rank, f.line, f.code))
        if ranked:
            out += [t("md.header", lang), "|---|---|---|---|---|---|"]
            icon = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
            for f in ranked[:limit]:
                message = f.message_zh if lang == "zh" else f.message
                where = (f"{_md_cell(f.path)} {f.line}:{f.column}" if f.path
                         else _md_cell(place(result.document.location(f.line, f.column), lang)))
                out.append(f"| {icon[f.severity]} | {f.code} | {where} | {_md_cell(message)} | "
                           f"{_md_cell(f.fix(lang))} | {t(f'confidence.{f.confidence.value}', lang)} |")
            if len(ranked) > limit:
                out.append("\n" + t("md.more", lang, n=len(ranked) - limit))
        else:
            out.append(t("md.none", lang))
        out.append("")
    return "\n".join(out)
