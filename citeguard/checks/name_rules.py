"""CG113: the name a numbered paper prints before a number (洪银兴[5]) against the entry the
number points to."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from citeguard.checks.citation_rules import linked, whole_brackets
from citeguard.checks.evidence import compared
from citeguard.checks.registry import AuditContext, Rule, ref_label, ref_number, rule
from citeguard.link import entry_keys
from citeguard.model import CitationKind, Finding, Reference, Severity
from citeguard.parse.entrykey import fold_name, link_surname
from citeguard.parse.names import is_han_name, pinyin_name, surname_key


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
