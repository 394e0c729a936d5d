"""``citeguard fix``: the corrections that are safe by construction, as edits of the manuscript's
text (pure: a document, its text and its findings in; edits out; the command line writes them).

Safe means the corrected text says the same thing in the form the standard (or the paper's own
majority) prescribes, and the reader can prove it: an entry is rewritten only when it was read
with high confidence and its rendering reads back to the very same fields. Whatever needs a
human decision — which of two years is right, whether a cited page is a typo — stays a finding.

Fixed today, each under the code of the finding it settles (``--select``/``--ignore`` apply), and
only for findings of high confidence: CG306 element punctuation, CG308 spacing mixed in the list,
CG314 an entry's marks unlike GB/T 7714's, CG406 spacing mixed in the footnotes,
CG203 duplicate pages (the entry re-rendered in the list's own house style), CG111 citation brackets
mixed (the minority's brackets and commas turned to the majority's width), CG106/CG107 等/et al.
after the entry's real author count, CG303 an author-year list put in order (a numbered one
renumbered when the text cites no number), CG108 a/b suffixes for same-author-year works in the list
and the text (in a later run when the same run rewrites entries), CG110 numeric citations
renumbered in the order of first citation with the list reordered to match.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from citeguard.checks.form_rules import entries_style, reads_back
from citeguard.checks.list_rules import list_order_key
from citeguard.checks.registry import selected_code
from citeguard.format import HouseStyle, render_entry
from citeguard.model import (
    Citation,
    CitationKind,
    CitationSystem,
    Confidence,
    Document,
    EntryStyle,
    Finding,
    Language,
    Reference,
)
from citeguard.parse.names import is_han_name
from citeguard.parse.text import fold_width

ENTRY_CODES = ("CG203", "CG306", "CG308", "CG314", "CG406")  # findings an entry's rendering settles
CITATION_CODES = ("CG111", "CG106", "CG107")
_TO_FULL = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "："})
_TO_HALF = str.maketrans({"（": "(", "）": ")", "，": ",", "；": ";", "：": ":"})


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (offsets in the manuscript's text)."""

    start: int
    end: int
    new: str
    code: str  # the finding it settles
    what: str  # one line for the editor
    entry: int | None = None  # the number (or position) of the entry it rewrites
    note: str | None = None  # the footnote whose entry it rewrites


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[min(max(line, 1), len(starts)) - 1] + column - 1


def _letters(text: str) -> str:
    """What an entry says, without its punctuation and spacing: the renderer may change only those."""
    return "".join(ch for ch in fold_width(text) if ch.isalnum())


def _keeps_the_words(raw: str, rendered: str, dropped_pages: tuple[str, ...]) -> bool:
    """Is the rendering the entry's own words (less the duplicate pages removed)? Text the parser
    did not place in a field (a URL a conversion broke, a note) would be lost: then no fix."""
    have, want = _letters(rendered), _letters(raw)
    if not dropped_pages:
        return have == want
    it = iter(want)
    return all(ch in it for ch in have) and len(want) - len(have) == sum(len(_letters(p)) for p in dropped_pages)


def _house(doc: Document) -> HouseStyle:
    """The list's style, its spacing decided as CG308 decides it (the majority of entries)."""
    return entries_style(list(doc.references))


def _deduplicated(ref: Reference) -> Reference:
    seen: list[str] = []
    for page in ref.pages:
        if page.strip() not in seen:
            seen.append(page.strip())
    return replace(ref, pages=tuple(seen))


def _removed(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, ...]:
    left = list(after)
    out = []
    for page in before:
        if page.strip() in left:
            left.remove(page.strip())
        else:
            out.append(page)
    return tuple(out)


def _entry_edit(ref: Reference, codes: set[str], text: str, starts: list[int], style: HouseStyle,
                label: str, raw: str | None = None) -> Edit | None:
    """The entry (of the list or of a footnote) rendered in ``style``, if that is safe (``raw``: the
    entry as printed when ``ref`` carries a new year suffix)."""
    if not codes or ref.span.path or ref.style is not EntryStyle.GBT or ref.unparsed or ref.notes:
        return None
    target = _deduplicated(ref) if "CG203" in codes else ref
    rendered = render_entry(target, style)
    dropped = _removed(ref.pages, target.pages)
    words = (raw or ref.raw) if not ref.year_suffix or raw is None else (raw + ref.year_suffix)
    if not reads_back(target, rendered) or (not _keeps_the_words(words, rendered, dropped) \
            and not (raw is not None and sorted(_letters(words)) == sorted(_letters(rendered)))):
        return None  # the renderer would change what the entry says: leave it to the editor
    lo = _offset(starts, ref.span.line, ref.span.column)
    hi = _offset(starts, ref.span.end_line, ref.span.end_column) + 1
    at = text.find(ref.raw, lo, hi + len(ref.raw))
    if at == -1 or text[at:at + len(ref.raw)] == rendered:
        return None
    code = "CG203" if "CG203" in codes else sorted(codes)[0]
    return Edit(at, at + len(ref.raw), rendered, code, f"{label}: entry in GB/T 7714 form")


def _entry_edits(doc: Document, text: str, starts: list[int], wanted: dict[int, set[str]],
                 notes: dict[str, set[str]], style: HouseStyle) -> list[Edit]:
    out = []
    for ref in doc.references:
        number = ref.number if ref.number is not None else ref.index
        made = _entry_edit(ref, wanted.get(number, set()), text, starts, style, ref.label or str(number))
        if made is not None:
            out.append(replace(made, entry=number))
    entries = [n.entry for n in doc.footnotes if n.entry is not None]
    note_style = entries_style(entries) if entries else style
    for note in doc.footnotes:
        if note.entry is not None and note.id in notes:
            made = _entry_edit(note.entry, notes[note.id], text, starts, note_style, f"footnote {note.symbol}")
            if made is not None:
                out.append(replace(made, note=note.id))
    return out


def _citation_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding]) -> list[Edit]:
    out = []
    by_id = {c.id: c for c in doc.citations}
    for f in findings:
        if f.code != "CG111" or not f.evidence:
            continue
        majority = f.evidence[0].name  # "full-width" or "half-width": the form most citations use
        for cid in f.citations:
            c: Citation | None = by_id.get(cid)
            if c is None or c.span.line != c.span.end_line:
                continue
            at = _offset(starts, c.span.line, c.span.column)
            old = text[at:at + len(c.text)]
            if old != c.text:
                continue
            new = (old.translate(_TO_FULL).replace("， ", "，") if majority == "full-width"
                   else old.translate(_TO_HALF).replace(",", ", ").replace(",  ", ", "))
            if new != old:
                out.append(Edit(at, at + len(old), new, "CG111", f"{old} → {new}"))
    return out


def _is_new(f: Finding, before: tuple[Finding, ...]) -> bool:
    """Did the manuscript not have this finding? Judged by what it is about, not by its wording: a
    fixed page list rewords a finding about the same entry, and a list-level finding that now names
    fewer entries is the same finding, smaller."""
    if not (f.references or f.citations or f.footnotes):
        return all((b.code, b.message) != (f.code, f.message) for b in before)
    return not any(b.code == f.code and set(f.references) <= set(b.references) and set(f.citations) <= set(b.citations)
                   and set(f.footnotes) <= set(b.footnotes) for b in before)


MAX_ROUNDS = 3  # audits of the fixed text, each dropping the edits that brought a new finding


def _et_al_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding]) -> list[Edit]:
    """等/et al. as the entry's real author count asks: taken off after the only author (CG106), put
    after the first author of a work of three or more (CG107)."""
    out = []
    by_id = {c.id: c for c in doc.citations}
    for f in findings:
        if f.code not in ("CG106", "CG107") or len(f.citations) != 1 or len(f.references) != 1:
            continue
        c = by_id.get(f.citations[0])
        if c is None or c.reference is None or not c.authors or not c.author_text or c.span.line != c.span.end_line:
            continue
        ref = doc.references[c.reference - 1]
        first = c.authors[0]
        if f.code == "CG106" and c.et_al and len(ref.authors) == 1 and not ref.et_al:
            new_names = first
        elif f.code == "CG106" and c.et_al and len(ref.authors) == 2 and not ref.et_al and len(c.authors) == 1 \
                and all(is_han_name(a) for a in ref.authors) and ref.authors[0] == first:
            new_names = "和".join(ref.authors)  # the paper writes pairs in full: 孔祥智和谢东东
        elif f.code == "CG107" and not c.et_al and len(ref.authors) + ref.et_al >= 3:
            latin = not is_han_name(first)
            new_names = first + ((" 等" if doc.language is Language.ZH else " et al.") if latin else "等")
        else:
            continue
        at = _offset(starts, c.span.line, c.span.column)
        inner = c.text.find(c.author_text)
        if inner < 0 or text[at:at + len(c.text)] != c.text or not c.author_text.startswith(first):
            continue
        if text[at + len(c.text):at + len(c.text) + 1] == "等":
            continue  # "Bagepally(2021)等人": the 等 stands after the year; a human rewrites that
        out.append(Edit(at + inner, at + inner + len(c.author_text), new_names, f.code,
                        f"{c.author_text} → {new_names}"))
    return out


def _sort_edit(doc: Document, text: str, starts: list[int], findings: Iterable[Finding],
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
    pieces = [_with_edits(text, blocks[i], entry_edits) for i in order[lo:hi + 1]]
    if numbered:  # the labels stay in sequence: [1] [2] … in the new order (the text cites no number)
        pieces = [p.replace(refs[i].label or "", (refs[i].label or "").replace(str(refs[i].number), str(k), 1), 1)
                  for k, (i, p) in enumerate(zip(order[lo:hi + 1], pieces, strict=True), start=lo + 1)]
    new = "".join(p + (gaps[lo + k] if lo + k < hi else "") for k, p in enumerate(pieces))
    return [Edit(blocks[lo][0], blocks[hi][1], new, "CG303", f"{hi - lo + 1} entries put in author order")]


def _suffix_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding],
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
            made = _entry_edit(replace(ref, year_suffix=letter), {"CG108"}, text, starts, style,
                               ref.label or str(number), raw=ref.raw)
            if made is None:
                out = [e for e in out if e.code != "CG108" or e.entry not in f.references]
                break  # all of the group or none: half-suffixed works read worse than none
            out.append(replace(made, entry=number))
            for c in doc.citations:
                if c.reference != ref.index or c.year != ref.year or c.year_suffix or c.span.line != c.span.end_line:
                    continue
                at = _offset(starts, c.span.line, c.span.column)
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


def _renumber_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding],
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
        at = _offset(starts, c.span.line, c.span.column)
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
            piece = _with_edits(text, blocks[order[k] - 1], entry_edits)
            pieces.append(piece.replace(ref.label or "", (ref.label or "").replace(str(ref.number), str(k + 1), 1), 1))
        new = "".join(p + (gaps[lo + i] if lo + i < hi else "") for i, p in enumerate(pieces))
        out.append(Edit(blocks[lo][0], blocks[hi][1], new, "CG110", f"entries [{lo + 1}]-[{hi + 1}] in citation order"))
    return out


def _with_edits(text: str, block: tuple[int, int], edits: list[Edit]) -> str:
    """An entry's lines with its own fixes applied (an entry moves with its corrections)."""
    start, end = block
    inside = sorted((e for e in edits if start <= e.start and e.end <= end), key=lambda e: e.start)
    out, pos = [], start
    for e in inside:
        out += [text[pos:e.start], e.new]
        pos = e.end
    out.append(text[pos:end])
    return "".join(out)


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
        new = [f for f in after if _is_new(f, findings)]
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
    starts = _line_starts(text)
    edits = _entry_edits(doc, text, starts, wanted, notes, _house(doc))
    edits += _citation_edits(doc, text, starts, kept)
    edits += _et_al_edits(doc, text, starts, kept)
    if not any(e.entry is not None for e in edits):  # (an entry rewritten twice would overlap)
        edits += _suffix_edits(doc, text, starts, kept, _house(doc))
    sort = _sort_edit(doc, text, starts, kept, edits) if move_entries else []
    if move_entries and not sort:
        sort = _renumber_edits(doc, text, starts, kept, edits)
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


# A .bib entry's pages field: pages = {12--15, 15}  pages = "3, 3"
_BIB_PAGES_RE = re.compile(r"(?P<head>\bpages\s*=\s*[{\"])(?P<value>[^{}\"\n]{1,400})(?P<tail>[}\"])", re.IGNORECASE)


def plan_bib_fixes(doc: Document, bibs: dict[str, str], findings: tuple[Finding, ...], *,
                   select: Iterable[str] = (), ignore: Iterable[str] = ()) -> dict[str, list[Edit]]:
    """Fixes to the .bib files a LaTeX or Pandoc manuscript names — never to its prose: a page
    listed twice in an entry's pages field (CG203). Edits per .bib file (its path as the entry's)."""
    out: dict[str, list[Edit]] = {}
    chosen, dropped = tuple(select), tuple(ignore)
    numbers = {n for f in findings if f.code == "CG203" and selected_code(f.code, chosen, dropped)
               and f.confidence is Confidence.HIGH for n in f.references}
    for ref in doc.references:
        text = bibs.get(ref.span.path)
        number = ref.number if ref.number is not None else ref.index
        if text is None or number not in numbers:
            continue
        starts = _line_starts(text)
        lo = starts[ref.span.line - 1]
        after = text.find("\n@", lo + 1)  # the entry runs to the next one (its span may name its first line only)
        hi = max(after if after != -1 else len(text), starts[ref.span.end_line] if ref.span.end_line < len(starts)
                 else len(text))
        m = _BIB_PAGES_RE.search(text, lo, hi)
        if m is None:
            continue
        kept: list[str] = []
        for page in re.split(r"\s*,\s*", m.group("value").strip()):
            if page and page not in kept:
                kept.append(page)
        new = ", ".join(kept)
        if new != m.group("value").strip():
            out.setdefault(ref.span.path, []).append(Edit(m.start("value"), m.end("value"), new, "CG203",
                                                          f"@{ref.key}: pages {m.group('value')} → {new}", number))
    return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (sorted, not overlapping) applied."""
    out, pos = [], 0
    for e in edits:
        out += [text[pos:e.start], e.new]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(before: str, after: str, name: str, fixed_name: str | None = None) -> str:
    """The change as a unified diff (``fixed_name``: the name on the +++ line; a patch names the
    same file twice)."""
    import difflib
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=name, tofile=fixed_name or f"{name} (fixed)"))


__all__ = ["Edit", "apply_edits", "plan_fixes", "unified_diff"]
