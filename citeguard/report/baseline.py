"""Baselines (issue 13): CI fails only on new findings.

``audit --write-baseline FILE`` records each paper's findings; ``audit --baseline FILE`` leaves out
the findings recorded there. A finding is known by its code, the entries and notes it names and its
message with line numbers taken out, so that editing elsewhere in the manuscript does not make old
findings look new. Counts matter: a second identical finding is new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from citeguard.model import Finding

SCHEMA = "citeguard-baseline/1"
# Places in messages: "line 21", "lines 21, 23 and 25", "第 21, 23 行", "L21", "21:49", and a .docx's
# or PDF's "¶10", "第 10 段", "p. 4, line 12" (a paragraph added above moves them all)
_LINES_RE = re.compile(r"\blines?\s+[\d,\s]{1,200}(?:and\s+\d+)?|第\s*[\d,，、\s]{1,200}\s*[行段]|\bL\d+\b|"
                       r"\b\d+:\d+\b|¶\d+|\bp\.\s*\d+,\s*line\s+\d+")


def fingerprint(finding: Finding) -> str:
    """A stable key for ``finding`` (short sha-256)."""
    text = _LINES_RE.sub("#", finding.message)
    key = "\x1f".join([finding.code, finding.path, ",".join(map(str, finding.references)),
                       ",".join(finding.footnotes), text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def render_baseline(papers: Mapping[str, Iterable[Finding]]) -> str:
    body = {"schema": SCHEMA,
            "papers": {path: sorted(fingerprint(f) for f in findings) for path, findings in sorted(papers.items())}}
    return json.dumps(body, indent=2) + "\n"


class BaselineError(ValueError):
    """A baseline file that cannot be used."""


def read_baseline(text: str) -> dict[str, Counter[str]]:
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"not a citeguard baseline ({exc})") from exc
    papers = body.get("papers") if isinstance(body, dict) and body.get("schema") == SCHEMA else None
    if not isinstance(papers, dict) or not all(isinstance(v, list) for v in papers.values()):
        raise BaselineError(f"not a citeguard baseline (expected schema {SCHEMA})")
    return {str(path): Counter(str(x) for x in keys) for path, keys in papers.items()}


def new_findings(findings: Sequence[Finding], known: Counter[str]) -> tuple[tuple[Finding, ...], int]:
    """The findings not in ``known`` (each recorded one excuses one), and how many were left out."""
    left = Counter(known)
    kept: list[Finding] = []
    for f in findings:
        key = fingerprint(f)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(f)
    return tuple(kept), len(findings) - len(kept)
