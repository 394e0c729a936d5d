"""The quotation ledger on small documents."""

from __future__ import annotations

from citeguard.api import document_from_text
from citeguard.ledger import build_ledger
from citeguard.report.ledger_csv import render_ledger_csv

DOC = """\
习近平总书记指出，“创新是第一动力”（习近平，2025:191）。又一句话说明问题（习近平，2025:288）。
第三句再引（习近平，2025:191）。马克思说“由于交通的极其便利”，①这是脚注。

① 马克思恩格斯文集（第2卷）[M].北京:人民出版社,2009:35.

参考文献

[1] 习近平.谈治国理政(第5卷)[M].北京:外文出版社,2025:191,228.
"""


def test_rows_quotes_and_marks() -> None:
    rows = build_ledger(document_from_text(DOC))
    got = [(r.page, r.quote, r.quoted, r.duplicate, r.not_in_entry, r.source) for r in rows]
    assert got == [
        ("191", "创新是第一动力", True, True, False, "text"),
        ("191", "第三句再引", False, True, False, "text"),
        ("288", "又一句话说明问题", False, False, True, "text"),
        ("35", "由于交通的极其便利", True, False, False, "footnote"),
    ]


def test_csv_has_a_bom_and_a_header() -> None:
    text = render_ledger_csv(build_ledger(document_from_text(DOC)))
    assert text.startswith("\ufeffwork,page,quote")
    assert text.count("\n") == 5
