"""TeX source the readers and parsers both look through: switched-off conditionals, macros that
discard their argument, brace groups; blanking a span keeps every other position."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
