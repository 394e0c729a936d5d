"""Chinese names in pinyin, character by character (pure).

pypinyin is loaded without its phrase dictionary: that dictionary costs ~0.2 s at every start
(its import and the segmenter's prefix set built from it) and helps with names only where a
two-character given name happens to be a dictionary word read unlike its characters (重阳
chóngyáng, 朝阳 cháoyáng). Names are compared instead against *every* reading of their
polyphonic characters (``spellings``), which also accepts a romanisation the phrase reading
would have refused (王朝阳 as Wang Zhaoyang).
"""

from __future__ import annotations

import itertools
import os
from functools import cache, lru_cache
from types import ModuleType

MAX_SPELLINGS = 256  # romanisations of one name tried (4 characters of 4 readings each)
# Characters of given names read in names unlike their common reading. Measured: of 5,912 Chinese
# author names in the corpus, the phrase dictionary read a given-name character otherwise than
# the character alone 18 times — 长 (长春, 长江: cháng, not zhǎng) 8 times, 朝 (朝晖: zhāo, not
# cháo) 7 — and 劲 and 柏 once each, where the phrase reading (劲松 jìng, 柏林 bó) is a word's, not a name's.
GIVEN_NAME_READINGS = {"长": "chang", "朝": "zhao"}


@cache
def _pypinyin() -> ModuleType:
    """pypinyin, imported on first use without its phrase dictionary (pypinyin reads
    PYPINYIN_NO_PHRASES once, at import; the variable is put back as it was)."""
    previous = os.environ.get("PYPINYIN_NO_PHRASES")
    os.environ["PYPINYIN_NO_PHRASES"] = "1"
    try:
        import pypinyin
    finally:
        if previous is None:
            del os.environ["PYPINYIN_NO_PHRASES"]
        else:
            os.environ["PYPINYIN_NO_PHRASES"] = previous
    return pypinyin


@lru_cache(maxsize=4096)
def syllables(text: str, given_name: bool = False) -> tuple[str, ...]:
    """Each character's common reading, toneless: "王晓明" → ("wang", "xiao", "ming"); in a
    ``given_name``, the reading names take (GIVEN_NAME_READINGS: "长春" → ("chang", "chun"))."""
    engine = _pypinyin()
    common = engine.lazy_pinyin(text, style=engine.Style.NORMAL)
    if given_name and len(common) == len(text):
        return tuple(GIVEN_NAME_READINGS.get(ch, s) for ch, s in zip(text, common, strict=True))
    return tuple(common)


@lru_cache(maxsize=4096)
def readings(text: str, given_name: bool = False) -> tuple[tuple[str, ...], ...]:
    """Every reading of each character, toneless, the common one first: "重阳" →
    (("zhong", "chong"), ("yang",))."""
    engine = _pypinyin()
    common = syllables(text, given_name)
    every = engine.pinyin(text, style=engine.Style.NORMAL, heteronym=True)
    if len(every) != len(common):  # characters pypinyin does not know pass through as one item
        return tuple((s,) for s in common)
    return tuple(tuple(dict.fromkeys((first, *options))) for first, options in zip(common, every, strict=True))


def spellings(text: str, given_name: bool = False) -> list[str]:
    """Every way ``text`` may be written in pinyin, joined ("朝阳" → ["zhaoyang", "chaoyang", …]),
    the common reading first; at most MAX_SPELLINGS."""
    product = itertools.product(*readings(text, given_name))
    return ["".join(parts) for parts in itertools.islice(product, MAX_SPELLINGS)]
