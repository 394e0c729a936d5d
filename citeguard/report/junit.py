"""JUnit XML for CI dashboards (issue 13; the format lychee chose): one test suite per paper, one
test case per finding, a failure for each finding at or above ``--fail-on`` (pure)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from citeguard.report.audit_json import AuditResult
from citeguard.report.untrusted import visible_controls

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def _text(value: str) -> str:
    """Manuscript text made safe for XML 1.0, which cannot carry most control characters at all."""
    return visible_controls(value, one_line=True)


def render_junit(results: Sequence[AuditResult], fail_rank: int, *, unreadable: Sequence[tuple[str, str]] = (),
                 lang: str = "en") -> str:
    """``fail_rank``: the lowest severity rank that fails (3 error, 2 warning, 1 info; above 3: never).
    ``unreadable``: (path, reason) of each paper that could not be read — an error, never a pass."""
    suites = ET.Element("testsuites", name="citeguard")
    total = failed = errors = 0
    for path, reason in unreadable:
        suite = ET.SubElement(suites, "testsuite", name=_text(path), tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname="citeguard", name=_text(f"{path}: unreadable"))
        ET.SubElement(case, "error", message=_text(reason), type="unreadable").text = _text(reason)
        total += 1
        errors += 1
    for result in results:
        path = result.document.path
        failures = [f for f in result.findings if SEVERITY_RANK.get(f.severity.value, 0) >= fail_rank]
        failing = {id(f) for f in failures}
        suite = ET.SubElement(suites, "testsuite", name=_text(path), tests=str(max(1, len(result.findings))),
                              failures=str(len(failures)), errors="0", skipped="0")
        if not result.findings:
            ET.SubElement(suite, "testcase", classname="citeguard", name="no findings")
        for f in result.findings:
            place = result.document.location(f.line, f.column, f.path)
            message = f.message_zh if lang == "zh" else f.message
            case = ET.SubElement(suite, "testcase", classname=f"{f.code} {f.rule}", name=_text(f"{place}: {message}"),
                                 file=_text(f.path or path), line=str(f.line))
            if id(f) in failing:
                failure = ET.SubElement(case, "failure", message=_text(message), type=f.severity.value)
                failure.text = _text(f"{f.code} {f.severity.value} ({f.confidence.value}) at {place}: {message}"
                                     + (f" → {f.fix(lang)}" if f.suggestion else ""))
        total += max(1, len(result.findings))
        failed += len(failures)
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    suites.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
