"""The command line's one-line errors (exit 2) and option checks its commands share."""

from __future__ import annotations

import math
import re
import shlex
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Annotated, Any, NoReturn, TypeVar

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

def _finite(value: float) -> float:
    """A number of seconds: "nan" and "inf" pass click's range check (every comparison with NaN is
    false), and would make every request time out or none."""
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of seconds")
    return value


# --timeout as audit, verify and links take it
TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds per request.", min=0.1, callback=_finite)]
# --select / --ignore as audit and annotate take them (checked by ``prefixes``)
SelectOption = Annotated[list[str] | None, typer.Option("--select", help="Only rules with these code prefixes.")]
IgnoreOption = Annotated[list[str] | None, typer.Option("--ignore", help="Skip rules with these code prefixes.")]
# --min-confidence as audit and annotate take it (checked by ``arguments.confidence_level``)
MinConfidenceOption = Annotated[str, typer.Option("--min-confidence", metavar="[high|medium|low]",
                                                  help="Only findings this sure or surer: high, medium or low "
                                                  "(default: all).")]


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


NEAR_ENOUGH = 0.8  # how alike a misspelt option and one of citeguard itself must be to name it


def usage_line(exc: Exception, argv: Sequence[str]) -> str:
    """A usage error of the command line (typer's) as one line: an option of citeguard itself
    given after the command says where it goes; a misspelt option names the nearest one."""
    ctx: Any = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "citeguard"
    name: str = getattr(exc, "option_name", "") or ""
    if not hasattr(exc, "possibilities") or not name:  # not "No such option": as typer words it
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        return visible_controls(f"{' '.join(message.splitlines())} (see: {where} --help)", one_line=True)
    message = getattr(exc, "message", "") or f"No such option: {name}"
    root = ctx.parent if ctx is not None else None
    roots = {o: p for p in (root.command.params if root is not None else ()) for o in p.opts if o.startswith("--")}
    if name in roots:
        return visible_controls(f"{name} is an option of citeguard itself: {_put_first(name, roots[name], ctx, argv)}",
                                one_line=True)
    near = list(getattr(exc, "possibilities", None) or ())  # the command's own, nearest first

    def likeness(option: str) -> float:
        return SequenceMatcher(None, name, option).ratio()

    best = max([*near, *roots], key=likeness, default="")
    if best in near:
        message += f" (did you mean {best}?)"
    elif best and likeness(best) >= NEAR_ENOUGH:
        message += f" (did you mean {best}? {_put_first(best, roots[best], ctx, argv, typed=name)})"
    return visible_controls(f"{message} (see: {where} --help)", one_line=True)


def _put_first(option: str, param: Any, ctx: Any, argv: Sequence[str], typed: str = "") -> str:
    """ "put it before the command: citeguard --config my.toml verify …", with the value the user
    gave when the option takes one."""
    shown = [option]
    if not getattr(param, "is_flag", False):
        typed = typed or option
        args = list(argv)
        value = next((args[i + 1] if token == typed else token.split("=", 1)[1]
                      for i, token in enumerate(args)
                      if (token == typed and i + 1 < len(args)) or token.startswith(typed + "=")), None)
        takes_path = getattr(param.type, "name", "") == "path"  # click's Path type
        shown.append(shlex.quote(value) if value is not None else "FILE" if takes_path else "VALUE")
    return f"put it before the command: citeguard {' '.join(shown)} {ctx.info_name} …"
