"""CG2xx page rules on small documents."""

from __future__ import annotations

import pytest

from citeguard.model import Severity

from .rulekit import findings, paper, summary

E, W = Severity.ERROR, Severity.WARNING
BOOK = "[1] 习近平.谈治国理政(第5卷)[M].北京:外文出版社,2025:{pages}."
JOURNAL = "[1] 周文.论题[J].改革,2023(10):{pages}."

CASES = [
    # CG201 cited page not in the entry (book page list, journal range)
    ("CG201", "甲（习近平，2025:228）乙（习近平，2025:191）。", BOOK.format(pages="191,288"), [(1, E)]),
    ("CG201", "甲（习近平，2025:191）乙（习近平，2025:25）。", BOOK.format(pages="191,25-26"), []),
    ("CG201", "甲（周文，2023:20）。", JOURNAL.format(pages="1-13"), [(1, E)]),
    ("CG201", "甲（周文，2023:5）。", JOURNAL.format(pages="1-13"), []),
    ("CG201", "甲（习近平，2025）。", BOOK.format(pages="191"), []),  # no page cited: nothing to compare
    # CG202 listed page never cited (only when the entry is cited with pages)
    ("CG202", "甲（习近平，2025:191）。", BOOK.format(pages="191,288"), [(5, W)]),
    ("CG202", "甲（习近平，2025）。", BOOK.format(pages="191,288"), []),
    ("CG202", "甲（周文，2023:5）。", JOURNAL.format(pages="1-13"), []),  # an article's extent, not cited pages
    # CG203 duplicate pages
    ("CG203", "甲（习近平，2025:191）。", BOOK.format(pages="191,192,191"), [(5, W)]),
    ("CG203", "甲（习近平，2025:191）。", BOOK.format(pages="191,192"), []),
    # CG204 not ascending
    ("CG204", "甲。", BOOK.format(pages="201,96"), [(5, W)]),
    ("CG204", "甲。", BOOK.format(pages="96,201"), []),
    # CG205 malformed ranges
    ("CG205", "甲。", JOURNAL.format(pages="30-25"), [(5, E)]),
    ("CG205", "甲。", JOURNAL.format(pages="25-30"), []),
    # CG206 wrong dash
    ("CG206", "甲。", JOURNAL.format(pages="14–23"), [(5, W)]),
    ("CG206", "甲。", JOURNAL.format(pages="14-23"), []),
]


@pytest.mark.parametrize(("code", "body", "refs", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(code: str, body: str, refs: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(paper(body, refs), code) == expected


def test_near_miss_page_is_suggested() -> None:
    (f,) = findings(paper("甲（习近平，2025:228）乙（习近平，2025:191）。", BOOK.format(pages="191,288")), "CG201")
    assert "288" in f.message and "288" in f.suggestion
    assert {e.name: e.value for e in f.evidence}["cited page"] == "228"
    (g,) = findings(paper("甲（习近平，2025:228）乙（习近平，2025:191）。", BOOK.format(pages="191,288")), "CG202")
    assert "228" in g.message
