"""Terminal summaries rendered with rich into a string (the CLI prints it)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.console import Console
from rich.table import Table
from rich.text import Text

from citeguard.checks import Rule
from citeguard.checks.registry import FAMILIES, FAMILIES_ZH
from citeguard.ledger import LedgerRow
from citeguard.model import Document, Finding, LinkResult, Severity
from citeguard.report.audit_json import AuditResult, severity_counts
from citeguard.report.messages import (
    columns,
    confidence_note,
    held_to_gbt,
    link_detail,
    place,
    plural,
    severity_name,
    standard_name,
    status_name,
    style_name,
    t,
)
from citeguard.report.rule_names_zh import RULE_SUMMARIES_ZH
from citeguard.report.untrusted import visible_controls
from citeguard.words import counted

T = TypeVar("T")  # an item of a table printed by work


def _data(text: str) -> Text:
    """Manuscript, .bib or page text as a rich Text: never parsed as markup ("[/]", "[link=…]"),
    its control characters shown, not sent to the terminal."""
    return Text(visible_controls(text, one_line=True))


def make_console(width: int = 100, color: bool = False) -> tuple[Console, io.StringIO]:
    """A console that renders into memory."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)
    return console, buffer


def render_parse_summary(document: Document, *, width: int = 100, color: bool = False) -> str:
    """What ``citeguard parse`` found, as a small table plus the parser's issues."""
    console, buffer = make_console(width, color)
    linked = sum(1 for c in document.citations if c.reference is not None)
    footnotes = [f for f in document.footnotes if not f.is_fund_note]
    paired = sum(1 for f in footnotes if f.marker)
    table = Table(title=_data(f"citeguard parse — {document.path}"), show_header=True, header_style="bold")
    table.add_column("item")
    table.add_column("count", justify="right")
    table.add_column("detail")
    table.add_row("language", document.language.value, f"citation system: {document.system.value}")
    table.add_row("references", str(len(document.references)),
                  f"{sum(1 for r in document.references if r.style == 'unknown')} in an unknown style")
    table.add_row("citations", str(len(document.citations)), f"{linked} linked to an entry")
    table.add_row("footnotes", str(len(footnotes)), f"{paired} tied to a marker, on {counted(len(document.pages), 'page')}")
    table.add_row("footnote markers", str(len(document.markers)),
                  f"{sum(1 for m in document.markers if m.footnote)} tied to a footnote")
    urls = sum(len(f.urls) for f in footnotes) + sum(1 for r in document.references if r.url)
    table.add_row("URLs", str(urls), "")
    table.add_row("parse issues", str(len(document.issues)), "")
    console.print(table)
    for issue in document.issues[:50]:
        console.print(_data(f"{_where(document, issue.span.line, issue.span.column, issue.span.path)}: "
                            f"{issue.kind.value}: {issue.message}"), soft_wrap=True)
    if len(document.issues) > 50:
        console.print(f"… and {len(document.issues) - 50} more parse issues (see the JSON)")
    return buffer.getvalue()


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_audit_summary(result: AuditResult, *, lang: str = "en", width: int = 100, color: bool = False,
                         limit: int = 200) -> str:
    """Counts by severity and family, then the findings grouped by family with file:line:column."""
    console, buffer = make_console(width, color)
    doc = result.document
    counts = severity_counts(result.findings)
    table = Table(title=_data(t("summary.title", lang, path=doc.path)), header_style="bold")
    table.add_column(t("summary.family", lang))
    for sev in Severity:
        table.add_column(severity_name(sev, lang), justify="right", style=_STYLE[sev.value] if color else None)
    names = FAMILIES_ZH if lang == "zh" else FAMILIES
    by_family: dict[str, list[Finding]] = {}
    for f in sorted(result.findings, key=lambda x: x.code[:3]):  # families in code order
        by_family.setdefault(names.get(f.code[2], t("summary.other", lang)), []).append(f)
    for items in by_family.values():
        items.sort(key=lambda x: (x.line, x.column, x.code))
    for family, items in by_family.items():
        c = severity_counts(tuple(items))
        table.add_row(family, *(str(c[s.value]) for s in Severity))
    table.add_row(t("summary.total", lang), *(str(counts[s.value]) for s in Severity), style="bold")
    console.print(table)
    why = t("summary.dated", lang, date=result.paper_date) if result.paper_date else t("summary.undated", lang)
    sizes = {"references": len(doc.references), "citations": len(doc.citations),
             "footnotes": sum(1 for f in doc.footnotes if not f.is_fund_note)}
    # GB/T 7714 is named only for a paper in its style: an APA paper's header names APA
    console.print(t("summary.standard", lang, standard=standard_name(result.standard, lang), why=why, **sizes)
                  if held_to_gbt(doc) else t("summary.style", lang, style=style_name(doc, lang), **sizes), markup=False)
    shown = 0
    for family, items in by_family.items():
        console.print(f"\n{family}", style="bold" if color else None, markup=False)
        for f in items:
            if shown >= limit:
                break
            shown += 1
            message = f.message_zh if lang == "zh" else f.message
            line = _data(f"{_where(doc, f.line, f.column, f.path, lang)}: ")
            line.append(f"{f.code} {severity_name(f.severity, lang)}", style=_STYLE[f.severity.value] if color else "")
            line.append(confidence_note(f.confidence, lang), style="dim" if color else "")
            line.append(_data(("：" if lang == "zh" else ": ") + message))
            if f.suggestion:
                line.append(_data(f"  → {f.fix(lang)}"))
            console.print(line, soft_wrap=True)
    if len(result.findings) > shown:
        console.print(t("summary.more", lang, n=len(result.findings) - shown,
                        findings_word=plural(len(result.findings) - shown, "finding")), markup=False)
    return buffer.getvalue()


def render_rules_table(rules: list[Rule], *, width: int = 120, lang: str = "en") -> str:
    """``citeguard rules``: code, name, severity and summary of each rule."""
    console, buffer = make_console(width, False)
    table = Table(header_style="bold")
    for column in columns("rules.header", lang):
        table.add_column(column)
    for r in rules:
        if lang == "zh":  # (rule names are English identifiers: the code names the rule)
            table.add_row(r.code, severity_name(r.severity, lang), FAMILIES_ZH.get(r.code[2], ""),
                          RULE_SUMMARIES_ZH.get(r.code, r.summary))
        else:
            table.add_row(r.code, r.name, r.severity.value, r.family, r.summary)
    console.print(table)
    return buffer.getvalue()


_STATUS_STYLE = {"ok": "green", "redirected": "yellow", "not-found": "bold red", "soft-404": "red",
                 "blocked": "magenta", "not-checked": "dim"}


_FINE = frozenset({"ok", "redirected"})  # link statuses that need no one's attention


def render_links_table(results: list[LinkResult], requests: int, *, width: int = 120, color: bool = False,
                       lang: str = "en", every: bool = True) -> str:
    """``citeguard links``: one row per URL (``every``), or a summary and the links with problems."""
    console, buffer = make_console(width, color)
    table = Table(header_style="bold")
    for column in columns("links.header", lang):
        table.add_column(column, overflow="fold")
    shown = results if every else [r for r in results if r.status.value not in _FINE]
    for r in shown:
        style = _STATUS_STYLE.get(r.status.value, "yellow") if color else None
        about = _data(r.title or link_detail(r.detail, lang))
        if r.final_url and r.final_url != r.url:
            about.append("\n→ ").append(_data(r.final_url))
        table.add_row(Text(status_name(r.status.value, lang), style=style or ""), str(r.http_status or ""), _data(r.url), about,
                      _data(r.published or ""), str(r.elapsed_ms))
        if r.archive_url:
            table.add_row("", "", _data(t("links.archived", lang, url=r.archive_url)), "", "", "")
    if shown:
        console.print(table)
    cached = sum(1 for r in results if r.from_cache)
    unchecked = sum(1 for r in results if r.status.value == "not-checked")
    fine = sum(1 for r in results if r.status.value in _FINE)
    console.print(t("links.summary", lang, urls=len(results), urls_word=plural(len(results), "URL"), ok=fine,
                    problems=len(results) - fine - unchecked, unchecked=unchecked, requests=requests,
                    requests_word=plural(requests, "request"), cached=cached,
                    more="" if every or len(shown) == len(results) else t("links.more", lang)), markup=False)
    return buffer.getvalue()


def print_by_work(console: Console, items: Sequence[T], work: Callable[[T], str], header: str, lang: str,
                  cells: Callable[[T], list[str | Text]]) -> None:
    """One table per work (items of a work stand together, in order), its columns named by the
    message ``header``, each item's row given by ``cells``."""
    current = None
    table: Table | None = None
    for item in items:
        if work(item) != current:
            if table is not None:
                console.print(table)
            current = work(item)
            table = Table(title=_data(current), title_justify="left", header_style="bold")
            for column in columns(header, lang):
                table.add_column(column, overflow="fold")
        assert table is not None
        table.add_row(*cells(item))
    if table is not None:
        console.print(table)


def render_ledger_table(rows: list[LedgerRow], *, width: int = 120, lang: str = "en") -> str:
    """``citeguard ledger``: one table per work, pages in order."""
    console, buffer = make_console(width, False)

    def cells(row: LedgerRow) -> list[str | Text]:
        marks = " ".join(t(m, lang) for m, on in (("ledger.twice", row.duplicate),
                                                   ("ledger.not_in_entry", row.not_in_entry)) if on)
        return [_data(row.page), _data(("“" + row.quote + "”") if row.quoted else row.quote),
                _data(place(row.location, lang) if row.location else str(row.line)), marks]

    print_by_work(console, rows, lambda row: row.work, "ledger.header", lang, cells)
    console.print(t("ledger.total", lang, n=len(rows), pages_word=plural(len(rows), "page")), markup=False)
    return buffer.getvalue()


def _where(doc: Document, line: int, column: int, path: str = "", lang: str = "en") -> str:
    """path:line:column for text files; "paper.docx ¶12" / "paper.pdf 第 4 页第 12 行" otherwise."""
    if doc.positions is None or path:
        return f"{path or doc.path}:{line}:{column}"
    return f"{doc.path} {place(doc.location(line, column), lang)}"
