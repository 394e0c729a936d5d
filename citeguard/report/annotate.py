"""``citeguard annotate``: the findings as Word comments in a copy of the .docx.

Each finding becomes one comment (author "citeguard"). A finding about a citation is anchored on
the citation's own text — the runs holding it, split at its edges when they hold more — so that the
editor does not hunt for it in a long paragraph; any other finding on the runs of its paragraph. A
finding inside a footnote or endnote is anchored on the body paragraph holding the note's
reference, and says which note.  The text itself is left untouched: reading the annotated copy
gives the same text as the original (tests/test_annotate.py checks it).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from citeguard.model import Citation, Document, Finding
from citeguard.report.messages import place, severity_name

# Positions of a .docx (ingest.docx): "¶12", "footnote 3 (③, p. 2)", "endnote 1"
_PARAGRAPH_RE = re.compile(r"¶(\d+)$")
_NOTE_RE = re.compile(r"(footnote|endnote) (\d+)\b")
MAX_OCCURRENCES = 200  # places a citation's text is looked for in one paragraph


def comment_text(f: Finding, where: str, lang: str) -> str:
    """One comment: code, severity and message; the fix; the place when it is a note."""
    message = f.message_zh if lang == "zh" else f.message
    text = f"{f.code} {severity_name(f.severity, lang)}{'：' if lang == 'zh' else ': '}{message}"
    if where.startswith(("footnote", "endnote")):
        text = f"[{place(where, lang)}] {text}"
    fix = f.fix(lang)
    return text + (f"\n→ {fix}" if fix else "")


def _cited_text(citations: dict[str, Citation], f: Finding) -> str:
    """The text of the citation a finding is about ("" when it is about no citation)."""
    cited = citations.get(f.citations[0]) if f.citations else None
    return cited.text if cited is not None and cited.text.strip() else ""


def _split(run: Any, at: int) -> Any:
    """Cut a run of one w:t at character ``at``; returns the new second run (same formatting)."""
    from copy import deepcopy

    from citeguard.ingest.docx import W
    second = deepcopy(run)
    first_t, second_t = run.find(W + "t"), second.find(W + "t")
    text = first_t.text or ""
    first_t.text, second_t.text = text[:at], text[at:]
    for t in (first_t, second_t):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(second)
    return second


def _anchor_runs(runs: list[Any], cited: str, column: int) -> list[Any] | None:
    """The runs holding exactly ``cited`` (its occurrence nearest to ``column``), split at its edges
    where a run holds more; None when the runs do not spell it (a field, a note mark between)."""
    from citeguard.ingest.docx import W
    texts = ["".join(t.text or "" for t in r.iter(W + "t")) for r in runs]
    whole = "".join(texts)
    starts = [m.start() for m in re.finditer(re.escape(cited), whole)][:MAX_OCCURRENCES]
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - (column - 1)))
    end = start + len(cited)
    chosen, offset = [], 0
    for run, text in zip(runs, texts, strict=True):
        lo, hi = offset, offset + len(text)
        offset = hi
        if hi <= start or lo >= end or not text:
            continue
        simple = len([c for c in run if c.tag != W + "rPr"]) == 1 and run.find(W + "t") is not None
        if lo < start and simple:  # the run begins before the citation: its head stays outside
            run = _split(run, start - lo)
            lo = start
        if hi > end and simple:  # … or runs on after it
            _split(run, end - lo)
        chosen.append(run)
    return chosen or None


def _note_marks(paragraphs: list[Any]) -> dict[tuple[str, int], tuple[Any, Any]]:
    """Each accepted note reference, (kind, ordinal) → (its paragraph, the run holding it): a note's
    comment sits on its mark, not on the whole paragraph. Found once for the document, not once
    per finding (which walked every paragraph for each)."""
    from citeguard.ingest.docx import W
    out: dict[tuple[str, int], tuple[Any, Any]] = {}
    counts = {"footnote": 0, "endnote": 0}
    for p in paragraphs:
        for el in p.iter(W + "footnoteReference", W + "endnoteReference"):
            if any(a.tag in (W + "del", W + "moveFrom") for a in el.iterancestors()):
                continue
            kind = "footnote" if el.tag == W + "footnoteReference" else "endnote"
            counts[kind] += 1
            out[(kind, counts[kind])] = (p, el.getparent())
    return out


def annotate_docx(data: bytes, document: Document, findings: Sequence[Finding], *, lang: str = "en"
                  ) -> tuple[bytes, int]:
    """The .docx ``data`` with one comment per finding, and the number of comments added."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from citeguard.ingest.docx import W, body_paragraphs, note_paragraphs

    word = docx.Document(io.BytesIO(data))
    body = word.element.body
    paragraphs = list(body_paragraphs(body))
    notes = note_paragraphs(body)
    # Annotating an annotated copy again must not repeat its comments.
    existing = {c.text for c in word.comments if c.author == "citeguard"}
    marks = _note_marks(paragraphs)
    citations: dict[str, Citation] = {}
    for c in document.citations:
        citations.setdefault(c.id, c)  # (the first of an id, as before)
    hidden = (W + "del", W + "moveFrom", W + "txbxContent")
    added = 0
    for f in findings:
        if f.path or not paragraphs:
            continue  # a finding in another file (a .bib) has no place in this one
        where = document.location(f.line, f.column)
        index = 0
        mark = None  # a note's finding: the run of its reference mark in the body
        if m := _PARAGRAPH_RE.match(where):
            index = min(int(m.group(1)), len(paragraphs)) - 1
        elif m := _NOTE_RE.match(where):
            index = notes.get((m.group(1), int(m.group(2))), 0)
            held, run = marks.get((m.group(1), int(m.group(2))), (None, None))
            mark = run if held is paragraphs[index] and run is not None and run.tag == W + "r" else None
        text = comment_text(f, where, lang)
        if text in existing:
            continue
        paragraph = Paragraph(paragraphs[index], word._body)
        # The paragraph's visible runs, also those inside hyperlinks and tracked insertions
        elements = [r for r in paragraphs[index].iter(W + "r")
                    if r.find(W + "t") is not None and not any(a.tag in hidden for a in r.iterancestors())]
        cited = _cited_text(citations, f) if _PARAGRAPH_RE.match(where) else ""
        anchored = _anchor_runs(elements, cited, f.column) if cited else ([mark] if mark is not None else None)
        runs = [Run(r, paragraph) for r in (anchored or elements)]
        word.add_comment(runs or [paragraph.add_run("")], text=text, author="citeguard", initials="CG")
        existing.add(text)
        added += 1
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), added
