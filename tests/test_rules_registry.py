"""The rule registry: stable codes, documentation, prefix selection, docs/rules.md in sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.checks import RULES
from citeguard.checks.registry import rule, selected
from citeguard.model import Severity
from citeguard.report.rules_doc import rules_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), \
        "regenerate with: citeguard rules --markdown > docs/rules.md"


def test_every_rule_is_documented_with_a_summary() -> None:
    for r in RULES.values():
        assert r.doc and r.summary.endswith("."), r.code
        assert r.name == r.name.lower() and " " not in r.name


def test_codes_cannot_be_reused_or_malformed() -> None:
    with pytest.raises(ValueError, match="twice"):
        rule("CG101", "again", Severity.INFO)(lambda ctx, r: [])
    with pytest.raises(ValueError, match="bad rule code"):
        rule("CG1", "short", Severity.INFO)(lambda ctx, r: [])


@pytest.mark.parametrize(("select", "ignore", "expect_in", "expect_out"), [
    ([], [], ["CG101", "CG201", "CG901"], []),
    (["CG2"], [], ["CG201", "CG206"], ["CG101"]),
    (["CG2"], ["CG204"], ["CG201"], ["CG204"]),
    ([], ["CG2"], ["CG101"], ["CG201"]),
    (["CG201"], ["CG2"], ["CG201"], ["CG202"]),  # the longer prefix wins, as in flake8
    (["CG1"], ["CG1"], [], ["CG101"]),  # on a tie, ignoring wins
])
def test_prefix_selection(select: list[str], ignore: list[str], expect_in: list[str], expect_out: list[str]) -> None:
    codes = {r.code for r in selected(RULES.values(), select, ignore)}
    assert set(expect_in) <= codes
    assert not set(expect_out) & codes
