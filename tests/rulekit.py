"""Helpers for rule tests: audit a small document and pick findings of one code."""

from __future__ import annotations

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.model import Finding, Severity, Standard


def findings(text: str, code: str, standard: Standard | None = None) -> list[Finding]:
    _, found = audit(document_from_text(text), standard=standard, select=[code])
    return [f for f in found if f.code == code]


def summary(text: str, code: str, standard: Standard | None = None) -> list[tuple[int, Severity]]:
    """(line, severity) of each finding of ``code``."""
    return [(f.line, f.severity) for f in findings(text, code, standard)]


def paper(body: str, refs: str) -> str:
    """A small author-year paper: body paragraphs, then a numbered reference list."""
    return f"{body.strip()}\n\n参考文献\n\n{refs.strip()}\n"
