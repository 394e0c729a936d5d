"""Raised (superscript) text in Word and PDF files: a footnote mark, a numeric citation, or an
exponent — the same decision for both readers."""

from __future__ import annotations

import re

# A superscript run that is a numeric citation: "3"  "3,5"  "1-4"  "[12]"  "［2，3］"
SUPER_CITE_RE = re.compile(r"^\s*+[\[［]?\s*+\d{1,4}(?:\s*+[,，\-–—~]\s*+\d{1,4})*+\s*+[\]］]?\s*+$")
# The word before a raised number: "m" "km" "R" (an exponent), "high" (a citation), "10" (a power)
_WORD_BEFORE_RE = re.compile(r"((?<![A-Za-z])[A-Za-z]+|(?<!\d)\d+)$")  # (a whole word: one start per word)
# Unit symbols and variables that take exponents (m², km², s⁻¹, R², x², 10³)
UNITS = frozenset({"m", "cm", "mm", "km", "nm", "um", "g", "kg", "mg", "s", "ms", "ft", "in", "mi", "yd",
                   "l", "ml", "ha", "pa", "kpa", "hz", "w", "kw", "j", "n", "r", "x", "y", "z", "e", "t", "k"})


def is_exponent(before: str) -> bool:
    """Is a raised number right after ``before`` an exponent (m², R², 10³) rather than a citation
    (high¹, 增长², et al.³)?"""
    # Only the end matters (the longest unit is three letters); a search over a 40,000-letter
    # word would try every start in it: quadratic.
    m = _WORD_BEFORE_RE.search(before[-32:])
    return m is not None and (m.group(1).isdigit() or m.group(1).lower() in UNITS)


def as_citation(run: str, before: str) -> str | None:
    """``[3]`` / ``[1-4]`` for a raised citation number after ``before``, else None."""
    if SUPER_CITE_RE.match(run) and not is_exponent(before):
        return f"[{run.strip().strip('[]［］').strip()}]"
    return None
