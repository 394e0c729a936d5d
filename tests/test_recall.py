"""The seeded-error suite (benchmarks/recall) in CI: recall and false alarms must not get worse
than the figures recorded in docs/accuracy.md."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks" / "recall"))

import make_clean  # noqa: E402
import run  # noqa: E402


def _recorded() -> tuple[int, int, int]:
    text = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    m = re.search(r"Recall (\d+)/(\d+) = [\d.]+; false alarms (\d+)", text)
    assert m, "docs/accuracy.md has no recall line"
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def test_clean_variant_is_current() -> None:
    assert run.CLEAN_PAPER.read_text(encoding="utf-8") == make_clean.clean_text()


def test_recall_does_not_drop() -> None:
    hits, total, alarms = _recorded()
    outcomes = run.run_all()
    assert len(outcomes) >= total >= 20
    missed = [o.seed.kind for o in outcomes if not o.hit]
    assert sum(o.hit for o in outcomes) / len(outcomes) >= hits / total, f"missed: {missed}"
    assert sum(len(o.false_alarms) for o in outcomes) <= alarms, [
        (o.seed.kind, [(f.code, f.line) for f in o.false_alarms]) for o in outcomes if o.false_alarms]
