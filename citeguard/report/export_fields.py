"""The library a Word manuscript carries in its reference managers' fields (issue 25), exported: each
cited record once (by its identity, in order of first citation) as CSL-JSON or BibTeX — the works as
the author's library holds them, not as the list prints them."""

from __future__ import annotations

import json
import re

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from citeguard.managed import FieldItem
from citeguard.model import Document

# The managers' type names → (BibTeX type, CSL type); CSL's own names (Zotero, Mendeley) pass through
_TYPES = {"journal article": ("article", "article-journal"), "journalarticle": ("article", "article-journal"),
          "article-journal": ("article", "article-journal"), "book": ("book", "book"),
          "book section": ("incollection", "chapter"), "booksection": ("incollection", "chapter"),
          "chapter": ("incollection", "chapter"), "conference proceedings": ("inproceedings", "paper-conference"),
          "conferenceproceedings": ("inproceedings", "paper-conference"),
          "paper-conference": ("inproceedings", "paper-conference"), "thesis": ("phdthesis", "thesis"),
          "report": ("techreport", "report"), "web page": ("misc", "webpage"), "internetsite": ("misc", "webpage"),
          "webpage": ("misc", "webpage")}
# What a BibTeX key is made of: letters and digits only
_KEY_RE = re.compile(r"[^A-Za-z0-9]")


def field_items(document: Document) -> list[FieldItem]:
    """Every record the citation fields carry, once each, in order of first citation."""
    seen: dict[str, FieldItem] = {}
    for citation in document.field_citations:
        for item in citation.items:
            seen.setdefault(item.identity, item)
    return list(seen.values())


def _types(item: FieldItem) -> tuple[str, str]:
    return _TYPES.get(item.kind.lower(), ("misc", item.kind if item.kind.islower() and item.kind else "document"))


def _keys(items: list[FieldItem]) -> list[str]:
    """BibTeX keys: first author's family name and year ("smith2020"), a, b … for repeats."""
    out: list[str] = []
    for item in items:
        base = (_KEY_RE.sub("", item.authors[0]).lower() if item.authors else "") or "anon"
        base += item.year[:4]
        key, n = base, 0
        while key in out:
            n += 1
            key = base + chr(ord("a") + n - 1) if n <= 26 else f"{base}_{n}"
        out.append(key)
    return out


def _pairs(item: FieldItem) -> list[tuple[str, str]]:
    names = " and ".join(f"{f}, {g}" if g else f"{{{f}}}" for f, g in zip(item.authors, item.given, strict=False))
    pairs = [("author", names), ("title", item.title), ("journal" if _types(item)[0] == "article" else "booktitle",
                                                        item.container),
             ("year", item.year), ("volume", item.volume), ("number", item.issue), ("pages", item.pages.replace("-", "--")),
             ("publisher", item.publisher), ("address", item.place), ("doi", item.doi), ("url", item.url)]
    return [(k, v) for k, v in pairs if v]


def render_fields_bibtex(document: Document) -> str:
    """The fields' records as BibTeX."""
    items = field_items(document)
    library = Library()
    for item, key in zip(items, _keys(items), strict=True):
        library.add(Entry(_types(item)[0], key, [Field(k, v) for k, v in _pairs(item)]))
    return str(write_string(library)).replace("\n\n\n", "\n\n")


def render_fields_csl_json(document: Document) -> str:
    """The fields' records as CSL-JSON items (Zotero: File → Import)."""
    items = field_items(document)
    out = []
    for item, key in zip(items, _keys(items), strict=True):
        csl: dict[str, object] = {"id": key, "type": _types(item)[1], "note": f"citeguard: {item.identity}"}
        names = [{"family": f, "given": g} if g else {"literal": f} for f, g in zip(item.authors, item.given, strict=False)]
        optional: dict[str, object] = {"title": item.title, "author": names, "container-title": item.container,
                                       "volume": item.volume, "issue": item.issue, "page": item.pages,
                                       "publisher": item.publisher, "publisher-place": item.place,
                                       "DOI": item.doi, "URL": item.url}
        csl.update({k: v for k, v in optional.items() if v})
        if item.year[:4].isdigit():
            csl["issued"] = {"date-parts": [[int(item.year[:4])]]}
        out.append(csl)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
