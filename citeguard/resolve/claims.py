"""What a manuscript asks of the network — its cited URLs — and the offline answer to it (no
network code here: an offline audit never imports the HTTP stack)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from citeguard.model import Document, LinkResult, LinkStatus
from citeguard.resolve.cache import LinkCache


@dataclass(frozen=True, slots=True)
class LinkClaim:
    """A URL to check and what the manuscript says about it (for the archive lookup date)."""

    url: str
    access_date: str | None = None


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
