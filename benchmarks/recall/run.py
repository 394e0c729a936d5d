"""Seeded-error recall: inject each kind of error into a clean manuscript, audit, and count
whether the expected rule fired at the expected line (a hit) and any new finding that is not
about the injected error (a false alarm).

    .venv/bin/python benchmarks/recall/run.py                     # print the table
    .venv/bin/python benchmarks/recall/run.py --write docs/accuracy.md
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from seeds import ENGLISH_CLEAN, ENGLISH_SEEDS, PAPER_SEEDS, Seed, line_of  # noqa: E402

from citeguard.api import document_from_text  # noqa: E402
from citeguard.checks import audit  # noqa: E402
from citeguard.model import Finding  # noqa: E402

CLEAN_PAPER = HERE / "clean" / "wang2026-clean.txt"


@dataclass(frozen=True)
class Outcome:
    seed: Seed
    hit: bool
    false_alarms: tuple[Finding, ...]


def _keys(findings: tuple[Finding, ...]) -> set[tuple[str, str]]:
    return {(f.code, f.message) for f in findings}


def evaluate(clean: str, seeds: tuple[Seed, ...]) -> list[Outcome]:
    baseline = _keys(audit(document_from_text(clean))[1])
    outcomes = []
    for seed in seeds:
        text = seed.apply(clean)
        expected_line = line_of(text, seed.anchor)
        _, findings = audit(document_from_text(text))
        new = [f for f in findings if (f.code, f.message) not in baseline]
        hit = any(f.code == seed.code and f.line == expected_line for f in new)
        alarms = tuple(f for f in new if f.code != seed.code and f.code not in seed.also)
        outcomes.append(Outcome(seed, hit, alarms))
    return outcomes


def run_all() -> list[Outcome]:
    return evaluate(CLEAN_PAPER.read_text(encoding="utf-8"), PAPER_SEEDS) + evaluate(ENGLISH_CLEAN, ENGLISH_SEEDS)


def table(outcomes: list[Outcome]) -> str:
    hits = sum(o.hit for o in outcomes)
    alarms = sum(len(o.false_alarms) for o in outcomes)
    lines = ["| kind | expected rule | found at the right line | false alarms |", "|---|---|---|---|"]
    for o in outcomes:
        extra = "; ".join(f"{f.code} L{f.line}" for f in o.false_alarms) or "0"
        lines.append(f"| {o.seed.kind} | {o.seed.code} | {'yes' if o.hit else '**no**'} | {extra} |")
    lines += ["", f"**Recall {hits}/{len(outcomes)} = {hits / len(outcomes):.2f}; false alarms {alarms} in "
                  f"{len(outcomes)} injections.**"]
    return "\n".join(lines)


KEPT_FROM = "## Real manuscripts"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=Path, help="write the Markdown report here")
    args = parser.parse_args()
    report = table(run_all())
    print(report)
    if args.write:
        # the sections after the recall table (real manuscripts, by benchmarks/wild.py) are kept
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        kept = old[old.index(KEPT_FROM):] if KEPT_FROM in old else ""
        args.write.write_text(
            "# Accuracy: seeded-error recall\n\n"
            "Produced by `.venv/bin/python benchmarks/recall/run.py --write docs/accuracy.md`. Each row injects one\n"
            "error into a clean manuscript (`benchmarks/recall/clean/wang2026-clean.txt`, the reference paper with\n"
            "every finding fixed by `benchmarks/recall/make_clean.py`, or a small English paper in\n"
            "`benchmarks/recall/seeds.py`) and audits it offline. *Found* means the expected rule reported it on\n"
            "the expected line; a *false alarm* is any new finding that is neither that rule nor a rule the same\n"
            "mistake necessarily trips as well (listed per kind in seeds.py). `tests/test_recall.py` runs the\n"
            "whole set in CI and fails if recall drops below the figure here.\n\n" + report + "\n"
            + ("\n" + kept if kept else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
