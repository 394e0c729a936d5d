"""Text patterns of the parsers alone: footnote marks at a line's start, sentence ends, OCR's TeX
math for odd type. (Character classes shared with ``ingest`` live in ``citeguard.chars``.)"""

from __future__ import annotations

import re

from citeguard.chars import CIRCLED_CHARS

# A footnote's mark at the start of its line: "① …" "^① …" "^{①} …" "^{*} …" (the fund note);
# the group a, b or c holds the mark. Pages' feet (layout) and reference lists (reflist) both skip them.
FOOTNOTE_MARK = (rf"^[ \t]*(?:\^\{{\s*(?P<b>[{CIRCLED_CHARS}*])\s*\}}|\^(?P<c>[{CIRCLED_CHARS}*])"
                 rf"|(?P<a>[{CIRCLED_CHARS}]))")
FOOTNOTE_MARK_RE = re.compile(FOOTNOTE_MARK)
# A footnote line: "① text", "^① text", "^{①} text", "^{*} text" (the fund note).
FOOTNOTE_LINE_RE = re.compile(FOOTNOTE_MARK + r"[ \t]*(?P<text>\S.*)$")
# Sentence-final punctuation, possibly followed by closing quotes/brackets: 。 ！ ？ … ” 」 ）
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
