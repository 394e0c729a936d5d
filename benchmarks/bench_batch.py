"""A run over many papers, end to end as an editorial office runs it: `citeguard audit FOLDER …
--offline` writing every paper's JSON, HTML, SARIF and ledger plus reports/index.html. Prints wall
time and papers per second for each --jobs value, and the peak memory of one process at two run
sizes (flat in the number of papers: each worker sends back counts, not documents).

    .venv/bin/python benchmarks/bench_batch.py [--jobs 1 2] [FOLDER …]
      (default folders: ../shared/corpus/wild and corpus/)
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT

from citeguard.cli.batch import expand_papers


def run(folders: list[Path], jobs: int, limit: int | None = None) -> tuple[float, int, float]:
    """(wall seconds, papers, peak RSS of the largest process in MiB) of one audit run."""
    papers, _ = expand_papers(folders)
    args = [str(p) for p in papers[:limit]] if limit else [str(f) for f in folders]
    count = limit or len(papers)
    out = Path(tempfile.mkdtemp(prefix="cg-batch-"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "citeguard", "audit", *args, "--offline", "--no-cache", "--jobs",
                           str(jobs), "--reports-dir", str(out), "-q", "--fail-on", "never"],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    written = len(list(out.iterdir()))
    shutil.rmtree(out)
    if proc.returncode not in (0, 1):
        print(proc.stderr[-2000:], file=sys.stderr)
    assert written >= count * 4, f"expected the reports of {count} papers, found {written} files"
    return wall, count, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT.parent / "shared" / "corpus" / "wild", ROOT / "corpus"])
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    args = parser.parse_args()
    print("| --jobs | papers | wall s | papers/s |")
    print("|---|---|---|---|")
    for jobs in args.jobs:
        wall, count, _ = run(args.folders, jobs)
        print(f"| {jobs} | {count} | {wall:.2f} | {count / wall:.1f} |")
    # Peak memory of one process (ru_maxrss is the largest child so far, so the small run goes first)
    _, small, small_rss = run(args.folders, 1, limit=50)
    _, big, big_rss = run(args.folders, 1)
    print(f"\npeak RSS of one process: {small_rss:.0f} MiB after {small} papers, {big_rss:.0f} MiB after {big} papers")


if __name__ == "__main__":
    main()
