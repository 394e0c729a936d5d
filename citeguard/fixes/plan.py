"""Which fixes are made, and the proof: the fixed manuscript audited again (pure)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from citeguard.checks.registry import selected_code
from citeguard.fixes.edits import Edit, apply_edits, line_starts
from citeguard.fixes.entries import citation_edits, entry_edits, et_al_edits, house
from citeguard.fixes.lists import renumber_edits, sort_edit, suffix_edits
from citeguard.model import Confidence, Document, Finding

ENTRY_CODES = ("CG203", "CG306", "CG308", "CG314", "CG406")  # findings an entry's rendering settles
CITATION_CODES = ("CG111", "CG106", "CG107")


def is_new(f: Finding, before: tuple[Finding, ...]) -> bool:
    """Did the manuscript not have this finding? Judged by what it is about, not by its wording: a
    fixed page list rewords a finding about the same entry, and a list-level finding that now names
    fewer entries is the same finding, smaller."""
    if not (f.references or f.citations or f.footnotes):
        return all((b.code, b.message) != (f.code, f.message) for b in before)
    return not any(b.code == f.code and set(f.references) <= set(b.references) and set(f.citations) <= set(b.citations)
                   and set(f.footnotes) <= set(b.footnotes) for b in before)


MAX_ROUNDS = 3  # audits of the fixed text, each dropping the edits that brought a new finding


def plan_fixes(doc: Document, text: str, findings: tuple[Finding, ...], *, select: Iterable[str] = (),
               ignore: Iterable[str] = (), reread: Callable[[list[Edit]], Document] | None = None,
               move_entries: bool = True) -> list[Edit]:
    """The safe edits that settle ``findings`` (those of selected codes), in text order, none
    overlapping — and proven: the fixed text is audited again, and an edit after which a finding
    appears that the manuscript did not have is dropped (all of them, if the new finding cannot be
    traced to one). ``reread``: the fixed manuscript read again (default: the fixed text; a .docx is
    re-read from the document with its tracked changes, so that its notes stay notes)."""
    from citeguard.api import document_from_text
    from citeguard.checks import audit
    edits = _candidate_edits(doc, text, findings, select, ignore, move_entries)
    for _ in range(MAX_ROUNDS):
        if not edits:
            return edits
        fixed = reread(edits) if reread is not None else document_from_text(apply_edits(text, edits), path=doc.path)
        _, after = audit(fixed)
        new = [f for f in after if is_new(f, findings)]
        if not new:
            return edits
        numbers = {n for f in new for n in f.references}
        idents = {i for f in new for i in f.footnotes}
        blamed = [e for e in edits if e.entry in numbers or e.note in idents
                  or (e.code == "CG111" and any(f.citations for f in new))]
        edits = [e for e in edits if e not in blamed] if blamed else []
    return []


def _candidate_edits(doc: Document, text: str, findings: tuple[Finding, ...], select: Iterable[str],
                     ignore: Iterable[str], move_entries: bool = True) -> list[Edit]:
    chosen, dropped = tuple(select), tuple(ignore)
    # only what was read with high confidence is rewritten (OCR damage is not the author's to fix)
    kept = [f for f in findings if selected_code(f.code, chosen, dropped) and f.confidence is Confidence.HIGH]
    wanted: dict[int, set[str]] = {}
    notes: dict[str, set[str]] = {}
    for f in kept:
        if f.code in ENTRY_CODES:
            for n in f.references:
                wanted.setdefault(n, set()).add(f.code)
            for ident in f.footnotes:
                notes.setdefault(ident, set()).add(f.code)
    starts = line_starts(text)
    edits = entry_edits(doc, text, starts, wanted, notes, house(doc))
    edits += citation_edits(doc, text, starts, kept)
    edits += et_al_edits(doc, text, starts, kept)
    if not any(e.entry is not None for e in edits):  # (an entry rewritten twice would overlap)
        edits += suffix_edits(doc, text, starts, kept, house(doc))
    sort = sort_edit(doc, text, starts, kept, edits) if move_entries else []
    if move_entries and not sort:
        sort = renumber_edits(doc, text, starts, kept, edits)
        if sort:  # the citations' new numbers, and the moved entries carrying their own fixes
            spans = [(e.start, e.end) for e in sort]
            edits = [e for e in edits if not any(s <= e.start and e.end <= t for s, t in spans)] + sort
            sort = []
    if sort:  # the moved stretch carries its entries' own fixes: those edits are in it now
        edits = [e for e in edits if not (sort[0].start <= e.start and e.end <= sort[0].end)] + sort
    edits.sort(key=lambda e: e.start)
    out: list[Edit] = []
    for e in edits:
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


