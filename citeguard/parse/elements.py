"""Elements GB/T 7714—2025 places around an entry's title and imprint that are neither, read so
that they do not spoil the fields beside them:

    GB/T 3792—2021 信息与文献 资源描述[S].              a standard's number before its title
    全智能节电器：CN200610171314.3[P]. 2008-01-16: 8-9.  a patent's, report's or archive's number after it
    沈阳市政区图. 1:170000[CM]. … 2016. 138cm×96cm.      a map's scale and size
    …[DS/OL]. V1.0. 国家基础学科公共科学数据中心(2023-09-10)[2025-07-15]. …
                                                         a data set's or preprint's version and platform
    …[J]. 1984, 1(1)—. 武汉：中华医学会湖北分会，1984—.     a serial's holdings, then its imprint
    …[M]. 张三，译//王五. 书名. …                          other responsibility before a host's "//"

Each reader takes the width-folded text (same length as the original) and returns offsets or the
values cut from the original; every pattern is bounded and anchored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A standard's number before its title: GB/T 3792—2021  GB 18030—2022  ISO 21378: 2019  ISO/IEC 27001:2013
# DB11/T 1234—2015  IEC/IEEE 61636-1:2021  IEEE P802.11ba/D8.0—2020  AIAA G-136—2022  ISO/IEC 80079-20-2:2016 (en)
# (the title follows after a space)
STANDARD_NUMBER_RE = re.compile(
    r"^(?P<number>[A-Z]{2,6}\d{0,6}(?:/[A-Z]{1,6})*\s*+[A-Z]{0,2}-?\d[\w.\-/]{0,24}"
    r"(?:\s*+[—–\-:]\s*+\d{4})?(?:\s*+\((?:en|fr|E|F|zh|ru|es|de)\))?)\s*+(?=\S)(?![—–\-:])")
# A number after the title, before the type code: ：CN200610171314.3  ：04-01-35-0399-039  ：RMRS-GTR-262
# ：PB 91-194001
# (letters, digits, dots and dashes, at least one digit, no space; a subtitle has words; searched from
# where a run of spaces starts, never from inside it)
TRAILING_NUMBER_RE = re.compile(
    r"(?<!\s)\s*+:\s*+(?P<number>(?:[A-Z]{1,5} )?(?=[A-Za-z\d.\-/]{0,40}\d)[A-Za-z\d][A-Za-z\d.\-/]{3,40})\s*+$")
# Types whose number stands after the title: reports, patents, archives
NUMBERED_TYPES = frozenset({"R", "P", "A"})
# A map's scale after its title: ". 1:170000"  ". 1∶25 000"  ". 1:2 000 000"
SCALE_RE = re.compile(r"(?<!\s)\s*+\.\s*+(?P<scale>1\s*+[:∶]\s*+\d[\d ,]{0,15}(?<=\d))\s*+$")
# A map's size closing the entry: "138cm×96cm."  "128 cm × 84 cm"  "60x90 cm"
SIZE_RE = re.compile(r"\.\s*+(?P<size>\d{1,4}(?:\.\d{1,2})?\s*+(?:cm)?\s*+[×xX]\s*+\d{1,4}(?:\.\d{1,2})?\s*+cm)\s*+\.?\s*+$")
# A version before a platform: "V1.0. "  "V2. "  "Version 3. "
VERSION_RE = re.compile(r"^\s*+(?P<version>(?:V|v|Version\s++)\d{1,3}(?:\.\d{1,3}){0,3})\s*+(?:\.\s*+|$)")
# A serial's holdings: 1984, 1(1)—.  1957(1)—1990(4).  1883, 1(1)-.  (then its imprint, with an open
# year range: 1984—.)
HOLDINGS_RE = re.compile(
    r"^(?P<year>\d{4})\s*+(?:,\s*+(?P<volume>\d{1,4}))?\s*+\(\s*+(?P<issue>[^)]{1,12}?)\s*+\)\s*+[—–\-]{1,2}"
    r"(?:\s*+\d{4}\s*+(?:,\s*+\d{1,4})?\s*+\([^)]{1,12}\))?\s*+\.\s*+")
# The imprint after holdings: 武汉：中华医学会湖北分会，1984—.   Washington, D.C.: AAAS, 1883—.
OPEN_IMPRINT_RE = re.compile(
    r"^(?P<place>[^:;\[]{1,60}?)(?<!\s)\s*+:\s*+(?P<publisher>[^:]{1,120}?)(?<!\s)\s*+,\s*+\d{4}\s*+[—–\-]{0,2}"
    r"(?:\s*+\d{4})?\s*+\.?\s*+$")
# Other responsibility right before a host's "//": "张三，译//"  "Smith J, trans.//"
RESPONSIBLE_BEFORE_HOST_RE = re.compile(
    r"^\s*+\.?\s*+(?P<resp>[^/.]{1,80}?(?:译|译注|校注|主编|编|整理|trans\.?|eds?\.?|ed\. by [^/]{1,60}))\s*+(?=//)")


# Other responsibility after an article's title, before its serial: "顾幼静，译. "  "Smith J, trans. "
RESPONSIBLE_BEFORE_SERIAL_RE = re.compile(r"^\s*+(?P<resp>[^.]{1,60}?(?:译|译注|校注|编译|trans))\s*+\.\s*+(?=\S)")


# A CSTR (China's science and technology resource identifier) after the URL: CSTR:32012.36.PSSXiv.202408.01096
CSTR_RE = re.compile(r"\bCSTR\s*+:\s*+[\w.\-/]{4,120}")
# Where a URL's own text ends: at ".DOI:" or ".CSTR:" run on after it
_URL_STOP_RE = re.compile(r"[.,;]\s*+(?=(?:DOI|doi|CSTR)\s*+:)")
# A piece of a URL after a space the typesetting put in: "? id=291430"  "_for_ Multi-Source…"  "=wright17…"
_URL_PIECE_RE = re.compile(r"\s{1,2}(?P<piece>[^\s\u4e00-\u9fff]{1,300})")
_URL_ENDS_OPEN = tuple("?=&_/%-")
# An identifier's label, which starts an element of its own: "DOI:10.…"  "CSTR:32012.…"
_ID_LABEL_RE = re.compile(r"(?:DOI|doi|CSTR)\s*+:")  # a URL cut after one of these goes on
MAX_URL_PIECES = 12  # pieces of one URL joined across spaces


@dataclass(frozen=True, slots=True)
class Holdings:
    """A serial cited whole: its first year, volume and issue, and its imprint."""

    year: str
    volume: str | None
    issue: str | None
    place: str | None
    publisher: str | None


def standard_number(folded: str) -> int:
    """Where a standard's title starts after its number (0 when the head has no number)."""
    m = STANDARD_NUMBER_RE.match(folded)
    return m.end() if m else 0


def trailing_number(folded_title: str) -> int | None:
    """Where the ": number" after a report's, patent's or archive's title starts, if it has one."""
    m = TRAILING_NUMBER_RE.search(folded_title)
    return m.start() if m else None


def scale_start(folded_title: str) -> int | None:
    """Where a map's scale after its title starts, if it has one."""
    m = SCALE_RE.search(folded_title)
    return m.start() if m else None


def size_start(folded_tail: str) -> int | None:
    """Where a map's size closing the entry starts (its period), if it has one."""
    m = SIZE_RE.search(folded_tail)
    return m.start() if m else None


def version_and_platform(raw: str, folded: str) -> tuple[str | None, str | None]:
    """A data set's or preprint's version and platform, from what stands between its type code and
    its dates: "V1.0. 国家基础学科公共科学数据中心" → ("V1.0", "国家基础学科公共科学数据中心")."""
    version = None
    m = VERSION_RE.match(folded)
    at = 0
    if m:
        version, at = raw[m.start("version"):m.end("version")], m.end()
    platform = raw[at:].strip(" .,")
    return version, platform or None


def holdings(raw: str, folded: str) -> Holdings | None:
    """A serial's holdings and imprint ("1984, 1(1)—. 武汉：…，1984—."), or None."""
    m = HOLDINGS_RE.match(folded)
    if m is None:
        return None
    rest_raw, rest = raw[m.end():], folded[m.end():]
    imprint = OPEN_IMPRINT_RE.match(rest)
    place = rest_raw[imprint.start("place"):imprint.end("place")] if imprint else None
    publisher = rest_raw[imprint.start("publisher"):imprint.end("publisher")] if imprint else None
    if imprint is None and rest.strip(" ."):
        return None
    return Holdings(m.group("year"), m.group("volume"), m.group("issue"), place, publisher)


def responsible_before_host(folded_body: str) -> int:
    """How much of the text after the type code is other responsibility before a host's "//"
    ("张三，译//…"): 0 when there is none."""
    m = RESPONSIBLE_BEFORE_HOST_RE.match(folded_body)
    return m.end() if m else 0


def responsible_before_serial(folded: str) -> int:
    """How much of an article's publication element is its translator before the serial
    ("顾幼静，译. 东方博物，2009(1)"): 0 when there is none."""
    m = RESPONSIBLE_BEFORE_SERIAL_RE.match(folded)
    return m.end() if m else 0


def url_end_in(folded: str, m: re.Match[str]) -> int:
    """Where the URL that ``m`` found really ends: before a ".DOI:" or ".CSTR:" run on after it, and
    past pieces a typesetter's space cut off ("…/Open.aspx? id=291430." — the standard's own PDF
    prints URLs so) when nothing but such pieces follows to the entry's end."""
    end = m.end()
    for _ in range(MAX_URL_PIECES):
        piece = _URL_PIECE_RE.match(folded, end)
        if piece is None:
            break
        text = piece.group("piece")
        if _ID_LABEL_RE.match(text) or not (
                folded[end - 1:end] in _URL_ENDS_OPEN or text[:1] in _URL_ENDS_OPEN or "=" in text or "_" in text):
            break
        end = piece.end()
    stop = _URL_STOP_RE.search(folded, m.start(), end)
    return stop.start() if stop else end
