"""SARIF (validated against the OASIS schema), GitHub annotations and Markdown renderers."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from citeguard.api import load_document
from citeguard.checks import RULES, audit
from citeguard.model import Document, Finding, Severity
from citeguard.report.audit_json import AuditResult
from citeguard.report.ci_formats import render_github, render_markdown, render_sarif

from .conftest import PAPER

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> AuditResult:
    doc = load_document(PAPER)
    ctx, findings = audit(doc)
    return AuditResult(doc, ctx.standard, ctx.paper_date, findings)


def test_sarif_validates_against_the_schema(result: AuditResult) -> None:
    log = json.loads(render_sarif([result]))
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == set(RULES)
    first = run["results"][0]
    assert first["ruleId"] == result.findings[0].code
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (result.findings[0].line, result.findings[0].column)
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_sarif_with_no_findings_validates(result: AuditResult) -> None:
    empty = AuditResult(result.document, result.standard, None, ())
    jsonschema.validate(json.loads(render_sarif([empty])), SCHEMA)


def _one(doc: Document, message: str, severity: Severity = Severity.ERROR) -> AuditResult:
    return AuditResult(doc, audit(doc)[0].standard, None,
                       (Finding("CG201", "cited-page-not-in-entry", severity, message, "中文", 3, 7, suggestion="a,b"),))


@pytest.mark.parametrize(("message", "expected"), [
    ("plain", "::error file=corpus/x.txt,line=3,col=7,title=CG201 cited-page-not-in-entry::plain (fix: a,b)"),
    ("100% sure\nsecond line", "::error file=corpus/x.txt,line=3,col=7,title=CG201 cited-page-not-in-entry::100%25 sure%0Asecond "
                               "line (fix: a,b)"),
])
def test_github_annotation_escaping(result: AuditResult, message: str, expected: str) -> None:
    from dataclasses import replace
    doc = replace(result.document, path="./corpus/x.txt")
    assert render_github(_one(doc, message)) == expected + "\n"


def test_github_levels(result: AuditResult) -> None:
    lines = render_github(result).splitlines()
    assert len(lines) == len(result.findings)
    assert {line.split(" ", 1)[0] for line in lines} == {"::error", "::warning", "::notice"}


def test_markdown_comment(result: AuditResult) -> None:
    text = render_markdown([result])
    assert "**2 errors, 20 warnings, 8 notes**" in text
    assert text.index("CG201") < text.index("CG102")  # errors first
    assert "\\|" not in text or "|" in text
    assert render_markdown([_one(result.document, "a | b")]).count("a \\| b") == 1


@pytest.mark.parametrize(("lang", "fix"), [("zh", "请对照 [1]（姓名相近（周文），年份相同） 核对姓名"),
                                           ("en", "check the spelling against [1] (similar name 周文, same year)")])
def test_fix_is_in_the_report_language(lang: str, fix: str) -> None:
    from citeguard.api import document_from_text
    from citeguard.report.terminal import render_audit_summary

    doc = document_from_text("正文（周闻，2023）。\n\n参考文献\n\n[1] 周文.论新质生产力[J].改革,2023(10):1-13.\n")
    ctx, findings = audit(doc, select=("CG104",))
    (near,) = findings
    assert near.fix(lang) == fix
    result = AuditResult(doc, ctx.standard, None, findings)
    assert f"→ {fix}" in render_audit_summary(result, lang=lang, width=200)
    assert fix.split(" [")[0] in render_markdown([result], lang=lang)  # (the rest is Markdown-escaped)
