"""What a PDF may cost to read. pdfminer (pdfplumber's engine) inflates streams without a size
limit, falls back to a byte-at-a-time (quadratic) inflate on a bad checksum, and draws nested
forms as often as they are referenced: a 7 KB file inflated to 4 GB, a 2 KB one of forms drawing
forms took minutes. These caps are installed into pdfminer once per process (it has no options
for them) and each refusal names its limit (docs/security.md).

Measured for scale: a real page decodes to at most ~200 KB of content, the bundled paper's
densest to 77 KB; a CJK font program is 10–20 MB.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Sequence
from typing import Any

MAX_STREAM = 32 * 1024 * 1024  # decoded bytes of one stream (a font, an image, a page's content)
# Interpreting content costs ~2 s per MB of operators and ~25 µs per character drawn, so the
# document caps (per reading process: up to four read a long PDF's pages in parallel) keep the
# worst file to seconds; real pages stay far below (a dense page: ~200 KB, ~5,000 characters).
MAX_PAGE_CONTENT = 1024 * 1024  # content bytes interpreted for one page, each form counted each time drawn
MAX_DOC_CONTENT = 4 * 1024 * 1024  # content bytes interpreted for the document, per reading process
MAX_PAGE_CHARS = 12_000  # characters drawn on one page
MAX_DOC_CHARS = 200_000  # characters drawn in the document, per reading process
_FORM_COST = 4096  # the least a drawn form costs, so that nesting tiny forms cannot multiply for free
_CHUNK = 64 * 1024


class PdfLimit(Exception):
    """The PDF would cost more than a limit; the message names it."""


def bounded_inflate(data: bytes, cap: int = MAX_STREAM) -> bytes:
    """zlib inflate that stops at ``cap`` output bytes. The 4-byte checksum goes in last and alone,
    so a damaged checksum loses nothing (and pdfminer's quadratic fallback is never needed)."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    total = 0
    body = max(0, len(data) - 4)
    try:
        for start in range(0, body, _CHUNK):
            chunk = inflater.decompress(data[start:min(start + _CHUNK, body)], cap - total + 1)
            total += len(chunk)
            out.append(chunk)
            if total > cap or inflater.unconsumed_tail:
                raise PdfLimit(f"a compressed stream inflates to more than {cap} bytes (the limit)")
        tail = inflater.decompress(data[body:], cap - total + 1)
        total += len(tail)
        if total > cap or inflater.unconsumed_tail:
            raise PdfLimit(f"a compressed stream inflates to more than {cap} bytes (the limit)")
        out.append(tail)
        out.append(inflater.flush())
    except zlib.error:
        pass  # damaged from here on: keep what inflated, as pdfminer's own fallback does
    return b"".join(out)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside pdfminer.pdftypes (all it uses is below)."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    decompress = staticmethod(bounded_inflate)


def _capped_runlength(original: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def rldecode(data: bytes) -> bytes:
        # Two bytes may become 128, and pdfminer builds a list of ints first (~60 bytes each).
        if len(data) * 64 > MAX_STREAM:
            raise PdfLimit(f"a RunLength stream may decode to more than {MAX_STREAM} bytes (the limit)")
        return original(data)
    return rldecode


def _capped_lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    total = 0
    for block in LZWDecoder(io.BytesIO(data)).run():
        total += len(block)
        if total > MAX_STREAM:
            raise PdfLimit(f"an LZW stream decodes to more than {MAX_STREAM} bytes (the limit)")
        out.append(block)
    return b"".join(out)


class _Budget:
    page = MAX_PAGE_CONTENT
    document = MAX_DOC_CONTENT
    chars = MAX_PAGE_CHARS
    document_chars = MAX_DOC_CHARS


def start_document() -> None:
    """A new document (in this process) gets the whole document budget again."""
    _Budget.document = MAX_DOC_CONTENT
    _Budget.document_chars = MAX_DOC_CHARS


_installed = False


def install() -> None:
    """Put the caps into pdfminer (once per process; a no-op afterwards)."""
    global _installed
    if _installed:
        return
    import pdfminer.pdftypes as pdftypes
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value

    # The names PDFStream.decode looks up in its module: zlib (FlateDecode), rldecode, lzwdecode.
    names = vars(pdftypes)
    names.update(zlib=_BoundedZlib, rldecode=_capped_runlength(names["rldecode"]), lzwdecode=_capped_lzw)
    process_page = PDFPageInterpreter.process_page
    render_contents = PDFPageInterpreter.render_contents

    render_char = PDFLayoutAnalyzer.render_char

    def page_with_budget(self: Any, page: Any) -> None:
        _Budget.page = MAX_PAGE_CONTENT
        _Budget.chars = MAX_PAGE_CHARS
        process_page(self, page)

    def counted_char(self: Any, *args: Any, **kw: Any) -> Any:
        _Budget.chars -= 1
        _Budget.document_chars -= 1
        if _Budget.chars < 0:
            raise PdfLimit(f"a page draws more than {MAX_PAGE_CHARS} characters (the limit)")
        if _Budget.document_chars < 0:
            raise PdfLimit(f"the pages draw more than {MAX_DOC_CHARS} characters (the limit)")
        return render_char(self, *args, **kw)

    def contents_with_budget(self: Any, resources: Any, streams: Sequence[object], *args: Any, **kw: Any) -> None:
        # Streams are decoded once and cached by pdfminer; what is charged is drawing them.
        cost = max(_FORM_COST, sum(len(stream_value(s).get_data() or b"") for s in streams))
        _Budget.page -= cost
        _Budget.document -= cost
        if _Budget.page < 0:
            raise PdfLimit(f"a page draws more than {MAX_PAGE_CONTENT} bytes of content, forms included (the limit)")
        if _Budget.document < 0:
            raise PdfLimit(f"the pages draw more than {MAX_DOC_CONTENT} bytes of content (the limit)")
        render_contents(self, resources, streams, *args, **kw)

    PDFPageInterpreter.process_page = page_with_budget  # type: ignore[method-assign]
    PDFPageInterpreter.render_contents = contents_with_budget  # type: ignore[method-assign]
    PDFLayoutAnalyzer.render_char = counted_char  # type: ignore[method-assign]
    _installed = True
