"""The desk's words, in Chinese and English (the pages pick by ?lang=, a cookie, or the browser)."""

from __future__ import annotations

_ZH = {
    "title": "引文核查编辑台", "login": "登录", "name": "用户名", "password": "密码", "logout": "退出",
    "bad_login": "用户名或密码不正确。", "too_many": "登录失败次数过多，请稍后再试。",
    "csrf": "表单已过期，请刷新页面后重试。", "no_file": "请选择要上传的稿件。",
    "admins_only": "仅管理员可以管理账户。", "user_made": "账户已建立。", "users": "账户",
    "desk": "稿件", "upload": "上传稿件", "files": "稿件文件（.docx、.pdf、.txt、.md，或 .zip）",
    "issue": "期次", "revision_of": "作为以下稿件的修改稿", "none": "（新稿件）", "send": "上传",
    "filename": "文件", "version": "版本", "status": "状态", "open": "待定", "accepted": "已采纳",
    "dismissed": "已驳回", "errors": "错误", "warnings": "警告", "uploaded": "上传时间", "all": "全部",
    "queued": "排队中", "running": "核查中", "done": "已完成", "failed": "失败", "ahead": "前面还有 {n} 篇",
    "findings": "核查意见", "severity": "级别", "rule": "规则", "state": "处理", "where": "位置",
    "message": "问题", "fix": "建议", "accept": "采纳", "dismiss": "驳回", "reopen": "重新打开",
    "comment": "评论", "reason": "驳回理由", "new": "新", "resolved": "已在本版改正",
    "keys": "快捷键：j/k 上下移动，a 采纳，d 驳回，o 重新打开，c 评论", "letter": "致作者函",
    "exports": "导出", "commented": "带批注的 Word 稿", "fixed": "修订模式的安全更正", "report": "完整报告",
    "json": "JSON 报告", "baseline": "持续集成基线", "versions": "各版本", "decided": "{who} 于 {when}",
    "empty": "尚无稿件。", "no_findings": "没有核查意见。", "missing": "找不到该页面或稿件。",
    "role": "角色", "office": "编辑部", "create": "建立账户", "error_sev": "错误", "warning_sev": "警告",
    "info_sev": "提示", "back": "返回稿件列表", "colon": "：", "page": "第 {page} 页，共 {pages} 页（{total} 篇）",
}
_EN = {
    "title": "citeguard review desk", "login": "Log in", "name": "User name", "password": "Password",
    "logout": "Log out", "bad_login": "Wrong user name or password.",
    "too_many": "Too many failed logins; try again in a few minutes.",
    "csrf": "The form has expired; reload the page and try again.", "no_file": "Choose a manuscript to upload.",
    "admins_only": "Only administrators manage accounts.", "user_made": "Account created.", "users": "Accounts",
    "desk": "Manuscripts", "upload": "Upload manuscripts", "files": "Manuscripts (.docx, .pdf, .txt, .md, or .zip)",
    "issue": "Issue", "revision_of": "Revision of", "none": "(a new manuscript)", "send": "Upload",
    "filename": "File", "version": "Version", "status": "Status", "open": "Open", "accepted": "Accepted",
    "dismissed": "Dismissed", "errors": "Errors", "warnings": "Warnings", "uploaded": "Uploaded", "all": "All",
    "queued": "queued", "running": "running", "done": "done", "failed": "failed", "ahead": "{n} ahead",
    "findings": "Findings", "severity": "Severity", "rule": "Rule", "state": "Decision", "where": "Where",
    "message": "Problem", "fix": "Suggestion", "accept": "Accept", "dismiss": "Dismiss", "reopen": "Reopen",
    "comment": "Comment", "reason": "Reason for dismissing", "new": "new", "resolved": "Fixed in this version",
    "keys": "Keys: j/k move, a accept, d dismiss, o reopen, c comment", "letter": "Letter to the author",
    "exports": "Export", "commented": "Word file with comments", "fixed": "Safe fixes as tracked changes",
    "report": "Full report", "json": "JSON report", "baseline": "Baseline for CI", "versions": "Versions",
    "decided": "{who} at {when}", "empty": "No manuscripts yet.", "no_findings": "No findings.",
    "missing": "No such page or manuscript.", "role": "Role", "office": "Office", "create": "Create account",
    "error_sev": "error", "warning_sev": "warning", "info_sev": "info", "back": "Back to the manuscripts", "colon": ": ",
    "page": "Page {page} of {pages} ({total} manuscripts)",
}


def texts(lang: str) -> dict[str, str]:
    return _ZH if lang == "zh" else _EN
