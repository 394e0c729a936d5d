"""``citeguard fix`` on a Word manuscript: each correction as a tracked change (``w:del`` of the old
characters, ``w:ins`` of the new ones, author "citeguard"), so the editor accepts or rejects it in
Word. Only the characters that change are marked — re-punctuating an entry marks its commas, not the
whole entry — and untouched runs keep their formatting; footnotes and comments are not touched.
Pure: the .docx bytes and the edits in, the new bytes out."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from copy import deepcopy
from difflib import SequenceMatcher
from typing import Any

from citeguard.fixes import Edit
from citeguard.model import Document

_PARAGRAPH_RE = re.compile(r"¶(\d+)$")
# A place in a note: "footnote 3 (③, p. 2)"  "endnote 1"
_NOTE_RE = re.compile(r"(footnote|endnote) (\d+)\b")
MAX_OCCURRENCES = 200  # places the old text is looked for in one paragraph
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _simple(run: Any, w: str) -> bool:
    """A run of formatting and one w:t: the only kind split here."""
    return len([c for c in run if c.tag != w + "rPr"]) == 1 and run.find(w + "t") is not None


def _split_at(run: Any, at: int, w: str) -> Any:
    second = deepcopy(run)
    first_t, second_t = run.find(w + "t"), second.find(w + "t")
    value = first_t.text or ""
    first_t.text, second_t.text = value[:at], value[at:]
    for t in (first_t, second_t):
        t.set(_XML_SPACE, "preserve")
    run.addnext(second)
    return second


def _runs_for(runs: list[Any], start: int, end: int, w: str) -> list[Any] | None:
    """The runs holding exactly characters ``start:end`` of the paragraph's text, split at the edges;
    None when a run there is not a plain text run (a field, a note mark)."""
    chosen, offset = [], 0
    for run in list(runs):
        value = "".join(t.text or "" for t in run.iter(w + "t"))
        lo, hi = offset, offset + len(value)
        offset = hi
        if hi <= start or lo >= end or not value:
            continue
        if not _simple(run, w):
            return None
        if lo < start:
            run = _split_at(run, start - lo, w)
            lo = start
        if hi > end:
            _split_at(run, end - lo, w)
        chosen.append(run)
    return chosen


def _mark(paragraph: Any, old: str, new: str, column: int, ids: list[int], stamp: dict[str, str], w: str) -> bool:
    """Replace ``old`` (its occurrence nearest ``column``) by ``new`` in the paragraph, character
    changes tracked. False when the paragraph's runs do not spell ``old`` plainly."""
    hidden = (w + "del", w + "moveFrom", w + "txbxContent")
    runs = [r for r in paragraph.iter(w + "r")
            if r.find(w + "t") is not None and not any(a.tag in hidden for a in r.iterancestors())]
    whole = "".join("".join(t.text or "" for t in r.iter(w + "t")) for r in runs)
    starts = [m.start() for m in re.finditer(re.escape(old), whole)][:MAX_OCCURRENCES]
    if not starts:
        return False
    base = min(starts, key=lambda s: abs(s - (column - 1)))
    # the changes, last first: offsets before a change stay valid while later text is rewritten
    ops = [op for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]
    for _op, i1, i2, j1, j2 in reversed(ops):
        current = [r for r in paragraph.iter(w + "r")
                   if r.find(w + "t") is not None and not any(a.tag in hidden for a in r.iterancestors())]
        if i2 > i1:
            target = _runs_for(current, base + i1, base + i2, w)
            if not target:
                return False
            deletion = paragraph.makeelement(w + "del", {w + "id": str(ids[0]), **stamp})
            ids[0] += 1
            target[0].addprevious(deletion)
            for run in target:
                for t in run.findall(w + "t"):
                    t.tag = w + "delText"
                deletion.append(run)
            anchor, after = deletion, True
        else:  # a pure insertion: after the run ending at base + i1
            before = _runs_for(current, base + i1 - 1, base + i1, w) if i1 > 0 else None
            if not before:
                return False
            anchor, after = before[-1], True
        if j2 > j1:
            template = anchor.find(w + "r") if anchor.tag == w + "del" else anchor
            insertion = paragraph.makeelement(w + "ins", {w + "id": str(ids[0]), **stamp})
            ids[0] += 1
            run = paragraph.makeelement(w + "r", {})
            props = template.find(w + "rPr") if template is not None else None
            if props is not None:
                run.append(deepcopy(props))
            t = run.makeelement(w + "t", {_XML_SPACE: "preserve"})
            t.text = new[j1:j2]
            run.append(t)
            insertion.append(run)
            if after:
                anchor.addnext(insertion)
    return True


class _NoteParts:
    """The footnotes and endnotes parts of a .docx, read once and written back after the edits."""

    def __init__(self, word: Any, paragraphs: list[Any], w: str) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.parser import parse_xml
        self._w = w
        self._parts: dict[str, tuple[Any, Any]] = {}
        for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
            for rel in word.part.rels.values():
                if rel.reltype == reltype and not rel.is_external:
                    self._parts[kind] = (rel.target_part, parse_xml(rel.target_part.blob))
        # the w:id each note's n-th accepted reference in the body points to (as ingest counts them)
        self._ids: dict[tuple[str, int], str] = {}
        counts = {"footnote": 0, "endnote": 0}
        hidden = (w + "del", w + "moveFrom")
        for p in paragraphs:
            for el in p.iter(w + "footnoteReference", w + "endnoteReference"):
                if any(a.tag in hidden for a in el.iterancestors()):
                    continue
                kind = "footnote" if el.tag == w + "footnoteReference" else "endnote"
                counts[kind] += 1
                self._ids[(kind, counts[kind])] = el.get(w + "id", "")
        self._touched: set[str] = set()

    def paragraphs(self, kind: str, ordinal: int) -> list[Any]:
        ident, found = self._ids.get((kind, ordinal)), self._parts.get(kind)
        if ident is None or found is None:
            return []
        self._touched.add(kind)
        note = next((n for n in found[1] if n.get(self._w + "id") == ident), None)
        return list(note.iter(self._w + "p")) if note is not None else []

    def save(self) -> None:
        from docx.opc.oxml import serialize_part_xml
        for kind in self._touched:
            part, root = self._parts[kind]
            part._blob = serialize_part_xml(root)  # a plain Part: its bytes are what the package saves


def tracked_docx(data: bytes, document: Document, text: str, edits: Sequence[Edit], *, date: str
                 ) -> tuple[bytes, int]:
    """The .docx ``data`` with each edit of a body paragraph as tracked changes; the number applied.
    An edit in a footnote, or over text the runs do not spell plainly, is not applied."""
    import docx

    from citeguard.ingest.docx import W, body_paragraphs

    word = docx.Document(io.BytesIO(data))
    paragraphs = list(body_paragraphs(word.element.body))
    notes = _NoteParts(word, paragraphs, W)
    stamp = {W + "author": "citeguard", W + "date": date}
    ids = [900_000]  # w:id of each change, clear of the ids the document already uses
    applied = 0
    for e in edits:
        line = _line_of(text, e.start)
        where = document.location(line, 1)
        column = e.start - (text.rfind("\n", 0, e.start) + 1) + 1
        old = text[e.start:e.end]
        if (m := _PARAGRAPH_RE.match(where)) and 1 <= int(m.group(1)) <= len(paragraphs):
            applied += _mark(paragraphs[int(m.group(1)) - 1], old, e.new, column, ids, stamp, W)
        elif n := _NOTE_RE.match(where):  # a note's own paragraphs, in footnotes.xml / endnotes.xml
            applied += any(_mark(p, old, e.new, 0, ids, stamp, W) for p in notes.paragraphs(n.group(1), int(n.group(2)))
                           if old in "".join(t.text or "" for t in p.iter(W + "t")))
    notes.save()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), applied
