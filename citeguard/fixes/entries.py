"""Fixes inside one entry or one citation: an entry re-rendered in its list's style, duplicate pages,
citation brackets, 等/et al., and a .bib entry's pages (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from citeguard.chars import fold_width
from citeguard.checks.entry_style import typing_language
from citeguard.checks.form_rules import entries_style, reads_back
from citeguard.checks.registry import selected_code
from citeguard.fixes.edits import Edit, line_starts, offset
from citeguard.format import HouseStyle, render_entry
from citeguard.model import Citation, Confidence, Document, EntryStyle, Finding, Language, Reference
from citeguard.parse.hanname import is_han_name
from citeguard.parse.markup import has_markup

_TO_FULL = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "："})
_TO_HALF = str.maketrans({"（": "(", "）": ")", "，": ",", "；": ";", "：": ":"})


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


def house(doc: Document) -> HouseStyle:
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


def entry_edit(ref: Reference, codes: set[str], text: str, starts: list[int], style: HouseStyle,
                label: str, raw: str | None = None) -> Edit | None:
    """The entry (of the list or of a footnote) rendered in ``style``, if that is safe (``raw``: the
    entry as printed when ``ref`` carries a new year suffix)."""
    if not codes or ref.span.path or ref.style is not EntryStyle.GBT or ref.unparsed or ref.notes:
        return None
    if has_markup(ref.raw):
        return None  # "*刊名*": the entry was read through its Markdown; a rendering would drop the markup
    target = _deduplicated(ref) if "CG203" in codes else ref
    rendered = render_entry(target, style)
    dropped = _removed(ref.pages, target.pages)
    words = (raw or ref.raw) if not ref.year_suffix or raw is None else (raw + ref.year_suffix)
    if not reads_back(target, rendered) or (not _keeps_the_words(words, rendered, dropped) \
            and not (raw is not None and sorted(_letters(words)) == sorted(_letters(rendered)))):
        return None  # the renderer would change what the entry says: leave it to the editor
    lo = offset(starts, ref.span.line, ref.span.column)
    hi = offset(starts, ref.span.end_line, ref.span.end_column) + 1
    at = text.find(ref.raw, lo, hi + len(ref.raw))
    if at == -1 or text[at:at + len(ref.raw)] == rendered:
        return None
    code = "CG203" if "CG203" in codes else sorted(codes)[0]
    return Edit(at, at + len(ref.raw), rendered, code, f"{label}: entry in GB/T 7714 form")


def entry_edits(doc: Document, text: str, starts: list[int], wanted: dict[int, set[str]],
                 notes: dict[str, set[str]], style: HouseStyle) -> list[Edit]:
    out = []
    # each entry in the spacing of its own language's entries (as CG308 counts them)
    spaced = {lang: replace(style, spaced=entries_style(list(doc.references), lang).spaced) for lang in Language}
    for ref in doc.references:
        number = ref.number if ref.number is not None else ref.index
        made = entry_edit(ref, wanted.get(number, set()), text, starts, spaced[typing_language(ref)],
                          ref.label or str(number))
        if made is not None:
            out.append(replace(made, entry=number))
    entries = [n.entry for n in doc.footnotes if n.entry is not None]
    note_styles = {lang: entries_style(entries, lang) if entries else style for lang in Language}
    for note in doc.footnotes:
        if note.entry is not None and note.id in notes:
            made = entry_edit(note.entry, notes[note.id], text, starts, note_styles[typing_language(note.entry)],
                              f"footnote {note.symbol}")
            if made is not None:
                out.append(replace(made, note=note.id))
    return out


def citation_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding]) -> list[Edit]:
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
            at = offset(starts, c.span.line, c.span.column)
            old = text[at:at + len(c.text)]
            if old != c.text:
                continue
            new = (old.translate(_TO_FULL).replace("， ", "，") if majority == "full-width"
                   else old.translate(_TO_HALF).replace(",", ", ").replace(",  ", ", "))
            if new != old:
                out.append(Edit(at, at + len(old), new, "CG111", f"{old} → {new}"))
    return out



def et_al_edits(doc: Document, text: str, starts: list[int], findings: Iterable[Finding]) -> list[Edit]:
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
        at = offset(starts, c.span.line, c.span.column)
        inner = c.text.find(c.author_text)
        if inner < 0 or text[at:at + len(c.text)] != c.text or not c.author_text.startswith(first):
            continue
        if text[at + len(c.text):at + len(c.text) + 1] == "等":
            continue  # "Bagepally(2021)等人": the 等 stands after the year; a human rewrites that
        out.append(Edit(at + inner, at + inner + len(c.author_text), new_names, f.code,
                        f"{c.author_text} → {new_names}"))
    return out



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
        starts = line_starts(text)
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

