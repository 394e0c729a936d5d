"""Library entry points: read, parse and link a manuscript in one call."""

from __future__ import annotations

from pathlib import Path

from citeguard.checks import audit
from citeguard.ingest import SourceText, read_project
from citeguard.link import link_citations
from citeguard.model import Document, Finding, Standard
from citeguard.parse import parse_source


def load_with_source(path: str | Path, *, allow_outside: bool = False, max_pages: int | None = None
                     ) -> tuple[SourceText, Document]:
    """The decoded file and its linked document (the HTML report shows the text itself); files the
    manuscript names outside its folder are read only with ``allow_outside``; a PDF of more than
    ``max_pages`` pages (default: ingest.pdf.MAX_PAGES) is refused."""
    project = read_project(path, allow_outside=allow_outside, max_pages=max_pages)
    document = parse_source(project.main, bibs=project.bibs, syntax=project.syntax, notes=project.notes,
                            parts=project.parts)
    return project.main, link_citations(document)


def load_document(path: str | Path) -> Document:
    """Read, parse and link the manuscript at ``path`` (raises IngestError on unreadable input);
    a Markdown or LaTeX manuscript brings the .bib files it names."""
    return load_with_source(path)[1]


def document_from_text(text: str, path: str = "<text>") -> Document:
    """Parse and link manuscript text that is already decoded."""
    return link_citations(parse_source(SourceText.from_text(text, path=path)))


def audit_file(path: str | Path, *, standard: Standard | None = None, select: tuple[str, ...] = (),
               ignore: tuple[str, ...] = ()) -> tuple[Document, tuple[Finding, ...]]:
    """Read, parse, link and audit a manuscript; findings sorted by position."""
    document = load_document(path)
    _, findings = audit(document, standard=standard, select=select, ignore=ignore)
    return document, findings
