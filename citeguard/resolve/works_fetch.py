"""Asking the scholarly indexes for JSON, with the same guards as fetching cited URLs (issue 21):
every request address-checked and pinned, bodies streamed and capped on what they *decode* to, a
deadline per request (a dripping server) and per lookup (retries, redirects and waits included),
a budget of waits per source (429 with a long Retry-After), and a source that keeps failing given
up for the rest of the run, once, with the reason. A record's fields are untrusted input, like a
manuscript: lone surrogates are replaced before anything reads, caches or prints them.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urljoin

import httpx

from citeguard import __version__
from citeguard.resolve.body import ACCEPT_ENCODING, BodyTooLarge, read_capped
from citeguard.resolve.cache import LinkCache
from citeguard.resolve.resolver import PINNED, _retry_after
from citeguard.resolve.safety import Lookup, Refused, SafetyPolicy, check, system_lookup

MAX_BODY = 4 * 1024 * 1024  # decoded bytes of one JSON answer (a Crossref record with 3,000 authors: ~1 MB)
MAX_DEPTH = 32  # levels of a JSON answer kept (a record nests 5 deep; deeper is nothing citeguard reads)
# A UTF-16 surrogate on its own (JSON's "\ud800"): no character, and unencodable when written out
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class WorksConfig:
    """Where the sources are and how politely to ask them (``--crossref-url`` … ``--mailto``)."""

    crossref_url: str = "https://api.crossref.org"
    openalex_url: str = "https://api.openalex.org"
    datacite_url: str = "https://api.datacite.org"
    doi_url: str = "https://doi.org"
    mailto: str | None = None  # Crossref's and OpenAlex's polite pool
    per_source: int = 2  # requests in flight per source (Crossref asks for modest concurrency)
    # requests per second per source: within Crossref's public pool (5/s, 1 at a time without a
    # mailto; more in the polite pool), OpenAlex's 10/s, DataCite's and doi.org's published limits
    rates: tuple[tuple[str, float], ...] = (("crossref", 5.0), ("openalex", 10.0), ("datacite", 10.0),
                                            ("doi.org", 10.0))
    timeout: float = 15.0  # one request, from sending to the last byte (a dripping server is cut here)
    deadline: float = 60.0  # one lookup: its retries, redirects and waits
    retries: int = 2  # on 429 and 5xx, honouring Retry-After
    backoff: float = 1.0
    max_retry_after: float = 10.0  # a source asking for a longer wait is given up, not waited for
    wait_budget: float = 30.0  # seconds of Retry-After and backoff one source may cost a run
    max_strikes: int = 3  # failed lookups in a row after which a source is not asked again
    max_redirects: int = 5  # doi.org → the registration agency's content service
    rows: int = 5  # search results read per query
    user_agent: str = f"citeguard/{__version__} (citation checker; +https://pypi.org/project/citeguard/)"

    def rate(self, source: str) -> float | None:
        """Requests per second for ``source`` — only toward the public service: a mirror given
        with --crossref-url and co. is the user's own to pace."""
        public = {"crossref": ("https://api.crossref.org", self.crossref_url),
                  "openalex": ("https://api.openalex.org", self.openalex_url),
                  "datacite": ("https://api.datacite.org", self.datacite_url), "doi.org": ("https://doi.org", self.doi_url)}
        default, configured = public.get(source, ("", ""))
        return dict(self.rates).get(source) if default and configured.rstrip("/") == default else None


class Outcome(StrEnum):
    FOUND = "found"
    MISSING = "missing"  # the source answered that it has no such record
    UNAVAILABLE = "unavailable"  # no answer worth believing (network, 5xx, 429, bad JSON)


@dataclass(frozen=True, slots=True)
class Answer:
    outcome: Outcome
    body: Any = None
    detail: str = ""


def classify(status: int | None, error: BaseException | None) -> tuple[Outcome, str]:
    """One place that maps what happened to a request to an outcome (as Sphinx's linkcheck does)."""
    if error is not None:
        if isinstance(error, Refused):
            # the configured address is not one we may ask (private, without --allow-private)
            return Outcome.UNAVAILABLE, f"refused: {error.detail}"
        if isinstance(error, httpx.TimeoutException | TimeoutError):
            return Outcome.UNAVAILABLE, "timeout"  # slow (or dripping) is not absent
        if isinstance(error, BodyTooLarge):
            return Outcome.UNAVAILABLE, "answer too large"  # an endless body, a compression bomb
        if isinstance(error, json.JSONDecodeError | UnicodeDecodeError | ValueError | RecursionError):
            # a proxy's error page, a truncated body, JSON nested past the parser's depth
            return Outcome.UNAVAILABLE, "the answer was not JSON"
        if _no_network(error):
            # the machine cannot reach the network at all: said plainly, not as a socket error
            return Outcome.UNAVAILABLE, "no network (the service's name does not resolve)"
        return Outcome.UNAVAILABLE, f"network error ({type(error).__name__})"  # reset, refused, TLS
    if status is None:
        return Outcome.UNAVAILABLE, "no answer"
    if 200 <= status < 300:
        return Outcome.FOUND, ""
    if status in (404, 410):
        # the registry's own word that there is no such DOI or record: the evidence "not found" rests on
        return Outcome.MISSING, f"HTTP {status}"
    if status == 429:
        return Outcome.UNAVAILABLE, "rate limited (HTTP 429)"  # after the retries: ask again later
    if status >= 500:
        return Outcome.UNAVAILABLE, f"server error (HTTP {status})"  # the service is down, not the work
    # 400 (a query the service would not take), 401/403 (a mirror needing a key): nothing learnt
    return Outcome.UNAVAILABLE, f"HTTP {status}"


def _no_network(error: BaseException) -> bool:
    """A name that does not resolve (socket.gaierror, possibly wrapped by httpx)."""
    import socket
    seen: BaseException | None = error
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def untrusted_json(value: object, depth: int = 0) -> object:
    """A parsed answer made safe to read, cache and print: lone surrogates replaced by U+FFFD,
    anything nested past MAX_DEPTH dropped."""
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, list):
        return [untrusted_json(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {_SURROGATE_RE.sub("\ufffd", str(k)): untrusted_json(v, depth + 1) for k, v in value.items()}
    return value


@dataclass
class _Health:
    """How one source has been answering this run (the Fetcher's own bookkeeping)."""

    strikes: int = 0  # failed lookups in a row
    waited: float = 0.0  # seconds of Retry-After and backoff spent on it
    gave_up: str = ""  # why it is not asked again, once given up


class _GiveUp(Exception):
    """The source asked for more waiting than its budget allows."""


@dataclass
class Fetcher:
    """GETs JSON: address-checked and pinned, redirects followed hop by hop, 429/5xx retried."""

    client: httpx.AsyncClient
    config: WorksConfig = field(default_factory=WorksConfig)
    policy: SafetyPolicy = field(default_factory=SafetyPolicy)
    lookup: Lookup = system_lookup
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep
    cache: LinkCache | None = None  # answers kept between runs (a second run sends nothing)
    offline: bool = False  # answer from the cache only
    requests: int = 0
    problems: set[str] = field(default_factory=set)  # why sources could not answer ("timeout", "refused: …")
    answered: int = 0  # lookups a source answered (found or missing), from the network or the cache
    _gates: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _next_slot: dict[str, float] = field(default_factory=dict)  # earliest time the source's next request may go
    _health: dict[str, _Health] = field(default_factory=dict)

    async def _pace(self, gate: str) -> None:
        """Wait for the source's next slot (its rate in ``WorksConfig.rates``)."""
        rate = self.config.rate(gate)
        if not rate:
            return
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(now, self._next_slot.get(gate, now))
        self._next_slot[gate] = slot + 1.0 / rate
        if slot > now:
            await self.sleep(slot - now)

    async def get_json(self, url: str, params: dict[str, str] | None = None, accept: str = "application/json",
                       gate: str = "") -> Answer:
        key = f"{accept} {httpx.URL(url, params=params) if params else url}"
        cached = self.cache.get_answer(key) if self.cache is not None else None
        if cached is not None and cached[0] in (Outcome.FOUND, Outcome.MISSING):
            self.answered += 1
            return Answer(Outcome(cached[0]), untrusted_json(cached[1]), "from the cache")
        if self.offline:
            self.problems.add("offline, and not in the cache")
            return Answer(Outcome.UNAVAILABLE, detail="offline: not in the cache")
        health = self._health.setdefault(gate, _Health())
        if health.gave_up:
            return Answer(Outcome.UNAVAILABLE, detail=health.gave_up)
        semaphore = self._gates.setdefault(gate, asyncio.Semaphore(self.config.per_source))
        async with semaphore:  # the deadline starts when the lookup may send, not while it queues
            if health.gave_up:  # decided while this lookup waited for its turn
                return Answer(Outcome.UNAVAILABLE, detail=health.gave_up)
            try:
                async with asyncio.timeout(self.config.deadline):
                    answer = await self._get(url, params, accept, gate, health)
            except _GiveUp as exc:
                answer = Answer(Outcome.UNAVAILABLE, detail=str(exc))
                self._give_up(gate, health, str(exc))
            except TimeoutError:
                answer = Answer(Outcome.UNAVAILABLE, detail="timeout")
            except Exception as exc:  # any surprise in one lookup is that lookup's outcome
                outcome, detail = classify(None, exc)
                answer = Answer(outcome, detail=detail)
        if answer.outcome is Outcome.UNAVAILABLE:
            self.problems.add(answer.detail)
            health.strikes += 1
            if health.strikes >= self.config.max_strikes:
                self._give_up(gate, health, f"{answer.detail}, {health.strikes} times in a row")
            return answer
        health.strikes = 0
        self.answered += 1
        if self.cache is not None:
            self.cache.put_answer(key, answer.outcome.value, answer.body)  # transient failures are asked again
        return answer

    def _give_up(self, gate: str, health: _Health, why: str) -> None:
        if not health.gave_up:
            health.gave_up = f"{gate or 'a source'} was given up for this run: {why}"
            self.problems.add(health.gave_up)

    async def _wait(self, health: _Health, wanted: float, code: int) -> None:
        """Wait as a 429/5xx asked, within the source's budget; a longer wait gives the source up."""
        if wanted > self.config.max_retry_after:
            raise _GiveUp(f"asked to wait {wanted:.0f} s (HTTP {code})")
        if health.waited + wanted > self.config.wait_budget:
            raise _GiveUp(f"kept refusing (HTTP {code}) after {health.waited:.0f} s of waiting")
        health.waited += wanted
        await self.sleep(wanted)

    async def _get(self, url: str, params: dict[str, str] | None, accept: str, gate: str, health: _Health) -> Answer:
        headers = {"User-Agent": self.config.user_agent, "Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
        current = str(httpx.URL(url, params=params)) if params else url
        attempt = hops = 0
        while True:
            addresses = await check(current, self.policy, self.lookup)
            await self._pace(gate)
            self.requests += 1
            async with asyncio.timeout(self.config.timeout):  # headers and body: a drip is cut here
                code, location, body, retry_after = await self._exchange(current, headers, addresses)
            if location is not None and hops < self.config.max_redirects:
                hops += 1
                current = urljoin(current, location)
                continue
            if (code == 429 or code >= 500) and attempt < self.config.retries:
                await self._wait(health, _retry_after(retry_after, self.config.backoff * 2 ** attempt, float("inf")), code)
                attempt += 1
                continue
            outcome, detail = classify(code, None)
            if outcome is not Outcome.FOUND:
                return Answer(outcome, detail=detail)
            return Answer(Outcome.FOUND, untrusted_json(json.loads(body.decode("utf-8"))))

    async def _exchange(self, url: str, headers: dict[str, str], addresses: list[str]
                        ) -> tuple[int, str | None, bytes, str | None]:
        """One GET: its status, a redirect's Location, the decoded body (successful answers only:
        an error page is not read), and its Retry-After."""
        async with self.client.stream("GET", url, headers=headers, timeout=self.config.timeout,
                                      extensions={PINNED: addresses} if addresses else None) as response:
            code = response.status_code
            if response.is_redirect and response.headers.get("location"):
                return code, response.headers["location"], b"", None
            if not 200 <= code < 300:
                return code, None, b"", response.headers.get("retry-after")
            declared = response.headers.get("content-length", "")
            if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY:
                raise BodyTooLarge("the answer says it is larger than the limit")
            body = await read_capped(response.aiter_raw(), response.headers.get("content-encoding", ""), MAX_BODY)
            return code, None, body, None
