"""The office's library of editions as the commands open it (``quotes``, and ``audit --library DIR``):
the index in the user cache folder unless ``--no-cache``, a library that cannot be read a usage
error (one line, exit 2), a cache that cannot be used a warning."""

from __future__ import annotations

from pathlib import Path

import typer

from citeguard.cli.errors import fail
from citeguard.quotes import EditionIndex, LibraryError, Source, default_index_path, load_library


def open_library(folder: Path, *, no_cache: bool = False) -> tuple[list[Source], EditionIndex]:
    """The editions of ``folder`` and the index they are kept in."""
    index = EditionIndex(None if no_cache else default_index_path())
    try:
        sources = load_library(folder, index)
    except LibraryError as exc:
        fail(str(exc))
    if index.problem:
        typer.echo(f"citeguard: warning: {index.problem}", err=True)
    return sources, index
