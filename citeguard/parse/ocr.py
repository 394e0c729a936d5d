"""Does a text carry the marks of OCR?  Then its spacing, widths and dropped marks are the
scanner's, not the author's, and rules say so with less confidence (checks/reading.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeguard.model import Paragraph, Reference

# What OCR (MinerU and the like) leaves in Markdown: TeX commands with spaced braces for odd type,
# "$\mathrm { T g ~ C }$", and years or "et al." it could not read cleanly.
_OCR_MATH_RE = re.compile(r"\\(?:mathrm|mathbf|scriptstyle|textrm|boldsymbol|mathsf|mathtt|mathit)\s\{\s")
# …and digits it spaced out inside math: "$2 0 1 0$" "$1 . 3 \%$"
_SPACED_DIGITS_RE = re.compile(r"\$[^$\n]{0,80}?\d \.? ?\d[^$\n]{0,80}?\$")
# A note the entry reader left where it read letters as digits ("year '2O14' read as 2014 (OCR damage?)")
_OCR_NOTE_RE = re.compile(r"OCR")


def ocr_damaged(paragraphs: Sequence[Paragraph], references: Sequence[Reference]) -> bool:
    """Spaced TeX commands or digits in the text, years with letters for digits in the list."""
    math = sum(len(_OCR_MATH_RE.findall(p.text)) + len(_SPACED_DIGITS_RE.findall(p.text))
               for p in paragraphs[:400] if "$" in p.text)
    notes = sum(1 for r in references for n in r.notes if _OCR_NOTE_RE.search(n))
    damaged = sum(1 for r in references if r.damaged_year)
    return math >= 2 or notes + damaged >= 2 or (math >= 1 and notes + damaged >= 1)
