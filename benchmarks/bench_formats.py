"""Reading the reference paper as .txt, .docx and PDF — and, for the PDF, pdfplumber (what
citeguard uses) against pypdf's text extraction: time, and how much of the document each recovers.

    .venv/bin/python benchmarks/bench_formats.py [--repeat 5]

Accuracy is measured against the text form: references, citations, footnotes and footnote marks
found, how many footnote marks are tied to their footnote, and how many of the text form's
findings come out the same. Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from common import ROOT, paper_arguments

from citeguard.checks import audit
from citeguard.ingest import SourceText, read_source
from citeguard.link import link_citations
from citeguard.model import Document, Finding
from citeguard.parse import parse_source

STEM = ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy"


def _pypdf_source(path: str) -> SourceText:
    """pypdf's plain text of each page, pages separated by form feeds (as pdftotext does)."""
    from pypdf import PdfReader

    text = "\n\f\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return SourceText.from_text(text, path=path, encoding="pdf")


def _timed(read: Callable[[], SourceText], repeat: int) -> tuple[float, Document, tuple[Finding, ...]]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        source = read()
        times.append(time.perf_counter() - started)
    document = link_citations(parse_source(source))
    return statistics.median(times), document, audit(document)[1]


def _key(f: Finding) -> tuple[str, str]:
    return f.code, f.message if f.code != "CG111" else ""


def main() -> None:
    args = paper_arguments(__doc__, 5).parse_args()
    forms = [("text (.txt)", lambda: read_source(f"{STEM}.txt")),
             (".docx (python-docx + lxml)", lambda: read_source(f"{STEM}.docx")),
             ("PDF, pdfplumber (citeguard)", lambda: read_source(f"{STEM}.pdf")),
             ("PDF, pypdf extract_text", lambda: _pypdf_source(f"{STEM}.pdf"))]
    _, base, base_findings = _timed(forms[0][1], 1)
    wanted = {_key(f) for f in base_findings}
    print(f"{'form':30} {'read ms':>8} {'refs':>5} {'cites':>6} {'notes':>6} {'marks':>6} {'tied':>5} "
          f"{'same findings':>14}")
    for name, read in forms:
        seconds, doc, findings = _timed(read, args.repeat)
        notes = sum(1 for f in doc.footnotes if not f.is_fund_note)
        tied = sum(1 for m in doc.markers if m.footnote)
        same = len(wanted & {_key(f) for f in findings})
        print(f"{name:30} {seconds * 1000:8.1f} {len(doc.references):5} {len(doc.citations):6} {notes:6} "
              f"{len(doc.markers):6} {tied:5} {same:>6} of {len(wanted)} (+{len(findings) - same} other)")
    print(f"text form: {len(base.references)} references, {len(base.citations)} citations, "
          f"{sum(1 for f in base.footnotes if not f.is_fund_note)} footnotes, {len(base.markers)} marks")


if __name__ == "__main__":
    main()
