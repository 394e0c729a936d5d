"""The reference list exported for reference managers: BibTeX (bibtexparser v2) and CSL-JSON
(Zotero's import format). Pure: a Document in, a string out."""

from __future__ import annotations

import json
import re
from collections import Counter

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from citeguard.checks.entry_style import name_sort_key
from citeguard.model import Document, Language, Reference

# GB/T 7714 type code → (BibTeX type, CSL type)
TYPES = {
    "J": ("article", "article-journal"), "M": ("book", "book"), "C": ("inproceedings", "paper-conference"),
    "N": ("article", "article-newspaper"), "D": ("phdthesis", "thesis"), "R": ("techreport", "report"),
    "S": ("misc", "standard"), "P": ("patent", "patent"), "EB": ("misc", "webpage"), "DB": ("misc", "dataset"),
    "DS": ("misc", "dataset"), "PP": ("misc", "article"), "G": ("book", "book"), "A": ("misc", "manuscript"),
    "Z": ("misc", "document"), "CP": ("misc", "software"), "CM": ("misc", "map"), "K": ("misc", "document"),
}
_KEY_CLEAN_RE = re.compile(r"[^a-z0-9]")


def _key_base(ref: Reference) -> str:
    """Pinyin (or Latin) surname of the first author, then the year: "xi2025", "smith2020"."""
    who = "anon"
    if ref.authors:
        surname = name_sort_key(ref.authors[0])[0]
        who = _KEY_CLEAN_RE.sub("", surname.lower()) or "anon"
    return f"{who}{ref.year or 'nd'}"


def citation_keys(references: tuple[Reference, ...]) -> list[str]:
    """Stable keys: surname + year + the entry's own suffix; clashes get a, b, c … in list order."""
    bases = [_key_base(r) + r.year_suffix for r in references]
    counts = Counter(bases)
    seen: Counter[str] = Counter()
    keys = []
    for base in bases:
        if counts[base] > 1:
            keys.append(base + "abcdefghijklmnopqrstuvwxyz"[seen[base] % 26])
            seen[base] += 1
        else:
            keys.append(base)
    return keys


def _pages(ref: Reference) -> str:
    return ",".join(p.replace("-", "--") if re.fullmatch(r"\d+-\d+", p) else p for p in ref.pages)


def _bib_fields(ref: Reference) -> list[tuple[str, str]]:
    bib_type = TYPES.get(ref.type_code or "", ("misc", "document"))[0]
    container_key = {"article": "journal", "inproceedings": "booktitle"}.get(bib_type, "booktitle")
    authors = list(ref.authors) + (["others"] if ref.et_al else [])
    pairs: list[tuple[str, str | None]] = [
        ("author", " and ".join(authors) if authors else None), ("title", ref.title),
        (container_key, ref.container), ("address", ref.place),
        ("school" if bib_type == "phdthesis" else "institution" if bib_type == "techreport" else "publisher",
         ref.publisher),
        ("year", ref.year), ("date", ref.date), ("volume", ref.volume), ("number", ref.issue),
        ("pages", _pages(ref) or None), ("edition", ref.edition), ("url", ref.url), ("doi", ref.doi),
        ("urldate", ref.access_date), ("language", "zh" if ref.language is Language.ZH else None),
        ("note", f"GB/T 7714 type [{ref.type_code}{'/' + ref.carrier if ref.carrier else ''}]" if ref.type_code else None),
    ]
    return [(k, v) for k, v in pairs if v]


def render_bibtex(document: Document) -> str:
    """Every entry of the reference list as BibTeX."""
    library = Library()
    for ref, key in zip(document.references, citation_keys(document.references), strict=True):
        bib_type = TYPES.get(ref.type_code or "", ("misc", "document"))[0]
        library.add(Entry(bib_type, key, [Field(k, v) for k, v in _bib_fields(ref)]))
    return str(write_string(library))


def _csl_author(name: str, language: Language) -> dict[str, str]:
    if language is Language.ZH:
        return {"literal": name}  # Chinese names are written whole, family name first
    if "," in name:
        family, given = name.split(",", 1)
        return {"family": family.strip(), "given": given.strip()}
    parts = name.split()
    if len(parts) > 1 and all(p.isupper() or "-" in p for p in parts[1:]):  # GB/T form: SMITH J A
        return {"family": parts[0].title() if parts[0].isupper() else parts[0], "given": " ".join(parts[1:])}
    return {"literal": name}


def render_csl_json(document: Document) -> str:
    """CSL-JSON items (Zotero: File → Import)."""
    items = []
    for ref, key in zip(document.references, citation_keys(document.references), strict=True):
        csl_type = TYPES.get(ref.type_code or "", ("misc", "document"))[1]
        item: dict[str, object] = {"id": key, "type": csl_type}
        if ref.title:
            item["title"] = ref.title
        if ref.authors:
            item["author"] = [_csl_author(a, ref.language) for a in ref.authors]
        optional = {"container-title": ref.container, "publisher": ref.publisher, "publisher-place": ref.place,
                    "volume": ref.volume, "issue": ref.issue, "page": ",".join(ref.pages) or None,
                    "URL": ref.url, "DOI": ref.doi, "edition": ref.edition,
                    "language": "zh" if ref.language is Language.ZH else "en"}
        item.update({k: v for k, v in optional.items() if v})
        if ref.date:
            item["issued"] = {"date-parts": [[int(x) for x in ref.date.split("-")]]}
        elif ref.year and ref.year.isdigit():
            item["issued"] = {"date-parts": [[int(ref.year)]]}
        if ref.access_date:
            item["accessed"] = {"date-parts": [[int(x) for x in ref.access_date.split("-")]]}
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
