"""A manuscript and the files it names: the .bib files of a Pandoc Markdown paper (YAML
``bibliography:``) or of a LaTeX paper (``\\bibliography{…}``, ``\\addbibresource{…}``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from citeguard.ingest.source import (
    MAX_LINES,
    STDIN,
    IngestError,
    SourceText,
    TooManyLines,
    line_count,
    read_source,
)
from citeguard.parse.text import blank_spans, tex_switched_off

# YAML front matter: bibliography: paper.bib   or   bibliography: [a.bib, b.bib]   or a "- item" list
_YAML_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
# A YAML comment after a value: a # after a space, to the end of the line
_YAML_COMMENT_RE = re.compile(r"(?:^|[ \t])#[^\n]*$")
_YAML_BIB_RE = re.compile(r"^bibliography:[ \t]*(?P<value>.*)$", re.MULTILINE)
_YAML_ITEM_RE = re.compile(r"^[ \t]+-[ \t]*(?P<item>\S.*)$", re.MULTILINE)
# LaTeX: \bibliography{refs,more}  \addbibresource{refs.bib}
#   (arguments bounded, so that thousands of unclosed "\bibliography{" do not each scan to the end)
_TEX_BIB_RE = re.compile(r"\\(?:bibliography|addbibresource)(?:\[[^\]]{0,300}\])?\{(?P<names>[^}]{0,2000})\}")
# LaTeX import package: \import{chapters/clicknp/}{main}  \subimport*{sec/}{intro}
_TEX_IMPORT_RE = re.compile(r"\\(?P<sub>sub)?(?:import|inputfrom|includefrom)\*?"
                            r"\{(?P<dir>[^}]{0,500})\}\{(?P<file>[^}]{1,500})\}")
# LaTeX: \input{chapters/intro}  \include{ch2}  (not after a % comment sign)
# Figures exported as TeX code to be \\input: PGF/TikZ plots, Inkscape and xfig overlays, data tables
_FIGURE_SUFFIXES = frozenset({".pgf", ".tikz", ".pdf_tex", ".eps_tex", ".pstex_t", ".pdftex_t", ".dat", ".csv"})
_TEX_INPUT_RE = re.compile(r"\\(?:input|include)(?:\{(?P<a>[^}]{1,500})\}|[ \t]+(?P<b>[\w./-]{1,500}))")
_TEX_COMMENT_RE = re.compile(r"(?<!\\)%[^\n]*")
# Where a .bib file's entry (or @string, @comment, @preamble) starts: @article{  @book (
_BIB_ENTRY_RE = re.compile(r"@[A-Za-z]+[ \t]*[{(]")

MAX_INCLUDES = 200
# Entries of all the .bib files a manuscript names, cited or not (every one is parsed, at about
# 0.15 ms each); a file that would pass the limit is not read, with a note. A thesis's: ~1,000.
MAX_BIB_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class Project:
    """The manuscript and the bibliography files it names (read and decoded)."""

    main: SourceText
    bibs: tuple[SourceText, ...] = ()
    syntax: str = "text"  # "text", "pandoc" or "latex": how citations are written
    notes: tuple[str, ...] = ()  # bibliography files named but missing, or found under another name
    parts: tuple[SourceText, ...] = ()  # LaTeX files pulled in by \input / \include, in reading order


def _yaml_bibs(text: str) -> list[str]:
    m = _YAML_RE.match(text)
    if m is None:
        return []
    yaml = m.group("yaml")
    b = _YAML_BIB_RE.search(yaml)
    if b is None:
        return []
    value = _YAML_COMMENT_RE.sub("", b.group("value")).strip().strip("'\"")  # "references.bib # see …"
    if value.startswith("["):
        return [v.strip().strip("'\"") for v in value.strip("[]").split(",") if v.strip()]
    if value:
        return [value]
    rest = yaml[b.end():]
    items = []
    for line in rest.splitlines()[1:] if rest.startswith("\n") else rest.splitlines():
        item = _YAML_ITEM_RE.match(line)
        if item is None:
            break
        items.append(item.group("item").strip().strip("'\""))
    return items


# Metadata files Pandoc is given beside a Markdown manuscript (--metadata-file, --defaults, Quarto's
# project file): where a thesis template names its bibliography when the text's own header does not
_METADATA_FILES = ("config.yaml", "metadata.yaml", "meta.yaml", "defaults.yaml", "_quarto.yml")
MAX_METADATA_BYTES = 100_000  # a metadata file larger than this is no metadata file


def _metadata_bibs(folder: Path, root: Path) -> list[str]:
    """The bibliography a metadata file beside the manuscript names ("bibliography: references.bib")."""
    for name in _METADATA_FILES:
        path = folder / name
        if not _exists(path) or _outside(path, root) or not path.is_file():
            continue
        try:
            if path.stat().st_size > MAX_METADATA_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found = _yaml_bibs(f"---\n{text}\n---\n")
        if found:
            return found
    return []


MAX_CLASS_BYTES = 500_000  # a class or package file beside the manuscript larger than this is not read
MAX_CLASS_FILES = 20


def _class_bibs(folder: Path, root: Path) -> list[str]:
    """The bibliography a thesis class or package file beside the manuscript names, when the
    manuscript names none itself (sysuthesis.cls's \\makereferences runs \\bibliography{main})."""
    try:
        found = sorted(p for p in folder.iterdir() if p.suffix in (".cls", ".sty"))[:MAX_CLASS_FILES]
    except OSError:
        return []
    for path in found:
        try:
            if _outside(path, root) or not path.is_file() or path.stat().st_size > MAX_CLASS_BYTES:
                continue
            text = _tex_live(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        names = [n.strip() for m in _TEX_BIB_RE.finditer(text) for n in m.group("names").split(",")
                 if n.strip() and "#" not in n]
        if names:
            return names
    return []


def _tex_live(text: str) -> str:
    """A LaTeX file without its comments and its \\iffalse … \\fi blocks: what TeX reads."""
    text = _TEX_COMMENT_RE.sub("", text)
    return blank_spans(text, tex_switched_off(text))


def _outside(path: Path, root: Path) -> str | None:
    """Why ``path`` may not be read as part of a project rooted at ``root``, or None: the files a
    manuscript names are untrusted, so only regular files inside its folder tree (symbolic links
    resolved) are read."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as exc:  # a name too long, a symlink loop
        return f"cannot be resolved ({getattr(exc, 'strerror', None) or exc})"
    if not resolved.is_relative_to(root):
        return "is outside the manuscript's folder (--allow-outside reads it)"
    return None


def read_project(path: str | Path, *, allow_outside: bool = False, max_pages: int | None = None) -> Project:
    """Read a manuscript and, for Markdown and LaTeX, the .bib files it names (relative to it).

    Named files outside the manuscript's folder tree are not read (a note says so) unless
    ``allow_outside``."""
    main = read_source(path, max_pages=max_pages)
    if str(path) == STDIN:  # standard input has no folder: it names no file citeguard would read
        return Project(main, (), "text", (), ())
    folder = Path(path).parent
    root = Path("/") if allow_outside else folder.resolve()
    suffix = Path(path).suffix.lower()
    parts: list[SourceText] = []
    notes: list[str] = []
    if suffix == ".tex":
        parts = _includes(main, folder, root, notes)
        texts = [_tex_live(t) for t in [main.text] + [p.text for p in parts]]
        names = [n.strip() for t in texts for m in _TEX_BIB_RE.finditer(t) for n in m.group("names").split(",")
                 if n.strip()] or _class_bibs(folder, root)
        syntax = "latex"
    else:
        names = _yaml_bibs(main.text) or (_metadata_bibs(folder, root) if suffix in (".md", ".markdown") else [])
        syntax = "pandoc" if names else "text"
    bibs: list[SourceText] = []
    entries = 0
    for name in names[:MAX_INCLUDES]:
        bib = folder / (name if name.endswith(".bib") else f"{name}.bib")
        refused = _outside(bib, root)
        if refused:
            notes.append(f"the bibliography {name[:200]!r} named in the manuscript {refused}; not read")
            continue
        if not _exists(bib) and _exists(folder / f"{Path(path).stem}.bib"):
            # A bibliography renamed along with the manuscript (paper.md + paper.bib → x.md + x.bib)
            notes.append(f"the bibliography {bib.name} named in the manuscript is missing; "
                         f"{Path(path).stem}.bib next to it was read instead")
            bib = folder / f"{Path(path).stem}.bib"
        try:
            read = read_source(bib, max_lines=None)
        except IngestError as exc:
            notes.append(f"the bibliography {bib.name} cannot be read ({exc}); keyed citations were not checked")
            continue
        entries += len(_BIB_ENTRY_RE.findall(read.text))
        if entries > MAX_BIB_ENTRIES:
            notes.append(f"the bibliography {bib.name} was not read: the .bib files have more than "
                         f"{MAX_BIB_ENTRIES} entries in all (the limit); keyed citations were not checked")
            break
        bibs.append(read)
    return Project(main, tuple(bibs), syntax, tuple(notes), tuple(parts))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name longer than the file system allows
        return False


def _includes(main: SourceText, folder: Path, root: Path, notes: list[str]) -> list[SourceText]:
    """Files named by \\input / \\include / \\import / \\subimport, depth first, each once; a
    missing one is noted, and none outside ``root`` is read."""
    seen = {Path(main.path).resolve()}
    out: list[SourceText] = []
    considered = [0]
    lines = [line_count(main.text)]  # of the manuscript and the files read so far: MAX_LINES in all

    def named(source: SourceText, base: Path) -> list[tuple[Path, Path]]:
        """(file, the folder its own \\input names are relative to) for each inclusion, in order."""
        text = _tex_live(source.text)
        found: list[tuple[int, Path, Path]] = []
        for m in _TEX_INPUT_RE.finditer(text):
            found.append((m.start(), base / (m.group("a") or m.group("b") or "").strip(), base))
        for m in _TEX_IMPORT_RE.finditer(text):
            # \import{dir}{file} is relative to the main folder, \subimport{dir}{file} to this file's
            where = (base if m.group("sub") else folder) / m.group("dir").strip()
            found.append((m.start(), where / m.group("file").strip(), where))
        return [(path, where) for _, path, where in sorted(found, key=lambda x: x[0])]

    def visit(source: SourceText, base: Path) -> None:
        for raw, where in named(source, base):
            considered[0] += 1
            if considered[0] > MAX_INCLUDES:
                return  # at most MAX_INCLUDES names looked at, read or not: notes stay few too
            path = raw if raw.suffix == ".tex" or not raw.name else raw.with_name(f"{raw.name}.tex")
            refused = _outside(path, root)
            if refused:
                notes.append(f"the file {str(raw)[-200:]!r} named by \\input / \\include in "
                             f"{Path(source.path).name} {refused}; not read")
                continue
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            if not _exists(path) and raw.suffix.lower() in _FIGURE_SUFFIXES:
                continue  # a plot or drawing exported for \\input (relu.pgf, fig.pdf_tex): no citations in it
            if not _exists(path):
                notes.append(f"the file {path.name} named by \\input / \\include in {Path(source.path).name} is "
                             "missing; its citations were not checked")
                continue
            try:
                part = read_source(path, max_lines=MAX_LINES - lines[0])
            except TooManyLines:
                notes.append(f"{path.name}: the manuscript and the files it names would have more than {MAX_LINES} "
                             "lines of text (the limit); not read, its citations were not checked")
                continue
            except IngestError as exc:
                notes.append(f"{exc}; its citations were not checked")
                continue
            lines[0] += line_count(part.text)
            out.append(part)
            visit(part, where)

    visit(main, folder)
    return out
