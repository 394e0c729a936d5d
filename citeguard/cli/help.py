"""How ``--help`` reads: typer's rich panels, with citeguard's help texts shown as written.

Typer parses help text as rich markup, so "[tool.citeguard]" vanished as an unknown style tag; the
texts are escaped instead of giving up the panels (``rich_markup_mode=None`` is click's plain
list). A docstring's hard line breaks are joined (rich markup mode keeps them, which printed
ragged half lines), and ``--help`` shows no "<bool>" type, as every other flag has none."""

from __future__ import annotations

import inspect
from typing import Any

from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


def _plain(text: str | None) -> str | None:
    """Help text as it is to be read: markup escaped, each paragraph on one line."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(escape(" ".join(line.strip() for line in p.strip().splitlines())) for p in paragraphs)


def _tidy(command: TyperCommand | TyperGroup) -> None:
    command.help = _plain(command.help)
    for param in command.params:
        if isinstance(param, TyperOption | TyperArgument):
            param.help = _plain(param.help)


class _ShownAsWritten:
    """What both help classes add: texts tidied once built, --help a flag without a type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _tidy(self)  # type: ignore[arg-type]

    def get_help_option(self, ctx: Any) -> TyperOption | None:  # (click's Context, vendored by typer)
        return _flag(super().get_help_option(ctx))  # type: ignore[misc]


class HelpCommand(_ShownAsWritten, TyperCommand):
    """A command whose help shows its texts as written."""


class HelpGroup(_ShownAsWritten, TyperGroup):
    """The root command (its options and the list of commands), its texts shown as written."""


def _flag(option: TyperOption | None) -> TyperOption | None:
    """--help is a flag: no value, so no type in the help's type column (metavar "")."""
    if option is not None:
        option.metavar = ""
    return option
