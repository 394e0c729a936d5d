"""Entries from a .bib file (bibtexparser v2) as References, and keyed citations in the text:
Pandoc ``[@key, p. 12]`` / ``@key`` and LaTeX ``\\cite{a,b}``, ``\\citep[p.~5]{a}`` …"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import RemoveEnclosingMiddleware
from bibtexparser.model import Block, DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

from citeguard.chars import is_chinese
from citeguard.ingest import SourceText
from citeguard.model import EntryStyle, IssueKind, Language, ParseIssue, Reference, Span
from citeguard.parse.fields import iso_date, place_in_institution
from citeguard.parse.personname import delatex
from citeguard.texsource import blank_spans, tex_discarded, tex_group_end, tex_switched_off

# BibTeX entry type → GB/T 7714 type code
BIB_TYPES = {"article": "J", "book": "M", "inbook": "M", "incollection": "C", "inproceedings": "C",
             "conference": "C", "proceedings": "C", "phdthesis": "D", "mastersthesis": "D", "thesis": "D",
             "techreport": "R", "report": "R", "standard": "S", "patent": "P", "newspaper": "N",
             "online": "EB", "www": "EB", "electronic": "EB", "dataset": "DS", "software": "CP", "misc": "Z",
             "unpublished": "Z", "manual": "M", "booklet": "M"}
# Pandoc: [see @a, p. 12; @b]  and narrative @key (not an e-mail address)
PANDOC_GROUP_RE = re.compile(r"\[(?P<body>[^\[\]]*?-?@[^\[\]]+)\]")
PANDOC_ITEM_RE = re.compile(r"-?@(?P<key>\w(?:[\w:.#$%&+?<>~/-]*\w)?)(?:\s*,\s*(?P<locator>[^;]*))?")
PANDOC_NARRATIVE_RE = re.compile(r"(?<![\w.@\[])@(?P<key>[A-Za-z](?:[\w:.#$%&+?<>~/-]*\w)?)"
                                 r"(?:\s*\[(?P<locator>[^\[\]]{0,300})\])?")  # (bounded: "@a [" × n)
# LaTeX: \cite{a,b}  \citep[see][p.~5]{a}  \textcite{a}  \footcite[12]{a}  \parencite*{a}; natbib's \citenum,
# revtex's \onlinecite, the Chinese thesis classes' \inlinecite (thuthesis), biblatex's capitalised forms
LATEX_CITE_RE = re.compile(r"\\(?P<cmd>cite|citep|citet|citealp|citealt|parencite|textcite|footcite|autocite|nocite|"
                           r"smartcite|citeauthor|citeyear|supercite|citenum|onlinecite|inlinecite|Cite|Citep|Citet|"
                           r"Parencite|Textcite|Autocite)\*?(?:\[(?P<a>[^\[\]]{0,300})\])?(?:\[(?P<b>[^\[\]]{0,300})\])?"
                           r"\{(?P<keys>[^{}\\]{0,20000})\}")
# (bounded, and an argument stops at an opening bracket or a command: an unclosed "\cite[" or
# "\cite{" must not scan on through the next thousand \cite commands)
NARRATIVE_COMMANDS = frozenset({"citet", "textcite", "citeauthor"})
# LaTeX comments (a % not escaped as \%) and verbatim-like environments, which hold no citations
LATEX_COMMENT_RE = re.compile(r"(?<!\\)%[^\n]*")
# (found with str.find for their ends: a lazy ".*?" rescans to the end of the file for every unclosed one)
LATEX_VERBATIM_START_RE = re.compile(r"\\begin\{(verbatim|lstlisting|minted|comment)(\*?)\}")
# Markdown code: ``` fenced blocks ``` / ~~~ and `inline code`
MD_FENCE_START_RE = re.compile(r"^(?:```|~~~)", re.MULTILINE)
MD_INLINE_CODE_RE = re.compile(r"`[^`\n]+`")
MAX_GROUP_KEYS = 100  # keys read from one citation; a longer list is cut and said to be (\cite{} of 200,000 keys)
MAX_GROUP_TEXT = 300  # characters of a citation's text kept with each of its keys
# A page locator: "p. 12", "pp. 3-5", "p.~12", "12"
LOCATOR_RE = re.compile(r"^(?:pp?\.?\s*~?\s*)?(?P<pages>\d+(?:\s*[-–]+\s*\d+)?)$")


@dataclass(frozen=True, slots=True)
class KeyedCitation:
    """A citation by key at ``start:end`` of a text."""

    key: str
    start: int
    end: int
    text: str
    narrative: bool
    pages: tuple[str, ...]
    dropped: int = 0  # keys of this citation after this one that were not read (MAX_GROUP_KEYS)


def _shown(text: str) -> str:
    """A citation's text as kept with each key: one string per citation, cut to MAX_GROUP_TEXT."""
    return text if len(text) <= MAX_GROUP_TEXT else text[:MAX_GROUP_TEXT] + "…"


def _capped(found: list[KeyedCitation], total: int) -> list[KeyedCitation]:
    """The first MAX_GROUP_KEYS keys of one citation; the last kept says how many were dropped."""
    if total <= MAX_GROUP_KEYS:
        return found
    kept = found[:MAX_GROUP_KEYS]
    return [*kept[:-1], replace(kept[-1], dropped=total - len(kept))]


def _pages(locator: str | None) -> tuple[str, ...]:
    if not locator:
        return ()
    m = LOCATOR_RE.match(locator.strip().replace("~", " "))
    return (m.group("pages").replace("–", "-").replace("--", "-").replace(" ", ""),) if m else ()


def _blank(m: re.Match[str]) -> str:
    return "".join("\n" if ch == "\n" else " " for ch in m.group(0))


def _iso(value: str | None) -> str | None:
    """A .bib date as ISO: "2019-1-25" → "2019-01-25" (BibTeX takes it as written)."""
    if value and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        return iso_date(value.strip())
    return value


def _code_blocks(text: str, syntax: str) -> list[tuple[int, int]]:
    """Spans of verbatim environments (LaTeX) or fenced blocks (Markdown). Each end is looked for
    with str.find, and a closer that is missing once is not looked for again (a later opener would
    search a part of the same text), so thousands of unclosed openers cost linear time. An
    unclosed block is not a block (as before: nothing is masked)."""
    spans: list[tuple[int, int]] = []
    missing: set[str] = set()
    pos = 0
    starts = LATEX_VERBATIM_START_RE if syntax == "latex" else MD_FENCE_START_RE
    while (m := starts.search(text, pos)) is not None:
        pos = m.end()
        closer = f"\\end{{{m.group(1)}{m.group(2)}}}" if syntax == "latex" else "\n" + m.group(0)
        if closer in missing:
            continue
        stop = -1
        if syntax == "latex":
            end = text.find(closer, m.end())
            stop = -1 if end < 0 else end + len(closer)
        else:
            at = text.find("\n", m.end())
            while at >= 0:  # the next line that is the fence alone (spaces after it allowed)
                nxt = text.find(closer, at)
                if nxt < 0:
                    break
                line_end = text.find("\n", nxt + len(closer))
                line_end = len(text) if line_end < 0 else line_end
                if not text[nxt + len(closer):line_end].strip(" \t"):
                    stop = line_end
                    break
                at = nxt + 1
        if stop < 0:
            missing.add(closer)
            continue
        spans.append((m.start(), stop))
        pos = stop
    return spans


def mask_code(text: str, syntax: str, discard: frozenset[str] = frozenset()) -> str:
    """``text`` with comments and code blanked out (same length, same line breaks), so that a
    citation inside them is not read; in LaTeX also the arguments of the ``discard`` macros (ones
    defined to throw their argument away: \nop{…})."""
    if syntax == "latex":
        # text switched off with \iffalse … \fi (drafts left in a thesis) cites nothing either
        text = LATEX_COMMENT_RE.sub(_blank, blank_spans(text, _code_blocks(text, "latex")))
        return blank_spans(blank_spans(text, tex_switched_off(text)), tex_discarded(text, discard))
    return MD_INLINE_CODE_RE.sub(_blank, blank_spans(text, _code_blocks(text, "pandoc")))


_DUPLICATE_HEAD, _DUPLICATE_TAIL = "BibTeX key ", " is defined twice"


def duplicate_key_message(key: str) -> str:
    return f"{_DUPLICATE_HEAD}{key!r}{_DUPLICATE_TAIL}"


def duplicated_key(issue: ParseIssue) -> str | None:
    """The key (as its repr) a DUPLICATE_KEY issue is about: looked up in a set, not searched for."""
    if issue.kind is not IssueKind.DUPLICATE_KEY or not issue.message.startswith(_DUPLICATE_HEAD):
        return None
    return issue.message[len(_DUPLICATE_HEAD):len(issue.message) - len(_DUPLICATE_TAIL)]


# pandoc-crossref's references to the manuscript's own equations, figures, tables, sections …:
# "{+@eq:bellman}" "[@fig:map]" name no work
_CROSSREF_KEY_RE = re.compile(r"(?:eq|fig|tbl|sec|lst|thm|lem|def|cor|prop|app|ch|tab|alg):", re.IGNORECASE)


def find_pandoc(text: str, limit: int | None = None) -> list[KeyedCitation]:
    """Pandoc citations in text order; more than ``limit`` are not all read (the caller refuses).
    Cross-references of pandoc-crossref (@eq:…, @fig:…, @tbl:…) are no citations."""
    return [c for c in _find_pandoc(text, limit) if not _CROSSREF_KEY_RE.match(c.key)]


def _find_pandoc(text: str, limit: int | None = None) -> list[KeyedCitation]:
    out: list[KeyedCitation] = []
    starts: list[int] = []  # the groups' spans, in order and apart (finditer's): bisected below
    ends: list[int] = []
    for group in PANDOC_GROUP_RE.finditer(text):
        starts.append(group.start())
        ends.append(group.end())
        shown, found, total = _shown(group.group(0)), [], 0
        for item in PANDOC_ITEM_RE.finditer(group.group("body")):
            total += 1
            if total <= MAX_GROUP_KEYS:
                found.append(KeyedCitation(item.group("key"), group.start(), group.end(), shown, False,
                                           _pages(item.group("locator"))))
        out.extend(_capped(found, total))
        if limit is not None and len(out) > limit:
            return out
    for m in PANDOC_NARRATIVE_RE.finditer(text):
        at = bisect.bisect_right(starts, m.start()) - 1
        if at >= 0 and m.start() < ends[at]:
            continue  # inside a bracketed group: read there
        out.append(KeyedCitation(m.group("key"), m.start(), m.end(), m.group(0), True, _pages(m.group("locator"))))
        if limit is not None and len(out) > limit:
            break
    return sorted(out, key=lambda c: c.start)


# A macro the manuscript defines to cite: \DeclareRobustCommand*{\citen}[1]{… \cite{#1} …}
_CITING_DEF_RE = re.compile(r"\\(?:(?:new|renew|provide)command|DeclareRobustCommand)\*?\s*\{?\\(?P<name>[A-Za-z]{1,40})\}?"
                            r"\s*\[\s*[1-9]\s*\](?:\[[^\]\n]{0,100}\])?\s*\{")
_CITE_PARAMETER_RE = re.compile(r"\\[A-Za-z]{0,20}cite[A-Za-z]{0,10}\*?(?:\[[^\]\n]{0,100}\]){0,2}\s*\{\s*#[1-9]\s*\}")
MAX_CITING_BODY = 600  # characters of a definition's body looked into for its \cite{#1}


# What a citation command looks like: \citen{…}  \mycite[p.~5]{…} — a name starting or ending with "cite"
_CITE_LIKE_RE = re.compile(r"\\(?P<cmd>cite[A-Za-z]{0,12}|[A-Za-z]{1,12}cite)\*?(?:\[[^\]\n]{0,300}\]){0,2}\{")
# Commands so named that cite nothing: natbib's and biblatex's settings
_NOT_CITING = frozenset({"citestyle", "citeindextrue", "citeindexfalse", "citeindextype", "citesetup",
                         "citenumfont", "citeform", "citepunct", "citeleft", "citeright", "citename", "citeurl"})


def unread_cite_commands(texts: list[str], own: frozenset[str]) -> list[str]:
    """Commands of the manuscript's text (comments blanked) that look like citations but that
    citeguard does not read — the entries they cite would look uncited."""
    found: dict[str, None] = {}
    for text in texts:
        for m in itertools.islice(_CITE_LIKE_RE.finditer(text), 100_000):
            name = m.group("cmd")
            if name not in _NOT_CITING and name not in own and not LATEX_CITE_RE.match(text, m.start()):
                found.setdefault(name)
    return list(found)


def latex_citing_macros(texts: list[str]) -> frozenset[str]:
    """Macros the manuscript defines to wrap \\cite (\\citen{key} citing as \\cite{key} does)."""
    return frozenset(m.group("name") for text in texts for m in _CITING_DEF_RE.finditer(text)
                     if _CITE_PARAMETER_RE.search(text, m.end(), tex_group_end(text, m.end(), MAX_CITING_BODY))
                     and not LATEX_CITE_RE.match(f"\\{m.group('name')}{{x}}"))


@lru_cache(maxsize=64)
def _own_cite_re(names: frozenset[str]) -> re.Pattern[str]:
    """\\name[…]{keys} for the manuscript's own citing macros (bounded as LATEX_CITE_RE is)."""
    alternatives = "|".join(re.escape(n) for n in sorted(names))
    return re.compile(rf"\\(?P<cmd>{alternatives})(?![A-Za-z])\*?(?:\[(?P<a>[^\[\]]{{0,300}})\])?"
                      rf"(?:\[(?P<b>[^\[\]]{{0,300}})\])?\{{(?P<keys>[^{{}}\\]{{0,20000}})\}}")


def find_latex(text: str, limit: int | None = None, own: frozenset[str] = frozenset()) -> list[KeyedCitation]:
    """LaTeX citations in text order, also by the manuscript's ``own`` citing macros; more than
    ``limit`` are not all read (the caller refuses)."""
    out: list[KeyedCitation] = []
    matches = sorted(itertools.chain(LATEX_CITE_RE.finditer(text), _own_cite_re(own).finditer(text) if own else ()),
                     key=lambda m: m.start())
    for m in matches:
        # One optional argument is the postnote (\cite[p.~5]{a}); with two, the second is.
        post = m.group("b") if m.group("b") is not None else m.group("a")
        shown, narrative, pages = _shown(m.group(0)), m.group("cmd") in NARRATIVE_COMMANDS, _pages(post)
        # (a macro's parameter, \cite{#1} in \newcommand{\citen}[1]{…}, is no key)
        keys = [k for k in (k.strip() for k in m.group("keys").split(",")) if k and "#" not in k]
        found = [KeyedCitation(key, m.start(), m.end(), shown, narrative, pages) for key in keys[:MAX_GROUP_KEYS]]
        out.extend(_capped(found, len(keys)))
        if limit is not None and len(out) > limit:
            break
    return out


# A field that is one macro, as astronomy's journal abbreviations are: journal = {\apj}
_ONE_MACRO_RE = re.compile(r"\\(?P<name>[A-Za-z]{1,40})")  # (matched whole, on the stripped value)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    whole = _ONE_MACRO_RE.fullmatch(value.strip().strip("{}").strip())
    if whole is not None:  # \apj, \mnras, \aap: a journal the class's macros print (ApJ, MNRAS, A&A)
        return whole.group("name")
    text = re.sub(r"\\[a-zA-Z]+\s*|[{}]", "", value)  # {Protected} words and simple macros
    return " ".join(text.split()) or None


def _authors(value: str | None) -> tuple[tuple[str, ...], bool]:
    if not value:
        return (), False
    # (each name decoded as BibTeX prints it: "Doll{\\'a}r" is Dollár, "{\\L}ukasz" Łukasz)
    names = [n for n in (" ".join(delatex(n).split()) for n in re.split(r"\s+and\s+", value.strip())) if n]
    et_al = bool(names) and names[-1].lower() == "others"
    return tuple(n for n in names if n.lower() != "others"), et_al


MAX_ALIASES = 20  # keys of one entry's ids field read
MAX_UNCLOSED = 20_000  # characters of a failed block tried as an entry without its closing brace
_ARTICLE_NUMBER_FIELDS = ("eid", "articleno", "article-number", "article_number")


def _reference(entry: Entry, index: int, source: SourceText) -> Reference:
    fields = {k.lower(): str(v.value) for k, v in entry.fields_dict.items()}
    authors, et_al = _authors(fields.get("author") or fields.get("editor"))
    title = _clean(fields.get("title"))
    line = (entry.start_line or 0) + 1
    span = Span(line, 1, line, 1, source.path)
    # an article number stands where the pages do when there are none: eid (biblatex, ADS),
    # articleno (ACM), article-number (Web of Science) — "2021, 39(2): 68" as GB/T 7714 prints it
    located = fields.get("pages") or next((fields[k] for k in _ARTICLE_NUMBER_FIELDS if fields.get(k)), "")
    pages = tuple(p.strip().replace("--", "-").replace("–", "-") for p in located.split(",") if p.strip())
    language = fields.get("language") or fields.get("langid") or ""
    zh = language.lower().startswith(("zh", "chinese")) or is_chinese(f"{title or ''}{''.join(authors)}")
    place = _clean(fields.get("address") or fields.get("location"))
    # GB/T 7714 styles (gbt7714-bibtex-style, biblatex-gb7714) print a conference's organization, a
    # report's institution, a thesis's school where the publisher stands when there is no publisher
    publisher = _clean(fields.get("publisher") or fields.get("institution") or fields.get("school")
                       or fields.get("organization"))
    if not publisher and place and (":" in place or "：" in place):
        # address = {Hoboken, NJ, USA: Wiley}: GB/T's "place: publisher" written in the address
        place, _, publisher = place.replace("：", ":").rpartition(":")
        place, publisher = place.strip() or None, publisher.strip() or None
    misplaced: tuple[str, ...] = ()
    school = _clean(fields.get("institution") or fields.get("school"))
    if not place and school and school == publisher and (inside := place_in_institution(school)):
        place, late = inside  # school = {武汉: 武汉理工大学} prints in order; 华北电力大学(北京) does not
        publisher = publisher.split(":", 1)[-1].split("：", 1)[-1].strip() if not late else publisher
        misplaced = ("place",) if late else ()
    return Reference(
        raw=entry.raw.strip() if entry.raw else f"@{entry.entry_type}{{{entry.key}, …}}", span=span, index=index,
        language=Language.ZH if zh else Language.EN, style=EntryStyle.BIBTEX,
        type_code=BIB_TYPES.get(entry.entry_type.lower(), "Z"), authors=authors, et_al=et_al, title=title,
        aliases=tuple(k.strip() for k in (fields.get("ids") or "").split(",")[:MAX_ALIASES] if k.strip()),
        container=_clean(fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")),
        place=place, publisher=publisher, misplaced=misplaced,
        year=(re.search(r"\d{4}", fields.get("year") or fields.get("date") or "") or [None])[0],
        volume=fields.get("volume"), issue=fields.get("number") or fields.get("issue"), pages=pages,
        # (BibTeX drops the spaces and line breaks around a value)
        url=(fields.get("url") or "").strip("{} \t\r\n") or None, doi=fields.get("doi"),
        # (the GB/T 7714 styles of Chinese theses print citedate, thuthesis's field, as the access date)
        access_date=_iso(fields.get("urldate") or fields.get("citedate")), key=entry.key,
        declared_language=(fields.get("language") or fields.get("langid") or "").strip() or None)


# An entry whose brace opens on a later line than its type, which BibTeX reads and bibtexparser
# does not: "@book\n{\n  key," — the brace moved up, the line breaks kept after it (lines unchanged)
_ENTRY_OPEN_RE = re.compile(r"(?m)^(?P<head>[ \t]*@[A-Za-z]{1,30})(?P<space>[ \t]*\n\s{0,200})\{")


# The style a LaTeX manuscript prints its .bib entries in: \bibliographystyle{gbt7714-numerical}
# \usepackage[backend=biber,style=gb7714-2015]{biblatex}
_BIB_STYLE_RE = re.compile(r"\\bibliographystyle\s*\{\s*(?P<a>[^}\s]{1,80})\s*\}"
                           r"|\\usepackage\s*\[(?P<opts>[^\]]{0,400})\]\s*\{\s*biblatex\s*\}")
# biblatex's style option: style=gb7714-2015  bibstyle = apa
_STYLE_OPTION_RE = re.compile(r"(?:^|,)\s*(?:bib)?style\s*=\s*(?P<s>[\w.-]{1,80})")


def bib_style(texts: Iterable[str]) -> str:
    """The bibliography style the manuscript's LaTeX names (the first found), or ""."""
    for text in texts:
        for m in _BIB_STYLE_RE.finditer(text):
            if m.group("a"):
                return m.group("a")
            option = _STYLE_OPTION_RE.search(m.group("opts") or "")
            if option:
                return option.group("s")
    return ""


# A line of a .bib file that biber reads as a comment (BibTeX does not: it reads "% @book{x," as an
# entry, the % being text outside entries): "% @book{old_copy, …"
_PERCENT_LINE_RE = re.compile(r"(?m)^[ \t]*%[^\n]*")
# A LaTeX manuscript printing its bibliography with biblatex (biber): \addbibresource{refs.bib}
BIBLATEX_RE = re.compile(r"\\addbibresource\b|\\usepackage\s*(?:\[[^\]]{0,400}\])?\s*\{[^}]{0,200}\bbiblatex\b")


def _closed(block: Block) -> Entry | None:
    """The entry a block that failed only for want of its closing brace holds ("@article{k, …,"
    then the next @entry): read with the brace added, as BibTeX reads it; None for other failures."""
    raw = (block.raw or "").rstrip()
    if not raw.startswith("@") or raw.count("{") <= raw.count("}") or len(raw) > MAX_UNCLOSED:
        return None
    quiet = logging.getLogger("bibtexparser")
    level, quiet.level = quiet.level, logging.ERROR
    try:
        fixed = parse_string(raw.rstrip(",") + "}" * (raw.count("{") - raw.count("}")))
    finally:
        quiet.setLevel(level)
    if len(fixed.entries) != 1 or fixed.failed_blocks:
        return None
    entry = fixed.entries[0]
    return Entry(entry.entry_type, entry.key, list(entry.fields), start_line=block.start_line, raw=block.raw)


def bib_references(source: SourceText, first_index: int = 1, *, percent_comments: bool = False
                   ) -> tuple[list[Reference], list[ParseIssue]]:
    """The entries of one .bib file, and its duplicate keys / unreadable blocks as issues; with
    ``percent_comments`` (biber's reading) a line starting with % is a comment."""
    quiet = logging.getLogger("bibtexparser")
    level, quiet.level = quiet.level, logging.ERROR  # its warnings go to stderr; they become findings here
    try:
        text = _ENTRY_OPEN_RE.sub(r"\g<head>{\g<space>", source.text)
        if percent_comments:  # (blanked, not removed: line numbers stay)
            text = _PERCENT_LINE_RE.sub(lambda m: " " * len(m.group(0)), text)
        library = parse_string(text)
    finally:
        quiet.setLevel(level)
    entries = list(library.entries)
    failed = []
    unclosed: list[ParseIssue] = []
    for block in library.failed_blocks:
        kept = block.ignore_error_block if isinstance(block, DuplicateFieldKeyBlock) else None
        if isinstance(kept, Entry):  # a field given twice (author={x}, …, author={x}): BibTeX keeps one;
            # the parser left this block as written, its values still in their {…} or "…"
            entries.append(RemoveEnclosingMiddleware().transform_entry(kept, library))
        elif (closed := _closed(block)) is not None:
            entries.append(closed)  # BibTeX reads an entry that lacks its closing brace up to the next @
            line = (block.start_line or 0) + 1
            unclosed.append(ParseIssue(IssueKind.UNPARSED_REFERENCE, f"the entry @{closed.key} lacks its closing "
                                       "brace (BibTeX reads its fields up to the next entry)",
                                       Span(line, 1, line, 1, source.path), (block.raw or "")[:200]))
        else:
            failed.append(block)
    entries.sort(key=lambda e: e.start_line or 0)
    refs = [_reference(e, first_index + i, source) for i, e in enumerate(entries)]
    issues = unclosed
    for block in failed:
        line = (block.start_line or 0) + 1
        span = Span(line, 1, line, 1, source.path)
        if isinstance(block, DuplicateBlockKeyBlock):
            issues.append(ParseIssue(IssueKind.DUPLICATE_KEY, duplicate_key_message(block.key), span,
                                     block.raw[:200] if block.raw else ""))
        else:
            issues.append(ParseIssue(IssueKind.UNPARSED_REFERENCE, "unreadable block in the .bib file", span,
                                     (block.raw or "")[:200]))
    return refs, issues
