"""The APA-like entry: "Authors (2020). Title. Journal, 12(3), 45–67." and its Chinese form
"作者. (2014a). 题名. 刊名, 卷(期), 页." — authors, year, title, then a journal or a book source."""

from __future__ import annotations

import re

from citeguard.chars import OCR_DIGITS, fold_width, is_chinese
from citeguard.model import EntryStyle, Reference
from citeguard.parse.fields import DOI_RE, URL_RE, cut, split_pages, with_fields
from citeguard.parse.names import split_authors

# APA-like: Authors (2020). Title. Journal, 12(3), 45–67.   作者. (2014a). 题名. 刊名, 卷(期), 页.
# (an author's preferred name in brackets, as APA 7 prints it, is part of the authors: "Zhang, Z. (V.), & Hyland, K.")
APA_RE = re.compile(
    r"^(?P<authors>(?:[^()]|\((?!n\.|in\s|待)[A-Z][A-Za-z.\s\-]{0,20}\)){1,400}?)\s*+[.,]?\s*+"
    r"\(\s*(?P<year>[12][\dOoIl]{3}|n\.\s*d\.|in press|待发表)(?P<suffix>[a-z]?)"
    r"\s*(?:,[^)]*)?\)\s*[.,]?\s*(?P<rest>.*)$", re.IGNORECASE)
# APA source: Journal, 12(3), 45–67   中国社会科学,(2016,12月),109-126 — the pages may be an article
# number: Article 4203, e0123456, 3-es, 123:1–123:12 (letters, digits, ":" and "." between them; each
# run taken possessively, so a long run of digits is read one way)
APA_SOURCE_RE = re.compile(
    r"^(?P<container>[^,]+?)(?<!\s)(?:\s*+,\s*+(?P<volume>[\w-]+)?|\s++(?=\())\s*+"
    r"(?:\(\s*+(?P<issue>[^)]{0,40}?)\s*+\))?\s*+"
    r"(?:,\s*+(?P<pages>(?:[Aa]rticle\s++(?:[Nn]o\.\s*+)?)?[A-Za-z]{0,3}+\d[A-Za-z\d]*+(?:[:.][A-Za-z\d]++)*+"
    r"(?:\s*+[-–—~]{1,2}+\s*+[A-Za-z\d]++(?:[:.][A-Za-z\d]++)*+)?))?\s*+\.?\s*+$")
# (a lazy field may not end in a space, and the spaces after it are taken possessively: a run of
# spaces costs linear time, as in parse/entries.py)
# APA book source: 北京：北京大学出版社.  New York: Wiley.
APA_BOOK_RE = re.compile(r"^(?P<place>[^:,]+?)(?<!\s)\s*+:\s*+(?P<publisher>[^:]+?)(?<!\s)\s*+\.?\s*+$")
def parse_apa(text: str, folded: str, base: Reference) -> Reference | None:
    m = APA_RE.match(folded)
    if m is None:
        return None
    authors_raw = text[:m.end("authors")]
    names = _apa_authors(authors_raw)
    if not names:
        return None
    et_al = bool(re.search(r"\bet\.?\s*al\b|等$", authors_raw.strip(" .,")))
    year = m.group("year")
    fields: dict[str, object] = {"authors": names, "et_al": et_al, "year": year.translate(OCR_DIGITS),
                                 "year_suffix": m.group("suffix") or ""}
    if fields["year"] != year and year[:1].isdigit():
        fields["notes"] = (f"year {year!r} read as {fields['year']} (OCR damage?)",)
    rest_start = m.start("rest")
    rest = text[rest_start:]
    rest_f = folded[rest_start:]
    url_m = URL_RE.search(rest_f)
    if url_m:
        fields["url"] = rest[url_m.start():url_m.end()].rstrip(".,;")
        doi_m = DOI_RE.search(url_m.group(0))
        rest_f = rest_f[:url_m.start()]
    else:
        doi_m = DOI_RE.search(rest_f)
        if doi_m:
            rest_f = rest_f[:doi_m.start()]
    if doi_m:
        fields["doi"] = doi_m.group("doi").rstrip(".,;")
    dot = _title_end(rest_f)
    fields["title"] = rest[:dot].strip() or None
    source_f = rest_f[dot + 1:].strip()
    source = rest[dot + 1:dot + 1 + len(rest_f) - dot - 1].strip()
    if source_f:
        sm = APA_SOURCE_RE.match(source_f)
        bm = APA_BOOK_RE.match(source_f)
        if sm:
            for key in ("container", "volume", "issue"):
                value = cut(source, sm, key)
                if value is not None:
                    fields[key] = value
            fields["pages"] = split_pages(cut(source, sm, "pages"))
            fields["type_code"] = "J"
        elif bm:
            fields["place"] = cut(source, bm, "place")
            fields["publisher"] = cut(source, bm, "publisher")
            fields["type_code"] = "M"
        else:
            fields["unparsed"] = source
    return with_fields(base, {"style": EntryStyle.APA, **fields})


def _title_end(folded: str) -> int:
    """Index of the period that ends an APA title (not one inside a number or quotes)."""
    for i, ch in enumerate(folded):
        if ch in ".?" and i + 1 < len(folded) and not (folded[i - 1:i].isdigit() and folded[i + 1].isdigit()):
            if ch == "?" and folded[i + 1] == ".":
                return i + 1
            if ch == ".":
                return i
    return len(folded)


# An author's preferred name in brackets after the initials: "Zhang, Z. (V.)"  "Li, X. (Sharon)"
_PREFERRED_NAME_RE = re.compile(r"[ \t]?\([A-Z][A-Za-z.\- ]{0,20}\)")
_APA_WESTERN_RE = re.compile(r"(?P<surname>[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]+"
                             r"(?:\s+[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]+)*+)\s*+,\s*+"
                             r"(?P<initials>(?:[A-Z]\.?\s*-?\s*){1,4})")


# "&" or the word "and" between two names, and the spaces around it: "A, B & C"  "A, B. and C"
# (a match starts where a space run starts, never inside one, which would rescan it from every position)
_AND_RE = re.compile(r"(?:(?<!\s)\s*+|(?<=\s)(?!\s))(?:&|\band\b)\s*+")
# What may stand between APA names: commas, "&", "and", "et al.", "…"
_APA_SEPARATORS_RE = re.compile(r"[\s,.&]|\band\b|\bet\s+al\b|…|\.\.\.")


def _apa_authors(raw: str) -> tuple[str, ...]:
    raw = _PREFERRED_NAME_RE.sub("", raw).strip().rstrip(".,")
    if is_chinese(raw):
        names, _ = split_authors(raw.replace("&", ","))
        return names
    found = [f"{m.group('surname')}, {m.group('initials').strip()}" for m in _APA_WESTERN_RE.finditer(raw)]
    rest = _APA_SEPARATORS_RE.sub("", _APA_WESTERN_RE.sub("", raw))
    if found and not rest:
        return tuple(found)
    if found:
        return ()  # names mixed with other text: not an APA author list (e.g. "Guth, Phys. Rev.")
    # (widths folded: "Sandberg，L．and Langridge，W" is "Sandberg, L., Langridge, W")
    names, _ = split_authors(_AND_RE.sub(",", fold_width(raw, keep_enumeration_comma=True)))
    return names if all(len(n) < 40 for n in names) else ()
