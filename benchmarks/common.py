"""What the benchmark scripts share: the bundled paper (the CLI's own default) and the
"PAPER [--repeat N]" command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from citeguard.cli import BUNDLED_PAPER

ROOT = BUNDLED_PAPER.parent.parent


def paper_arguments(doc: str | None, repeat: int) -> argparse.ArgumentParser:
    """A parser with an optional PAPER (default: the bundled paper) and --repeat N."""
    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0] if doc else None)
    parser.add_argument("paper", nargs="?", type=Path, default=BUNDLED_PAPER)
    parser.add_argument("--repeat", type=int, default=repeat)
    return parser
