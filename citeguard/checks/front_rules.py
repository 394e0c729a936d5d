"""CG6xx: the bilingual front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Finding, Severity
from citeguard.parse.hanname import is_han_name, name_spellings

# 文章编号: ISSN(year)issue-first page-page count, e.g. 2095-8072(2026)03-0052-12
ARTICLE_ID_RE = re.compile(r"(?P<issn>\d{4}-\d{3}[\dXx])\s*[(（]\s*(?P<year>\d{4})\s*[)）]\s*(?P<issue>\d{1,2})\s*-")
# CNKI-style DOI: 10.16060/j.cnki.issn2095-8072.2026.03.004
DOI_PARTS_RE = re.compile(r"issn(?P<issn>\d{4}-?\d{3}[\dXx])\.(?P<year>\d{4})\.(?P<issue>\d{1,2})\.", re.IGNORECASE)
_ZH_NAMES = {"ISSN": "ISSN", "year": "年份", "issue": "期号"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-']*")


def issn_check_ok(issn: str) -> bool:
    """ISSN check character: weights 8..2 over the first seven digits, sum mod 11 (10 → X)."""
    digits = issn.replace("-", "").upper()
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


MAX_KEYWORD_WORDS = 6  # words of one English keyword; more in a line without separators: the separators lost


@rule("CG601", "keyword-count-mismatch", Severity.WARNING)
def keyword_counts(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The Chinese and English keyword lists have different lengths: one keyword is untranslated.

    Bad: 关键词: 甲; 乙; 丙 / Keywords: A; B.  Good: as many English keywords as Chinese ones.
    """
    fm = ctx.document.front_matter
    if fm.keywords_zh and fm.keywords_en and len(fm.keywords_zh) != len(fm.keywords_en):
        if len(fm.keywords_en) == 1 and len(fm.keywords_en[0].split()) > MAX_KEYWORD_WORDS:
            return  # one English "keyword" of many words: its separators were lost (a scan), not a keyword missing
        where = fm.keywords_en_span or fm.keywords_zh_span
        assert where is not None
        unsplit = len(fm.keywords_zh) == 1 and len(fm.keywords_zh[0]) > 10
        hint = " (the Chinese keywords are not separated by ；?)" if unsplit else ""
        yield r.finding(where, f"{len(fm.keywords_zh)} Chinese keywords but {len(fm.keywords_en)} English ones{hint}",
                        f"中文关键词 {len(fm.keywords_zh)} 个，英文关键词 {len(fm.keywords_en)} 个"
                        + ("（中文关键词之间缺少分隔符？）" if unsplit else ""),
                        evidence=[("关键词", "; ".join(fm.keywords_zh)), ("Keywords", "; ".join(fm.keywords_en))])


@rule("CG602", "term-translated-two-ways", Severity.WARNING)
def translated_two_ways(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """An English keyword does not occur in the English title or abstract, which use a near-identical
    phrase instead: one key term translated two ways.

    Bad: Keywords: new qualitative productivity forces / Title: New Quality Productive Forces ….
    Good: the same English term everywhere.
    """
    fm = ctx.document.front_matter
    text = " ".join(x.text for x in (fm.title_en, fm.abstract_en) if x is not None)
    words = _WORD_RE.findall(text.lower())
    if not words or not fm.keywords_en:
        return
    joined = " ".join(words)
    for keyword in fm.keywords_en:
        kw = _WORD_RE.findall(keyword.lower())
        if len(kw) < 2 or " ".join(kw) in joined:
            continue
        best, score = "", 0.0
        for i in range(len(words) - len(kw) + 1):
            gram = words[i:i + len(kw)]
            if not all(a == b or a[:4] == b[:4] for a, b in zip(gram, kw, strict=True)):
                continue  # every word must be the same word or share its stem (quality/qualitative)
            s = fuzz.ratio(" ".join(gram), " ".join(kw))
            if s > score:
                best, score = " ".join(gram), s
        if score >= 75 and _inflected(best.split()) != _inflected(kw):
            where = fm.keywords_en_span or (fm.title_en.span if fm.title_en else None)
            assert where is not None
            yield r.finding(where, f"keyword {keyword!r} vs {best!r} in the English title/abstract: "
                            "the same term translated two ways?",
                            f"英文关键词“{keyword}”与英文题名/摘要中的“{best}”译法不一致",
                            evidence=[("keyword", keyword), ("title/abstract", best), ("similarity", f"{score:.0f}")],
                            suggestion=f"use {best!r} as the keyword, or the keyword's wording throughout",
                            suggestion_zh=f"关键词改用 {best!r}，或全文统一使用关键词的译法")


# A plural or possessive ending: robots  technologies  boxes (not "ss": process, analysis keep theirs)
_SINGULAR_RE = re.compile(r"['’]s$|ies$|(?:(?<=[sxz])|(?<=ch)|(?<=sh))es$|(?<![su])s$")


def _inflected(words: list[str]) -> list[str]:
    """Words without a plural or possessive ending: "industrial robots" and "industrial robot" are one
    term (a keyword in the plural, the title using it as a modifier), not two translations."""
    return [_SINGULAR_RE.sub(lambda m: "y" if m.group(0) == "ies" else "", w) if len(w) > 3 else w for w in words]


def _compact(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


@rule("CG603", "author-name-pinyin", Severity.WARNING)
def author_pinyin(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The English author name is not the pinyin of the Chinese name (in either order).

    Bad: 王瑜聪 / WANG Yu-chong.  Good: 王瑜聪 / WANG Yu-cong (or Yucong Wang).
    """
    fm = ctx.document.front_matter
    if not fm.authors_zh or len(fm.authors_zh) != len(fm.authors_en):
        return
    for zh, en in zip(fm.authors_zh, fm.authors_en, strict=True):
        if not is_han_name(zh) or not 2 <= len(zh) <= 4:
            continue
        # every reading of a polyphonic character is a right romanisation (朝阳: Zhaoyang or Chaoyang)
        surnames, givens = name_spellings(zh)
        surname, given = surnames[0], givens[0]
        written = _compact(en)
        if not any(written in (_compact(s + g), _compact(g + s)) for s in surnames for g in givens):
            where = fm.title_en.span if fm.title_en else (fm.title_zh.span if fm.title_zh else None)
            if where is None:
                continue
            yield r.finding(where, f"English name {en!r} is not the pinyin of {zh} ({surname.upper()} {given})",
                            f"英文署名“{en}”与“{zh}”的拼音（{surname.upper()} {given}）不符",
                            evidence=[("pinyin", f"{surname} {given}"), ("English name", en)])


@rule("CG604", "identifiers-disagree", Severity.ERROR)
def identifiers(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """The ISSN check digit is wrong, or the DOI and the 文章编号 disagree on ISSN, year or issue.

    Bad: DOI …issn2095-8072.2026.03… with 文章编号 2095-8072(2025)03-…  Good: both 2026, issue 03.
    """
    fm = ctx.document.front_matter
    if fm.issn is not None and not issn_check_ok(fm.issn.text):
        yield r.finding(fm.issn.span, f"ISSN {fm.issn.text} has a wrong check digit", f"ISSN {fm.issn.text} 校验位错误")
    if fm.article_id is None or fm.doi is None:
        return
    a = ARTICLE_ID_RE.search(fm.article_id.text)
    d = DOI_PARTS_RE.search(fm.doi.text)
    if a is None or d is None:
        return
    for name, left, right in (("ISSN", a.group("issn").replace("-", ""), d.group("issn").replace("-", "")),
                              ("year", a.group("year"), d.group("year")),
                              ("issue", str(int(a.group("issue"))), str(int(d.group("issue"))))):
        if left.upper() != right.upper():
            yield r.finding(fm.article_id.span, f"文章编号 and DOI disagree on the {name}: {left} vs {right}",
                            f"文章编号与 DOI 的{_ZH_NAMES[name]}不一致：{left} / {right}",
                            evidence=[("文章编号", fm.article_id.text), ("DOI", fm.doi.text)])
