"""Where a manuscript's bibliography is, and which files of its folder may be read: the .bib files
a Pandoc paper names (its YAML header, or a metadata file beside it), a LaTeX paper names
(\\bibliography, \\addbibresource — in the text, or in a thesis class beside it), or, when it names
none it can be found by, the .bib files of its folder that define the keys it cites.  Nothing outside
the manuscript's folder tree is read."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from pathlib import Path

from citeguard.texsource import blank_spans, tex_switched_off

# YAML front matter: bibliography: paper.bib   or   bibliography: [a.bib, b.bib]   or a "- item" list
_YAML_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
# A YAML comment after a value: a # after a space, to the end of the line
_YAML_COMMENT_RE = re.compile(r"(?:^|[ \t])#[^\n]*$")
_YAML_BIB_RE = re.compile(r"^bibliography:[ \t]*(?P<value>.*)$", re.MULTILINE)
_YAML_ITEM_RE = re.compile(r"^[ \t]+-[ \t]*(?P<item>\S.*)$", re.MULTILINE)
# LaTeX: \bibliography{refs,more}  \addbibresource{refs.bib}
#   (arguments bounded, so that thousands of unclosed "\bibliography{" do not each scan to the end)
TEX_BIB_RE = re.compile(r"\\(?:bibliography|addbibresource)(?:\[[^\]]{0,300}\])?\{(?P<names>[^}]{0,2000})\}")
_TEX_COMMENT_RE = re.compile(r"(?<!\\)%[^\n]*")
# A citation's keys, for choosing among .bib files only: \cite{a,b}  \citep[p.~5]{a}  \inlinecite{a}
_CITED_KEYS_RE = re.compile(r"\\[A-Za-z]{0,20}cite[A-Za-z]{0,10}\*?(?:\[[^\]]{0,300}\]){0,2}\{(?P<keys>[^{}\\]{1,5000})\}")
# A .bib entry's key: @article{smith2020,
_BIB_KEY_RE = re.compile(r"@[A-Za-z]{1,30}\s*[{(]\s*(?P<key>[^,\s{}()]{1,200})\s*,")
MAX_BIB_FILES = 30  # .bib files of a folder tree looked at when the manuscript names none
MAX_BIB_BYTES = 20_000_000  # a .bib file larger than this is not looked into
MAX_DEPTH = 4  # folders below the manuscript's looked into for them


def yaml_bibs(text: str) -> list[str]:
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


def metadata_bibs(folder: Path, root: Path) -> list[str]:
    """The bibliography a metadata file beside the manuscript names ("bibliography: references.bib")."""
    for name in _METADATA_FILES:
        path = folder / name
        text = _read_small(path, root, MAX_METADATA_BYTES) if exists(path) else None
        if text is None:
            continue
        found = yaml_bibs(f"---\n{text}\n---\n")
        if found:
            return found
    return []


MAX_CLASS_BYTES = 500_000  # a class or package file beside the manuscript larger than this is not read
MAX_CLASS_FILES = 20


def class_bibs(folder: Path, root: Path) -> list[str]:
    """The bibliography a thesis class or package file beside the manuscript names, when the
    manuscript names none itself (sysuthesis.cls's \\makereferences runs \\bibliography{main})."""
    try:
        found = sorted(p for p in folder.iterdir() if p.suffix in (".cls", ".sty"))[:MAX_CLASS_FILES]
    except OSError:
        return []
    for path in found:
        text = _read_small(path, root, MAX_CLASS_BYTES)
        if text is None:
            continue
        names = [n.strip() for m in TEX_BIB_RE.finditer(tex_live(text)) for n in m.group("names").split(",")
                 if n.strip() and "#" not in n]
        if names:
            return names
    return []


def tex_live(text: str) -> str:
    """A LaTeX file without its comments and its \\iffalse … \\fi blocks: what TeX reads."""
    text = _TEX_COMMENT_RE.sub("", text)
    return blank_spans(text, tex_switched_off(text))


def outside(path: Path, root: Path) -> str | None:
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


def exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name longer than the file system allows
        return False




# A thesis class's key-value option naming the bibliography: bibliography = {refs}
# bib-resource = {src/ref.bib}  bibResource={a.bib, b.bib}  (fduthesis, ecnuthesis, whu-thesis …)
_BIB_OPTION_RE = re.compile(r"\b(?:bibliography|bib-?resource|bibResource|bibfiles?|bib-?file)\s*=\s*"
                            r"(?:\{(?P<braced>[^{}\n]{1,500})\}|(?P<bare>[^,\]\s{}]{1,200}))")


def option_bibs(folder: Path, root: Path, texts: Iterable[str]) -> list[str]:
    """The .bib files a class option of the manuscript names, those that exist in its folder."""
    names = []
    for text in texts:
        for m in itertools.islice(_BIB_OPTION_RE.finditer(text), 50):
            names += [n.strip() for n in (m.group("braced") or m.group("bare") or "").split(",") if n.strip()]
    found = []
    for name in dict.fromkeys(names):
        path = folder / (name if name.endswith(".bib") else f"{name}.bib")
        if exists(path) and not outside(path, root) and path.is_file():
            found.append(path.relative_to(folder).as_posix())
    return found


def bibs_defining_cited(folder: Path, root: Path, texts: Iterable[str]) -> list[str]:
    """The .bib files of the manuscript's folder tree that define keys it cites, most first —
    for a LaTeX thesis whose class loads its bibliography by an option or a macro of its own
    (fduthesis's bib-resource=, ecnuthesis's bibResource=, \\xjtubib{…}, \\thesisbib{…})."""
    texts = list(texts)
    if any("thebibliography" in text for text in texts):
        return []  # the list is typed in the manuscript (\bibitem): no .bib is printed
    cited = {k.strip() for text in texts for m in _CITED_KEYS_RE.finditer(text) for k in m.group("keys").split(",")}
    cited.discard("")
    if not cited:
        return []
    scored: list[tuple[int, str]] = []
    for path in itertools.islice(_bib_files(folder, root), MAX_BIB_FILES):
        text = _read_small(path, root, MAX_BIB_BYTES)
        if text is None:
            continue
        defined = {m.group("key") for m in _BIB_KEY_RE.finditer(text)}
        hits = len(cited & defined)
        if hits:
            scored.append((hits, path.relative_to(folder).as_posix()))
    return [name for _, name in sorted(scored, key=lambda s: (-s[0], s[1]))]


def _bib_files(folder: Path, root: Path) -> Iterable[Path]:
    """.bib files below ``folder`` (not in hidden folders, at most MAX_DEPTH deep, none outside ``root``)."""
    stack = [(folder, 0)]
    while stack:
        here, depth = stack.pop()
        try:
            children = sorted(here.iterdir())
        except OSError:
            continue
        for child in children:
            if child.name.startswith(".") or outside(child, root):
                continue
            if child.is_dir() and depth < MAX_DEPTH and not child.is_symlink():
                stack.append((child, depth + 1))
            elif child.suffix.lower() == ".bib" and child.is_file():
                yield child


def _read_small(path: Path, root: Path, limit: int) -> str | None:
    """A regular file's text inside ``root`` of at most ``limit`` bytes, or None (too large, outside,
    not a file, unreadable)."""
    try:
        if outside(path, root) or not path.is_file() or path.stat().st_size > limit:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
