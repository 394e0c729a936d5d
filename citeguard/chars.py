"""Characters the readers and parsers both classify: width folding, circled numbers, CJK and Han
classes, the printed GB/T 7714 type code. Below ``ingest`` and ``parse`` alike: neither imports
the other for these."""

from __future__ import annotations

import re
from functools import lru_cache

# Full-width ASCII (！ … ～) to half-width, ideographic space to space, and the CJK brackets and
# stops GB/T 7714 entries use in place of ASCII ones.  Every mapping is one character to one
# character, so offsets in the folded copy are offsets in the original.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, ord("【"): ord("["), ord("】"): ord("]"), ord("。"): ord("."),
              ord("〔"): ord("["), ord("〕"): ord("]"), ord("、"): ord(","),
              0x2212: ord("-")})  # the minus sign some journals set between a range's pages: 1877−1901
_FOLD_KEEP_COMMA = dict(_FOLD)
del _FOLD_KEEP_COMMA[ord("、")]


def fold_width(text: str, *, keep_enumeration_comma: bool = False) -> str:
    """Half-width copy of ``text`` with the same length (full-width ，：（） → ,:() …)."""
    if text.isascii():  # (a flag of the string: nothing to fold, and no character-by-character pass)
        return text
    if len(text) <= 500:  # an entry or a name: the rules fold each one again and again
        return _fold_short(text, keep_enumeration_comma)
    return text.translate(_FOLD_KEEP_COMMA if keep_enumeration_comma else _FOLD)


@lru_cache(maxsize=32768)
def _fold_short(text: str, keep_enumeration_comma: bool) -> str:
    return text.translate(_FOLD_KEEP_COMMA if keep_enumeration_comma else _FOLD)


# Letters OCR reads in place of digits: 2O14 → 2014, 20l1 → 2011
OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})

# ①..⑳ then ㉑..㉟ then ㊱..㊿: the circled numbers footnotes use.
_CIRCLED = ([chr(cp) for cp in range(0x2460, 0x2474)] + [chr(cp) for cp in range(0x3251, 0x3260)]
            + [chr(cp) for cp in range(0x32B1, 0x32C0)])
CIRCLED_NUMBER = {ch: i + 1 for i, ch in enumerate(_CIRCLED)}
CIRCLED_CHARS = "".join(_CIRCLED)


def circled(number: int) -> str:
    """The circled symbol for ``number`` (1 → ①), or "(n)" past the Unicode range."""
    return _CIRCLED[number - 1] if 1 <= number <= len(_CIRCLED) else f"({number})"


# A character of CJK text where no space goes between words: ideographs, CJK punctuation 。，、
# and full-width forms （）： — lines of such text are joined without a space.
CJK_CHAR_RE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def is_cjk(ch: str) -> bool:
    """True for one character of CJK text (see CJK_CHAR_RE); False for "" and everything else."""
    return bool(ch) and CJK_CHAR_RE.match(ch) is not None


# One CJK unified ideograph (basic block and extension A), e.g. 周.
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_HAN_RE = re.compile(HAN)


def han_count(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(_HAN_RE.findall(text))


# One ASCII letter
_LATIN_RE = re.compile(r"[A-Za-z]")


def is_chinese(text: str) -> bool:
    """True when Han characters make up a noticeable part of the letters in ``text``."""
    han = han_count(text)
    return han > 0 and han * 3 >= len(_LATIN_RE.findall(text))


# A GB/T 7714 type code as printed, either width: [J]  [M]  [EB/OL]  ［J］ — how list lines and
# PDF paragraphs are told from prose (fields.TYPE_RE reads the code of a width-folded entry)
TYPE_CODE_RE = re.compile(r"[\[［〔]\s*[A-Z]{1,2}\s*(?:/\s*[A-Z]{2}\s*)?[\]］〕]")
