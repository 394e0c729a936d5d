"""The fields of a Word body (``w:fldChar`` begin/separate/end with ``w:instrText`` runs between, and
``w:fldSimple``): each top-level field's instruction and the text it displays, with its paragraph —
where reference managers keep what a citation means (issue 25: ``ADDIN ZOTERO_ITEM CSL_CITATION {…}``,
``ADDIN CSL_CITATION {…}`` of Mendeley, ``ADDIN EN.CITE …``)."""

from __future__ import annotations

from typing import Any

from citeguard.ingest.docx_numbers import W
from citeguard.ingest.docx_walk import body_paragraphs
from citeguard.model import FieldCode

MAX_FIELDS = 20_000  # fields read from one document
MAX_INSTRUCTION = 1_000_000  # characters of one field's instruction (a CSL JSON with its items)
MAX_DISPLAY = 2_000  # characters of the text a field displays
MAX_DEPTH = 16  # fields nested in one another


def read_fields(body: Any) -> tuple[FieldCode, ...]:
    """The top-level fields of the body's paragraphs, in order (a field is read within its paragraph)."""
    out: list[FieldCode] = []
    for number, p in enumerate(body_paragraphs(body), start=1):
        stack: list[dict[str, Any]] = []
        for el in p.iter(W + "fldChar", W + "instrText", W + "t", W + "fldSimple"):
            if len(out) >= MAX_FIELDS:
                return tuple(out)
            if any(a.tag in (W + "del", W + "moveFrom") for a in el.iterancestors()):
                continue  # deleted text is no part of the document
            if el.tag == W + "fldSimple":
                shown = "".join(t.text or "" for t in el.iter(W + "t"))
                out.append(FieldCode(number, (el.get(W + "instr") or "")[:MAX_INSTRUCTION], shown[:MAX_DISPLAY]))
            elif el.tag == W + "fldChar":
                kind = el.get(W + "fldCharType")
                if kind == "begin" and len(stack) < MAX_DEPTH:
                    stack.append({"instr": [], "shown": [], "size": 0, "result": False})
                elif kind == "separate" and stack:
                    stack[-1]["result"] = True
                elif kind == "end" and stack:
                    field = stack.pop()
                    if not stack:  # a top-level field: its own instruction and all it displays
                        out.append(FieldCode(number, "".join(field["instr"])[:MAX_INSTRUCTION],
                                             "".join(field["shown"])[:MAX_DISPLAY]))
            elif el.tag == W + "instrText" and stack and not stack[-1]["result"]:
                if stack[-1]["size"] < MAX_INSTRUCTION:
                    stack[-1]["instr"].append(el.text or "")
                    stack[-1]["size"] += len(el.text or "")
            elif el.tag == W + "t" and stack and stack[0]["result"] and \
                    not any(a.tag == W + "fldSimple" for a in el.iterancestors()):
                stack[0]["shown"].append(el.text or "")
    return tuple(out)
