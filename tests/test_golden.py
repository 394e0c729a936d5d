"""The reference paper against a golden file written by reading the paper (not by running citeguard).

tests/golden/wang2026.expected.json lists all 51 entries with every field, all 32 footnotes
with page, marker line and fields, and every in-text citation with its entry; its "notes" list
what the reader saw that the audit rules must report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from citeguard.api import load_document
from citeguard.model import Document, Reference
from citeguard.report.model_json import reference_label

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt"
GOLDEN = json.loads((ROOT / "tests" / "golden" / "wang2026.expected.json").read_text(encoding="utf-8"))
ENTRY_FIELDS = ("type_code", "carrier", "authors", "et_al", "title", "container", "place", "publisher", "year",
                "volume", "issue", "pages", "date", "edition", "update_date", "access_date", "url", "doi")


@pytest.fixture(scope="module")
def document() -> Document:
    return load_document(PAPER)


def _fields(ref: Reference) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ENTRY_FIELDS:
        value = getattr(ref, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def test_reference_count(document: Document) -> None:
    assert len(document.references) == len(GOLDEN["references"]) == 51


@pytest.mark.parametrize("expected", GOLDEN["references"], ids=lambda e: f"ref{e['number']}")
def test_reference_fields(document: Document, expected: dict[str, Any]) -> None:
    ref = document.references[expected["number"] - 1]
    assert ref.number == expected["number"]
    assert ref.span.line == expected["line"]
    assert _fields(ref) == {k: expected[k] for k in ENTRY_FIELDS}


def test_footnotes_and_pages(document: Document) -> None:
    numbered = [f for f in document.footnotes if not f.is_fund_note]
    assert len(numbered) == len(GOLDEN["footnotes"]) == 32
    fund = [f for f in document.footnotes if f.is_fund_note]
    assert [f.span.line for f in fund] == [GOLDEN["fund_note_line"]]
    per_page = {p.number: sum(1 for f in numbered if f.page == p.number) for p in document.pages}
    for page in GOLDEN["pages"]:
        assert per_page[page["number"]] == page["footnotes"], page


@pytest.mark.parametrize("index", range(len(GOLDEN["footnotes"])), ids=lambda i: f"fn{i + 1}")
def test_footnote(document: Document, index: int) -> None:
    expected = GOLDEN["footnotes"][index]
    note = [f for f in document.footnotes if not f.is_fund_note][index]
    markers = {m.id: m for m in document.markers}
    assert (note.page, note.symbol, note.span.line) == (expected["page"], expected["symbol"], expected["line"])
    marker_line = markers[note.marker].span.line if note.marker else None
    assert marker_line == expected["marker_line"]
    assert note.entry is not None
    assert _fields(note.entry) == {k: expected[k] for k in ENTRY_FIELDS}


def test_citation_count(document: Document) -> None:
    assert len(document.citations) == len(GOLDEN["citations"])


@pytest.mark.parametrize("index", range(len(GOLDEN["citations"])), ids=lambda i: f"cit{i + 1}")
def test_citation(document: Document, index: int) -> None:
    expected = GOLDEN["citations"][index]
    c = document.citations[index]
    got = {"line": c.span.line, "author_text": c.author_text, "authors": list(c.authors), "et_al": c.et_al,
           "year": c.year, "pages": list(c.pages), "narrative": c.narrative,
           "reference": reference_label(document.references, c.reference)}
    assert got == {k: expected[k] for k in got}
