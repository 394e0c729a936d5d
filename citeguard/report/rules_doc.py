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
           "`citeguard audit --select CG2 --ignore CG204`.", "",
           "## Confidence", "",
           "Every finding carries a confidence — `high`, `medium` or `low` — from how the entries and "
           "citations it speaks of were read, and its severity is capped by it: an error only at high "
           "confidence, at most a warning at medium, information at low. The severity given below is a "
           "rule's own, at high confidence. What lowers confidence:", "",
           "- many citations matching no entry, or many entries no citation: the one-by-one findings are "
           "held back and CG909 / CG910 say once, at low confidence, what could not be matched;",
           "- citations linked while fewer than 95 % of them found an entry: medium;",
           "- a text that shows OCR damage (spaced TeX commands, letters for digits in years): rules on "
           "spacing, widths, names and absent marks or entries go to low, rules on characters a scanner "
           "may misread (a year, a page, an element) to medium;",
           "- a .bib entry, whose printing its style file decides: medium for its missing elements and URL.",
           "",
           "`--min-confidence medium` (or `high`) leaves out the less sure findings.", ""]
    for digit, family in FAMILIES.items():
        members = [r for r in sorted(RULES.values(), key=lambda x: x.code) if r.code[2] == digit]
        if not members:
            continue
        out += [f"## CG{digit}xx — {family}", ""]
        for r in members:
            out += [f"### {r.code} `{r.name}` ({r.severity.value})", "", r.doc, ""]
    return "\n".join(out).rstrip() + "\n"
