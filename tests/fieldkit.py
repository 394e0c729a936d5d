"""Reference managers' Word fields as the programs write them (issue 25), built from their public
documentation: complex fields (begin, instruction split over runs, separate, displayed runs, end),
Zotero's and Mendeley's CSL JSON, EndNote's <EndNote><Cite><record> inline or base64 in
EN.CITE.DATA's field data, NoteExpress's NE.Ref field with its document variable, Word's CITATION
field with its sources in customXml, and each program's bibliography field around the list."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

from tests.docxbuild import run


@dataclass(frozen=True)
class Work:
    """One work of the author's library."""

    ident: str
    family: str
    given: str
    title: str
    year: str
    journal: str = "Journal of Economics"
    doi: str = ""


def field(instruction: str, shown: str, *, data: str = "", nested: str = "") -> str:
    """A complex field as Word writes it, the instruction split over two runs; ``data`` goes into
    the begin mark's w:fldData, ``nested`` is a whole field inside the instruction (EN.CITE.DATA)."""
    half = len(instruction) // 2
    instr = "".join(f'<w:r><w:instrText xml:space="preserve">{escape(part)}</w:instrText></w:r>'
                    for part in (instruction[:half], instruction[half:]))
    begin = (f'<w:r><w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">{data}</w:fldData></w:fldChar></w:r>'
             if data else '<w:r><w:fldChar w:fldCharType="begin"/></w:r>')
    return (f'{begin}{instr}{nested}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def zotero(works: list[Work], plain: str, *, mendeley: bool = False) -> str:
    """A Zotero (or Mendeley) citation field's instruction."""
    items = [{"id": int(w.ident) if w.ident.isdigit() else w.ident,
              "uris": [f"http://zotero.org/users/1/items/{w.ident}" if not mendeley
                       else f"http://www.mendeley.com/documents/?uuid={w.ident}"],
              "itemData": {"type": "article-journal", "title": w.title, "container-title": w.journal,
                           "author": [{"family": w.family, "given": w.given}],
                           "issued": {"date-parts": [[int(w.year)]]}, **({"DOI": w.doi} if w.doi else {})}}
             for w in works]
    if mendeley:
        data = {"citationItems": items, "mendeley": {"formattedCitation": plain, "plainTextFormattedCitation": plain},
                "properties": {"noteIndex": 0}, "schema": ""}
        return " ADDIN CSL_CITATION " + json.dumps(data, ensure_ascii=False) + " "
    data = {"citationID": "x1", "properties": {"formattedCitation": plain, "plainCitation": plain, "noteIndex": 0},
            "citationItems": items}
    return " ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(data, ensure_ascii=False) + " "


def endnote_xml(works: list[Work], display: str) -> str:
    """EndNote's <EndNote> payload: one <Cite> with its <record> per work."""
    cites = "".join(
        f"<Cite><Author>{escape(w.family)}</Author><Year>{w.year}</Year><RecNum>{w.ident}</RecNum>"
        + (f"<DisplayText>{escape(display)}</DisplayText>" if i == 0 else "")
        + f'<record><rec-number>{w.ident}</rec-number><foreign-keys><key app="EN" db-id="db1">{w.ident}</key>'
        f'</foreign-keys><ref-type name="Journal Article">17</ref-type><contributors><authors><author>'
        f'{escape(w.family)}, {escape(w.given)}</author></authors></contributors><titles><title><style face="normal" '
        f'font="default" size="100%">{escape(w.title)}</style></title><secondary-title>{escape(w.journal)}'
        f'</secondary-title></titles><dates><year>{w.year}</year></dates>'
        + (f"<electronic-resource-num>{w.doi}</electronic-resource-num>" if w.doi else "") + "</record></Cite>"
        for i, w in enumerate(works))
    return f"<EndNote>{cites}</EndNote>"


def endnote(works: list[Work], display: str, shown: str | None = None, *, as_data: bool = False) -> str:
    """An EndNote citation field: the record inline, or (``as_data``) base64 in EN.CITE.DATA."""
    xml = endnote_xml(works, display)
    if not as_data:
        return field(" ADDIN EN.CITE " + xml, shown if shown is not None else display)
    encoded = base64.b64encode(xml.encode()).decode()
    return field(" ADDIN EN.CITE ", shown if shown is not None else display, data=encoded,
                 nested=field(" ADDIN EN.CITE.DATA ", "", data=encoded).replace(
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(""), ""))


def noteexpress(guid: str, shown: str) -> str:
    """A NoteExpress citation field (its data is the document variable ``noteexpress_var`` gives)."""
    return field(f" ADDIN NE.Ref.{{{guid}}}", shown)


def _ne_name(w: Work) -> str:
    """A name as NoteExpress's records print it: 周文, Smith J."""
    return w.family + w.given if w.family[:1] >= "\u3400" else f"{w.family} {w.given[:1]}"


def noteexpress_var(guid: str, works: list[Work]) -> tuple[str, str]:
    """NoteExpress's document variable for one citation: (name, value)."""
    items = "".join(
        f"<Group><References><Item><ID>{i}</ID><UID>{{{w.ident}}}</UID><Title>{escape(w.title)}</Title>"
        f"<Template>Journal Article</Template><Star>0</Star><Tag>0</Tag><Author>{escape(_ne_name(w))}"
        f"</Author><Year>{w.year}</Year><Details><_journal>{escape(w.journal)}</_journal>"
        + (f"<_doi>{w.doi}</_doi>" if w.doi else "") + "</Details><Extra><DBUID>{DB}</DBUID></Extra></Item>"
        "</References></Group>" for i, w in enumerate(works, start=1))
    return f"NE.Ref{{{guid}}}", f" ADDIN NE.Ref.{{{guid}}}<Citation>{items}</Citation>_x000a_"


def word_citation(tags: list[str], shown: str, page: str = "") -> str:
    """Word's own CITATION field (\\l 2052: Chinese), more sources by \\m, pages by \\p."""
    more = "".join(f" \\m {t}" for t in tags[1:])
    pages = f" \\p {page}" if page else ""
    return field(f" CITATION {tags[0]} \\l 2052 {more}{pages} ", shown)


def word_sources(works: list[Work]) -> str:
    """Word's bibliography sources part (customXml) holding ``works`` by tag (their ident)."""
    sources = "".join(
        f"<b:Source><b:Tag>{w.ident}</b:Tag><b:SourceType>JournalArticle</b:SourceType><b:Author><b:Author>"
        f"<b:NameList><b:Person><b:Last>{escape(w.family)}</b:Last><b:First>{escape(w.given)}</b:First></b:Person>"
        f"</b:NameList></b:Author></b:Author><b:Title>{escape(w.title)}</b:Title><b:Year>{w.year}</b:Year>"
        f"<b:JournalName>{escape(w.journal)}</b:JournalName>" + (f"<b:DOI>{w.doi}</b:DOI>" if w.doi else "")
        + "</b:Source>" for w in works)
    return ('<?xml version="1.0" standalone="yes"?><b:Sources SelectedStyle="" xmlns:b="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/bibliography" xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography">'
            f"{sources}</b:Sources>")


BIBLIOGRAPHY = {"zotero": ' ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY ',
                "mendeley": " ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY ", "endnote": " ADDIN EN.REFLIST ",
                "noteexpress": " ADDIN NE.Bib", "word": " BIBLIOGRAPHY \\l 2052 "}


def bibliography(entries: list[str], instruction: str) -> list[str]:
    """The list's paragraphs inside a bibliography field: it begins in the first and ends in the last."""
    begin = (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{escape(instruction)}'
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    out = [run(e) for e in entries]
    out[0] = begin + out[0]
    out[-1] = out[-1] + end
    return out
