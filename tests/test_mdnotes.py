"""Markdown footnotes `text[^3]` with `[^3]: …` definitions (failure class 5): a footnote system of
their own, paired by label, their references read and their URLs collected."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import audit_file, document_from_text
from citeguard.resolve import claims_from

DOC = """# 数据系统

可靠性很重要[^1]，可扩展性也是[^2] [^3]。具体如下 [^4]:

- 一项
- 另一项

```python
x = data[^9]  # in code: not a mark
```

再次引用第一条[^1]。

[^1]: Martin Kleppmann. [Designing Data-Intensive Applications](https://dataintensive.net/). O'Reilly, 2017.
[^2]: 周文.论新质生产力[J].改革,2023(10):1-13.
[^3]: Joe Reis and Matt Housley.
Fundamentals of Data Engineering. O'Reilly Media, 2022.
[^4]: 一个说明性的脚注，
    缩进的续行也属于它。
"""


def test_definitions_are_read_with_their_continuation_lines() -> None:
    doc = document_from_text(DOC)
    notes = {f.symbol: f for f in doc.footnotes}
    assert set(notes) == {"[^1]", "[^2]", "[^3]", "[^4]"}
    assert notes["[^3]"].text.endswith("O'Reilly Media, 2022.")  # an unindented continuation line
    assert notes["[^4]"].text.endswith("缩进的续行也属于它。")
    assert all(f.page == 0 and f.auto for f in doc.footnotes)


def test_marks_pair_with_definitions_even_in_runs_and_before_a_colon() -> None:
    doc = document_from_text(DOC)
    marks = [(m.symbol, m.footnote) for m in doc.markers]
    assert [s for s, _ in marks] == ["[^1]", "[^2]", "[^3]", "[^4]", "[^1]"]  # the code block holds none
    assert all(target is not None for _, target in marks)


def test_definitions_are_not_body_text() -> None:
    doc = document_from_text(DOC)
    assert not any("Kleppmann" in p.text or "[^2]:" in p.text for p in doc.paragraphs)
    assert not any("x = data" in p.text for p in doc.paragraphs)


def test_a_note_that_is_a_reference_is_read_as_one_and_its_url_collected() -> None:
    doc = document_from_text(DOC)
    notes = {f.symbol: f for f in doc.footnotes}
    assert notes["[^2]"].entry is not None and notes["[^2]"].entry.type_code == "J"
    assert notes["[^1]"].urls == ("https://dataintensive.net/",)  # the link's closing bracket is not in it
    assert "https://dataintensive.net/" in {c.url for c in claims_from(doc)}


def test_mark_without_definition_and_definition_without_mark(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("正文[^a]与[^b]。\n\n[^a]: 说明。\n[^c]: 无人引用。\n", encoding="utf-8")
    _, findings = audit_file(path)
    got = {(f.code, f.line) for f in findings if f.code in ("CG401", "CG402")}
    assert got == {("CG401", 1), ("CG402", 4)}


@pytest.mark.parametrize(("label", "number"), [("12", 12), ("①", 10_001), ("١٢", 10_001), ("note", 10_001),
                                               ("1234567", 10_001)])
def test_only_ascii_digits_number_a_note(label: str, number: int) -> None:
    from citeguard.parse.mdnotes import note_number

    assert note_number(label, {}) == number
