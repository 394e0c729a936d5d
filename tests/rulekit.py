"""Helpers for rule tests: audit a small document and pick findings of one code."""

from __future__ import annotations

from pathlib import Path

from citeguard.api import audit_file, document_from_text
from citeguard.checks import audit
from citeguard.model import Document, Finding, Severity, Standard


def findings(text: str, code: str, standard: Standard | None = None) -> list[Finding]:
    _, found = audit(document_from_text(text), standard=standard, select=[code])
    return [f for f in found if f.code == code]


def summary(text: str, code: str, standard: Standard | None = None) -> list[tuple[int, Severity]]:
    """(line, severity) of each finding of ``code``."""
    return [(f.line, f.severity) for f in findings(text, code, standard)]


def paper(body: str, refs: str) -> str:
    """A small author-year paper: body paragraphs, then a numbered reference list."""
    return f"{body.strip()}\n\n参考文献\n\n{refs.strip()}\n"


def audit_files(folder: Path, files: dict[str, str], main: str) -> tuple[Document, list[Finding]]:
    """Write a small project (file name → text, in UTF-8) into ``folder`` and audit its ``main`` file."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    document, found = audit_file(folder / main)
    return document, list(found)
