"""Front matter: the Chinese title block before the body and the English one (before the body
or after the reference list), keywords, identifiers and the fund note."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, datetime

from citeguard.chars import han_count
from citeguard.ingest import SourceText
from citeguard.model import FrontMatter, Located
from citeguard.parse.lines import Line, split_lines
from citeguard.parse.reflist import heading_match

# Labelled front-matter lines.  Each group is "label, separator, value":
#   摘要: …   【摘 要】…   关键词：a；b   中图分类号：F125   文献标识码：A   文章编号：…
#   Abstract: …   Key words: …   doi:10.…   DOI：10.…
_LABEL_RE = re.compile(
    r"^[ \t]*(?:#+[ \t]*)?[\[【]?(?P<label>摘\s*要|关\s*键\s*词|关键字|中图分类号|中图分类|文献标识码|文献标志码|"
    r"文章编号|DOI|doi|Abstracts?|ABSTRACT|Key\s*words|KEY\s*WORDS|Keywords|KEYWORDS|收稿日期|ISSN)"
    r"[\]】]?[ \t]*[:：]?[ \t]*(?P<value>.*)$")
# An ISSN with its check character: 1234-567X
ISSN_RE = re.compile(r"\b(\d{4}-\d{3}[\dXx])\b")
# DOI body: 10.<registrant>/<suffix>
DOI_RE = re.compile(r"10\.\d{4,9}/[^\s\"<>，；。]+")
# Superscript fund-note marks glued to a title: ^{*}, ^*, *, ①
_TITLE_MARK_RE = re.compile(r"(?<![\s*])\s*+(?:\^\{\s*\*\s*\}|\^\*|\*++|\$\^\s*\{?\s*\*\s*\}?\s*\$)\s*$")
# Keyword separators: ；; ，, 、 (the white space around them is stripped from the parts after)
_KEYWORD_SEPARATOR_RE = re.compile(r"[;；,，、]")
_SEMICOLON_RE = re.compile(r"[;；]")
# Keywords set apart by an ideographic space or two spaces or more, with no punctuation: 工业机器人　劳动收入份额
_WIDE_SPACE_RE = re.compile(r"\u3000+|[ \t]{2,}")
_ANY_SPACE_RE = re.compile(r"[\s\u3000]+")
# What a keyword line of Chinese words and spaces does not hold (digits and Latin letters may stand in
# it: "5G　数字经济" is Chinese too), and what it must
_NOT_HAN_LINE_RE = re.compile(r"[^\u4e00-\u9fff\u3000\s\dA-Za-z·]")
_HAN_CHAR_RE = re.compile(r"[\u4e00-\u9fff]")
# A received date: 收稿日期：2026-03-01   （收稿日期：2013年9月6日）   收稿日期:2015.12.17
_RECEIVED_RE = re.compile(r"收稿日期\s*[:：]?\s*(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})")
# An English received or accepted date, as journals print it and OCR leaves it:
#   Received: 2025-03-02   Received 2 March 2025   Received date: 2025/03/02   Accepted: March 7, 2015
#   Submitted: March 30,2015 (a received date by another name)
#   Received:November19,2014   Received17 January 2015   Received2015March27
# (capitalised: "the samples were received 2 March" is prose; the labels' spaces and tabs are bounded
# runs between fixed words, so the match is linear)
_MONTH = r"(?P<mon{n}>[A-Za-z]{{3,9}})\.?"
_EN_DATED_RE = re.compile(
    r"\b(?P<label>Received|RECEIVED|Submitted|SUBMITTED|Accepted|ACCEPTED)(?:[ \t]+(?:[Dd]ate|DATE|on))?[ \t]*[:：]?[ \t]*"
    r"(?:(?P<y1>(?:19|20)\d{2})[ \t]*[-./][ \t]*(?P<m1>\d{1,2})[ \t]*[-./][ \t]*(?P<d1>\d{1,2})(?!\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[ \t]*{_MONTH.format(n=2)}[ \t]*,?[ \t]*(?P<y2>(?:19|20)\d{{2}})(?!\d)"
    rf"|{_MONTH.format(n=3)}[ \t]*(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?[ \t]*,?[ \t]*(?P<y3>(?:19|20)\d{{2}})(?!\d)"
    rf"|(?P<y4>(?:19|20)\d{{2}})[ \t]*{_MONTH.format(n=4)}[ \t]*(?P<d4>\d{{1,2}})(?!\d))")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"), start=1)}
_BODY_SCAN_LINES = 40
_LABEL_GAP = 6  # front-matter labels stand within this many non-blank lines of each other


def _label_key(label: str) -> str:
    label = re.sub(r"\s+", "", label).lower()
    return {"摘要": "abstract_zh", "关键词": "keywords_zh", "关键字": "keywords_zh",
            "中图分类号": "clc", "中图分类": "clc", "文献标识码": "document_code",
            "文献标志码": "document_code", "文章编号": "article_id", "doi": "doi",
            "abstract": "abstract_en", "abstracts": "abstract_en", "keywords": "keywords_en",
            "收稿日期": "received", "issn": "issn"}.get(label, label)


def body_start(lines: tuple[Line, ...]) -> int:
    """Index of the first body line: the line after the last front-matter label line (and the
    abstract paragraph under a bare "Abstract" heading) among the first non-blank lines."""
    last = -1
    seen = 0
    bare_abstract = False
    last_seen = 0
    for ln in lines:
        if ln.blank:
            continue
        seen += 1
        if seen > _BODY_SCAN_LINES or heading_match(ln.text):
            break
        m = _LABEL_RE.match(ln.text)
        if m and last >= 0 and seen - last_seen > _LABEL_GAP:
            break  # a label far below the title block belongs to something else
        if m:
            last_seen = seen
            last = ln.index
            bare_abstract = m is not None and not m.group("value").strip() and \
                _label_key(m.group("label")).startswith("abstract")
        elif bare_abstract:
            last = ln.index
            bare_abstract = False
    if last >= 0:
        return last + 1
    first = next((ln for ln in lines if not ln.blank), None)
    if first is not None and first.text.lstrip().startswith("#"):
        return first.index + 1
    return 0


def _iso_date(value: str) -> str | None:
    """ "2024-05-01", "29 January 2021", "January 29, 2021" → ISO date; anything else → None."""
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _located(src: SourceText, ln: Line, value: str) -> Located:
    value = value.strip()
    offset = ln.text.find(value) if value else 0
    start = ln.start + max(0, offset)
    return Located(value, src.span(start, start + len(value)))


def _received(src: SourceText) -> Located | None:
    """The 收稿日期 of a Chinese paper, wherever it is printed (a front-matter line, a first-page
    note, the end of the paper), as an ISO date; else its English received date, else its accepted
    date (an English paper, or a Chinese one printing only the English line)."""
    for m in itertools.islice(_RECEIVED_RE.finditer(src.text), 5):
        try:
            iso = date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
        except ValueError:
            continue
        return Located(iso, src.span(m.start(), m.end()))
    accepted = None
    for m in itertools.islice(_EN_DATED_RE.finditer(src.text), 10):
        dated = _en_date(m)
        if dated is None:
            continue
        if m.group("label").lower() in ("received", "submitted"):
            return Located(dated, src.span(m.start(), m.end()))
        accepted = accepted or Located(dated, src.span(m.start(), m.end()))
    return accepted


def _en_date(m: re.Match[str]) -> str | None:
    """The ISO date an English received or accepted line gives (None: not a calendar date)."""
    for n in "1234":
        if m.group(f"y{n}") is None:
            continue
        month = int(m.group("m1")) if n == "1" else _MONTHS.get(m.group(f"mon{n}")[:3].lower(), 0)
        try:
            return date(int(m.group(f"y{n}")), month, int(m.group(f"d{n}"))).isoformat()
        except ValueError:
            return None
    return None


def _keywords(value: str) -> tuple[str, ...]:
    """The keywords of a line, split by its own separator: the semicolons when it has them (a comma is
    then inside a keyword: "alignment of teaching, learning and assessment"), else commas and 、,
    else the ideographic or double spaces Chinese journals set between keywords (工业机器人　劳动收入份额)."""
    value = value.strip()
    separator = _KEYWORD_SEPARATOR_RE
    if _SEMICOLON_RE.search(value):
        separator = _SEMICOLON_RE
    elif not _KEYWORD_SEPARATOR_RE.search(value):
        # Chinese keywords hold no spaces: any space parts them; Latin ones are parted by wide spaces only
        han = _HAN_CHAR_RE.search(value) is not None and _NOT_HAN_LINE_RE.search(value) is None
        separator = _ANY_SPACE_RE if han else _WIDE_SPACE_RE
    # Split on the bare separator, then strip: "\s*[;,]\s*" tried every space of a long run.
    parts = [p.strip().strip(" .。") for p in separator.split(value)]
    return tuple(p for p in parts if p)


def parse_front_matter(src: SourceText, front: tuple[Line, ...], trailing: tuple[Line, ...],
                       yaml: tuple[Line, ...], fund_note: Located | None) -> FrontMatter:
    """Read the title blocks from the front lines and the trailing lines."""
    fm = FrontMatter(fund_note=fund_note)
    fields: dict[str, Located] = {}
    unlabelled_zh: list[Line] = []
    unlabelled_en: list[Line] = []
    last_key = ""
    for ln in front + trailing:
        m = _LABEL_RE.match(ln.text)
        if m:
            key = _label_key(m.group("label"))
            fields.setdefault(key, _located(src, ln, m.group("value")))
            last_key = key
            continue
        text = ln.text.strip()
        if re.match(r"^[【\[]作者简介[】\]]|^作者简介[:：]", text):
            fields.setdefault("author_note", _located(src, ln, text))
            continue
        if last_key in ("abstract_zh", "abstract_en") and not text.startswith("#"):
            continue  # a further abstract paragraph
        if text.startswith(("(责任编辑", "（责任编辑")):
            continue
        (unlabelled_zh if han_count(text) * 2 > len(text) // 3 else unlabelled_en).append(ln)
    for ln in yaml:
        m = re.match(r"^title:\s*['\"]?(.*?)['\"]?\s*$", ln.text)
        if m:
            fields.setdefault("title_en", _located(src, ln, m.group(1)))
        d = re.match(r"^date:\s*['\"]?(.*?)['\"]?\s*$", ln.text)
        iso = _iso_date(d.group(1)) if d else None
        if d and iso:
            fm = replace(fm, date=Located(iso, _located(src, ln, d.group(1)).span))
    if fm.date is None:  # the received date says which edition of GB/T 7714 the author followed
        fm = replace(fm, date=_received(src))
    values = {k: v for k, v in fields.items() if k in {"abstract_zh", "abstract_en", "clc",
                                                       "document_code", "article_id", "author_note"}}
    fm = replace(fm, **values)  # type: ignore[arg-type]
    if "keywords_zh" in fields:
        fm = replace(fm, keywords_zh=_keywords(fields["keywords_zh"].text),
                     keywords_zh_span=fields["keywords_zh"].span)
    if "keywords_en" in fields:
        fm = replace(fm, keywords_en=_keywords(fields["keywords_en"].text),
                     keywords_en_span=fields["keywords_en"].span)
    if "doi" in fields:
        m = DOI_RE.search(fields["doi"].text)
        if m:
            fm = replace(fm, doi=Located(m.group(0).rstrip("."), fields["doi"].span))
    issn_source = fields.get("issn") or fields.get("doi")
    if issn_source is not None:
        m = ISSN_RE.search(issn_source.text.replace("issn", " ").replace("ISSN", " "))
        if m:
            fm = replace(fm, issn=Located(m.group(1), issn_source.span))
    fm = _title_block(src, fm, unlabelled_zh, zh=True)
    fm = _title_block(src, fm, unlabelled_en, zh=False)
    if fm.title_en is None and "title_en" in fields:
        fm = replace(fm, title_en=fields["title_en"])
    return fm


def _title_block(src: SourceText, fm: FrontMatter, lines: list[Line], *, zh: bool) -> FrontMatter:
    """Title, then author line(s), then an affiliation in parentheses, in that order."""
    title: Line | None = None
    title_lines: list[Line] = []
    authors: tuple[str, ...] = ()
    affiliation: Located | None = None
    for ln in lines:
        text = ln.text.strip().lstrip("#").strip()
        if affiliation is None and title is not None and text[:1] in "(（":
            affiliation = _located(src, ln, text.strip("()（） "))
            break
        if title is None:
            title = ln
            title_lines.append(ln)
            continue
        if not authors and ln.text.lstrip().startswith("#") and title.text.lstrip().startswith("#"):
            title_lines.append(ln)  # a Markdown title set over two heading lines
            continue
        if not authors and len(text) <= 60 and not text.endswith((":", "：")):
            authors = _split_names(text, zh=zh)
            continue
        if not authors and len(title_lines) < 3:
            title_lines.append(ln)
            continue
        break
    if title is None:
        return fm
    joined = " ".join(t.text.strip().lstrip("#").strip() for t in title_lines)
    # The mark is at the end: only the tail is searched (a sub over the whole title tries every
    # space of a long run, each to the end of the run: quadratic).
    joined = joined[:-80] + _TITLE_MARK_RE.sub("", joined[-80:])
    first = title_lines[0]
    offset = first.text.find(joined[:4]) if joined else 0
    start = first.start + max(offset, 0)
    located = Located(joined, src.span(start, title_lines[-1].end))
    if zh:
        return replace(fm, title_zh=located, authors_zh=authors, affiliation_zh=affiliation)
    return replace(fm, title_en=located, authors_en=authors, affiliation_en=affiliation)


MAX_AUTHOR_LINE = 500  # characters of an author line read
# What stands after an author's name in the line: math, raised marks, affiliation digits and stars
_AFFILIATION_MARKS_RE = re.compile(r"\$[^$\n]{0,200}\$|\^\{[^}\n]{0,200}\}"
                                   r"|(?<![\d¹²³⁴⁵⁶⁷⁸⁹⁰*,，])[\d¹²³⁴⁵⁶⁷⁸⁹⁰*,，]++(?=\s|$|[、，,])")
# Between English names: "Wang Yiming, Liu Xiaojing, and Zhao Qiankun"  "A & B"  two spaces or more
_EN_NAME_SEPARATOR_RE = re.compile(r"\s*[,，、;；]\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+|\s{2,}")
# Between Chinese names: spaces, commas, 、 and semicolons
_ZH_NAME_SEPARATOR_RE = re.compile(r"[\s,，、;；]+")


def _split_names(text: str, *, zh: bool) -> tuple[str, ...]:
    text = _AFFILIATION_MARKS_RE.sub(" ", text[:MAX_AUTHOR_LINE])
    parts = (_ZH_NAME_SEPARATOR_RE if zh else _EN_NAME_SEPARATOR_RE).split(text)
    return tuple(p.strip() for p in parts if p.strip())


def split_front_lines(text: str) -> tuple[Line, ...]:
    """Convenience for tests: the lines of ``text``."""
    return split_lines(text)
