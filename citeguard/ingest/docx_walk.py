"""Walking WordprocessingML: the accepted text of body paragraphs and notes, with note
references, page and section breaks and superscripts marked for the renderer (ingest.docx).

Marks inside a paragraph's pieces (never in Word text, which cannot hold these characters):
``\\x00n\\x00`` the n-th note reference of the paragraph, ``\\x01…\\x02`` a superscript run,
``\\x03`` a page break, ``\\x04`` (first piece) a heading, ``\\x05`` the end of a section.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from citeguard.chars import CIRCLED_NUMBER, CJK_CHAR_RE
from citeguard.ingest.docx_numbers import Numbering, W, inherited, number, val
from citeguard.ingest.raised import as_citation
from citeguard.ingest.sourcetext import MAX_LINES, IngestError

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements whose content is not in the accepted text: deletions, moved-away text, field codes,
# property blocks (they hold the *old* formatting of tracked changes), reference marks of notes.
# A field's number format printing an enclosed number: "= 1 \* GB3"  "SEQ List \* GB3"
_GB_NUMBER_FIELD_RE = re.compile(r"\\\*\s*GB[1-4]\b")
_LOOK_AHEAD = 8  # text and instruction elements read at a paragraph's start to find its number field
_SKIP = frozenset(W + t for t in ("del", "moveFrom", "instrText", "delInstrText", "pPr", "rPr", "sectPr",
                                  "footnoteRef", "endnoteRef", "commentReference", "tblPr", "trPr", "tcPr",
                                  "tblGrid", "annotationRef"))
# Drawings and VML shapes: only the text of their text boxes is read.
_GRAPHICS = frozenset(W + t for t in ("drawing", "pict", "object"))
TXBX = W + "txbxContent"
# Heading paragraph styles: "Heading 1", "heading 2", "标题 1" ("Title" is not one)
HEADING_STYLE_RE = re.compile(r"^(?:heading|标题)\s*\d", re.IGNORECASE)


@dataclass
class Para:
    """A body paragraph as read: its pieces and the notes it refers to (kind, id, custom mark)."""

    number: int  # 1-based among all body paragraphs (table cells included)
    pieces: list[str] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    merge_next: bool = False  # its paragraph mark was deleted (tracked): it runs on into the next
    listed: bool = False  # it starts with Word's automatic list number (① of a list is an item, not a note)


def body_paragraphs(container: Any) -> Iterator[Any]:
    """The ``w:p`` elements of the body in reading order, table cells included: paragraph N of a
    position ("¶N") is the N-th of these (``citeguard annotate`` counts the same way)."""
    for child in container:
        if child.tag == W + "p":
            yield child
        elif child.tag in (W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml",
                           W + "ins", W + "moveTo"):
            yield from body_paragraphs(child)


def walk(el: Any, para: Para, state: dict[str, Any]) -> None:
    """Collect the accepted text of ``el`` into ``para``, with note references and breaks."""
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP or tag == MC_FALLBACK:
            continue
        if tag == W + "t":
            text = child.text or ""
            if state.get("custom"):  # the mark text after w:customMarkFollows
                kind, ident = state.pop("custom")
                para.notes.append((kind, ident, text.strip()[:4] or "*"))
                para.pieces.append(f"\x00{len(para.notes) - 1}\x00")
                text = text.strip()[4:] if len(text.strip()) > 4 else ""
            para.pieces.append(("\x01" + text + "\x02") if state.get("super") else text)
        elif tag in (W + "tab", W + "noBreakHyphen"):
            para.pieces.append("-" if tag == W + "noBreakHyphen" else " ")
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") == "page":
                para.pieces.append("" if state["rendered"] else "\x03")
            else:
                para.pieces.append("\n")  # a manual line break (Shift+Enter) ends a line
        elif tag == W + "lastRenderedPageBreak" and state["rendered"]:
            para.pieces.append("\x03")
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            kind = "footnote" if tag == W + "footnoteReference" else "endnote"
            ident = child.get(W + "id") or ""
            if child.get(W + "customMarkFollows") in ("1", "true", "on"):
                state["custom"] = (kind, ident)
            else:
                para.notes.append((kind, ident, ""))
                para.pieces.append(f"\x00{len(para.notes) - 1}\x00")
        elif tag == W + "r":
            rpr = child.find(W + "rPr")
            if rpr is not None and rpr.find(W + "vanish") is not None \
                    and val(rpr, W + "vanish", "1") not in ("0", "false", "off"):
                continue  # hidden text is not printed
            state["super"] = raised(rpr, state.get("raised_styles", frozenset()))
            walk(child, para, state)
            state["super"] = False
        elif tag in _GRAPHICS:
            if state.get("in_box"):
                continue  # a box in a box (Word cannot make one) is read with the outer box's paragraphs
            state["in_box"] = True
            for box in child.iter(TXBX):  # a text box: its paragraphs, inline
                if any(a.tag == TXBX for a in box.iterancestors()):
                    continue  # nested: its paragraphs are among the outer box's
                for p in box.iter(W + "p"):
                    para.pieces.append(" ")
                    walk(p, para, state)
                para.pieces.append(" ")
            state["in_box"] = False
        else:
            walk(child, para, state)


def raised(rpr: Any, raised_styles: frozenset[str]) -> bool:
    """Is a run printed raised: superscript directly, through its character style, or lifted
    with ``w:position``?"""
    if rpr is None:
        return False
    align = val(rpr, W + "vertAlign")
    if align is not None:
        return align == "superscript"
    if (val(rpr, W + "rStyle") or "") in raised_styles:
        return True
    position = val(rpr, W + "position") or "0"
    return position.isascii() and position.isdigit() and int(position) > 0


def raised_styles(styles: Any) -> frozenset[str]:
    """Character styles that print superscript (Word's "Footnote Reference", "Endnote
    Reference", a user's "Citation" style …), following ``w:basedOn``."""
    if styles is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for st in styles.iter(W + "style"):
        sid = st.get(W + "styleId") or ""
        align = val(st.find(W + "rPr"), W + "vertAlign")
        own[sid] = None if align is None else align == "superscript"
        if parent := val(st, W + "basedOn"):
            based[sid] = parent
    return frozenset(sid for sid, up in inherited(own, based).items() if up)


def _starts_with_number_field(p: Any) -> bool:
    """Does the paragraph open with a field that prints a number in an enclosed form — ``= 1 \\* GB3``
    is Word's ① (GB1 "1.", GB2 "(1)", GB3 "①", GB4 "㈠") — before any text of its own? Such a
    paragraph is a numbered item, as one numbered by the list numbering is."""
    for el in itertools.islice(p.iter(W + "t", W + "instrText"), _LOOK_AHEAD):
        if el.tag == W + "instrText":
            return bool(_GB_NUMBER_FIELD_RE.search(el.text or ""))
        if (el.text or "").strip():
            return False
    return False


def paragraphs(body: Any, rendered: bool, numbering: Numbering, headings: set[str],
               styles: frozenset[str] = frozenset()) -> list[Para]:
    """Every body paragraph with its list number, heading flag and breaks; ``styles`` are the
    character styles that print superscript."""
    out: list[Para] = []
    state: dict[str, Any] = {"rendered": rendered, "super": False, "raised_styles": styles}
    for p in body_paragraphs(body):
        if len(out) >= MAX_LINES:  # each paragraph with text is two lines or more: stop before walking 300,000
            raise IngestError(f"more than {MAX_LINES} paragraphs (the limit of lines of text); not read")
        para = Para(len(out) + 1)
        ppr = p.find(W + "pPr")
        if ppr is not None and not rendered and ppr.find(W + "pageBreakBefore") is not None:
            para.pieces.append("\x03")
        style = val(ppr, W + "pStyle", "") or ""
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        item = ((val(num_pr, W + "numId", "") or "", number(val(num_pr, W + "ilvl"), 0)) if num_pr is not None
                else numbering.style(style))
        if item is not None:
            label = numbering.label(*item)
            if label:
                para.pieces.append(label + " ")
                para.listed = True
        if not para.listed and _starts_with_number_field(p):
            para.listed = True
        if style in headings:
            para.pieces.insert(0, "\x04")
        walk(p, para, state)
        rpr = ppr.find(W + "rPr") if ppr is not None else None
        para.merge_next = rpr is not None and rpr.find(W + "del") is not None
        if ppr is not None and ppr.find(W + "sectPr") is not None:
            # A section ends here: the next one starts a page (unless Word's own marks say where
            # pages begin), and notes numbered "each section" start again.
            para.pieces.append("\x05" if rendered else "\x03\x05")
        out.append(para)
    return out


def note_texts(root: Any, tag: str, styles: frozenset[str] = frozenset()) -> dict[str, str]:
    """Text of each real note (separators excluded), paragraphs joined by a space."""
    texts: dict[str, str] = {}
    if root is None:
        return texts
    state: dict[str, Any] = {"rendered": True, "super": False, "raised_styles": styles}
    for note in root.iter(W + tag):
        if note.get(W + "type") not in (None, "normal"):
            continue
        parts = []
        for p in note.iter(W + "p"):
            if any(a.tag == TXBX for a in p.iterancestors()):
                continue  # read with its text box
            para = Para(0)
            walk(p, para, state)
            parts.append(plain("".join(para.pieces)))
        text = ""
        for part in (" ".join(p.split()) for t in parts for p in t.split("\n") if p.strip()):  # run on
            cjk = CJK_CHAR_RE.match(text[-1:]) or CJK_CHAR_RE.match(part[:1])
            url = re.match(r"(?:https?://|www\.)", part) and text[-1:] in ".]"  # "…].⏎https://…"
            text += ("" if cjk or url or not text else " ") + part
        texts[note.get(W + "id") or ""] = text
    return texts


def plain(text: str) -> str:
    """Piece marks removed: superscript brackets dropped, page, section and note marks gone."""
    text = re.sub(r"\x00\d+\x00", "", text)
    return re.sub(r"[\x01-\x05]", "", text)


def superscripts(text: str) -> str:
    """Superscript runs as the text parser reads them: a typed ① → ^① (real notes are ^{①});
    a raised number → [3], unless it is an exponent (m² stays m2)."""
    text = text.replace("\x02\x01", "")  # adjacent superscript runs are one superscript

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        if inner.strip() and all(ch in CIRCLED_NUMBER or ch == "*" for ch in inner.strip()):
            return "".join(f"^{ch}" for ch in inner.strip())  # typed, not a real note: no braces
        return as_citation(inner, m.string[max(0, m.start() - 32):m.start()]) or inner

    return re.sub(r"\x01([^\x01\x02]*)\x02", one, text)


# Where a manual line break (Shift+Enter) really ends a line: after the end of a sentence or an
# entry, or before a list item ("[2] …", "2. …", "- …")
_LINE_END_RE = re.compile(r"[。！？!?；;.]\s*$")
_ITEM_START_RE = re.compile(r"^\s*(?:[\[［]\d{1,4}[\]］]|\d{1,4}[.．、]|[-•·])")


def join_breaks(text: str) -> str:
    """Manual line breaks inside a sentence (often left from pasting, even inside a citation:
    "（张三，⏎2020）") are joined; those that end a sentence or start a list item stay.

    Each output line is kept as a list of pieces and only its last piece is looked at, so a
    paragraph of 100,000 breaks costs linear time (joining into one growing string did not)."""
    lines = text.split("\n")
    out: list[list[str]] = [[lines[0]]]
    for nxt in lines[1:]:
        current = out[-1]
        last = current[-1]  # a piece with text, unless the line is a single blank one
        if _LINE_END_RE.search(last[-64:]) or _ITEM_START_RE.match(nxt) or not last.strip() or not nxt.strip():
            out.append([nxt])
            continue
        current[-1] = last.rstrip()
        glue = "" if CJK_CHAR_RE.match(current[-1][-1:]) or CJK_CHAR_RE.match(nxt.lstrip()[:1]) else " "
        current.append(glue + nxt.lstrip())
    return "\n".join("".join(pieces) for pieces in out)
