"""`citeguard fix`, then audit again: on every text manuscript of the corpora, the fixes must settle
their findings and bring no new ones. Prints per corpus the fixes made, the findings they settled,
and every finding the fixed text has about something the original's findings were not about (the
goal: none; a list-level finding split into per-entry ones about the same entries is not new), and the time of
planning the fixes for the reference paper.

    PYTHONPATH=. .venv/bin/python benchmarks/fix_then_audit.py [--show 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from citeguard.api import document_from_text, load_with_source
from citeguard.checks import audit
from citeguard.fixes import apply_edits, is_new, plan_fixes
from citeguard.ingest import IngestError

ROOT = Path(__file__).resolve().parent.parent
SETS = {"corpus": sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "real").glob("*.md")),
        "recall": sorted((ROOT / "benchmarks" / "recall").rglob("*.txt")),
        "wild": sorted((ROOT.parent / "shared" / "corpus" / "wild").glob("*.md")),
        "wild-mdnotes": sorted((ROOT.parent / "shared" / "corpus" / "wild-mdnotes").rglob("*.md"))}


SAFE = frozenset({"CG106", "CG107", "CG111", "CG203", "CG303", "CG306", "CG308"})  # what fix settles


def recall() -> None:
    """The recall suite's seeded manuscripts: each seeded error of a class fix settles must be gone
    after fixing, and no seeded manuscript may gain a finding."""
    sys.path.insert(0, str(ROOT / "benchmarks" / "recall"))
    from seeds import ENGLISH_CLEAN, ENGLISH_SEEDS, PAPER_SEEDS  # the recall suite's own data

    clean_paper = (ROOT / "benchmarks" / "recall" / "clean" / "wang2026-clean.txt").read_text(encoding="utf-8")
    settled = total = new = 0
    for clean, seeds in ((clean_paper, PAPER_SEEDS), (ENGLISH_CLEAN, ENGLISH_SEEDS)):
        for seed in seeds:
            text = seed.apply(clean)
            doc = document_from_text(text, path="seeded.txt")
            _, before = audit(doc)
            fixed = apply_edits(text, plan_fixes(doc, text, before))
            _, after = audit(document_from_text(fixed, path="seeded.txt"))
            new += sum(1 for f in after if is_new(f, before))
            if seed.code in SAFE:
                total += 1
                gone = not any(f.code == seed.code for f in after)
                settled += gone
                if not gone:
                    print(f"  seeded {seed.kind} ({seed.code}): still reported after fixing")
    print(f"recall suite: {settled}/{total} seeded errors of the classes fix settles are gone; {new} new findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    shown = 0
    for name, paths in SETS.items():
        papers = fixes = settled = new = 0
        for path in paths:
            try:
                source, doc = load_with_source(path)
            except IngestError:
                continue
            if doc.encoding in ("docx", "pdf") or path.suffix == ".tex":
                continue
            papers += 1
            _, before = audit(doc)
            edits = plan_fixes(doc, source.text, before)
            if not edits:
                continue
            fixes += len(edits)
            _, after = audit(document_from_text(apply_edits(source.text, edits), path=doc.path))
            was = Counter(f.code for f in before)
            now = Counter(f.code for f in after)
            settled += sum((was - now).values())
            fresh = [f for f in after if is_new(f, before)]
            new += len(fresh)
            if fresh and shown < args.show:
                shown += 1
                print(f"{path.name}: new")
                for f in fresh:
                    print(f"    {f.code} {f.message[:160]}")
        print(f"{name}: {papers} manuscripts, {fixes} fixes, {settled} findings settled, {new} new findings")
    recall()
    source, doc = load_with_source(ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt")
    _, found = audit(doc)
    t0 = time.perf_counter()
    for _ in range(20):
        plan_fixes(doc, source.text, found)
    print(f"planning the reference paper's fixes: {(time.perf_counter() - t0) / 20 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
