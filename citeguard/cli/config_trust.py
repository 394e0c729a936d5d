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
    if is_path:
        root = os.path.realpath(folder)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item != "-" and not Path(os.path.realpath(item)).is_relative_to(root):
                return f"names {item}, outside the configuration file's folder"
    return None


def silenced(values: dict[str, Any]) -> str | None:
    """Why one command's values from a discovered file would leave it no rule to check (every rule
    deselected or ignored, or ignored for a set of paths), or None."""
    select, ignore = _codes(values.get("select")), _codes(values.get("ignore"))
    if (select or ignore) and not any((not select or code.startswith(select)) and not code.startswith(ignore)
                                      for code in RULES):
        return "select and ignore leave no rule to check"
    for item in _items(values.get("per_path_ignore")):
        glob, _, codes = item.rpartition(":")
        if glob and all(code.startswith(_codes(codes)) for code in RULES):
            return f"per-path-ignore {item!r} ignores every rule"
    return None


def _codes(value: Any) -> tuple[str, ...]:
    """Rule prefixes as the options take them: a list, or commas in one string."""
    return tuple(p.strip().upper() for v in _items(value) for p in v.split(",") if p.strip())


def _items(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
