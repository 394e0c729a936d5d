"""The office's library of editions as the commands open it (``quotes``, and ``audit --library DIR``):
the index in the user cache folder unless ``--no-cache``, a library that cannot be read a usage
error (one line, exit 2), a cache that cannot be used a warning."""

from __future__ import annotations

from pathlib import Path

import typer

from citeguard.cli.errors import fail
from citeguard.cli.network import NetworkOptions
from citeguard.model import Document
from citeguard.quotes import (
    EditionIndex,
    LibraryError,
    Source,
    default_index_path,
    load_library,
    quoted_urls,
    unpaged,
    web_source,
)


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


def web_pages(document: Document, index: EditionIndex, options: NetworkOptions) -> dict[str, Source]:
    """The cited web pages the manuscript quotes, by URL: from the index when a run fetched them
    before (so an offline run checks them too), else fetched with the resolver's safety checks
    (never with --offline) and kept."""
    pages: dict[str, Source] = {}
    missing = []
    for url in quoted_urls(document):
        stored = index.get("web:" + url)
        if stored is not None:
            pages[url] = Source.made(url, url, stored, key="web:" + url)
        else:
            missing.append(url)
    if missing and not options.offline:
        from citeguard.resolve.resolver import ResolverConfig
        from citeguard.resolve.run import fetch_page_texts
        from citeguard.resolve.safety import SafetyPolicy
        config = ResolverConfig(timeout=options.timeout, deadline=max(options.timeout * 4, options.timeout + 10),
                                wayback_base=None)
        for url, text in fetch_page_texts(missing, config=config,
                                          policy=SafetyPolicy(allow_private=options.allow_private)).items():
            index.put("web:" + url, unpaged(text))
            pages[url] = web_source(url, text, key="web:" + url)
    return pages
