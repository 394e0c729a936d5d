"""The quotation ledger as CSV (``citeguard ledger PAPER --csv FILE``), UTF-8 with BOM so that
Excel opens the Chinese text correctly."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from citeguard.ledger import LedgerRow
from citeguard.records import QuoteVerdict
from citeguard.report.untrusted import csv_cell

COLUMNS = ("work", "page", "quote", "quoted", "line", "column", "source", "id", "page_cited_again", "not_in_entry",
           "page_from_entry", "location", "verdict", "page_found", "edition", "diff")


def render_ledger_csv(rows: list[LedgerRow], verdicts: Sequence[QuoteVerdict] = ()) -> str:
    """The ledger's rows; the last four columns say what the library of editions found for each
    passage (``audit --library DIR``), empty when it was not checked."""
    found = verdict_by_row(verdicts)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        v = found.get(row_key(r))
        writer.writerow([csv_cell(x) for x in (
            r.work, r.page, r.quote, "yes" if r.quoted else "no", r.line, r.column, r.source, r.ref_id,
            "yes" if r.duplicate else "", "yes" if r.not_in_entry else "", "yes" if r.page_from_entry else "",
            r.location, *((v.status.value, v.page_found, v.source, v.diff) if v else ("", "", "", "")))])
    return "\ufeff" + buffer.getvalue()


def row_key(row: LedgerRow) -> tuple[str, int, int, str, str]:
    """What ties a ledger row to its verdict: the place, the page and the passage."""
    return row.path, row.line, row.column, row.page, row.quote


def verdict_by_row(verdicts: Sequence[QuoteVerdict]) -> dict[tuple[str, int, int, str, str], QuoteVerdict]:
    """The verdicts by the ledger row they were given for."""
    return {(v.span.path, v.span.line, v.span.column, v.page_cited, v.quote): v for v in verdicts}
