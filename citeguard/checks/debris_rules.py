"""CG317–CG318: what does not belong in an entry, and elements written in a form no reader can use.

Word manuscripts carry what reference managers, web pages and conversions leave behind: raw
markup ("<I>Nature</I>"), an empty "[]" where a number or type code was lost, a stray "and," from
a name split wrongly, Wikipedia's back-link letters ("^ a b c") pasted with a citation.  And some
elements are printed in a form that looks like data but reads wrong: a volume run into an article
number ("2026, 133111039-111039"), a page range joined by a colon ("102:104"), the year printed
again where the volume stands ("2019, 2019(8)").  Valid forms are left alone: full-width ranges
("4－17＋43"), section-numbered pages ("2-1-2-26").  Read from the entry's printed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeguard.chars import fold_width
from citeguard.checks.entry_style import EntryText, all_entries, entry_finding
from citeguard.checks.reading import gbt_entry
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Finding, Severity

MAX_ENTRY = 2000  # characters of an entry searched
DEBRIS_EACH = 5  # entries with the same leftover each their own finding; more are said once, naming them
DEBRIS_NAMED = 10  # entries such a finding names before "and N more"

# Each kind of debris: (its pattern, what it is, 中文)
_DEBRIS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # raw markup: <I>  </i>  <b>  <sup>  <em>
    (re.compile(r"</?(?:i|b|u|em|strong|sup|sub|span|font)\b[^<>]{0,40}>", re.IGNORECASE),
     "raw markup", "未转换的标记"),
    # an empty pair of brackets: "[] 周杰." "［ ］"
    (re.compile(r"\[\s*\]"), "an empty []", "空的方括号"),
    # a stray "and," between names: "Smith J, and, C.K."
    (re.compile(r"(?:^|[,，]\s*)and\s*,\s", re.IGNORECASE), "a stray 'and,' among the authors", "著者中多余的“and,”"),
    # Wikipedia's back-links pasted in: "^ a b c"  " a b c "
    (re.compile(r"(?:\^\s*)?(?<![\w.])a b(?: [c-h])?(?![\w.])"), "Wikipedia's back-link letters", "维基百科的回链字母"),
)
# A volume run into an article number: "2026,133111039-111039" (133, then the article 111039 twice)
_RUN_TOGETHER_RE = re.compile(r"(?:1[6-9]|20)\d\d\s*,\s*(?P<joined>\d{6,12})\s*[-–]\s*(?P<number>\d{4,10})(?!\d)")
# A page range joined by a colon: "36(5): 102:104"
_COLON_RANGE_RE = re.compile(r"[:：]\s*(?P<a>\d{1,6})\s*[:：]\s*(?P<b>\d{1,6})\s*[.。]?\s*$")
# The year again where the volume stands: ", 2019, 2019(8)"
_YEAR_TWICE_RE = re.compile(r"(?P<year>(?:1[6-9]|20)\d\d)\s*,\s*(?P=year)\s*[(（]")


@rule("CG317", "entry-debris", Severity.WARNING)
def entry_debris(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """An entry holds something that is no part of it: raw markup ("<I>…</I>"), an empty "[]"
    (a number or type code lost), a stray "and," left by a reference manager's name split, or
    Wikipedia's back-link letters ("^ a b c") pasted with the entry.

    Bad: [8] [] 周杰. 人工智能与就业[J]. …   Good: [8] 周杰. 人工智能与就业[J]. …
    The same leftover in more than five entries (a numbering lost from every note) is said once,
    naming them.
    """
    hits: dict[int, list[tuple[EntryText, str]]] = {}
    for e in all_entries(ctx.document):
        text = fold_width(e.ref.raw[:MAX_ENTRY])
        if e.ref.label and text.startswith(fold_width(e.ref.label)):
            text = text[len(e.ref.label):]  # the entry's own number is no debris
        for kind, (pattern, _, _) in enumerate(_DEBRIS):
            if m := pattern.search(text):
                hits.setdefault(kind, []).append((e, m.group(0).strip()))
    for kind, found in sorted(hits.items()):
        _, what, what_zh = _DEBRIS[kind]
        if len(found) > DEBRIS_EACH:  # the same leftover in many entries: one habit (a lost numbering), said once
            labels = [e.label for e, _ in found]
            shown = ", ".join(labels[:DEBRIS_NAMED]) + (f" and {len(labels) - DEBRIS_NAMED} more"
                                                        if len(labels) > DEBRIS_NAMED else "")
            yield r.finding(found[0][0].ref.span, f"{len(found)} entries have {what} ({found[0][1]!r}): {shown}",
                            f"{len(found)} 条文献中有{what_zh}（“{found[0][1]}”）：{'、'.join(labels[:DEBRIS_NAMED])}"
                            + (" 等" if len(labels) > DEBRIS_NAMED else ""),
                            references=[e.ref.number if e.ref.number is not None else e.ref.index
                                        for e, _ in found if e.footnote is None],
                            footnotes=[e.footnote.id for e, _ in found if e.footnote is not None],
                            evidence=[("text", found[0][1])])
            continue
        for e, seen in found:
            yield entry_finding(r, e, f"{e.label}: {what} in the entry ({seen!r})",
                                f"{e.label_zh}：条目中有{what_zh}（“{seen}”）", evidence=[("text", seen)])


@rule("CG318", "element-malformed", Severity.WARNING)
def element_malformed(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """An element printed in a form that reads wrong: a volume run into an article number
    ("2026, 133111039-111039"), a page range joined by a colon ("102:104"), the year printed again
    where the volume stands ("2019, 2019(8)": redundant, said as information). Full-width ranges and
    section-numbered pages ("2-1-2-26") are valid forms.
    """
    for e in all_entries(ctx.document):
        if not gbt_entry(e.ref):
            continue
        text = fold_width(e.ref.raw[:MAX_ENTRY])
        said = ""
        said_zh = ""
        if (m := _RUN_TOGETHER_RE.search(text)) and m.group("joined").endswith(m.group("number")) and \
                len(m.group("joined")) > len(m.group("number")):
            volume = m.group("joined")[:-len(m.group("number"))]
            said = f"volume and article number run together ({m.group(0)}: volume {volume}, article {m.group('number')}?)"
            said_zh = f"卷号与文章编号连在一起（{m.group(0)}：卷 {volume}，文章编号 {m.group('number')}？）"
        elif (m := _COLON_RANGE_RE.search(text)) and int(m.group("a")) < int(m.group("b")):
            said = f"page range joined by a colon ({m.group('a')}:{m.group('b')}; GB/T 7714 writes {m.group('a')}-{m.group('b')})"
            said_zh = f"起止页码用冒号连接（{m.group('a')}:{m.group('b')}，应为 {m.group('a')}-{m.group('b')}）"
        elif m := _YEAR_TWICE_RE.search(text):
            said = f"the year printed again where the volume stands ({m.group(0)}…)"
            said_zh = f"卷号处重复了年份（{m.group(0)}…）"
        if said:  # (the year again for a volume is redundant, not wrong to find: information)
            yield entry_finding(r, e, f"{e.label}: {said}", f"{e.label_zh}：{said_zh}",
                                evidence=[("text", m.group(0) if m else "")],
                                severity=Severity.INFO if said.startswith("the year") else None)
