"""The words citeguard's outputs are made of, in English and Chinese: one catalogue for every
renderer (terminal, Markdown, GitHub annotations, HTML, index page), so that a Chinese paper's
report reads in Chinese throughout. Rule messages carry both languages themselves (Finding.message
and message_zh); this module holds everything around them: labels, headings, places, evidence."""

from __future__ import annotations

from pathlib import PurePath

from citeguard.model import Confidence, Document, EntryStyle, Language, Severity, Standard
from citeguard.places import place as place  # (the renderers name places through the catalogue)
from citeguard.report.untrusted import visible_controls
from citeguard.words import plural as plural  # (English count words: "1 entry", "2 entries")

MESSAGES: dict[str, dict[str, str]] = {
    # severities and confidence
    "severity.error": {"en": "error", "zh": "错误"},
    "severity.warning": {"en": "warning", "zh": "警告"},
    "severity.info": {"en": "info", "zh": "提示"},
    "confidence.high": {"en": "high", "zh": "高"},
    "confidence.medium": {"en": "medium", "zh": "中"},
    "confidence.low": {"en": "low", "zh": "低"},
    "confidence.note": {"en": " ({level} confidence)", "zh": "（置信度{level}）"},
    "fix": {"en": " (fix: {fix})", "zh": "（建议：{fix}）"},
    # the terminal summary
    "summary.title": {"en": "citeguard audit — {path}", "zh": "citeguard 审校 — {path}"},
    "summary.family": {"en": "family", "zh": "类别"},
    "summary.total": {"en": "total", "zh": "合计"},
    "summary.other": {"en": "other", "zh": "其他"},
    "summary.standard": {
        "en": "standard: {standard} ({why})   references: {references}   citations: {citations}   "
              "footnotes: {footnotes}",
        "zh": "标准：{standard}（{why}）　参考文献：{references} 条　引用：{citations} 处　脚注：{footnotes} 条"},
    "summary.style": {
        "en": "style: {style}   references: {references}   citations: {citations}   footnotes: {footnotes}",
        "zh": "著录格式：{style}　参考文献：{references} 条　引用：{citations} 处　脚注：{footnotes} 条"},
    "summary.dated": {"en": "dated {date}", "zh": "稿件日期 {date}"},
    "summary.undated": {"en": "no date in the manuscript: default", "zh": "稿件未注明日期，采用默认版本"},
    "summary.more": {"en": "… {n} more {findings_word} in the JSON report", "zh": "… 另有 {n} 条问题，见 JSON 报告"},
    # the Markdown comment
    "md.counts": {"en": "**{errors} {errors_word}, {warnings} {warnings_word}, {infos} {infos_word}** — {standard}, "
                        "{references} {references_word}, {citations} {citations_word}",
                  "zh": "**错误 {errors} 条，警告 {warnings} 条，提示 {infos} 条** — {standard}，"
                        "参考文献 {references} 条，引用 {citations} 处"},
    "md.header": {"en": "| | code | where | finding | fix | sure |", "zh": "| | 代码 | 位置 | 问题 | 建议 | 置信度 |"},
    "md.more": {"en": "… and {n} more (see the JSON or HTML report).", "zh": "… 另有 {n} 条（见 JSON 或 HTML 报告）。"},
    "md.none": {"en": "No findings.", "zh": "未发现问题。"},
    "md.unreadable": {"en": "**could not be read**: {reason}", "zh": "**无法读取**：{reason}"},
    # the command line's own lines
    "cli.paper": {"en": "{path}: {errors} {errors_word}, {warnings} {warnings_word}, {infos} info",
                  "zh": "{path}：错误 {errors} 条，警告 {warnings} 条，提示 {infos} 条"},
    "cli.run": {"en": "{papers} papers: {with_errors} with errors, {with_warnings} with warnings only, {unreadable} "
                      "unreadable; {errors} {errors_word}, {warnings} {warnings_word}",
                "zh": "共 {papers} 篇：{with_errors} 篇有错误，{with_warnings} 篇仅有警告，{unreadable} 篇无法读取；"
                      "错误 {errors} 条，警告 {warnings} 条"},
    "cli.written": {"en": "written: {files}", "zh": "已写入：{files}"},
    "cli.baseline_hidden": {"en": "{n} {findings_word} recorded in the baseline not shown",
                            "zh": "基线中已记录的 {n} 条问题未显示"},
    "cli.comments": {"en": "{n} {comments_word} written to {path}", "zh": "已写入 {n} 条批注：{path}"},
    "cli.rows": {"en": "{n} {rows_word} written to {path}", "zh": "已写入 {n} 行：{path}"},
    "cli.exported": {"en": "{n} {entries_word} (the parsed reference list, then the works cited in footnotes) "
                           "written to {path}",
                     "zh": "已写入 {n} 条文献（参考文献表，及脚注中引用的文献）：{path}"},
    "cli.no_cjk_font": {"en": "citeguard: warning: no CJK font: the screenshot shows Chinese text as boxes; install "
                              "fonts-noto-cjk or fonts-wqy-microhei (Debian)",
                        "zh": "citeguard：警告：未找到中文字体，截图中的汉字显示为方框；请安装 fonts-noto-cjk 或 "
                              "fonts-wqy-microhei（Debian）"},
    "cli.more_written": {"en": " and {n} more in {folder}", "zh": " 等，另有 {n} 个文件在 {folder}"},
    # citeguard rules / links / ledger / parse
    "rules.header": {"en": "code|name|severity|family|summary", "zh": "代码|级别|类别|说明"},
    "links.header": {"en": "status|code|url|title / detail|published|ms", "zh": "状态|状态码|网址|标题／说明|发布日期|毫秒"},
    "links.archived": {"en": "  archived: {url}", "zh": "  存档：{url}"},
    "links.summary": {"en": "{urls} {urls_word}: {ok} ok, {problems} with problems, {unchecked} not checked "
                            "({requests} HTTP {requests_word}, {cached} from the cache){more}",
                      "zh": "网址 {urls} 个：正常 {ok} 个，有问题 {problems} 个，未检查 {unchecked} 个"
                            "（HTTP 请求 {requests} 次，{cached} 个取自缓存）{more}"},
    "links.more": {"en": "; -v lists every URL", "zh": "；加 -v 列出全部网址"},
    # links: no URL got an answer (exit code 3)
    "links.unchecked": {"en": "nothing could be checked: {why}", "zh": "无法检查任何网址：{why}"},
    "links.unchecked_offline": {"en": "--offline, and none of the links is in the cache",
                                "zh": "离线运行，且缓存中没有这些网址"},
    "links.unchecked_network": {"en": "no network (no host name resolves)", "zh": "没有网络（所有主机名均无法解析）"},
    "links.unchecked_host": {"en": "{host} does not resolve (no network, or the domain is gone)",
                             "zh": "{host} 无法解析（没有网络，或该域名已失效）"},
    "ledger.header": {"en": "page|passage|where|marks", "zh": "页码|引文|位置|标记"},
    "ledger.twice": {"en": "twice", "zh": "重复"},
    "ledger.not_in_entry": {"en": "NOT IN ENTRY", "zh": "条目未列"},
    "ledger.total": {"en": "{n} cited {pages_word}", "zh": "共引用页码 {n} 处"},
    "quotes.header": {"en": "page|quotation|verdict|found|where", "zh": "页码|引文|核对结果|所在|位置"},
    "quotes.verified": {"en": "verified", "zh": "核对无误"},
    "quotes.wrong-page": {"en": "wrong page", "zh": "页码不符"},
    "quotes.differs": {"en": "differs", "zh": "文字不符"},
    "quotes.other-work": {"en": "other work", "zh": "出自他书"},
    "quotes.not-found": {"en": "not found", "zh": "未找到"},
    "quotes.not-checked": {"en": "not checked", "zh": "未核对"},
    "quotes.total": {"en": "{n} quotations: {summary}", "zh": "引文 {n} 处：{summary}"},
    # citeguard fix
    "fix.written": {"en": "{n} {fixes_word} ({summary}) written to {path}", "zh": "已写入 {n} 处修改（{summary}）：{path}"},
    "fix.nothing": {"en": "nothing to fix", "zh": "无可修改之处"},
    "fix.unchanged": {"en": "nothing to fix: {path} left as it is", "zh": "无可修改之处：{path} 未改动"},
    "fix.tracked": {"en": "{applied} of {n} {fixes_word} written as tracked changes to {path}",
                    "zh": "{n} 处修改中的 {applied} 处已作为修订写入：{path}"},
    "fix.backup": {"en": "the original is kept as {path}", "zh": "原稿已备份为 {path}"},
    "fix.backup_kept": {"en": "{path} (an earlier original) is kept as it was",
                        "zh": "{path}（更早的原稿）保持不变"},
    "fix.bib_nothing": {"en": "nothing to fix in the .bib files (the .tex prose is never rewritten)",
                        "zh": ".bib 文件中无可修改之处（.tex 正文从不改写）"},
    "fix.bib_patch": {"en": "{n} {fixes_word} to the .bib files written as a patch to {path}",
                      "zh": "已将对 .bib 文件的 {n} 处修改写成补丁：{path}"},
}

# A paper's reference style, named where GB/T 7714 is not the one (the headers name that by edition)
STYLE_NAMES = {
    EntryStyle.APA: {"en": "APA/Harvard", "zh": "APA/Harvard"},
    EntryStyle.NAME_YEAR: {"en": "name-year (CSE, Chicago author-date)", "zh": "著者-出版年制（CSE、Chicago 等）"},
    EntryStyle.ZGYW: {"en": "Zhongguo Yuwen (作者1994《题名》)", "zh": "《中国语文》体例"},
    EntryStyle.BIBTEX: {"en": "BibTeX (.bib), as the style file prints it", "zh": "BibTeX（.bib），由样式文件排版"},
    EntryStyle.UNKNOWN: {"en": "a style citeguard does not read (Vancouver, IEEE …)",
                         "zh": "未能识别（Vancouver、IEEE 等）"},
    None: {"en": "no reference entries read", "zh": "未读到参考文献条目"},
}

# The HTML report's labels
HTML_UI = {
    "en": {"title": "citeguard report", "summary": "Summary", "findings": "Findings", "text": "Text",
           "references": "References", "links": "Links", "ledger": "Quotation ledger",
           "edition": "In the edition", "all": "all", "record": "record",
           "style": "style", "severity": "severity", "confidence": "confidence", "conf_high": "high",
           "conf_medium": "medium", "conf_low": "low", "family": "family", "code": "code", "line": "where", "message": "finding",
           "fix": "fix", "cited": "cited", "pages_cited": "pages cited", "pages_listed": "pages listed",
           "status": "status", "found": "found on the page", "claimed": "claimed in the paper",
           "archive": "archived copy", "page": "page", "quote": "passage", "where": "where", "work": "work",
           "duplicate": "page cited more than once", "not_listed": "not in the entry", "standard": "standard",
           "none": "No findings.", "times": "×", "shown": "shown", "paper_date": "dated",
           "footnotes": "Footnotes", "citations": "Citations", "cited_at": "cited at",
           "from_entry": "page from the entry",
           "unchecked": "The links were not checked (offline or no network): run the audit with network access.",
           "error": "errors", "warning": "warnings", "info": "notes", "final": "now at", "url": "URL",
           "no_entry": "no entry found", "no_footnote": "no footnote on this page",
           "chart": "References by year: Chinese (dark) and other languages (light)",
           "chart_summary": "{zh} in Chinese, {other} in other languages, {undated} without a year; median year {median}",
           "ledger_help": "Every page the paper cites, with the passage before the citation (text in quotation "
                          "marks, else the sentence). Check each against the printed book."},
    "zh": {"title": "citeguard 审校报告", "summary": "概要", "findings": "问题清单", "text": "正文",
           "references": "参考文献", "links": "网址", "ledger": "引文核对表",
           "edition": "核对结果", "all": "全部", "record": "文献记录",
           "style": "著录格式", "severity": "级别", "confidence": "置信度", "conf_high": "高", "conf_medium": "中",
           "conf_low": "低", "family": "类别", "code": "代码", "line": "位置", "message": "问题",
           "fix": "建议", "cited": "被引", "pages_cited": "正文引用页码", "pages_listed": "条目所列页码",
           "status": "状态", "found": "网页实际", "claimed": "文中著录", "archive": "存档",
           "page": "页码", "quote": "引文", "where": "位置", "work": "文献", "duplicate": "同页多次引用",
           "not_listed": "条目未列此页", "standard": "标准", "none": "未发现问题。", "times": "次",
           "shown": "显示", "paper_date": "稿件日期", "footnotes": "脚注", "citations": "正文引用", "cited_at": "引用位置",
           "from_entry": "页码取自条目", "unchecked": "网址未检查（离线或无网络），请在可联网时重新审校。",
           "error": "错误", "warning": "警告", "info": "提示", "final": "现址", "url": "网址",
           "no_entry": "参考文献表中无对应条目", "no_footnote": "本页无对应脚注",
           "chart": "参考文献的出版年份：中文（深色）与外文（浅色）",
           "chart_summary": "中文 {zh} 条，外文 {other} 条，无年份 {undated} 条；年份中位数 {median}",
           "ledger_help": "正文中所有标注页码的引用，附引文（引号内文字，否则为所在句子），供对照原书逐条核对。"},
}

# The index page of a run over many papers
INDEX_UI = {
    "en": {"title": "citeguard — {n} {papers_word}", "paper": "paper", "title_col": "title", "lang": "language",
           "errors": "errors", "warnings": "warnings", "infos": "info", "links": "links (broken)",
           "policy": "policy", "references": "references", "citations": "citations",
           "summary": "{n} {papers_word}: {e} with errors, {w} with warnings only, {c} clean, {u} unreadable",
           "unreadable": "unreadable", "no_report": "(no HTML report)", "sort": "click a column heading to sort"},
    "zh": {"title": "citeguard 审校汇总 — {n} 篇", "paper": "稿件", "title_col": "题名", "lang": "语种",
           "errors": "错误", "warnings": "警告", "infos": "提示", "links": "链接（失效）",
           "policy": "期刊规范", "references": "参考文献", "citations": "引用",
           "summary": "共 {n} 篇：{e} 篇有错误，{w} 篇仅有警告，{c} 篇无问题，{u} 篇无法读取",
           "unreadable": "无法读取", "no_report": "（未生成 HTML 报告）", "sort": "点击列标题排序"},
}

# A cited link's status, as the resolver names it, in Chinese
STATUS_ZH = {"ok": "正常", "redirected": "已跳转", "not-found": "已失效", "soft-404": "页面不存在", "blocked": "拒绝自动访问",
             "server-error": "服务器错误", "timeout": "超时", "dns-error": "域名无法解析", "connection-error": "无法连接",
             "tls-error": "证书错误", "too-large": "页面过大", "private-address": "内网地址", "invalid-url": "网址无效",
             "not-checked": "未检查"}
# What the resolver says of a link it did not fetch
DETAILS_ZH = {"offline: not checked": "离线：未检查", "network unavailable: not checked": "无网络：未检查",
              "excluded (--exclude-url): not checked": "按配置排除（--exclude-url），未检查"}
# What a finding's evidence is called (its key, as the rule wrote it) in Chinese
EVIDENCE_ZH = {
    "references": "参考文献", "stated date": "著录日期", "pinyin": "拼音", "pages": "页码", "keys": "引用键",
    "entry": "条目", "entries": "条目", "authors in entry": "条目著者", "year": "年份", "title/abstract": "题名／摘要",
    "text": "正文", "status": "状态", "sources": "来源", "since": "起始年份", "similarity": "相似度", "record": "文献记录",
    "recent": "近年文献", "page": "页码", "page title": "网页标题", "page marks": "本页脚注标记",
    "page footnotes": "本页脚注", "page date": "网页日期", "named": "文中所列", "listed page": "条目所列页码",
    "linked": "对应条目", "language": "语种", "keyword": "关键词", "key": "引用键", "found": "实际", "foreign": "外文文献",
    "first-citation order": "首次引用顺序", "expected": "应为", "entry years": "条目年份", "entry pages": "条目页码",
    "date in URL": "网址中的日期", "cited year": "引用年份", "cited title": "著录题名", "cited pages": "引用页码",
    "cited page": "引用页码", "author": "著者", "Keywords": "英文关键词", "English name": "英文姓名", "DOI": "DOI",
    "issue": "期", "pairs in full / with 等": "两位著者全列／用“等”", "footnote": "脚注", "width": "全半角",
    "spacing": "空格", "entry spacing": "条目空格", "list": "参考文献表", "citation": "引用", "URL": "网址",
    "full-width": "全角", "half-width": "半角", "spaced": "有空格", "compact": "无空格", "precision": "精度",
}
# Values of evidence that are words of citeguard's own (not the manuscript's)
VALUES_ZH = {"full": "全角", "half": "半角", "spaced": "有空格", "compact": "无空格", "mixed": "混用", "yes": "是",
             "no": "否", "none": "无", "year": "年", "month": "月", "day": "日", "text": "正文", "footnote": "脚注",
             "media": "媒体", "other": "其他"}

def t(key: str, lang: str, **values: object) -> str:
    """The catalogue's text for ``key`` in ``lang`` ("zh", else English), filled with ``values``."""
    entry = MESSAGES[key]
    text = entry["zh"] if lang == "zh" else entry["en"]
    # the values are file names, URLs and manuscript text: their control characters are written
    # out, never sent to a terminal (a paper named "a\x1b[2K.txt" must not erase a line)
    return text.format(**{k: visible_controls(v, one_line=True) if isinstance(v, str) else
                          visible_controls(str(v), one_line=True) if isinstance(v, PurePath) else v
                          for k, v in values.items()}) if values else text


def held_to_gbt(document: Document) -> bool:
    """Are the paper's entries checked against GB/T 7714: a list (or footnotes) in its style, or a
    Chinese paper's .bib (the CG3xx rules hold those to it as well)?"""
    style = document.entry_style
    return style is EntryStyle.GBT or (style is EntryStyle.BIBTEX and document.language is Language.ZH)


def standard_name(standard: Standard, lang: str) -> str:
    """ "GB/T 7714-2015"; in Chinese with the standard's own dash, "GB/T 7714—2015"."""
    return f"GB/T 7714{'—' if lang == 'zh' else '-'}{standard.value[2:]}"


def style_name(document: Document, lang: str) -> str:
    """The headers' name for a paper's reference style: its GB/T 7714 edition is named by the
    caller; this is for the others ("APA/Harvard", "no reference entries read")."""
    return STYLE_NAMES.get(document.entry_style, STYLE_NAMES[EntryStyle.UNKNOWN])["zh" if lang == "zh" else "en"]


def columns(key: str, lang: str) -> list[str]:
    """A table's column headings ("a|b|c" in the catalogue)."""
    return t(key, lang).split("|")


def severity_name(severity: Severity, lang: str) -> str:
    return t(f"severity.{severity.value}", lang)


def confidence_note(confidence: Confidence, lang: str) -> str:
    """ " (low confidence)" / "（置信度低）"; nothing for high confidence."""
    if confidence is Confidence.HIGH:
        return ""
    return t("confidence.note", lang, level=t(f"confidence.{confidence.value}", lang))


def status_name(status: str, lang: str) -> str:
    return STATUS_ZH.get(status, status) if lang == "zh" else status


def link_detail(detail: str, lang: str) -> str:
    return DETAILS_ZH.get(detail, detail) if lang == "zh" else detail


def evidence_label(key: str, lang: str) -> str:
    return EVIDENCE_ZH.get(key, key) if lang == "zh" else key


def evidence_value(value: str, lang: str) -> str:
    return VALUES_ZH.get(value, value) if lang == "zh" else value
