"""What a configuration file found by discovery may set (docs/security.md, "Configuration").

A ``citeguard.toml`` or ``pyproject.toml`` in the current folder or above may have come with a
submission, so it is read as the manuscript is: untrusted. It may choose rules, levels, formats and
where reports go inside its own folder — what a project file is for — but not widen what citeguard
reads, contacts or writes, raise its limits, or switch the checks off. Those values are honoured only
from the command line, a file named with ``--config``, or the user's own configuration file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from citeguard.checks import RULES

# Switches that widen what is read or contacted, with what they would do
_SWITCHES = {
    "allow_private": "would fetch loopback and private addresses",
    "allow_outside": "would read files outside the manuscript's folder",
}
# Base URLs: they decide which servers are contacted (and the verify sources are sent every title);
# only the built-in value, or "none" for the archive (which only narrows), may come from discovery
_CONTACTED = frozenset({"crossref_url", "openalex_url", "datacite_url", "doi_url", "archive_base"})
# Keys that hide findings wholesale: a baseline lists findings not to show (a shipped one can list all)
_HIDING = {"baseline": "would hide every finding the baseline file lists"}
# Limits a discovered file may lower but not raise (docs/security.md, "Limits")
_LIMITS = {
    "max_pages": "would read longer PDFs than",
    "timeout": "would wait longer for each request than",
    "per_host": "would send more requests at once to one site than",
}


def refusal(name: str, value: Any, default: Any, is_path: bool, folder: Path) -> str | None:
    """Why a discovered configuration file (in ``folder``) may not set option ``name`` to ``value``
    (paths already made absolute against the file's folder), or None when it may."""
    if name in _SWITCHES and value is True:
        return _SWITCHES[name]
    if name in _CONTACTED and value != default and not (name == "archive_base" and value == "none"):
        return "decides which servers citeguard contacts"
    if name in _LIMITS and _number(value) and _number(default) and value > default:
        return f"{_LIMITS[name]} the built-in limit ({default})"
    if name in _HIDING and value:
        return _HIDING[name]
    if is_path:
        root = os.path.realpath(folder)
        for item in value if isinstance(value, list | tuple) else [value]:
            text = os.fspath(item) if isinstance(item, str | os.PathLike) else None
            if text is not None and text != "-" and not Path(os.path.realpath(text)).is_relative_to(root):
                return f"names {text}, outside the configuration file's folder"
    return None


def silenced(values: dict[str, Any]) -> str | None:
    """Why one command's values from a discovered file could leave it no rule to check, or None.
    Every per-path ignore is taken to apply to the same paper as ``ignore`` and as each other (a
    glob may well match every paper), so that rules cannot be switched off family by family."""
    select, ignore = _codes(values.get("select")), _codes(values.get("ignore"))
    per_path = tuple(code for item in _items(values.get("per_path_ignore")) for code in _codes(item.rpartition(":")[2]))
    dropped = ignore + per_path
    if (select or dropped) and not any((not select or code.startswith(select)) and not code.startswith(dropped)
                                       for code in RULES):
        return "select, ignore and per-path-ignore together leave no rule to check"
    return None


def _codes(value: Any) -> tuple[str, ...]:
    """Rule prefixes as the options take them: a list, or commas in one string."""
    return tuple(p.strip().upper() for v in _items(value) for p in v.split(",") if p.strip())


def _items(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
