"""The XML payloads of citation fields (issue 25): EndNote's ``<EndNote><Cite>…<record>`` (inline
in the instruction or decoded from EN.CITE.DATA), NoteExpress's ``<Citation><Group><References><Item>``
(kept in a document variable), and Word's own sources (``b:Sources`` in a customXml part) that a
``CITATION tag`` field names. Parsed with entities and the network off; every read is bounded."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from citeguard.managed import FieldItem

MAX_XML = 1_000_000  # characters of one payload parsed
MAX_CITES = 200  # works of one citation
MAX_NAMES = 100  # names of one work
MAX_SOURCES = 20_000  # Word sources read

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)
# The EndNote payload inside an instruction: "ADDIN EN.CITE <EndNote>…</EndNote>"
_ENDNOTE_XML_RE = re.compile(r"<EndNote>.*</EndNote>", re.S)
# NoteExpress's payload inside its document variable: " ADDIN NE.Ref.{…}<Citation>…</Citation>_x000a_"
_NE_XML_RE = re.compile(r"<Citation>.*</Citation>", re.S)
# A switch of Word's CITATION field: \m Lee19 (another source)  \p 45 (pages)  \l 2052 (language)
_WORD_SWITCH_RE = re.compile(r"\\([a-z])(?:\s+(\"[^\"]{0,200}\"|[^\s\\]{1,255}))?")
# A DOI inside a record's field ("10.1000/xyz", "https://doi.org/10.1000/xyz")
_DOI_RE = re.compile(r"10\.\d{4,9}/\S{1,300}")
# Initials after a family name: "J"  "JK"  "J.K."
_INITIALS_RE = re.compile(r"^[A-Z](?:\.?-?[A-Z]){0,3}\.?$")
_B = "{http://schemas.openxmlformats.org/officeDocument/2006/bibliography}"


def _root(xml: str) -> Any:
    """The payload's root element, or None when it is not XML that can be read."""
    try:
        return etree.fromstring(xml[:MAX_XML].encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _text(el: Any) -> str:
    """An element's text, EndNote's <style> runs joined, spaces folded."""
    return " ".join("".join(el.itertext()).split())[:2000] if el is not None else ""


def _doi(value: str) -> str:
    m = _DOI_RE.search(value)
    return m.group(0).rstrip(".,;") if m else ""


def split_name(name: str) -> tuple[str, str]:
    """A record's name as (family, given): "Smith, John" → (Smith, John); "张三" whole; "John Smith"
    → (Smith, John); "Smith J" → (Smith, J)."""
    name = " ".join(name.split())
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    if " " in name and not re.search(r"[\u3400-\u9fff]", name):
        head, _, tail = name.rpartition(" ")
        if _INITIALS_RE.match(tail):
            return head, tail  # "Smith J", "van Dijk AB": family first, initials after
        return tail, head
    return name, ""


def endnote_items(payload: str) -> tuple[tuple[FieldItem, ...], str | None]:
    """The works an EndNote citation cites (one <Cite> each) and its DisplayText; nothing when the
    payload cannot be read."""
    m = _ENDNOTE_XML_RE.search(payload)
    root = _root(m.group(0)) if m else None
    if root is None:
        return (), None
    shown = root.find(".//DisplayText")
    items: list[FieldItem] = []
    for cite in root.iterfind("Cite"):
        if len(items) >= MAX_CITES:
            break
        record = cite.find("record")
        number = _text(cite.find("RecNum")) or _text(record.find("rec-number") if record is not None else None)
        key = record.find("foreign-keys/key") if record is not None else None
        db = key.get("db-id", "") if key is not None else ""
        names = [split_name(_text(a)) for a in (record.iterfind("contributors/authors/author")
                                                if record is not None else [])][:MAX_NAMES]
        if not names and _text(cite.find("Author")):
            names = [split_name(_text(cite.find("Author")))]

        def field(path: str, record: Any = record) -> str:
            return _text(record.find(path)) if record is not None else ""

        ref_type = record.find("ref-type") if record is not None else None
        items.append(FieldItem(
            f"endnote:{db}:{number}", title=field("titles/title"), authors=tuple(n[0] for n in names),
            given=tuple(n[1] for n in names), year=field("dates/year") or _text(cite.find("Year")),
            doi=_doi(field("electronic-resource-num")), container=field("titles/secondary-title")
            or field("periodical/full-title"), volume=field("volume"), issue=field("number"),
            pages=field("pages"), publisher=field("publisher"), place=field("pub-location"),
            url=field("urls/related-urls/url"), kind=ref_type.get("name", "") if ref_type is not None else "",
            locator=_text(cite.find("Pages"))))
    return tuple(items), (_text(shown) if shown is not None else None)


def noteexpress_items(data: str) -> tuple[FieldItem, ...]:
    """The works of a NoteExpress citation (its document variable's <Citation>), or nothing."""
    m = _NE_XML_RE.search(data)
    root = _root(m.group(0)) if m else None
    if root is None:
        return ()
    items: list[FieldItem] = []
    for item in root.iterfind(".//Item"):
        if len(items) >= MAX_CITES:
            break
        authors = _text(item.find("Author"))
        parts = [a.strip() for a in re.split(r"[;；]" if re.search(r"[;；]", authors) else r"[,，]", authors)]
        names = [split_name(a) for a in parts if a and a.lower() not in ("et al", "et al.", "等")][:MAX_NAMES]

        def detail(name: str, item: Any = item) -> str:
            return _text(item.find(f"Details/_{name}"))

        items.append(FieldItem(
            f"noteexpress:{_text(item.find('UID')) or _text(item.find('ID'))}", title=_text(item.find("Title")),
            authors=tuple(n[0] for n in names), given=tuple(n[1] for n in names), year=_text(item.find("Year")),
            doi=_doi(detail("doi")), container=detail("journal"), volume=detail("volume"), issue=detail("issue"),
            pages=detail("pages"), publisher=detail("publisher"), place=detail("place_published"),
            url=detail("url"), kind=_text(item.find("Template"))))
    return tuple(items)


def word_sources(xml: str) -> dict[str, FieldItem]:
    """Word's own sources (``b:Source``) by tag."""
    root = _root(xml) if xml else None
    out: dict[str, FieldItem] = {}
    if root is None:
        return out
    for source in root.iter(_B + "Source"):
        if len(out) >= MAX_SOURCES:
            break
        tag = _text(source.find(_B + "Tag"))
        people = [(_text(p.find(_B + "Last")), " ".join(filter(None, (_text(p.find(_B + "First")),
                                                                       _text(p.find(_B + "Middle"))))))
                  for p in source.iterfind(f"{_B}Author/{_B}Author/{_B}NameList/{_B}Person")][:MAX_NAMES]
        body = _text(source.find(f"{_B}Author/{_B}Author/{_B}Corporate"))
        if body:
            people.insert(0, (body, ""))

        def field(name: str, source: Any = source) -> str:
            return _text(source.find(_B + name))

        out[tag] = FieldItem(
            f"word:{tag}", title=field("Title"), authors=tuple(p[0] for p in people), given=tuple(p[1] for p in people),
            year=field("Year"), doi=_doi(field("DOI")), container=field("JournalName") or field("BookTitle")
            or field("ConferenceName"), volume=field("Volume"), issue=field("Issue"), pages=field("Pages"),
            publisher=field("Publisher"), place=field("City"), url=field("URL"), kind=field("SourceType"))
    return out


def word_items(instruction: str, sources: dict[str, FieldItem]) -> tuple[FieldItem, ...]:
    """The sources a CITATION field names (its tag, and each \\m tag), with the \\p pages it cites;
    a tag Word's sources do not hold is an item with its identity only."""
    head = instruction.split(None, 2)
    if len(head) < 2:
        return ()
    tags = [head[1]]
    pages = ""
    for m in _WORD_SWITCH_RE.finditer(instruction):
        if m.group(1) == "m" and m.group(2):
            tags.append(m.group(2).strip('"'))
        elif m.group(1) == "p" and m.group(2):
            pages = m.group(2).strip('"')
    out = []
    for tag in tags[:MAX_CITES]:
        found = sources.get(tag) or FieldItem(f"word:{tag}")
        out.append(replace(found, locator=pages))
    return tuple(out)
