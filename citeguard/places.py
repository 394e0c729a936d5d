"""A place in a .docx or PDF in the reader's language: the labels ingest writes ("p. 4, line 12",
"¶12", "footnote 3 (③, p. 2)") in Chinese (第 4 页第 12 行, 第 12 段, 脚注 3). Below the checks and
the renderers, which both name places."""

from __future__ import annotations

import re

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

