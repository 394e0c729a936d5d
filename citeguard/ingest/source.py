"""Read a manuscript file into text, keeping a map back to the user's lines and columns.

The text handed to the parser differs from the file only in ways that do not move a character
to another line or column: a byte-order mark is dropped and CRLF / CR line ends become LF.  So a
position in the text is turned back into (line, column) of the original file by counting line
starts, which :class:`SourceText` precomputes once.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
from pathlib import Path

from charset_normalizer import from_bytes

from citeguard.ingest.sourcetext import MAX_LINES, IngestError, SourceText, check_lines

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".tex", ".bib", ".docx", ".pdf"})
# What a file is, from its first bytes (the extension is only a hint): readers and refusals.
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_REFUSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word .doc (or other OLE) file: save it as .docx"),
    (b"{\\rtf", "an RTF file: save it as .docx"),
    (b"\x89PNG", "a PNG image, not a manuscript"),
    (b"\xff\xd8\xff", "a JPEG image, not a manuscript"),
)
STDIN = "-"  # the path that names standard input
MAX_BYTES = 50 * 1024 * 1024  # a manuscript larger than this is not a manuscript

# Byte-order marks, longest first so UTF-32 is not mistaken for UTF-16.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Decode manuscript bytes; returns (text, encoding name).

    A BOM decides outright.  Otherwise strict UTF-8 is tried first (most files are UTF-8 and
    detectors sometimes call short UTF-8 Chinese text something else), then charset-normalizer,
    whose guess is accepted only if it decodes cleanly.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise IngestError(f"file starts with a {name} byte-order mark but is not {name}: "
                                  f"{exc.reason} at byte {exc.start}") from None
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise IngestError("file looks binary (NUL bytes), not a text manuscript")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise IngestError("cannot detect the text encoding (not UTF-8, GB18030 or UTF-16)")
    best = matches[0]
    # Short Chinese texts fit GB18030, CP949 and Shift-JIS equally well; citeguard reads Chinese
    # manuscripts, so among the equally good guesses the Chinese encoding wins.
    chinese = next((m for m in matches if m.encoding in ("gb18030", "gbk", "gb2312")
                    and m.chaos <= best.chaos + 0.01), None)
    encoding = (chinese or best).encoding
    # GBK and GB2312 are subsets of GB18030: decoding with the superset never loses characters.
    if encoding.lower().replace("_", "").replace("-", "") in {"gbk", "gb2312", "cp936", "hz"}:
        encoding = "gb18030"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise IngestError(f"file does not decode as its detected encoding {encoding}") from None


def _looks_utf16(data: bytes) -> bool:
    """BOM-less UTF-16 has a NUL in every other byte of ASCII text."""
    sample = data[:4096]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 4
                                 or sample[0::2].count(0) > len(sample) // 4)


def read_bounded(file: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; IngestError for anything else.

    Opened non-blocking and checked with fstat on the open descriptor, so a FIFO cannot hang the
    run and a device (/dev/zero, /dev/random behind a symlink) is refused before a byte is read;
    reading stops one byte past the limit whatever the file claims its size is."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise IngestError(f"{file}: no such file") from None
    except OSError as exc:
        raise IngestError(f"{file}: cannot read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(f"{file}: is a directory, not a manuscript file")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"{file}: not a regular file (a device, FIFO or socket); not read")
        if info.st_size > limit:
            raise IngestError(f"{file}: {info.st_size} bytes is larger than the {limit} byte limit")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise IngestError(f"{file}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise IngestError(f"{file}: more than the {limit} byte limit")
    return b"".join(chunks)


def read_source(path: str | Path, *, max_pages: int | None = None, max_lines: int | None = MAX_LINES
                ) -> SourceText:
    """Read and decode a manuscript file, raising :class:`IngestError` with a one-line reason
    (also for more than ``max_lines`` lines: None for a .bib file, whose entries are counted).

    The reader is chosen by content: a zip with word/document.xml is a .docx, "%PDF-" a PDF,
    whatever the file is called; a .docx or .pdf name on something else is an error."""
    file = Path(path)
    suffix = file.suffix.lower()
    if str(path) == STDIN:  # "-": the manuscript piped in (text, or a .docx/PDF told by its bytes)
        file, suffix = Path("<stdin>"), ".txt"
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise IngestError(f"<stdin>: more than the {MAX_BYTES} byte limit")
    else:
        data = read_bounded(file)
    if not data.strip():
        raise IngestError(f"{file}: file is empty")
    if data.startswith(_ZIP_MAGIC):
        from citeguard.ingest.docx import read_docx

        return read_docx(data, str(file))
    # A PDF starts with %PDF- (readers accept junk before it within the first KiB, so a .pdf may
    # too); a text file that merely mentions "%PDF-1.7" stays text.
    if data.startswith(_PDF_MAGIC) or (suffix == ".pdf" and _PDF_MAGIC in data[:1024]):
        from citeguard.ingest.pdf import read_pdf

        pdf = read_pdf(data, str(file)) if max_pages is None else read_pdf(data, str(file), max_pages=max_pages)
        if max_lines is not None:  # (its characters are bounded by the PDF limits already)
            check_lines(pdf.text, str(file), max_lines)
        return pdf
    for magic, what in _REFUSED_MAGIC:
        if data.startswith(magic):
            raise IngestError(f"{file}: {what}")
    if suffix in (".docx", ".pdf"):
        raise IngestError(f"{file}: named {suffix} but its content is not a "
                          f"{'Word .docx (zip) file' if suffix == '.docx' else 'PDF'}")
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"{file}: unsupported file type {file.suffix or '(none)'!r}; "
                          f"citeguard reads {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    try:
        text, encoding = decode(data)
    except IngestError as exc:
        raise IngestError(f"{file}: {exc}") from None
    if "\x00" in text:
        raise IngestError(f"{file}: file looks binary (NUL characters), not a text manuscript")
    if not text.strip("\ufeff \t\r\n\f\v"):  # a byte-order mark alone is an empty file too
        raise IngestError(f"{file}: file is empty")
    if max_lines is not None:
        check_lines(text, str(file), max_lines)
    return SourceText.from_text(text, path=str(file), encoding=encoding,
                                sha256=hashlib.sha256(data).hexdigest())
