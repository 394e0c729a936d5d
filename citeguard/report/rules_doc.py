"""The rule registry rendered as Markdown (docs/rules.md) and as JSON (``citeguard rules --json``)."""

from __future__ import annotations

import json

from citeguard.checks import RULES, Rule
from citeguard.checks.calibration import CALIBRATION, calibration_text
from citeguard.checks.registry import FAMILIES


def rules_json(rules: list[Rule]) -> str:
    return json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value, "family": r.family,
                        "summary": r.summary, "doc": r.doc, "evidence": _kind(r.code),
                        "confidence": calibration_text(r.code)} for r in rules], ensure_ascii=False, indent=2) + "\n"


def _kind(code: str) -> str:
    return CALIBRATION[code][0].value if code in CALIBRATION else "fixed"


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (tests/test_rules_registry.py keeps the file in sync)."""
    out = ["# Rules", "",
           "Generated from the rule registry by `citeguard rules --markdown`; do not edit by hand.",
           "Codes are stable and never reused. Select or ignore rules by code prefix: "
           "`citeguard audit --select CG2 --ignore CG204`.", "",
           "## Confidence", "",
           "Every finding carries a confidence — `high`, `medium` or `low` — from its own evidence: how "
           "*its* citation and *its* entries were read, never how well the paper as a whole was read. Its "
           "severity is capped by it: an error only at high confidence, at most a warning at medium, "
           "information at low. The severity given below is a rule's own, at high confidence.", "",
           "- **Clean evidence** — a number printed whole in brackets, an author-year citation whose year "
           "is four digits and whose names are letters, an entry read field by field with nothing left over, "
           "a numbered list read completely where the finding depends on it (see CG109) — gives `high` in a "
           "typed text and `medium` in an OCR'd one: a scanner misreads a digit without leaving a trace, so "
           "an OCR'd text's clean finding is at least a warning, not an error. Letters a scanner put for "
           "digits (`2O14`) are read back for certain and do not lower it.",
           "- **Evidence read in part or repaired** — digits OCR spaced apart (`[ 1 9 ]`), a year with a "
           "digit lost, an entry read only in part, a cited number whose label stands in the list's text "
           "(its entry is there, misread), a name linked as one letter off — gives `low`.",
           "- **What OCR makes unreliable everywhere** in a scanned text — spacing, widths and dashes "
           "(*typing*), names, URLs and page strings compared letter by letter (*glyphs*), marks and "
           "citations not found (*absence*) — is `low` in an OCR'd text; values a scanner may misread "
           "without a trace (*digits*) are at most `medium` there. A text counts as OCR'd when it shows the "
           "damage (spaced TeX commands, letters for digits in years, a converter's hashed image names).",
           "- **Paper-level notes** stay one each, at `low`: when many citations match no entry, CG909 names "
           "those whose own evidence is not clean (the clean ones are still reported one by one); when many "
           "entries are cited nowhere, CG910; entries read only in part, CG901.", "",
           "Under each rule, *Confidence* says which evidence gives which level. "
           "`--min-confidence medium` (or `high`) leaves out the less sure findings.", ""]
    for digit, family in FAMILIES.items():
        members = [r for r in sorted(RULES.values(), key=lambda x: x.code) if r.code[2] == digit]
        if not members:
            continue
        out += [f"## CG{digit}xx — {family}", ""]
        for r in members:
            out += [f"### {r.code} `{r.name}` ({r.severity.value})", "", r.doc, "", calibration_text(r.code), ""]
    return "\n".join(out).rstrip() + "\n"
