"""``citeguard quotes``: the verdicts on quoted passages as a terminal table and as JSON (pure renderers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.text import Text

from citeguard.records import QuoteVerdict
from citeguard.report.audit_json import quotation_json
from citeguard.report.json_text import dumps_indented
from citeguard.report.messages import t
from citeguard.report.terminal import _data, make_console, print_by_work


def render_quotes_json(verdicts: Sequence[QuoteVerdict]) -> str:
    """{"quotations": [{quote, line, reference, page_cited, status, page_found, source, diff, …}]} —
    the quotations in quotation marks (the passages the ledger holds unquoted are left out)."""
    return dumps_indented({"quotations": [quotation_json(v) for v in verdicts if v.quoted]})


def render_quotes_table(verdicts: Sequence[QuoteVerdict], *, width: int = 120, lang: str = "en") -> str:
    """One table per work, its quotations in page order, each with its verdict."""
    console, buffer = make_console(width, False)
    shown = [v for v in verdicts if v.quoted]

    def cells(v: QuoteVerdict) -> list[str | Text]:
        found = " ".join(x for x in (v.source, v.page_found, v.diff) if x)
        return [_data(v.page_cited), _data("“" + v.quote + "”"), t(f"quotes.{v.status.value}", lang),
                _data(found), _data(v.location or str(v.span.line))]

    print_by_work(console, shown, lambda v: v.work, "quotes.header", lang, cells)
    counts = Counter(v.status.value for v in shown)
    summary = ", ".join(f"{t(f'quotes.{status}', lang)} {n}" for status, n in counts.most_common())
    console.print(t("quotes.total", lang, n=len(shown), summary=summary or "–"), markup=False)
    return buffer.getvalue()
