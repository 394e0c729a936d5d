"""``citeguard annotate``: the findings as Word comments in a copy of the .docx.

Each finding becomes one comment (author "citeguard") anchored on the runs of the paragraph it
is in; a finding inside a footnote or endnote is anchored on the body paragraph holding the note's
reference, and says which note.  The text itself is left untouched: reading the annotated copy
gives the same text as the original (tests/test_annotate.py checks it).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from citeguard.model import Document, Finding

# Positions of a .docx (ingest.docx): "¶12", "footnote 3 (③, p. 2)", "endnote 1"
_PARAGRAPH_RE = re.compile(r"¶(\d+)$")
_NOTE_RE = re.compile(r"(footnote|endnote) (\d+)\b")


def comment_text(f: Finding, where: str, lang: str) -> str:
    """One comment: code, severity and message; the fix; the place when it is a note."""
    message = f.message_zh if lang == "zh" else f.message
    text = f"{f.code} {f.severity.value}: {message}"
    if where.startswith(("footnote", "endnote")):
        text = f"[{where}] {text}"
    fix = f.fix(lang)
    return text + (f"\n→ {fix}" if fix else "")


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
    hidden = (W + "del", W + "moveFrom", W + "txbxContent")
    added = 0
    for f in findings:
        if f.path or not paragraphs:
            continue  # a finding in another file (a .bib) has no place in this one
        where = document.location(f.line, f.column)
        index = 0
        if m := _PARAGRAPH_RE.match(where):
            index = min(int(m.group(1)), len(paragraphs)) - 1
        elif m := _NOTE_RE.match(where):
            index = notes.get((m.group(1), int(m.group(2))), 0)
        text = comment_text(f, where, lang)
        if text in existing:
            continue
        paragraph = Paragraph(paragraphs[index], word._body)
        # The paragraph's visible runs, also those inside hyperlinks and tracked insertions
        runs = [Run(r, paragraph) for r in paragraphs[index].iter(W + "r")
                if r.find(W + "t") is not None and not any(a.tag in hidden for a in r.iterancestors())]
        word.add_comment(runs or [paragraph.add_run("")], text=text, author="citeguard", initials="CG")
        existing.add(text)
        added += 1
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), added
