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
import zlib
from dataclasses import replace
from typing import Any

from citeguard.chars import CIRCLED_NUMBER, circled
from citeguard.ingest.docx_fields import read_fields, read_store
from citeguard.ingest.docx_numbers import MAX_NUMBER, NoteFormat, Numbering, W, note_format, note_symbol, val
from citeguard.ingest.docx_walk import (
    HEADING_STYLE_RE,
    Para,
    body_paragraphs,
    join_breaks,
    note_texts,
    paragraphs,
    raised_styles,
    superscripts,
)
from citeguard.ingest.sourcetext import MAX_LINES, IngestError, SourceText
from citeguard.managed import FieldCode, FieldStore
from citeguard.model import NoteLabel, PositionMap, PositionStyle

__all__ = ["MAX_NUMBER", "MAX_UNPACKED", "W", "body_paragraphs", "note_paragraphs", "note_symbol", "read_docx"]

MAX_UNPACKED = 256 * 1024 * 1024  # bytes of XML and media a manuscript may unpack to
# XML is what costs: lxml and the walk take ~400 bytes and ~4 µs per element. A 220-page thesis
# has well under 100,000 elements in document.xml; these caps are ten times that and keep the
# worst well-formed file within seconds and a gigabyte (docs/security.md).
MAX_XML_PART = 32 * 1024 * 1024  # bytes of one XML part, unpacked
MAX_XML_ELEMENTS = 1_000_000  # start tags over all XML parts, counted before anything is parsed
MAX_RENDITION = 20_000_000  # characters of text read out of the file (220 printed pages: ~0.5 million)
_BLOCK = len(CIRCLED_NUMBER)  # notes one rendition block can pair (①…㊿)
# The parts of a piece string (docx_walk): a note reference, a page break, a section end
_PIECE_RE = re.compile(r"(\x00\d+\x00|\x03|\x05)")


def _check_zip(data: bytes, name: str) -> None:
    """A .docx is a zip holding word/document.xml; refuse zip bombs before anything unpacks."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            mimetype = z.read("mimetype")[:80] if any(i.filename == "mimetype" for i in infos) else b""
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        raise IngestError(f"{name}: not a Word .docx file (damaged zip archive)") from None
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise IngestError(f"{name}: an OpenDocument file (.odt): save it as .docx")
    if not any(i.filename == "word/document.xml" for i in infos):
        raise IngestError(f"{name}: a zip archive but not a Word .docx file (no word/document.xml)")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise IngestError(f"{name}: unpacks to more than {MAX_UNPACKED} bytes; not read")
    _count_elements(data, infos, name)


def _count_elements(data: bytes, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a file whose XML would cost more than the caps, streaming each part through
    zipfile (which never returns more than the declared size) before lxml sees any of it."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            if info.file_size > MAX_XML_PART:
                raise IngestError(f"{name}: {info.filename[:80]} unpacks to {info.file_size} bytes, more than the "
                                  f"{MAX_XML_PART} byte limit for one XML part; not read")
            try:
                with z.open(info) as part:
                    while chunk := part.read(1 << 20):
                        # start tags: every "<" but closing tags, declarations and comments
                        total += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, zlib.error):
                raise IngestError(f"{name}: not a Word .docx file (damaged zip archive)") from None
            if total > MAX_XML_ELEMENTS:
                raise IngestError(f"{name}: more than {MAX_XML_ELEMENTS} XML elements (the limit); not read")


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


def _part_root(document: Any, reltype: str) -> Any:
    from docx.oxml.parser import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return parse_xml(rel.target_part.blob)
    return None


def read_docx(data: bytes, path: str) -> SourceText:
    """Read a .docx into a rendition with a paragraph/footnote position map."""
    _check_zip(data, path)
    try:
        text, labels, notes, items, fields, store = _read(data)
    except IngestError as exc:
        raise IngestError(str(exc) if str(exc).startswith(path) else f"{path}: {exc}") from None
    except Exception as exc:  # python-docx and lxml raise KeyError, ValueError, XMLSyntaxError … on damage
        detail = re.sub(r"'<_io\.BytesIO object at 0x[0-9a-f]+>'", "the file", str(exc))
        if "macroEnabled" in detail:
            raise IngestError(f"{path}: a macro-enabled Word file (.docm): save it as .docx") from None
        raise IngestError(f"{path}: not a readable Word .docx file ({type(exc).__name__}: {detail})"[:300]) from None
    if not text.strip():
        raise IngestError(f"{path}: the document has no text (empty, or only images)")
    return replace(SourceText.from_text(text, path=path, encoding="docx", sha256=hashlib.sha256(data).hexdigest(),
                                        positions=PositionMap(PositionStyle.PARAGRAPH, tuple(labels)),
                                        note_labels=tuple(notes)), fields=fields, field_store=store, list_items=items)


def _read(data: bytes) -> tuple[str, list[str], list[NoteLabel], frozenset[int], tuple[FieldCode, ...],
                               tuple[FieldStore, ...]]:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    rendered = any(True for _ in body.iter(W + "lastRenderedPageBreak"))
    settings = _part_root(document, RT.SETTINGS)
    styles = _part_root(document, RT.STYLES)
    numbering = Numbering.read(_part_root(document, RT.NUMBERING), styles)
    headings = set()
    if styles is not None:
        for st in styles.iter(W + "style"):
            if HEADING_STYLE_RE.match(val(st, W + "name", "") or ""):
                headings.add(st.get(W + "styleId") or "")
    sections = [body.find(W + "sectPr"), settings]
    formats = {"footnote": note_format(sections, "footnotePr", "decimal"),
               "endnote": note_format(sections, "endnotePr", "lowerRoman")}
    raised = raised_styles(styles)
    roots = {"footnote": _part_root(document, RT.FOOTNOTES), "endnote": _part_root(document, RT.ENDNOTES)}
    texts = {kind: note_texts(root, kind, raised) for kind, root in roots.items()}
    fields = read_fields(body) + tuple(f for kind, root in roots.items() if root is not None
                                       for f in read_fields(root, kind))
    store = read_store(settings, document.part.package.iter_parts())
    return (*_Renderer(formats, texts).render(paragraphs(body, rendered, numbering, headings, raised)), fields, store)


class _Renderer:
    """Paragraphs → rendition lines, labels and the numbers Word shows for each note."""

    def __init__(self, formats: dict[str, NoteFormat], texts: dict[str, dict[str, str]]) -> None:
        self.formats = formats
        self.texts = texts
        self.lines: list[str] = []
        self.labels: list[str] = []
        self.notes: list[NoteLabel] = []
        self.block: list[tuple[str, str]] = []  # (note line, label) waiting for the end of the page
        self.page = 1
        self.counters = {"footnote": 0, "endnote": 0}  # numbered notes, for Word's numbers
        self.ordinals = {"footnote": 0, "endnote": 0}  # all notes, for positions ("footnote 3")
        self.on_page = 0  # footnotes numbered on the current page (numRestart eachPage)
        self.local = 0  # place in the rendition block: pairs ^{①} with its ① line
        self.size = 0  # characters emitted (MAX_RENDITION)
        self.seen: set[tuple[str, str]] = set()  # notes already written out
        self.list_items: set[int] = set()  # lines that start with an automatic list number

    def emit(self, line: str, label: str) -> None:
        self.size += len(line) + 1
        if self.size > MAX_RENDITION:
            raise IngestError(f"more than {MAX_RENDITION} characters of text (the limit); not read")
        if len(self.lines) >= MAX_LINES:  # counted as lines are read out: 300,000 paragraphs stop here
            raise IngestError(f"more than {MAX_LINES} lines of text (the limit); not read")
        self.lines.append(line)
        self.labels.append(label)

    def flush_block(self) -> None:
        if self.block:
            for line, label in self.block:
                self.emit(line, label)
            self.emit("", self.labels[-1])
            self.block.clear()
        self.local = 0

    def emit_text(self, text: str, number: int) -> None:
        for line in join_breaks(superscripts(text)).split("\n"):
            line = " ".join(line.split())
            if line:
                self.emit(line, f"¶{number}")

    def note(self, kind: str, ident: str, custom: str) -> str:
        """The rendition mark of one note reference; its note line goes into the block."""
        self.ordinals[kind] += 1
        fmt = self.formats[kind]
        if custom:  # a custom mark (the * of a fund note) takes no number
            symbol, number = custom, 0
        else:
            self.counters[kind] += 1
            self.on_page += 1 if kind == "footnote" else 0
            count = self.on_page if fmt.restart == "eachPage" and kind == "footnote" else self.counters[kind]
            number = min(count + fmt.start - 1, MAX_NUMBER + 1)
            symbol = note_symbol(number, fmt.num_fmt)
        # Word gives every note its own id: a second reference to one (only a crafted file has
        # one) is not given the note's text again, which could be megabytes each time.
        body = self.texts[kind].get(ident, "") if (kind, ident) not in self.seen else "(the same note again)"
        self.seen.add((kind, ident))
        if custom and body.startswith(custom):
            body = body[len(custom):].lstrip()
        body = body or "(empty note)"  # a note line needs text, or it would read as body text
        mark = "*" if custom == "*" else circled(self.local + 1)
        self.local += custom != "*"
        ordinal = self.ordinals[kind]
        self.notes.append(NoteLabel(kind, ordinal, symbol, number, self.page))
        label = f"{kind} {ordinal}" + (f" ({symbol}, p. {self.page})" if symbol != str(ordinal) else "")
        # Endnotes share the block of their page: the block's circled numbers pair marks and notes.
        self.block.append((f"^{{{mark}}} {' '.join(body.split())}", label))
        return f"^{{{mark}}}"

    def render(self, paragraphs: list[Para]) -> tuple[str, list[str], list[NoteLabel], frozenset[int]]:
        pending, pending_number = "", 0
        pending_text = False  # pending holds text (not just spaces): a flag, not a strip() per merge
        for index, para in enumerate(paragraphs):
            out = ""
            for chunk in _PIECE_RE.split("".join(para.pieces)):
                if chunk == "\x03":
                    if out.strip() or self.lines:
                        self.page += 1
                        self.on_page = 0
                elif chunk == "\x05":
                    for kind, fmt in self.formats.items():
                        if fmt.restart == "eachSect":
                            self.counters[kind] = 0
                elif chunk.startswith("\x00"):
                    if self.local >= _BLOCK:  # one paragraph with more notes than a block pairs:
                        # cut it after its last mark (a line must not start with a mark, or it
                        # would read as a footnote), pair what came before, go on.
                        cut = out.rfind("}") + 1
                        self.emit_text(pending + out[:cut], pending_number or para.number)
                        pending, out, pending_text = "", out[cut:], False
                        self.flush_block()
                    out += self.note(*para.notes[int(chunk.strip("\x00"))])
                else:
                    out += chunk
            heading = out.lstrip().startswith("\x04")
            out = out.replace("\x04", "")
            if para.merge_next and not heading:  # a deleted paragraph mark: runs on into the next
                if out.strip() and not pending_text:
                    pending_number, pending_text = para.number, True
                pending += out
                continue
            number = pending_number if pending_text else para.number
            listed = para.listed and not pending_text  # (a paragraph run on into this one starts the line)
            text, pending, pending_number, pending_text = pending + out, "", 0, False
            if text.strip():
                if listed:
                    self.list_items.add(len(self.lines))
                self.emit_text(text, number)
                self.emit("", f"¶{number}")
            if self.block and (_starts_new_page(paragraphs, index) or self.local >= 40):
                self.flush_block()
        if pending_text:
            self.emit_text(pending, pending_number)
            self.emit("", f"¶{pending_number}")
        self.flush_block()
        labels = self.labels or ["¶1"]
        return "\n".join(self.lines) + "\n", [*labels, labels[-1]], self.notes, frozenset(self.list_items)


def _starts_new_page(paragraphs: list[Para], index: int) -> bool:
    """Does the paragraph after ``paragraphs[index]`` begin on a later page (a page mark at its
    start, or this paragraph itself ran onto the next page)?"""
    if index + 1 >= len(paragraphs):
        return True
    nxt = "".join(paragraphs[index + 1].pieces)
    return nxt.lstrip("\x04").startswith("\x03") or "\x03" in "".join(paragraphs[index].pieces)
