"""How a text manuscript is written on disk — its encoding, byte-order mark and line ends — so that
``citeguard fix`` can write the fixed text back the way the file was (ingest/source.py hands the
parser its text with LF line ends and no BOM)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from citeguard.ingest.sourcetext import SourceText

# The byte-order marks a file may start with, longest first (UTF-32 LE begins like UTF-16 LE)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A line end: CRLF, a lone CR or a lone LF
_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_NEWLINES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


@dataclass(frozen=True, slots=True)
class TextForm:
    """A text file's encoding, byte-order mark and line end."""

    codec: str  # writes the text without a BOM ("utf-16-le", "gb18030", …)
    bom: bytes = b""
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        """``text`` (LF line ends) as this form's bytes; UnicodeEncodeError if the encoding cannot
        hold one of its characters."""
        body = text.replace("\n", self.newline) if self.newline != "\n" else text
        return self.bom + body.encode(self.codec)

    def describe(self) -> str:
        """ "GB18030 with CRLF line ends", "UTF-16-LE with a byte-order mark and CR line ends"."""
        bom = " with a byte-order mark and" if self.bom else " with"
        return f"{self.codec.upper()}{bom} {_NEWLINES[self.newline]} line ends"


UTF8 = TextForm("utf-8")  # what a file is written as when its own form cannot be kept


def text_form(data: bytes, source: SourceText) -> TextForm | str:
    """The form ``data`` (the file's bytes) is written in, checked by writing ``source`` (what it
    decoded to) back into exactly these bytes; or, when it cannot be, why (mixed line ends, an
    encoding that does not round-trip)."""
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", source.encoding))
    try:
        codecs.lookup(codec)
        raw = data[len(bom):].decode(codec)
    except (LookupError, UnicodeDecodeError):
        return f"it does not decode again as {source.encoding}"
    ends = {m.group(0) for m in _LINE_END_RE.finditer(raw)}
    if len(ends) > 1:
        return f"its line ends are mixed ({', '.join(sorted(_NEWLINES[e] for e in ends))})"
    form = TextForm(codec, bom, ends.pop() if ends else "\n")
    try:
        same = form.encode(source.text) == data
    except UnicodeEncodeError:
        same = False
    return form if same else f"its text does not encode back into the same bytes as {codec.upper()}"


def unencodable(text: str, form: TextForm) -> str | None:
    """The first character of ``text`` the form's encoding cannot hold, described, or None."""
    try:
        form.encode(text)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        return f"{form.codec.upper()} cannot hold {char!r} (U+{ord(char):04X}), which the fixes write"
    return None
