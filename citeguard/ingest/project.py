"""A manuscript and the files it names: the .bib files of a Pandoc Markdown paper (YAML
``bibliography:``) or of a LaTeX paper (``\\bibliography{…}``, ``\\addbibresource{…}``)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from citeguard.ingest.bibfind import (
    TEX_BIB_RE,
    bibs_defining_cited,
    class_bibs,
    exists,
    metadata_bibs,
    option_bibs,
    outside,
    tex_live,
    yaml_bibs,
)
from citeguard.ingest.source import STDIN, read_source
from citeguard.ingest.sourcetext import MAX_LINES, IngestError, SourceText, TooManyLines, line_count

# LaTeX import package: \import{chapters/clicknp/}{main}  \subimport*{sec/}{intro}
_TEX_IMPORT_RE = re.compile(r"\\(?P<sub>sub)?(?:import|inputfrom|includefrom)\*?"
                            r"\{(?P<dir>[^}]{0,500})\}\{(?P<file>[^}]{1,500})\}")
# Figures exported as TeX code to be \\input: PGF/TikZ plots, Inkscape and xfig overlays, data tables
_FIGURE_SUFFIXES = frozenset({".pgf", ".tikz", ".pdf_tex", ".eps_tex", ".pstex_t", ".pdftex_t", ".dat", ".csv"})
# LaTeX: \input{chapters/intro}  \include{ch2}  (not after a % comment sign)
MAX_LISTED = 2000  # names of one folder looked at for a file named in another case
_TEX_INPUT_RE = re.compile(r"\\(?:input|include)(?:\{(?P<a>[^}]{1,500})\}|[ \t]+(?P<b>[\w./-]{1,500}))")
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
        texts = [tex_live(t) for t in [main.text] + [p.text for p in parts]]
        names = [n.strip() for t in texts for m in TEX_BIB_RE.finditer(t) for n in m.group("names").split(",")
                 if n.strip()] or class_bibs(folder, root) or option_bibs(folder, root, texts) \
            or bibs_defining_cited(folder, root, texts)
        syntax = "latex"
    else:
        names = yaml_bibs(main.text) or (metadata_bibs(folder, root) if suffix in (".md", ".markdown") else [])
        syntax = "pandoc" if names else "text"
    bibs: list[SourceText] = []
    entries = 0
    for name in names[:MAX_INCLUDES]:
        bib = folder / (name if name.endswith(".bib") else f"{name}.bib")
        refused = outside(bib, root)
        if refused:
            notes.append(f"the bibliography {name[:200]!r} named in the manuscript {refused}; not read")
            continue
        if not exists(bib) and exists(folder / f"{Path(path).stem}.bib"):
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


def _includes(main: SourceText, folder: Path, root: Path, notes: list[str]) -> list[SourceText]:
    """Files named by \\input / \\include / \\import / \\subimport, depth first, each once; a
    missing one is noted, and none outside ``root`` is read."""
    seen = {Path(main.path).resolve()}
    out: list[SourceText] = []
    considered = [0]
    lines = [line_count(main.text)]  # of the manuscript and the files read so far: MAX_LINES in all

    def named(source: SourceText, base: Path) -> list[tuple[Path, Path]]:
        """(file, the folder its own \\input names are relative to) for each inclusion, in order."""
        text = tex_live(source.text)
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
            if any(ch in str(raw) for ch in "#\\"):
                continue  # "\input{includes/#1.tex}" in a macro, "chap\i\j" in a loop: a name made when TeX runs
            path = raw if raw.suffix == ".tex" or not raw.name else raw.with_name(f"{raw.name}.tex")
            if not exists(path) and raw.name and exists(raw):
                continue  # "\input{setup.def}": read by TeX as written, a class's setup rather than text
            if not exists(path) and (other := _other_case(path)) is not None:
                path = other  # "\include{tex/Appli}" and tex/appli.tex: one file where names ignore case
            refused = outside(path, root)
            if refused:
                notes.append(f"the file {str(raw)[-200:]!r} named by \\input / \\include in "
                             f"{Path(source.path).name} {refused}; not read")
                continue
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            if not exists(path) and raw.suffix.lower() in _FIGURE_SUFFIXES:
                continue  # a plot or drawing exported for \\input (relu.pgf, fig.pdf_tex): no citations in it
            if not exists(path):
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
                if not _blank(path):  # an empty chapter (acknowledgements to come) holds no citation to check
                    notes.append(f"{exc}; its citations were not checked")
                continue
            lines[0] += line_count(part.text)
            out.append(part)
            visit(part, where)

    visit(main, folder)
    return out


def _other_case(path: Path) -> Path | None:
    """The file of the folder whose name is ``path``'s but for its case, if there is one (Windows and
    macOS, where most theses are written, do not tell them apart)."""
    try:
        folder = path.parent
        if not folder.is_dir():
            return None
        wanted = path.name.lower()
        return next((p for p in itertools.islice(folder.iterdir(), MAX_LISTED) if p.name.lower() == wanted), None)
    except OSError:
        return None


def _blank(path: Path) -> bool:
    """Is the file empty or only white space (a byte-order mark included)?"""
    try:
        return path.stat().st_size <= 4096 and not path.read_bytes().strip(b"\xef\xbb\xbf \t\r\n\f\v")
    except OSError:
        return False
