"""A LaTeX manuscript's hand-typed list: ``\\begin{thebibliography}{99} \\bibitem{key} entry …
\\end{thebibliography}`` — each item read as a printed entry (GB/T 7714, APA …) under its key, so
that ``\\cite{key}`` links to it, numbered in order as LaTeX numbers them.  Every item is printed,
cited or not."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace

from citeguard.ingest import SourceText
from citeguard.model import Reference
from citeguard.parse.entries import parse_entry

# The list's environment: \begin{thebibliography}{99} … \end{thebibliography}
_BEGIN_RE = re.compile(r"\\begin\s*\{thebibliography\}(?:\s*\{[^{}\n]{0,50}\})?")
_END_RE = re.compile(r"\\end\s*\{thebibliography\}")
# An item and its key: \bibitem{chen2024}  \bibitem[Chen(2024)]{chen2024}
_BIBITEM_RE = re.compile(r"\\bibitem\s*(?:\[[^\]\n]{0,200}\])?\s*\{(?P<key>[^{}\s]{1,200})\}")
# Commands whose argument is the text shown: \textit{Nature}  \emph{…}  \url{…}  \mbox{…}
_SHOWN_RE = re.compile(r"\\(?:textit|textbf|textrm|textsc|textsf|texttt|emph|mbox|url|text)\s*\{(?P<arg>[^{}]{0,2000})\}")
# \href{url}{text}: the text
_HREF_RE = re.compile(r"\\href\s*\{[^{}]{0,2000}\}\s*\{(?P<arg>[^{}]{0,2000})\}")
# Commands that show nothing in an entry: \newblock  \\  \par  \relax
_SILENT_RE = re.compile(r"\\(?:newblock|par|relax|allowbreak|hskip\s*\S+|\\)(?![A-Za-z])")
MAX_BIBITEMS = 10_000


def bibitem_span(masked: str) -> tuple[int, int] | None:
    """(start, end) of the thebibliography environment of a LaTeX text (comments blanked), or None."""
    begin = _BEGIN_RE.search(masked)
    if begin is None:
        return None
    end = _END_RE.search(masked, begin.end())
    return begin.start(), end.end() if end else len(masked)


def _shown(text: str) -> str:
    """An item's LaTeX as the words it prints: \\emph{X} → X, ~ → space, \\& → &, braces dropped."""
    text = _HREF_RE.sub(r"\g<arg>", text)
    for _ in range(3):  # (nested: \textbf{\emph{X}})
        text = _SHOWN_RE.sub(r"\g<arg>", text)
    text = _SILENT_RE.sub(" ", text).replace("~", " ").replace("\\&", "&").replace("\\%", "%").replace("\\_", "_")
    text = text.replace("{", "").replace("}", "").replace("--", "-")
    return " ".join(text.split())


def bibitem_references(src: SourceText, masked: str) -> list[Reference]:
    """The entries of the manuscript's thebibliography list, keyed and numbered in order."""
    where = bibitem_span(masked)
    if where is None:
        return []
    start, end = where
    items = list(itertools.islice(_BIBITEM_RE.finditer(masked, start, end), MAX_BIBITEMS))
    out: list[Reference] = []
    for number, (item, after) in enumerate(itertools.zip_longest(items, items[1:]), start=1):
        stop = after.start() if after is not None else _end_of(masked, start, end)
        raw = _shown(masked[item.end():stop])
        if not raw:
            continue
        span = src.span(item.start(), stop)
        ref = parse_entry(raw, span, index=len(out) + 1, number=number, label=f"[{number}]")
        out.append(replace(ref, key=item.group("key")))
    if out:
        style = Counter(r.style for r in out).most_common(1)[0][0]
        out = [replace(r, list_style=style) for r in out]
    return out


def _end_of(masked: str, start: int, end: int) -> int:
    """Where the last item ends: at \\end{thebibliography}."""
    m = _END_RE.search(masked, start, end)
    return m.start() if m else end
