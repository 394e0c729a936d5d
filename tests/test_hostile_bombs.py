"""Small files that cost a lot to read (docs/security.md, "Limits"): each must end within the time
limit and under a gigabyte, as a report or as a one-line refusal that names the limit.

The inputs are generated here, a few kilobytes each; docs/benchmarks.md has the measured times
(``benchmarks/fuzz.py`` runs ten thousand mutated documents the same way)."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

LIMIT_S = 10.0  # the target is 5 s on a developer machine; CI machines are slower
LIMIT_RSS_KB = 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
SUPER = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'
TEXT_P = "<w:p><w:r><w:t>正文（张三，2020）。</w:t></w:r></w:p>"


def write_docx(path: Path, body: str, parts: dict[str, str] | None = None) -> None:
    """A minimal .docx: ``body`` is the content of w:body; ``parts`` maps styles / numbering /
    footnotes to the whole XML of that part."""
    parts = parts or {}
    kinds = {"styles": "styles", "numbering": "numbering", "footnotes": "footnotes"}
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/word/document.xml" ContentType="{CT}document.main+xml"/>'
             + "".join(f'<Override PartName="/word/{p}.xml" ContentType="{CT}{p}+xml"/>' for p in parts)
             + "</Types>")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(f'<Relationship Id="rId{i + 10}" Type="{RT}{kinds[p]}" Target="{p}.xml"/>'
                          for i, p in enumerate(parts)) + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
        for name, xml in parts.items():
            z.writestr(f"word/{name}.xml", xml)


def _footnotes(*notes: str) -> str:
    return (f'<w:footnotes xmlns:w="{W_NS}">'
            + "".join(f'<w:footnote w:id="{i + 1}"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:footnote>'
                      for i, t in enumerate(notes)) + "</w:footnotes>")


def _ref(i: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{i}"/></w:r>'


def _numbering(level_text: str) -> str:
    return (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _styles_chain(n: int) -> str:
    styles = "".join(f'<w:style w:type="character" w:styleId="s{i}"><w:name w:val="s{i}"/>'
                     f'<w:basedOn w:val="s{i + 1}"/></w:style>' for i in range(n))
    return f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'


NUM_P = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>'
BOX_OPEN = "<w:p><w:r><w:t>t</w:t></w:r><w:r><w:pict><w:txbxContent>"
BOX_CLOSE = "</w:txbxContent></w:pict></w:r></w:p>"

DOCX: dict[str, Callable[[Path], None]] = {
    "text boxes nested 16 deep": lambda p: write_docx(
        p, TEXT_P + BOX_OPEN * 16 + "<w:p><w:r><w:t>core</w:t></w:r></w:p>" + BOX_CLOSE * 16),
    "a 20,000-letter word before a raised 1": lambda p: write_docx(
        p, f'<w:p><w:r><w:t xml:space="preserve">{"a" * 20_000} </w:t></w:r>{SUPER}</w:p>'),
    "25,000 manual line breaks in one paragraph": lambda p: write_docx(
        p, "<w:p>" + "<w:r><w:t>word</w:t><w:br/></w:r>" * 25_000 + "</w:p>"),
    "10,000 raised numbers in one paragraph": lambda p: write_docx(
        p, "<w:p>" + f"<w:r><w:t xml:space=\"preserve\">word </w:t></w:r>{SUPER}" * 10_000 + "</w:p>"),
    "a 5,000-style basedOn chain": lambda p: write_docx(p, TEXT_P, {"styles": _styles_chain(5000)}),
    "one 100,000-character note referenced 1,000 times": lambda p: write_docx(
        p, ("<w:p><w:r><w:t>text</w:t></w:r>" + _ref(1) * 10 + "</w:p>") * 100, {"footnotes": _footnotes("注" * 100_000)}),
    "a 20 KB list-number pattern on 1,000 items": lambda p: write_docx(
        p, NUM_P * 1000, {"numbering": _numbering("%1" * 10_000)}),
    "5,000 note references in one paragraph": lambda p: write_docx(
        p, "<w:p><w:r><w:t>text</w:t></w:r>" + "".join(_ref(i) for i in range(1, 5001)) + "</w:p>",
        {"footnotes": _footnotes(*(f"张三.题名{i}[M].北京:出版社,2001:{i}." for i in range(1, 5001)))}),
    "1,200,000 empty paragraphs (refused: element limit)": lambda p: write_docx(p, "<w:p/>" * 1_200_000),
    "a 40 MB document part (refused: part size limit)": lambda p: write_docx(
        p, TEXT_P + "<w:p><w:r><w:t>" + " " * 40_000_000 + "</w:t></w:r></w:p>"),
    "deleted paragraph marks running 100,000 paragraphs together": lambda p: write_docx(
        p, '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t>word </w:t></w:r></w:p>'
        * 100_000),
}


class Pdf:
    """Just enough of a PDF writer: numbered objects, one xref table."""

    def __init__(self) -> None:
        self.objects: dict[int, bytes] = {}

    def add(self, number: int, body: bytes) -> None:
        self.objects[number] = body

    @staticmethod
    def stream(attrs: bytes, data: bytes) -> bytes:
        return b"<< " + attrs + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    def write(self, path: Path) -> None:
        out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offsets = {}
        for number in sorted(self.objects):
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + self.objects[number] + b"\nendobj\n"
        xref = len(out)
        size = max(self.objects) + 1
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for number in range(1, size):
            out += b"%010d 00000 n \n" % offsets.get(number, 0)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
        path.write_bytes(bytes(out))


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(path: Path, contents: list[bytes], xobjects: dict[int, bytes] | None = None, *, xobject_names: bytes = b"",
         filters: bytes = b"") -> None:
    """Pages with the given (already encoded) content streams; ``filters`` on every stream."""
    pdf = Pdf()
    kids = []
    for i, content in enumerate(contents):
        page, stream = 10 + 2 * i, 11 + 2 * i
        kids.append(b"%d 0 R" % page)
        pdf.add(page, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                      b"/Resources << /Font << /F1 3 0 R >> /XObject << %s >> >> >>" % (stream, xobject_names))
        pdf.add(stream, Pdf.stream(filters, content))
    pdf.add(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    pdf.add(2, b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(contents))
    pdf.add(3, FONT)
    for number, body in (xobjects or {}).items():
        pdf.add(number, body)
    pdf.write(path)


def _deflate_spaces(prefix: bytes, size: int) -> bytes:
    """zlib of ``prefix`` and ``size`` spaces, made a megabyte at a time."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    return packer.compress(prefix) + b"".join(packer.compress(block) for _ in range(size >> 20)) + packer.flush()


HELLO = b"BT /F1 12 Tf 72 760 Td (Hello) Tj ET\n"


def _laughs(path: Path, depth: int) -> None:
    """Form XObjects nested ``depth`` deep, each drawing the one below ten times."""
    xobjects = {}
    for level in range(depth):
        number = 100 + level
        inner = b"/X%d Do " % (level + 1) * 10 if level + 1 < depth else b"BT /F1 1 Tf 0 0 Td (ab) Tj ET"
        names = b"/X%d %d 0 R" % (level + 1, number + 1) if level + 1 < depth else b""
        xobjects[number] = Pdf.stream(b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 3 0 R >> "
                                      b"/XObject << " + names + b" >> >>", inner)
    _pdf(path, [HELLO + b"/X0 Do\n"], xobjects, xobject_names=b"/X0 100 0 R")


PDF: dict[str, Callable[[Path], None]] = {
    "a stream deflated twice to 256 MB (refused: stream limit)": lambda p: _pdf(
        p, [zlib.compress(_deflate_spaces(HELLO, 256 << 20), 9)], filters=b"/Filter [/FlateDecode /FlateDecode]"),
    "a 16 MB stream with a broken checksum": lambda p: _pdf(
        p, [zlib.compress(HELLO + b" " * (16 << 20), 9)[:-4] + b"\x00\x00\x00\x00"], filters=b"/Filter /FlateDecode"),
    "forms nested 6 deep, each drawn 10 times (refused: page content limit)": lambda p: _laughs(p, 6),
    "8 MB of path operators (refused: page content limit)": lambda p: _pdf(
        p, [zlib.compress(HELLO + b"0 0 m " * 1_400_000, 9)], filters=b"/Filter /FlateDecode"),
    "150 pages (refused: --max-pages)": lambda p: _pdf(p, [HELLO] * 150),
    "20,000 characters on one page (refused: character limit)": lambda p: _pdf(
        p, [b"BT /F1 1 Tf " + (b"0 -1 Td (" + b"a" * 200 + b") Tj ") * 100 + b"ET"]),
    "an array nested 50,000 deep in the content": lambda p: _pdf(p, [HELLO + b"[" * 50_000 + b"]" * 50_000 + b" Tj"]),
}


def _run(path: Path, out: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "citeguard", "audit", str(path), "--offline", "--no-cache", "-q",
                           "--fail-on", "never", "--formats", "json", "--reports-dir", str(out)],
                          capture_output=True, text=True, check=False, timeout=120)
    return proc, time.perf_counter() - started


def _check(path: Path, tmp_path: Path, refused: bool) -> None:
    proc, seconds = _run(path, tmp_path / "r")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux: the largest child so far
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    assert seconds < LIMIT_S, f"{seconds:.1f} s"
    assert peak < LIMIT_RSS_KB, f"{peak // 1024} MB"
    if refused:
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "limit" in proc.stderr, proc.stderr
    else:
        assert proc.returncode in (0, 2), proc.stderr
        if proc.returncode == 2:  # a clean refusal is allowed, but it must say why in one line
            assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


CASES = [("docx", name) for name in sorted(DOCX)] + [("pdf", name) for name in sorted(PDF)]


@pytest.mark.parametrize(("kind", "case"), CASES, ids=[f"{k}: {c}" for k, c in CASES])
def test_costly_file(tmp_path: Path, kind: str, case: str) -> None:
    path = tmp_path / f"bomb.{kind}"
    (DOCX if kind == "docx" else PDF)[case](path)
    assert path.stat().st_size < 2_000_000
    _check(path, tmp_path, refused="refused" in case)
