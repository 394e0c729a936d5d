"""Scaling: synthetic manuscripts with k× the references, citations and footnotes of the reference
paper (the body and list copied k times, years shifted per copy so that every copy cites its own
entries). Prints time and peak memory of parse + link + audit and the fitted exponent.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1 10 100]
"""

from __future__ import annotations

import argparse
import math
import re
import time
import tracemalloc

from citeguard.checks import audit
from citeguard.cli import BUNDLED_PAPER
from citeguard.ingest import SourceText
from citeguard.link import link_citations
from citeguard.parse import parse_source

YEAR_RE = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
ENTRY_RE = re.compile(r"^- \[\d+\] ", re.MULTILINE)


def synthetic(k: int) -> str:
    text = BUNDLED_PAPER.read_text(encoding="utf-8")
    head, rest = text.split("\n参考文献\n", 1)
    front_end = head.index("开放型经济是与封闭型经济相对")
    front, body = head[:front_end], head[front_end:]
    refs, tail = rest.split("【作者简介】", 1)
    bodies, lists = [], []
    for i in range(k):
        def shift(m: re.Match[str], i: int = i) -> str:
            return str(int(m.group(1)) - i)
        bodies.append(YEAR_RE.sub(shift, body))
        lists.append(YEAR_RE.sub(shift, refs))
    numbered = ENTRY_RE.split("".join(lists))
    out = [numbered[0]] + [f"- [{n}] {entry}" for n, entry in enumerate(numbered[1:], start=1)]
    return front + "".join(bodies) + "\n参考文献\n" + "".join(out) + "【作者简介】" + tail


def measure(text: str) -> tuple[float, int, int, int]:
    source = SourceText.from_text(text)
    t0 = time.perf_counter()
    doc = link_citations(parse_source(source))
    _, findings = audit(doc)
    elapsed = time.perf_counter() - t0
    tracemalloc.start()
    audit(link_citations(parse_source(source)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak, len(doc.references), len(findings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    measure(synthetic(1))  # warm-up: imports and lazily built tables are not part of the cost
    rows = []
    for k in args.sizes:
        text = synthetic(k)
        elapsed, peak, refs, findings = measure(text)
        rows.append((k, len(text), elapsed, peak))
        print(f"{k:>4}×: {len(text):>9} chars, {refs:>5} references, {findings:>5} findings: "
              f"{elapsed * 1000:>8.0f} ms, peak {peak / 2**20:>7.1f} MiB")
    (k0, n0, t0, m0), (k1, n1, t1, m1) = rows[0], rows[-1]
    print(f"exponent (time)   log(t{k1}/t{k0}) / log(n{k1}/n{k0}) = {math.log(t1 / t0) / math.log(n1 / n0):.2f}")
    print(f"exponent (memory) = {math.log(m1 / m0) / math.log(n1 / n0):.2f}")


if __name__ == "__main__":
    main()
