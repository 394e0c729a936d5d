"""Time parsing (parse + link) of a manuscript in-process; prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_parse.py [PAPER] [--repeat N]
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

from common import paper_arguments

from citeguard.ingest import read_source
from citeguard.link import link_citations
from citeguard.parse import parse_source


def main() -> None:
    parser = paper_arguments(__doc__, repeat=50)
    args = parser.parse_args()
    started = time.perf_counter()
    source = read_source(args.paper)
    read_ms = (time.perf_counter() - started) * 1000
    link_citations(parse_source(source))  # warm-up: imports and regex caches
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        doc = link_citations(parse_source(source))
        times.append((time.perf_counter() - t0) * 1000)
    tracemalloc.start()
    link_citations(parse_source(source))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times.sort()
    print(f"paper: {args.paper.name} ({len(source.text)} chars, {len(doc.references)} references, "
          f"{len(doc.citations)} citations, {len(doc.footnotes)} footnotes)")
    print(f"read+decode: {read_ms:.1f} ms (first call)")
    print(f"parse+link over {args.repeat} runs: median {statistics.median(times):.1f} ms, "
          f"min {times[0]:.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms")
    print(f"peak traced memory of one parse: {peak / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
