"""The rule registry rendered as Markdown (docs/rules.md) and as JSON (``citeguard rules --json``)."""

from __future__ import annotations

import json

from citeguard.checks import RULES, Rule
from citeguard.checks.registry import FAMILIES


def rules_json(rules: list[Rule]) -> str:
    return json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value, "family": r.family,
                        "summary": r.summary, "doc": r.doc} for r in rules], ensure_ascii=False, indent=2) + "\n"


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (tests/test_rules_registry.py keeps the file in sync)."""
    out = ["# Rules", "",
           "Generated from the rule registry by `citeguard rules --markdown`; do not edit by hand.",
           "Codes are stable and never reused. Select or ignore rules by code prefix: "
           "`citeguard audit --select CG2 --ignore CG204`.", ""]
    for digit, family in FAMILIES.items():
        members = [r for r in sorted(RULES.values(), key=lambda x: x.code) if r.code[2] == digit]
        if not members:
            continue
        out += [f"## CG{digit}xx — {family}", ""]
        for r in members:
            out += [f"### {r.code} `{r.name}` ({r.severity.value})", "", r.doc, ""]
    return "\n".join(out).rstrip() + "\n"
