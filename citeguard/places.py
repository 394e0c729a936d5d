"""A place in a .docx or PDF in the reader's language: the labels ingest writes ("p. 4, line 12",
"¶12", "footnote 3 (③, p. 2)") in Chinese (第 4 页第 12 行, 第 12 段, 脚注 3). Below the checks and
the renderers, which both name places."""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeguard.model import Citation, Document
from citeguard.words import plural

# Places in a .docx or PDF as the reader labels them: "p. 4, line 12"  "p. 4, line 23 (footnote)"
# "p. 4"  "¶12"  "footnote 3"  "footnote 8 (①, p. 4)"  "endnote 2"
_PAGE_LINE_RE = re.compile(r"^p\. (\d+)(?:, line (\d+))?( \(footnote\))?$")
_PARAGRAPH_RE = re.compile(r"^¶(\d+)$")
_NOTE_RE = re.compile(r"^(footnote|endnote|comment) (\S+)(?: \((.{1,8}), p\. (\d+)\))?$")
_NOTE_ZH = {"footnote": "脚注", "endnote": "尾注", "comment": "批注"}


def place(label: str, lang: str) -> str:
    """A place in a .docx or PDF in ``lang``: "p. 4, line 12" → "第 4 页第 12 行", "¶12" → "第 12 段",
    "footnote 3" → "脚注 3" (line:column places stay as they are)."""
    if lang != "zh":
        return label
    if m := _PAGE_LINE_RE.match(label):
        line = f"第 {m.group(2)} 行" if m.group(2) else ""
        return f"第 {m.group(1)} 页{line}" + ("（脚注）" if m.group(3) else "")
    if m := _PARAGRAPH_RE.match(label):
        return f"第 {m.group(1)} 段"
    if m := _NOTE_RE.match(label):
        shown = f"（{m.group(3)}，第 {m.group(4)} 页）" if m.group(3) else ""
        return f"{_NOTE_ZH[m.group(1)]} {m.group(2)}{shown}"
    return label


def citation_places(doc: Document, cits: Sequence[Citation]) -> tuple[str, str, str, str]:
    """Where citations stand, for a finding that names them all: (places, 地点, "lines " or "",
    "第 " or ""): line numbers in a text file, "¶10" or "p. 2, line 5" in a .docx or PDF."""
    if doc.positions is None:
        places = [str(n) for n in sorted({c.span.line for c in cits})]
    else:
        places = list(dict.fromkeys(doc.location(c.span.line, c.span.column) for c in cits))
    shown = (", " if doc.positions is None else "; ").join(places[:12]) + (" …" if len(places) > 12 else "")
    shown_zh = ("、" if doc.positions is None else "；").join(place(p, "zh") for p in places[:12]) + (
        " …" if len(places) > 12 else "")
    unit, unit_zh = (plural(len(places), "line") + " ", "第 ") if doc.positions is None else ("", "")
    return shown, shown_zh, unit, unit_zh
