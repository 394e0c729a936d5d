"""Chinese for the English fragments rules put into their messages: the parser's notes, link
candidates' reasons, the names of missing entry elements, and short reasons (the Chinese message
of a finding must read in Chinese throughout; a test fails when an English word gets through)."""

from __future__ import annotations

import re

# A missing element of an entry (CG305), as GB/T 7714 names it
ELEMENTS_ZH = {
    "authors": "主要责任者", "title": "题名", "journal": "刊名", "year": "出版年", "volume, issue or pages": "卷、期或页码",
    "place": "出版地", "publisher": "出版者", "institution": "机构", "URL": "获取和访问路径（网址）",
    "access date [YYYY-MM-DD]": "引用日期[YYYY-MM-DD]", "pages": "页码", "date": "日期", "host": "析出来源",
    "school": "学位授予单位", "patent number": "专利号", "standard number": "标准号", "edition": "版本",
}

# Sentences the parser and the linker write, each with its Chinese (the groups carry over):
#   year '2O14' read as 2014 (OCR damage?)   number 'Oo5' read as 005 (OCR damage?)
_NOTES = [
    (re.compile(r"^year '(?P<v>.{0,40})' read as (?P<y>\S{1,12}) \(OCR damage\?\)$"), "年份“{v}”按 {y} 识读（疑为扫描识别错误）"),
    (re.compile(r"^year '(?P<v>.{0,40})' could not be read \(OCR damage\?\)$"), "年份“{v}”无法识读（疑为扫描识别错误）"),
    (re.compile(r"^(?P<w>number|volume|issue|page|pages) '(?P<v>.{0,40})' read as (?P<y>\S{1,20}) \(OCR damage\?\)$"),
     "数字“{v}”按 {y} 识读（疑为扫描识别错误）"),
    (re.compile(r"^(?P<n>\d+) of (?P<m>\d+) entries could not be read in full \((?P<l>.{0,400})\); their elements "
                r"were not checked$"), "参考文献表 {m} 条中有 {n} 条未能完整解析（{l}），其著录项目未作检查"),
    (re.compile(r"^(?P<n>\d+) of (?P<m>\d+) entries are in a style citeguard does not read field by field "
                r"\(neither GB/T 7714, APA nor name-year\); they are linked by number or author and year only, "
                r"their elements were not checked$"),
     "参考文献表 {m} 条中有 {n} 条的著录格式既非 GB/T 7714，也非 APA 或著者-出版年格式，仅按序号或著者与年份对应，"
     "其著录项目未作检查"),
    (re.compile(r"^same author, year (?P<y>\S{1,12}) in the entry$"), "同一著者，条目年份为 {y}"),
    (re.compile(r"^similar name (?P<n>.{1,80}), same year$"), "姓名相近（{n}），年份相同"),
    (re.compile(r"^same author and year$"), "著者与年份相同"),
]
# Short reasons of URL and page rules
_REASONS_ZH = {
    "malformed (brackets or port)": "格式错误（括号或端口）", "unknown scheme": "协议不明", "no host name": "缺少主机名",
    "space or full-width character inside": "含空格或全角字符", "open range": "页码范围不完整",
    "range runs backwards": "起止页颠倒", "not a page number": "不是页码",
}


def note_zh(text: str) -> str:
    """``text`` in Chinese when it is one of the parser's or linker's sentences, else unchanged."""
    for pattern, zh in _NOTES:
        m = pattern.match(text)
        if m:
            return zh.format(**m.groupdict())
    return _REASONS_ZH.get(text, text)


def elements_zh(names: tuple[str, ...] | list[str]) -> str:
    return "、".join(ELEMENTS_ZH.get(n, n) for n in names)
