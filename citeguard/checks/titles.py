"""Comparing a cited title with a page title: Traditional → Simplified, width, case and
punctuation folded, partial matches allowed (a cited title is often part of a longer page title)."""

from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC
from rapidfuzz import fuzz

_PUNCT_RE = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` with Traditional characters made Simplified (學而時習之 → 学而时习之)."""
    return str(_t2s().convert(text)) if any(ord(ch) > 0x2E7F for ch in text) else text


def normalise_title(text: str) -> str:
    """For comparison: Traditional → Simplified, width and case folded, punctuation and spaces removed."""
    simplified = _t2s().convert(text)
    return _PUNCT_RE.sub("", simplified.lower())


def title_similarity(claimed: str, found: str) -> float:
    """0-100: how well the page title matches the cited title. A cited title contained whole in
    the page title (or the reverse) is a match; otherwise the plain ratio decides — partial ratios
    let two different press releases (…新闻办举行发布会) look alike."""
    a, b = normalise_title(claimed), normalise_title(found)
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) >= 6 and (a in b or b in a):
        return 100.0
    return float(fuzz.ratio(a, b))
