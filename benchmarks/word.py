"""Real Word manuscripts (issue 28): the measures of docs/accuracy.md "Word manuscripts" over a folder
of .docx files fetched from public repositories (never committed: see the folder's INDEX.tsv).

    .venv/bin/python benchmarks/word.py FOLDER [--rows rows.tsv]

For every .docx it reads, links and audits offline, then prints: papers read without a crash; list
found (entries read, of papers whose text has a list heading or entries); citations linked per
paper (median, share ≥ 0.90) over papers with citations; papers with more than 15 findings (warning
or error) from one rule; errors and warnings per paper. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeguard.api import load_document  # noqa: E402
from citeguard.checks import audit  # noqa: E402
from citeguard.ingest import IngestError  # noqa: E402
from citeguard.model import Severity  # noqa: E402

ONE_CAUSE = 15  # findings from one rule in one paper past which they are a cascade


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rows", type=Path, help="write one row per paper (TSV)")
    args = parser.parse_args()
    papers = sorted(args.folder.glob("*.docx"))
    crashed, unreadable, listed, linked, cascades, errors, warnings, times = [], [], 0, [], [], [], [], []
    rows = ["paper\tentries\tcitations\tlinked\terrors\twarnings\ttop rule\tms"]
    for path in papers:
        t0 = time.perf_counter()
        try:
            doc = load_document(path)
            _, findings = audit(doc)
        except IngestError as exc:
            unreadable.append(f"{path.name}: {exc}")
            continue
        except Exception as exc:  # a crash is what this measures
            crashed.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        times.append((time.perf_counter() - t0) * 1000)
        listed += bool(doc.references)
        cited = [c for c in doc.citations]
        share = sum(1 for c in cited if c.reference is not None) / len(cited) if cited else None
        if share is not None:
            linked.append(share)
        by_rule = Counter(f.code for f in findings if f.severity is not Severity.INFO)
        top = by_rule.most_common(1)[0] if by_rule else ("", 0)
        if top[1] > ONE_CAUSE:
            cascades.append(f"{path.name}: {top[0]} × {top[1]}")
        errors.append(sum(1 for f in findings if f.severity is Severity.ERROR))
        warnings.append(sum(1 for f in findings if f.severity is Severity.WARNING))
        rows.append(f"{path.name}\t{len(doc.references)}\t{len(cited)}\t{'' if share is None else f'{share:.2f}'}\t"
                    f"{errors[-1]}\t{warnings[-1]}\t{top[0]}:{top[1]}\t{times[-1]:.0f}")
    read = len(papers) - len(crashed) - len(unreadable)
    print(f"papers: {len(papers)}; read without a crash: {len(papers) - len(crashed)}; unreadable (one line): "
          f"{len(unreadable)}")
    print(f"list found: {listed}/{read}")
    if linked:
        print(f"citations linked: median {statistics.median(linked):.2f}; papers ≥ 0.90: "
              f"{sum(1 for s in linked if s >= 0.9)}/{len(linked)}")
    print(f"papers with more than {ONE_CAUSE} findings from one rule: {len(cascades)}" +
          "".join(f"\n  {c}" for c in cascades))
    if errors:
        print(f"errors per paper: median {statistics.median(errors)}, mean {statistics.mean(errors):.1f}; "
              f"warnings: median {statistics.median(warnings)}, mean {statistics.mean(warnings):.1f}")
        print(f"audit time: median {statistics.median(times):.0f} ms a paper")
    for line in crashed + unreadable:
        print("  " + line)
    if args.rows:
        args.rows.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
