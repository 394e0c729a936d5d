"""Reading a fetched page: its encoding, title, publication date, and whether it is an error page
or an anti-bot challenge in disguise.  Pure functions of bytes and headers; no network here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import unescape

from bs4 import BeautifulSoup, Tag
from bs4.filter import SoupStrainer
from charset_normalizer import from_bytes

# charset in a Content-Type header or a <meta> tag: charset=gb2312  charset="utf-8"
CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# A date in page text or meta content: 2025-10-13, 2025/10/13, 2025.10.13, 2025年10月13日, 20251013
DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?|"
                     r"(?P<m2>\d{2})(?P<d2>\d{2})(?!\d))")
# Visible date labels of government CMS pages: 发布时间：2025-10-13 10:00  发布日期: …  日期：…
#   (Traditional forms too, for pages from big5 gateways: 發佈時間)
DATE_LABEL_RE = re.compile(r"(?:发布时间|發佈時間|發布時間|发布日期|發佈日期|發布日期|发文日期|成文日期|日期|时间|時間)"
                           r"\s*[:：]\s*(?P<rest>.{0,30})")
# Meta names that carry a publication date (compared case-insensitively)
DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "og:release_date",
             "dc.date", "dc.date.issued", "dcterms.created", "date", "publish_date", "releasedate")
TITLE_META = ("articletitle", "og:title", "dc.title", "twitter:title")
# Site and column suffixes of <title>: "标题_栏目_中国政府网", "标题 - 新华网", "标题 | 人民网"
TITLE_SPLIT_RE = re.compile(r"(?:(?<!\s)\s*|(?<=\s)(?!\s))(?:_|\s\|\s|\s-\s|－|——\s*(?=[^—]*(?:网|政府|门户|官网)$))\s*")
SITE_WORD_RE = re.compile(r"网|政府|门户|官网|部$|局$|厅$|委员会|办公室|gov|GOV|Portal|News|新闻")
# Error pages served with status 200 (soft 404s)
SOFT_404_RE = re.compile(r"页面不存在|您访问的页面不存在|访问的页面已|已被删除|已经被移除|已删除|找不到(?:该|此)?页面|"
                         r"页面未找到|信息不存在|文章不存在|page not found|404 not found|not found", re.IGNORECASE)
# Anti-bot challenges (瑞数 $_ts, meta r="m", WAF titles and cookies)
#   (attributes read up to 500 characters and never past a "<": linear on "<meta <meta <meta …")
CHALLENGE_RE = re.compile(r"\$_ts\s*[=.\[]|<(?:meta|script)[^<>]{0,500}\br=[\"']m[\"']|"
                          r"访问验证|安全验证|访问被拒绝|Access Denied|__jsl_clearance|wzws_cid|人机验证", re.IGNORECASE)
_MAX_TEXT = 200_000  # characters of a page worth reading for text
_MAX_HEAD = 64_000  # characters of a page parsed into a tree for <meta> and <title>
_HEAD_TAGS = SoupStrainer(["meta", "title"])
# Where hidden content starts: <script …>, <style …>, <!--  (its end is found with str.find)
_HIDDEN_START_RE = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
# Any tag: <p class="x">  (never across a "<", so "<<<<…" costs one step per character)
_TAG_RE = re.compile(r"<[^<>]*>")


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What a page says about itself."""

    title: str | None
    published: str | None
    soft_404: bool
    challenge: bool


def _codec(name: bytes | str) -> str | None:
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    label = label.strip().lower()
    if label in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"}:
        return "gb18030"  # a superset: pages that say gb2312 often contain GBK characters
    try:
        "".encode(label)
    except LookupError:
        return None
    return label


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode by the Content-Type header, then <meta charset>, then detection."""
    for source in (content_type.encode("latin-1", "ignore") if content_type else b"", body[:4096]):
        m = CHARSET_RE.search(source)
        codec = _codec(m.group(1)) if m else None
        if codec:
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(body[:200_000]).best()
        return str(best) if best is not None else body.decode("utf-8", "replace")


def iso_from_text(text: str) -> str | None:
    """The first valid calendar date in ``text`` as YYYY-MM-DD."""
    for m in DATE_RE.finditer(text):
        y = int(m.group("y"))
        mo = int(m.group("m") or m.group("m2") or 0)
        d = int(m.group("d") or m.group("d2") or 0)
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def clean_title(title: str) -> str:
    """ "标题_栏目_中国政府网" → "标题"; a title without site suffixes is left alone."""
    parts = [p for p in TITLE_SPLIT_RE.split(title.strip()) if p]
    if len(parts) > 1 and all(SITE_WORD_RE.search(p) or len(p) <= 6 for p in parts[1:]):
        return parts[0].strip()
    return title.strip()


def visible_text(html: str) -> str:
    """``html`` without scripts, styles and comments, in one pass: each hidden block's end is
    looked for once with ``str.find`` (a regex ``<style.*?</style>`` rescans to the end of the page
    for every unclosed ``<style``: quadratic). An unclosed block hides the rest, as in a browser."""
    lowered = html.lower()
    kept: list[str] = []
    pos = 0
    while (m := _HIDDEN_START_RE.search(html, pos)) is not None:
        kept.append(html[pos:m.start()])
        closer = "-->" if m.group(1) is None else f"</{m.group(1).lower()}"
        end = lowered.find(closer, m.end())
        if end < 0:
            return " ".join(kept)
        pos = end + len(closer)
        if closer != "-->":
            gt = lowered.find(">", pos)
            pos = len(html) if gt < 0 else gt + 1
    kept.append(html[pos:])
    return " ".join(kept)


def page_text(html: str) -> str:
    """The words a reader sees on a page (scripts, styles and comments out, tags stripped, never
    interpreted): what a quotation of the page is looked for in."""
    soup = BeautifulSoup(visible_text(html[:_MAX_TEXT]), "lxml")
    return soup.get_text("\n")


def page_facts(html: str) -> PageFacts:
    """Title, publication date, soft-404 and challenge markers of one HTML page."""
    html = html[:_MAX_TEXT]
    # Only <meta> and <title> become a tree (the costly part of parsing); the visible text is
    # read with a tag stripper, which is enough for date labels and error wording.
    # lxml (libxml2) parses in linear time; Python's html.parser rescans unclosed tags ("<meta <meta
    # …" took minutes), and a page is untrusted input.
    head_end = html.lower().find("</head>")
    head = html[:head_end] if head_end > 0 else html
    soup = BeautifulSoup(head[:_MAX_HEAD], "lxml", parse_only=_HEAD_TAGS)
    metas: dict[str, str] = {}
    page_title = ""
    for tag in soup.contents:  # parse_only leaves just the <meta> and <title> tags, in order
        if not isinstance(tag, Tag):
            continue
        if tag.name == "title":
            page_title = page_title or tag.get_text()
            continue
        name = tag.get("name") or tag.get("property") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(name, str) and isinstance(content, str) and content.strip():
            metas.setdefault(name.strip().lower(), content.strip())
    title = next((metas[k] for k in TITLE_META if k in metas), None)
    if title is None and page_title:
        title = clean_title(page_title)
    published = next((iso_from_text(metas[k]) for k in DATE_META if k in metas and iso_from_text(metas[k])), None)
    text = unescape(" ".join(_TAG_RE.sub(" ", visible_text(html[:100_000])).split())[:20_000])
    if published is None:
        for m in DATE_LABEL_RE.finditer(text):
            published = iso_from_text(m.group("rest"))
            if published:
                break
    head = page_title + " " + text[:600]
    soft = len(text) < 3000 and bool(SOFT_404_RE.search(head))
    challenge = len(text) < 2000 and bool(CHALLENGE_RE.search(html[:20_000]))
    return PageFacts(title.strip() if title else None, published, soft, challenge)
