"""Small text helpers shared by the parsers: width folding, circled numbers, scripts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Full-width ASCII (！ … ～) to half-width, ideographic space to space, and the CJK brackets and
# stops GB/T 7714 entries use in place of ASCII ones.  Every mapping is one character to one
# character, so offsets in the folded copy are offsets in the original.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, ord("【"): ord("["), ord("】"): ord("]"), ord("。"): ord("."),
              ord("〔"): ord("["), ord("〕"): ord("]"), ord("、"): ord(",")})
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


# Sentence-final punctuation, possibly followed by closing quotes/brackets: 。 ！ ？ … ” 」 ）
# A footnote's mark at the start of its line: "① …" "^① …" "^{①} …" "^{*} …" (the fund note);
# the group a, b or c holds the mark. Pages' feet (layout) and reference lists (reflist) both skip them.
FOOTNOTE_MARK = (rf"^[ \t]*(?:\^\{{\s*(?P<b>[{CIRCLED_CHARS}*])\s*\}}|\^(?P<c>[{CIRCLED_CHARS}*])"
                 rf"|(?P<a>[{CIRCLED_CHARS}]))")
FOOTNOTE_MARK_RE = re.compile(FOOTNOTE_MARK)
# A GB/T 7714 type code as printed, either width: [J]  [M]  [EB/OL]  ［J］ — how list lines and
# PDF paragraphs are told from prose (fields.TYPE_RE reads the code of a width-folded entry)
TYPE_CODE_RE = re.compile(r"[\[［]\s*[A-Z]{1,2}\s*(?:/\s*[A-Z]{2}\s*)?[\]］]")
SENTENCE_END_RE = re.compile(r"[。！？!?…．.;；][”’」』）)\]]*\s*$|[”」』]\s*$")


# TeX math that OCR (MinerU and the like) writes for letters it saw in odd type, up to 300
# characters: "$\\mathrm { Q H } ^ { 1 }$"  "$3 3 ( \\ 1 ) : 3 1 7$"  "$\\&$"
_MATH_RE = re.compile(r"\$(?P<body>[^$\n]{1,300})\$")
# Inside it: a command, a superscript group (an affiliation mark), braces, ties
_MATH_COMMAND_RE = re.compile(r"\^\s*\{[^{}]{0,20}\}|\^\s*\S|\\[A-Za-z]+|[{}~\\]")


def demath(text: str) -> str:
    """``text`` with OCR's TeX math turned back into the characters it stands for:
    "ZHANG $\\mathrm { Q H } ^ { 1 }$" → "ZHANG QH", "$3 3 ( 1 ) : 3 1 7$" → "33(1):317"."""
    if "$" not in text:
        return text
    return _MATH_RE.sub(lambda m: re.sub(r"\s+", "", _MATH_COMMAND_RE.sub(_math_command, m.group("body"))), text)


def _math_command(m: re.Match[str]) -> str:
    """A command, brace or tie goes; so does a superscript after a name (an affiliation mark), but
    one that opens a bracket is an isotope's mass and stays: "$[ ^ { 1 4 } \\mathrm { C } ]$" → "[14C]",
    not the "[C]" of a conference paper's type code."""
    if m.group().startswith("^") and m.string[:m.start()].rstrip()[-1:] in ("[", "("):
        return " " + m.group().lstrip("^ {").rstrip("}") + " "
    return " "


# LaTeX conditionals: \iffalse opens a switched-off block; any \if… nests in it; \fi closes one
_TEX_CONDITIONAL_RE = re.compile(r"\\(?:(?P<off>iffalse)|(?P<open>if[A-Za-z@]*)|(?P<close>fi))(?![A-Za-z@])")


def tex_switched_off(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ``\\iffalse … \\fi`` block, nested conditionals counted (a block with
    no ``\\fi`` runs to the end of the text, as TeX would read it)."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _TEX_CONDITIONAL_RE.finditer(text):
        if depth == 0:
            if m.group("off"):
                depth, start = 1, m.start()
        elif m.group("off") or m.group("open"):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                spans.append((start, m.end()))
    if depth:
        spans.append((start, len(text)))
    return spans


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (line breaks kept, so positions stay)."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append("".join("\n" if ch == "\n" else " " for ch in text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


# A macro defined to throw its argument away — \newcommand{\nop}[1]{}  \def\ignore#1{} — which
# authors use to keep draft text (and its citations) out of the output
_TEX_DISCARDING_RE = re.compile(
    r"\\(?:new|renew|provide)command\*?\s*\{?\\(?P<a>[A-Za-z@]{1,40})\}?\s*\[\s*[1-9]\s*\]\s*\{\s*\}"
    r"|\\def\s*\\(?P<b>[A-Za-z@]{1,40})(?:#[1-9]){1,9}\s*\{\s*\}")
MAX_DISCARDED = 10_000  # arguments of such macros blanked in one file, at most
MAX_ARGUMENT = 50_000  # characters of one argument read for its closing brace


# A % that starts a comment (not an escaped \%)
_TEX_PERCENT_RE = re.compile(r"(?<!\\)%")


def tex_discarding_macros(texts: Iterable[str]) -> frozenset[str]:
    """The names of the macros the manuscript defines with an empty body and an argument (not in
    a % comment)."""
    return frozenset(m.group("a") or m.group("b") for text in texts for m in _TEX_DISCARDING_RE.finditer(text)
                     if not _TEX_PERCENT_RE.search(text, text.rfind("\n", 0, m.start()) + 1, m.start()))


def tex_discarded(text: str, names: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each ``\\name{…}`` of those macros (braces balanced; an argument left open
    runs MAX_ARGUMENT characters at most)."""
    if not names:
        return []
    use = re.compile(r"\\(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")(?![A-Za-z@])\s*\{")
    spans: list[tuple[int, int]] = []
    pos = 0
    for _ in range(MAX_DISCARDED):
        m = use.search(text, pos)
        if m is None:
            break
        end = tex_group_end(text, m.end(), MAX_ARGUMENT)
        spans.append((m.start(), end))
        pos = end
    return spans


def tex_group_end(text: str, start: int, limit: int) -> int:
    """Where a brace group opened just before ``start`` closes (braces balanced, escaped ones skipped;
    at most ``limit`` characters read: an unclosed group ends there)."""
    depth, i, stop = 1, start, min(len(text), start + limit)
    while i < stop and depth:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        depth += 1 if ch == "{" else -1 if ch == "}" else 0
        i += 1
    return i
