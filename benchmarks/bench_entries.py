"""Reference-entry parsing throughput: the reference paper's 51 GB/T 7714 entries and 32 footnote
entries, and the English APA entries of a real paper, each parsed many times. Prints entries/s.

    .venv/bin/python benchmarks/bench_entries.py [--copies 100]
"""

from __future__ import annotations

import argparse
import time

from common import ROOT

from citeguard.api import load_document
from citeguard.cli import BUNDLED_PAPER
from citeguard.model import Span
from citeguard.parse.entries import parse_entry

SPAN = Span(1, 1, 1, 1)


def rate(texts: list[str]) -> tuple[int, float]:
    started = time.perf_counter()
    for text in texts:
        parse_entry(text, SPAN)
    return len(texts), len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    paper = load_document(BUNDLED_PAPER)
    gb = [r.raw for r in paper.references] + [f.entry.raw for f in paper.footnotes if f.entry]
    psych = load_document(ROOT / "corpus" / "real" / "zh-chinaxiv-202107.00002-social-transformation-psych.md")
    apa_en = [r.raw for r in psych.references if r.style == "apa" and r.language.value == "en"]
    apa_zh = [r.raw for r in psych.references if r.style == "apa" and r.language.value == "zh"]
    for name, texts in (("GB/T 7714 (Chinese)", gb), ("APA-like (English)", apa_en), ("APA-like (Chinese)", apa_zh)):
        n, per_second = rate(texts * args.copies)
        print(f"{name}: {n} entries, {per_second:,.0f} entries/s")


if __name__ == "__main__":
    main()
