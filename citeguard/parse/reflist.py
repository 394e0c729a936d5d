"""Find the reference list and cut it into entries, as real manuscripts print it.

Headings come with numbers, markup and both languages (``# 6参考文献``, ``参考文献（References）：``,
``[参考文献]``, ``Literature Cited``); a table of contents may name the list too, so every heading
is tried and the one followed by the most entries wins.  A list may also have no heading at all
(after the acknowledgements, at the end of the text): then the longest run of numbered entries
(1, 2, 3 …), or of author-year entries, is taken.

Numbered lists are read by their sequence: a line starting with the next number opens an entry
(``[3]``, ``3.``, ``(3)``, OCR's ``3The …``), any other line continues the one before (a
translation, a wrapped line), and a number met inside a line where the next entry is due cuts
two entries OCR ran together.  Unnumbered lists open an entry at every author-year head
(:mod:`citeguard.parse.entrykey`).  Every loop here is bounded by the lines of the list.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from citeguard.chars import TYPE_CODE_RE, is_chinese, is_cjk
from citeguard.model import EntryStyle
from citeguard.parse.entrykey import (
    ACRONYM_NAME_RE,
    DITTO_HEAD_RE,
    EntryKey,
    entry_key,
    link_surname,
    person_like,
    plausible_name,
    split_names,
)
from citeguard.parse.hanname import is_han_name, pinyin_name
from citeguard.parse.lines import Line
from citeguard.parse.listblocks import EntryBlock, ListRegion
from citeguard.parse.listparts import split_runs
from citeguard.parse.text import FOOTNOTE_MARK_RE

# The words a reference-list heading is made of, in both languages and with OCR's spaces.
_WORD = (r"(?:主要)?参\s*考\s*文\s*献|引用文献|参考资料|文\s*献|References?|REFERENCES?|Bibliography|BIBLIOGRAPHY|"
         r"Literature\s+Cited|LITERATURE\s+CITED|Works\s+Cited|Cited\s+Literature|Notes\s+and\s+[Rr]eferences|"
         r"References\s+and\s+[Nn]otes|Literature")
# A heading: markup, a section number, the words (a second language in brackets), a colon, then
# either nothing, a little OCR debris, or the first entry on the same line:
#   "# 6参考文献"  "**REFERENCES**"  "参考文献（References）："  "[参考文献]"  "七、参考文献"  "参考文献:[1]魏…"
#   (every [ \t]*+ is possessive: what follows never starts with a space, and giving spaces back
#   to split a run of 400 among five places took seconds a line)
HEADING_RE = re.compile(
    r"^[ \t]*+(?:#{1,6}[ \t]*+)?(?:\*\*|__)?[ \t]*+"
    r"(?:(?:\d{1,4}(?:\.\d{1,2})*|[IVX]{1,5}|[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十]{1,3}[章节部分])"
    r"[ \t]*+[.、．]?[ \t]*+)?"
    rf"[\[【［(（〔]?[ \t]*+(?P<word>{_WORD})[ \t]*+[\]】］)）〕]?[ \t]*+(?:\*\*|__)?[ \t]*+"
    rf"(?:[(（\[【][ \t]*+(?:{_WORD})[ \t]*+[)）\]】][ \t]*+|(?:{_WORD})[ \t]*+)?(?:\*\*|__)?[ \t]*+[:：;；]?[ \t]*+"
    r"(?P<rest>.*)$")
# A heading run onto the end of a body line, alone or before the first entry:
#   "…尚无发现大量S元素的扩散。 参考文献"   "…适宜添加水平为0.4%。参考文献：[1]董淑丽,…"
_RUN_IN_HEADING_RE = re.compile(
    r"(?:(?<=[。.！？!?)）$])\s*+|(?<=\s)(?!\s))(?P<word>参\s*考\s*文\s*献|References|REFERENCES)\s*+[:：]?\s*+"
    r"(?:$|(?=[\[［]\s*1\s*[\]］]|1\s*[.．、]\s*\S))")
# Heading words that are headings only on a line of their own ("文献[12]提出…" is prose).
_BARE_ONLY = frozenset({"文献", "文 献", "Literature", "Reference"})
# A numbered entry's label at a line start (an OCR'd manuscript line number may stand before a
# bracketed one):  "[12] …"  "- [12] …"  "［12］"  "〔12〕" (《中国工业经济》)  "[1］"  "(12)"  "12. …"  "12．"
#   "12) "  "12 …"  "12The"
LABEL_RE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:#{1,6}[ \t]*)?(?:"
    r"(?:\d{1,4}[ \t]+)?\\?[\[［〔][ \t]*(?P<b>\d{1,6})[ \t]*\\?[\]］〕]\.?"
    r"|[(（][ \t]*(?P<p>\d{1,4})[ \t]*[)）]"
    r"|(?P<q>\d{1,4})[ \t]*\\?[\]］]"
    r"|(?P<d>\d{1,4})[ \t]*(?:[.．、](?!\d)|[)）])"
    r"|(?P<s>\d{1,4})(?:[ \t]+(?=[A-Za-z\u4e00-\u9fff“\"\[(（])|(?=[A-Z\u4e00-\u9fff“\"]))"
    r")[ \t]*")
# A bracketed label, which no prose line starts with: "[12]" "［12］"
_BRACKETED_RE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\\?[\[［〔][ \t]*\d{1,6}[ \t]*\\?[\]］〕]")
# The same labels inside a line, where a second entry was run on: " 2Milmo C." "[3] 程志刚"
_INLINE_LABEL_RE = re.compile(
    # (where the spaces before a label start, or at the label after them: never inside the run)
    r"(?:(?:(?<=[.。．\]）)\d])|(?<=\s)(?<![ \t]))[ \t]*+|(?<=[ \t])(?![ \t]))"
    r"(?:\\?[\[［][ \t]*(?P<b>\d{1,6})[ \t]*(?:\\?[\]］]|(?=[ \t][A-Z\u4e00-\u9fff]))"
    r"|(?<=[.。．\s])(?P<s>\d{1,4})[.．]?[ \t]*(?=[A-Z\u4e00-\u9fff]))")
# What ends a list: author notes, the editor's line, appendices, acknowledgements, supporting
# data, received dates, another section heading.
END_RE = re.compile(
    r"^[ \t]*+(?:#{1,6}[ \t]*+)?(?:\*\*)?[ \t]*+"
    r"(?:[【\[]作者简介[】\]]|作者简介|[(（]?责任编辑|特邀编委|附\s*录|Appendix|APPENDIX|"
    r"致\s*谢|Acknowledg|ACKNOWLEDG|支撑数据|作者贡献|Author\s+[Cc]ontributions|Supplementary|利益冲突|"
    r"Conflicts?\s+of\s+[Ii]nterest|收稿日期|Received\s*:)")
# A Markdown heading line, which ends a list unless it is itself an entry
_MD_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]")
# A year anywhere: what every entry has and few headings or prose lines of a list do
_YEAR_RE = re.compile(r"(?<!\d)(?:1[5-9]|2[0Oo])[\dOoIl]{2}(?!\d)")
# Han names (two to four characters each), parted by commas, then an entry's point (not prose's 。):
# "戚聿东, 肖旭."  "温忠麟，张雷，侯杰泰，等．"
_NAMES_THEN_TITLE_RE = re.compile(r"((?:[\u3400-\u9fff·]{2,5}[,，、]\s*){1,9}[\u3400-\u9fff·]{2,5})[.．]")
# Other marks of a cited work when its year is missing: arXiv:1207.1093  hep-ph/9901312  doi:  http://
# (an old arXiv id is read from the start of its letters: one scan per word, not per letter)
_WORK_ID_RE = re.compile(r"arXiv:|(?<![a-z-])\b[a-z-]++/\d{7}\b|\bdoi\b|https?://", re.IGNORECASE)
# Where a run-on author-year entry may start: after a sentence end, or after a page number and a
# space ("…7:111-113 Bohlin B,1935a.")
_RUN_ON_RE = re.compile(r"(?<=[.。．\]）)])\s*(?=[A-Z\u4e00-\u9fff])|(?<=\d)\s+(?=[A-Z\u4e00-\u9fff])")

LOOKAHEAD = 40  # lines to look ahead for the list's next entry after a gap
MAX_HEADINGS = 12  # headings tried (the last ones in the text)
SMALL_LIST = 10  # a list under a heading shorter than this is compared with headless ones
MAX_DEBRIS = 8  # lines before the first entry that may be skipped
MAX_RUN_HEADING = 20  # characters of a line that heads a run of a list starting again from 1
MAX_LINE = 20_000  # characters of a line searched for a heading run onto it
MAX_RUN_ONS = 60  # cut points tried inside one entry
# cut points tried inside one unnumbered block: OCR may run a whole page of entries into one
# paragraph (each try reads at most 600 characters)
MAX_CUT_POINTS = 2000


def heading_match(text: str) -> re.Match[str] | None:
    """The heading words of a reference-list heading line (and what follows them), or None."""
    if len(text) > 400:
        text = text[:400]
    m = HEADING_RE.match(text)
    if m is None:
        return None
    rest = m.group("rest").strip()
    word = re.sub(r"\s+", " ", m.group("word"))
    if not rest:
        return m
    if word in _BARE_ONLY or word.replace(" ", "") == "文献":
        return None
    if (len(rest) <= 4 and not rest[:1].isdigit()) or _label(rest) is not None or _opens_entry(rest):
        return m
    return None


def _label(text: str) -> tuple[int, int] | None:
    """(number, length) of a label at the start of ``text``."""
    m = LABEL_RE.match(text)
    if m is None:
        return None
    number = m.group("b") or m.group("p") or m.group("q") or m.group("d") or m.group("s")
    return int(number), m.end()


def _opens_entry(text: str) -> bool:
    """An unnumbered entry starts here: an author-year head, or authors then a [J] code, or the
    dash that repeats the authors of the entry before ("——，2012，《…》")."""
    if DITTO_HEAD_RE.match(text):
        return True
    key = entry_key(text[:600])
    if key is not None:
        # a wrapped line may start "Journal of X, 2001": a year after a phrase is not enough
        # — unless its Chinese original follows with the same year: "Guizhou Provincial Department
        # of Land and Resources, 2Oo5. …[贵州省国土资源厅，2005．…]" is an organisation's entry
        return key.style is EntryStyle.APA or any(person_like(a) for a in key.authors) or (
            " " not in key.authors[0].strip() and not key.authors[0][:1].islower()) or (
            key.original is not None and key.original.year == key.year) or _organisation_head(key.authors)
    code = TYPE_CODE_RE.search(text[:200])
    if code is None:
        # GB/T 7714's order without its type codes, as some journals print an author-year list:
        # "戚聿东, 肖旭. 数字经济时代的企业管理变革. 管理世界, 2020, (6): 135-152." — Han names, then a title
        m = _NAMES_THEN_TITLE_RE.match(text)
        if m is None:
            return False
        names = [n for n in split_names(m.group(1).strip())[0] if n != "等"]
        # two names at least: a wrapped line's "调查.中国健康心理学杂志, 2018" is one word before a point
        return len(names) >= 2 and all(is_han_name(n) for n in names) and _YEAR_RE.search(text, m.end(), 400) is not None
    head = re.split(r"[.．。]", text[:code.start()], maxsplit=1)[0].strip()
    return bool(head) and (head[0].isupper() or is_cjk(head[0])) and bool(split_names(head)[0]) and all(
        plausible_name(n) for n in split_names(head)[0])


def _organisation_head(authors: tuple[str, ...]) -> bool:
    """An organisation as the whole author of a name-year entry, printed in capitals ("THE
    ANGIOSPERM PHYLOGENY GROUP, 2016.") or with its acronym ("China National Environmental
    Monitoring Center (CNEMC).1990."): a wrapped line of a title or journal is neither."""
    name = authors[0] if len(authors) == 1 else ""
    return (len(name.split()) >= 2 and name.isupper() and sum(ch.isalpha() for ch in name) >= 6) or (
        ACRONYM_NAME_RE.match(name) is not None and name[:1].isupper())


def _is_end(text: str) -> bool:
    if END_RE.match(text):
        return True
    if _MD_HEADING_RE.match(text):
        inner = re.sub(r"^[ \t]*#{1,6}[ \t]*", "", text)
        return _label(inner) is None and not _opens_entry(inner) and heading_match(text) is None
    return False


def find_list(lines: Sequence[Line], lo: int, hi: int) -> ListRegion | None:
    """The reference list between lines ``lo`` and ``hi``: under the heading followed by the most
    entries, else the longest headless run of entries."""
    heads: list[tuple[Line, int, int, int]] = []  # line, heading words (start, end), where entries start
    for ln in lines[lo:hi]:
        m = heading_match(ln.text)
        if m is not None:
            heads.append((ln, m.start("word"), m.end("word"), m.start("rest")))
        elif "参" in ln.text or "eference" in ln.text or "EFERENCE" in ln.text:
            t = _RUN_IN_HEADING_RE.search(ln.text[:MAX_LINE])
            if t is not None:  # "…扩散。 参考文献" / "…。参考文献：[1]董淑丽…": a heading OCR ran onto a line
                heads.append((ln, t.start("word"), t.end("word"), t.end()))
    best: ListRegion | None = None
    for ln, word_start, word_end, entries_at in heads[-MAX_HEADINGS:]:
        region = read_region(lines, ln.index, entries_at, hi, (ln.index, ln.start + word_start, ln.start + word_end))
        if region.entries and (best is None or len(region.entries) >= len(best.entries)):
            best = region
    if best is not None and len(best.entries) >= SMALL_LIST:
        return best
    # no heading, or one over a short list (supporting information after the main list, which
    # OCR left without its heading): a longer headless list anywhere after the front matter wins
    headless = _headless(lines, lo, hi, anywhere=best is not None)
    if best is None or (headless is not None and len(headless.entries) > 2 * len(best.entries)):
        return headless
    return best


def _headless(lines: Sequence[Line], lo: int, hi: int, *, anywhere: bool = False) -> ListRegion | None:
    """A list without a heading: a run of at least three numbered entries from 1 whose lines hold
    years, or of author-year entries, in the second half of the text (``anywhere``: in all of
    it); the last such run wins."""
    best: ListRegion | None = None
    start = lo if anywhere else max(lo, (lo + hi) // 2)
    i = start
    while i < hi:
        ln = lines[i]
        label = _label(ln.text)
        if (label is not None and (label[0] == 1 or _continues(lines, i + 1, hi, label[0] + 1))
                and (_YEAR_RE.search(ln.text) or _WORK_ID_RE.search(ln.text))) or (
                label is None and _opens_entry(ln.text) and entry_key(ln.text[:600]) is not None):
            region = read_region(lines, i, 0, hi, None)
            with_years = sum(1 for e in region.entries if _YEAR_RE.search(e.text) or _WORK_ID_RE.search(e.text))
            if len(region.entries) >= 3 and with_years * 4 >= len(region.entries) * 3:
                if best is None or len(region.entries) >= len(best.entries):
                    best = region
                i = max(i + 1, region.end_line)
                continue
        i += 1  # not a list here: look on from the next line, not from where that reading stopped
    return best


def read_region(lines: Sequence[Line], first: int, column: int, hi: int,
          heading: tuple[int, int, int] | None) -> ListRegion:
    """Entries from line ``first`` (from ``column`` on) until the list ends."""
    probe = [ln.text[column:] if ln.index == first else ln.text for ln in lines[first:min(hi, first + 12)]]
    labels = [lab[0] for lab in (_label(t) for t in probe if t.strip()) if lab is not None]
    # numbered: it starts at 1 (2, 3 when OCR lost the first), or runs on from a later number
    # when OCR lost the head of the list ([14] [15] …)
    numbered = any(n <= 3 for n in labels[:4]) or any(b == a + 1 for a, b in itertools.pairwise(labels[:6]))
    reader = _read_numbered if numbered else _read_unnumbered
    entries, end = reader(lines, first, column, hi)
    if numbered:
        entries, end = split_runs(lines, entries, end)
    return ListRegion(heading, first, end, tuple(entries), numbered)


class _Builder:
    """Entries being collected: text pieces with the source offset where each piece starts."""

    def __init__(self) -> None:
        self.entries: list[tuple[int | None, str | None, int, int, list[tuple[int, str]]]] = []

    def open(self, number: int | None, label: str | None, start: int, text_start: int, text: str) -> None:
        self.entries.append((number, label, start, text_start, [(text_start, text)]))

    def extend(self, offset: int, text: str) -> None:
        self.entries[-1][4].append((offset, text))

    def text_of_last(self) -> str:
        return " ".join(piece for _, piece in self.entries[-1][4]) if self.entries else ""

    def blocks(self) -> list[EntryBlock]:
        out = []
        for number, label, start, text_start, pieces in self.entries:
            text = ""
            end = text_start
            for offset, piece in pieces:
                piece = piece.rstrip()
                stripped = piece.lstrip()
                if not stripped:
                    continue
                if text:
                    text += "" if is_cjk(text[-1]) and is_cjk(stripped[0]) else " "
                text += stripped
                end = offset + len(piece)
            if text:
                out.append(EntryBlock(number, label, start, text_start, end, text))
        return out


def _translates(first: str, second: str) -> bool:
    """Is ``second`` the same entry in the other language (Chinese then English, or the reverse)?"""
    return bool(first.strip() and second.strip()) and is_chinese(first) != is_chinese(second)


def _continues(lines: Sequence[Line], after: int, hi: int, expected: int) -> bool:
    """Does the numbering go on with ``expected`` within the next lines?"""
    for ln in lines[after:min(hi, after + LOOKAHEAD)]:
        if END_RE.match(ln.text):
            return False
        label = _label(ln.text)
        if label is not None and expected <= label[0] <= expected + 2:
            return True
    return False


def _walk(lines: Sequence[Line], first: int, column: int, hi: int) -> Iterator[tuple[Line, str, int, bool]]:
    """The list's lines from ``first`` (its text from ``column`` on): (line, text, source offset of
    the text, whether a blank line came before), blank and footnote lines passed over, a form
    feed taken off."""
    after_blank = False
    for ln in lines[first:hi]:
        offset = column if ln.index == first else 0
        text = ln.text[offset:]
        base = ln.start + offset
        if text.startswith("\f"):
            text, base = text[1:], base + 1
        if not text.strip():
            after_blank = True
            continue
        if FOOTNOTE_MARK_RE.match(text):
            continue
        yield ln, text, base, after_blank
        after_blank = False


def _read_numbered(lines: Sequence[Line], first: int, column: int, hi: int) -> tuple[list[EntryBlock], int]:
    built = _Builder()
    expected: int | None = None
    run_start = 0  # where the current run of numbers began (a list may start again from 1)
    end = hi
    for ln, text, base, after_blank in _walk(lines, first, column, hi):
        if _is_end(text):
            if not (expected is not None and _MD_HEADING_RE.match(text) and not END_RE.match(text)
                    and _continues(lines, ln.index + 1, hi, expected)):
                end = ln.index
                break
            # a running head or a wrapped line OCR made a heading, inside the list: the numbers go on
            if _YEAR_RE.search(text) and built.entries:
                built.extend(base, re.sub(r"^[ \t]*#{1,6}[ \t]*", "", text))
            continue
        label = _label(text)
        # the next number (two may be lost), or the same one again when bracketed: "[21] … [21] …"
        starts = expected is None and (label is not None and (label[0] <= 3 or _continues(lines, ln.index + 1, hi,
                                                                                       label[0] + 1)))
        if (label is not None and expected is not None and label[0] == expected - 1 and built.entries
                and _translates(built.text_of_last(), text[label[1]:])):
            built.extend(base, text)  # "[5] 中文条目 … [5] English rendering": one entry in two languages
        elif label is not None and (starts or (expected is not None and (
                expected <= label[0] <= expected + 2 or (label[0] == expected - 1 and _BRACKETED_RE.match(text))))):
            number, length = label
            built.open(number, text[:length].strip().lstrip("-*+# \t"), base + len(text) - len(text.lstrip()),
                       base + length, text[length:])
            expected = number + 1
        elif expected is None:
            if ln.index - first > MAX_DEBRIS:  # text before the first entry: a few lines of OCR debris at most
                end = ln.index
                break
            continue
        elif label is not None and label[0] == 1 and len(built.entries) - run_start >= 3 and (
                _BRACKETED_RE.match(text) or _YEAR_RE.search(text) or _WORK_ID_RE.search(text)) and (
                _continues(lines, ln.index + 1, hi, 2) and not _continues(lines, ln.index + 1, hi, expected + 1)):
            # the list starts again from 1 (and goes on 2, 3 — not "[1]" OCR made of [11] before [12]):
            # a second run (a list per chapter under one heading), or its translation, which _runs cuts off
            run_start = len(built.entries)
            built.open(1, text[:label[1]].strip().lstrip("-*+# \t"), base + len(text) - len(text.lstrip()),
                       base + label[1], text[label[1]:])
            expected = 2
        elif len(built.entries) - run_start >= 3 and len(text.strip()) <= MAX_RUN_HEADING and not _YEAR_RE.search(
                text) and _restarts(lines, ln.index + 1, hi):
            continue  # the heading of the next run ("外文文献", "第二章"), not the end of this entry
        elif after_blank and not _continues(lines, ln.index, hi, expected):
            end = ln.index
            break
        else:
            built.extend(base, text)
        expected = _cut_run_ons(built, expected)
    return built.blocks(), end


def _restarts(lines: Sequence[Line], after: int, hi: int) -> bool:
    """Does the next non-blank line start the numbering again from 1?"""
    for ln in lines[after:min(hi, after + 3)]:
        if ln.text.strip():
            label = _label(ln.text)
            return label is not None and label[0] == 1
    return False


def _cut_run_ons(built: _Builder, expected: int) -> int:
    """Split the last entry where the next number stands inside it (entries run together)."""
    if not built.entries:
        return expected
    for _ in range(MAX_RUN_ONS):
        pieces = built.entries[-1][4]
        offset, piece = pieces[-1]
        cut = None
        for m in _INLINE_LABEL_RE.finditer(piece):
            n = int(m.group("b") or m.group("s"))
            if expected <= n <= expected + 2 and m.start() > 0 and (m.group("b") or _YEAR_RE.search(piece[:m.start()])):
                cut = m
                break
        if cut is None:
            return expected
        pieces[-1] = (offset, piece[:cut.start()])
        lead = len(cut.group(0)) - len(cut.group(0).lstrip())
        number = int(cut.group("b") or cut.group("s"))
        built.open(number, cut.group(0).strip(), offset + cut.start() + lead, offset + cut.end(), piece[cut.end():])
        expected = number + 1
    return expected


def _read_unnumbered(lines: Sequence[Line], first: int, column: int, hi: int
                     ) -> tuple[list[EntryBlock], int]:
    built = _Builder()
    end = hi
    for ln, text, base, after_blank in _walk(lines, first, column, hi):
        if _is_end(text):
            if not (built.entries and _MD_HEADING_RE.match(text) and not END_RE.match(text)
                    and _heads_follow(lines, ln.index, hi)):
                end = ln.index
                break
            continue  # a running head OCR left between entries
        lead = len(text) - len(text.lstrip(" \t-*+"))
        if _opens_entry(text[lead:]):
            built.open(None, None, base + lead, base + lead, text[lead:])
        elif not built.entries:
            if (at := _run_on_at(text[lead:])) is not None:  # the first entry OCR damaged, the second run on
                built.open(None, None, base + lead, base + lead, text[lead:lead + at])
                built.open(None, None, base + lead + at, base + lead + at, text[lead + at:])
            elif ln.index - first > MAX_DEBRIS:  # a few lines of OCR debris may stand before the first entry
                end = ln.index
                break
            continue
        elif after_blank and not _heads_follow(lines, ln.index, hi):
            end = ln.index
            break
        else:
            built.extend(base, text)
    return _split_run_ons(built.blocks()), end


def _run_on_at(text: str) -> int | None:
    """Where an entry runs on inside this line (the tail of an entry, then "… 129-149. Tresilian,
    J. R., & Lonergan, A. (2002). …"), if one does."""
    for m in itertools.islice(_RUN_ON_RE.finditer(text), MAX_RUN_ONS):
        if m.end() >= 20 and _opens_entry(text[m.end():m.end() + 600]):
            return m.end()
    return None


def _heads_follow(lines: Sequence[Line], after: int, hi: int) -> bool:
    """Do entries go on after this line — in the lines below, or run on inside this one?"""
    if _run_on_at(lines[after].text) is not None:
        return True
    for ln in lines[after + 1:min(hi, after + 1 + LOOKAHEAD // 2)]:
        if END_RE.match(ln.text):
            return False
        if _opens_entry(ln.text):
            return True
    return False


def _is_original(key: EntryKey, before: EntryKey | None) -> bool:
    """Is this Chinese head the original of the romanised entry before it, printed without its
    brackets ("SONG TQ, …, 2014. Title[J]. …．宋同清，彭晚霞，杜虎, 等，2014.[…]")?"""
    if before is None or not before.authors or key.year != before.year or not is_han_name(key.authors[0]):
        return False
    return pinyin_name(key.authors[0])[0] == link_surname(before.authors[0], glued=True)


def _split_run_ons(blocks: list[EntryBlock]) -> list[EntryBlock]:
    """Cut an unnumbered entry where OCR ran a second author-year entry onto it."""
    out: list[EntryBlock] = []
    for block in blocks:
        cuts = [0]
        for m in itertools.islice(_RUN_ON_RE.finditer(block.text), MAX_CUT_POINTS):
            at = m.end()
            if at - cuts[-1] < 20:
                continue
            before = entry_key(block.text[cuts[-1]:cuts[-1] + 600])
            if not _YEAR_RE.search(block.text[cuts[-1]:at]) and (
                    before is None or not before.damaged_year or before.head_end > at - cuts[-1]):
                continue  # the piece so far has no year (its own head may hold one OCR damaged: "HeY,981.")
            key = entry_key(block.text[at:at + 600])
            if key is not None and any(person_like(a) for a in key.authors[:1]) and len(key.authors[0]) >= 2 \
                    and not _is_original(key, before):
                cuts.append(at)
        if len(cuts) == 1:
            out.append(block)
            continue
        cuts.append(len(block.text))
        # The joined text and the source differ where lines were joined, so offsets are found by
        # searching the source text of each piece's first characters; positions stay approximate
        # to the line where that fails.
        for lo, hi in itertools.pairwise(cuts):
            piece = block.text[lo:hi].strip()
            start = block.text_start + lo if lo else block.start
            out.append(EntryBlock(None, None, start, start, start + len(piece), piece))
    return out
