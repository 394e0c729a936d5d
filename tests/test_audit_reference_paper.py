"""End to end: the offline audit of the reference paper reports exactly the inconsistencies a close
reading finds.

Each expected finding below was written from a reading of the paper (the reader's notes are in
tests/golden/wang2026.expected.json, "notes") before the audit output was compared; the note
number is given with each.
"""

from __future__ import annotations

import pytest

from citeguard.api import load_document
from citeguard.checks import audit
from citeguard.model import Finding, Severity, Standard

from .conftest import PAPER

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

EXPECTED: list[tuple[str, int, Severity, str]] = [
    ("CG111", 21, W, "in-text citations switch between （，） and (,) page by page (note 11)"),
    ("CG406", 29, W, "footnotes on lines 29 and 231 are spaced, the other 30 compact (note 13)"),
    ("CG106", 31, W, "孔祥智等（2024）: [16] has two authors and the paper writes pairs in full (notes 5, 6)"),
    ("CG106", 31, W, "孙泽文等（2025）: [29] has two authors (note 5)"),
    ("CG106", 31, E, "赵儒煜等（2024）: [46] has a single author (note 5)"),
    ("CG306", 85, W, "人民出版社.2024 — a period where the comma belongs (note 12)"),
    ("CG504", 87, I, "the customs.gov.cn URL is the only http:// one among seven"),
    ("CG306", 93, W, "人民出版社.2023 (note 12)"),
    ("CG306", 95, W, "人民出版社.2023 (note 12)"),
    ("CG503", 97, I, "miit.gov.cn /art/2020/ path for a plan dated 2016-12-27: a repost, info only"),
    ("CG502", 131, I, "two URL footnotes end with '.', five do not (note 15)"),
    ("CG201", 141, E, "（习近平，2025:228）: [41] lists 288, not 228 (note 1)"),
    ("CG407", 175, W, "十九大以来重要文献选编(中): half-width brackets among full-width ones (note 17)"),
    ("CG405", 195, I, "footnote ④ p.9 repeats footnote ① p.4: same work, page 216 (note 18)"),
    ("CG304", 199, I, "author-year text with a numbered list"),
    ("CG303", 206, I, "[6] 范斯义 after [5] 范欣: given-name order (note 19)"),
    ("CG303", 215, W, "[15] 蒋晟 after [14] 焦方义: jiang < jiao (note 19)"),
    ("CG303", 218, I, "[18] 李国平 after [17] 李快满: given-name order (note 19)"),
    ("CG308", 233, W, "[30]-[51] compact punctuation, [1]-[29] spaced (note 10)"),
    ("CG303", 239, W, "[36] 习近平 after [35] 徐政: xi < xu (note 19)"),
    ("CG108", 240, W, "[36], [37]: 习近平 2018 twice without 2018a/b (note 4)"),
    ("CG204", 241, W, "[38] pages 201,96 not ascending (note 3)"),
    ("CG307", 241, I, "volumes written (第4卷) after the title instead of :第4卷"),
    ("CG108", 243, W, "[39], [40]: 习近平 2023 twice without 2023a/b (note 4)"),
    ("CG202", 244, W, "[41] lists 288, never cited (note 1)"),
    ("CG203", 244, W, "[41] lists 192 and 195 twice (note 2)"),
    ("CG204", 244, W, "[41] pages in citation order, not ascending (note 2)"),
    ("CG102", 245, W, "[42] 杨宏伟 is never cited (note 8)"),
    ("CG303", 254, W, "[51] 钟山 after [50] 周文: zhong < zhou (note 19)"),
    ("CG602", 266, W, "Keywords 'new qualitative productivity forces' vs 'New Quality Productive Forces' in the title"),
]


@pytest.fixture(scope="module")
def result() -> tuple[Standard, tuple[Finding, ...]]:
    ctx, findings = audit(load_document(PAPER))
    return ctx.standard, findings


def test_standard_is_chosen_by_the_papers_date(result: tuple[Standard, tuple[Finding, ...]]) -> None:
    # Access dates 2026-03-29 are before GB/T 7714-2025 came into force on 2026-07-01.
    assert result[0] is Standard.GB2015


def test_exactly_the_expected_findings(result: tuple[Standard, tuple[Finding, ...]]) -> None:
    got = sorted((f.code, f.line, f.severity.value) for f in result[1])
    want = sorted((code, line, sev.value) for code, line, sev, _ in EXPECTED)
    assert got == want


def test_every_finding_is_explained_in_both_languages(result: tuple[Standard, tuple[Finding, ...]]) -> None:
    for f in result[1]:
        assert f.message and f.message_zh and f.line > 0 and f.column > 0
