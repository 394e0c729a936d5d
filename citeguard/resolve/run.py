"""Checking cited links, synchronously: the entry point the command line uses."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

import httpx

from citeguard.model import LinkResult, LinkStatus
from citeguard.resolve.cache import LinkCache
from citeguard.resolve.claims import LinkClaim
from citeguard.resolve.resolver import Resolver, ResolverConfig, make_client, network_unavailable
from citeguard.resolve.safety import Lookup, SafetyPolicy, system_lookup


def fetch_page_texts(urls: list[str], *, config: ResolverConfig | None = None,
                     policy: SafetyPolicy | None = None, client: httpx.AsyncClient | None = None,
                     lookup: Lookup = system_lookup) -> dict[str, str]:
    """The visible text of each cited page that could be fetched (by URL), with the resolver's
    safety checks; a page that fails is simply absent (its link finding says why)."""
    config = config or ResolverConfig()

    async def run() -> dict[str, str]:
        own = client is None
        active = client or make_client(config)
        try:
            resolver = Resolver(active, config, policy, lookup=lookup, keep_text=True)
            await resolver.resolve([LinkClaim(url) for url in dict.fromkeys(urls)])
            return resolver.texts
        finally:
            if own:
                await active.aclose()

    return asyncio.run(run())


def check_links(claims: list[LinkClaim], *, config: ResolverConfig | None = None,
                policy: SafetyPolicy | None = None, cache: LinkCache | None = None,
                client: httpx.AsyncClient | None = None, lookup: Lookup = system_lookup,
                progress: Callable[[LinkResult], None] | None = None) -> tuple[list[LinkResult], int]:
    """Resolve ``claims``; returns the results (input order) and the number of HTTP requests sent.

    When every host fails to resolve, the machine has no network: those results become
    ``not-checked`` (the links are not dead) with a detail saying so.
    """
    config = config or ResolverConfig()

    async def run() -> tuple[list[LinkResult], int]:
        own = client is None
        active = client or make_client(config)
        try:
            resolver = Resolver(active, config, policy, lookup=lookup, cache=cache)
            results = await resolver.resolve(claims, progress)
            return results, resolver.requests
        finally:
            if own:
                await active.aclose()

    results, requests = asyncio.run(run())
    if network_unavailable(results):
        results = [replace(r, status=LinkStatus.NOT_CHECKED, detail="network unavailable: not checked")
                   if r.status is LinkStatus.DNS_ERROR else r for r in results]
    return results, requests
