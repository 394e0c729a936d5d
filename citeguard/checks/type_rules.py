"""CG316: an entry's type code against its shape.

GB/T 7714 codes each entry by what the work is, and the elements that follow the code are that
type's: a journal article [J] gives 刊名, 年, 卷(期): 页码; a book [M] gives 出版地: 出版者, 年; a thesis
[D] gives 保存地: 保存单位, 年.  An entry typed [M] or [D] whose elements are a journal's, or typed [J]
whose elements are a university's and a year only, was typed wrongly (a reference manager's
record of the wrong type, or a code typed by hand) — the reader looking for it looks in the wrong
place.  Read from the entry's own text after its code, so that a parser's reading of the wrong
type's fields does not decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeguard.chars import fold_width
from citeguard.checks.entry_style import all_entries, entry_finding
from citeguard.checks.reading import gbt_entry
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Finding, Severity

# After the code, a journal's elements: ". 计算机工程, 2014, 30(9): 94-96"  ". Energy Policy, 2019, 12(3): 5-9"
# (a name with no full stop or comma in it, the year, an optional volume, the issue in parentheses, pages)
_JOURNAL_SHAPE_RE = re.compile(
    r"^\s*[.。]\s*(?P<container>[^,.。:;\[\]()]{2,60}?)\s*,\s*(?P<year>(?:1[6-9]|20)\d\d)\s*,\s*"
    r"(?P<volume>\d{1,4})?\s*\(\s*(?P<issue>[\w\-/ ]{1,12})\s*\)\s*:\s*(?P<pages>\d+\s*[-~]\s*\d+)\s*[.。]?\s*$")
# After the code, a thesis's elements: ". 北京: 北京大学, 2015"  ". 电子科技大学, 2015."  ". Stanford University, 2010"
_THESIS_SHAPE_RE = re.compile(
    r"^\s*[.。]\s*(?:[^,.:;]{1,20}:\s*)?(?P<school>[^,.:;\[\]()]{0,40}(?:大学|学院|研究院|研究所|科学院|University|"
    r"Institute of Technology))\s*,\s*(?:1[6-9]|20)\d\d\s*[.。]?\s*$")
# What names a journal even when a school's name is in it: 清华大学学报  Journal of X University
_JOURNAL_WORD_RE = re.compile(r"学报|期刊|杂志|Journal|Review|Transactions|Letters|Bulletin", re.IGNORECASE)
# A type code as the text prints it, widths folded: [M]  [D]  [J]  (not [J/OL]: an online resource's
# elements are its own)
_CODE_RE = re.compile(r"\[(?P<code>[MDJ])\]")
MAX_TAIL = 300  # characters after the code read for the shape


@rule("CG316", "type-code-shape", Severity.WARNING)
def type_code_shape(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """An entry's type code says one kind of work and its elements another: typed [M] or [D] with a
    journal article's 刊名, 年, 卷(期): 页码 (likely [J]); typed [J] with only a university and a year
    after the title, as a thesis gives them (likely [D]).

    Bad: 王志国. 物联网文件传输方法[D]. 计算机学报, 2018, 31(4): 524-529.  Good: …[J]. 计算机学报, 2018, …
    Read from the entry's text after its code, for GB/T 7714 entries of the list and of footnotes.
    """
    for e in all_entries(ctx.document):
        ref = e.ref
        if not gbt_entry(ref) or ref.type_code not in ("M", "D", "J") or ref.carrier:
            continue
        text = fold_width(ref.raw)
        code = _CODE_RE.search(text)
        if code is None:
            continue
        tail = text[code.end():code.end() + MAX_TAIL]
        printed, likely, shape = code.group("code"), "", ""
        if printed in ("M", "D") and (m := _JOURNAL_SHAPE_RE.match(tail)):
            likely, shape = "J", tail.strip(" .。")
            what, what_zh = "a journal article's journal, year, volume(issue): pages", "期刊文章的刊名、年、卷(期):页码"
        elif printed == "J" and (m := _THESIS_SHAPE_RE.match(tail)) and not _JOURNAL_WORD_RE.search(m.group("school")):
            likely, shape = "D", tail.strip(" .。")
            what, what_zh = "a thesis's institution and year only", "学位论文的保存单位和年份"
        if not likely:
            continue
        yield entry_finding(r, e, f"{e.label} is typed [{printed}] but gives {what} ({shape}): likely [{likely}]",
                            f"{e.label_zh} 的文献类型标识为[{printed}]，但著录的是{what_zh}（{shape}），应为[{likely}]？",
                            evidence=[("type", printed), ("elements", shape)], suggestion=f"[{likely}]")
