"""Verdicts on cited works as the reports show them (pure; shared by the verify JSON, the audit
JSON and the HTML report)."""

from __future__ import annotations

from urllib.parse import quote

from citeguard.records import Verification


def record_url(result: Verification) -> str | None:
    """Where the editor can see the record compared with (built here, never taken from the answer)."""
    record = result.record
    if record is None:
        return None
    if record.doi:
        return "https://doi.org/" + quote(record.doi, safe="/")
    if record.id.startswith("https://openalex.org/W") and record.id[len("https://openalex.org/W"):].isdigit():
        return record.id
    return None


def verdict_dict(result: Verification) -> dict[str, object]:
    record = result.record
    return {
        "reference": result.reference, "label": result.label, "line": result.span.line if result.span else None,
        "verdict": result.verdict.value, "detail": result.detail,
        "fields": [{"field": f.field, "cited": f.cited, "record": f.record} for f in result.fields],
        "record": None if record is None else {"source": record.source, "id": record.id, "doi": record.doi,
                                               "title": record.title, "url": record_url(result)},
        "notices": [{"kind": n.kind.value, "doi": n.doi, "date": n.date, "source": n.source} for n in result.notices],
        "sources": list(result.sources),
    }
