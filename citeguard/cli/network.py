"""Link checking for the command line: options → resolver, cache and progress bar."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from citeguard.model import LinkResult
from citeguard.report.untrusted import visible_controls
from citeguard.resolve import LinkCache, LinkClaim, default_cache_path, offline_results


@dataclass(frozen=True, slots=True)
class NetworkOptions:
    """The link-checking options shared by ``audit`` and ``links``."""

    offline: bool = False
    cache: Path | None = None  # None: the default cache file
    no_cache: bool = False
    allow_private: bool = False
    timeout: float = 15.0
    concurrency: int = 128
    per_host: int = 2
    archive_base: str | None = "https://archive.org"  # Wayback availability API; None: no archive lookups
    progress: bool = True  # a progress bar on a terminal (not from the workers of a batch)


def open_cache(options: NetworkOptions) -> LinkCache | None:
    """The cache, or None (``--no-cache``, or a cache that cannot be opened: warned once)."""
    if options.no_cache:
        return None
    path = options.cache or default_cache_path()
    try:
        return LinkCache(path)
    except (OSError, sqlite3.Error) as exc:
        print(visible_controls(f"citeguard: warning: link cache {path} unusable ({exc}); continuing without it",
                             one_line=True), file=sys.stderr)
        return None


def resolve(claims: list[LinkClaim], options: NetworkOptions) -> tuple[list[LinkResult], int]:
    """Check ``claims`` (or answer from the cache only, offline); returns results and requests sent."""
    cache = open_cache(options)
    try:
        if options.offline or not claims:
            return offline_results(claims, cache), 0
        from citeguard.resolve.resolver import ResolverConfig  # the HTTP stack: only when going online
        from citeguard.resolve.run import check_links
        from citeguard.resolve.safety import SafetyPolicy
        config = ResolverConfig(concurrency=options.concurrency, per_host=options.per_host, timeout=options.timeout,
                                deadline=max(options.timeout * 4, options.timeout + 10),
                                wayback_base=options.archive_base)
        policy = SafetyPolicy(allow_private=options.allow_private)
        if not sys.stderr.isatty() or not options.progress:
            return check_links(claims, config=config, policy=policy, cache=cache)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        with Progress(TextColumn("checking links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("links", total=len({c.url for c in claims}))
            return check_links(claims, config=config, policy=policy, cache=cache,
                               progress=lambda _result: bar.advance(task))
    finally:
        if cache is not None:
            cache.close()
            if cache.problem:
                print(f"citeguard: warning: {cache.problem}", file=sys.stderr)
