"""``citeguard quotes``: the verdicts on quoted passages as a terminal table and as JSON (pure renderers)."""

from __future__ import annotations

from collections import Counter

from rich.table import Table

from citeguard.quotes import QuoteCheck
from citeguard.report.json_text import dumps_indented
from citeguard.report.messages import columns, t
from citeguard.report.terminal import _data, make_console


def render_quotes_json(checks: list[QuoteCheck]) -> str:
    """{"quotations": [{quote, line, reference, page_cited, status, page_found, source, diff}]}."""
    return dumps_indented({"quotations": [
        {"quote": c.row.quote, "line": c.row.line, "work": c.row.work, "reference": c.row.ref_id,
         "page_cited": c.row.page, "status": c.status.value, "page_found": c.page_found or None,
         "source": c.source or None, "diff": c.diff or None} for c in checks if c.row.quoted]})


def render_quotes_table(checks: list[QuoteCheck], *, width: int = 120, lang: str = "en") -> str:
    """One table per work, its quotations in page order, each with its verdict."""
    console, buffer = make_console(width, False)
    current = None
    table: Table | None = None
    shown = [c for c in checks if c.row.quoted]
    for check in shown:
        if check.row.work != current:
            if table is not None:
                console.print(table)
            current = check.row.work
            table = Table(title=_data(check.row.work), title_justify="left", header_style="bold")
            for column in columns("quotes.header", lang):
                table.add_column(column, overflow="fold")
        assert table is not None
        found = " ".join(x for x in (check.source, check.page_found, check.diff) if x)
        table.add_row(_data(check.row.page), _data("“" + check.row.quote + "”"), t(f"quotes.{check.status.value}", lang),
                      _data(found), _data(check.row.location or str(check.row.line)))
    if table is not None:
        console.print(table)
    counts = Counter(c.status.value for c in shown)
    summary = ", ".join(f"{t(f'quotes.{status}', lang)} {n}" for status, n in counts.most_common())
    console.print(t("quotes.total", lang, n=len(shown), summary=summary or "–"), markup=False)
    return buffer.getvalue()
