"""The quotation ledger as CSV (``citeguard ledger PAPER --csv FILE``), UTF-8 with BOM so that
Excel opens the Chinese text correctly."""

from __future__ import annotations

import csv
import io

from citeguard.ledger import LedgerRow
from citeguard.report.untrusted import csv_cell

COLUMNS = ("work", "page", "quote", "quoted", "line", "column", "source", "id", "page_cited_again", "not_in_entry",
           "page_from_entry", "location")


def render_ledger_csv(rows: list[LedgerRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([csv_cell(v) for v in (
            r.work, r.page, r.quote, "yes" if r.quoted else "no", r.line, r.column, r.source, r.ref_id,
            "yes" if r.duplicate else "", "yes" if r.not_in_entry else "", "yes" if r.page_from_entry else "",
            r.location)])
    return "\ufeff" + buffer.getvalue()
