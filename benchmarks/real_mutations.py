"""Planted errors in real manuscripts: one error per copy, each copy audited in-process.

    .venv/bin/python benchmarks/real_mutations.py [--corpus ../shared/corpus] [--per 2] [--seed 22]
                                                  [--set wild] [--kind year-changed] [--rows rows.tsv]

Manuscripts (``../shared/corpus``): born-digital — the reference paper (``000_*.txt``, text taken
from its PDF), ``wild-born`` (the stored works and the ones ``rebuild.sh`` writes into ``files/``),
``wild-latex``, ``wild-joss``, ``wild-mdnotes`` and ``real/en-joss-gmr-paper.md``; OCR'd — ``wild``
and the ChinaXiv conversions in ``real/`` (MinerU OCR, as ``real/README.md`` says).  Each copy gets one error of one kind:

* year-changed: an author-year citation's year (2019 → 2018) in an author-year paper, or a year
  printed beside a numeric citation (林毅夫（2014）[7]); in a numbered paper "NRC（2001）" names a
  work, which citeguard does not check, and is not planted;
* entry-deleted: a cited entry taken out of the list (or out of the .bib);
* number-past-end: a one-number citation [k] of a numbered list made [N+d] (N: the last entry);
* entry-duplicated: a cited entry copied — to the end of a numbered list under the next number,
  next to itself in an unnumbered one, or in a .bib under a second key that one citation then uses;
* footnote-year-changed: the year of a footnote that is an entry for a work another footnote or
  the list also describes (a year no other copy contradicts cannot be found by anyone);
* pages-removed: the pages of a printed GB/T [J] entry (or of an @article of a Chinese .bib);
* name-misspelt: the first author of a citation of an author-year paper one letter (or character) off.

Targets are chosen, with ``random.Random(f"{seed}|{manuscript}|{kind}")``, among the citations and
entries the clean copy's reading linked (a planted error where citeguard misreads the clean text is
measured by the link rates of ``benchmarks/wild.py``, not here), at most ``--per`` of each kind per
manuscript, and only where the error can be seen at all: a changed year or misspelt name that
matches another entry of that author, or a footnote year with no other copy, is not planted.

**Found** — a finding at warning or above, new against the clean copy, stands *at the planted
place*: on the line of the changed citation; on any line of the inserted copy, the footnote or the
entry that lost its pages; for a deleted entry, on the line of any citation that cited it or on the
line where it stood.  **Elsewhere** — findings at warning or above in the mutated copy that the
clean copy does not have (compared by code, file and line, lines mapped across the edit) and that
are not at the planted place, per planting.  Prints figures per kind and per set; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from citeguard.checks import audit
from citeguard.ingest import IngestError, SourceText, read_project
from citeguard.ingest.project import Project
from citeguard.link import link_citations
from citeguard.model import CitationKind, CitationSystem, Document, EntryStyle, Finding, Reference, Severity, Span
from citeguard.parse import parse_source
from citeguard.parse.hanname import is_han_name
from citeguard.parse.names import surname_key
from citeguard.parse.personname import fold_name

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("year-changed", "entry-deleted", "number-past-end", "entry-duplicated", "footnote-year-changed",
         "pages-removed", "name-misspelt")
# Kinds whose check is not in citeguard yet (issue 22, "Checks still missing"), in part or whole
PENDING = {"footnote-year-changed": "a footnote entry against the list's entry",
           "pages-removed": "[J] without pages", "year-changed": "a year beside a numeric citation"}
# Given-name characters a misspelt Chinese name takes instead of its last one
_ZH_SWAP = "明华伟芳军丽强磊洋勇艳杰娟涛超"
_VOWELS = "aeiou"
# A year printed just before a numeric citation: 林毅夫（2014）[7]  Smith (2019) [3]
_YEAR_BEFORE_RE = re.compile(r"[（(]\s*(?P<y>(?:19|20)\d{2})\s*[)）]\s*\^?$")
# A one-number citation as printed: [12]  ^[12]  ［12］
_ONE_NUMBER_RE = re.compile(r"\^?[\[［]\s*\d{1,3}\s*[\]］]")
# The colon before an entry's pages, with the spaces after it: ":"  "： "
_COLON_RE = re.compile(r"[:：]\s*")
# A .bib pages field on a line of its own: "  pages = {88--93},"
_BIB_PAGES_RE = re.compile(r"^[ \t]*pages[ \t]*=[ \t]*[{\"][^\n]*\n", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Manuscript:
    set: str
    born: bool  # born-digital (else OCR'd)
    path: Path


@dataclass(frozen=True)
class Place:
    path: str  # the file ("" for the manuscript itself), as findings name it
    first: int  # lines in the mutated copy
    last: int


@dataclass(frozen=True)
class Edit:
    file: str  # "" for the manuscript, else the path of the part or .bib edited
    start: int  # offsets in that file's clean text
    end: int
    new: str


@dataclass(frozen=True)
class Planting:
    kind: str
    edits: tuple[Edit, ...]
    places: tuple[Place, ...]
    what: str


@dataclass
class Outcome:
    manuscript: Manuscript
    planting: Planting
    found: list[Finding]
    elsewhere: list[Finding]
    below: list[Finding]  # new at the planted place, but under warning: what a miss was said as


def manuscripts(corpus: Path) -> Iterator[Manuscript]:
    for path in sorted(corpus.glob("*.txt")):  # the reference paper, as extracted from its PDF
        yield Manuscript("reference", True, path)
    for path in sorted((corpus / "wild").glob("*.md")):
        if path.name != "README.md":
            yield Manuscript("wild", False, path)
    for name in ("wild-joss", "wild-latex", "wild-mdnotes"):
        for line in (corpus / name / "MANUSCRIPTS").read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield Manuscript(name, True, corpus / name / line.strip())
    born = corpus / "wild-born"
    with (born / "SOURCES.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["description"].startswith("MAIN") or row["local_file"].endswith(".md"):
                path = born / row["local_file"]
                path = path if path.exists() else born / "files" / row["local_file"]
                if path.exists():
                    yield Manuscript("wild-born", True, path)
    for path in sorted((corpus / "real").glob("*.md")):
        if path.name != "README.md":
            yield Manuscript("real", "chinaxiv" not in path.name, path)


# ---- reading and auditing a project, with one file replaced -------------------------------------

def sources(project: Project) -> dict[str, SourceText]:
    out = {"": project.main}
    out.update({p.path: p for p in project.parts})
    out.update({b.path: b for b in project.bibs})
    return out


def audit_project(project: Project, texts: dict[str, str]) -> tuple[Document, tuple[Finding, ...]]:
    """Parse, link and audit the project with the files of ``texts`` replaced by those texts."""
    def swap(src: SourceText, key: str) -> SourceText:
        if key not in texts:
            return src
        return SourceText.from_text(texts[key], path=src.path, encoding=src.encoding)
    main = swap(project.main, "")
    parts = tuple(swap(p, p.path) for p in project.parts)
    bibs = tuple(swap(b, b.path) for b in project.bibs)
    document = link_citations(parse_source(main, bibs=bibs, syntax=project.syntax, notes=project.notes, parts=parts))
    return document, audit(document)[1]


def offsets(src: SourceText, span: Span) -> tuple[int, int]:
    return src.offset(span.line, span.column), src.offset(span.end_line, span.end_column) + 1


def whole_lines(src: SourceText, first: int, last: int) -> tuple[int, int]:
    """Offsets of lines ``first``..``last``, the line end of the last included."""
    start = src.offset(first, 1)
    end = src.text.find("\n", src.offset(last, 1))
    return start, len(src.text) if end < 0 else end + 1


def bib_extent(text: str, at: int) -> tuple[int, int] | None:
    """The offsets of the .bib entry starting at ``at`` ("@"), up to its closing bracket's line end."""
    opening = re.compile(r"@\w+\s*[{(]").match(text, at)
    if opening is None:
        return None
    pair = "{}" if text[opening.end() - 1] == "{" else "()"
    depth, i = 1, opening.end()
    while i < len(text) and depth:
        depth += 1 if text[i] == pair[0] else -1 if text[i] == pair[1] else 0
        i += 1
    if depth:
        return None
    end = text.find("\n", i)
    return at, len(text) if end < 0 else end + 1


def line_shift(src: SourceText, edit: Edit) -> tuple[int, int, int]:
    """(first clean line, last clean line, lines added) of an edit."""
    old = src.text[edit.start:edit.end]
    first = src.text.count("\n", 0, edit.start) + 1
    return first, first + old.count("\n"), edit.new.count("\n") - old.count("\n")


def clean_line(shifts: list[tuple[int, int, int]], line: int) -> int:
    """A mutated copy's line as the clean copy numbers it (lines inside an edit stay as they are)."""
    offset = 0
    for _first, last, added in sorted(shifts):
        if line - offset > last + added:
            offset += added
    return line - offset


# ---- what can be planted ------------------------------------------------------------------------

def cited(doc: Document) -> dict[int, list[int]]:
    """Entry index → positions in ``doc.citations`` of the citations linked to it."""
    out: dict[int, list[int]] = {}
    for i, c in enumerate(doc.citations):
        if c.reference is not None:
            out.setdefault(c.reference, []).append(i)
    return out


def _first_keys(doc: Document) -> dict[str, set[str]]:
    """First-author key → the years of its entries."""
    out: dict[str, set[str]] = {}
    for r in doc.references:
        if r.authors:
            out.setdefault(surname_key(r.authors[0]), set()).add(r.year or "")
    return out


def plant_year(doc: Document, srcs: dict[str, SourceText], rng: random.Random) -> Iterator[Planting]:
    years = _first_keys(doc)
    for c in doc.citations:
        if c.reference is None or c.span.path:
            continue
        ref = doc.references[c.reference - 1]
        src = srcs[""]
        start, end = offsets(src, c.span)
        if c.kind is CitationKind.AUTHOR_YEAR and doc.system is CitationSystem.AUTHOR_YEAR and c.year \
                and ref.year == c.year and ref.authors:
            at = src.text.find(c.year, start, end)
            if at < 0 or src.text.count(c.year, start, end) != 1:
                continue
        elif c.kind is CitationKind.NUMERIC and ref.year and _ONE_NUMBER_RE.fullmatch(c.text.replace(" ", "")):
            m = _YEAR_BEFORE_RE.search(src.text, max(0, start - 16), start)
            if m is None or m.group("y") != ref.year:
                continue
            at = m.start("y")
        else:
            continue
        taken = years.get(surname_key(ref.authors[0]), set()) if ref.authors else set()
        new = next((str(int(ref.year) + d) for d in rng.sample([1, -1, 2, -2, 3], 5)
                    if str(int(ref.year) + d) not in taken), None)
        if new is None:
            continue
        yield Planting("year-changed", (Edit("", at, at + 4, new),), (Place("", c.span.line, c.span.line),),
                       f"{c.text} → {new} (L{c.span.line})")


def plant_misspelt(doc: Document, srcs: dict[str, SourceText], rng: random.Random) -> Iterator[Planting]:
    keys = {surname_key(a) for r in doc.references for a in r.authors[:1]}
    for c in doc.citations:
        if c.kind is not CitationKind.AUTHOR_YEAR or c.reference is None or not c.authors or c.span.path \
                or doc.system is not CitationSystem.AUTHOR_YEAR:
            continue
        src = srcs[""]
        start, end = offsets(src, c.span)
        name = c.authors[0]
        at = src.text.find(name, start, end)
        if at < 0:
            continue
        if is_han_name(name) and 2 <= len(name) <= 4:
            wrong = name[:-1] + rng.choice([ch for ch in _ZH_SWAP if ch not in name])
        elif not is_han_name(name) and len(name) >= 4 and name.isalpha():
            vowels = [i for i, ch in enumerate(name) if i > 0 and ch in _VOWELS]
            if not vowels:
                continue
            i = rng.choice(vowels)
            wrong = name[:i] + rng.choice([v for v in _VOWELS if v != name[i]]) + name[i + 1:]
        else:
            continue
        if surname_key(wrong) in keys or fold_name(wrong) in keys:
            continue  # the misspelling is another entry's name: not an error anyone could see
        yield Planting("name-misspelt", (Edit("", at, at + len(name), wrong),),
                       (Place("", c.span.line, c.span.line),), f"{c.text}: {name} → {wrong} (L{c.span.line})")


def plant_past_end(doc: Document, srcs: dict[str, SourceText], rng: random.Random) -> Iterator[Planting]:
    numbers = [r.number for r in doc.references if r.number is not None]
    if len(numbers) * 2 <= len(doc.references) or not numbers:
        return
    last = max(numbers)
    for c in doc.citations:
        if c.kind is not CitationKind.NUMERIC or c.reference is None or c.span.path:
            continue
        if not _ONE_NUMBER_RE.fullmatch(c.text.replace(" ", "")):
            continue
        src = srcs[""]
        start, end = offsets(src, c.span)
        m = re.search(r"\d(?: ?\d)*", src.text[start:end])  # OCR's spaced digits "[ 1 2 ]" stay spaced
        if m is None:
            continue
        new = str(last + rng.randint(1, 5))
        new = " ".join(new) if " " in m.group(0) else new
        yield Planting("number-past-end", (Edit("", start + m.start(), start + m.end(), new),),
                       (Place("", c.span.line, c.span.line),), f"{c.text} → [{new}] (list ends at [{last}], L{c.span.line})")


def _alone(doc: Document, ref: Reference) -> bool:
    """Does the entry have its lines to itself (no other entry shares one)?"""
    return not any(o.index != ref.index and o.span.path == ref.span.path and o.span.line <= ref.span.end_line
                   and ref.span.line <= o.span.end_line for o in doc.references)


def _entry_text(ref: Reference, srcs: dict[str, SourceText]) -> tuple[int, int] | None:
    src = srcs.get(ref.span.path) if ref.span.path else srcs[""]
    if src is None:
        return None
    if ref.key:
        return bib_extent(src.text, src.offset(ref.span.line, ref.span.column))
    return whole_lines(src, ref.span.line, ref.span.end_line)


def _cited_alone(doc: Document, srcs: dict[str, SourceText], links: dict[int, list[int]]
                 ) -> Iterator[tuple[Reference, tuple[int, int], SourceText]]:
    """Cited entries that have their lines to themselves, with their text's extent and file."""
    for ref in doc.references:
        if ref.index not in links or not _alone(doc, ref):
            continue
        extent = _entry_text(ref, srcs)
        if extent is not None:
            yield ref, extent, srcs[ref.span.path] if ref.span.path else srcs[""]


def plant_deleted(doc: Document, srcs: dict[str, SourceText], rng: random.Random) -> Iterator[Planting]:
    links = cited(doc)
    for ref, extent, src in _cited_alone(doc, srcs, links):
        lines = src.text.count("\n", *extent)
        # where it stood: up to the line of the entry after it (CG301 names that one), lines moved up
        after = [o.span.line for o in doc.references if o.span.path == ref.span.path and o.span.line > ref.span.end_line]
        places = [Place(ref.span.path, ref.span.line, min(after) - lines if after else ref.span.line)]
        for i in links[ref.index]:
            c = doc.citations[i]
            line = c.span.line - lines if c.span.path == ref.span.path and c.span.line > ref.span.end_line else c.span.line
            places.append(Place(c.span.path, line, line))
        yield Planting("entry-deleted", (Edit(ref.span.path, *extent, ""),), tuple(places),
                       f"{_label(ref)} deleted (cited {len(links[ref.index])}×)")


def _label(ref: Reference) -> str:
    return f"@{ref.key}" if ref.key else f"[{ref.number}]" if ref.number is not None else (ref.raw[:24] + "…")


def plant_duplicated(doc: Document, srcs: dict[str, SourceText], rng: random.Random) -> Iterator[Planting]:
    links = cited(doc)
    numbers = [r.number for r in doc.references if r.number is not None]
    numbered = bool(numbers) and len(numbers) * 2 > len(doc.references)
    listed = [r for r in doc.references if not r.key]
    for ref, extent, src in _cited_alone(doc, srcs, links):
        copy = src.text[extent[0]:extent[1]]
        if not copy.endswith("\n"):
            continue
        lines = copy.count("\n")
        if ref.key:
            twice = [i for i in links[ref.index] if doc.citations[i].key == ref.key]
            if len(twice) < 2:
                continue  # the copy takes over one citation; the original must keep another
            c = doc.citations[twice[-1]]
            csrc = srcs[c.span.path] if c.span.path else srcs[""]
            cstart, cend = offsets(csrc, c.span)
            m = re.search(rf"(?<![\w:-]){re.escape(ref.key)}(?![\w:-])", csrc.text[cstart:cend])
            if m is None:
                continue
            new_key = f"{ref.key}x"
            copy = copy.replace(ref.key, new_key, 1)
            edits = (Edit(ref.span.path, extent[1], extent[1], copy),
                     Edit(c.span.path, cstart + m.start(), cstart + m.end(), new_key))
            first = src.text.count("\n", 0, extent[1]) + 1
            yield Planting("entry-duplicated", edits, (Place(ref.span.path, first, first + lines - 1),),
                           f"@{ref.key} copied as @{new_key}, cited at L{c.span.line}")
            continue
        if numbered and ref.number is not None:
            last = max(listed, key=lambda r: (r.span.end_line, r.index))
            label = re.match(r"[\s\-*^\[［(（]{0,6}" + str(ref.number) + r"(?!\d)", copy)
            if label is None:
                continue
            copy = copy[:label.end() - len(str(ref.number))] + str(max(numbers) + 1) + copy[label.end():]
            at = whole_lines(src, last.span.end_line, last.span.end_line)[1]
            if not src.text[:at].endswith("\n"):
                continue
            first = last.span.end_line + 1
            what = f"[{ref.number}] copied as [{max(numbers) + 1}] after the last entry"
        elif not numbered:
            at, first = extent[1], ref.span.end_line + 1
            what = f"{_label(ref)} copied next to itself"
        else:
            continue
        yield Planting("entry-duplicated", (Edit("", at, at, copy),), (Place("", first, first + lines - 1),), what)


def _fold(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").lower())


def plant_footnote_year(doc: Document, srcs: dict[str, SourceText], rng: random.Random) -> Iterator[Planting]:
    titles = Counter(_fold(r.title) for r in doc.references)
    titles.update(_fold(f.entry.title) for f in doc.footnotes if f.entry is not None)
    src = srcs[""]
    for note in doc.footnotes:
        ref = note.entry
        if ref is None or not ref.year or len(_fold(ref.title)) < 4 or titles[_fold(ref.title)] < 2:
            continue
        start, end = offsets(src, note.span)
        text = src.text[start:end]
        skip = text.find(ref.title) + len(ref.title) if ref.title and ref.title in text else 0
        at = text.find(ref.year, skip)
        if at < 0:
            continue
        new = str(int(ref.year) + rng.choice([1, -1, 2, -2]))
        yield Planting("footnote-year-changed", (Edit("", start + at, start + at + 4, new),),
                       (Place("", note.span.line, note.span.end_line),), f"footnote {note.symbol}: {ref.year} → {new}")


def plant_pages(doc: Document, srcs: dict[str, SourceText], rng: random.Random) -> Iterator[Planting]:
    entries = [(r, r.span) for r in doc.references] + [(f.entry, f.span) for f in doc.footnotes if f.entry]
    for ref, span in entries:
        if ref.key:
            if ref.type_code != "J" or doc.language.value != "zh":
                continue
            src = srcs[ref.span.path]
            extent = bib_extent(src.text, src.offset(ref.span.line, ref.span.column))
            if extent is None:
                continue
            m = _BIB_PAGES_RE.search(src.text, *extent)
            if m is None:
                continue
            first = ref.span.line
            last = first + src.text.count("\n", *extent) - 2
            yield Planting("pages-removed", (Edit(ref.span.path, m.start(), m.end(), ""),),
                           (Place(ref.span.path, first, last),), f"@{ref.key}: pages field removed")
            continue
        if ref.style is not EntryStyle.GBT or ref.type_code != "J" or ref.carrier == "OL" or not ref.pages or ref.unparsed:
            continue
        src = srcs[""]
        start, end = offsets(src, span)
        text = src.text[start:end]
        # the pages the entry was read with: the first "：pages" after its type code (an English
        # rendering run on after a Chinese entry repeats them, and keeps them)
        code = text.find("J]")
        colon = next((m.start() for m in _COLON_RE.finditer(text, max(code, 0))
                      if text.startswith(ref.pages[0], m.end())), -1)
        tail = text.find(ref.pages[-1], colon + 1) if colon >= 0 else -1
        if tail < 0:
            continue
        yield Planting("pages-removed", (Edit("", start + colon, start + tail + len(ref.pages[-1]), ""),),
                       (Place("", span.line, span.end_line),), f"{_label(ref)}: pages {', '.join(ref.pages)} removed")


PLANTERS: dict[str, Callable[[Document, dict[str, SourceText], random.Random], Iterator[Planting]]] = {
    "year-changed": plant_year, "entry-deleted": plant_deleted, "number-past-end": plant_past_end,
    "entry-duplicated": plant_duplicated, "footnote-year-changed": plant_footnote_year,
    "pages-removed": plant_pages, "name-misspelt": plant_misspelt,
}


# ---- measuring ----------------------------------------------------------------------------------

def _raised(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity.rank >= Severity.WARNING.rank]


def measure(m: Manuscript, per: int, seed: int, kinds: tuple[str, ...], corpus: Path) -> Iterator[Outcome]:
    try:
        project = read_project(m.path)
    except IngestError as exc:
        print(f"{m.path}: {exc}", file=sys.stderr)
        return
    srcs = sources(project)
    doc, clean = audit_project(project, {})
    before = Counter((f.code, f.path, f.line) for f in _raised(clean))
    name = str(m.path.relative_to(corpus))
    for kind in kinds:
        rng = random.Random(f"{seed}|{name}|{kind}")
        found = list(PLANTERS[kind](doc, srcs, rng))
        for planting in rng.sample(found, min(per, len(found))):
            yield _outcome(m, project, srcs, planting, before)


def _outcome(m: Manuscript, project: Project, srcs: dict[str, SourceText], planting: Planting,
             before: Counter[tuple[str, str, int]]) -> Outcome:
    texts: dict[str, str] = {}
    shifts: dict[str, list[tuple[int, int, int]]] = {}
    for edit in sorted(planting.edits, key=lambda e: (e.file, -e.start)):  # from the end: offsets stay valid
        src = srcs[edit.file]
        text = texts.get(edit.file, src.text)
        texts[edit.file] = text[:edit.start] + edit.new + text[edit.end:]
        shifts.setdefault(edit.file, []).append(line_shift(src, edit))
    _, findings = audit_project(project, texts)
    left = Counter(before)
    found, elsewhere, below = [], [], []
    for f in findings:
        at = any(p.path == f.path and p.first <= f.line <= p.last for p in planting.places)
        if f.severity.rank < Severity.WARNING.rank:
            if at:
                below.append(f)
            continue
        key = (f.code, f.path, clean_line(shifts.get(f.path, []), f.line))
        if left[key] > 0:
            left[key] -= 1
            continue
        (found if at else elsewhere).append(f)
    return Outcome(m, planting, found, elsewhere, below)


def summarise(outcomes: list[Outcome]) -> list[str]:
    lines = ["| kind | born-digital: planted | found | elsewhere / planting | OCR'd: planted | found | "
             "elsewhere / planting |", "|---|---|---|---|---|---|---|"]

    def cells(group: list[Outcome]) -> str:
        if not group:
            return "0 | – | –"
        hits = sum(1 for o in group if o.found)
        other = sum(len(o.elsewhere) for o in group)
        return f"{len(group)} | {hits / len(group):.2f} ({hits}) | {other / len(group):.2f}"
    for kind in [*KINDS, "all"]:
        group = [o for o in outcomes if kind in ("all", o.planting.kind)]
        born = [o for o in group if o.manuscript.born]
        ocr = [o for o in group if not o.manuscript.born]
        name = f"**{kind}**" if kind == "all" else kind + (" ¹" if kind in PENDING else "")
        lines.append(f"| {name} | {cells(born)} | {cells(ocr)} |")
    lines.append("")
    lines.append("¹ in part or whole a check issue 22 adds (" + "; ".join(f"{k}: {v}" for k, v in PENDING.items()) + ")")
    lines.append("")
    lines.append("By set: " + "; ".join(
        f"{s} {sum(1 for o in g if o.found)}/{len(g)}" for s in dict.fromkeys(o.manuscript.set for o in outcomes)
        if (g := [o for o in outcomes if o.manuscript.set == s])))
    codes = Counter(f.code for o in outcomes for f in o.found[:1])
    lines.append("Found by: " + ", ".join(f"{c} {n}" for c, n in codes.most_common()))
    other = Counter(f.code for o in outcomes for f in o.elsewhere)
    lines.append("Elsewhere: " + (", ".join(f"{c} {n}" for c, n in other.most_common()) or "none"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--per", type=int, default=2, help="plantings of each kind per manuscript, at most")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--set", action="append", help="only manuscripts of this corpus folder")
    parser.add_argument("--kind", action="append", choices=KINDS)
    parser.add_argument("--only", help="only manuscripts whose path contains this")
    parser.add_argument("--rows", type=Path, help="write one TSV row per planting here")
    args = parser.parse_args()
    kinds = tuple(args.kind or KINDS)
    t0 = time.perf_counter()
    outcomes: list[Outcome] = []
    for m in manuscripts(args.corpus):
        if (args.set and m.set not in args.set) or (args.only and args.only not in str(m.path)):
            continue
        outcomes.extend(measure(m, args.per, args.seed, kinds, args.corpus))
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as fh:
            fh.write("set\tborn\tmanuscript\tkind\twhat\tfound\tfound_by\telsewhere\tbelow\n")
            for o in outcomes:
                fh.write("\t".join((o.manuscript.set, "born" if o.manuscript.born else "ocr",
                                    str(o.manuscript.path.relative_to(args.corpus)), o.planting.kind,
                                    o.planting.what.replace("\t", " ").replace("\n", " "), str(bool(o.found)),
                                    " ".join(f"{f.code}:{f.severity.value[0]}:L{f.line}" for f in o.found),
                                    " ".join(f"{f.code}:{f.severity.value[0]}:L{f.line}" for f in o.elsewhere),
                                    " ".join(f"{f.code}:{f.severity.value[0]}:L{f.line}" for f in o.below))) + "\n")
    print("\n".join(summarise(outcomes)))
    print(f"\n{len(outcomes)} plantings in {len({o.manuscript.path for o in outcomes})} manuscripts, "
          f"{time.perf_counter() - t0:.0f} s (seed {args.seed}, at most {args.per} of a kind per manuscript)")


if __name__ == "__main__":
    main()
