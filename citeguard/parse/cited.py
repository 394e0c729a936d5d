"""What the citation finders produce: raw citations with offsets in their paragraph, and the
reference list's names they read narrative citations against."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from citeguard.chars import HAN
from citeguard.model import CitationKind
from citeguard.parse.entrykey import link_surname
from citeguard.parse.names import surname_key


@dataclass(frozen=True, slots=True)
class RawCitation:
    """A citation found in one paragraph, with offsets relative to the paragraph text."""

    kind: CitationKind
    start: int
    end: int
    text: str
    narrative: bool = False
    author_text: str = ""
    authors: tuple[str, ...] = ()
    et_al: bool = False
    year: str | None = None
    year_suffix: str = ""
    pages: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()
    group: int = 0
    author_start: int = 0  # where author_text stands in the paragraph


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A parenthesis that looked like a citation group but part of it could not be read."""

    start: int
    end: int
    text: str


# The name of a body in English, several words with a lowercase one among them: "State Council of the
# People's Republic of China"  "Ministry of Ecology and Environment"  "World Health Organization"
BODY_NAME_RE = re.compile(r"[A-Z][\w'’\-]{0,30}(?: (?:[A-Z][\w'’\-]{0,30}|of|the|and|for|on|in|&)){2,15}")


class NameLexicon:
    """Chinese author names known from the reference list, longest first."""

    def __init__(self, names: Iterable[str], first_authors: Iterable[str] = ()) -> None:
        names = list(names)
        self.names = frozenset(n for n in names if re.fullmatch(rf"[{HAN[1:-1]}·•]{{2,12}}", n))
        latin = [n for n in names if not re.match(HAN, n)]
        # a name OCR ran its initials onto ("TurleyD") is known by its surname too
        self.surnames = frozenset(surname_key(n) for n in latin) | frozenset(link_surname(n, glued=True) for n in latin)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)
        # bodies cited by their whole name: "(State Council of the People's Republic of China, 2013)"
        self.bodies = frozenset(n.casefold() for n in latin if BODY_NAME_RE.fullmatch(n))
        # the first authors' keys: a name known only as a co-author is not where a citation starts
        self.firsts = frozenset(n if re.match(HAN, n) else surname_key(n) for n in first_authors)

    def leads(self, name: str) -> bool:
        """Is ``name`` the first author of some entry (so a citation may begin with it)?"""
        return (name if re.match(HAN, name) else surname_key(name)) in self.firsts

    def knows(self, name: str) -> bool:
        """True for a Chinese name in the list, or a Western name whose surname is in it."""
        return name in self.names or (not re.match(HAN, name) and surname_key(name) in self.surnames)

    def name_ending_at(self, text: str, end: int) -> str | None:
        for length in self.lengths:
            if length <= end and text[end - length:end] in self.names:
                return text[end - length:end]
        return None
