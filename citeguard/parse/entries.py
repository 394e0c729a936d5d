"""Reference entries: GB/T 7714 (2015 and 2025, Chinese and English) and the APA-like form.

The parser works on a width-folded copy of the entry (full-width ，：（） read as ,:()), which
has the same length as the original, so every field is cut from the *original* text and keeps
the punctuation the author typed; later rules compare widths and spacing on those values.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from citeguard.chars import OCR_DIGITS, fold_width, han_count, is_chinese
from citeguard.model import EntryStyle, Language, Reference, Span
from citeguard.parse.elements import (
    CSTR_RE,
    NUMBERED_TYPES,
    holdings,
    responsible_before_host,
    responsible_before_serial,
    scale_start,
    size_start,
    standard_number,
    trailing_number,
    url_end_in,
    version_and_platform,
)
from citeguard.parse.entries_apa import parse_apa
from citeguard.parse.entrykey import EntryKey, entry_key, original_start
from citeguard.parse.fields import (
    CARRIERS,
    DOI_RE,
    TYPE_CODES,
    TYPE_RE,
    URL_RE,
    cut,
    iso_date,
    place_in_institution,
    split_pages,
    with_fields,
)
from citeguard.parse.markup import plain_text
from citeguard.parse.names import split_authors
from citeguard.parse.personname import read_name
from citeguard.parse.text import demath

# Pieces of the publication patterns below, written so that a run of spaces costs linear time
# (issue 15): a lazy field may not end in white space — the \s*+ after it takes the run once,
# possessively — instead of trying every split of the run between the field and the spaces.
_END = r"(?<!\s)"  # a lazy field ends on a non-space character
# (期): (4)  (增刊1) — an issue is short; the bound keeps a run of spaces inside "(" from being rescanned
_ISSUE = r"(?:\(\s*+(?P<issue>[^)]{0,40}?)\s*+\))"
# : 页码 — the pages run to the entry's closing point (none, or no trailing space); a period inside
# them only before the supplementary pages of a range (1701-1718.e28), or a range of chapter and page (1.1-1.36)
_PAGES = (r"(?::\s*+(?P<pages>\d{1,3}\.\d{1,4}\s*+[-–]\s*+\d{1,3}\.\d{1,4}"
          r"|(?:(?:[^.]|\.(?=e\d))*?(?<!\s))?))")
# A year of an imprint in the forms GB/T 7714 gives it: 2012  2012a  c1971 (copyright)  [1936]
# (estimated)  1995印刷 (printing)  1865(清同治四年) (another calendar)  1931-11-07 (an archive's date)
_YEAR_FORMS = (r"(?:c|©)?\[?(?P<year>\d{4})(?P<suffix>[a-z]?)\]?(?P<monthday>-\d{1,2}-\d{1,2})?"
               r"(?:\s*+印刷|\s*+\([^()]{1,30}\))?")
# the entry's end: an optional full stop between spaces
_CLOSE = r"\s*+\.?\s*+$"
# Network dates: (2026-01-14)[2026-03-29]  or only [2026-03-29]
DATES_RE = re.compile(r"(?:(?<!\s)|(?<=\s)(?!\s))(?:\(\s*(?P<update>\d{4}(?:-\d{1,2}-\d{1,2})?)\s*\))?\s*"
                      r"\[\s*(?P<access>\d{4}-\d{1,2}-\d{1,2})\s*\]")
# A date closing an entry after its URL, bracketed or not, as OCR may space it: "…/a.html,2010 -11 -1."
# "….htm.[2020-01-02]" (not a URL's own path: "…/2020-01-02" is preceded by a slash; the spaces
# before the date are only those inside its bracket, so that a run of spaces is not rescanned)
LATE_DATE_RE = re.compile(r"(?<=[\s,，;；.。\]])(?:\[\s*+)?(?P<access>\d{4}\s?-\s?\d{1,2}\s?-\s?\d{1,2})\s*+\]?\s*+[.。]?\s*+$")
# Network dates standing before the title, right after an author-year head: (2019-09-19) [2020-03-22].
LEADING_DATES_RE = re.compile(r"^\s*+(?:\(\s*+(?P<update>\d{4}-\d{1,2}-\d{1,2})\s*+\))?\s*+"
                              r"\[\s*+(?P<access>\d{4}-\d{1,2}-\d{1,2})\s*+\]\s*+[.,]?\s*+")
# A lone update date without an access date: (2026-01-14)
UPDATE_ONLY_RE = re.compile(r"\(\s*(?P<update>\d{4}-\d{1,2}-\d{1,2})\s*\)")
# Journal: 刊名, 年, 卷(期): 页码   刊名, 2024(4): 5-20   Nature, 2020, 585(7825): 357-362
JOURNAL_RE = re.compile(
    rf"^(?P<container>[^,]+?){_END}\s*+,\s*+(?P<year>\d{{4}})(?P<suffix>[a-z]?)\s*+"
    rf"(?:,\s*+(?P<volume>[^(:,]+?){_END})?\s*+{_ISSUE}?\s*+{_PAGES}?{_CLOSE}")
# Newspaper: 报纸名, 2024-02-02(001)
NEWSPAPER_RE = re.compile(
    rf"^(?P<container>[^,]+?){_END}\s*+,\s*+(?P<date>\d{{4}}-\d{{1,2}}-\d{{1,2}})\s*+"
    rf"(?:\(\s*+(?P<edition>[^)]{{0,40}}?)\s*+\))?{_CLOSE}")
# Book and similar: [2版. ]出版地: 出版者, 出版年[: 页码]   (a "." for the "," is tolerated, and a
# missing ":" before the placeholder [s.n.]: "Washington[s.n.], 2005")
BOOK_RE = re.compile(
    r"^(?:(?P<edition>Rev\.\s*ed|[^.:,]{1,20}?(?:版|(?:增订|修订|刻|影印|重印)本|ed|edition|学位论文|论文|译|译注|校注|主编|编))"
    r"\s*+\.\s*+)?"
    rf"(?!https?\s*+:)(?P<place>\[[^\]]*\]|[^:;,.\[]+?{_END}(?:,\s*+(?:[A-Z]{{2}}|[A-Z]\.\s?[A-Z]\.|[A-Z][a-z]{{1,12}}\.?))?)"
    r"(?:\s*+[:;]\s*+|\s*+(?=\[[Ss]\.\s?[Nn]\.?\]))"
    rf"(?P<publisher>[^:]+?){_END}\s*+[,.]\s*+{_YEAR_FORMS}\s*+{_PAGES}?{_CLOSE}")
# A book's publisher and year with no place before them: Springer Berlin Heidelberg, 2010
PUBLISHER_YEAR_RE = re.compile(
    rf"^(?P<publisher>[^:,.\[]{{3,80}}?){_END}\s*+,\s*+(?P<year>\d{{4}})(?P<suffix>[a-z]?)\s*+{_PAGES}?{_CLOSE}")
# Author-year system, journal without its year: 刊名, 28(11): 2178-2183   Acta Bot Sin, 44(6): 617-626
# (also "Agric Res Arid Areas 36(2):131-136", the comma before the volume left out)
AY_JOURNAL_RE = re.compile(
    rf"^(?!\d{{1,4}}\s*+\()(?P<container>[^,]+?){_END}(?:\s*+,\s*+|\s++(?=\d)|(?=\(\s*\d))(?P<volume>[^(:,]+?{_END})?\s*+{_ISSUE}?\s*+"
    rf"{_PAGES}?{_CLOSE}")
# Author-year system, a journal whose name holds a colon or commas, known by the volume(issue): pages
# after it: Assessment in Education: Principles, Policy & Practice, 5(1): 7-74
AY_JOURNAL_LONG_RE = re.compile(rf"^(?P<container>[^\[\]]{{2,200}}?){_END}\s*+,\s*+(?P<volume>\d{{1,4}}){_END}\s*+"
                                rf"{_ISSUE}\s*+{_PAGES}{_CLOSE}")
# Author-year system, book without its year: 北京: 科学出版社   Beijing: Science Press: 12-13
# Washington, DC: National Academy Press (a place with its state or country after a comma)
AY_BOOK_RE = re.compile(rf"^(?:In\s[^.]{{1,60}}\.\s*+)?(?P<place>[^:;,.\[]+?(?:,\s*+[A-Z][A-Za-z.]{{1,12}}(?=\s*+[:;]))?){_END}"
                        rf"\s*+[:;]\s*+(?P<publisher>[^:]+?){_END}\s*+"
                        rf"{_PAGES}?{_CLOSE}")  # "In Flora of X. Beijing: Science Press"
# Author-year system, book whose cited pages follow a comma: 南京: 江苏古籍出版社, 288.
AY_BOOK_PAGES_RE = re.compile(rf"^(?P<place>[^:;,.\[]+?){_END}\s*+:\s*+(?P<publisher>[^:,]+?){_END}\s*+,\s*+"
                              rf"(?P<pages>(?:序|第)?\d{{1,5}}(?:\s*+[-–~]\s*+\d{{1,5}})?){_CLOSE}")
# Author-year system, a thesis's place and institution with a comma for the colon: Linan, Zhejiang A&F University.
AY_THESIS_COMMA_RE = re.compile(rf"^(?P<place>[^:;,.\[\d]{{2,30}}?){_END}\s*+,\s*+"
                                rf"(?P<publisher>[^:;,\[\d]{{3,80}}?){_END}{_CLOSE}")
# Author-year system, a publisher without its place, the pages after a comma: Peking University Press, 12-13.
AY_PUBLISHER_PAGES_RE = re.compile(rf"^(?P<publisher>[^:;,.\[\d]{{3,80}}?){_END}\s*+,\s*+"
                                   rf"(?P<pages>\d{{1,5}}(?:\s*+[-–~]\s*+\d{{1,5}})?){_CLOSE}")
# A thesis's institution, then its place: 武汉理工大学, 武汉, 2013   Zhejiang A&F University, Linan, 2010
THESIS_PLACE_AFTER_RE = re.compile(
    rf"^(?P<publisher>[^:,.\[]{{2,80}}?){_END}\s*+,\s*+(?P<place>[^:,.\[\d]{{2,30}}?){_END}\s*+,\s*+"
    rf"(?P<year>\d{{4}})(?P<suffix>[a-z]?)\s*+{_PAGES}?{_CLOSE}")
# An edition standing alone before the imprint: 15th ed  2版  第3版
#   (also the kinds of copy GB/T 7714 names as editions: 增订本 修订本 刻本 影印本 重印本)
_EDITION_HEAD_RE = re.compile(r"^[^.:,]{0,20}(?:版|(?:增订|修订|刻|影印|重印)本|\bed|\bedition|\bEd)\.?$")
# A series statement: Lecture Notes in Computer Science: Vol 1234  Springer Series in Statistics  XX丛书:第3卷
_SERIES_RE = re.compile(r"\b(?:vols?|volume|series|lecture\s+notes)\b|丛书|文库|系列|第\s*\d+\s*[卷辑册]", re.IGNORECASE)
# Words where pages stand: a second publisher's name, "Missouri Botanical Garden Press" (three letters
# or more in a row; a page may carry one or two: S186, e28, xii)
_WORDS_RE = re.compile(r"[A-Za-z\u4e00-\u9fff]{4,}")
# Other responsibility, which GB/T 7714 puts there: 韩谦, 译   王五, 主编   eds. A. Smith   trans. B. Lee
_RESPONSIBLE_RE = re.compile(r"(?:译|译注|校注|主编|编著|编|整理|点校)$|\b(?:eds?|trans|translated|edited)\b", re.IGNORECASE)
# Year only (publisher unknown): 2020: 12-13
YEAR_ONLY_RE = re.compile(rf"^(?P<year>\d{{4}})(?P<suffix>[a-z]?)\s*+{_PAGES}?{_CLOSE}")
# A date element (patents, standards): 2012-04-05.
DATE_ONLY_RE = re.compile(rf"^(?P<date>\d{{4}}-\d{{1,2}}-\d{{1,2}})\s*+{_PAGES}?{_CLOSE}")
# A volume in a book title: 习近平谈治国理政(第4卷)   题名:第4卷   Vol. 2
VOLUME_IN_TITLE_RE = re.compile(r"(?:[(:]\s*)?第\s*(?P<v>\d+|[一二三四五六七八九十]+)\s*卷\s*\)?|\bVol\.?\s*(?P<w>\d+)",
                                re.IGNORECASE)
# What marks the host of a part: "//" (also OCR's single "/" before a space or letter): [C]// Proc …
_HOST_RE = re.compile(r"^/{1,2}(?!/)\s*")
# A number OCR wrote with letters for digits: 2O1O  20o9  31(1O)  l38 — a run of digits and O o I l
# holding at least one digit and one letter, not part of a word
_OCR_NUMBER_RE = re.compile(r"(?<![A-Za-z\d])(?=[\dOoIl]*\d)(?=[\dOoIl]*[OoIl])[\dOoIl]{2,}(?![A-Za-z\d])")
# Where an English rendering appended to a Chinese entry may start: "…1202-1212 Guo K,…"
# "….(Liu Bing,Xia Shixiong…)"  "…[Wang Zhuo,Guo Yuefeng…]"
_TRANSLATION_RE = re.compile(r"(?<=[\d.。．)\]）])\s*+[(\[（［]?\s*+(?=[A-Z][A-Za-z'\-]+[\s,.])")
# A type code (and a version) closing the text before a point: "…[PP/OL]."  "…［J］．"  "…[DS/OL]. V1."
_CODE_JUST_BEFORE_RE = re.compile(r"[\[［]\s*[A-Z]{1,2}\s*(?:/\s*[A-Z]{2}\s*)?[\]］]\s*[.。．]?\s*"
                                  r"(?:V\d{1,3}(?:\.\d{1,3}){0,2}\s*[.。．]?\s*)?$")
# Any four-digit year in a plausible range, also inside OCR noise: (1981)
ANY_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")


def _ocr_notes(text: str) -> tuple[str, ...]:
    """ "year '2O14' read as 2014 (OCR damage?)" for the first few numbers OCR spelt with letters."""
    notes = []
    for m in itertools.islice(_OCR_NUMBER_RE.finditer(text), 3):
        value = m.group(0).translate(OCR_DIGITS)
        what = "year" if ANY_YEAR_RE.fullmatch(value) else "number"
        notes.append(f"{what} {m.group(0)!r} read as {value} (OCR damage?)")
    return tuple(notes)


def translation_start(text: str) -> int | None:
    """Where a Chinese entry's English rendering begins, if one is run on after it."""
    if han_count(text) < 4:
        return None
    for m in itertools.islice(_TRANSLATION_RE.finditer(text), 40):
        if _CODE_JUST_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
            continue  # "…[PP/OL]. PSSXiv (2024-07-02)…", "…[DS/OL]. V1. Sciencedatabank": the entry's own platform
        rest = text[m.start():]
        if han_count(rest) <= 2 and sum(ch.isascii() and ch.isalpha() for ch in rest) >= 15 and han_count(
                text[:m.start()]) >= 4:
            return m.start()
    return None


# Authors as economics journals print them, the first inverted and the others initials first, each
# initial with its point: "Autor, D., D. Dorn, L. F. Katz, and J. Van Reenen."  "Graetz, G., and G. Michaels."
_SURNAME = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]{1,30}(?:[-'’ ][A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]{1,30}){0,2}"  # Van Reenen  Goldsmith-Pinkham  Şahin
_INITIALS = r"[A-Z]\.(?:[ -]?[A-Z]\.){0,3}"  # M. W. L.  J.-P.
_INITIALS_FIRST_RE = re.compile(
    rf"^(?P<names>{_SURNAME}, ?{_INITIALS}(?:,? (?:and |& )?{_INITIALS} {_SURNAME}){{1,30}})\.(?=\s|$)")
MAX_HEAD = 600  # characters of an entry's head read for its authors
# A title run into what an author-year head took for the authors: "IFR. World Robotics" of
# "IFR. World Robotics 2021: Industrial Robots[R]…" (a word, its period, then words of a title)
_TITLE_IN_NAME_RE = re.compile(r"[A-Za-z]{2}\.[ \t][A-Z][a-z]+[ \t][A-Za-z]")
# Initials opening an organisation's name: "U.S." "U.K." (two or three letters, each with its point)
_LEADING_INITIALS_RE = re.compile(r"^(?:[A-Z]\.){2,3}(?=\s?[A-Z][a-z])")


def _split_head(raw: str, folded: str) -> tuple[tuple[str, ...], bool, str]:
    """Authors and title from the text before the type code ("习近平. 论…" or just "论…")."""
    if (aea := _INITIALS_FIRST_RE.match(folded[:MAX_HEAD])) is not None:  # the periods of initials end no element
        names, et_al = split_authors(raw[:aea.end("names")])
        return names, et_al, raw[aea.end():].strip()
    initials = _LEADING_INITIALS_RE.match(folded)
    for m in re.finditer(r"\.", folded):
        i = m.start()
        if 0 < i < len(folded) - 1 and folded[i - 1].isdigit() and folded[i + 1].isdigit():
            continue  # "0.44" inside a title
        if initials is not None and i < initials.end():
            continue  # "U.S.Department of Transportation. …": the abbreviation opening a body's name
        head, rest = raw[:i].strip(), raw[i + 1:].strip()
        if not head or not rest or len(head) > 120 or any(q in head for q in "《“\"?？"):
            break
        names, et_al = split_authors(head)
        # (a name is short — a title read as one is not — but an organisation's may be long:
        # "United Nations Department of Economic and Social Affairs")
        if names and all(len(n) <= 40 or (len(n) <= 100 and read_name(n).organisation) for n in names):
            return names, et_al, rest
        break
    return (), False, raw.strip()


def _split_periods(folded: str) -> list[int]:
    """Offsets of the periods that separate elements (not the one in "0.44")."""
    return [i for i, ch in enumerate(folded) if ch == "." and not (
        0 < i < len(folded) - 1 and folded[i - 1].isdigit() and folded[i + 1].isdigit())]


MAX_HOST_PERIODS = 32  # periods of a host part tried as the start of its publication data


def _volume_from_title(title: str | None) -> str | None:
    if not title:
        return None
    m = VOLUME_IN_TITLE_RE.search(title)
    return (m.group("v") or m.group("w")) if m else None


def parse_entry(raw: str, span: Span, *, index: int = 0, number: int | None = None,
                label: str | None = None) -> Reference:
    """Split one entry into fields.  Never raises; unreadable text lands in ``unparsed``."""
    # OCR's TeX math: "$3 3 ( 1 ) : 3 1 7$" → "33(1):317"; then Markdown read as the words it shows:
    # "*Nature*, *585*(7825)" → "Nature, 585(7825)" (parse/markup.py; math's own _ and \ are gone by then)
    text = plain_text(demath(raw.strip()))
    repaired = _OCR_NUMBER_RE.sub(lambda m: m.group(0).translate(OCR_DIGITS), text)
    notes: tuple[str, ...] = ()
    if repaired != text:
        notes = _ocr_notes(text)
        text = repaired
    translation = translation_start(text)
    if translation is not None:  # "…[J].刊名,2014,51(6):1202-1212 Guo K,Zhang XM…": the English rendering
        text = text[:translation].rstrip()
    folded = fold_width(text, keep_enumeration_comma=False)
    language = Language.ZH if is_chinese(text) else Language.EN
    base = Reference(raw=raw.strip(), span=span, index=index, number=number, label=label,
                     language=language, notes=notes)
    key = entry_key(text)
    if key is not None and key.original is not None:
        base = replace(base, original_authors=key.original.authors, original_year=key.original.year)
        cut = original_start(folded)
        if cut is not None:  # the bracketed original is read for its key, the fields from the entry itself
            text, folded = text[:cut].rstrip(), folded[:cut].rstrip()
            base = replace(base, language=Language.ZH if is_chinese(text) else Language.EN)
    code_match = next((m for m in TYPE_RE.finditer(folded) if m.group("code") in TYPE_CODES
                       and (m.group("carrier") is None or m.group("carrier") in CARRIERS)), None)
    if code_match is None:
        ref = parse_apa(text, folded, base) or _parse_unknown(text, folded, base)
        return _with_key(ref, key, text)

    fields: dict[str, object] = {"type_code": code_match.group("code"),
                                 "carrier": code_match.group("carrier")}
    if key is not None and re.search(r"\w{2}", folded[key.head_end:code_match.start()]) and not any(
            _TITLE_IN_NAME_RE.search(a) for a in key.authors):
        # GB/T 7714 著者-出版年制: "CHEN D M, 1993. 题名[M]. 出版地: 出版者." — the year follows the authors
        title = text[key.head_end:code_match.start()].strip(" .,:")
        early = LEADING_DATES_RE.match(fold_width(title))
        if early is not None:  # "…, 2019. (2019-09-19) [2020-03-22]. Title[EB/OL]": the dates before the title
            fields.update(update_date=iso_date(early.group("update")), access_date=iso_date(early.group("access")),
                          misplaced=("dates before title",))
            title = title[early.end():].strip(" .,:")
        fields.update(authors=key.authors, et_al=key.et_al, title=title or None, year=key.year,
                      year_suffix=key.suffix, notes=tuple(dict.fromkeys((*base.notes, *key.repairs))),
                      damaged_year=key.damaged_year)
    else:
        authors, et_al, title = _split_head(text[:code_match.start()], folded[:code_match.start()])
        fields.update(authors=authors, et_al=et_al, title=title or None)
    code = code_match.group("code")
    if isinstance(fields.get("title"), str):
        _title_elements(fields, code)
    tail_start = code_match.end()
    tail = folded[tail_start:]

    # URL and DOI come last in an entry; take them out first so their dots cannot confuse.
    url_m = URL_RE.search(tail)
    if url_m:
        url_end = url_end_in(tail, url_m)
        url = text[tail_start + url_m.start():tail_start + url_end]
        url = re.sub(r"\s+", "", url).rstrip(".,;")  # the entry's own closing punctuation is not part of the URL
        fields["url"] = url
        rest_end = url_m.start()
        if (cstr := CSTR_RE.search(tail, url_end)) is not None and not fields.get("identifier"):
            fields["identifier"] = cstr.group(0).rstrip(".,;")
    else:
        rest_end = len(tail)
    doi_m = DOI_RE.search(tail, url_end if url_m else 0)
    if doi_m is None and url_m:
        doi_m = DOI_RE.search(url_m.group(0))
    if doi_m:
        fields["doi"] = doi_m.group("doi").rstrip(".,;")
        if not url_m:
            rest_end = min(rest_end, doi_m.start())
    dates_m = DATES_RE.search(tail, 0, rest_end) or UPDATE_ONLY_RE.search(tail, 0, rest_end)
    if url_m and (dates_m is None or "access" not in dates_m.groupdict()):
        # "[EB/OL]. https://…. [2017-09-15]"  "https://…/a.html,2010-11-1": the access date after the URL
        late = DATES_RE.search(tail, url_m.end()) or LATE_DATE_RE.search(tail, url_m.start())
        if late:
            fields["access_date"] = iso_date(re.sub(r"\s+", "", late.group("access")))
            if late.groupdict().get("update"):
                fields["update_date"] = iso_date(late.group("update"))
            fields["misplaced"] = ("access date",)
            if late.start() < url_m.end():  # glued to the URL: not part of it
                fields["url"] = text[tail_start + url_m.start():tail_start + late.start()].rstrip(".,;，； ")
    if dates_m:
        update = dates_m.group("update")
        if update and len(update) == 4:  # "(2021)": a data set's year of publication, not a date
            fields["year"] = fields.get("year") or update
        else:
            fields["update_date"] = iso_date(update)
        if "access" in dates_m.groupdict():
            fields["access_date"] = iso_date(dates_m.group("access"))
        rest_end = dates_m.start()
        if code in ("DS", "PP"):  # "V1.0. 国家基础学科公共科学数据中心(2023-09-10)": version and platform
            version, platform = version_and_platform(text[tail_start:tail_start + rest_end].lstrip(" ."),
                                                     tail[:rest_end].lstrip(" ."))
            fields.update(edition=version, publisher=platform)
            rest_end = 0
    if code == "CM" and (size := size_start(tail[:rest_end])) is not None:
        rest_end = size  # "… 2016. 138cm×96cm.": the map's size closes the entry
    body_start = 0
    body = tail[:rest_end]
    stripped = body.lstrip(" .")
    body_start = len(body) - len(stripped)
    if (responsible := responsible_before_host(stripped)):  # "张三，译//…": the part's translator
        body_start += responsible
        stripped = stripped[responsible:]
    host_mark = _HOST_RE.match(stripped)
    if host_mark:
        body_start += host_mark.end()
        host = text[tail_start + body_start:tail_start + rest_end]
        host_folded = tail[body_start:rest_end]
        # "[主编. ]书名. 出版地: 出版者, 年: 页": the publication part starts after the first
        # period whose remainder reads as publication data; before it, editors and host title.
        pub = host
        dots = _split_periods(host_folded)[:MAX_HOST_PERIODS]
        imprints = (BOOK_RE, YEAR_ONLY_RE, JOURNAL_RE) + (
            (AY_BOOK_PAGES_RE, AY_BOOK_RE, AY_PUBLISHER_PAGES_RE) if fields.get("year") else ())
        tries = [(p, d) for p in imprints for d in dots]
        for pattern, dot in tries:
            found = pattern.match(host_folded[dot + 1:].strip())
            if found and not (pattern is AY_BOOK_RE and _WORDS_RE.search(found.group("pages") or "")):
                head_raw, pub = host[:dot], host[dot + 1:]
                h_authors, _, h_title = _split_head(head_raw, host_folded[:dot])
                if h_authors and h_title:
                    fields["host_authors"] = h_authors
                    fields["container"] = h_title.strip()
                elif (body_dot := _corporate_head(host_folded[:dot])) is not None:
                    fields["host_authors"] = (head_raw[:body_dot].strip(),)
                    fields["container"] = head_raw[body_dot + 1:].strip()
                else:
                    fields["container"] = head_raw.strip()
                break
        consumed = len(host) - len(pub)
        body_start += consumed
    pub_raw = text[tail_start + body_start:tail_start + rest_end].strip()
    pub_folded = fold_width(pub_raw).strip()
    leftover = _publication(fields, pub_raw, pub_folded, code, year_known=fields.get("year") is not None)
    if host_mark and code == "C" and not fields.get("container") and not fields.get("place") and fields.get("publisher"):
        fields["container"] = fields.pop("publisher")  # "[C]//2022 6th ACAIT, 2022: 2": the meeting, its year
    if code_match.group("code") == "D" and not fields.get("place"):
        _thesis_place(fields, pub_raw, pub_folded, leftover)
        leftover = None if fields.get("place") else leftover
    if fields.get("year") is None:
        for name in ("date", "update_date"):
            value = fields.get(name)
            if isinstance(value, str):
                fields["year"] = value[:4]
                break
    if fields.get("volume") is None and fields.get("type_code") != "J":
        fields["volume"] = _volume_from_title(title)
    if leftover:
        fields["unparsed"] = leftover
    return with_fields(base, fields)


# A corporate body in its own name, book-title marks and all, before the host title: 《环球科学》杂志社.
_CORPORATE_HEAD_RE = re.compile(r"^[^.]{2,40}?[社会部局院所馆委厅办司处](?=\.)")


def _corporate_head(folded: str) -> int | None:
    """Where a host's corporate editor ends ("《环球科学》杂志社. 认识记忆力"), if one opens it."""
    m = _CORPORATE_HEAD_RE.match(folded)
    return m.end() if m else None


# The year closing a standard's number: GB/T 3792—2021  ISO 21378:2019  (en) after it allowed
STANDARD_YEAR_RE = re.compile(r"[—–\-:]\s*(?P<year>(?:19|20)\d{2})(?:\s*\(\w{1,2}\))?$")


def _title_elements(fields: dict[str, object], code: str) -> None:
    """What GB/T 7714—2025 prints in the title's place that is not title: a standard's number before
    it, a report's, patent's or archive's number after it, a map's scale after it."""
    title = str(fields["title"])
    folded = fold_width(title)
    if code == "S" and (start := standard_number(folded)):
        number = title[:start].strip()
        fields.update(identifier=number, title=title[start:].strip() or None)
        if (year := STANDARD_YEAR_RE.search(fold_width(number))) is not None:
            fields["year"] = year.group("year")  # GB/T 3792—2021: the year the standard was issued
    elif code in NUMBERED_TYPES and (at := trailing_number(folded)) is not None:
        fields.update(identifier=title[at:].strip().lstrip(":：").strip(), title=title[:at].strip() or None)
    elif code == "CM" and (at := scale_start(folded)) is not None:
        fields["title"] = title[:at].strip() or None


def _publication(fields: dict[str, object], raw: str, folded: str, code: str, *, year_known: bool = False) -> str | None:
    """Fill publication fields from the element after the title; return what was not read.

    ``year_known``: the year stood after the authors (author-year system), so the publication
    element may have none: "刊名, 28(11): 2178-2183."  "北京: 科学出版社."
    """
    if not folded.strip(" ."):
        return None
    if code in ("J", "N") and (skip := responsible_before_serial(folded)):
        raw, folded = raw[skip:], folded[skip:]  # (the translator of an article: where GB/T 7714 has it)
    if code == "J" and (serial := holdings(raw, folded)) is not None:  # a journal cited whole: 1984, 1(1)—. …
        fields.update(year=serial.year, volume=serial.volume, issue=serial.issue, place=serial.place,
                      publisher=serial.publisher)
        return None
    # (a journal article published online first has a date and no volume: 刊名, 2024-05-09.)
    order: tuple[re.Pattern[str], ...] = {"J": (JOURNAL_RE, BOOK_RE, NEWSPAPER_RE),
                                          "N": (NEWSPAPER_RE, JOURNAL_RE)}.get(
        code, (BOOK_RE, PUBLISHER_YEAR_RE, JOURNAL_RE, NEWSPAPER_RE))
    if year_known:
        order = (*order, AY_JOURNAL_RE, AY_JOURNAL_LONG_RE, AY_BOOK_PAGES_RE, AY_BOOK_RE) if code == "J" else (
            *order, AY_BOOK_PAGES_RE, AY_BOOK_RE, AY_PUBLISHER_PAGES_RE, AY_JOURNAL_RE)
        if code == "D":
            order = (AY_THESIS_COMMA_RE, *order)
    # (a book's imprint after translators or an edition: "张建华, 译. 北京: 北京大学出版社." — also in
    # the author-year system, where the imprint has no year and must not be read as a journal's)
    imprints = (BOOK_RE, PUBLISHER_YEAR_RE, AY_BOOK_PAGES_RE, AY_BOOK_RE) if year_known else (BOOK_RE, PUBLISHER_YEAR_RE)
    if code not in ("J", "N") and not any(p.match(folded) for p in imprints) \
            and _imprint_after_head(fields, raw, folded, code, imprints, year_known):
        return None
    for pattern in (*order, YEAR_ONLY_RE, DATE_ONLY_RE):
        m = pattern.match(folded)
        if m is None:
            continue
        _take(fields, raw, m, year_known)
        return None
    return raw.strip() or None


def _imprint_after_head(fields: dict[str, object], raw: str, folded: str, code: str,
                        imprints: tuple[re.Pattern[str], ...], year_known: bool) -> bool:
    """The imprint after what stands before it: an edition ("15th ed. AOAC International, 1990"),
    a meeting's proceedings ("Adaptive Optical System Technologies. SPIE, 1998: 517-521"), or a
    series ("Lecture Notes in Computer Science: Vol 1234. Berlin: Springer, 2005", out of GB/T
    7714's order) — read as such, so that the publisher after it is not missing."""
    for dot in _split_periods(folded)[:MAX_HOST_PERIODS]:
        rest = folded[dot + 1:]
        lead = len(rest) - len(rest.lstrip())
        head = raw[:dot].strip()
        if not head:
            continue
        for pattern in imprints:
            m = pattern.match(rest[lead:])
            if m is None or any(_unbalanced(m.group(k)) for k in ("place", "publisher") if k in m.groupdict()):
                continue  # "P. Schrodt (Thousand Oaks, CA: Sage)": a bracket cut in two is no imprint
            if pattern in (AY_BOOK_RE, AY_BOOK_PAGES_RE) and (not (_RESPONSIBLE_RE.search(head) or _EDITION_HEAD_RE.match(head))
                                          or _WORDS_RE.search(m.group("pages") or "")):
                # without a year, "X. Y: Z" is an imprint only after a translator or an edition, and
                # only when what stands as pages is no second imprint ("…; St. Louis: Missouri … Press: 463")
                continue
            _take(fields, raw[dot + 1 + lead:], m, year_known)
            if _EDITION_HEAD_RE.match(head):
                fields["edition"] = head
            elif code == "C":
                fields["container"] = head  # the proceedings (its "//" missing: CG314's matter)
            elif code == "M" and _SERIES_RE.search(head) and not _RESPONSIBLE_RE.search(head):
                fields["misplaced"] = ("series",)  # (not a host book: no container, no "//")
            # (translators "韩谦, 译", a degree "Ph.D Thesis", a report number: where GB/T 7714 has them)
            return True
    return False


def _unbalanced(value: str | None) -> bool:
    return bool(value) and value is not None and value.count("(") != value.count(")")


def _take(fields: dict[str, object], raw: str, m: re.Match[str], year_known: bool) -> None:
    """The fields a publication pattern matched, cut from the original text."""
    groups = m.groupdict()
    for key in ("container", "place", "publisher", "volume", "issue", "edition"):
        if key in groups:
            value = cut(raw, m, key)
            if value is not None:
                fields[key] = value
    if groups.get("year") and not year_known:
        fields["year"] = m.group("year")
        fields["year_suffix"] = m.group("suffix") or ""
    if groups.get("date"):
        fields["date"] = iso_date(m.group("date"))
    elif groups.get("monthday") and groups.get("year"):  # an archive's formation date: 1931-11-07
        fields["date"] = iso_date(m.group("year") + m.group("monthday"))
    fields["pages"] = split_pages(cut(raw, m, "pages") if "pages" in groups else None)
    if m.re is NEWSPAPER_RE and groups.get("edition") and not fields["pages"]:
        fields["pages"] = split_pages(cut(raw, m, "edition"))  # a newspaper's 版次 is the page it is on


def _thesis_place(fields: dict[str, object], raw: str, folded: str, leftover: str | None) -> None:
    """A thesis's place written inside its institution ("华北电力大学(北京), 2013") or after it
    ("武汉理工大学, 武汉, 2013"): read, and noted as out of GB/T 7714's order (place: institution)."""
    institution = fields.get("publisher")
    if isinstance(institution, str) and (inside := place_in_institution(institution)) and inside[1]:
        fields.update(place=inside[0], misplaced=("place",))
        return
    m = THESIS_PLACE_AFTER_RE.match(folded) if leftover else None
    if m:
        fields.update(publisher=cut(raw, m, "publisher"), place=cut(raw, m, "place"), year=m.group("year"),
                      year_suffix=m.group("suffix") or "", pages=split_pages(cut(raw, m, "pages")),
                      misplaced=("place",))


def _with_key(ref: Reference, key: EntryKey | None, text: str) -> Reference:
    """An entry without a type code: what the author-year head says fills what the APA reading
    left empty (CSE and Chicago name-year, 中国语文 style, APA the APA reading could not split)."""
    if key is None:
        return ref
    if ref.style is EntryStyle.UNKNOWN or not ref.authors:
        title = text[key.head_end:].strip(" .,:") if ref.style is EntryStyle.UNKNOWN else ref.title
        ref = replace(ref, authors=key.authors, et_al=key.et_al, style=key.style, title=title or None,
                      unparsed=None if ref.style is EntryStyle.UNKNOWN else ref.unparsed)
    elif key.authors and len(key.authors) != len(ref.authors):
        # the key reader folds full-width commas and joins initials ("Bar，M.，& Neta，M." is two
        # names); where the two readings disagree on how many authors there are, it is the surer
        ref = replace(ref, authors=key.authors, et_al=key.et_al or ref.et_al)
    if ref.year != key.year or ref.year_suffix != key.suffix or key.damaged_year:
        ref = replace(ref, year=key.year, year_suffix=key.suffix, damaged_year=key.damaged_year)
    notes = tuple(dict.fromkeys((*ref.notes, *key.repairs)))
    return replace(ref, notes=notes) if notes != ref.notes else ref


def _parse_unknown(text: str, folded: str, base: Reference) -> Reference:
    """No type code and not APA: keep what is certain (URL, DOI, a year) and the raw text."""
    fields: dict[str, object] = {"style": EntryStyle.UNKNOWN, "unparsed": text}
    url_m = URL_RE.search(folded)
    if url_m:
        fields["url"] = text[url_m.start():url_m.end()].rstrip(".,;")
    doi_m = DOI_RE.search(folded)
    if doi_m:
        fields["doi"] = doi_m.group("doi").rstrip(".,;")
    years = ANY_YEAR_RE.findall(folded)
    if years:
        fields["year"] = years[-1]
    return with_fields(base, fields)
