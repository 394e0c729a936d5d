"""What the commands share in reading their arguments: the default manuscript, --fail-on's
levels, --min-confidence, the baseline file, report names, whether to colour the terminal."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from citeguard.cli.errors import fail as _fail
from citeguard.cli.errors import guard as _guard
from citeguard.ingest import IngestError
from citeguard.model import Confidence
from citeguard.report import write_report

# What every command that reads a manuscript reads (ingest.source.SUPPORTED_SUFFIXES, by content)
MANUSCRIPT_HELP = ("Manuscript: .txt, .md, .tex (with the .bib files it names), .bib, .docx or .pdf; '-' for "
                   "standard input; default: the bundled paper.")
BUNDLED_PAPER = Path(__file__).resolve().parent.parent.parent / "corpus" / \
    "wang2026-new-quality-productive-forces-open-economy.txt"
# The manuscript argument of the commands that read one (PAPER; the bundled paper by default)
PaperArgument = Annotated[Path | None, typer.Argument(help=MANUSCRIPT_HELP)]

def read_baseline_file(path: Path) -> dict[str, Counter[str]]:
    from citeguard.ingest.source import read_bounded
    from citeguard.report.baseline import BaselineError, read_baseline
    try:
        return read_baseline(read_bounded(path).decode("utf-8", errors="replace"))
    except BaselineError as exc:
        raise IngestError(f"{path}: {exc}") from exc


def default_paper(paper: Path | None) -> Path:
    if paper is not None:
        return paper
    if not BUNDLED_PAPER.exists():
        _fail("no PAPER given and the bundled corpus paper is not installed")
    try:  # a relative path keeps reports identical on every machine
        return BUNDLED_PAPER.relative_to(Path.cwd())
    except ValueError:
        return BUNDLED_PAPER


def use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}


def report_stems(paths: list[Path]) -> list[str]:
    """Report names for each paper; papers sharing a name get their format (paper.docx and
    paper.pdf → paper-docx, paper-pdf) or else their folder in the name too."""
    stems = ["stdin" if str(p) == "-" else p.stem for p in paths]
    out = []
    for path, stem in zip(paths, stems, strict=True):
        if stems.count(stem) > 1:
            same = [p for p in paths if p.stem == stem]
            if len({p.suffix.lower() for p in same}) == len(same):
                stem = f"{stem}-{path.suffix.lower().lstrip('.')}"
            else:
                parent = "-".join(part for part in path.resolve().parent.parts[-2:] if part not in ("/", ""))
                stem = f"{parent}-{stem}"
        out.append(stem)
    return out


def confidence_level(value: str) -> Confidence:
    """--min-confidence's value, or a one-line usage error."""
    try:
        return Confidence(value.lower())
    except ValueError:
        _fail(f"--min-confidence must be high, medium or low, not {value!r}")


def terminal_width(default: int = 120) -> int:
    """The terminal's width for a table, or ``default`` when the output is not a terminal."""
    return typer.get_terminal_size()[0] if sys.stdout.isatty() else default


def send(target: Path, text: str) -> bool:
    """``text`` to ``target`` ("-": standard output, one line of error and exit 2 when the file cannot
    be written); True when it went to standard output."""
    if str(target) == "-":
        sys.stdout.write(text)
        return True
    _guard(lambda: write_report(target, text))
    return False
