"""CG113, CG114: the name a numbered paper prints before a number (洪银兴[5]), and the year printed
with it (林毅夫（2014）[7]), against the entry the number points to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from citeguard.checks.citation_rules import linked, whole_brackets
from citeguard.checks.evidence import compared
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, rule
from citeguard.link import entry_keys
from citeguard.model import CitationKind, CitationSystem, Confidence, Finding, Reference, Severity
from citeguard.parse.entrykey import link_surname
from citeguard.parse.hanname import is_han_name, pinyin_name
from citeguard.parse.names import surname_key
from citeguard.parse.personname import fold_name


@rule("CG113", "numbered-citation-name", Severity.ERROR)
def numbered_citation_name(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """In a numbered paper, the author named before a number is not an author of that entry.

    The name must be one the reference list knows (so "研究表明[5]" is never taken for a name), and
    may be any of the entry's authors (prose may speak of a co-author). A name not among them
    usually means a wrong number. When many names miss their numbers, the list was read (or
    printed) out of step and nothing is said; a name that is the first author of an entry one or
    two places away is left alone for the same reason.
    Bad: 洪银兴[5] where [5] is by 高帆.  Good: 高帆[5], or the number of 洪银兴's entry.
    """
    doc = ctx.document
    named = [(c, ref) for c, ref in linked(ctx) if c.kind is CitationKind.NUMERIC and c.authors and ref.authors
             and whole_brackets(c)]
    by_number: dict[int, list[Reference]] = {}
    for entry in doc.references:
        if entry.number is not None and entry.authors:
            by_number.setdefault(entry.number, []).append(entry)
    wrong = [(c, ref) for c, ref in named if not _names_author(c.authors[0], ref.authors[0])
             and not _near_entry(by_number, c.authors[0], ref)]
    if len(wrong) >= 3 and len(wrong) * 4 > len(named):
        return  # many names off their numbers: the list was read out of step (or renumbered), not slipped
    for c, ref in wrong:
        cited = surname_key(c.authors[0])
        keys = [set(entry_keys(a)) for a in ref.authors]
        label = ref_label(ctx.document, ref.index)
        if any(cited in k for k in keys[1:]):
            continue  # "Schmidhuber [18]" for Hochreiter & Schmidhuber: prose may name a co-author
        yield r.finding(c.span, f"{c.author_text}{c.text}: {label} is by {', '.join(ref.authors[:3])}, not "
                        f"{c.authors[0]}", f"{c.author_text}{c.text}：{label} 的作者是 {'、'.join(ref.authors[:3])}，"
                        f"不是 {c.authors[0]}", citations=[c.id], references=[ref_number(ctx.document, ref.index)],
                        evidence=[("named", c.authors[0]), ("entry authors", ", ".join(ref.authors[:3]))],
                        confidence=compared(ctx, c, [ref]))


def _names_author(cited: str, printed: str) -> bool:
    """Does the name before a number name this entry author — as printed, romanised, with OCR's
    initials run on ("Ward" / "WARDJD") or one letter lost or added ("Uedono" / "Uedonoa")?"""
    key, keys = surname_key(cited), entry_keys(printed)
    if key in keys or _romanised_as(cited, printed):
        return True
    whole = fold_name(printed.split(",", 1)[0])
    return len(key) >= 4 and not is_han_name(cited) and (
        (whole.startswith(key) and len(whole) - len(key) <= 3) or Levenshtein.distance(key, keys[0]) <= 1)


def _near_entry(by_number: dict[int, list[Reference]], cited: str, ref: Reference) -> bool:
    """Is the cited name the first author of an entry one or two places away? Then the numbers were
    read (or printed) out of step, which is not this citation's slip. (``by_number``: the list's
    entries with authors by number — looked up, not scanned per citation.)"""
    if ref.number is None:
        return False
    near = [r for step in (-2, -1, 1, 2) for r in by_number.get(ref.number + step, ())]
    return any(_names_author(cited, r.authors[0]) for r in near)


def _romanised_as(cited: str, printed: str) -> bool:
    """A Chinese name cited in characters for an entry that prints it in pinyin (郭克 / GUO K)."""
    if not is_han_name(cited) or is_han_name(printed.replace(" ", "")):
        return False
    return pinyin_name(cited)[0] == link_surname(printed, glued=True)


# A year in an entry's text, standing alone: the printed year may be the work's first edition,
# which the entry of a reprint or translation names ("1867年初版", "(Original work published 1859)");
# not a page range's ends ("1524-1541") nor a page after a colon (": 2015")
_YEAR_IN_ENTRY_RE = re.compile(r"(?<![\d\-–:：])(?:1[5-9]|20)\d{2}(?![\d\-–])")


@rule("CG114", "numbered-citation-year", Severity.ERROR)
def numbered_citation_year(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """In a numbered paper, the year printed with the author before a number is not the year of
    that entry.

    Only a bare year in brackets between the name and the number counts ("林毅夫（2014）[7]",
    "Smith et al. (2019) [3]"): a year elsewhere in the sentence may be about something else. The
    name must be an author of the entry (else CG113 speaks of the name), and a year the entry
    prints anywhere (the first edition of a reprint or translation) is not a mismatch. When many
    printed years miss their entries the list was read out of step, and nothing is said.
    Confidence: high for two clean four-digit years; medium in OCR'd text (a scanner misreads
    digits) or against an entry read only in part.
    Bad: 林毅夫（2014）[7] where [7] is 林毅夫. 新结构经济学[M]. 2012.  Good: 林毅夫（2012）[7].
    """
    doc = ctx.document
    if doc.system is not CitationSystem.NUMERIC:
        return  # in an author-year paper the year is CG103's, checked against all the author's works
    dated = [(c, ref) for c, ref in linked(ctx) if c.kind is CitationKind.NUMERIC and c.year and c.authors
             and ref.authors and whole_brackets(c) and _names_entry(c.authors[0], ref)]
    wrong = [(c, ref) for c, ref in dated if ref.year and not ref.damaged_year and c.year not in _years_of(ref)]
    if len(wrong) >= 3 and len(wrong) * 4 > len(dated):
        return  # many years off their numbers: the list was read out of step (or renumbered), not slipped
    for c, ref in wrong:
        label = ref_label(doc, ref.index)
        others = [x for x in doc.references if x.index != ref.index and x.year == c.year and x.authors
                  and _names_author(c.authors[0], x.authors[0])]
        other = ", ".join(ref_label(doc, x.index) for x in others[:3])
        yield r.finding(c.span, f"{c.author_text}{c.text}: {label} is dated {ref.year}, not {c.year}",
                        f"{c.author_text}{c.text}：{label} 的年份是 {ref.year}，不是 {c.year}",
                        citations=[c.id], references=[ref_number(doc, ref.index)],
                        evidence=[("printed year", c.year), ("entry year", ref.year)],
                        suggestion=f"write {ref.year}, or cite {other} (by {c.authors[0]}, {c.year})" if other
                        else f"write {ref.year} (or correct the year of {label})",
                        suggestion_zh=f"改为 {ref.year}，或改引 {other}（{c.authors[0]}，{c.year}）" if other
                        else f"改为 {ref.year}（或更正 {label} 的年份）",
                        # a digit of a year is what a scanner misreads: in OCR'd text not quite sure
                        confidence=Confidence.MEDIUM if ctx.reading.ocr or ref.unparsed else Confidence.HIGH)


def _names_entry(cited: str, ref: Reference) -> bool:
    """Is the cited name an author of this entry (first or co-author)?"""
    return _names_author(cited, ref.authors[0]) or any(surname_key(cited) in entry_keys(a) for a in ref.authors[1:])


def _years_of(ref: Reference) -> set[str]:
    """Every year an entry prints: its own, its original's, and any other standing alone in it."""
    return {y for y in (ref.year, ref.original_year) if y} | set(_YEAR_IN_ENTRY_RE.findall(ref.raw))
