"""What the audit command makes of its options: configured values checked, per-path ignores, URL
exclusions, baseline keys, the run's language, the progress bar."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer

from citeguard.cli.errors import fail as _fail
from citeguard.cli.errors import prefixes as _prefixes

# An option's choices as its help shows them: "[error|warning|info|never]"
_CHOICES_RE = re.compile(r"^\[([\w-]+(?:\|[\w-]+)+)\]$")


def check_values(ctx: typer.Context, path: Path, defaults: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each configured value as its option takes it (``"yes"`` → True, ``"1000"`` → 1000.0): a bad
    one is one line naming the file and the key, when the configuration is read (also by `citeguard
    config`), not a later puzzle. What is checked for trust is the converted value, so that a
    quoted "true" cannot pass where true would not."""
    commands = ctx.command.commands  # type: ignore[attr-defined]
    out: dict[str, dict[str, Any]] = {}
    for name, values in defaults.items():
        command = commands.get(name)
        if command is None:
            out[name] = dict(values)
            continue
        sub = command.make_context(name, [], resilient_parsing=True)
        params = {p.name: p for p in command.params}
        converted = out.setdefault(name, {})
        for key, value in values.items():
            param = params.get(key)
            if param is None:
                converted[key] = value
                continue
            shown = key.replace("_", "-")
            choices = _CHOICES_RE.match(getattr(param, "metavar", None) or "")
            if choices and isinstance(value, str) and value not in choices.group(1).split("|"):
                _fail(f"{path}: {shown} = {value!r}: choose one of {choices.group(1).replace('|', ', ')}")
            takes_many = getattr(param, "multiple", False) or getattr(param, "nargs", 1) != 1
            if isinstance(value, dict) or (isinstance(value, list) and not takes_many):
                _fail(f"{path}: {shown} = {value!r}: expected one value, not a {type(value).__name__}")
            try:
                converted[key] = param.process_value(sub, value)
            except Exception as exc:  # the option's own conversion and bounds (click's BadParameter)
                message = getattr(exc, "message", None) or f"not a value --{shown} takes ({type(exc).__name__})"
                _fail(f"{path}: {shown} = {value!r}: {message}")
    return out


def baseline_key(paper: Path, baseline: Path) -> str:
    """A paper as a baseline names it: its path from the baseline file's folder, so that the same
    paper is found whether citeguard runs from the project's root or elsewhere."""
    if str(paper) == "-":
        return "-"
    return Path(os.path.relpath(paper.resolve(), baseline.resolve().parent)).as_posix()


def per_path_ignores(values: list[str] | None) -> list[tuple[str, list[str]]]:
    """ "drafts/*.md:CG3,CG5" → [("drafts/*.md", ["CG3", "CG5"])]; a malformed one is a usage error."""
    out = []
    for value in values or []:
        pattern, sep, codes = value.rpartition(":")
        if not sep or not pattern.strip() or not codes.strip():
            _fail(f"--per-path-ignore: expected GLOB:CODES ('drafts/*.md:CG3,CG5'), not {value!r}")
        glob = pattern.strip()
        if "/" in glob and not Path(glob).is_absolute():  # a folder in it: relative to where citeguard runs
            glob = (Path.cwd() / glob).as_posix()
        out.append((glob, _prefixes([codes], "--per-path-ignore")))
    return out


def ignored_for(path: Path, per_path: list[tuple[str, list[str]]]) -> tuple[str, ...]:
    """The rule prefixes skipped for this paper: those of every pattern its path matches (a pattern
    without a folder matches the file's name in any folder)."""
    if str(path) == "-":
        return ()
    absolute = path.resolve().as_posix()
    return tuple(code for pattern, codes in per_path
                 if fnmatch.fnmatch(absolute, pattern) or ("/" not in pattern and fnmatch.fnmatch(path.name, pattern))
                 for code in codes)


def _re2_options() -> Any:
    import re2  # google-re2: imported here, so that `citeguard --help` does not load it

    options = re2.Options()
    options.log_errors = False  # RE2 logs a refused pattern to stderr itself; the one line is ours
    return options


def url_patterns(values: list[str] | None) -> tuple[str, ...]:
    """--exclude-url's regular expressions, each checked here (a bad one is a usage error). They are
    matched by RE2, which runs in time linear in the URL whatever the pattern (Python's re can
    backtrack for ever on a URL a manuscript chose): RE2 syntax, as lychee's, without look-around
    or back-references."""
    import re2

    for value in values or []:
        try:
            re2.compile(value, options=_re2_options())
        except re2.error as exc:
            reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
            _fail(f"--exclude-url: {value!r} is not a regular expression RE2 accepts ({reason}; RE2 has no "
                  "look-around or back-references)")
    return tuple(values or ())


def url_filter(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a URL is excluded: one of ``patterns`` (checked by url_patterns) finds it."""
    if not patterns:
        return lambda _url: False
    import re2

    compiled = [re2.compile(p, options=_re2_options()) for p in patterns]
    return lambda url: any(rx.search(url) is not None for rx in compiled)


def run_language(outcomes: list[Any]) -> str:
    """The index's language: Chinese when most papers of the run are."""
    langs = [o.row.lang for o in outcomes if o.row is not None and o.row.lang]
    return "zh" if langs and sum(1 for x in langs if x == "zh") * 2 >= len(langs) else "en"


@contextlib.contextmanager
def progress(total: int) -> Iterator[Callable[[Any], None]]:
    """A progress bar on standard error for a run over many papers (none for one, or off a terminal)."""
    if total <= 1 or not sys.stderr.isatty():
        yield lambda _outcome: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    with Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("papers", total=total)
        yield lambda _outcome: bar.advance(task)
