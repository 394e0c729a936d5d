"""Fixes that move entries: an author-year list put in order, numeric citations renumbered in order
of first citation, a/b suffixes for same-author-year works (pure)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import replace

from citeguard.checks.list_rules import list_order_key
from citeguard.fixes.edits import Edit, offset, with_edits
from citeguard.fixes.entries import entry_edit
from citeguard.format import HouseStyle
from citeguard.model import Citation, CitationKind, CitationSystem, Document, Finding


def sort_edit(doc: Document, text: str, starts: list[int], findings: Iterable[Finding],
               entry_edits: list[Edit]) -> list[Edit]:
    """An unnumbered author-year list put in order (CG303): the entries' lines moved, each entry
    whole, the blank lines between them left where they are; entries of one name keep their order."""
    if not any(f.code == "CG303" for f in findings) or doc.system is not CitationSystem.AUTHOR_YEAR:
        return []
    refs = [r for r in doc.references if not r.span.path]
    if len(refs) < 2 or len(refs) != len(doc.references) or any(not r.authors for r in refs):
        return []
    numbered = all(r.number is not None and r.label for r in refs)
    if numbered and ([r.number for r in refs] != list(range(1, len(refs) + 1))
                     or any(c.kind is CitationKind.NUMERIC for c in doc.citations)):
        return []  # numbers the text cites, or numbers out of sequence: renumbering is the editor's call
    if not numbered and any(r.number is not None for r in refs):
        return []
    blocks = []
    for r in refs:
        lo = starts[r.span.line - 1]
        hi = starts[r.span.end_line] - 1 if r.span.end_line < len(starts) else len(text)
        blocks.append((lo, hi))
    if any(b[0] < a[1] for a, b in itertools.pairwise(blocks)):
        return []
    gaps = [text[a[1]:b[0]] for a, b in itertools.pairwise(blocks)]
    order = sorted(range(len(refs)), key=lambda i: list_order_key(refs[i]))
    moved = [k for k, i in enumerate(order) if k != i]
    if not moved:
        return []
    lo, hi = moved[0], moved[-1]  # only the stretch of entries that move is rewritten
    if any(g.strip() for g in gaps[lo:hi]):
        return []  # something stands between two of them (a heading, a page's notes): the editor moves them
    pieces = [with_edits(text, blocks[i], entry_edits) for i in order[lo:hi + 1]]
    if numbered:  # the labels stay in sequence: [1] [2] … in the new order (the text cites no number)
        pieces = [p.replace(refs[i].label or "", (refs[i].label or "").replace(str(refs[i].number), str(k), 1), 1)
                  for k, (i, p) in enumerate(zip(order[lo:hi + 1], pieces, strict=True), start=lo + 1)]
    new = "".join(p + (gaps[lo + k] if lo + k < hi else "") for k, p in enumerate(pieces))
    return [Edit(blocks[lo][0], blocks[hi][1], new, "CG303", f"{hi - lo + 1} entries put in author order")]


def suffix_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding],
                  style: HouseStyle) -> list[Edit]:
    """a/b suffixes for same-author-year works (CG108): 2018a, 2018b in list order, in the entries
    and in every citation linked to each (a citation that could mean either stays a finding)."""
    out: list[Edit] = []
    for f in findings:
        if f.code != "CG108" or len(f.references) < 2:
            continue
        refs = [r for r in doc.references if (r.number if r.number is not None else r.index) in f.references]
        if len(refs) != len(f.references) or len(refs) > 26 or any(r.year_suffix for r in refs):
            continue
        for letter, ref in zip("abcdefghijklmnopqrstuvwxyz", refs, strict=False):
            number = ref.number if ref.number is not None else ref.index
            made = entry_edit(replace(ref, year_suffix=letter), {"CG108"}, text, starts, style,
                               ref.label or str(number), raw=ref.raw)
            if made is None:
                out = [e for e in out if e.code != "CG108" or e.entry not in f.references]
                break  # all of the group or none: half-suffixed works read worse than none
            out.append(replace(made, entry=number))
            for c in doc.citations:
                if c.reference != ref.index or c.year != ref.year or c.year_suffix or c.span.line != c.span.end_line:
                    continue
                at = offset(starts, c.span.line, c.span.column)
                inner = c.text.rfind(ref.year or "")
                if text[at:at + len(c.text)] != c.text or inner < 0:
                    continue
                where = at + inner + len(ref.year or "")
                out.append(Edit(where, where, letter, "CG108", f"{c.text}: {ref.year} → {ref.year}{letter}"))
    return out


# A numeric citation group's inside: "1,3-5"  "2–4"  "１，３" (one or more numbers and ranges)
_GROUP_RE = re.compile(r"^(?P<open>\^?[\[［])(?P<body>[\d\s,，、\-–—~～]{1,200})(?P<close>[\]］])$")
_PART_RE = re.compile(r"(\d{1,6})(?:\s*[\-–—~～]\s*(\d{1,6}))?")


def _group_numbers(body: str) -> list[int] | None:
    out: list[int] = []
    for m in _PART_RE.finditer(body):
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if hi < lo or hi - lo > 500:
            return None
        out += range(lo, hi + 1)
    return out


def _group_text(numbers: list[int], comma: str, dash: str) -> str:
    """ [1, 3, 4, 5] → "1,3-5" (runs of three or more as a range, as GB/T 7714 writes them)."""
    parts, run = [], [numbers[0]]
    for n in numbers[1:]:
        if n == run[-1] + 1:
            run.append(n)
            continue
        parts.append(f"{run[0]}{dash}{run[-1]}" if len(run) > 2 else comma.join(map(str, run)))
        run = [n]
    parts.append(f"{run[0]}{dash}{run[-1]}" if len(run) > 2 else comma.join(map(str, run)))
    return comma.join(parts)


def renumber_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding],
                    entry_edits: list[Edit]) -> list[Edit]:
    """Numeric citations renumbered in the order of first citation and the list put in that order
    (CG110): every citation group rewritten, every entry moved whole and relabelled."""
    if not any(f.code == "CG110" for f in findings) or doc.system is not CitationSystem.NUMERIC:
        return []
    refs = list(doc.references)
    if len(refs) < 2 or [r.number for r in refs] != list(range(1, len(refs) + 1)) or any(
            not r.label or r.span.path for r in refs):
        return []
    first: list[int] = []
    groups: dict[tuple[int, int], Citation] = {}
    for c in doc.citations:
        if c.kind is not CitationKind.NUMERIC or c.number is None:
            continue
        if c.number not in first and 1 <= c.number <= len(refs):
            first.append(c.number)
        groups.setdefault((c.span.line, c.span.column), c)
    order = first + [n for n in range(1, len(refs) + 1) if n not in first]
    new_of = {old: new for new, old in enumerate(order, start=1)}
    out: list[Edit] = []
    for c in groups.values():
        m = _GROUP_RE.match(c.text)
        at = offset(starts, c.span.line, c.span.column)
        if m is None or c.span.line != c.span.end_line or text[at:at + len(c.text)] != c.text:
            return []  # a citation form this does not rewrite: renumbering half the paper is worse than none
        numbers = _group_numbers(m.group("body"))
        if not numbers or any(n not in new_of for n in numbers):
            return []
        comma = "，" if "，" in m.group("body") else ","
        dash = next((ch for ch in "-–—~～" if ch in m.group("body")), "-")
        new = m.group("open") + _group_text(sorted(new_of[n] for n in numbers), comma, dash) + m.group("close")
        if new != c.text:
            out.append(Edit(at, at + len(c.text), new, "CG110", f"{c.text} → {new}"))
    blocks = [(starts[r.span.line - 1], starts[r.span.end_line] - 1 if r.span.end_line < len(starts) else len(text))
              for r in refs]
    gaps = [text[a[1]:b[0]] for a, b in itertools.pairwise(blocks)]
    moved = [k for k, old in enumerate(order) if old != k + 1]
    if moved:
        lo, hi = moved[0], moved[-1]
        if any(g.strip() for g in gaps[lo:hi]):
            return []  # a page's notes stand among the entries: the editor moves them
        pieces = []
        for k in range(lo, hi + 1):
            ref = refs[order[k] - 1]
            piece = with_edits(text, blocks[order[k] - 1], entry_edits)
            pieces.append(piece.replace(ref.label or "", (ref.label or "").replace(str(ref.number), str(k + 1), 1), 1))
        new = "".join(p + (gaps[lo + i] if lo + i < hi else "") for i, p in enumerate(pieces))
        out.append(Edit(blocks[lo][0], blocks[hi][1], new, "CG110", f"entries [{lo + 1}]-[{hi + 1}] in citation order"))
    return out

