"""Time the offline audit (parse + link + every rule) in-process; prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_audit.py [PAPER] [--repeat N]
"""

from __future__ import annotations

import statistics
import time

from common import paper_arguments

from citeguard.checks import RULES, audit
from citeguard.ingest import read_source
from citeguard.link import link_citations
from citeguard.parse import parse_source


def main() -> None:
    parser = paper_arguments(__doc__, repeat=30)
    args = parser.parse_args()
    source = read_source(args.paper)
    audit(link_citations(parse_source(source)))  # warm-up
    whole, rules_only = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        doc = link_citations(parse_source(source))
        t1 = time.perf_counter()
        _, findings = audit(doc)
        t2 = time.perf_counter()
        whole.append((t2 - t0) * 1000)
        rules_only.append((t2 - t1) * 1000)
    per_rule = []
    for code in sorted(RULES):
        t0 = time.perf_counter()
        for _ in range(5):
            list(audit(doc, select=[code])[1])
        per_rule.append(((time.perf_counter() - t0) * 200, code))
    print(f"paper: {args.paper.name}: {len(findings)} findings from {len(RULES)} rules")
    print(f"audit (parse + link + rules), {args.repeat} runs: median {statistics.median(whole):.1f} ms, "
          f"min {min(whole):.1f} ms, max {max(whole):.1f} ms")
    print(f"rules alone: median {statistics.median(rules_only):.1f} ms")
    print("slowest rules (ms per run): " + ", ".join(f"{c} {t:.2f}" for t, c in sorted(per_rule, reverse=True)[:5]))


if __name__ == "__main__":
    main()
