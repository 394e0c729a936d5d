"""Link in-text citations to reference entries.

Author-year citations are looked up in an index keyed by (first author key, year).  When one
author has several works in a year, the year suffix, then the cited page, then the second author
decide.  A citation with no exact match gets candidates with a reason: the same author with
another year, or a name within a small edit distance (rapidfuzz over the index's distinct
author keys, never over all citation × entry pairs).  Numeric citations link by entry number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from citeguard.model import Candidate, Citation, CitationKind, Document, Reference
from citeguard.parse.names import is_han_name, surname_key
from citeguard.parse.text import fold_width


@dataclass(frozen=True, slots=True)
class ReferenceIndex:
    """Lookup tables over one reference list."""

    by_author_year: dict[tuple[str, str], tuple[Reference, ...]]
    by_author: dict[str, tuple[Reference, ...]]
    by_number: dict[int, Reference]
    keys: tuple[str, ...]
    by_key: dict[str, Reference]

    @classmethod
    def build(cls, references: tuple[Reference, ...]) -> ReferenceIndex:
        by_author_year: dict[tuple[str, str], list[Reference]] = defaultdict(list)
        by_author: dict[str, list[Reference]] = defaultdict(list)
        by_number: dict[int, Reference] = {}
        by_key: dict[str, Reference] = {}
        for ref in references:
            if ref.key:
                by_key.setdefault(ref.key, ref)
            if ref.number is not None:
                by_number.setdefault(ref.number, ref)
            if not ref.authors:
                continue
            key = surname_key(ref.authors[0])
            by_author[key].append(ref)
            if ref.year:
                by_author_year[(key, ref.year)].append(ref)
        return cls({k: tuple(v) for k, v in by_author_year.items()},
                   {k: tuple(v) for k, v in by_author.items()}, by_number, tuple(by_author), by_key)


def _page_numbers(page: str) -> set[int]:
    """ "25-26" → {25, 26}; "191" → {191}; anything else → empty."""
    parts = [p for p in fold_width(page).replace("–", "-").replace("—", "-").split("-") if p.strip()]
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return set()
    if len(nums) == 2 and 0 <= nums[1] - nums[0] <= 2000:
        return set(range(nums[0], nums[1] + 1))
    return set(nums)


def pages_cover(listed: tuple[str, ...], cited: tuple[str, ...]) -> bool:
    """True when every cited page lies inside some listed page or range."""
    covered: set[int] = set()
    for item in listed:
        covered |= _page_numbers(item)
    wanted: set[int] = set()
    for item in cited:
        wanted |= _page_numbers(item)
    return bool(wanted) and wanted <= covered


def _choose(citation: Citation, options: tuple[Reference, ...]) -> tuple[Reference | None, str]:
    if citation.year_suffix:
        suffixed = tuple(r for r in options if r.year_suffix == citation.year_suffix)
        options = suffixed or options
    if len(options) == 1:
        return options[0], "author and year"
    if citation.pages:
        by_page = tuple(r for r in options if pages_cover(r.pages, citation.pages))
        if len(by_page) == 1:
            return by_page[0], "author, year and cited page"
    if len(citation.authors) > 1:
        second = surname_key(citation.authors[1])
        by_second = tuple(r for r in options if len(r.authors) > 1 and surname_key(r.authors[1]) == second)
        if len(by_second) == 1:
            return by_second[0], "author, year and second author"
    return None, "ambiguous: several entries by this author in this year"


def link_citations(document: Document) -> Document:
    """Return the document with every citation's ``reference`` (entry index) filled in."""
    index = ReferenceIndex.build(document.references)
    near = _near_names(index.keys)
    linked = tuple(_link_one(c, index, near) for c in document.citations)
    return replace(document, citations=linked)


def _link_one(citation: Citation, index: ReferenceIndex, near: _NearNames) -> Citation:
    if citation.kind is CitationKind.KEY:
        ref = index.by_key.get(citation.key)
        if ref is None:
            return replace(citation, link_reason="no entry with this key")
        return replace(citation, reference=ref.index, link_reason="key")
    if citation.kind is CitationKind.NUMERIC:
        ref = index.by_number.get(citation.number or -1)
        if ref is None:
            return replace(citation, link_reason="no entry with this number")
        return replace(citation, reference=ref.index, link_reason="entry number")
    if not citation.authors or not citation.year:
        return replace(citation, link_reason="no author or year")
    key = surname_key(citation.authors[0])
    options = index.by_author_year.get((key, citation.year), ())
    if options:
        ref, reason = _choose(citation, options)
        if ref is not None:
            return replace(citation, reference=ref.index, link_reason=reason)
        return replace(citation, link_reason=reason,
                       candidates=tuple(Candidate(r.index, "same author and year", 1.0) for r in options))
    candidates: list[Candidate] = []
    for ref in index.by_author.get(key, ()):
        candidates.append(Candidate(ref.index, f"same author, year {ref.year or '?'} in the entry", 0.9))
    for other, score in near(key):
        for ref in index.by_author.get(other, ()):
            if ref.year == citation.year:
                candidates.append(Candidate(ref.index, f"similar name {ref.authors[0]}, same year", score))
    if not candidates:
        return replace(citation, link_reason="no entry by this author")
    candidates.sort(key=lambda c: -c.score)
    return replace(citation, link_reason="near miss", candidates=tuple(candidates[:5]))


class _NearNames:
    """Author keys within a small edit distance of a key (cached per key)."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.han = [k for k in keys if is_han_name(k)]
        self.latin = [k for k in keys if not is_han_name(k)]
        self._cached = lru_cache(maxsize=4096)(self._compute)

    def __call__(self, key: str) -> tuple[tuple[str, float], ...]:
        return self._cached(key)

    def _compute(self, key: str) -> tuple[tuple[str, float], ...]:
        if not key:
            return ()
        if is_han_name(key):
            # One changed, added or dropped character in a Chinese name is a likely typo.
            near = process.extract(key, self.han, scorer=Levenshtein.distance, score_cutoff=1, limit=5)
            return tuple((k, 0.8) for k, dist, _ in near if k != key and dist <= 1 and len(key) >= 2)
        similar = process.extract(key, self.latin, scorer=fuzz.ratio, score_cutoff=80, limit=5)
        return tuple((k, float(score) / 100) for k, score, _ in similar if k != key)


def _near_names(keys: tuple[str, ...]) -> _NearNames:
    return _NearNames(keys)
