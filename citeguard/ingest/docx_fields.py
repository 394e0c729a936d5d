"""The fields of a Word document (``w:fldChar`` begin/separate/end with ``w:instrText`` runs between,
and ``w:fldSimple``): each top-level field's instruction, the text it displays and where it stands —
where reference managers keep what a citation means (issue 25: ``ADDIN ZOTERO_ITEM CSL_CITATION {…}``,
``ADDIN CSL_CITATION {…}`` of Mendeley, ``ADDIN EN.CITE …``, ``ADDIN NE.Ref.{…}``, ``CITATION …``) —
and what the document keeps beside them: NoteExpress's document variables (``word/settings.xml``)
and Word's own bibliography sources (a customXml part)."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from citeguard.ingest.docx_numbers import W
from citeguard.ingest.docx_walk import body_paragraphs
from citeguard.managed import FieldCode, FieldStore

MAX_FIELDS = 20_000  # fields read from one document
MAX_INSTRUCTION = 1_000_000  # characters of one field's instruction (a CSL JSON with its items)
MAX_DISPLAY = 2_000  # characters of the text a field displays
MAX_DEPTH = 16  # fields nested in one another
MAX_DATA = 2_000_000  # characters of base64 field data decoded for one field
MAX_STORE = 20_000  # document variables read
MAX_SOURCES = 5_000_000  # bytes of a customXml part read as Word's sources

# A field that spans paragraphs: a reference manager's bibliography (or Word's) holds the whole list
#   " ADDIN ZOTERO_BIBL {…} CSL_BIBLIOGRAPHY"  " ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY"
#   " ADDIN EN.REFLIST "  " ADDIN NE.Bib"  " BIBLIOGRAPHY \l 2052"
SPANNING_RE = re.compile(r"^\s*(?:ADDIN\s+(?:ZOTERO_BIBL|Mendeley\s+Bibliography|CSL_BIBLIOGRAPHY|EN\.REFLIST|NE\.Bib)"
                         r"|BIBLIOGRAPHY)\b")
_DELETED = (W + "del", W + "moveFrom")


class _Open:
    """A field begun and not yet ended."""

    __slots__ = ("data", "instr", "paragraph", "result", "shown", "size")

    def __init__(self, paragraph: int) -> None:
        self.paragraph = paragraph
        self.instr: list[str] = []
        self.shown: list[str] = []
        self.data: list[str] = []
        self.size = 0
        self.result = False


def read_fields(body: Any, where: str = "") -> tuple[FieldCode, ...]:
    """The top-level fields of the paragraphs of ``body`` (the document body, or a notes part's root
    with ``where`` "footnote"/"endnote": then ``paragraph`` counts the part's notes), in order. A field
    ends in the paragraph it began in, except a bibliography, which may span paragraphs."""
    out: list[FieldCode] = []
    stack: list[_Open] = []
    for number, p in _numbered(body, where):
        if stack and not SPANNING_RE.match("".join(stack[0].instr)):
            stack.clear()  # a field left open at its paragraph's end: damaged, dropped
        for el in p.iter(W + "fldChar", W + "instrText", W + "t", W + "fldSimple"):
            if len(out) >= MAX_FIELDS:
                return tuple(out)
            if any(a.tag in _DELETED for a in el.iterancestors()):
                continue  # deleted text is no part of the document
            if el.tag == W + "fldSimple":
                if not stack:
                    shown = "".join(t.text or "" for t in el.iter(W + "t"))
                    out.append(FieldCode(number, (el.get(W + "instr") or "")[:MAX_INSTRUCTION], shown[:MAX_DISPLAY],
                                         number, where))
            elif el.tag == W + "fldChar":
                _fld_char(el, number, stack, out, where)
            elif el.tag == W + "instrText" and stack and not stack[-1].result:
                if stack[-1].size < MAX_INSTRUCTION:
                    stack[-1].instr.append(el.text or "")
                    stack[-1].size += len(el.text or "")
            elif el.tag == W + "t" and stack and stack[0].result and \
                    not any(a.tag == W + "fldSimple" for a in el.iterancestors()) and len(stack[0].shown) < MAX_DISPLAY:
                stack[0].shown.append(el.text or "")
    return tuple(out)


def _numbered(body: Any, where: str) -> Any:
    """(number, paragraph) of the body's paragraphs, or of each real note's paragraphs numbered by note."""
    if not where:
        yield from enumerate(body_paragraphs(body), start=1)
        return
    ordinal = 0
    for note in body.iter(W + where):
        if note.get(W + "type") not in (None, "normal"):
            continue  # separators
        ordinal += 1
        for p in note.iter(W + "p"):
            yield ordinal, p


def _fld_char(el: Any, number: int, stack: list[_Open], out: list[FieldCode], where: str) -> None:
    """One begin, separate or end mark: open, switch to the result, or close (a top-level field is kept)."""
    kind = el.get(W + "fldCharType")
    if kind == "begin" and len(stack) < MAX_DEPTH:
        stack.append(_Open(number))
        data = el.find(W + "fldData")
        if data is not None and data.text:
            stack[0].data.append(data.text[:MAX_DATA])  # EN.CITE.DATA's record, inner or outer
    elif kind == "separate" and stack:
        stack[-1].result = True
    elif kind == "end" and stack:
        field = stack.pop()
        if not stack:  # a top-level field: its own instruction and all it displays
            out.append(FieldCode(field.paragraph, "".join(field.instr)[:MAX_INSTRUCTION],
                                 "".join(field.shown)[:MAX_DISPLAY], number, where, _decoded(field.data)))


def _decoded(chunks: list[str]) -> str:
    """Base64 field data as text (EndNote's record XML); "" when it is not base64 of text."""
    for chunk in chunks:
        try:
            raw = base64.b64decode("".join(chunk.split())[:MAX_DATA], validate=True)
        except (binascii.Error, ValueError):
            continue
        text = raw.decode("utf-8", errors="replace")
        if "<" in text:
            return text
    return ""


def read_store(settings: Any, parts: Any) -> tuple[FieldStore, ...]:
    """NoteExpress's document variables (``w:docVar`` named NE.Ref{GUID}) of the settings part, and
    Word's bibliography sources (a customXml part holding ``b:Sources``)."""
    out: list[FieldStore] = []
    if settings is not None:
        for var in settings.iter(W + "docVar"):
            name = var.get(W + "name") or ""
            if name.startswith("NE.") and len(out) < MAX_STORE:
                out.append(FieldStore(name, (var.get(W + "val") or "")[:MAX_INSTRUCTION]))
    for part in parts:
        if not str(getattr(part, "partname", "")).startswith("/customXml/item"):
            continue
        blob = getattr(part, "blob", b"")[:MAX_SOURCES]
        if b"officeDocument/2006/bibliography" in blob[:4000]:
            out.append(FieldStore("sources", blob.decode("utf-8", errors="replace")))
    return tuple(out)
