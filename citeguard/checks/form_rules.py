"""CG314: each entry against its own rendering in GB/T 7714 (citeguard.format) — the marks between
its elements, where the list's own style is otherwise followed. Spacing and width are CG308's and
CG406's, a period before the year CG306's; this reports the rest (a missing //, a colon where the
standard has a comma, an element's brackets), one finding per entry with the rendering to copy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from citeguard.chars import fold_width
from citeguard.checks.entry_style import EntryText, Spacing, all_entries, entry_finding, spacing, typing_language
from citeguard.checks.reading import gbt_entry
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.format import HouseStyle, house_style, render_entry
from citeguard.model import EntryStyle, Finding, Language, Reference, Severity, Span
from citeguard.parse import parse_entry
from citeguard.parse.markup import plain_text

# An entry's own marks compared: the text without its white space, widths folded
_SPACE_RE = re.compile(r"\s+")
_FIELDS = ("authors", "et_al", "title", "type_code", "carrier", "container", "host_authors", "place", "publisher",
           "year", "year_suffix", "volume", "issue", "date", "edition", "update_date", "access_date", "url", "doi")
MAX_DIFFERENCES = 3  # marks named in one finding
# An entry longer than this is a run of text read as one entry, not one to re-mark; comparing it
# with its rendering costs the square of its length (a 30,000-character "entry" took 25 s)
MAX_COMPARED = 1_000


def entries_style(entries: list[Reference], language: Language | None = None) -> HouseStyle:
    """The style of a set of entries, its spacing by the majority of entries (as CG308 counts) —
    of the entries in ``language`` when it is given and some of them are spaced either way (a list
    may space its English entries and not its Chinese ones)."""
    style = house_style(entries)
    votes = [spacing(r) for r in entries]
    own = [v for r, v in zip(entries, votes, strict=True) if typing_language(r) is language]
    if Spacing.SPACED in own or Spacing.COMPACT in own:
        votes = own
    spaced, compact = votes.count(Spacing.SPACED), votes.count(Spacing.COMPACT)
    if spaced == compact:
        return style
    return HouseStyle(spaced=spaced > compact, full_width_zh=style.full_width_zh, author_year=style.author_year,
                      edition=style.edition)


def _marks(text: str) -> str:
    return _SPACE_RE.sub("", fold_width(text)).rstrip(".")


def reads_back(ref: Reference, rendered: str) -> bool:
    """Does the rendering read back to the entry's own fields (nothing lost or changed)?"""
    again = parse_entry(rendered, Span(1, 1, 1, 1))
    if again.unparsed or again.style is not EntryStyle.GBT:
        return False
    same = all(getattr(again, f) == getattr(ref, f) for f in _FIELDS)
    return same and tuple(p.strip() for p in again.pages) == tuple(p.strip() for p in ref.pages)


def _differences(printed: str, standard: str) -> list[tuple[str, str]]:
    """(printed, standard) for each place the marks differ; [] when a word differs (not a mark's
    matter: the renderer would not say the same thing)."""
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, printed, standard, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        old, new = printed[i1:i2], standard[j1:j2]
        if any(ch.isalnum() for ch in old + new):
            return []
        out.append((old, new))
    return out


@rule("CG314", "entry-form", Severity.WARNING)
def entry_form(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """An entry marks its elements otherwise than GB/T 7714 does — a missing // before a host
    book, a colon or period where the standard has a comma, brackets around an element — while its
    words are all there. One finding per entry; the suggestion is the entry as the standard prints
    it, in the list's own spacing and width. Not checked in OCR'd text, nor for entries read only in
    part. Bad: 张三.题名[C].会议论文集.北京:出版社,2020:1-9.  Good: 张三.题名[C]//会议论文集.北京:出版社,2020:1-9."""
    doc = ctx.document
    if doc.ocr:
        return
    listed = [e for e in all_entries(doc) if e.footnote is None]
    noted = [e for e in all_entries(doc) if e.footnote is not None]
    for group in (listed, noted):
        # (an element out of its place is CG305's to say, once: the rendering would move it)
        entries = [e for e in group if gbt_entry(e.ref) and e.ref.type_code and not e.ref.notes and not e.ref.misplaced]
        if not entries:
            continue
        styles = {lang: entries_style([e.ref for e in entries], lang) for lang in Language}
        for e in entries:
            yield from _check(r, e, styles[typing_language(e.ref)])


def _check(r: Rule, e: EntryText, style: HouseStyle) -> Iterator[Finding]:
    ref = e.ref
    if len(ref.raw) > MAX_COMPARED:
        return
    rendered = render_entry(ref, style)
    printed, standard = _marks(plain_text(ref.raw)), _marks(rendered)  # (Markdown's \[J], *刊名* are no marks)
    if printed == standard or not reads_back(ref, rendered):
        return
    found = _differences(printed, standard)
    if not found or all(old == "." and new == "," for old, new in found):
        return  # words differ (not this rule's matter), or only the period before the year (CG306)
    said = "; ".join(f"{old!r} where GB/T 7714 has {new!r}" if old and new else
                     f"{new!r} missing" if new else f"{old!r} not in the standard's form"
                     for old, new in found[:MAX_DIFFERENCES])
    said_zh = "；".join(f"“{old}”应为“{new}”" if old and new else f"缺少“{new}”" if new else f"多出“{old}”"
                       for old, new in found[:MAX_DIFFERENCES])
    yield entry_finding(r, e, f"{e.label}: {said}", f"{e.label_zh}：著录符号与 GB/T 7714 不符（{said_zh}）",
                        suggestion=rendered, evidence=[("entry", ref.raw[:200])])
