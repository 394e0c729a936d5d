"""Comparing a cited entry with index records and deciding its verdict (pure; issue 12).

``judge`` never calls a work fabricated on absence alone: "not found" is what most Chinese works,
books, government documents, newspapers, standards and reports get from Crossref and OpenAlex, and
is reported as "not indexed" for them. ``likely-fabricated`` needs a positive contradiction: a DOI
that names an unrelated work while no source has the cited title, or a year to come (in clean text
of an indexed kind). A DOI that resolves nowhere and a title no index has is "not found", with the
DOI named: a database lacking a real work answers exactly so.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from rapidfuzz import fuzz

from citeguard.checks.titles import normalise_title
from citeguard.model import Language, Reference
from citeguard.parse.hanname import is_han_name, pinyin_name
from citeguard.parse.personname import PersonName, fold_name, read_name, romanised_family, same_family
from citeguard.records import FieldDifference, Verdict, Verification, WorkRecord

# Thresholds (rapidfuzz ratio, 0-100, on titles with case, width, script, punctuation and markup folded)
TITLE_NEAR = 75  # below: another work. Changing two or three words of a ten-word title gives ~80-90
NEAR_SAME_AUTHOR = 85  # a near title counts as this work only when its first author and year agree too
CONTAINER_DIFFERENT = 55  # journal names below this (after abbreviation matching) are different venues
YEAR_SLACK = 1  # online-first and print years differ by one; more is another year
# Entry kinds Crossref and OpenAlex mostly lack (GB/T type codes): not found is expected
UNINDEXED_TYPES = frozenset({"M", "N", "EB", "S", "R", "D", "P", "G", "A", "Z", "DB", "CP"})
# HTML and MathML tags in Crossref titles: <i>, <sub>, <mml:math …>
_TAG_RE = re.compile(r"<[^<>]{0,300}>")
# Where a subtitle starts: "Main title: subtitle"  "主标题——副标题"
_SUBTITLE_RE = re.compile(r"(?:(?<!\s)\s*|(?<=\s)(?!\s))(?:[:：]|——|—|\s-\s)\s*+")  # (never from inside a space run)
# Between the pages of a range: 100-110  100–110  100—110  100~110
_PAGE_RANGE_RE = re.compile(r"[-–—~]")
_PREPRINT_WORDS = ("arxiv", "biorxiv", "medrxiv", "ssrn", "preprint", "research square", "chinaxiv")


def clean_title(text: str) -> str:
    return normalise_title(html.unescape(_TAG_RE.sub("", text)))


def title_score(cited: str, record: WorkRecord) -> float:
    """0-100: the cited title against the record's title (with and without its subtitle, and its
    other titles: a bilingual entry may cite either)."""
    a = clean_title(cited)
    if not a:
        return 0.0
    main_cited = clean_title(_SUBTITLE_RE.split(cited, maxsplit=1)[0])
    best = 0.0
    for title in (record.title, f"{record.title}: {record.subtitle}" if record.subtitle else "", *record.other_titles):
        b = clean_title(title)
        if not b:
            continue
        if a == b or (len(main_cited) >= 12 and main_cited == clean_title(_SUBTITLE_RE.split(title, maxsplit=1)[0])
                      and (a.startswith(b) or b.startswith(a))):
            return 100.0
        best = max(best, float(fuzz.ratio(a, b)))
    return best


def _cited_people(ref: Reference) -> list[PersonName]:
    """The entry's authors as read by the one name reader (organisations too)."""
    return [person for person in (read_name(a) for a in ref.authors) if person.family]


def _record_people(ref: Reference, record: WorkRecord) -> list[PersonName]:
    """The record's authors, its family names as stored (with their particles), with a Chinese name
    the index stored the wrong way round put right: Crossref often has 张三 as {"given": "Zhang",
    "family": "San"}."""
    people = [PersonName(family, record.given[i] if i < len(record.given) else "")
              for i, family in enumerate(record.authors) if family.strip()]
    for i, (author, person) in enumerate(zip(ref.authors, people, strict=False)):
        if person.given and is_han_name(author.replace(" ", "")):
            key = pinyin_name(author.replace(" ", ""))[0]
            if _record_key(person) != key and fold_name(person.given) == key:
                people[i] = PersonName(person.given, person.family)
    return people


def _record_key(person: PersonName) -> str:
    compact = person.family.replace(" ", "")
    return pinyin_name(compact)[0] if is_han_name(compact) else person.key


def _same_author(cited: PersonName, printed: PersonName) -> bool:
    """One author on both sides: a Chinese name by its romanised family name (indexes romanise
    Chinese names), any other by its family name, particles written or left out on either side."""
    compact = cited.family + cited.given
    if not cited.organisation and is_han_name(compact):
        return romanised_family(cited) == _record_key(printed)
    if is_han_name(printed.family.replace(" ", "")):
        return cited.key == _record_key(printed)
    return same_family(cited, printed)


def author_differences(ref: Reference, record: WorkRecord) -> list[FieldDifference]:
    """First author, order, and a shortened list (without et al./等)."""
    cited = _cited_people(ref)
    printed = _record_people(ref, record)
    if not cited or not printed:
        return []
    shown = ", ".join(ref.authors[:6]) + (" et al." if ref.et_al or len(ref.authors) > 6 else "")
    listed = ", ".join(record.authors[:6]) + (" et al." if len(record.authors) > 6 else "")
    if not _same_author(cited[0], printed[0]):
        why = "authors in another order" if any(_same_author(cited[0], p) for p in printed) else "another first author"
        return [FieldDifference("authors", shown, f"{listed} ({why})")]
    missing = [c.family for c in cited if not any(_same_author(c, p) for p in printed)]
    if missing:
        return [FieldDifference("authors", shown, f"{listed} (not among its authors: {', '.join(missing)})")]
    in_order = all(_same_author(c, p) for c, p in zip(cited, printed, strict=False))
    if len(cited) > len(printed) or not in_order or _initials_reordered(cited, printed):
        return [FieldDifference("authors", shown, f"{listed} (authors in another order)")]
    if not ref.et_al and len(cited) < len(printed):
        return [FieldDifference("authors", shown, f"{listed} ({len(printed)} authors, {len(cited)} cited, no et al.)")]
    return []


def _initials_reordered(cited: list[PersonName], printed: list[PersonName]) -> bool:
    """Authors sharing a family name in another order ("Sun M, Sun C" for "Sun C, Sun M"): told by initials."""
    pairs = [(c.initials[:1], p.initials[:1]) for c, p in zip(cited, printed, strict=False)
             if c.initials[:1].isascii() and c.initials and p.initials]
    return len(pairs) >= 2 and any(c != g for c, g in pairs) and sorted(c for c, _ in pairs) == sorted(g for _, g in pairs)


def _abbreviates(short: str, full: str) -> bool:
    """ "J. Phys. Chem." for "Journal of Physical Chemistry": each word a prefix of the next full word."""
    words = [w for w in re.split(r"[\s.,&:()\-]+", short.lower()) if w]
    targets = [w for w in re.split(r"[\s.,&:()\-]+", full.lower()) if w and w not in _SMALL_WORDS]
    if not words or len(words) > len(targets):
        return False
    i = 0
    for word in words:
        while i < len(targets) and not targets[i].startswith(word):
            i += 1
        if i == len(targets):
            return False
        i += 1
    return True


def _acronym(short: str, full: str) -> bool:
    """ "ICML" for "International Conference on Machine Learning"."""
    letters = "".join(ch for ch in short.lower() if ch.isalpha())
    words = [w for w in re.split(r"[\s.,&:()\-]+", full.lower()) if w and w not in _SMALL_WORDS]
    return len(letters) >= 2 and letters == "".join(w[0] for w in words if w[0].isalpha())


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "proceedings", "annual"})


def _same_venue(cited: str, listed: str) -> bool:
    a, b = normalise_title(cited), normalise_title(listed)
    if not a or not b or a == b or _abbreviates(cited, listed) or _abbreviates(listed, cited) \
            or _acronym(cited, listed) or _acronym(listed, cited):
        return True
    if min(len(a), len(b)) <= 8:  # acronyms: "icml" and "iclr" share three letters of four
        return False
    return fuzz.ratio(a, b) >= CONTAINER_DIFFERENT or fuzz.partial_ratio(a, b) >= 90


def _is_preprint(text: str, kind: str = "") -> bool:
    lowered = text.lower()
    return kind in ("posted-content", "preprint") or any(w in lowered for w in _PREPRINT_WORDS)


def _year(value: str | None) -> bool:
    """Whether ``value`` starts with a year int() reads: four ASCII digits ("²⁰²⁰" passes
    ``str.isdigit`` and fails ``int``; a record's fields are untrusted)."""
    head = (value or "")[:4]
    return len(head) == 4 and head.isascii() and head.isdigit()


def other_differences(ref: Reference, record: WorkRecord) -> list[FieldDifference]:
    out = []
    if _year(ref.year) and _year(record.year) and abs(int((ref.year or '')[:4]) - int((record.year or '')[:4])) > YEAR_SLACK:
        out.append(FieldDifference("year", ref.year or "", record.year or ""))
    cited_venue, venue = (ref.container or "").strip(), record.container.strip()
    # A preprint's record cannot confirm or refute a venue (papers are cited by their arXiv DOI with
    # the conference that took them), nor a published record an "arXiv" citation: not compared.
    if cited_venue and venue and not _is_preprint(venue, record.kind) and not _is_preprint(cited_venue) \
            and not _same_venue(cited_venue, venue):
        out.append(FieldDifference("container", cited_venue, venue))
    for name, cited, listed in (("volume", ref.volume, record.volume), ("issue", ref.issue, record.issue)):
        if cited and listed and _digits(cited) and _digits(listed) and _digits(cited) != _digits(listed):
            out.append(FieldDifference(name, cited, listed))
    if ref.pages and record.pages:
        first_cited, first_listed = _digits(_PAGE_RANGE_RE.split(ref.pages[0])[0]), _digits(_PAGE_RANGE_RE.split(record.pages)[0])
        if first_cited and first_listed and first_cited != first_listed:
            out.append(FieldDifference("pages", ", ".join(ref.pages), record.pages))
    return out


def _digits(text: str) -> str:
    # full-width and other compatibility digits folded first ("１２" is 12); then ASCII digits only
    # ("²⁰" passes str.isdigit() and fails int())
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch in "0123456789")


def unindexed_kind(ref: Reference) -> bool:
    """Works Crossref and OpenAlex mostly do not hold: Chinese works, books, newspapers,
    government documents, standards, reports, theses, web pages."""
    return ref.language is Language.ZH or (ref.type_code or "").upper() in UNINDEXED_TYPES or bool(
        ref.title and any("\u4e00" <= ch <= "\u9fff" for ch in ref.title))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the sources said about one reference."""

    doi_record: WorkRecord | None = None  # the record the cited DOI names
    doi_missing: bool = False  # every DOI source answered that the DOI does not exist
    found: Sequence[WorkRecord] = ()  # search results for the title
    sources: tuple[str, ...] = ()
    unavailable: tuple[str, ...] = ()  # sources that could not answer
    requests: int = 0
    searched: bool = False  # a title search was answered (absence of the title is established)
    damaged_text: bool = False  # the manuscript is OCR'd text: a DOI that resolves nowhere may be OCR's doing
    same_year: Sequence[WorkRecord] = ()  # works of the cited journal in the cited year (the volume check)


def claims_venue_of_preprint(ref: Reference, record: WorkRecord) -> bool:
    """The entry names a journal or conference, the record is a preprint: the venue needs a
    published record to be confirmed."""
    venue = (ref.container or "").strip()
    return bool(venue) and not _is_preprint(venue) and _is_preprint(record.container, record.kind)


def _compare(ref: Reference, record: WorkRecord, evidence: Evidence, extra: list[FieldDifference]) -> Verification:
    if claims_venue_of_preprint(ref, record):
        published = next((r for r in evidence.found if not _is_preprint(r.container, r.kind) and not r.is_notice
                          and title_score(ref.title or "", r) >= 100), None)
        if published is not None:
            record = published  # the version the entry cites
        else:
            extra = [*extra, FieldDifference("container", ref.container or "",
                                             f"{record.container or record.kind} (only a preprint is indexed)")]
    fields = extra + author_differences(ref, record) + other_differences(ref, record)
    verdict = Verdict.MISMATCH if fields else Verdict.VERIFIED
    detail = (f"matches {record.source} {record.doi or record.id}" if not fields else
              f"{record.source} {record.doi or record.id} differs in " + ", ".join(f.field for f in fields))
    return Verification(ref.index, verdict, detail, record, tuple(fields), record.notices, evidence.sources,
                        evidence.requests)


def best_match(ref: Reference, records: Sequence[WorkRecord]) -> tuple[WorkRecord | None, float]:
    scored = [(title_score(ref.title or "", r), r) for r in records if not r.is_notice]
    if not scored:
        return None, 0.0
    score, record = max(scored, key=lambda x: x[0])
    return record, score


def _same_people(ref: Reference, record: WorkRecord) -> bool:
    cited, printed = _cited_people(ref)[:1], _record_people(ref, record)[:1]
    return bool(cited and printed and _same_author(cited[0], printed[0])) and not any(
        d.field == "year" for d in other_differences(ref, record))


# Why a wrong DOI is not called fabrication for some entries
_NOT_PROOF = ("; not called fabricated: the title could not be searched, the text is OCR'd (a damaged DOI "
              "resolves nowhere), or works of this kind (Chinese, books, government documents) are often "
              "unindexed and their DOIs mistyped")


MIN_VOLUME_SAMPLE = 5  # works of the journal's year that must agree before a volume is called impossible


def _impossible_volume(ref: Reference, evidence: Evidence) -> str | None:
    """ "Journal of X published volume 14 in 2020 (Crossref: 12 works), not 40" — when every work
    the source holds of that journal in that year has another volume."""
    cited = _digits(ref.volume or "")
    venue = normalise_title(ref.container or "")
    works = [r for r in evidence.same_year if normalise_title(r.container) == venue and _digits(r.volume)]
    if not cited or not venue or len(works) < MIN_VOLUME_SAMPLE:
        return None
    volumes = sorted({_digits(r.volume) for r in works}, key=int)
    if int(volumes[0]) - 1 <= int(cited) <= int(volumes[-1]) + 1:
        return None  # one volume off: an online-first work cited with its print year, or the reverse
    return (f"{ref.container} published volume {', '.join(volumes)} in {ref.year} "
            f"({works[0].source}: {len(works)} works), not {ref.volume}")


def _plain(ref: Reference, verdict: Verdict, detail: str, evidence: Evidence) -> Verification:
    return Verification(ref.index, verdict, detail, sources=evidence.sources, requests=evidence.requests)


def judge(ref: Reference, evidence: Evidence, today: date | None = None) -> Verification:
    """The verdict on ``ref`` from what the sources said."""
    today = today or date.today()
    if not ref.title and not ref.doi:
        return _plain(ref, Verdict.NOT_CHECKED, "no title or DOI could be read from the entry", evidence)
    verdict = _judge(ref, evidence)
    future = _year(ref.year) and int((ref.year or '')[:4]) > today.year
    if future and verdict.record is not None and not any(f.field == "year" for f in verdict.fields):
        # a year to come is wrong even one year off the record's (the ±1 slack is for the past)
        year = FieldDifference("year", ref.year or "", verdict.record.year or f"not after {today.year}")
        return replace(verdict, verdict=Verdict.MISMATCH, fields=(*verdict.fields, year),
                       detail=f"{verdict.record.source} {verdict.record.doi or verdict.record.id} differs in year")
    if not future or verdict.record is not None or verdict.verdict is Verdict.LIKELY_FABRICATED:
        return verdict  # a record that matches the rest shows the year as a slip: "year: 2031 → 2020"
    if unindexed_kind(ref) or evidence.damaged_text:  # a typo or OCR's misreading as likely as an invention
        return Verification(ref.index, Verdict.MISMATCH, f"the year {ref.year} has not come yet",
                            fields=(FieldDifference("year", ref.year or "", f"after {today.year}"),),
                            sources=evidence.sources, requests=evidence.requests)
    return _plain(ref, Verdict.LIKELY_FABRICATED, f"the year {ref.year} has not come yet, and no record matches",
                  evidence)


def _judge(ref: Reference, evidence: Evidence) -> Verification:
    found, found_score = best_match(ref, evidence.found)
    same_title = found is not None and (found_score >= 100 or (found_score >= NEAR_SAME_AUTHOR and _same_people(ref, found)))
    if ref.doi and evidence.doi_record is not None:
        record = evidence.doi_record
        score = title_score(ref.title or "", record) if ref.title else 100.0
        if score >= NEAR_SAME_AUTHOR or (score >= TITLE_NEAR and _same_people(ref, record)):
            extra = [] if score >= 100 else [FieldDifference("title", ref.title or "", record.title)]
            return _compare(ref, record, evidence, extra)
        wrong = FieldDifference("doi", ref.doi, f"{record.doi or ref.doi} is “{record.title[:120]}”, another work")
        if same_title and found is not None:
            return _compare(ref, found, evidence, [wrong])
        if not evidence.searched or unindexed_kind(ref):  # the title's absence proves nothing: the DOI is wrong
            return Verification(ref.index, Verdict.MISMATCH, "the DOI names another work" + _NOT_PROOF,
                                record, (wrong,), (), evidence.sources, evidence.requests)
        return Verification(ref.index, Verdict.LIKELY_FABRICATED,
                            f"the DOI names another work (“{record.title[:120]}”) and no source has the cited title",
                            record, (wrong,), (), evidence.sources, evidence.requests)
    if ref.doi and evidence.doi_missing:
        known = f"; the work's DOI is {found.doi}" if same_title and found is not None and found.doi else ""
        missing = FieldDifference("doi", ref.doi, "no such DOI" + known)
        if same_title and found is not None:
            return _compare(ref, found, evidence, [missing])
        if not evidence.searched or unindexed_kind(ref) or evidence.damaged_text:
            return Verification(ref.index, Verdict.MISMATCH, "the DOI does not exist" + _NOT_PROOF,
                                None, (missing,), (), evidence.sources, evidence.requests)
        # Neither the DOI nor the title is known: absence, however complete, is not proof — a database
        # that lacks a real work answers the same (the real manuscripts of the corpus, checked against
        # an empty mock, must never read "fabricated"). Reported as not found, with the DOI named.
        return Verification(ref.index, Verdict.NOT_FOUND,
                            "neither the DOI nor the title is known to " + ", ".join(evidence.sources)
                            + ": check the entry", None, (missing,), (), evidence.sources, evidence.requests)
    if same_title and found is not None:
        extra = [] if found_score >= 100 else [FieldDifference("title", ref.title or "", found.title)]
        return _compare(ref, found, evidence, extra)
    if found is not None and found_score >= TITLE_NEAR and _same_people(ref, found):
        return _compare(ref, found, evidence, [FieldDifference("title", ref.title or "", found.title)])
    network = set(evidence.sources) - {"library"}  # the author's own library cannot show a work is missing
    if not network or set(evidence.unavailable) >= network:
        return _plain(ref, Verdict.NOT_CHECKED, "no source could be asked" + (
            f" ({', '.join(evidence.unavailable)} unavailable)" if evidence.unavailable else ""), evidence)
    asked = ", ".join(s for s in evidence.sources if s not in evidence.unavailable)
    if not ref.title:
        return _plain(ref, Verdict.NOT_FOUND, "no title to look up", evidence)
    impossible = _impossible_volume(ref, evidence)
    if impossible is not None and not unindexed_kind(ref) and not evidence.damaged_text:
        return Verification(ref.index, Verdict.LIKELY_FABRICATED, f"no source has the title, and {impossible}",
                            fields=(FieldDifference("volume", ref.volume or "", impossible),),
                            sources=evidence.sources, requests=evidence.requests)
    if unindexed_kind(ref):
        return _plain(ref, Verdict.NOT_INDEXED,
                      f"not in {asked}, as expected for this kind of work (not a sign it does not exist)", evidence)
    return _plain(ref, Verdict.NOT_FOUND, f"no record in {asked} matches the title", evidence)
