"""Reference managers' fields read into citations and bibliographies (issue 25): which program
wrote each, the items it cites with their records, the text it displays and the text it says it
displays. Pure: the fields and the document's stores in, values out. Zotero and Mendeley keep CSL
JSON in the instruction (read here); EndNote, NoteExpress and Word keep XML (``parse/fieldxml.py``)."""

from __future__ import annotations

import json
import re
from typing import Any

from citeguard.managed import FieldBibliography, FieldCitation, FieldCode, FieldItem, FieldStore, Manager
from citeguard.parse.fieldxml import endnote_items, noteexpress_items, word_items, word_sources

MAX_JSON = 1_000_000  # characters of one field's data read
MAX_ITEMS = 200  # works of one citation
MAX_NAMES = 100  # names of one work

# A CSL citation field: Zotero's "ADDIN ZOTERO_ITEM CSL_CITATION {…}", Mendeley's "ADDIN CSL_CITATION {…}"
CSL_RE = re.compile(r"^\s*ADDIN\s+(ZOTERO_ITEM\s+)?CSL_CITATION\s")
# An EndNote citation field: "ADDIN EN.CITE <EndNote>…" or "ADDIN EN.CITE " with its record in
# EN.CITE.DATA's field data (the EN.CITE.DATA field nested inside is part of it)
ENDNOTE_RE = re.compile(r"^\s*ADDIN\s+EN\.CITE(?!\.DATA)\b")
# A NoteExpress citation field: "ADDIN NE.Ref.{8D6E4C52-…}" (its data in the document variable NE.Ref{…})
NOTEEXPRESS_RE = re.compile(r"^\s*ADDIN\s+NE\.Ref\.(\{[0-9A-Fa-f-]{1,40}\})")
# Word's own citation: "CITATION Smi20 \l 2052 \m Lee19 \p 45"
WORD_RE = re.compile(r"^\s*CITATION\s+(\S{1,255})")
# A bibliography field: Zotero's, Mendeley's, EndNote's, NoteExpress's, Word's
BIBLIOGRAPHY_RE = re.compile(r"^\s*(?:ADDIN\s+(?P<m>ZOTERO_BIBL|Mendeley\s+Bibliography|CSL_BIBLIOGRAPHY|EN\.REFLIST|NE\.Bib)"
                             r"|(?P<w>BIBLIOGRAPHY))\b")
_BIBLIOGRAPHY_MANAGER = {"ZOTERO_BIBL": Manager.ZOTERO, "CSL_BIBLIOGRAPHY": Manager.MENDELEY,
                         "EN.REFLIST": Manager.ENDNOTE, "NE.Bib": Manager.NOTEEXPRESS}
# Markup a formatted citation may hold: <i>  </sup>
TAG_RE = re.compile(r"<[^<>]{1,40}>")


def read_field_citations(fields: tuple[FieldCode, ...], store: tuple[FieldStore, ...]
                         ) -> tuple[tuple[FieldCitation, ...], tuple[FieldBibliography, ...]]:
    """The citation and bibliography fields among ``fields``, read (other fields are left out)."""
    variables = {s.name: s.text for s in store if s.name != "sources"}
    sources = {tag: item for s in store if s.name == "sources" for tag, item in word_sources(s.text).items()}
    citations: list[FieldCitation] = []
    bibliographies: list[FieldBibliography] = []
    for f in fields:
        bib = BIBLIOGRAPHY_RE.match(f.instruction)
        if bib:
            name = (bib.group("m") or "").split()[0] if bib.group("m") else ""
            manager = Manager.WORD if bib.group("w") else _BIBLIOGRAPHY_MANAGER.get(name, Manager.MENDELEY)
            bibliographies.append(FieldBibliography(manager, f.paragraph, f.end_paragraph or f.paragraph,
                                                    _uncited(f.instruction) if manager is Manager.ZOTERO else ()))
            continue
        cited = _citation(f, variables, sources)
        if cited is not None:
            citations.append(cited)
    return tuple(citations), tuple(bibliographies)


def _citation(f: FieldCode, variables: dict[str, str], sources: dict[str, FieldItem]) -> FieldCitation | None:
    """One field read as a citation, or None when it is no reference manager's citation."""
    csl = CSL_RE.match(f.instruction)
    if csl:
        return _csl(f, Manager.ZOTERO if csl.group(1) else Manager.MENDELEY)
    if ENDNOTE_RE.match(f.instruction):
        payload = f.instruction if "<Cite" in f.instruction else f.data
        items, own = endnote_items(payload)
        return FieldCitation(Manager.ENDNOTE, f.paragraph, f.display, items, own, bool(items), f.where)
    ne = NOTEEXPRESS_RE.match(f.instruction)
    if ne:
        data = variables.get(f"NE.Ref{ne.group(1)}", "") or f.instruction
        items = noteexpress_items(data)
        return FieldCitation(Manager.NOTEEXPRESS, f.paragraph, f.display, items, None, bool(items), f.where)
    word = WORD_RE.match(f.instruction)
    if word:
        items = word_items(f.instruction, sources)
        return FieldCitation(Manager.WORD, f.paragraph, f.display, items, None, bool(items), f.where)
    return None


def _json(instruction: str) -> Any:
    """The JSON object a field's instruction holds after its keywords, or None."""
    start = instruction.find("{")
    if start < 0:
        return None
    try:
        data, _ = json.JSONDecoder().raw_decode(instruction[start:start + MAX_JSON])
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _csl(f: FieldCode, manager: Manager) -> FieldCitation:
    """A Zotero or Mendeley citation: its citationItems' records and its own formatted text."""
    data = _json(f.instruction)
    if data is None:
        return FieldCitation(manager, f.paragraph, f.display, readable=False, where=f.where)
    if isinstance(data.get("mendeley"), dict):
        manager = Manager.MENDELEY
    own: str | None = None
    for holder, key in (("properties", "plainCitation"), ("mendeley", "plainTextFormattedCitation"),
                        ("properties", "formattedCitation"), ("mendeley", "formattedCitation")):
        block = data.get(holder)
        value = block.get(key) if isinstance(block, dict) else None
        if isinstance(value, str) and value.strip():
            own = TAG_RE.sub("", value)
            break
    raw_items = data.get("citationItems")
    items = tuple(_csl_item(manager, x) for x in raw_items[:MAX_ITEMS] if isinstance(x, dict)) \
        if isinstance(raw_items, list) else ()
    return FieldCitation(manager, f.paragraph, f.display, items, own, True, f.where)


def _text(value: Any) -> str:
    return " ".join(str(value).split())[:2000] if isinstance(value, (str, int, float)) else ""


def _csl_item(manager: Manager, x: dict[str, Any]) -> FieldItem:
    """One CSL citation item: its identity (Zotero's item URI, Mendeley's document URI or id) and record."""
    found = x.get("itemData")
    data: dict[str, Any] = found if isinstance(found, dict) else {}
    uris = x.get("uris") or x.get("uri") or []
    uri = next((u for u in uris if isinstance(u, str)), "") if isinstance(uris, list) else ""
    ident = uri or _text(x.get("id")) or _text(data.get("id"))
    families: list[str] = []
    given: list[str] = []
    for name in (data.get("author") or data.get("editor") or [])[:MAX_NAMES]:
        if isinstance(name, dict):
            families.append(_text(name.get("family") or name.get("literal")))
            given.append(_text(name.get("given")))
    issued = data.get("issued")
    year = ""
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = _text(parts[0][0])
        year = year or (re.search(r"\d{4}", _text(issued.get("raw") or issued.get("literal"))) or [""])[0]
    return FieldItem(f"{manager.value.lower()}:{ident}", title=_text(data.get("title")), authors=tuple(families),
                     given=tuple(given), year=year, doi=_text(data.get("DOI")),
                     container=_text(data.get("container-title")), volume=_text(data.get("volume")),
                     issue=_text(data.get("issue")), pages=_text(data.get("page")),
                     publisher=_text(data.get("publisher")), place=_text(data.get("publisher-place")),
                     url=_text(data.get("URL")), kind=_text(data.get("type")), locator=_text(x.get("locator")))


def _uncited(instruction: str) -> tuple[str, ...]:
    """The items a Zotero bibliography lists uncited: ADDIN ZOTERO_BIBL {"uncited":[["http://…"]], …}."""
    data = _json(instruction)
    found = data.get("uncited") if isinstance(data, dict) else None
    out: list[str] = []
    for entry in found if isinstance(found, list) else []:
        uri = entry[0] if isinstance(entry, list) and entry else entry
        if isinstance(uri, str):
            out.append(f"zotero:{uri}")
    return tuple(out[:MAX_ITEMS])
