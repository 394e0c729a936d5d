"""Resolving cited URLs: the only package that touches the network.

``check_links`` is the synchronous entry point the CLI uses; ``Resolver`` takes an injected
``httpx.AsyncClient`` (tests pass clients of their own, pointed at a local server).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import replace

import httpx

from citeguard.model import Document, LinkResult, LinkStatus
from citeguard.resolve.cache import LinkCache, default_cache_path
from citeguard.resolve.resolver import LinkClaim, Resolver, ResolverConfig, make_client, network_unavailable
from citeguard.resolve.safety import Lookup, SafetyPolicy, system_lookup

__all__ = ["LinkCache", "LinkClaim", "Resolver", "ResolverConfig", "SafetyPolicy", "check_links", "claims_from",
           "default_cache_path", "make_client", "offline_results"]


def claims_from(document: Document) -> list[LinkClaim]:
    """Every URL cited in the reference list and the footnotes, once, with its access date."""
    seen: dict[str, LinkClaim] = {}
    entries = [*document.references, *(f.entry for f in document.footnotes if f.entry is not None)]
    for ref in entries:
        if ref.url and ref.url not in seen:
            seen[ref.url] = LinkClaim(ref.url, ref.access_date)
    for note in document.footnotes:
        for url in note.urls:
            seen.setdefault(url, LinkClaim(url))
    return list(seen.values())


def offline_results(claims: Iterable[LinkClaim], cache: LinkCache | None) -> list[LinkResult]:
    """No network: answers from the cache, ``not-checked`` for the rest."""
    out = []
    for claim in claims:
        cached = cache.get(claim.url) if cache is not None else None
        out.append(cached or LinkResult(claim.url, LinkStatus.NOT_CHECKED, detail="offline: not checked"))
    return out


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
