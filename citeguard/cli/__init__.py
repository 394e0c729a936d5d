"""Command line: the only place that reads argv or sets an exit code (the application is in
``cli.app``; each command's own module beside it)."""

from citeguard.cli.app import app, main
from citeguard.cli.arguments import BUNDLED_PAPER

__all__ = ["BUNDLED_PAPER", "app", "main"]
