"""Citations by key — Pandoc ``[@key]`` and LaTeX ``\\cite{key}`` — and what a LaTeX manuscript's
source says about them: which numeric-looking brackets are prose, which .bib entries BibTeX
prints (the cited ones), which citing commands citeguard does not read."""

from __future__ import annotations

import re
from dataclasses import replace

from citeguard.ingest import SourceText
from citeguard.model import Citation, CitationKind, EntryStyle, IssueKind, ParseIssue, Reference
from citeguard.parse.bib import MAX_GROUP_KEYS, duplicated_key, find_latex, find_pandoc, mask_code, unread_cite_commands
from citeguard.parse.bibitems import bibitem_span
from citeguard.parse.layout import Layout
from citeguard.parse.limits import Budget


def keyed_citations(src: SourceText, layout: Layout, syntax: str, already: int, issues: list[ParseIssue], budget: Budget,
           discard: frozenset[str] = frozenset(), own: frozenset[str] = frozenset()) -> list[Citation]:
    """Pandoc [@key] / LaTeX \\cite{key} citations, one Citation per key (at most MAX_GROUP_KEYS
    of one citation: the rest is an unparsed-citation issue)."""
    masked = mask_code(src.text, syntax, discard)  # comments, code blocks, discarded arguments cite nothing
    out: list[Citation] = []
    for index, raw in enumerate(layout.paragraphs):
        text = "".join(masked[s.start:s.end] for s in raw.segments)
        found = find_pandoc(text, budget.room_for_citations()) if syntax == "pandoc" else \
            find_latex(text, budget.room_for_citations(), own)
        budget.add(citations=len(found))
        for kc in found:
            start = raw.source_offset(kc.start)
            span = src.span(start, raw.source_offset(kc.end - 1) + 1)
            out.append(Citation(id=f"c{already + len(out) + 1}", kind=CitationKind.KEY, text=kc.text, span=span,
                                paragraph=index, narrative=kc.narrative, author_text=kc.key, pages=kc.pages,
                                key=kc.key, group=f"k{index}.{kc.start}"))
            if kc.dropped:
                issues.append(ParseIssue(IssueKind.UNPARSED_CITATION,
                                         f"this citation names {kc.dropped + MAX_GROUP_KEYS} keys; only the first "
                                         f"{MAX_GROUP_KEYS} were read", span, kc.text))
    return out


# What stands before "[1]" when it is a macro's argument count, not a citation:
# \newcommand{\foo}[1]  \algrenewcommand\algorithmicrequire[1]  \renewcommand*{\x}[2]
# \newbibmacro{string+doiurl}[1] (biblatex names its macros with + : and -)
_MACRO_ARGS_RE = re.compile(r"\\[A-Za-z@]+\*?\s*(?:\{\\?[A-Za-z@][A-Za-z@+:\-]*\}|\{\}|\\[A-Za-z@]+)?\s*$")


def latex_prose(src: SourceText, citations: list[Citation], discard: frozenset[str] = frozenset()
                 ) -> list[Citation]:
    """Citations of a LaTeX file's text that stand in prose: not in a % comment (a template's
    "Jones (1995)" describing an option), not in a discarded argument, not a macro's argument count."""
    masked = mask_code(src.text, "latex", discard)
    listed = bibitem_span(masked) or (0, 0)  # the hand-typed list's "(SoCTA 2024)" is an entry's text
    out = []
    for c in citations:
        at = src.offset(c.span.line, c.span.column)
        if listed[0] <= at < listed[1]:
            continue
        if not masked[at:at + 1].strip() or (c.kind is CitationKind.NUMERIC and _MACRO_ARGS_RE.search(
                src.text[max(0, at - 80):at])):
            continue
        out.append(c)
    return out


def cited_only(references: tuple[Reference, ...], citations: list[Citation], issues: list[ParseIssue]
                ) -> tuple[tuple[Reference, ...], list[ParseIssue]]:
    """The .bib entries the manuscript cites (BibTeX prints no others, so no other is checked),
    renumbered, and the .bib problems that concern them; ``\nocite{*}`` cites every entry."""
    keys = {c.key for c in citations if c.kind is CitationKind.KEY}
    if "*" in keys:
        return references, issues
    # a key cited in another case than the entry's (BibTeX matches it, biber does not: CG112) — unless
    # an entry has the key exactly as cited: then "bendsoe2003" beside a cited "Bendsoe2003" is not cited
    defined = {r.key for r in references if r.key}
    folded = {k.lower() for k in keys if k not in defined}
    seen: set[str] = set()
    kept = []
    for r in references:  # a key defined twice is linked to its first definition (CG312 reports the second)
        if r.style is EntryStyle.BIBTEX and not r.key:
            continue  # "@article{," : an entry without a key cannot be cited, so BibTeX never prints it
        if not r.key or ((r.key in keys or r.key.lower() in folded or keys.intersection(r.aliases))
                         and r.key not in seen):
            kept.append(r)
            seen.add(r.key or "")
    kept = [replace(r, index=i) for i, r in enumerate(kept, start=1)]
    wanted = {repr(k) for k in keys}
    cited_issues = [i for i in issues if i.kind is not IssueKind.DUPLICATE_KEY or duplicated_key(i) in wanted]
    return tuple(kept), cited_issues


def unread_commands(src: SourceText, texts: list[str], discard: frozenset[str], own: frozenset[str],
                     issues: list[ParseIssue]) -> None:
    """Citation-like commands citeguard does not read (a class's own \\upcite …), said once: the
    entries they cite would otherwise look never cited (CG102 then holds back)."""
    names = unread_cite_commands([mask_code(t, "latex", discard) for t in texts], own)
    if names:
        shown = ", ".join(f"\\{n}" for n in names[:5]) + (" …" if len(names) > 5 else "")
        issues.append(ParseIssue(IssueKind.UNSUPPORTED_CITATION,
                                 f"the manuscript cites with commands citeguard does not read ({shown}); the "
                                 "entries they cite were not checked as cited", src.span(0, 1), shown))
