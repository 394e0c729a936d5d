"""The office's library of editions: a folder of files, described by an optional ``library.toml``::

    [[source]]
    file = "mengzi.txt"        # relative to the library folder (a file outside it is refused)
    title = "孟子"              # matched to the entry's title (folded, without its volume)
    authors = ["孟轲"]
    volume = "1"               # when the entry names a volume (第1卷), only this source is that volume
    year = 2010                # when the entry gives another year (or edition), it cites another printing
    edition = "2"
    first_page = 1             # the printed number of the file's first page (else: read from the file)

PDF with a text layer (pages as printed: the PDF's page labels, else the page number in its running
head or foot), plain text with form feeds between pages as ``pdftotext`` writes it (the running
head's number read the same way), and text, HTML or EPUB without pages (wording only). Without a
catalogue every such file of the folder is a source titled by its PDF metadata, else its file name.
"""

from __future__ import annotations

import bisect
import hashlib
import tomllib
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from citeguard.ingest import IngestError, read_source
from citeguard.ingest.folio import folio, page_labels
from citeguard.quotes.fold import fold
from citeguard.quotes.index import EditionIndex, Stored

MAX_SOURCES = 500  # files of one library read
MAX_SOURCE_BYTES = 50 * 1024 * 1024  # one edition's file (and one EPUB's text, unpacked)
MAX_PAGES = 5000  # pages of one edition
MAX_EPUB_PARTS = 2000  # files of one EPUB read
CHUNK = 4000  # characters of a text without pages kept as one piece
SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".xhtml", ".epub")
READER = 2  # bump when a reader changes what it makes of a file (the index keys by file hash and this)


class LibraryError(Exception):
    """The library folder or its catalogue cannot be read; the message is one line."""


@dataclass(frozen=True, slots=True)
class Source:
    """One edition of the library (or one cited web page): its pages as printed and as folded."""

    file: str  # the library file's name, or the page's URL
    title: str
    authors: tuple[str, ...]
    volume: str
    labels: tuple[str, ...]  # the printed number of each page ("" for a text without pages)
    printed: tuple[str, ...]
    pages: tuple[str, ...]  # folded (quotes.fold)
    paged: bool
    key: str = ""  # the index's key: the file's hash
    year: str = ""  # the printing's year and edition, when the catalogue gives them
    edition: str = ""
    text: str = field(default="", repr=False)  # the folded pages joined, to find a passage across a break
    starts: tuple[int, ...] = field(default=(), repr=False)  # where each page starts in ``text``

    @classmethod
    def made(cls, file: str, title: str, stored: Stored, *, authors: tuple[str, ...] = (), volume: str = "",
             key: str = "", year: str = "", edition: str = "") -> Source:
        starts, at = [], 0
        for page in stored.folded:
            starts.append(at)
            at += len(page)
        return cls(file, title, authors, volume, stored.labels, stored.printed, stored.folded,
                   any(stored.labels), key, year, edition, "".join(stored.folded), tuple(starts))

    def page_at(self, offset: int) -> int:
        """The index of the page holding ``offset`` of the joined text."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def label(self, index: int) -> str:
        """The printed number of page ``index``."""
        return self.labels[index] if 0 <= index < len(self.labels) and self.labels[index] else str(index + 1)

    def pages_labelled(self, number: str) -> list[int]:
        """The indexes of the pages printed with this number (a roman folio too)."""
        return [i for i, lab in enumerate(self.labels) if lab == number]


def load_library(folder: Path, index: EditionIndex | None = None) -> list[Source]:
    """The editions of ``folder`` (its library.toml, else every file it can read); LibraryError when
    it cannot be read.  Each file is read once: the index keeps it under its hash."""
    if not folder.is_dir():
        raise LibraryError(f"{folder}: the library is not a folder")
    index = index or EditionIndex(None)
    catalogue = folder / "library.toml"
    try:
        entries = tomllib.loads(catalogue.read_text(encoding="utf-8")).get("source", []) if catalogue.exists() else [
            {"file": p.name} for p in sorted(folder.iterdir())[:10 * MAX_SOURCES]
            if p.suffix.lower() in SUFFIXES and p.is_file()][:MAX_SOURCES]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LibraryError(f"{catalogue}: cannot be read ({exc})") from None
    if not isinstance(entries, list):
        raise LibraryError(f"{catalogue}: [[source]] tables expected")
    root = folder.resolve()
    sources = []
    for entry in entries[:MAX_SOURCES]:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise LibraryError(f"{catalogue}: every [[source]] needs a file")
        path = (folder / entry["file"]).resolve()
        if not path.is_relative_to(root):
            raise LibraryError(f"{catalogue}: {entry['file']} is outside the library folder; not read")
        sources.append(_source(path, entry, index))
    return sources


def _source(path: Path, entry: dict[str, Any], index: EditionIndex) -> Source:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise LibraryError(f"{path}: larger than {MAX_SOURCE_BYTES} bytes; not read")
        data = path.read_bytes()
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    first = entry.get("first_page")
    key = f"{READER}:{hashlib.sha256(data).hexdigest()}:{first if isinstance(first, int) else ''}"
    stored = index.get(key)
    if stored is None:
        stored = _read(path, data, first if isinstance(first, int) else None)
        index.put(key, stored)
    authors = entry.get("authors", ())
    return Source.made(path.name, str(entry.get("title") or stored.title or path.stem), stored,
                       authors=tuple(str(a) for a in authors) if isinstance(authors, list) else (),
                       volume=str(entry.get("volume") or ""), key=key, year=str(entry.get("year") or ""),
                       edition=str(entry.get("edition") or ""))


def _read(path: Path, data: bytes, first_page: int | None) -> Stored:
    suffix = path.suffix.lower()
    folios: tuple[str, ...] = ()
    declared: tuple[str, ...] | None = None
    title = ""
    if suffix == ".pdf":
        try:  # its text layer, a page at a time, running heads dropped (their page numbers kept)
            read = read_source(path, max_pages=MAX_PAGES, max_lines=None)
        except IngestError as exc:
            raise LibraryError(str(exc)) from None
        pages = read.text.rstrip().split("\f")
        folios, (declared, title) = read.folios, _pdf_labels_and_title(path)
    elif suffix in (".html", ".htm", ".xhtml"):
        pages = [html_text(_decoded(data))]
    elif suffix == ".epub":
        pages = [_epub_text(path)]
    else:
        pages, folios = _text_pages(_decoded(data))
    pages = pages[:MAX_PAGES]
    if first_page is not None:  # the catalogue says: it is the office's word
        labels = tuple(str(first_page + i) for i in range(len(pages)))
    elif declared is not None and len(declared) >= len(pages):
        labels = declared[:len(pages)]
    else:
        labels = page_labels(folios[:len(pages)]) or tuple(str(1 + i) for i in range(len(pages)))
    if len(pages) == 1:  # wording only: kept in pieces, so that a search for near wording reads a few
        return replace(unpaged(pages[0]), title=title)
    return Stored(labels, tuple(pages), tuple(fold(p) for p in pages), title)


def unpaged(text: str) -> Stored:
    """A text without pages, in pieces of about CHUNK characters cut at line ends (labels "")."""
    pieces: list[str] = []
    start = 0
    while start < len(text) and len(pieces) < MAX_PAGES:
        end = text.rfind("\n", start + CHUNK // 2, start + CHUNK) if len(text) - start > CHUNK else len(text)
        end = end + 1 if end > start else min(len(text), start + CHUNK)
        pieces.append(text[start:end])
        start = end
    pieces = pieces or [""]
    return Stored(("",) * len(pieces), tuple(pieces), tuple(fold(p) for p in pieces))


def web_source(url: str, text: str, title: str = "", key: str = "") -> Source:
    """A cited web page as a source: its visible text, wording only (``key``: where the index keeps it)."""
    return Source.made(url, title or url, unpaged(text), key=key)


def _decoded(data: bytes) -> str:
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _text_pages(text: str) -> tuple[list[str], tuple[str, ...]]:
    """A text's pages (form feeds between them) without their running heads and page numbers, and
    the number each prints."""
    pages = text.rstrip("\f\n ").split("\f")
    if len(pages) == 1:
        return pages, ()
    folios = []
    kept = []
    for page in pages:
        lines = page.split("\n")
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        head, foot = filled[:2], filled[-2:]
        number = folio([lines[i] for i in head], [lines[i] for i in foot])
        folios.append(number)
        if number:  # the lines at the edges that print the number (or a running head with it) go
            drop = {i for i in (*head, *foot) if folio([lines[i]], []) == number}
            lines = [ln for i, ln in enumerate(lines) if i not in drop]
        kept.append("\n".join(lines))
    return kept, tuple(folios)


def _pdf_labels_and_title(path: Path) -> tuple[tuple[str, ...] | None, str]:
    """The page labels a PDF declares (its printed numbers: "i", "ii", "1" …; None when it has none)
    and the title its metadata gives ("" when none)."""
    labels: list[str] | None = None
    title = ""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFNoPageLabels

        with pdfplumber.open(path) as pdf:
            value = pdf.metadata.get("Title")
            title = value.strip()[:200] if isinstance(value, str) else ""
            try:
                labels = []
                for label in pdf.doc.get_page_labels():
                    labels.append(str(label))
                    if len(labels) >= len(pdf.pages) or len(labels) >= MAX_PAGES:
                        break
            except PDFNoPageLabels:
                labels = None
    except Exception:  # a damaged label tree or metadata costs them, never the library
        return None, title
    return (tuple(labels) if labels is not None else None), title


def html_text(html: str) -> str:
    """The text of an HTML or XHTML file (scripts, styles and markup left out; never interpreted)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text("\n")


def _epub_text(path: Path) -> str:
    """An EPUB's text: its XHTML files in the order of the package's spine (else in name order),
    each decompressed within the size limit."""
    try:
        with zipfile.ZipFile(path) as book:
            names = [n for n in book.namelist() if n.lower().endswith((".xhtml", ".html", ".htm"))][:MAX_EPUB_PARTS]
            order = _spine(book) or sorted(names)
            parts, size = [], 0
            for name in order:
                if name not in names:
                    continue
                info = book.getinfo(name)
                size += info.file_size
                if size > MAX_SOURCE_BYTES:
                    raise LibraryError(f"{path}: its text is larger than {MAX_SOURCE_BYTES} bytes unpacked; not read")
                with book.open(info) as member:
                    parts.append(html_text(_decoded(member.read(MAX_SOURCE_BYTES))))
            return "\n".join(parts)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise LibraryError(f"{path}: not a readable EPUB ({exc})") from None


def _spine(book: zipfile.ZipFile) -> list[str]:
    """The content files of an EPUB in reading order (its OPF's spine)."""
    from bs4 import BeautifulSoup

    opf = next((n for n in book.namelist() if n.lower().endswith(".opf")), None)
    if opf is None or book.getinfo(opf).file_size > MAX_SOURCE_BYTES:
        return []
    soup = BeautifulSoup(book.read(opf), "html.parser")
    base = PurePosixPath(opf).parent
    hrefs = {item.get("id"): item.get("href") for item in soup.find_all("item")}
    order = []
    for ref in soup.find_all("itemref")[:MAX_EPUB_PARTS]:
        href = hrefs.get(ref.get("idref"))
        if isinstance(href, str):
            order.append(str(base / href) if str(base) != "." else href)
    return order
