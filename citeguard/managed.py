"""What reference managers keep in a Word manuscript (issue 25): the raw fields as the reader found
them (:class:`FieldCode`, :class:`FieldStore`) and what they mean once read (:class:`FieldCitation`,
:class:`FieldItem`, :class:`FieldBibliography`), and which printed entry each cited item is
(:class:`FieldLink`).

These values cross from ``ingest`` (the fields of the .docx) through ``parse`` (their payloads
read), ``link`` (items ↔ entries) and ``checks`` to ``export``; like ``model``, this module
imports nothing of citeguard's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Manager(StrEnum):
    """The program that wrote a citation field."""

    ZOTERO = "Zotero"  # ADDIN ZOTERO_ITEM CSL_CITATION {json}; ADDIN ZOTERO_BIBL
    MENDELEY = "Mendeley"  # ADDIN CSL_CITATION {json}; ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY
    ENDNOTE = "EndNote"  # ADDIN EN.CITE <EndNote>… (or in EN.CITE.DATA, base64); ADDIN EN.REFLIST
    NOTEEXPRESS = "NoteExpress"  # ADDIN NE.Ref.{GUID} (data in the document variable); ADDIN NE.Bib
    WORD = "Word"  # CITATION tag \l 2052 (sources in customXml); BIBLIOGRAPHY


@dataclass(frozen=True, slots=True)
class FieldCode:
    """A Word field: its instruction (a reference manager's citation data), the text it displays,
    and where it stands — body paragraph ``paragraph`` (1-based, as "¶N") to ``end_paragraph`` (a
    bibliography spans paragraphs), or the ``paragraph``-th note of ``where`` ("footnote",
    "endnote"). ``data`` is what the field's ``w:fldData`` carried, decoded (EndNote's
    EN.CITE.DATA record in base64)."""

    paragraph: int
    instruction: str
    display: str
    end_paragraph: int = 0
    where: str = ""
    data: str = ""


@dataclass(frozen=True, slots=True)
class FieldStore:
    """What a document keeps beside its fields: a NoteExpress document variable (``name`` "NE.Ref{GUID}")
    or Word's own bibliography sources (``name`` "sources", the customXml part)."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class FieldItem:
    """One cited work as the reference manager's record gives it. ``identity`` is the record's own
    identity ("zotero:http://zotero.org/users/1/items/ABCD2345", "endnote:db:12",
    "noteexpress:{UID}", "word:Smi20"); ``authors`` are family names (a body's whole name),
    ``given`` the given names beside them."""

    identity: str
    title: str = ""
    authors: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    year: str = ""
    doi: str = ""
    container: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    place: str = ""
    url: str = ""
    kind: str = ""  # the record's type as the manager names it ("article-journal", "Journal Article")
    locator: str = ""  # the page this citation cites


@dataclass(frozen=True, slots=True)
class FieldCitation:
    """A citation field read: who wrote it, the items it cites, the text it displays and the text it
    says it displays (``own_text``: Zotero's plainCitation, EndNote's DisplayText; None when the
    field keeps none). ``readable`` is False when its data could not be read."""

    manager: Manager
    paragraph: int
    display: str
    items: tuple[FieldItem, ...] = ()
    own_text: str | None = None
    readable: bool = True
    where: str = ""


@dataclass(frozen=True, slots=True)
class FieldBibliography:
    """A bibliography field: the list a reference manager wrote, body paragraphs ``paragraph`` to
    ``end_paragraph``; ``uncited`` are identities the author added to it without citing them."""

    manager: Manager
    paragraph: int
    end_paragraph: int
    uncited: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldLink:
    """Which printed entry a cited item is: ``reference`` is the entry's ``index`` in the list (None:
    no entry is that work), ``how`` the evidence ("doi", "title")."""

    citation: int  # index into Document.field_citations
    item: int  # index into that citation's items
    reference: int | None
    how: str = ""
