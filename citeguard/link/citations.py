"""Link in-text citations to reference entries.

Author-year citations are looked up in an index keyed by (first author key, year).  When one
author has several works in a year, the year suffix, then the cited page, then the second author
decide.  A citation with no exact match gets candidates with a reason: the same author with
another year, or a name within a small edit distance (rapidfuzz over the index's distinct
author keys, never over all citation × entry pairs).  Numeric citations link by entry number.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from citeguard.chars import fold_width
from citeguard.link.fields import link_fields
from citeguard.model import Candidate, Citation, CitationKind, Document, Reference
from citeguard.parse.entrykey import ACRONYM_NAME_RE, link_surname, without_particles
from citeguard.parse.hanname import is_han_name, pinyin_name, split_han_name
from citeguard.parse.names import surname_key
from citeguard.parse.ocr import scanner_slip
from citeguard.parse.personname import PARTICLES, fold_name
from citeguard.parse.pinyin import readings


@dataclass(frozen=True, slots=True)
class ReferenceIndex:
    """Lookup tables over one reference list."""

    by_author_year: dict[tuple[str, str], tuple[Reference, ...]]
    by_author: dict[str, tuple[Reference, ...]]
    by_number: dict[int, Reference]
    keys: tuple[str, ...]
    by_key: dict[str, Reference]

    by_year: dict[str, tuple[Reference, ...]] = field(default_factory=dict)
    # (year, the printed first author's surname key): the entries a pinyin reading may mean
    by_year_surname: dict[tuple[str, str], tuple[Reference, ...]] = field(default_factory=dict)
    # (year, the first 3+ letters of a printed surname that has up to three more): run-on names
    by_year_prefix: dict[tuple[str, str], tuple[Reference, ...]] = field(default_factory=dict)
    # (list, number): with a list after each chapter, a number is looked up in its own chapter's list
    by_part_number: dict[tuple[int, int], Reference] = field(default_factory=dict)
    # numbers the list prints on more than one entry (CG301 reports it): a citation naming its
    # author links to the entry it names, not to whichever came first
    twins: dict[int, tuple[Reference, ...]] = field(default_factory=dict)
    # entries whose authors were not read apart ("Poon, Auliana: Tourism…"): their raw text, folded
    unread: tuple[tuple[Reference, str], ...] = ()

    @classmethod
    def build(cls, references: tuple[Reference, ...]) -> ReferenceIndex:
        by_author_year: dict[tuple[str, str], list[Reference]] = defaultdict(list)
        by_author: dict[str, list[Reference]] = defaultdict(list)
        by_year: dict[str, list[Reference]] = defaultdict(list)
        by_number: dict[int, Reference] = {}
        by_part_number: dict[tuple[int, int], Reference] = {}
        numbered: dict[int, list[Reference]] = defaultdict(list)
        by_key: dict[str, Reference] = {}
        # (the scans of one year's entries per citation were quadratic over a long list: issue 15)
        by_year_surname: dict[tuple[str, str], list[Reference]] = defaultdict(list)
        by_year_prefix: dict[tuple[str, str], list[Reference]] = defaultdict(list)
        for ref in references:
            printed_key = link_surname(ref.authors[0], glued=True) if ref.authors else ""
            printed = fold_name(ref.authors[0].split(",", 1)[0]) if ref.authors else ""
            if ref.key:
                by_key.setdefault(ref.key, ref)
                by_key.setdefault(f"\0{ref.key.lower()}", ref)  # the key as BibTeX matches it, ignoring case
            for alias in ref.aliases:  # biblatex's ids = {…}: biber resolves a citation of an alias to the entry
                by_key.setdefault(alias, ref)
            if ref.number is not None:
                by_number.setdefault(ref.number, ref)
                by_part_number.setdefault((ref.part, ref.number), ref)
                if not ref.part:
                    numbered[ref.number].append(ref)
            for authors, year in ((ref.authors, ref.year), (ref.original_authors, ref.original_year or ref.year)):
                if not authors:
                    continue
                # entries come one at a time, so a repeat is the last one added (checked by identity:
                # comparing whole References field by field is what made linking slow)
                for key in entry_keys(authors[0]):
                    if not by_author[key] or by_author[key][-1] is not ref:
                        by_author[key].append(ref)
                    if year and (not by_author_year[(key, year)] or by_author_year[(key, year)][-1] is not ref):
                        by_author_year[(key, year)].append(ref)
                if year and (not by_year[year] or by_year[year][-1] is not ref):
                    by_year[year].append(ref)
                    if printed_key:
                        by_year_surname[(year, printed_key)].append(ref)
                    for size in range(max(3, len(printed) - 3), len(printed)):
                        by_year_prefix[(year, printed[:size])].append(ref)
        return cls({k: tuple(v) for k, v in by_author_year.items()},
                   {k: tuple(v) for k, v in by_author.items()}, by_number, tuple(by_author), by_key,
                   {k: tuple(v) for k, v in by_year.items()},
                   {k: tuple(v) for k, v in by_year_surname.items()}, {k: tuple(v) for k, v in by_year_prefix.items()},
                   by_part_number, {n: tuple(v) for n, v in numbered.items() if len(v) > 1},
                   tuple((r, fold_width(r.raw[:200]).lower().lstrip()) for r in references
                         if not r.authors and r.raw)[:MAX_UNREAD])


# Particles before a surname printed without a comma: "de Gelder B."  "van der Maas H L"
_PARTICLES_RE = re.compile(r"^(?:(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")\s+)+(?=\S)",
                           re.IGNORECASE)


def entry_keys(name: str) -> tuple[str, ...]:
    """The keys a citation of this entry author may use: the surname, the surname with OCR's
    glued initials taken off ("AguilarR"), the surname without its particles ("van Dijk" → "dijk")."""
    keys = [surname_key(name), link_surname(name, glued=True)]
    acronym = ACRONYM_NAME_RE.match(name.strip())
    if acronym is not None:  # cited by its acronym or by its name: "(CNEMC, 1990)"
        keys += [fold_name(acronym.group("acr")), fold_name(acronym.group("name"))]
    particle_free = without_particles(name.split(",", 1)[0]) if "," in name else \
        link_surname(_PARTICLES_RE.sub("", name))  # "de Gelder B." → "gelder"
    if particle_free and len(particle_free) < len(keys[0]) and keys[0].endswith(particle_free):
        keys.append(particle_free)
    return tuple(dict.fromkeys(k for k in keys if k))


@lru_cache(maxsize=32768)  # the same cited names again and again
def citation_keys(name: str) -> tuple[str, ...]:
    """The keys of a cited name: as cited, and without particles ("Van Miegroet" → "miegroet")."""
    keys = [surname_key(name), fold_name(name)]
    particle_free = without_particles(name)
    if particle_free and particle_free != keys[0]:
        keys.append(particle_free)
    return tuple(dict.fromkeys(k for k in keys if k))


@lru_cache(maxsize=8192)
def _page_spans(page: str) -> tuple[tuple[int, int], ...]:
    """ "25-26" → ((25, 26),); "191" → ((191, 191),); "2537-41" → ((2537, 2541),); anything else → ()."""
    parts = [p for p in fold_width(page).replace("–", "-").replace("—", "-").split("-") if p.strip()]
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return ()
    if len(nums) == 2 and nums[1] < nums[0] and len(parts[1].strip()) < len(parts[0].strip()):
        head = parts[0].strip()
        nums[1] = int(head[:len(head) - len(parts[1].strip())] + parts[1].strip())  # "2537-41" is 2537-2541
    if len(nums) == 2 and 0 <= nums[1] - nums[0] <= 2000:
        return ((nums[0], nums[1]),)
    return tuple((n, n) for n in nums)


def pages_cover(listed: tuple[str, ...], cited: tuple[str, ...]) -> bool:
    """True when every cited page lies inside some listed page or range (ranges that touch or
    overlap count as one: "1-5" and "6-9" cover "4-7")."""
    wanted = [span for item in cited for span in _page_spans(item)]
    if not wanted:
        return False
    merged: list[list[int]] = []
    for lo, hi in sorted(span for item in listed for span in _page_spans(item)):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return all(any(lo >= m[0] and hi <= m[1] for m in merged) for lo, hi in wanted)


def _fits_authors(citation: Citation, ref: Reference) -> bool:
    """Could this citation's names stand for this entry's authors? "X, 2017" is a work by X alone,
    "X & Y, 2017" one by X and Y, "X et al., 2017" / "X等" one by X and others."""
    authors = ref.authors
    if citation.authors and is_han_name(citation.authors[0]) and ref.original_authors:
        authors = ref.original_authors  # a Chinese citation names the entry's bracketed original
    if citation.et_al:
        return len(authors) >= 2 or ref.et_al
    if ref.et_al or len(authors) != len(citation.authors):
        return False
    return all(co_author_fits(c, a) for c, a in zip(citation.authors[1:], authors[1:], strict=True))


def _many_authors(citation: Citation, fitting: tuple[Reference, ...]) -> tuple[Reference, ...]:
    """"X et al." fits a work of two authors only where no work of three or more is there to fit:
    APA, Chicago and GB/T all name both authors of a two-author work."""
    if not citation.et_al or len(fitting) < 2:
        return fitting
    return tuple(r for r in fitting if len(r.authors) >= 3 or r.et_al) or fitting


def co_author_fits(cited: str, printed: str) -> bool:
    """A co-author as printed, romanised, or one letter off ("Tegenthoff" / "Tegenthof"): only
    entries already sharing first author and year are told apart this way, so a slip is safe."""
    key, keys = surname_key(cited), entry_keys(printed)
    if key in keys or (is_han_name(cited) and pinyin_name(cited)[0] == link_surname(printed, glued=True)):
        return True
    return len(key) >= 5 and any(Levenshtein.distance(key, k) <= 1 for k in keys)


def _same_co_authors(citation: Citation, ref: Reference) -> str:
    """The cited co-authors, when every one of them is the entry's in its place ("" otherwise)."""
    cited = citation.authors[1:]
    if not cited or len(ref.authors) < len(citation.authors):
        return ""
    if all(co_author_fits(c, a) for c, a in zip(cited, ref.authors[1:], strict=False)):
        return ", ".join(cited)
    return ""


def _same_work(options: tuple[Reference, ...]) -> bool:
    """The list prints one work twice (CG302 reports that): any copy will do for linking."""
    titles = {fold_name(r.title or "")[:60] for r in options}
    return len(titles) == 1 and bool(next(iter(titles)))


def _choose(citation: Citation, options: tuple[Reference, ...]) -> tuple[Reference | None, str]:
    if len(options) > MAX_CHOICE:  # told apart one by one per citation, thousands would be quadratic
        return None, AMBIGUOUS_REASON
    if citation.year_suffix:
        suffixed = tuple(r for r in options if r.year_suffix == citation.year_suffix)
        options = suffixed or options
    else:  # "Kong, 2000" beside entries 2000a and 2000b: the one entry without a suffix
        plain = tuple(r for r in options if not r.year_suffix)
        if len(plain) == 1 and len(options) > 1:
            options = plain
    if len(options) == 1:
        return options[0], "author and year"
    fitting = tuple(r for r in options if _fits_authors(citation, r))
    if len(fitting) > 1 and not citation.year_suffix:
        fitting = tuple(r for r in fitting if not r.year_suffix) or fitting
    fitting = _many_authors(citation, fitting)
    if len(fitting) == 1:
        return fitting[0], "author, year and co-authors"
    if _same_work(options):
        return options[0], "author and year (the list prints this work twice)"
    if citation.pages:
        by_page = tuple(r for r in options if pages_cover(r.pages, citation.pages))
        if len(by_page) == 1:
            return by_page[0], "author, year and cited page"
    if len(citation.authors) > 1:
        second = surname_key(citation.authors[1])
        by_second = tuple(r for r in options if len(r.authors) > 1 and surname_key(r.authors[1]) == second)
        if len(by_second) == 1:
            return by_second[0], "author, year and second author"
    return None, AMBIGUOUS_REASON


AMBIGUOUS_REASON = "ambiguous: several entries by this author in this year"
MAX_CHOICE = 64  # entries by one author in one year told apart by co-authors, title and page


def link_citations(document: Document) -> Document:
    """Return the document with every citation's ``reference`` (entry index) filled in.

    In a text OCR damaged (``document.ocr``), a cited name one letter off the only entry of its
    year ("Gilette" for Gillette) is taken for that entry, as the scanner's slip; CG904 says so —
    when the two differ as a scanner changes letters (parse/ocr.scanner_slip), not as a writer
    misspells ("Feng" for Fang stays a near miss)."""
    index = ReferenceIndex.build(document.references)
    near = _near_names(index.keys)
    linked = tuple(_link_one(c, index, near) for c in document.citations)
    if document.ocr:
        linked = tuple(_repaired(c, document.references) for c in linked)
    return link_fields(replace(document, citations=linked))


OCR_NAME_REASON = "author one letter off (OCR damage?) and year"


def _repaired(citation: Citation, references: tuple[Reference, ...]) -> Citation:
    """A near miss that is one similar name in the cited year, linked as OCR's slip — even beside
    entries of the cited name in other years: "Miller, 2003" and "Miler et al., 2012" beside
    "Miler S D. 2003" and "Miller M E … 2012" are two scanner slips, not two wrong years."""
    if citation.reference is not None or citation.link_reason != "near miss":
        return citation
    similar = [x for x in citation.candidates if x.reason.startswith("similar name")]
    if len({x.reference for x in similar}) == 1 and \
            could_be_scanner_slip(citation.authors[0], references[similar[0].reference - 1]):
        return replace(citation, reference=similar[0].reference, link_reason=OCR_NAME_REASON)
    return citation


def could_be_scanner_slip(cited: str, ref: Reference) -> bool:
    """Could a scanner have made the entry's first name of the cited one, read either way
    ("GeradsD" is Gerads with its initial run on)?  A Chinese citation is compared with the
    entry's Chinese original when the entry prints one ("LUO L, … [罗乐, …]")."""
    if not ref.authors:
        return True
    printed = ref.original_authors[0] if is_han_name(cited) and ref.original_authors else ref.authors[0]
    printed_keys = {surname_key(printed), link_surname(printed, glued=True), fold_name(printed)}
    # a particle run on in the entry ("DeCastilhoCV" for Castilho), an "et" run on in the citation
    # ("Barbouretet al"): the reading's, not a misspelling
    printed_keys |= {k[len(p):] for k in printed_keys for p in PARTICLES if k.startswith(p) and len(k) - len(p) >= 4}
    cited_keys = set(citation_keys(cited))
    cited_keys |= {k.removesuffix("et") for k in cited_keys if k.endswith("et") and len(k) >= 6}
    return any(scanner_slip(a, b) for a in cited_keys for b in printed_keys if a and b)


def _link_one(citation: Citation, index: ReferenceIndex, near: _NearNames) -> Citation:
    if citation.kind is CitationKind.KEY:
        ref = index.by_key.get(citation.key)
        if ref is None:
            ref = index.by_key.get(f"\0{citation.key.lower()}")
            if ref is not None:  # BibTeX matches keys ignoring case; biber does not (CG112 warns)
                return replace(citation, reference=ref.index, link_reason=KEY_CASE_REASON)
            return replace(citation, link_reason="no entry with this key")
        return replace(citation, reference=ref.index, link_reason="key")
    if citation.kind is CitationKind.NUMERIC:
        ref = (index.by_part_number.get((citation.part, citation.number or -1)) if citation.part
               else index.by_number.get(citation.number or -1))
        if ref is None:
            return replace(citation, link_reason="no entry with this number")
        if citation.authors and not citation.part and (twins := index.twins.get(ref.number or -1)):
            named = set(citation_keys(citation.authors[0]))
            chosen = next((t for t in twins if t.authors and named & set(entry_keys(t.authors[0]))), None)
            if chosen is not None:  # "赵磊[3]" where the list prints [3] twice, the second by 赵磊
                return replace(citation, reference=chosen.index, link_reason="entry number, the entry of that number "
                               "its author names")
        return replace(citation, reference=ref.index, link_reason="entry number")
    if not citation.authors or not citation.year:
        return replace(citation, link_reason="no author or year")
    keys = citation_keys(citation.authors[0])
    key = keys[0]
    # (entries told apart by their index: hashing or comparing a whole Reference is costly)
    found = [hits for k in keys if (hits := index.by_author_year.get((k, citation.year)))]
    options = found[0] if len(found) == 1 else tuple({r.index: r for hits in found for r in hits}.values())
    if options and len(options) <= MAX_CHOICE and is_han_name(citation.authors[0]):
        # a Chinese citation may also mean an entry printed in pinyin without its original
        # ("孔宏智和陈之端，2000" beside "[孔宏智，2000a]" and "KONG HZ, CHEN ZD, 2000")
        # — when its initials agree: 周家喜 is "ZHOU JX", not "ZHOU D"
        reading = pinyin_name(citation.authors[0].replace(" ", ""))
        taken = {r.index for r in options}
        same_surname = index.by_year_surname.get((citation.year, reading[0]), ())
        options += tuple(r for r in same_surname[:MAX_CHOICE]
                         if r.index not in taken and not r.original_authors and _reads_as(reading, r.authors[0]))
    if options:
        ref, reason = _choose(citation, options)
        if ref is not None:
            return replace(citation, reference=ref.index, link_reason=reason)
        return replace(citation, link_reason=reason,
                       candidates=tuple(Candidate(r.index, "same author and year", 1.0) for r in options[:MAX_CHOICE]))
    run_on = _run_on_name(key, index.by_year_prefix.get((citation.year, key), ()))
    if run_on is not None:
        return replace(citation, reference=run_on.index, link_reason=RUN_ON_REASON)
    damaged = tuple({r.index: r for k in keys for r in index.by_author.get(k, ())[:MAX_CHOICE]
                     if r.damaged_year and _subsequence(r.damaged_year, citation.year)}.values())
    if len(damaged) > 1:  # "Williams et al." and "Williams & Biswas" beside two damaged Williams entries
        damaged = _many_authors(citation, tuple(r for r in damaged if _fits_authors(citation, r)))
    if len(damaged) == 1:
        return replace(citation, reference=damaged[0].index, link_reason=DAMAGED_YEAR_REASON)
    romanised = _romanised(citation, index)
    if romanised is not None:
        return replace(citation, reference=romanised.index, link_reason=ROMANISED_REASON)
    candidates: list[Candidate] = []
    for ref in index.by_author.get(key, ()):
        candidates.append(Candidate(ref.index, f"same author, year {ref.year or '?'} in the entry", 0.9))
    for other, score in (hit for k in keys for hit in near(k)):  # (a glued "ElMarjiya Villarreal" by its whole)
        for ref in index.by_author.get(other, ()):
            if all(c.reference != ref.index for c in candidates) and (ref.year == citation.year or (
                    ref.damaged_year and _subsequence(ref.damaged_year, citation.year))):
                # "Gajendren and Harrison (2007)": the co-author, right, says which work the misspelt name is
                partner = _same_co_authors(citation, ref)
                candidates.append(Candidate(ref.index, f"similar name {ref.authors[0]}, same year" + (
                    f" and co-author {partner}" if partner else ""), score + (0.1 if partner else 0.0)))
    if not candidates:
        opening = [r for r, raw in index.unread if raw.startswith(key) and (
                   is_han_name(citation.authors[0]) or not raw[len(key):len(key) + 1].isalpha())
                   and citation.year in r.raw[:400]] if len(key) >= 2 else []
        if len(opening) == 1:  # "Poon(1993)" for "Poon, Auliana: Tourism, Technology…[M]. …, 1993"
            return replace(citation, reference=opening[0].index, link_reason=UNREAD_AUTHORS_REASON)
        return replace(citation, link_reason="no entry by this author")
    candidates.sort(key=lambda c: -c.score)
    return replace(citation, link_reason="near miss", candidates=tuple(candidates[:5]))


KEY_CASE_REASON = "key, written in another case than in the .bib file"
RUN_ON_REASON = "author and year (the entry's name is run together with its initials)"
DAMAGED_YEAR_REASON = "author (the entry's year is damaged by OCR; what is left of it fits)"


ROMANISED_REASON = "author (romanised in the entry) and year"
UNREAD_AUTHORS_REASON = "author at the start of an entry whose authors were not read apart, and year"
MAX_UNREAD = 500  # entries without authors kept for that look-up


def _initials(name: str, surname: str) -> str:
    """The initials of a Latin name once its surname is taken off: "Deng T" "DengT" "DENG Tao" → "t"."""
    letters = "".join(ch for ch in name if ch.isalpha())
    rest = letters[len(surname):] if letters.lower().startswith(surname) else letters
    return "".join(ch for ch in rest if ch.isupper()).lower()


def _romanised(citation: Citation, index: ReferenceIndex) -> Reference | None:
    """The one entry of the cited year whose authors are the cited Chinese names in pinyin: a
    Chinese text citing （邓涛、邱占祥，2007） where the list prints "DENG T, QIU Z X, 2007"."""
    if not citation.authors or not is_han_name(citation.authors[0]) or not citation.year:
        return None
    names = [a.replace(" ", "") for a in citation.authors if is_han_name(a)]
    wanted = [pinyin_name(a) for a in names]
    if not wanted:
        return None
    same_surname = index.by_year_surname.get((citation.year, wanted[0][0]), ())
    if len(same_surname) > MAX_CHOICE:
        return None  # no one entry among so many: ambiguous, not worth a quadratic search
    latin = [r for r in same_surname if not is_han_name(r.authors[0].replace(" ", ""))]
    found = []
    for ref in latin:
        if len(ref.authors) < len(wanted) and not ref.et_al:
            continue
        ok = True
        for reading, printed, han in zip(wanted, ref.authors, names, strict=False):
            if not _reads_as(reading, printed, han):
                ok = False
                break
        if ok:
            found.append(ref)
    return found[0] if len(found) == 1 else None


def _reads_as(reading: tuple[str, str], printed: str, han: str = "") -> bool:
    """Is this printed Latin name the pinyin (surname, given name) of a Chinese one — the surname
    the same and, where initials are printed, the first of them the given name's?  With the
    Chinese name (``han``) and one initial printed per character of its given name ("JIANG Z C"
    for 蒋忠诚), each initial is one of its character's readings' (蒋忠华 is "JIANG Z H")."""
    surname, given = reading
    key = link_surname(printed, glued=True)
    if key != surname:
        return False
    initials = _initials(printed.split(",", 1)[0] if "," not in printed else printed.replace(",", " "), key)
    given_han = split_han_name(han)[1] if han else ""
    if not given_han or len(initials) != len(given_han):
        return not (initials and given and initials[0] != given[0])
    return all(initial in {r[:1] for r in options}
               for initial, options in zip(initials, readings(given_han, given_name=True), strict=False))


def _subsequence(part: str, whole: str) -> bool:
    """ "998" in "1998", "204" in "2004": the digits OCR left, in order."""
    it = iter(whole)
    return all(ch in it for ch in part)


def _run_on_name(key: str, same_year: tuple[Reference, ...]) -> Reference | None:
    """The one entry of the cited year whose first name, as printed, starts with the cited
    surname and adds at most three letters: "TurleyD" "BRAYF" for Turley, Bray (OCR lost the space).
    ``same_year``: the entries of the year indexed under this prefix (``by_year_prefix``)."""
    if len(key) < 3 or is_han_name(key):
        return None
    found = []
    for ref in same_year:
        printed = fold_name(ref.authors[0].split(",", 1)[0]) if ref.authors else ""
        if printed != key and printed.startswith(key) and len(printed) - len(key) <= 3:
            found.append(ref)
    return found[0] if len(found) == 1 else None


MAX_NEAR_SEARCHES = 1000  # distinct cited names compared with every entry name (each search is a scan)


class _NearNames:
    """Author keys within a small edit distance of a key (cached per key). Each new key is compared
    with every entry key, so a document citing thousands of unknown names against thousands of
    entries would be quadratic: after MAX_NEAR_SEARCHES names, no more suggestions are looked for."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.han = [k for k in keys if is_han_name(k)]
        self.latin = [k for k in keys if not is_han_name(k)]
        self._cached = lru_cache(maxsize=4096)(self._compute)
        self._searches = 0

    def __call__(self, key: str) -> tuple[tuple[str, float], ...]:
        return self._cached(key)

    def _compute(self, key: str) -> tuple[tuple[str, float], ...]:
        if not key or self._searches >= MAX_NEAR_SEARCHES:
            return ()
        self._searches += 1
        if is_han_name(key):
            # One changed, added or dropped character in a Chinese name is a likely typo.
            near = process.extract(key, self.han, scorer=Levenshtein.distance, score_cutoff=1, limit=5)
            return tuple((k, 0.8) for k, dist, _ in near if k != key and dist <= 1 and len(key) >= 2)
        similar = process.extract(key, self.latin, scorer=fuzz.ratio, score_cutoff=80, limit=5)
        return tuple((k, float(score) / 100) for k, score, _ in similar if k != key)


def _near_names(keys: tuple[str, ...]) -> _NearNames:
    return _NearNames(keys)
