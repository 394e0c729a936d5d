"""Word .docx → the text the parser reads, with real footnotes and a paragraph-number position map.

A .docx has no lines, so the text handed on is a *rendition*: one line per paragraph, blank lines
between paragraphs, every real footnote (``word/footnotes.xml``) written as a ``^{①} text`` line
in a block after the paragraphs of its page, and its reference in the body as ``^{①}``.  In the
rendition the circled numbers only pair references with notes (they count within the block); the
numbers Word shows (``w:footnotePr``: numFmt such as decimalEnclosedCircle, numRestart eachPage)
are computed here and put back by :func:`citeguard.parse.apply_note_labels`.  Every line of the
rendition carries the label of its place in the file ("¶12", "footnote 3"), which reports show
instead of line numbers.

Tracked changes are taken as accepted (``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom``
dropped, a deleted paragraph mark joins two paragraphs); comments and field codes are ignored,
field results kept.  Pages are known from Word's own ``w:lastRenderedPageBreak`` marks when the file
has them, else from explicit page breaks.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from citeguard.ingest.source import IngestError, SourceText
from citeguard.model import NoteLabel, PositionMap, PositionStyle
from citeguard.parse.text import CIRCLED_NUMBER, circled

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_UNPACKED = 256 * 1024 * 1024  # bytes of XML and media a manuscript may unpack to
# Elements whose content is not in the accepted text: deletions, moved-away text, field codes,
# property blocks (they hold the *old* formatting of tracked changes), drawings' fallbacks.
_SKIP = frozenset(W + t for t in ("del", "moveFrom", "instrText", "delInstrText", "pPr", "rPr", "sectPr",
                                  "footnoteRef", "endnoteRef", "commentReference", "drawing", "pict",
                                  "object", "tblPr", "trPr", "tcPr", "tblGrid", "annotationRef"))
# A superscript run that is a numeric citation: "3"  "3,5"  "1-4"  "[12]"  "［2，3］"
_SUPER_CITE_RE = re.compile(r"^\s*[\[［]?\s*\d{1,4}(?:\s*[,，\-–—~]\s*\d{1,4})*\s*[\]］]?\s*$")
# Heading paragraph styles: "Heading 1", "heading 2", "标题 1", "Title" is not one.
_HEADING_STYLE_RE = re.compile(r"^(?:heading|标题)\s*\d", re.IGNORECASE)
_CHICAGO = ("*", "†", "‡", "§")
_CHINESE_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class NoteFormat:
    """``w:footnotePr`` / ``w:endnotePr``: number format, restart rule, first number."""

    num_fmt: str = "decimal"
    restart: str = "continuous"  # "continuous", "eachSect" or "eachPage"
    start: int = 1


@dataclass
class _Para:
    """A body paragraph as read: its pieces, the notes it refers to, the page it starts on."""

    number: int  # 1-based among all body paragraphs (table cells included)
    pieces: list[str] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, custom mark)
    page: int = 1
    end_page: int = 1
    merge_next: bool = False


def note_symbol(number: int, num_fmt: str) -> str:
    """A note number in Word's format: decimalEnclosedCircle 3 → ③, lowerRoman 4 → iv."""
    if num_fmt.startswith("decimalEnclosedCircle") or num_fmt == "decimalEnclosedFullstop":
        return circled(number)
    if num_fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman if num_fmt == "upperRoman" else roman.lower()
    if num_fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if num_fmt == "upperLetter" else letter
    if num_fmt == "chicago":
        return _CHICAGO[(number - 1) % 4] * ((number - 1) // 4 + 1)
    if num_fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting"):
        return _chinese(number)
    return str(number)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += digits
            n -= value
    return out or str(n)


def _chinese(n: int) -> str:
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_DIGITS[tens] + "十")
    return head + (_CHINESE_DIGITS[ones] if ones else "") if n >= 10 else _CHINESE_DIGITS[n]


def _check_zip(data: bytes, name: str) -> None:
    """A .docx is a zip holding word/document.xml; refuse zip bombs before anything unpacks."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        raise IngestError(f"{name}: not a Word .docx file (damaged zip archive)") from None
    if not any(i.filename == "word/document.xml" for i in infos):
        raise IngestError(f"{name}: a zip archive but not a Word .docx file (no word/document.xml)")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise IngestError(f"{name}: unpacks to more than {MAX_UNPACKED} bytes; not read")


def _val(el: Any, path: str, default: str | None = None) -> str | None:
    found = el.find(path) if el is not None else None
    return found.get(W + "val", default) if found is not None else default


def _note_format(elements: list[Any], tag: str, default_fmt: str) -> NoteFormat:
    """The first ``w:footnotePr``/``w:endnotePr`` found (the body's section, then settings)."""
    for el in elements:
        pr = el.find(W + tag) if el is not None else None
        if pr is not None:
            start = _val(pr, W + "numStart", "1") or "1"
            return NoteFormat(_val(pr, W + "numFmt", default_fmt) or default_fmt,
                              _val(pr, W + "numRestart", "continuous") or "continuous",
                              int(start) if start.isdigit() else 1)
    return NoteFormat(default_fmt)


class _Numbering:
    """Automatic list numbers (``w:numPr``) as Word prints them: "[%1]" with counter 3 → "[3]"."""

    def __init__(self, root: Any) -> None:
        self._levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self._counters: dict[tuple[str, str], int] = {}
        if root is None:
            return
        abstract = {a.get(W + "abstractNumId"): a for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            num_id = num.get(W + "numId") or ""
            source = abstract.get(_val(num, W + "abstractNumId") or "")
            if source is None:
                continue
            for lvl in source.iter(W + "lvl"):
                ilvl = lvl.get(W + "ilvl") or "0"
                start = _val(lvl, W + "start", "1") or "1"
                self._levels[(num_id, ilvl)] = (_val(lvl, W + "numFmt", "decimal") or "decimal",
                                                _val(lvl, W + "lvlText", "") or "",
                                                int(start) if start.isdigit() else 1)

    def label(self, num_id: str, ilvl: str) -> str:
        level = self._levels.get((num_id, ilvl))
        if level is None or num_id == "0":
            return ""
        fmt, text, start = level
        key = (num_id, ilvl)
        self._counters[key] = self._counters.get(key, start - 1) + 1
        if fmt in ("bullet", "none"):
            return ""
        value = note_symbol(self._counters[key], fmt)
        return re.sub(r"%\d", value, text).strip()


def _walk(el: Any, para: _Para, state: dict[str, Any]) -> None:
    """Collect the accepted text of ``el`` into ``para``, with note references and page breaks."""
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
        elif tag in (W + "tab", W + "cr", W + "noBreakHyphen"):
            para.pieces.append("-" if tag == W + "noBreakHyphen" else " ")
        elif tag == W + "br":
            if child.get(W + "type") == "page" and not state["rendered"]:
                para.pieces.append("\x03")
            else:
                para.pieces.append(" ")
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
            state["super"] = _val(rpr, W + "vertAlign") == "superscript"
            _walk(child, para, state)
            state["super"] = False
        else:
            _walk(child, para, state)


def body_paragraphs(container: Any) -> Iterator[Any]:
    """The ``w:p`` elements of the body in reading order, table cells included: paragraph N of a
    position ("¶N") is the N-th of these (``citeguard annotate`` counts the same way)."""
    for child in container:
        if child.tag == W + "p":
            yield child
        elif child.tag in (W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml",
                           W + "ins", W + "moveTo"):
            yield from body_paragraphs(child)


def note_paragraphs(container: Any) -> dict[tuple[str, int], int]:
    """(kind, ordinal) of every accepted note reference → the 0-based body paragraph holding it."""
    out: dict[tuple[str, int], int] = {}
    counts = {"footnote": 0, "endnote": 0}
    for index, p in enumerate(body_paragraphs(container)):
        for el in p.iter(W + "footnoteReference", W + "endnoteReference"):
            if any(a.tag in (W + "del", W + "moveFrom") for a in el.iterancestors()):
                continue  # a deleted reference is not in the accepted text
            kind = "footnote" if el.tag == W + "footnoteReference" else "endnote"
            counts[kind] += 1
            out[(kind, counts[kind])] = index
    return out


def _paragraphs(body: Any, rendered: bool, numbering: _Numbering, headings: set[str]) -> list[_Para]:
    out: list[_Para] = []
    state: dict[str, Any] = {"rendered": rendered, "super": False}
    for p in body_paragraphs(body):
        para = _Para(len(out) + 1)
        ppr = p.find(W + "pPr")
        if ppr is not None and not rendered and ppr.find(W + "pageBreakBefore") is not None:
            para.pieces.append("\x03")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        if num_pr is not None:
            label = numbering.label(_val(num_pr, W + "numId", "") or "", _val(num_pr, W + "ilvl", "0") or "0")
            if label:
                para.pieces.append(label + " ")
        style = _val(ppr, W + "pStyle", "") or ""
        if style in headings:
            para.pieces.insert(0, "\x04")
        _walk(p, para, state)
        rpr = ppr.find(W + "rPr") if ppr is not None else None
        para.merge_next = rpr is not None and rpr.find(W + "del") is not None
        if ppr is not None and ppr.find(W + "sectPr") is not None and not rendered:
            para.pieces.append("\x03")  # a section ends here: the next one starts a page
        out.append(para)
    return out


def _note_texts(root: Any, tag: str) -> dict[str, str]:
    """Text of each real note (separators excluded), paragraphs joined by a space."""
    texts: dict[str, str] = {}
    if root is None:
        return texts
    state: dict[str, Any] = {"rendered": True, "super": False}
    for note in root.iter(W + tag):
        if note.get(W + "type") not in (None, "normal"):
            continue
        parts = []
        for p in note.iter(W + "p"):
            para = _Para(0)
            _walk(p, para, state)
            parts.append(_plain("".join(para.pieces)))
        texts[note.get(W + "id") or ""] = " ".join(t for t in parts if t).strip()
    return texts


def _plain(text: str) -> str:
    """Piece markers removed: superscript brackets dropped, page and note marks gone."""
    text = re.sub(r"\x00\d+\x00", "", text)
    return text.replace("\x01", "").replace("\x02", "").replace("\x03", "").replace("\x04", "")


def _superscripts(text: str) -> str:
    """Superscript runs as the text parser reads them: a typed ① → ^① (real notes are ^{①});
    a bare number after a word boundary → [3] (m² stays m2)."""

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        if inner and all(ch in CIRCLED_NUMBER or ch == "*" for ch in inner.strip()):
            return "".join(f"^{ch}" for ch in inner.strip())  # typed, not a real note: no braces
        before = text[max(0, m.start() - 1):m.start()]
        if _SUPER_CITE_RE.match(inner) and not (before.isascii() and before.isalnum()):
            core = inner.strip().strip("[]［］").strip()
            return f"[{core}]"
        return inner

    text = text.replace("\x02\x01", "")  # adjacent superscript runs are one superscript
    return re.sub(r"\x01([^\x01\x02]*)\x02", one, text)


def _part_root(document: Any, reltype: str) -> Any:
    from docx.oxml.parser import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return parse_xml(rel.target_part.blob)
    return None


def read_docx(data: bytes, path: str) -> SourceText:
    """Read a .docx into a rendition with a paragraph/footnote position map."""
    _check_zip(data, path)
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … on damaged files
        raise IngestError(f"{path}: not a readable Word .docx file ({type(exc).__name__}: {exc})"[:300]) from None
    body = document.element.body
    rendered = any(True for _ in body.iter(W + "lastRenderedPageBreak"))
    settings = _part_root(document, RT.SETTINGS)
    numbering = _Numbering(_part_root(document, RT.NUMBERING))
    styles = _part_root(document, RT.STYLES)
    headings = set()
    if styles is not None:
        for st in styles.iter(W + "style"):
            if _HEADING_STYLE_RE.match(_val(st, W + "name", "") or ""):
                headings.add(st.get(W + "styleId") or "")
    sections = [body.find(W + "sectPr"), settings]
    foot_fmt = _note_format(sections, "footnotePr", "decimal")
    end_fmt = _note_format(sections, "endnotePr", "lowerRoman")
    foot_text = _note_texts(_part_root(document, RT.FOOTNOTES), "footnote")
    end_text = _note_texts(_part_root(document, RT.ENDNOTES), "endnote")
    paragraphs = _paragraphs(body, rendered, numbering, headings)
    text, labels, notes = _render(paragraphs, foot_text, end_text, foot_fmt, end_fmt)
    positions = PositionMap(PositionStyle.PARAGRAPH, tuple(labels))
    return SourceText.from_text(text, path=path, encoding="docx", sha256=hashlib.sha256(data).hexdigest(),
                                positions=positions, note_labels=tuple(notes))


def _render(paragraphs: list[_Para], foot_text: dict[str, str], end_text: dict[str, str],
            foot_fmt: NoteFormat, end_fmt: NoteFormat) -> tuple[str, list[str], list[NoteLabel]]:
    lines: list[str] = []
    labels: list[str] = []
    notes: list[NoteLabel] = []
    block: list[tuple[str, str]] = []  # (note line, label) waiting for the end of the page
    page = 1
    counters = {"footnote": 0, "endnote": 0}  # numbered notes, for Word's numbers
    ordinals = {"footnote": 0, "endnote": 0}  # all notes, for positions ("footnote 3")
    on_page = 0  # footnotes numbered on the current page (numRestart eachPage)
    local = 0  # position inside the rendition block: pairs ^{①} with its ① line
    pending = ""
    pending_number = 0

    def emit(line: str, label: str) -> None:
        lines.append(line)
        labels.append(label)

    def flush_block() -> None:
        nonlocal local
        if block:
            for line, label in block:
                emit(line, label)
            emit("", labels[-1])
            block.clear()
        local = 0

    for index, para in enumerate(paragraphs):
        raw = "".join(para.pieces)
        out = ""
        for chunk in re.split(r"(\x00\d+\x00|\x03)", raw):
            if chunk == "\x03":
                if out.strip() or lines:
                    page += 1
                    on_page = 0
                continue
            if not chunk.startswith("\x00"):
                out += chunk
                continue
            kind, ident, custom = para.notes[int(chunk.strip("\x00"))]
            ordinals[kind] += 1
            fmt = foot_fmt if kind == "footnote" else end_fmt
            if custom:  # a custom mark (the * of a fund note) takes no number
                symbol, number = custom, 0
            else:
                counters[kind] += 1
                on_page += 1 if kind == "footnote" else 0
                number = (on_page if fmt.restart == "eachPage" and kind == "footnote" else counters[kind]) \
                    + fmt.start - 1
                symbol = note_symbol(number, fmt.num_fmt)
            body = (foot_text if kind == "footnote" else end_text).get(ident, "")
            if custom and body.startswith(custom):
                body = body[len(custom):].lstrip()
            if custom == "*":
                mark = "*"
            else:
                local += 1
                mark = circled(local)
            notes.append(NoteLabel(kind, ordinals[kind], symbol, number, page))
            out += f"^{{{mark}}}"
            label = f"{kind} {ordinals[kind]}" + (f" ({symbol}, p. {page})" if fmt.restart == "eachPage" else "")
            # Endnotes share the block of their page: the block's circled numbers pair marks and notes.
            block.append((f"^{{{mark}}} {' '.join(body.split())}", label))
        text = " ".join(_superscripts(out).split())
        heading = text.startswith("\x04")
        text = text.lstrip("\x04").strip()
        if pending:
            text = pending + text
            pending = ""
        if para.merge_next and not heading:
            pending, pending_number = text, para.number
            continue
        number = pending_number or para.number
        pending_number = 0
        if not text:
            continue
        emit(text, f"¶{number}")
        emit("", f"¶{number}")
        if block and (_starts_new_page(paragraphs, index) or local >= 40):
            flush_block()
    if pending:
        emit(pending, f"¶{pending_number}")
        emit("", f"¶{pending_number}")
    flush_block()
    return "\n".join(lines) + "\n", [*labels, labels[-1] if labels else "¶1"], notes


def _starts_new_page(paragraphs: list[_Para], index: int) -> bool:
    """Does the paragraph after ``paragraphs[index]`` begin on a later page (a page mark at its
    start, or this paragraph itself ran onto the next page)?"""
    if index + 1 >= len(paragraphs):
        return True
    nxt = "".join(paragraphs[index + 1].pieces)
    return nxt.lstrip("\x04").startswith("\x03") or "\x03" in "".join(paragraphs[index].pieces)
