"""Which printed entry each work a reference manager's field cites is (issue 25): by the record's
DOI where the entry prints one, else by its title — the record's identity says which work the
citation means, not the text it displays. One look-up per distinct item."""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz, process

from citeguard.chars import fold_width
from citeguard.managed import FieldItem, FieldLink
from citeguard.model import Document, Reference

TITLE_MATCH = 90  # rapidfuzz ratio of two folded titles taken as one work
MIN_TITLE = 4  # characters of a folded title worth matching
MAX_ITEMS = 20_000  # cited items linked in one document

# What a title is compared without: punctuation, spaces, brackets of every width ("A study: of X" = "astudyofx")
_NOT_WORD_RE = re.compile(r"[\W_]+")


def field_title(title: str) -> str:
    """A title folded for comparison: width, case, punctuation and spaces aside."""
    return _NOT_WORD_RE.sub("", fold_width(title).lower())


def normal_doi(doi: str) -> str:
    """A DOI as compared: lower case, without its resolver ("https://doi.org/10.1/X" → "10.1/x")."""
    doi = doi.strip().lower()
    at = doi.find("10.")
    return doi[at:].rstrip(".,;") if at >= 0 else ""


def link_fields(document: Document) -> Document:
    """The document with ``field_links``: for each item of each citation field, its entry (or None)."""
    if not document.field_citations:
        return document
    refs = document.references
    by_doi = {normal_doi(r.doi): r.index for r in refs if r.doi and normal_doi(r.doi)}
    titles = {r.index: field_title(r.title or "") for r in refs}
    choices = {i: t for i, t in titles.items() if len(t) >= MIN_TITLE}
    raws = {r.index: field_title(r.raw) for r in refs}
    years = {r.index: r.year or "" for r in refs}
    found: dict[str, tuple[int | None, str]] = {}
    links: list[FieldLink] = []
    for ci, citation in enumerate(document.field_citations):
        for ii, item in enumerate(citation.items):
            if len(links) >= MAX_ITEMS:
                break
            if item.identity not in found:
                found[item.identity] = _entry(item, by_doi, choices, raws, years)
            reference, how = found[item.identity]
            links.append(FieldLink(ci, ii, reference, how))
    return replace(document, field_links=tuple(links))


def _entry(item: FieldItem, by_doi: dict[str, int], choices: dict[int, str], raws: dict[int, str],
           years: dict[int, str]) -> tuple[int | None, str]:
    """The entry that is ``item``: its DOI printed, else its title (the best of equals by year), else
    its title inside an entry whose title was not read apart (or ran on past its end)."""
    doi = normal_doi(item.doi)
    if doi and doi in by_doi:
        return by_doi[doi], "doi"
    title = field_title(item.title)
    if len(title) < MIN_TITLE:
        return None, ""
    matches = process.extract(title, choices, scorer=fuzz.ratio, score_cutoff=TITLE_MATCH, limit=8)
    if matches:
        best = max(matches, key=lambda m: (m[1], years.get(m[2]) == item.year))
        return int(best[2]), "title"
    if len(title) >= 8:
        for index, raw in raws.items():
            # its title inside an entry whose title was not read apart, or was read running on past
            # its end ("‘Agile methods: a review’, VTT Publications, pp" in a Harvard list): the
            # record's whole title there, in an entry of its year
            if title in raw and (index not in choices or (title in choices[index] and years.get(index) == item.year)):
                return index, "title"
    return None, ""


def with_field_dois(document: Document) -> tuple[Reference, ...]:
    """The list's entries, each that prints no DOI given the DOI its field record carries (linked by
    title): what ``verify`` asks the indexes with — the author's library knows the work's DOI even
    when the style does not print it."""
    dois: dict[int, str] = {}
    for link in document.field_links:
        item = document.field_citations[link.citation].items[link.item]
        if link.reference is not None and normal_doi(item.doi):
            dois.setdefault(link.reference, normal_doi(item.doi))
    return tuple(replace(r, doi=dois[r.index]) if not r.doi and r.index in dois else r for r in document.references)
