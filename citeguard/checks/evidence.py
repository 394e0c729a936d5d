"""What one finding rests on, and how sure it can therefore be.

A finding is as sure as its own evidence — how *its* citation and *its* entries were read — never
as sure as the paper as a whole: an unreadable corner of a manuscript lowers what depends on it
and nothing else.  The evidence:

* a citation read cleanly: a number printed in brackets, its digits together (OCR spaces them
  apart, "[ 1 9 ]", or loses one, "[10-1]"); an author-year citation whose year was read as four
  digits and whose names are letters (letters a scanner put for digits, "2O14", are read back for
  certain and count as clean);
* an entry read as far as the finding needs: its authors (a style read field by field), its year
  (four digits, none lost), or what links it (its first author and a clean year, nothing left over);
* a numbered list read completely around the number a finding depends on: every entry with its
  number, that number's label nowhere in the list's text (else its entry is there, misread:
  Document.stray_labels), no other number missing or repeated, the entries around it single
  entries (alone on their lines, no other entry's label or second imprint inside); for a number
  past the end, the end of the list read (its last numbers there, its last entry single, no label
  past it, at most two numbers cited past it — a run of them is a list cut off, not a slip — and,
  in an OCR'd text, not two cited numbers whose comma was lost, "[56]" for [5,6]);
* an author-year list that does not hold the cited work elsewhere: no entry headed by the cited
  author whose year is unread, no work run on after an entry's own year, no entry of the cited
  year holding the cited author (a co-author cited first, a name one letter off), and at most two
  absent works between the same two entries of the list (more are a lost page or column).

Clean evidence is high confidence in a typed text and medium in an OCR'd one — a scanner misreads
a digit without leaving a trace (6 for 8), so an OCR'd text's clean year is at least a warning, not
an error; evidence read in part or repaired is low.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from citeguard.chars import OCR_DIGITS, TYPE_CODE_RE
from citeguard.checks.entry_style import name_sort_key
from citeguard.checks.registry import AuditContext
from citeguard.link import could_be_scanner_slip
from citeguard.model import Citation, CitationKind, Confidence, Document, EntryStyle, Language, Reference
from citeguard.parse.hanname import is_han_name
from citeguard.parse.listread import labels_in
from citeguard.parse.personname import fold_name

# A numeric citation printed whole: [3]  [1-3]  [1, 4]  ^[2]260  ［5］ — its digits not spaced apart
_CLEAN_NUMBER_RE = re.compile(
    r"\^?[\[［][ \t]?\d{1,3}(?:[ \t]?[-–—~,，、][ \t]?\d{1,3}){0,40}[ \t]?[\]］](?:\d{1,4}(?:-\d{1,4})?)?")
# Cited names as letters: "Smith and Jones" "周文和许凌云" "Brown et al." "van Dijk" "O'Neil" "Smith & Lee"
_CLEAN_NAMES_RE = re.compile(r"[^\W\d_][\w .'’&＆,，、\-]{0,200}", re.UNICODE)
# A work's imprint: its year with its volume ("2006,144（3）" "2008；132:27" "2009,3,297": GB/T,
# Vancouver, chemistry) or its year in brackets after the authors ("(2010)", APA) — one per work
_IMPRINT_RE = re.compile(r"(?<!\d)(?P<y>(?:1[6-9]|20)\d{2})[a-z]?[ \t]?[,，;；][ \t]?(?P<v>\d{1,4})[ \t]?[(（:：,，]"
                         r"|[(（](?P<p>(?:1[6-9]|20)\d{2})[a-z]?[)）]")
# Addresses, whose digits are no imprint: http://dx.doi.org/10.1016/j.cell.2007.12.018  doi:10.1000/x
_URL_RE = re.compile(r"(?:https?://|doi:|\b10\.\d{4,9}/)\S{0,300}", re.IGNORECASE)
# A number as printed
_NUMBER_RE = re.compile(r"\d{1,4}")
# The ranges of a numeric citation: "10-12" in [3,10-12]
_RANGE_RE = re.compile(r"(\d{1,3})[ \t]?[-–—~][ \t]?(\d{1,3})")
# A year as digits: 2006 (in a text whose letters for digits were read back)
_YEAR_DIGITS_RE = re.compile(r"(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)")
# A name heading an entry, or a work run on into it after a full stop: "Sanqueta" of "SanquetaAP,…"
_HEAD_WORD_RE = re.compile(r"(?:^|[.;。．][ \t]?)([A-Z][a-z'’\-]+)")
MAX_HEADS = 20  # heads of works compared in one entry
HEAD_CHARS = 80  # characters of an entry's head where its years stand
MAX_OCCURRENCES = 200  # places a cited name is looked at in one text
# A name word, capitalised or in capitals: "Smith" "SMITH" "Marjiya" of OCR's "ElMarjiya"
_NAME_WORD_RE = re.compile(r"[A-Z][a-z'’\-]+|[A-Z]{3,}(?![a-z])")
END_READ = 5  # the last entries that must all be there for the list's end to count as read
MAX_PAST_END = 2  # distinct numbers cited past a list's end that may be slips; more are a list cut off
MAX_ABSENT_TOGETHER = 2  # absent works between the same two entries that may be omissions; more, a lost stretch
_OCR_LINKS = ("OCR", "damaged by OCR", "run together")  # link reasons that repaired a citation's reading


def sure(document: Document, clean: bool) -> Confidence:
    """The confidence clean (or unclean) evidence gives: high in a typed text, medium in an OCR'd one
    (a digit misread without a trace), low when the evidence was read only in part or repaired."""
    if not clean:
        return Confidence.LOW
    return Confidence.MEDIUM if document.ocr else Confidence.HIGH


def clean_number(c: Citation) -> bool:
    """A numeric citation printed with both brackets, its digits together, its ranges rising
    ("[10-1]" is OCR's "[10-11]" with a digit lost)."""
    text = c.text.strip()
    return bool(_CLEAN_NUMBER_RE.fullmatch(text)) and all(int(a) < int(b) for a, b in _RANGE_RE.findall(text))


def clean_author_year(c: Citation) -> bool:
    """An author-year citation whose year was read as four digits (letters a scanner put for digits,
    2O14, are read back for certain) and whose names are letters, not linked by a repair."""
    if c.kind is not CitationKind.AUTHOR_YEAR or not c.year or not (c.year.isdigit() and len(c.year) == 4):
        return False
    if any(reason in c.link_reason for reason in _OCR_LINKS):
        return False
    return bool(c.author_text) and bool(_CLEAN_NAMES_RE.fullmatch(c.author_text.strip()))


def _unread(ref: Reference) -> bool:
    """Something of the entry could not be read: a damaged year, leftovers of the reading."""
    return bool(ref.damaged_year) or bool(ref.unparsed) or any("could not be read" in n for n in ref.notes)


def clean_year(ref: Reference) -> bool:
    """An entry year read as four digits, none of them lost."""
    year = ref.original_year or ref.year
    return year is not None and year.isdigit() and len(year) == 4 and not ref.damaged_year


def keyed(ref: Reference) -> bool:
    """An entry read with what links it: its key, or its first author and a clean year."""
    return bool(ref.key) or (bool(ref.authors) and clean_year(ref) and not _unread(ref))


def name_at(raw: str, name: str, start: int = 0) -> int:
    """Where an entry's text holds this cited name from ``start`` on (-1: nowhere) — a Chinese name
    anywhere, a Latin one as a word start not running on in lower case ("Ma" in "Ma WH" or "MaWH",
    not in "Materials")."""
    if not name:
        return -1
    if is_han_name(name):
        return raw.find(name, start)
    for form in (name, name.upper()):
        at = raw.find(form, start)
        for _ in range(MAX_OCCURRENCES):  # ("Ma" in a thousand "Materials": not read to the end)
            if at < 0:
                break
            before = raw[at - 1] if at else " "
            after = raw[at + len(form)] if at + len(form) < len(raw) else " "
            # a word start, or a capital after OCR glued two names ("LealFilhoN" holds "Filho")
            if (not before.isalpha() or (before.islower() and form[0].isupper())) and not after.islower():
                return at
            at = raw.find(form, at + 1)
    return -1


# An entry ending in its web address: "…[EB/OL]. https://bugclose.com/about.html."
_ENDS_IN_URL_RE = re.compile(r"https?://[^\s<>\"]{3,300}[.。]?\s*$")


def single_entry(document: Document, ref: Reference, *, ends_list: bool = False) -> bool:
    """One entry, whole and not two run together: a year printed in it, alone on its lines, no other
    entry's label inside it, no two imprints of different works ("…2007,66(9)…. ZaidiS … 2006,64(6)…";
    an English rendering repeats its own), at most two type codes (a part and its host: [A] //[M]).
    For the list's last entry (``ends_list``) only what follows it counts: an entry sharing its line
    with the one before it, each under its own label, hides nothing after the end."""
    if any(n != ref.number for n in labels_in(ref.raw)) or not (
            _YEAR_DIGITS_RE.search(ref.raw.translate(OCR_DIGITS)) or _ENDS_IN_URL_RE.search(ref.raw[-400:])):
        return False  # no year printed: an entry cut short, the next may be lost with its tail (a web
        # page's entry that ends in its address is whole: "关于Bugclose[EB/OL]. https://bugclose.com/about.html")
    if len(TYPE_CODE_RE.findall(ref.raw)) > 2:
        return False
    imprints = {(m.group("y"), m.group("v")) if m.group("y") else (m.group("p"), "")
                for m in _IMPRINT_RE.finditer(_URL_RE.sub("", ref.raw))}
    if len(imprints) > 1:
        return False
    before = () if ends_list else document.references[max(0, ref.index - 2):ref.index - 1]
    neighbours = before + document.references[ref.index:ref.index + 1]
    return not any(o.span.path == ref.span.path and o.span.line <= ref.span.end_line and ref.span.line <= o.span.end_line
                   for o in neighbours)


def missing_number(ctx: AuditContext, number: int, citation: Citation | None = None) -> Confidence:
    """How sure "there is no entry [number]" is: the citation printed whole, a numbered list read
    completely around that number (see the module's documentation).  In an OCR'd text the list
    must also be whole elsewhere near it: no other number missing or repeated (a scanner loses and
    misreads entries, an author slips once)."""
    doc, reading = ctx.document, ctx.reading
    if not reading.numbered or reading.unnumbered or number in reading.stray:
        return Confidence.LOW
    if citation is not None and (not clean_number(citation) or str(number) not in _NUMBER_RE.findall(citation.text)):
        return Confidence.LOW  # digits OCR spaced apart, or a number only inside a printed range ("[3-34]")
    by_number, numbers = _numbered(ctx)
    if number > reading.last:
        if doc.ocr and (any(n > reading.last - END_READ for n in reading.gaps) or reading.repeats):
            return Confidence.LOW  # the numbering breaks near the end, or repeats: the list's end read in part
        if any(s > reading.last for s in reading.stray) or len(reading.past_end) > MAX_PAST_END:
            return Confidence.LOW  # the list goes on past what was read, or was cut off
        if doc.ocr and _two_numbers(number, reading.last):
            return Confidence.LOW  # "[56]" for OCR's "[5,6]" with the comma lost
        if doc.ocr and citation is not None and _next_numbers(ctx, number, citation):
            return Confidence.LOW  # "[46]" after [3], before [7]: OCR's "[4-6]" with the dash lost
        return sure(doc, single_entry(doc, by_number[reading.last], ends_list=True))
    if doc.ocr and (reading.gaps != {number} or reading.repeats):
        return Confidence.LOW  # other numbers missing or repeated too: entries lost or misread, not one slip
    at = bisect.bisect_left(numbers, number)
    around = [by_number[n] for n in numbers[max(0, at - 1):at + 1]]
    if doc.ocr and len(around) < 2:
        return Confidence.LOW  # the head of the list missing: a scanner's loss as often as not
    return sure(doc, all(single_entry(doc, r) for r in around))


def _numbered(ctx: AuditContext) -> tuple[dict[int, Reference], list[int]]:
    """The list's entries by number, and the numbers in order (made once per audit)."""
    found = ctx.memo.get("numbered")
    if not isinstance(found, tuple):
        by_number = {r.number: r for r in ctx.document.references if r.number is not None}
        found = (by_number, sorted(by_number))
        ctx.memo["numbered"] = found
    return found


def numbering_break(ctx: AuditContext, missing: range | tuple[int, ...]) -> Confidence:
    """How sure a break in a list's numbering (CG301) is the author's: in a typed text, unless a
    missing number's label stands in the list's text (its entry is there, misread); in an OCR'd
    text only one missing number with clean evidence around it, as for a citation of it."""
    if any(n in ctx.reading.stray for n in missing):
        return Confidence.LOW
    if not ctx.document.ocr:
        return Confidence.HIGH
    if len(missing) != 1:
        return Confidence.LOW  # a repeat, a list not starting at 1, a stretch lost: a scanner's doing as often
    return missing_number(ctx, missing[0])


def _two_numbers(number: int, last: int) -> bool:
    """Could the digits be two numbers of the list cited together, OCR having lost the comma
    between them: two neighbours ("56" for [5,6]), or rising numbers making one far past the end,
    twice the list's length or more ("334" for [3,34] in a list of 45)?  A slip of the author's
    lands near the end."""
    digits = str(number)
    for i in range(1, len(digits)):
        a, b = int(digits[:i]), int(digits[i:])
        if digits[i] != "0" and 0 < a < b <= last and (b == a + 1 or number >= 2 * last):
            return True
    return False


def _next_numbers(ctx: AuditContext, number: int, citation: Citation) -> bool:
    """In a list numbered in order of first citation, could the digits be the next numbers due,
    cited together with the dash or comma lost ("46" where [4], [5], [6] come next after [3])?"""
    due = 1 + max((c.number or 0 for c in ctx.document.citations[:_position(ctx, citation)]
                   if c.kind is CitationKind.NUMERIC and (c.number or 0) <= ctx.reading.last), default=0)
    digits = str(number)
    return any(digits[i] != "0" and int(digits[:i]) == due and due < int(digits[i:]) <= ctx.reading.last
               for i in range(1, len(digits)))


def _position(ctx: AuditContext, citation: Citation) -> int:
    """The citation's place among the document's citations (their order in the text)."""
    found = ctx.memo.get("positions")
    if not isinstance(found, dict):
        found = {c.id: i for i, c in enumerate(ctx.document.citations)}
        ctx.memo["positions"] = found
    return int(found.get(citation.id, 0))


def _cited_names(c: Citation) -> list[str]:
    """The names a citation gives, word by word ("Robertsand Orkin" → Robertsand, Orkin; OCR's
    glued "ElMarjiya" → Marjiya); a Chinese name whole."""
    out: list[str] = []
    for author in c.authors[:3]:
        if is_han_name(author):
            out.append(author)
        else:
            out += [w.strip("-'’") for w in _NAME_WORD_RE.findall(author) if len(w.strip("-'’")) >= 2]
    return out


@dataclass(frozen=True, slots=True)
class _Entries:
    """The list as the search for a cited name needs it, made once per audit: the text after each
    entry's own year (a work run on into it), the entries whose year is unread, and the entries by
    the years their text holds (letters a scanner put for digits read back: 2Oo6 is 2006)."""

    tails: str  # the text after each entry's own year, one entry a line
    starts: list[int]  # where each entry's tail starts in ``tails``
    owners: list[Reference]
    unread: list[Reference]
    by_year: dict[str, list[Reference]]
    heads: dict[str, tuple[list[str], list[int]]]  # year → the names heading its entries' works, their entries


def _entries(ctx: AuditContext) -> _Entries:
    found = ctx.memo.get("entries")
    if isinstance(found, _Entries):
        return found
    tails: list[str] = []
    starts: list[int] = []
    owners: list[Reference] = []
    unread: list[Reference] = []
    by_year: dict[str, list[Reference]] = defaultdict(list)
    heads: dict[str, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
    at = 0
    for ref in ctx.document.references:
        digits = ref.raw.translate(OCR_DIGITS)
        own = digits.find(ref.year) if ref.year and clean_year(ref) else -1
        if own < 0:
            unread.append(ref)
        else:
            tail = ref.raw[own + 4:].replace("\n", " ")
            tails.append(tail)
            starts.append(at)
            owners.append(ref)
            at += len(tail) + 1
        names = [m.group(1).lower() for m in itertools.islice(_HEAD_WORD_RE.finditer(ref.raw), MAX_HEADS)]
        for year in set(_YEAR_DIGITS_RE.findall(digits)):
            by_year[year].append(ref)
            heads[year][0].extend(names)
            heads[year][1].extend([ref.index] * len(names))
    made = _Entries("\n".join(tails), starts, owners, unread, by_year, heads)
    ctx.memo["entries"] = made
    return made


def _held_elsewhere(ctx: AuditContext, c: Citation, exclude: set[int]) -> bool:
    """Does an entry the citation did not match hold it, so that the citation may well mean that
    entry: the cited first author standing after an entry's own year (a work run on into it, its
    head lost) or heading an entry whose year is unread; or an entry of the cited year holding the
    first author (cited as a co-author), headed by it spelt one letter off ("Sanqueta" for
    "Sanquetta"), or holding all the cited co-authors (OCR ran the first into "and": "Robertsand
    Orkin")?"""
    names = _cited_names(c)
    if not names:
        return False
    first, others = names[0], names[1:]
    entries = _entries(ctx)
    at = name_at(entries.tails, first)
    for _ in range(MAX_OCCURRENCES):
        if at < 0:
            break
        # (the original of a romanised entry, [于洋，于涛，…，2012 …], stands after its year: its own)
        if first not in entries.owners[bisect.bisect_right(entries.starts, at) - 1].original_authors:
            return True
        at = name_at(entries.tails, first, at + 1)
    for ref in entries.unread:
        where = name_at(ref.raw, first)
        if ref.index not in exclude and where >= 0 and (where <= HEAD or ref.raw[:where].rstrip()[-1:] in ".。;；]"):
            return True  # heading this entry (or a work run on into it), whose year is unread
    for ref in entries.by_year.get(c.year or "", []):
        if ref.index not in exclude and (name_at(ref.raw, first) >= 0 or (
                others and all(name_at(ref.raw, name) >= 0 for name in others))):
            return True
    if len(first) >= 5 and not is_han_name(first) and c.year in entries.heads:  # headed by it one letter off
        words, owners = entries.heads[c.year]
        near = process.extract(first.lower(), words, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
        return any(owners[i] not in exclude for _, _, i in near)
    return False


HEAD = 3  # characters before an entry's first author (a bullet, a bracket)
MAX_WEIGHED = 250_000  # unmatched citations × entries searched for their names; past this, not weighed


def absent_works(ctx: AuditContext, citations: Iterable[Citation]) -> dict[str, Confidence]:
    """How sure "no entry by this author" is for each of ``citations`` (author-year citations that
    match no entry and no near one), by citation id."""
    doc = ctx.document
    absent = list(citations)
    if not absent:
        return {}
    if len(absent) * len(doc.references) > MAX_WEIGHED:
        return dict.fromkeys((c.id for c in absent), Confidence.LOW)  # a reading that failed wholesale
    slots = _slots(doc, absent)
    together: dict[int, set[str]] = defaultdict(set)
    for c in absent:
        together[slots[c.id]].add(f"{fold_name(c.authors[0]) if c.authors else ''}|{c.year}")
    out = {}
    for c in absent:
        clean = clean_author_year(c) and not _held_elsewhere(ctx, c, set()) \
            and len(together[slots[c.id]]) <= MAX_ABSENT_TOGETHER
        out[c.id] = sure(doc, clean)
    return out


def _order_key(name: str, language: Language) -> tuple[int, str, str]:
    return (0 if language is Language.ZH else 1, *name_sort_key(name))


def _slots(doc: Document, absent: list[Citation]) -> dict[str, int]:
    """Where in the list each absent work would stand: the number of entries sorting before it (the
    list's own order, language group then name, as CG303 reads it)."""
    keys = sorted(_order_key(r.authors[0], r.language) for r in doc.references if r.authors)
    out = {}
    for c in absent:
        name = c.authors[0] if c.authors else ""
        language = Language.ZH if any("\u4e00" <= ch <= "\u9fff" for ch in name) else Language.EN
        out[c.id] = bisect.bisect_right(keys, _order_key(name, language))
    return out


def authors_read(ref: Reference) -> bool:
    """An entry whose authors were read as such: a style citeguard reads field by field, with names."""
    return ref.style is not EntryStyle.UNKNOWN and bool(ref.authors)


# One author field holding two Western names, the comma between them lost (OCR or the writer):
# "Donelick R.A. Donelick M.B."  "Smith J Brown K"
_TWO_NAMES_RE = re.compile(r"^[A-Z][a-z'’-]+\s+(?:[A-Z]\.?\s*-?){1,3}\s+[A-Z][a-z'’-]+\s+(?:[A-Z]\.?\s*-?){1,3}$")


def authors_counted(ref: Reference) -> bool:
    """An entry whose authors were read one by one: no author field holds two names whose comma
    was lost (their number, for 等/et al., would be one short)."""
    return authors_read(ref) and not any(_TWO_NAMES_RE.match(a.strip()) for a in ref.authors)


def compared(ctx: AuditContext, citation: Citation, refs: Iterable[Reference],
             read: Callable[[Reference], bool] = authors_read) -> Confidence:
    """How sure a finding that compares a citation with entries is: the citation read cleanly and
    each entry read as far as the finding needs (``read``: its authors, its year, …)."""
    if citation.kind is CitationKind.NUMERIC:
        clean = clean_number(citation)
    elif citation.kind is CitationKind.AUTHOR_YEAR:
        clean = clean_author_year(citation)
    else:
        clean = True
    return sure(ctx.document, clean and all(read(r) for r in refs))


def unlinked(ctx: AuditContext) -> dict[str, Confidence]:
    """How sure the finding on each citation that found no entry is (by citation id), as the rule
    that reports it weighs it: CG109 a missing number, CG101 an absent work, CG103 a year no entry
    of the author has, CG104 a near name, CG105 an ambiguity.  Made once per audit: CG909 names
    the citations whose evidence is not clean, when many citations found no entry."""
    found = ctx.memo.get("unlinked")
    if isinstance(found, dict):
        return found
    doc = ctx.document
    out: dict[str, Confidence] = {}
    absent = []
    named = sum(1 for c in doc.citations if c.reference is None and c.kind is CitationKind.AUTHOR_YEAR)
    weigh = named * len(doc.references) <= MAX_WEIGHED  # else a reading that failed wholesale: not weighed
    for c in doc.citations:
        if c.reference is not None or c.kind is CitationKind.KEY:
            continue
        refs = [doc.references[x.reference - 1] for x in c.candidates]
        if c.kind is CitationKind.NUMERIC:
            out[c.id] = missing_number(ctx, c.number or 0, c)
        elif not c.candidates:
            absent.append(c)
        elif any(x.reason.startswith("same author,") for x in c.candidates):
            # a year no entry of the author has — unless a near name has the cited year, or an entry
            # read in part or of that year holds the name: then the citation may well mean that one
            same = [doc.references[x.reference - 1] for x in c.candidates if x.reason.startswith("same author,")]
            near = any(x.reason.startswith("similar name") for x in c.candidates)
            confidence = compared(ctx, c, same, clean_year)
            if not weigh or near or _held_elsewhere(ctx, c, {r.index for r in same}) or any(
                    c.year and c.year[:4] in _YEAR_DIGITS_RE.findall(r.raw[:HEAD_CHARS]) for r in same):
                # (an entry whose head prints the cited year too — "(1967,1977)", two works in one
                # entry, or a reprint's first year — may well be the cited one)
                confidence = Confidence.LOW
            out[c.id] = confidence
        elif c.link_reason.startswith("ambiguous"):
            out[c.id] = compared(ctx, c, refs, keyed)
        else:  # a near name: in an OCR'd text, one a scanner could have made of the entry's is its slip
            confidence = compared(ctx, c, refs, authors_read)
            if doc.ocr and any(could_be_scanner_slip(c.authors[0] if c.authors else "", doc.references[x.reference - 1])
                               for x in c.candidates if x.reason.startswith("similar name")):
                confidence = Confidence.LOW
            out[c.id] = confidence
    out.update(absent_works(ctx, absent))
    ctx.memo["unlinked"] = out
    return out
