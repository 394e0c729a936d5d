"""The document model as JSON (``citeguard parse --json``); schema in docs/model.md."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from citeguard.model import Citation, Document, Located, Reference, Span
from citeguard.report.json_text import dumps_indented

SCHEMA = "citeguard-model/1"

JSONValue = Any  # JSON-ready value: dict / list / str / int / float / bool / None


def _span(span: Span) -> dict[str, int | str]:
    out: dict[str, int | str] = {"line": span.line, "column": span.column, "end_line": span.end_line,
                                 "end_column": span.end_column}
    if span.path:
        out["path"] = span.path  # the place is in another file than the manuscript (a .bib, an \input file)
    return out


# Values that are already JSON (exact types: a StrEnum is a str but is written as its value)
_PLAIN = frozenset({str, int, float, bool, type(None)})
# Each dataclass's field names, looked up once per class rather than once per value: a report of
# 20,000 footnotes converts a million values
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def to_json(value: object) -> JSONValue:
    """Convert a model value: a ``span`` field becomes line/column keys of its owner."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [to_json(v) for v in value]  # type: ignore[attr-defined]
    if kind is Span:
        return _span(value)  # type: ignore[arg-type]
    if isinstance(value, Enum):
        return value.value
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not is_dataclass(value) or isinstance(value, type):
            return [to_json(v) for v in value] if isinstance(value, (tuple, list)) else value
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    out: dict[str, JSONValue] = {}
    for name in names:
        item = getattr(value, name)
        if type(item) in _PLAIN:  # most fields: no call
            out[name] = item
        elif name == "span" and isinstance(item, Span):
            out.update(_span(item))
        else:
            out[name] = to_json(item)
    return out


def reference_label(references: tuple[Reference, ...], index: int | None) -> int | None:
    """The number an editor sees for entry ``index``: its printed number, else its position."""
    if index is None or not 1 <= index <= len(references):
        return None
    ref = references[index - 1]
    return ref.number if ref.number is not None else ref.index


def _citation(citation: Citation, references: tuple[Reference, ...]) -> JSONValue:
    out = to_json(citation)
    out["reference_index"] = citation.reference
    out["reference"] = reference_label(references, citation.reference)
    out["candidates"] = [dict(to_json(c), reference=reference_label(references, c.reference),
                              reference_index=c.reference) for c in citation.candidates]
    return out


def model_dict(document: Document) -> dict[str, JSONValue]:
    """The whole model as plain JSON values."""
    front = {}
    for f in fields(document.front_matter):
        item = getattr(document.front_matter, f.name)
        if isinstance(item, Located):
            front[f.name] = {"text": item.text, **_span(item.span)}
        else:
            front[f.name] = to_json(item)
    return {
        "schema": SCHEMA,
        "document": {"path": document.path, "sha256": document.sha256, "encoding": document.encoding,
                     "language": document.language.value, "citation_system": document.system.value,
                     "references_heading": to_json(document.references_heading),
                     "position_style": document.positions.style.value if document.positions else "line",
                     "ocr": document.ocr},
        "summary": {"paragraphs": len(document.paragraphs), "pages": len(document.pages),
                    "references": len(document.references), "citations": len(document.citations),
                    "linked_citations": sum(1 for c in document.citations if c.reference is not None),
                    "footnote_markers": len(document.markers),
                    "footnotes": sum(1 for f in document.footnotes if not f.is_fund_note),
                    "urls": sum(len(f.urls) for f in document.footnotes)
                    + sum(1 for r in document.references if r.url),
                    "parse_issues": len(document.issues)},
        "front_matter": front,
        "pages": to_json(document.pages),
        "paragraphs": [{"index": p.index, **_span(p.span), "pages": list(p.pages), "is_heading": p.is_heading,
                        "chars": len(p.text)} for p in document.paragraphs],
        "references": to_json(document.references),
        "citations": [_citation(c, document.references) for c in document.citations],
        "footnote_markers": to_json(document.markers),
        "footnotes": to_json(document.footnotes),
        "issues": to_json(document.issues),
    }


def render_model_json(document: Document) -> str:
    """Deterministic JSON text of the model (same input, same bytes)."""
    return dumps_indented(model_dict(document)) + "\n"
