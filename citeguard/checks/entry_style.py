"""Facts about how an entry is typed, shared by the list rules and the footnote rules: its
punctuation spacing, its bracket width, the sort key of its author."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from citeguard.chars import fold_width, is_chinese
from citeguard.checks.registry import Rule
from citeguard.model import Document, Finding, Footnote, Language, Reference
from citeguard.parse.entries import translation_start
from citeguard.parse.fields import TYPE_RE, URL_RE
from citeguard.parse.hanname import is_han_name, pinyin_sort_key
from citeguard.parse.personname import fold_name, read_name

# Element punctuation followed by what comes next: ". 北" / ".北" / ",2" … — half-width marks only: a
# full-width ，：． carries its own space, and is neither spaced nor compact (崔允漷，2019. 题名[J]. 刊名，(4)：1.)
_ELEMENT_PUNCT_RE = re.compile(r"(?<!\d)[.,:](?=(?P<next>.))")
# Identifiers, whose colons and periods are their own and never spaced: doi:10.1023/A:1008…
# 10.1000/x.y  arXiv:2101.00001  arXiv preprint:150907806  ISBN:978-7-…  www.x.org/a:b  https://…
_IDENTIFIER_RE = re.compile(r"\b(?:doi|arxiv(?:\s+preprint)?|isbn|issn|pmid|pmcid|hdl|urn)\s*[:：]\s*\S+"
                            r"|\b10\.\d{4,9}/\S+|\bwww\.\S+|\b(?:https?|ftp)://\S+", re.IGNORECASE)
# The joint of issue and pages, "36(4):1-14" or "(4): 1-14": written tight in spaced lists too
_ISSUE_PAGES_RE = re.compile(r"(?<=[)）])\s*[:：](?=\s*\d)")
# Brackets inside a title, either width: （下） (中) （第2卷）
_TITLE_BRACKET_RE = re.compile(r"[（(][^（()）]{1,12}[）)]")
# Publisher followed by a period where GB/T 7714 has a comma: "人民出版社.2024"
PUBLISHER_PERIOD_RE = re.compile(r":\s*(?P<publisher>[^:,.]{2,40}?)\s*\.\s*(?P<year>\d{4})\s*(?::|\.|$)")
# A preprint server or the word preprint, where an entry names its venue: "arXiv preprint
# arXiv:2101.00001"  "bioRxiv"  "SSRN Electronic Journal"  "Research Square"  "预印本"
_PREPRINT_RE = re.compile(r"\b(?:(?:arxiv|biorxiv|medrxiv|chemrxiv|psyarxiv|socarxiv|techrxiv|chinaxiv|ssrn|"
                          r"preprints?|e-?prints?)\b|research\s+square\b)|预印本", re.IGNORECASE)
# A preprint server's address or DOI: arxiv.org/abs/…  10.48550/arXiv.…  10.1101/… (bioRxiv)
_PREPRINT_ID_RE = re.compile(r"arxiv\.org/|10\.48550/|biorxiv\.org/|medrxiv\.org/|ssrn\.com/", re.IGNORECASE)


def is_preprint(ref: Reference) -> bool:
    """Is this entry a preprint — its venue a preprint server (``journal = {arXiv preprint …}``,
    "[J]. arXiv preprint arXiv:…"), or, with no venue named, its publisher, address or DOI one's?
    A preprint has no volume, issue or pages."""
    if ref.container:
        return _PREPRINT_RE.search(ref.container) is not None
    return (_PREPRINT_RE.search(ref.publisher or "") is not None
            or _PREPRINT_ID_RE.search(f"{ref.url or ''} {ref.doi or ''}") is not None)


class Spacing(StrEnum):
    """Whether an entry puts a space after its element punctuation."""

    SPACED = "spaced"
    COMPACT = "compact"
    MIXED = "mixed"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class EntryText:
    """An entry (of the list or of a footnote) with where it came from."""

    ref: Reference
    footnote: Footnote | None = None
    paged: bool = True  # the file shows pages (pages_known): a footnote is named with its page

    @property
    def label(self) -> str:
        if self.footnote is not None:
            page = f" (page {self.footnote.page})" if self.paged else ""
            return f"footnote {self.footnote.symbol}{page}"
        if self.ref.key:
            return f"@{self.ref.key}"
        return f"[{self.ref.number}]" if self.ref.number is not None else (self.ref.raw[:16] + "…")

    @property
    def label_zh(self) -> str:
        if self.footnote is not None:
            return f"第 {self.footnote.page} 页脚注 {self.footnote.symbol}" if self.paged else f"脚注 {self.footnote.symbol}"
        return self.label


def pages_known(document: Document) -> bool:
    """Do the footnotes and their marks stand on pages the file shows? Extracted text has a page
    only where a footnote block or a form feed closes one; when every mark and note stands on one
    page (a text with its notes at the end) or on none (Markdown notes, page 0), a page named in a
    finding would be citeguard's invention."""
    if not document.footnotes:
        return False
    return len({m.page for m in document.markers} | {f.page for f in document.footnotes}) > 1


def all_entries(document: Document) -> Iterator[EntryText]:
    """The reference list's entries, then every footnote that is an entry."""
    for ref in document.references:
        yield EntryText(ref)
    paged = pages_known(document)
    for note in document.footnotes:
        if note.entry is not None:
            yield EntryText(note.entry, note, paged)


def spacing(ref: Reference) -> Spacing:
    """How the structural part of an entry (from its type code to its URL) is spaced."""
    pattern = spacing_pattern(ref)
    spaced = any("s" in p for p in pattern)
    compact = any("c" in p for p in pattern)
    if spaced and compact:
        return Spacing.MIXED
    return Spacing.SPACED if spaced else Spacing.COMPACT if compact else Spacing.NONE


def spacing_pattern(ref: Reference) -> tuple[str, str, str]:
    """How each element mark of an entry is spaced — after its periods, commas and colons: "s"
    (a space after), "c" (none), "sc" (both), "" (no such mark) — so that a house style spacing
    its periods and not its commas ("Kress JP,Hall JB. Title[J]. N Engl J Med,2014,370(17):1626-1635.",
    the style of Chinese medical journals) is told from an entry that mixes one mark's spacing."""
    raw = ref.raw
    cut = translation_start(raw)
    raw = raw[:cut] if cut is not None else raw  # an English rendering run on after the entry is not its typing
    code = TYPE_RE.search(fold_width(raw))
    if code is None:
        return ("", "", "")
    url = URL_RE.search(raw, code.end())
    title_at = raw.find(ref.title) if ref.title else -1
    title_end = title_at + len(ref.title or "") if title_at >= 0 else -1
    own = bytearray(len(raw))  # 1 where the text is an identifier's or the issue-pages joint
    for pattern in (_IDENTIFIER_RE, _ISSUE_PAGES_RE):
        for m in pattern.finditer(raw, code.end()):
            own[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    seen: dict[str, set[str]] = {".": set(), ",": set(), ":": set()}
    for m in _ELEMENT_PUNCT_RE.finditer(raw, 0, url.start() if url else len(raw)):
        if title_at <= m.start() < title_end:
            continue  # punctuation inside the title is the title's own
        if own[m.start()]:
            continue  # an identifier's or the issue-pages joint: not the list's spacing
        nxt = m.group("next")
        if _in_token(raw, m.start(), m.group(0), nxt):
            continue  # "U.S."  "OpenReview.net"  "arXiv:2308"  "[S].]": a word's or a bracket's, not an element's
        if nxt == " ":
            seen[m.group(0)].add("s")
        elif not nxt.isspace() and nxt not in ".,:，：；。":
            seen[m.group(0)].add("c")
    return tuple("".join(sorted(seen[mark], reverse=True)) for mark in ".,:")  # type: ignore[return-value]


def _in_token(raw: str, at: int, mark: str, nxt: str) -> bool:
    """Is the mark at ``at`` part of a word rather than an element's end: an abbreviation's point
    ("U.S.", "e.g."), a domain's ("OpenReview.net"), an identifier's colon ("arXiv:2308.12950"), or a
    point before a closing bracket ("[S].]" of a translation in brackets)?"""
    before = raw[at - 1] if at else " "
    if nxt in ")]）】”’>*_":  # (Markdown emphasis closing too: "*et al.*")
        return True
    if mark == "." and before.isascii() and before.isalpha():
        if nxt.isascii() and nxt.islower():
            return True  # OpenReview.net  e.g.
        single = at < 2 or not raw[at - 2].isalpha()
        return single and before.isupper() and nxt.isupper() and raw[at + 2:at + 3] == "."  # U.S.  U.K.
    return mark == ":" and before.isascii() and before.isalpha() and nxt.isascii() and nxt.isdigit() and \
        at >= 5 and raw[at - 5:at].lower() == "arxiv"


def typing_language(ref: Reference) -> Language:
    """The language an entry is typed in, which its spacing follows: that of its words (title,
    venue, publisher), not of the whole entry, where a long URL makes a Chinese entry look English."""
    words = " ".join(w for w in (ref.title, ref.container, ref.publisher) if w)
    if not words:
        return ref.language
    return Language.ZH if is_chinese(words) else Language.EN


def title_brackets(ref: Reference) -> set[str]:
    """Widths of the brackets inside the title: {"full"}, {"half"}, both or none."""
    widths = set()
    for m in _TITLE_BRACKET_RE.finditer(ref.title or ""):
        widths.add("full" if m.group(0).startswith("（") else "half")
    return widths


def name_sort_key(name: str) -> tuple[str, str]:
    """(surname, given name) in pinyin, tones ignored, for ordering an author-year list.

    Surnames with a special reading (曾 zeng, 单 shan …) use the reading table; double surnames
    (欧阳, 司马 …) count as one surname. Western names sort by their letters.
    """
    if not is_han_name(name.replace(" ", "")):
        # the family name with its particles, accents folded ("van Dijk" → "vandijk"), read as a list
        # prints its first author: family name first, unless initials open the name
        person = read_name(name, family_first=True)
        given = re.sub(r"[^\w ]+", "", person.given.lower()).strip()  # "M.G" and "M.G." alike
        return fold_name(person.family) or name.strip().lower(), given
    return pinyin_sort_key(name.replace(" ", ""))


def entry_finding(r: Rule, e: EntryText, message: str, message_zh: str, **extra: Any) -> Finding:
    """A finding located at an entry, naming it as a list entry or as a footnote."""
    if e.footnote is not None:
        return r.finding(e.ref.span, message, message_zh, footnotes=[e.footnote.id], **extra)
    number = e.ref.number if e.ref.number is not None else e.ref.index
    return r.finding(e.ref.span, message, message_zh, references=[number], **extra)
