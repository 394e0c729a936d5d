"""Write a text manuscript (citeguard's plain-text form) as a Word .docx with *real* footnotes.

Used to build the .docx (and, through LibreOffice, the PDF) forms of the reference paper in
corpus/ and small test documents.  Independent of citeguard's parser on purpose: it reads the
text form by its own simple rules, so a test comparing the audits of the forms tests the readers.

    python tests/docxbuild.py corpus/PAPER.txt corpus/PAPER.docx

Rules of the text form: every non-blank line is a paragraph; lines starting with a footnote mark
(``① text``, ``^① text``, ``^{①} text``, ``^{*} text``) are the footnotes of the current page, and
the first body line after them starts a new page; a body mark ``^{①}`` / ``^①`` becomes a real
footnote reference to the footnote with that symbol on its page (``^{*}`` a custom-mark note); a
paragraph that does not end a sentence before a footnote block continues after it (one paragraph,
with the page break inside).  Footnotes are numbered ①②③ restarting on each page
(``w:numFmt decimalEnclosedCircle``, ``w:numRestart eachPage``), as in Chinese journals.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))
NOTE_LINE = re.compile(rf"^\s*(?:\^\{{(?P<b>[{CIRCLED}*])\}}|\^(?P<c>[{CIRCLED}*])|(?P<a>[{CIRCLED}]))\s*(?P<text>\S.*)$")
BODY_MARK = re.compile(rf"\^\{{(?P<b>[{CIRCLED}*])\}}|\^(?P<c>[{CIRCLED}*])")
SENTENCE_END = re.compile(r"[。！？!?.;；:：”」）)\]]\s*$")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|#|参考文献|References)")


@dataclass
class Page:
    paragraphs: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # symbol → text
    continues: bool = False  # the last paragraph continues on the next page


def read_pages(text: str) -> list[Page]:
    pages = [Page()]
    in_notes = False
    last_note: str | None = None
    for line in text.splitlines():
        if not line.strip():
            last_note = None
            continue
        m = NOTE_LINE.match(line)
        if m:
            in_notes = True
            last_note = m.group("a") or m.group("b") or m.group("c")
            pages[-1].notes[last_note] = m.group("text").strip()
            continue
        if in_notes and last_note is not None:
            pages[-1].notes[last_note] += line.strip()  # a line right under a footnote continues it
            continue
        if in_notes:
            prev = pages[-1].paragraphs[-1] if pages[-1].paragraphs else ""
            pages[-1].continues = bool(prev) and not SENTENCE_END.search(prev) and not HEADING.match(line)
            pages.append(Page())
            in_notes = False
        pages[-1].paragraphs.append(line)
    return pages


def _run(text: str, superscript: bool = False) -> str:
    props = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if superscript else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def build_docx(text: str, out: Path, *, page_mm: tuple[int, int] = (250, 550)) -> None:
    """Write ``text`` (the plain-text form) to ``out`` as a .docx with real footnotes."""
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page_mm[0]), Mm(page_mm[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = document.styles["Normal"]
    normal.font.size = Pt(9)
    normal.font.name = "WenQuanYi Micro Hei"
    normal.element.rPr.rFonts.set(f"{{{W_NS}}}eastAsia", "WenQuanYi Micro Hei")
    body = document.element.body
    notes_xml = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                 '</w:r></w:p></w:footnote>']
    next_id = 1
    pending: list[str] = []  # runs of a paragraph continued across a page break
    for number, page in enumerate(read_pages(text)):
        for i, line in enumerate(page.paragraphs):
            runs = list(pending) if i == 0 else []
            if i == 0 and number > 0 and not pending:
                runs.insert(0, '<w:r><w:br w:type="page"/></w:r>')
            pending = []
            pos = 0
            for m in BODY_MARK.finditer(line):
                runs.append(_run(line[pos:m.start()]))
                symbol = m.group("b") or m.group("c")
                note = page.notes.pop(symbol, None)
                if note is None:  # a mark without a footnote on its page stays typed text
                    runs.append(_run(symbol, superscript=True))
                else:
                    custom = symbol == "*"
                    ref = (f'<w:footnoteReference w:customMarkFollows="1" w:id="{next_id}"/><w:t>*</w:t>' if custom
                           else f'<w:footnoteReference w:id="{next_id}"/>')
                    runs.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>{ref}</w:r>')
                    mark = ("" if custom else  # LibreOffice prints a custom mark itself
                            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>')
                    notes_xml.append(f'<w:footnote w:id="{next_id}"><w:p>{mark}{_run(" " + note)}</w:p></w:footnote>')
                    next_id += 1
                pos = m.end()
            runs.append(_run(line[pos:]))
            if i == len(page.paragraphs) - 1 and page.continues:
                pending = [*runs, '<w:r><w:br w:type="page"/></w:r>']
                continue
            body.insert(len(body) - 1, parse_xml(f'<w:p xmlns:w="{W_NS}">{"".join(runs)}</w:p>'))
        for symbol, note in page.notes.items():  # a footnote no mark points to: typed at the page end
            body.insert(len(body) - 1, parse_xml(f'<w:p xmlns:w="{W_NS}">{_run(symbol + " " + note)}</w:p>'))
    footnotes = f'<w:footnotes xmlns:w="{W_NS}">{"".join(notes_xml)}</w:footnotes>'.encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, footnotes, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    sect = body.find(f"{{{W_NS}}}sectPr")
    sect.insert(0, parse_xml(f'<w:footnotePr xmlns:w="{W_NS}"><w:numFmt w:val="decimalEnclosedCircle"/>'
                             '<w:numRestart w:val="eachPage"/></w:footnotePr>'))
    document.save(str(out))


if __name__ == "__main__":
    build_docx(Path(sys.argv[1]).read_text(encoding="utf-8"), Path(sys.argv[2]))


def raw_docx(out: Path, paragraphs: list[str], *, footnotes: list[str] = (), endnotes: list[str] = (),  # type: ignore[assignment]
             footnote_pr: str = "", endnote_pr: str = "", numbering: str = "", columns: int = 1,
             doc_vars: dict[str, str] | None = None, sources_xml: str = "") -> Path:
    """A .docx from raw WordprocessingML: ``paragraphs`` are the inner XML of body ``w:p``
    elements (or whole ``w:tbl`` / ``w:p`` elements when they start with ``<w:``); footnote and
    endnote *i* (1-based) get id *i* (a note starting with ``<w:`` is the raw XML of its runs);
    ``footnote_pr`` is the inner XML of ``w:footnotePr``; ``doc_vars`` are document variables of the
    settings part (NoteExpress keeps its citations there), ``sources_xml`` a customXml part (Word's
    own bibliography sources)."""
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for p in paragraphs:
        xml = p if p.startswith(("<w:p>", "<w:p ", "<w:tbl")) else f"<w:p>{p}</w:p>"
        body.insert(len(body) - 1, parse_xml(xml.replace("<w:p", f'<w:p xmlns:w="{W_NS}"', 1)
                                             if xml.startswith("<w:p") else
                                             xml.replace("<w:tbl", f'<w:tbl xmlns:w="{W_NS}"', 1)))
    package = document.part.package
    for kind, notes, ct, rt in (("footnote", footnotes, CT.WML_FOOTNOTES, RT.FOOTNOTES),
                                ("endnote", endnotes, CT.WML_ENDNOTES, RT.ENDNOTES)):
        if not notes:
            continue
        items = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>']
        items += [f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>'
                  + (n if n.startswith("<w:") else f'<w:r><w:t xml:space="preserve"> {escape(n)}</w:t></w:r>')
                  + f'</w:p></w:{kind}>' for i, n in enumerate(notes, start=1)]
        xml = f'<w:{kind}s xmlns:w="{W_NS}">{"".join(items)}</w:{kind}s>'.encode()
        document.part.relate_to(Part(PackURI(f"/word/{kind}s.xml"), ct, xml, package), rt)
    if numbering:  # the default template has a numbering part: its content is replaced
        xml = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'.encode()
        part = document.part.part_related_by(RT.NUMBERING)
        part._element = parse_xml(xml)  # python-docx serialises the part from its element
    sect = body.find(f"{{{W_NS}}}sectPr")
    if columns > 1:
        for old in sect.findall(f"{{{W_NS}}}cols"):
            sect.remove(old)
        sect.append(parse_xml(f'<w:cols xmlns:w="{W_NS}" w:num="{columns}" w:space="425"/>'))
    for tag, inner in (("endnotePr", endnote_pr), ("footnotePr", footnote_pr)):
        if inner:
            sect.insert(0, parse_xml(f'<w:{tag} xmlns:w="{W_NS}">{inner}</w:{tag}>'))
    if doc_vars:
        variables = "".join(f'<w:docVar w:name="{escape(k, {chr(34): "&quot;"})}" w:val="{escape(v, {chr(34): "&quot;"})}"/>'
                            for k, v in doc_vars.items())
        document.settings.element.append(parse_xml(f'<w:docVars xmlns:w="{W_NS}">{variables}</w:docVars>'))
    if sources_xml:
        part = Part(PackURI("/customXml/item90.xml"), "application/xml", sources_xml.encode(), package)
        document.part.relate_to(part, RT.CUSTOM_XML)
    document.save(str(out))
    return out


def note_ref(i: int, kind: str = "footnote") -> str:
    """A superscript run holding a real footnote (or endnote) reference with id ``i``."""
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{i}"/></w:r>'


def run(text: str, superscript: bool = False) -> str:
    return _run(text, superscript)
