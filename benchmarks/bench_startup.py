"""Start-up: how long one command takes end to end, as a user or a one-paper CI job runs it.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7]

Runs each command ``--runs`` times in a fresh interpreter (after one warm-up run that writes the
bytecode and template caches) and prints the median and the fastest wall time and the peak RSS,
then the ten modules that cost the most to import (self time, ``python -X importtime``, median of
three runs). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt"
CITEGUARD = [sys.executable, "-m", "citeguard", "--no-config"]


def _commands(reports: str) -> dict[str, list[str]]:
    return {
        "citeguard --help": [*CITEGUARD, "--help"],
        "citeguard audit PAPER --offline (JSON, HTML, SARIF, ledger written)":
            [*CITEGUARD, "audit", str(PAPER), "--offline", "--no-cache", "-q", "--fail-on", "never",
             "--reports-dir", reports],
    }


def _environment() -> dict[str, str]:
    """The user's environment, but writing bytecode (a development shell may forbid it)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(command: list[str], runs: int) -> tuple[float, float, float]:
    env = _environment()
    subprocess.run(command, capture_output=True, env=env, check=False)  # warm-up: .pyc files, template cache
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        walls.append(time.perf_counter() - started)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(walls), min(walls), peak_kib / 1024


def _imports(command: list[str]) -> list[tuple[float, str]]:
    costs: dict[str, list[int]] = defaultdict(list)
    for _ in range(3):
        done = subprocess.run([command[0], "-X", "importtime", *command[1:]], capture_output=True, text=True,
                              env=_environment(), check=False)
        for line in done.stderr.splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                own, _, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
                costs[name].append(int(own))
    return sorted(((statistics.median(v) / 1000, k) for k, v in costs.items()), reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as reports:
        commands = _commands(reports)
        print(f"{'command':<72} {'median':>8} {'fastest':>8} {'peak RSS':>9}")
        for name, command in commands.items():
            median, fastest, peak = _time(command, args.runs)
            print(f"{name:<72} {median:7.2f}s {fastest:7.2f}s {peak:7.0f}MB")
        audit = list(commands.values())[-1]
        imports = _imports(audit)
        print(f"\nimports of the audit: {sum(c for c, _ in imports):.0f} ms in all (self times); the costliest:")
        for cost, name in imports[:10]:
            print(f"  {cost:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
