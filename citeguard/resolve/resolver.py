"""The only code that touches the network: fetch cited URLs politely and safely.

The httpx client is injected (tests pass their own). What is handed to httpx at once is bounded
by a global and a per-host semaphore, since httpx's pool slows down sharply as waiting requests
pile up (docs/benchmarks.md). Redirects are followed one hop at a time so that every hop passes
the address check; bodies are streamed with a size cap.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import math
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin

import httpx

from citeguard import __version__
from citeguard.model import LinkResult, LinkStatus
from citeguard.resolve.body import ACCEPT_ENCODING, BodyTooLarge, read_capped
from citeguard.resolve.cache import LinkCache
from citeguard.resolve.claims import LinkClaim
from citeguard.resolve.content import decode_html, page_facts, page_text
from citeguard.resolve.safety import Lookup, Refused, SafetyPolicy, check, system_lookup
from citeguard.resolve.status import Fetch, _caused_by, classify
from citeguard.resolve.wayback import closest_snapshot
from citeguard.urls import host_of

RETRY_STATUSES = frozenset({429, 503})
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# A page is parsed this long after its response: responses come in bursts (every connection in
# lock-step), and each next request takes several turns of the event loop to go out; parsing
# after the burst's requests are sent keeps the CPU off the critical path (docs/benchmarks.md).
PARSE_DELAY = 0.005
# Statuses for which an archived copy is worth suggesting.
DEAD = frozenset({LinkStatus.NOT_FOUND, LinkStatus.SOFT_404})


@dataclass(frozen=True, slots=True)
class ResolverConfig:
    """Politeness and safety limits (defaults are polite: two requests at a time per host)."""

    concurrency: int = 128  # ≥ hosts × per_host for a typical paper; bounds what httpx holds at once
    per_host: int = 2
    timeout: float = 15.0  # per request
    deadline: float = 60.0  # per URL, retries and redirects included
    retries: int = 2
    backoff: float = 0.5  # seconds, doubled on each retry
    max_retry_after: float = 30.0
    max_redirects: int = 10
    max_bytes: int = 2 * 1024 * 1024
    user_agent: str = f"citeguard/{__version__} (citation checker; +https://pypi.org/project/citeguard/)"
    wayback_base: str | None = "https://archive.org"


_TRUSTS_NOTHING = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificates, knows no CA
# Request extension: the addresses the safety check approved; the transport connects to these only.
PINNED = "citeguard.addresses"


class PerHostTransport(httpx.AsyncBaseTransport):
    """One small connection pool per origin, sharing one TLS context.

    httpcore's pool scans every connection for every waiting request, so a single pool holding
    connections to fifty hosts spends more time scanning than the network takes (profiled in
    docs/benchmarks.md). Pools of ``per_host`` connections keep that scan tiny.
    """

    def __init__(self, per_host: int, verify: ssl.SSLContext | bool = True) -> None:
        self._per_host = per_host
        self._verify = verify  # True: the system's CA store, loaded on the first pool (~20 ms)
        self._pools: dict[tuple[str, str, int | None], httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        origin = (request.url.scheme, request.url.host, request.url.port)
        pool = self._pools.get(origin)
        if pool is None:
            limits = httpx.Limits(max_connections=self._per_host, max_keepalive_connections=self._per_host)
            pool = self._pools[origin] = httpx.AsyncHTTPTransport(verify=self._context(request.url.scheme),
                                                                  limits=limits)
        addresses = request.extensions.get(PINNED)
        if not addresses:
            return await pool.handle_async_request(request)
        # Connect to the checked address itself, never to a fresh DNS answer (rebinding): the URL
        # names the address, the Host header (already set from the original URL) and the TLS
        # server name (httpx's sni_hostname extension) keep the host name, so virtual hosting and
        # certificate verification work as if the name had been looked up.
        failure: httpx.ConnectError | None = None
        for address in addresses:
            pinned = httpx.Request(request.method, request.url.copy_with(host=address), headers=request.headers,
                                   stream=request.stream, extensions={**request.extensions,
                                                                      "sni_hostname": request.url.host})
            try:
                response = await pool.handle_async_request(pinned)
            except httpx.ConnectError as exc:  # the next address of the name may answer
                failure = exc
                continue
            response.request = request
            return response
        assert failure is not None
        raise failure

    def _context(self, scheme: str) -> ssl.SSLContext | bool:
        if scheme != "https":
            # A pool serves one origin, so an http pool never does TLS; this context trusts no CA,
            # so if it ever did, verification would fail rather than pass.
            return _TRUSTS_NOTHING
        if self._verify is True:
            self._verify = ssl.create_default_context()  # loading the CA store takes ~20 ms: only when needed
        return self._verify

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()


def make_client(config: ResolverConfig) -> httpx.AsyncClient:
    """The default client: verification on, no redirects, no cookies kept, a pool per host."""
    no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # keep no cookie between URLs
    return httpx.AsyncClient(follow_redirects=False, cookies=no_cookies, transport=PerHostTransport(config.per_host),
                             timeout=httpx.Timeout(config.timeout),
                             headers={"User-Agent": config.user_agent, "Accept": ACCEPT,
                                      "Accept-Encoding": ACCEPT_ENCODING})


def _bad_redirect(exc: BaseException) -> Refused:
    return Refused(LinkStatus.INVALID_URL, f"redirected to a URL that cannot be requested ({exc})"[:200])


def _retry_after(value: str | None, default: float, cap: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        try:  # an HTTP date
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return default  # "soon-ish": the server's header is unreadable, not the URL
        if when.tzinfo is None:  # (a date without a zone: RFC 9110 dates are GMT)
            when = when.replace(tzinfo=datetime.UTC)
        seconds = when.timestamp() - time.time()
    return min(cap, max(0.0, seconds)) if math.isfinite(seconds) else default


class Resolver:
    """Check many URLs concurrently; results come back in the order of the input."""

    def __init__(self, client: httpx.AsyncClient, config: ResolverConfig | None = None,
                 policy: SafetyPolicy | None = None, lookup: Lookup = system_lookup,
                 cache: LinkCache | None = None, sleep: Callable[[float], object] = asyncio.sleep,
                 keep_text: bool = False) -> None:
        self.client = client
        self.keep_text = keep_text  # keep each page's visible text (quotations are checked against it)
        self.texts: dict[str, str] = {}  # by the cited URL
        self.config = config or ResolverConfig()
        self.policy = policy or SafetyPolicy()
        self.lookup = lookup
        self.cache = cache
        self._sleep = sleep
        self._global = asyncio.Semaphore(self.config.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        # Headers every request needs; None when the client already sends them (make_client's
        # does), which spares httpx a merge per request.
        wanted = {"user-agent": self.config.user_agent, "accept": ACCEPT, "accept-encoding": ACCEPT_ENCODING}
        self._headers = None if all(client.headers.get(k) == v for k, v in wanted.items()) else wanted
        self.requests = 0  # HTTP requests sent (a cached second run sends none)

    async def resolve(self, claims: Iterable[LinkClaim], progress: Callable[[LinkResult], None] | None = None
                      ) -> list[LinkResult]:
        unique: dict[str, LinkClaim] = {}
        ordered = list(claims)
        for claim in ordered:
            unique.setdefault(claim.url, claim)

        async def run(claim: LinkClaim) -> LinkResult:
            result = await self.resolve_one(claim)
            if progress is not None:
                progress(result)
            return result

        results = await asyncio.gather(*(run(c) for c in unique.values()))
        by_url = dict(zip(unique, results, strict=True))
        return [by_url[c.url] for c in ordered]

    async def resolve_one(self, claim: LinkClaim) -> LinkResult:
        if self.cache is not None and not self.keep_text:  # (the cache keeps no page's text)
            cached = self.cache.get(claim.url)
            if cached is not None:
                return cached
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.config.deadline):
                fetch = await self._fetch(claim.url)
        except TimeoutError as exc:
            fetch = Fetch(claim.url, error=exc)
        except Exception as exc:
            fetch = Fetch(claim.url, error=exc)
        status, detail = classify(fetch)
        if self.keep_text and fetch.text and status in (LinkStatus.OK, LinkStatus.REDIRECTED):
            self.texts[claim.url] = fetch.text
        facts = fetch.facts
        result = LinkResult(claim.url, status, fetch.http_status, fetch.final_url,
                            facts.title if facts else None, facts.published if facts else None,
                            int((time.perf_counter() - started) * 1000), None, detail)
        if status in DEAD and self.config.wayback_base:
            archive = await self._archive(claim)
            result = replace(result, archive_url=archive)
        if self.cache is not None:
            self.cache.put(result)
        return result

    def _host_gate(self, url: str) -> asyncio.Semaphore:
        host = host_of(url)
        gate = self._hosts.get(host)
        if gate is None:
            gate = self._hosts[host] = asyncio.Semaphore(self.config.per_host)
        return gate

    async def _fetch(self, url: str) -> Fetch:
        """Follow redirects hop by hop (each hop checked), retrying 429/503 with backoff."""
        current = url
        seen = {url}
        for hop in range(self.config.max_redirects + 1):
            try:
                addresses = await check(current, self.policy, self.lookup)
            except Refused as exc:
                if hop:  # the cited URL was fine; where the server sent us is not
                    exc = Refused(exc.status, f"redirected to a URL that cannot be requested: {exc.detail}")
                return Fetch(url, error=exc, final_url=current)
            except (OSError, UnicodeError) as exc:  # DNS failure; an over-long label fails IDNA encoding
                return Fetch(url, error=exc, final_url=current)
            outcome = await self._request(url, current, addresses)
            if isinstance(outcome, Fetch):
                return outcome
            try:
                nxt = urljoin(current, outcome)
            except ValueError:  # a Location such as "http://[::1" that urllib cannot even join
                return Fetch(url, error=Refused(LinkStatus.INVALID_URL, "redirected to a malformed URL"),
                             final_url=current)
            if nxt in seen:
                return Fetch(url, redirect_loop=True, final_url=nxt)
            seen.add(nxt)
            current = nxt
        return Fetch(url, redirect_loop=True, final_url=current)

    async def _request(self, url: str, current: str, addresses: list[str]) -> Fetch | str:
        """One GET (with retries) to ``addresses``: a finished Fetch, or the Location of a redirect."""
        extensions = {PINNED: addresses} if addresses else None
        attempt = 0
        while True:
            wait: float | None = None
            try:
                async with self._host_gate(current), self._global:  # host first: no global slot idles
                    self.requests += 1
                    # the whole exchange within the request's time: httpx's timeout is per read, which
                    # a server sending a byte every few seconds never meets
                    async with asyncio.timeout(self.config.timeout), \
                            self.client.stream("GET", current, headers=self._headers, extensions=extensions) as response:
                        if response.is_redirect and response.headers.get("location"):
                            return response.headers["location"]
                        code = response.status_code
                        if code in RETRY_STATUSES and attempt < self.config.retries:
                            wait = _retry_after(response.headers.get("retry-after"),
                                                self.config.backoff * 2 ** attempt, float("inf"))
                        if wait is None or wait > self.config.max_retry_after:
                            # (a server asking for a longer wait than we give is answered as it is: 429)
                            wait = None
                            fetch, body, content_type = await self._read(url, current, response)
                # The page is read after the host's slot is free, so the next request to the
                # host overlaps with the parsing of this one.
                if wait is None:
                    await asyncio.sleep(PARSE_DELAY)  # let the next requests go out before parsing
                    return self._understand(fetch, body, content_type, self.keep_text)
            except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError) as exc:
                if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc).lower():
                    # httpx wraps some unparsable Location headers this way: the same case as below.
                    return Fetch(url, error=_bad_redirect(exc), final_url=current)
                # A reset or refused connection may pass; a name or certificate that fails will not.
                if attempt >= self.config.retries or _caused_by(exc, (socket.gaierror, ssl.SSLError)):
                    return Fetch(url, error=exc, final_url=current)
                wait = self.config.backoff * 2 ** attempt
            except httpx.HTTPError as exc:
                return Fetch(url, error=exc, final_url=current)
            except (httpx.InvalidURL, ValueError) as exc:
                # ``current`` passed the same URL parser in the safety check, so what httpx could not
                # build is the redirect it prepares from the Location header (javascript:, data:,
                # http:\\x/, a name IDNA rejects): the server's answer, reported, never requested.
                return Fetch(url, error=_bad_redirect(exc), final_url=current)
            attempt += 1
            await self._sleep(wait)  # type: ignore[misc]

    async def _read(self, url: str, current: str, response: httpx.Response) -> tuple[Fetch, bytes, str]:
        """Stream the body up to the cap (small for error pages)."""
        code = response.status_code
        content_type = response.headers.get("content-type", "")
        cap = self.config.max_bytes if 200 <= code < 300 else min(self.config.max_bytes, 256 * 1024)
        declared = response.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > cap and 200 <= code < 300:
            return Fetch(url, http_status=code, final_url=current, too_large=True), b"", content_type
        try:  # capped on the decoded size: a gzip bomb stops at the cap, not at the wire's
            body = await read_capped(response.aiter_raw(), response.headers.get("content-encoding", ""), cap)
        except BodyTooLarge:
            if 200 <= code < 300:
                return Fetch(url, http_status=code, final_url=current, too_large=True), b"", content_type
            body = b""  # an error page too large to read: its status says enough
        return Fetch(url, http_status=code, final_url=current), bytes(body), content_type

    @staticmethod
    def _understand(fetch: Fetch, body: bytes, content_type: str, keep_text: bool = False) -> Fetch:
        """Title, date and error-page markers of an HTML body (and its visible text, when kept)."""
        if body and ("html" in content_type.lower() or not content_type or b"<html" in body[:2048].lower()):
            html = decode_html(body, content_type)
            return replace(fetch, facts=page_facts(html), text=page_text(html) if keep_text else "")
        return fetch

    async def _archive(self, claim: LinkClaim) -> str | None:
        base = self.config.wayback_base
        if base is None:
            return None
        try:
            await check(base, self.policy, self.lookup)
            async with self._global:
                self.requests += 1
                return await closest_snapshot(self.client, base, claim.url, claim.access_date,
                                              timeout=self.config.timeout)
        except Exception:
            return None  # no archive answer is not a finding about the link


def network_unavailable(results: list[LinkResult]) -> bool:
    """Every distinct host (two or more) failed to resolve: the machine has no network, the links
    are not dead."""
    hosts = {host_of(r.url) for r in results if r.status is not LinkStatus.INVALID_URL}
    failed = {host_of(r.url) for r in results if r.status is LinkStatus.DNS_ERROR}
    return len(hosts) >= 2 and hosts == failed
