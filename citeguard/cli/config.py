"""Configuration (issue 13): ``citeguard.toml``, or ``[tool.citeguard]`` in ``pyproject.toml``, in the
current folder or the nearest one above it. Command-line options override it.

    [tool.citeguard]            # keys apply to every command that has the option
    fail-on = "warning"
    select = ["CG1", "CG3"]
    mailto = "editor@journal.example"

    [tool.citeguard.verify]     # keys for one command only
    crossref-url = "https://crossref-mirror.example"

Paths are relative to the file they are written in. An unknown key is an error, not a silence.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from citeguard.ingest import IngestError
from citeguard.ingest.source import read_bounded

CONFIG_FILE = "citeguard.toml"
MAX_CONFIG_BYTES = 256 * 1024
MAX_LEVELS = 64  # folders walked up looking for a configuration


class ConfigError(Exception):
    """A configuration that cannot be used (one line, exit 2)."""


@dataclass(frozen=True, slots=True)
class Config:
    """The configuration in force: where it came from and the defaults it gives each command."""

    path: Path | None = None
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)


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
                pass  # someone else's broken pyproject.toml is not ours to report
        if folder.parent == folder:
            return None
        folder = folder.parent
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except IngestError as exc:
        raise ConfigError(str(exc)) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def table_of(path: Path) -> dict[str, Any]:
    """The citeguard table of a configuration file."""
    data = _read(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("citeguard", {}) if isinstance(tool, dict) else {}
    elif isinstance(data.get("tool"), dict) and "citeguard" in data["tool"]:
        data = data["tool"]["citeguard"]  # citeguard.toml written like a pyproject section
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.citeguard] must be a table")
    return data


def defaults_for(path: Path, table: dict[str, Any], commands: dict[str, dict[str, bool]]) -> Config:
    """Per-command defaults from ``table``. ``commands``: each command's option names, each with
    whether it takes a path (resolved against the file's folder)."""
    out: dict[str, dict[str, Any]] = {name: {} for name in commands}
    shared = {k: v for k, v in table.items() if not isinstance(v, dict)}
    for key, value in shared.items():
        name = key.replace("-", "_")
        users = [c for c, options in commands.items() if name in options]
        if not users:
            raise ConfigError(f"{path}: unknown key {key!r} (no command has the option --{key.replace('_', '-')})")
        for command in users:
            out[command][name] = _anchored(path, value) if name == "per_path_ignore" else \
                _value(path, value, commands[command][name])
    for command, section in ((k, v) for k, v in table.items() if isinstance(v, dict)):
        if command not in commands:
            raise ConfigError(f"{path}: unknown section [tool.citeguard.{command}] (commands: {', '.join(commands)})")
        for key, value in section.items():
            name = key.replace("-", "_")
            if name not in commands[command]:
                raise ConfigError(f"{path}: unknown key {key!r} in [{command}] (citeguard {command} has no "
                                  f"--{key.replace('_', '-')})")
            out[command][name] = _anchored(path, value) if name == "per_path_ignore" else \
                _value(path, value, commands[command][name])
    return Config(path, {k: v for k, v in out.items() if v})


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


def show_config(ctx: typer.Context,
                as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print it as JSON.")] = False) -> None:
    """Print the configuration in force: the file it came from and, per command, each value it sets
    (command-line options override them)."""
    config = ctx.parent.obj if ctx.parent is not None and isinstance(ctx.parent.obj, Config) else Config()
    if as_json:
        typer.echo(json.dumps({"file": str(config.path) if config.path else None, "commands": config.defaults},
                              ensure_ascii=False, indent=2, default=str))
        return
    if config.path is None:
        typer.echo("no configuration file (citeguard.toml, or [tool.citeguard] in pyproject.toml, here or above): "
                   "built-in defaults")
        return
    typer.echo(f"configuration: {config.path}")
    for command, values in sorted(config.defaults.items()):
        for name, value in sorted(values.items()):
            typer.echo(f"  {command} --{name.replace('_', '-')} = {value!r}   (from {config.path.name})")
