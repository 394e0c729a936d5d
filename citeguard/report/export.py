"""The reference list exported for reference managers: BibTeX (bibtexparser v2) and CSL-JSON
(Zotero's import format). Pure: a Document in, a string out."""

from __future__ import annotations

import json
import re
from collections import Counter

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from citeguard.checks.citation_rules import normalised_title
from citeguard.checks.entry_style import name_sort_key
from citeguard.checks.page_rules import lists_cited_pages
from citeguard.model import Document, Language, Reference
from citeguard.parse.entries import VOLUME_IN_TITLE_RE
from citeguard.parse.hanname import han_name_parts, is_han_name
from citeguard.parse.personname import read_name

# GB/T 7714 type code → (BibTeX type, CSL type)
TYPES = {
    "J": ("article", "article-journal"), "M": ("book", "book"), "C": ("inproceedings", "paper-conference"),
    "N": ("article", "article-newspaper"), "D": ("phdthesis", "thesis"), "R": ("techreport", "report"),
    "S": ("misc", "standard"), "P": ("patent", "patent"), "EB": ("misc", "webpage"), "DB": ("misc", "dataset"),
    "DS": ("misc", "dataset"), "PP": ("misc", "article"), "G": ("book", "book"), "A": ("misc", "manuscript"),
    "Z": ("misc", "document"), "CP": ("misc", "software"), "CM": ("misc", "map"), "K": ("misc", "document"),
}
_KEY_CLEAN_RE = re.compile(r"[^a-z0-9]")
# A nationality mark just before a translated author's name: "[美]史密斯" "（英）" "〔德〕 "
_NATION_BEFORE_RE = re.compile(r"[\[(（〔［][^\])）〕］]{1,4}[\])）〕］]\s*$")


def exportable(document: Document) -> list[Reference]:
    """The parsed entries of the list, then each distinct work cited in the footnotes; entries the
    parser could not read (style "unknown") are left out rather than exported as junk."""
    out = [r for r in document.references if r.style != "unknown"]
    seen = {(normalised_title(r.title), r.year) for r in out}
    for note in document.footnotes:
        entry = note.entry
        if entry is None or entry.style == "unknown":
            continue
        key = (normalised_title(entry.title), entry.year)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def _key_base(ref: Reference) -> str:
    """Pinyin (or Latin) surname of the first author, then the year: "xi2025", "smith2020"."""
    who = "anon"
    if ref.authors:
        surname = name_sort_key(ref.authors[0])[0]
        who = _KEY_CLEAN_RE.sub("", surname.lower()) or "anon"
    return f"{who}{ref.year or 'nd'}"


def citation_keys(references: list[Reference]) -> list[str]:
    """Stable keys: surname + year + the entry's own a/b suffix; other clashes get -2, -3 … in
    list order (not letters, which would look like the paper's own suffixes)."""
    bases = [_key_base(r) + r.year_suffix for r in references]
    seen: Counter[str] = Counter()
    keys = []
    for base in bases:
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return keys


# Characters LaTeX reads as commands: & % $ # _ { } ~ ^ \
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile(r"[\\&%$#_{}~^]")


def latex(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], text)


def bibtex_name(name: str) -> str:
    """ "SMITH J A" → "Smith, J. A."; "Smith, J." stays; Chinese names stay whole."""
    if is_han_name(name.replace(" ", "")) or "," in name:
        return name
    parts = name.split()
    if len(parts) > 1 and all(re.fullmatch(r"[A-Z](?:-[A-Z])?", p) for p in parts[1:]):
        surname = parts[0].title() if parts[0].isupper() else parts[0]
        return f"{surname}, {' '.join(p.replace('-', '.-') + '.' for p in parts[1:])}"
    return name


def _han_parts(ref: Reference, name: str) -> tuple[str, str] | None:
    """(family, given) of a Chinese author, for Zotero to file under the family name; None for an
    organisation, and for a translated foreign name ("[美]史密斯", whose parts the characters do
    not tell), both written whole."""
    at = ref.raw.find(name)
    if at > 0 and _NATION_BEFORE_RE.search(ref.raw[max(0, at - 12):at]):
        return None
    return han_name_parts(name)


def _bib_author(ref: Reference, name: str) -> str:
    """BibTeX's "Family, Given" ("周, 文", "Smith, J."), LaTeX specials escaped; an organisation
    braced, so that BibTeX and Zotero keep it one name ({国家统计局})."""
    if is_han_name(name.replace(" ", "")):
        parts = _han_parts(ref, name)
        return latex(f"{parts[0]}, {parts[1]}") if parts else f"{{{latex(name)}}}"
    return latex(bibtex_name(name))


def _pages(ref: Reference) -> str | None:
    if ref.type_code == "N":
        return ref.edition  # 版次 is the newspaper page
    if lists_cited_pages(ref):
        return None  # a book's cited pages belong in the text, not in a bibliography entry
    return ",".join(p.replace("-", "--") if re.fullmatch(r"\d+-\d+", p) else p for p in ref.pages) or None


def _volume(ref: Reference) -> str | None:
    return None if ref.volume and ref.title and VOLUME_IN_TITLE_RE.search(ref.title) else ref.volume


def _bib_fields(ref: Reference) -> list[tuple[str, str]]:
    bib_type = TYPES.get(ref.type_code or "", ("misc", "document"))[0]
    container_key = {"article": "journal", "inproceedings": "booktitle"}.get(bib_type, "booktitle")
    authors = [_bib_author(ref, a) for a in ref.authors] + (["others"] if ref.et_al else [])
    edition = None if ref.type_code == "N" else ref.edition
    pairs: list[tuple[str, str | None]] = [
        ("author", " and ".join(authors) if authors else None),
        ("title", latex(ref.title) if ref.title else None),
        (container_key, latex(ref.container) if ref.container else None),
        ("address", latex(ref.place) if ref.place else None),
        ("school" if bib_type == "phdthesis" else "institution" if bib_type == "techreport" else "publisher",
         latex(ref.publisher) if ref.publisher else None),
        ("year", ref.year), ("date", ref.date), ("volume", _volume(ref)), ("number", ref.issue),
        ("pages", _pages(ref)), ("edition", edition), ("url", ref.url), ("doi", ref.doi),
        ("urldate", ref.access_date), ("language", "zh" if ref.language is Language.ZH else None),
        ("note", f"[{ref.type_code}{'/' + ref.carrier if ref.carrier else ''}]"
         if ref.type_code and ref.style == "gbt7714" else None),
    ]
    return [(k, v) for k, v in pairs if v]


def render_bibtex(document: Document) -> str:
    """The parsed entries (list, then footnotes) as BibTeX."""
    refs = exportable(document)
    library = Library()
    for ref, key in zip(refs, citation_keys(refs), strict=True):
        bib_type = TYPES.get(ref.type_code or "", ("misc", "document"))[0]
        library.add(Entry(bib_type, key, [Field(k, v) for k, v in _bib_fields(ref)]))
    return str(write_string(library)).replace("\n\n\n", "\n\n")


def _csl_author(ref: Reference, name: str) -> dict[str, str]:
    """CSL's family and given (which Zotero files and sorts by); "literal" for an organisation."""
    if is_han_name(name.replace(" ", "")):
        parts = _han_parts(ref, name)
        return {"family": parts[0], "given": parts[1]} if parts else {"literal": name}
    if ref.language is Language.ZH:
        return {"literal": name}  # a romanised name in a Chinese entry: as written
    formatted = bibtex_name(name)
    if "," in formatted:
        family, given = formatted.split(",", 1)
        return {"family": family.strip(), "given": given.strip()}
    person = read_name(name)  # "Jan-Willem van de Meent": family with its particles, as Zotero files it
    if person.organisation or not person.given:
        return {"literal": name}
    return {"family": person.family, "given": person.given} | ({"suffix": person.suffix} if person.suffix else {})


def render_csl_json(document: Document) -> str:
    """CSL-JSON items (Zotero: File → Import)."""
    items = []
    refs = exportable(document)
    for ref, key in zip(refs, citation_keys(refs), strict=True):
        csl_type = TYPES.get(ref.type_code or "", ("misc", "document"))[1]
        item: dict[str, object] = {"id": key, "type": csl_type}
        if ref.title:
            item["title"] = ref.title
        if ref.authors:
            item["author"] = [_csl_author(ref, a) for a in ref.authors]
        page = _pages(ref)
        optional = {"container-title": ref.container, "publisher": ref.publisher, "publisher-place": ref.place,
                    "volume": _volume(ref), "issue": ref.issue, "page": page.replace("--", "-") if page else None,
                    "URL": ref.url, "DOI": ref.doi, "edition": None if ref.type_code == "N" else ref.edition,
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
