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
# An image a PDF-to-Markdown converter extracted, named by a hash: ![](images/5dccb8dd54bd…d31b.jpg)
_HASHED_IMAGE_RE = re.compile(r"!\[[^\]]{0,200}\]\([^)\s]{0,200}?[0-9a-f]{32,}\.(?:jpe?g|png|gif)\)")
# A table such a converter wrote as HTML inside the Markdown: <table><tr><td>…
_HTML_TABLE_RE = re.compile(r"<table>\s*<tr>", re.IGNORECASE)
# A note the entry reader left where it read letters as digits ("year '2O14' read as 2014 (OCR damage?)")
_OCR_NOTE_RE = re.compile(r"OCR")


def ocr_damaged(text: str, paragraphs: Sequence[Paragraph], references: Sequence[Reference]) -> bool:
    """Spaced TeX commands or digits in the text, years with letters for digits in the list, or the
    images a PDF converter names by a hash: then the text was scanned or extracted from a PDF."""
    math = sum(len(_OCR_MATH_RE.findall(p.text)) + len(_SPACED_DIGITS_RE.findall(p.text))
               for p in paragraphs[:400] if "$" in p.text)
    notes = sum(1 for r in references for n in r.notes if _OCR_NOTE_RE.search(n))
    damaged = sum(1 for r in references if r.damaged_year)
    converted = bool(_HASHED_IMAGE_RE.search(text)) or (math >= 1 and bool(_HTML_TABLE_RE.search(text)))
    return converted or math >= 2 or notes + damaged >= 2 or (math >= 1 and notes + damaged >= 1)
