"""One function decides a link's status from what fetching it produced (as Sphinx's linkcheck
does): every branch says why it maps where it does."""

from __future__ import annotations

import re
import socket
import ssl
from dataclasses import dataclass

import httpx

from citeguard.model import LinkStatus
from citeguard.resolve.content import PageFacts
from citeguard.resolve.safety import Refused
from citeguard.urls import split_url

# Index pages a retired article is often redirected to: /, /index.html, /default.htm, /list.shtml
INDEX_PATH_RE = re.compile(r"(?:^|/)(?:index|default|home|list|main)?(?:_\d+)?(?:\.s?html?|\.php|\.jsp|\.aspx?)?$",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fetch:
    """Everything one attempt to fetch a URL produced."""

    url: str
    error: BaseException | None = None
    http_status: int | None = None
    final_url: str | None = None
    facts: PageFacts | None = None
    too_large: bool = False
    redirect_loop: bool = False
    text: str = ""  # the page's visible text, when the resolver was asked to keep it (quotations)


def _caused_by(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kinds):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _same_page(a: str, b: str) -> bool:
    """http→https, www., a trailing slash or an explicit port are not a different page."""
    pa, pb = split_url(a), split_url(b)
    if pa is None or pb is None:
        return a == b
    host_a = (pa.hostname or "").lower().removeprefix("www.")
    host_b = (pb.hostname or "").lower().removeprefix("www.")
    return host_a == host_b and pa.path.rstrip("/") == pb.path.rstrip("/") and pa.query == pb.query


def _is_index(url: str) -> bool:
    parts = split_url(url)
    path = parts.path if parts is not None else ""
    last = path.rsplit("/", 1)[-1]
    return path in ("", "/") or bool(INDEX_PATH_RE.fullmatch(last or "index"))


def classify(fetch: Fetch) -> tuple[LinkStatus, str]:
    """The status of a link, and a short human reason."""
    exc = fetch.error
    if isinstance(exc, Refused):
        # Never fetched: the URL is malformed or points at a non-public address.
        return exc.status, exc.detail
    if fetch.too_large:
        # The body passed the size cap; the page was not read, so nothing about it is known.
        return LinkStatus.TOO_LARGE, "the page is larger than the download limit"
    if fetch.redirect_loop:
        # The server never answers with a page: a loop or more hops than the cap.
        return LinkStatus.SERVER_ERROR, "redirect loop (or more redirects than allowed)"
    if exc is not None:
        if _caused_by(exc, (TimeoutError, httpx.TimeoutException)):
            # Government sites are slow from abroad: a timeout is "try again", not "dead".
            return LinkStatus.TIMEOUT, "no answer within the time limit"
        if _caused_by(exc, (socket.gaierror,)):
            # The host name does not resolve: a dead domain, a typo, or no network at all.
            return LinkStatus.DNS_ERROR, f"host name does not resolve ({exc})"
        if _caused_by(exc, (ssl.SSLError, ssl.CertificateError)):
            # Often a server that omits its intermediate certificate. Reported, never bypassed.
            return LinkStatus.TLS_ERROR, f"TLS handshake or certificate failed ({exc})"
        # Refused or reset connections, protocol errors: the server is unreachable right now.
        return LinkStatus.CONNECTION_ERROR, f"{type(exc).__name__}: {exc}"
    code = fetch.http_status or 0
    facts = fetch.facts
    if code in (404, 410):
        # The server says the page is gone.
        return LinkStatus.NOT_FOUND, f"HTTP {code}"
    if code in (401, 403, 405, 412, 429, 451) or (facts is not None and facts.challenge):
        # Anti-bot walls (瑞数 412 + $_ts, 405 from cloud shields, 403) and rate limits hide the page
        # from robots; a person with a browser may still see it: check by hand, not "dead".
        why = "challenge page" if facts is not None and facts.challenge else f"HTTP {code}"
        return LinkStatus.BLOCKED, f"{why}: the site refuses automated clients; check it in a browser"
    if code >= 500:
        # The server failed (after the retries for 503).
        return LinkStatus.SERVER_ERROR, f"HTTP {code}"
    if 400 <= code < 500:
        # Other client errors (400 …): the server will not serve this URL.
        return LinkStatus.NOT_FOUND, f"HTTP {code}"
    if not 200 <= code < 300:
        # A 1xx or a 3xx without a usable Location: no page came back.
        return LinkStatus.SERVER_ERROR, f"unexpected HTTP {code}"
    if facts is not None and facts.soft_404:
        # A 200 page whose text says the page does not exist (页面不存在 …).
        return LinkStatus.SOFT_404, "the page says it does not exist"
    final = fetch.final_url or fetch.url
    if not _same_page(fetch.url, final):
        if _is_index(final) and not _is_index(fetch.url):
            # A deep link sent to the home or a list page: the article was retired.
            return LinkStatus.SOFT_404, f"redirected to an index page {final}"
        # Moved somewhere else: possibly the same article under a new address, possibly not.
        return LinkStatus.REDIRECTED, f"redirected to {final}"
    return LinkStatus.OK, f"HTTP {code}"
