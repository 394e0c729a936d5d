"""Configuration (issue 13): ``citeguard.toml``, or ``[tool.citeguard]`` in ``pyproject.toml``, in the
current folder or the nearest one above it (or the file ``--config`` names), over the user's own
``citeguard.toml`` in the user configuration folder (``~/.config/citeguard`` on Linux). Command-line
options override both.

    [tool.citeguard]            # keys apply to every command that has the option
    fail-on = "warning"
    select = ["CG1", "CG3"]
    mailto = "editor@journal.example"

    [tool.citeguard.verify]     # keys for one command only
    crossref-url = "https://crossref-mirror.example"

Paths are relative to the file they are written in. An unknown key is an error, not a silence. A file
found by discovery may have come with a submission: the keys that widen what citeguard reads,
contacts or writes are refused from it (cli/config_trust.py).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from citeguard.ingest import IngestError
from citeguard.ingest.source import read_bounded

CONFIG_FILE = "citeguard.toml"
MAX_CONFIG_BYTES = 256 * 1024
# Our table's header in a pyproject.toml: [tool.citeguard]  [tool.citeguard.audit]  [ tool . citeguard ]
#   (spaces and tabs only: a \s that also takes line ends rescans every later line from every line start)
_TOOL_TABLE_RE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*citeguard[ \t]*[\].]", re.MULTILINE)
MAX_LEVELS = 64  # folders walked up looking for a configuration


class ConfigError(Exception):
    """A configuration that cannot be used (one line, exit 2)."""


@dataclass(frozen=True, slots=True)
class Config:
    """The configuration in force: where it came from and the defaults it gives each command."""

    path: Path | None = None  # the project's file (found here or above, or named by --config)
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    user: Path | None = None  # the user's own file, when there is one
    sources: dict[str, dict[str, Path]] = field(default_factory=dict)  # the file each value came from


def user_config_file() -> Path:
    """The user's own configuration file: trusted like the command line."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("citeguard")) / CONFIG_FILE


def find_config(start: Path) -> Path | None:
    """``citeguard.toml`` or a ``pyproject.toml`` with ``[tool.citeguard]`` in ``start`` or above."""
    folder = start.resolve()
    for _ in range(MAX_LEVELS):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "citeguard" in _read(pyproject).get("tool", {}):
                    return pyproject
            except ConfigError:
                # someone else's broken pyproject.toml is not ours to report — unless it has our
                # table, which then cannot be read: reported (one line), not silently skipped
                if _TOOL_TABLE_RE.search(_raw(pyproject)):
                    return pyproject
        if folder.parent == folder:
            return None
        folder = folder.parent
    return None


def _raw(path: Path) -> str:
    try:
        return read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8", errors="replace")
    except IngestError:
        return ""


def _read(path: Path) -> dict[str, Any]:
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder; --config names a configuration file (citeguard.toml, pyproject.toml)")
    try:
        return tomllib.loads(read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except IngestError as exc:
        raise ConfigError(str(exc)) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{path}: not valid TOML (nested too deeply to read)") from None


def table_of(path: Path) -> tuple[dict[str, Any], str]:
    """The citeguard table of a configuration file, and how its sections are written in it
    ("tool.citeguard." in a pyproject.toml, "" or "citeguard." in a citeguard.toml)."""
    data = _read(path)
    prefix = "tool.citeguard."
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("citeguard", {}) if isinstance(tool, dict) else {}
    elif isinstance(data.get("tool"), dict) and "citeguard" in data["tool"]:
        data = data["tool"]["citeguard"]  # citeguard.toml written like a pyproject section
    elif isinstance(data.get("citeguard"), dict):  # [citeguard] in citeguard.toml: the top table, named
        inner = data.pop("citeguard")
        if twice := sorted(set(inner) & set(data)):
            raise ConfigError(f"{path}: {twice[0]!r} is set both in [citeguard] and outside it")
        data, prefix = {**data, **inner}, "citeguard."
    else:
        prefix = ""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.citeguard] must be a table")
    return data, prefix


def defaults_for(path: Path, table: dict[str, Any], commands: dict[str, dict[str, bool]],
                 prefix: str = "tool.citeguard.") -> dict[str, dict[str, Any]]:
    """Per-command defaults from ``table``. ``commands``: each command's option names, each with
    whether it takes a path (resolved against the file's folder); ``prefix``: how the file names its
    sections (for the messages)."""
    out: dict[str, dict[str, Any]] = {name: {} for name in commands}
    shared = {k: v for k, v in table.items() if not isinstance(v, dict)}
    every = sorted({n.replace("_", "-") for options in commands.values() for n in options})
    for key, value in shared.items():
        name = key.replace("-", "_")
        users = [c for c, options in commands.items() if name in options]
        if not users:
            raise ConfigError(f"{path}: unknown key {key!r} (no command has the option --{key.replace('_', '-')})"
                              + _did_you_mean(key, every, "{}"))
        for command in users:
            out[command][name] = _anchored(path, value) if name == "per_path_ignore" else \
                _value(path, value, commands[command][name])
    for command, section in ((k, v) for k, v in table.items() if isinstance(v, dict)):
        if command not in commands:
            raise ConfigError(f"{path}: unknown section [{prefix}{command}] (commands: {', '.join(commands)})"
                              + _did_you_mean(command, list(commands), f"[{prefix}{{}}]"))
        for key, value in section.items():
            name = key.replace("-", "_")
            if name not in commands[command]:
                own = sorted(n.replace("_", "-") for n in commands[command])
                raise ConfigError(f"{path}: unknown key {key!r} in [{prefix}{command}] (citeguard {command} has no "
                                  f"--{key.replace('_', '-')})" + _did_you_mean(key, own, "{}"))
            out[command][name] = _anchored(path, value) if name == "per_path_ignore" else \
                _value(path, value, commands[command][name])
    return {k: v for k, v in out.items() if v}


def _did_you_mean(word: str, choices: list[str], form: str) -> str:
    """ "; did you mean 'fail-on'?" for the nearest choice, or nothing."""
    near = difflib.get_close_matches(word.replace("_", "-"), choices, n=1, cutoff=0.7)
    return f"; did you mean {form.format(repr(near[0]) if form == '{}' else near[0])}?" if near else ""


def _anchored(path: Path, value: Any) -> Any:
    """per-path-ignore globs with a folder in them are relative to the configuration file's folder
    ("drafts/*.docx:CG1" there means that folder's drafts, from wherever citeguard runs)."""
    if not isinstance(value, list):
        return value
    out = []
    for item in value:
        glob, sep, codes = item.rpartition(":") if isinstance(item, str) else ("", "", "")
        if sep and "/" in glob and not Path(glob).is_absolute():
            item = f"{(path.parent.resolve() / glob).as_posix()}:{codes}"
        out.append(item)
    return out


def _value(path: Path, value: Any, is_path: bool) -> Any:
    if is_path and isinstance(value, str) and value != "-":
        return str((path.parent / value).resolve()) if not Path(value).is_absolute() else value
    if is_path and isinstance(value, list):
        return [str((path.parent / v).resolve()) if isinstance(v, str) and not Path(v).is_absolute() else v
                for v in value]
    return value


def configure(ctx: typer.Context, explicit: Path | None, no_config: bool) -> Config:
    """The configuration in force for the run the context starts: the user's own file, under the
    project's (the file --config names, else the one found here or above), each value checked as its
    option would take it; a file found by discovery is refused values it may not set
    (cli/config_trust.py). A bad file is one line and exit 2."""
    from citeguard.cli.errors import fail
    from citeguard.cli.run_options import check_values

    if no_config:
        return Config()
    params = {name: {p.name: p for p in command.params if p.name}
              for name, command in ctx.command.commands.items()}  # type: ignore[attr-defined]
    kinds = {name: {key: getattr(p.type, "name", "") == "path" for key, p in options.items()} for name, options in params.items()}
    user: Path | None = user_config_file()
    user = user if user is not None and user.is_file() else None
    project = explicit or find_config(Path.cwd())
    if project is not None and user is not None and _same(project, user):
        project = None  # the user's own file, found by walking up from inside its folder
    defaults: dict[str, dict[str, Any]] = {}
    sources: dict[str, dict[str, Path]] = {}
    for path, trusted in ((user, True), (project, explicit is not None)):
        if path is None:
            continue
        try:
            table, prefix = table_of(path)
            layer = defaults_for(path, table, kinds, prefix)
        except ConfigError as exc:
            fail(str(exc))
        layer = check_values(ctx, path, layer)
        if not trusted:
            _check_trust(path, layer, params, kinds)
        for command, values in layer.items():
            defaults.setdefault(command, {}).update(values)  # the project's values over the user's
            sources.setdefault(command, {}).update(dict.fromkeys(values, path))
    return Config(project, defaults, user, sources)


def _check_trust(path: Path, layer: dict[str, dict[str, Any]], params: dict[str, dict[str, Any]],
                 kinds: dict[str, dict[str, bool]]) -> None:
    """Refuse, with one line and exit 2, a value a discovered file may not set."""
    from citeguard.cli.config_trust import refusal, silenced
    from citeguard.cli.errors import fail

    hint = (f"a configuration found here or above may have come with a submission: give it on the command line, "
            f"name this file with --config, or put it in {user_config_file()}")
    for command, values in layer.items():
        for name, value in values.items():
            why = refusal(name, value, params[command][name].default, kinds[command][name], path.parent)
            if why is not None:
                fail(f"{path}: {name.replace('_', '-')} = {_shown(value)} {why}; {hint}")
        if (why := silenced(values)) is not None:
            fail(f"{path}: for citeguard {command}, {why}; {hint}")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):  # a repeatable option, as the file writes it
        value = list(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def show_config(ctx: typer.Context,
                as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print it as JSON.")] = False) -> None:
    """Print the configuration in force: the files it came from and, per command, each value it sets
    (command-line options override them)."""
    config = ctx.parent.obj if ctx.parent is not None and isinstance(ctx.parent.obj, Config) else Config()
    if as_json:
        typer.echo(json.dumps({"file": str(config.path) if config.path else None,
                               "user_file": str(config.user) if config.user else None,
                               "commands": config.defaults}, ensure_ascii=False, indent=2, default=str))
        return
    if config.path is None and config.user is None:
        typer.echo("no configuration file (citeguard.toml, or [tool.citeguard] in pyproject.toml, here or above; "
                   f"your own: {user_config_file()}): built-in defaults")
        return
    if config.path is not None:
        typer.echo(f"configuration: {config.path}")
    if config.user is not None:
        typer.echo(f"your own configuration: {config.user}")
    for command, values in sorted(config.defaults.items()):
        for name, value in sorted(values.items()):
            source = config.sources.get(command, {}).get(name, config.path or config.user)
            typer.echo(f"  {command} --{name.replace('_', '-')} = {_shown(value)}   (from {source})")
