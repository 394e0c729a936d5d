"""The command line's one-line errors (exit 2) and option checks its commands share."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, NoReturn, TypeVar

import typer

from citeguard.checks import RULES
from citeguard.ingest import IngestError
from citeguard.report.files import ReportWriteError
from citeguard.report.untrusted import visible_controls

EXIT_USAGE = 2
# verify / links: there was something to check and nothing could be (no network, every source down,
# offline with an empty cache): not a pass, and not the manuscript's fault
EXIT_UNCHECKED = 3
T = TypeVar("T")

# --select / --ignore as audit and annotate take them (checked by ``prefixes``)
SelectOption = Annotated[list[str] | None, typer.Option("--select", help="Only rules with these code prefixes.")]
IgnoreOption = Annotated[list[str] | None, typer.Option("--ignore", help="Skip rules with these code prefixes.")]


def fail(message: str) -> NoReturn:
    typer.echo(f"citeguard: error: {visible_controls(message, one_line=True)}", err=True)
    raise typer.Exit(EXIT_USAGE)


def guard(action: Callable[[], T]) -> T:
    """Run ``action``; turn every failure into one line on stderr and exit code 2."""
    try:
        return action()
    except (IngestError, ReportWriteError) as exc:
        fail(str(exc))
    except typer.Exit:
        raise
    except RecursionError:
        fail("input is nested too deeply to process")
    except Exception as exc:
        fail(f"internal error ({type(exc).__name__}: {exc}); please report this with the input file")
    raise AssertionError("unreachable")


def prefixes(values: list[str] | None, option: str) -> list[str]:
    """ "--select CG1,CG2 --select CG301" → ["CG1", "CG2", "CG301"]; a prefix that matches no rule
    is an error, so that a typo cannot turn a CI check green by selecting nothing."""
    out = [p.strip().upper() for v in values or [] for p in v.split(",") if p.strip()]
    for p in out:
        if not re.fullmatch(r"CG\d{0,3}", p):
            fail(f"{option}: bad rule code prefix {p!r} (expected CG, CG1, CG20, CG201 …)")
        if not any(code.startswith(p) for code in RULES):
            fail(f"{option}: no rule code starts with {p!r} (see: citeguard rules)")
    return out
