"""Command line: the only place that reads argv or sets an exit code.

Exit codes: 0 success; 1 findings at or above --fail-on (audit); 2 usage error or unreadable
input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from citeguard import __version__
from citeguard.api import load_document
from citeguard.ingest import IngestError
from citeguard.report import render_model_json, write_report
from citeguard.report.files import ReportWriteError
from citeguard.report.terminal import render_parse_summary

BUNDLED_PAPER = Path(__file__).resolve().parent.parent / "corpus" / \
    "wang2026-new-quality-productive-forces-open-economy.txt"
EXIT_USAGE = 2

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="citeguard: check the citations, references and footnotes of a manuscript.")

T = TypeVar("T")


def _fail(message: str) -> None:
    typer.echo(f"citeguard: error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _guard(action: Callable[[], T]) -> T:
    """Run ``action``; turn every failure into one line on stderr and exit code 2."""
    try:
        return action()
    except (IngestError, ReportWriteError) as exc:
        _fail(str(exc))
    except typer.Exit:
        raise
    except RecursionError:
        _fail("input is nested too deeply to process")
    except Exception as exc:
        _fail(f"internal error ({type(exc).__name__}: {exc}); please report this with the input file")
    raise AssertionError("unreachable")


def _paper(paper: Path | None) -> Path:
    if paper is not None:
        return paper
    if not BUNDLED_PAPER.exists():
        _fail("no PAPER given and the bundled corpus paper is not installed")
    try:  # a relative path keeps reports identical on every machine
        return BUNDLED_PAPER.relative_to(Path.cwd())
    except ValueError:
        return BUNDLED_PAPER


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _version(value: bool) -> None:
    if value:
        typer.echo(f"citeguard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """citeguard: check the citations, references and footnotes of a manuscript."""


@app.command()
def parse(
    paper: Annotated[Path | None, typer.Argument(help="Manuscript (.txt or .md); default: the bundled paper.")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the document model as JSON here "
                                                   "('-' for standard output).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No terminal summary.")] = False,
) -> None:
    """Parse a manuscript and show (or write as JSON) what citeguard read from it."""
    path = _paper(paper)
    document = _guard(lambda: load_document(path))
    if json_file is not None:
        text = _guard(lambda: render_model_json(document))
        if str(json_file) == "-":
            sys.stdout.write(text)
            return
        _guard(lambda: write_report(json_file, text))
    if not quiet:
        width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 100
        sys.stdout.write(render_parse_summary(document, width=width, color=_use_color()))
        if json_file is not None:
            typer.echo(f"model written to {json_file}")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    app(args=argv, prog_name="citeguard")
