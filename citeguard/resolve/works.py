"""Looking cited works up in Crossref, OpenAlex, DataCite and doi.org (issue 12): the sources,
each behind the same small interface and the injected ``httpx.AsyncClient``.

Every request passes the same address check as cited URLs (``safety.check``, connection pinned),
so a mirror on loopback needs ``--allow-private`` like any other private address.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urljoin

import httpx

from citeguard import __version__
from citeguard.records import WorkRecord
from citeguard.resolve.cache import LinkCache
from citeguard.resolve.resolver import PINNED, _retry_after
from citeguard.resolve.safety import Lookup, Refused, SafetyPolicy, check, system_lookup
from citeguard.resolve.work_formats import from_csl, from_datacite, from_openalex

MAX_BODY = 4 * 1024 * 1024  # bytes of one JSON answer (a Crossref record with 3,000 authors: ~1 MB)
MAX_QUERY = 300  # characters of a bibliographic query (a title and the first author are enough)
CSL_JSON = "application/vnd.citationstyles.csl+json"
VOLUME_SAMPLE = 20  # works of a journal's year read to learn its volume numbers


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

    def rate(self, source: str) -> float | None:
        """Requests per second for ``source`` — only toward the public service: a mirror given
        with --crossref-url and co. is the user's own to pace."""
        public = {"crossref": ("https://api.crossref.org", self.crossref_url),
                  "openalex": ("https://api.openalex.org", self.openalex_url),
                  "datacite": ("https://api.datacite.org", self.datacite_url), "doi.org": ("https://doi.org", self.doi_url)}
        default, configured = public.get(source, ("", ""))
        return dict(self.rates).get(source) if default and configured.rstrip("/") == default else None
    timeout: float = 15.0
    retries: int = 2  # on 429 and 5xx, honouring Retry-After
    backoff: float = 1.0
    max_retry_after: float = 30.0
    max_redirects: int = 5  # doi.org → the registration agency's content service
    rows: int = 5  # search results read per query
    user_agent: str = f"citeguard/{__version__} (citation checker; +https://pypi.org/project/citeguard/)"


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
        if isinstance(error, httpx.TimeoutException):
            return Outcome.UNAVAILABLE, "timeout"  # slow is not absent
        if isinstance(error, json.JSONDecodeError | UnicodeDecodeError | ValueError):
            return Outcome.UNAVAILABLE, "the answer was not JSON"  # a proxy's error page, a truncated body
        return Outcome.UNAVAILABLE, f"network error ({type(error).__name__})"  # DNS, reset, TLS
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
    _gates: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _next_slot: dict[str, float] = field(default_factory=dict)  # earliest time the source's next request may go

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
            return Answer(Outcome(cached[0]), cached[1], "from the cache")
        if self.offline:
            self.problems.add("offline, and not in the cache")
            return Answer(Outcome.UNAVAILABLE, detail="offline: not in the cache")
        try:
            answer = await self._get(url, params, accept, gate)
            if answer.outcome is Outcome.UNAVAILABLE:
                self.problems.add(answer.detail)
            if self.cache is not None and answer.outcome is not Outcome.UNAVAILABLE:
                self.cache.put_answer(key, answer.outcome.value, answer.body)  # transient failures are asked again
            return answer
        except Exception as exc:  # any surprise in one lookup is that lookup's outcome
            outcome, detail = classify(None, exc)
            self.problems.add(detail)
            return Answer(outcome, detail=detail)

    async def _get(self, url: str, params: dict[str, str] | None, accept: str, gate: str) -> Answer:
        headers = {"User-Agent": self.config.user_agent, "Accept": accept}
        current = str(httpx.URL(url, params=params)) if params else url
        attempt = hops = 0
        semaphore = self._gates.setdefault(gate, asyncio.Semaphore(self.config.per_source))
        while True:
            addresses = await check(current, self.policy, self.lookup)
            async with semaphore:
                await self._pace(gate)
                self.requests += 1
                response = await self.client.get(current, headers=headers, timeout=self.config.timeout,
                                                 extensions={PINNED: addresses} if addresses else None)
            if response.is_redirect and response.headers.get("location") and hops < self.config.max_redirects:
                hops += 1
                current = urljoin(current, response.headers["location"])
                continue
            code = response.status_code
            if (code == 429 or code >= 500) and attempt < self.config.retries:
                await self.sleep(_retry_after(response.headers.get("retry-after"),
                                              self.config.backoff * 2 ** attempt, self.config.max_retry_after))
                attempt += 1
                continue
            outcome, detail = classify(code, None)
            if outcome is not Outcome.FOUND:
                return Answer(outcome, detail=detail)
            if len(response.content) > MAX_BODY:
                return Answer(Outcome.UNAVAILABLE, detail="answer too large")
            return Answer(Outcome.FOUND, json.loads(response.content.decode("utf-8")))


@dataclass(frozen=True, slots=True)
class DoiLookup:
    outcome: Outcome
    record: WorkRecord | None = None
    detail: str = ""


class Source:
    """One index: a record by DOI, and records by a bibliographic query."""

    name = ""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher

    async def by_doi(self, doi: str) -> DoiLookup:
        return DoiLookup(Outcome.UNAVAILABLE, detail="not supported")

    async def search(self, query: str) -> list[WorkRecord] | None:
        """Records for ``query``; None when the source could not answer."""
        return None

    def _hits(self, answer: Answer, items: object, read: Callable[[Any], WorkRecord | None]) -> list[WorkRecord] | None:
        """The records of a search answer; None when the source could not answer (or answered nonsense)."""
        if answer.outcome is not Outcome.FOUND:
            return None if answer.outcome is Outcome.UNAVAILABLE else []
        if not isinstance(items, list):
            return None
        return [r for r in (read(item) for item in items[:self.fetcher.config.rows]) if r]

    def _polite(self, params: dict[str, str]) -> dict[str, str]:
        if self.fetcher.config.mailto:
            params["mailto"] = self.fetcher.config.mailto
        return params


def _doi_lookup(answer: Answer, read: Callable[[Any], WorkRecord | None]) -> DoiLookup:
    if answer.outcome is not Outcome.FOUND:
        return DoiLookup(answer.outcome, detail=answer.detail)
    record = read(answer.body)
    return DoiLookup(Outcome.FOUND, record) if record else DoiLookup(Outcome.UNAVAILABLE, detail="unreadable record")


class Crossref(Source):
    name = "crossref"

    async def by_doi(self, doi: str) -> DoiLookup:
        base = self.fetcher.config.crossref_url.rstrip("/")
        answer = await self.fetcher.get_json(f"{base}/works/{quote(doi, safe='')}", self._polite({}), gate=self.name)
        return _doi_lookup(answer, lambda body: from_csl(body.get("message") if isinstance(body, dict) else None,
                                                         self.name))

    async def search(self, query: str) -> list[WorkRecord] | None:
        base = self.fetcher.config.crossref_url.rstrip("/")
        params = self._polite({"query.bibliographic": query[:MAX_QUERY], "rows": str(self.fetcher.config.rows)})
        answer = await self.fetcher.get_json(f"{base}/works", params, gate=self.name)
        message = answer.body.get("message") if isinstance(answer.body, dict) else None
        return self._hits(answer, message.get("items") if isinstance(message, dict) else None,
                          lambda item: from_csl(item, self.name))


    async def volumes(self, container: str, year: str) -> list[WorkRecord] | None:
        """Works of the journal ``container`` published in ``year`` (a sample, for the volume check)."""
        base = self.fetcher.config.crossref_url.rstrip("/")
        params = self._polite({"query.container-title": container[:MAX_QUERY], "rows": str(VOLUME_SAMPLE),
                               "filter": f"from-pub-date:{year}-01-01,until-pub-date:{year}-12-31",
                               "select": "DOI,title,container-title,volume,issued"})
        answer = await self.fetcher.get_json(f"{base}/works", params, gate=self.name)
        message = answer.body.get("message") if isinstance(answer.body, dict) else None
        items = message.get("items") if isinstance(message, dict) else None
        if answer.outcome is not Outcome.FOUND or not isinstance(items, list):
            return None
        return [r for r in (from_csl(item, self.name) for item in items[:VOLUME_SAMPLE]) if r]


class OpenAlex(Source):
    name = "openalex"

    async def by_doi(self, doi: str) -> DoiLookup:
        base = self.fetcher.config.openalex_url.rstrip("/")
        answer = await self.fetcher.get_json(f"{base}/works/doi:{quote(doi, safe='/')}", self._polite({}),
                                             gate=self.name)
        return _doi_lookup(answer, from_openalex)

    async def search(self, query: str) -> list[WorkRecord] | None:
        base = self.fetcher.config.openalex_url.rstrip("/")
        params = self._polite({"search": query[:MAX_QUERY], "per-page": str(self.fetcher.config.rows)})
        answer = await self.fetcher.get_json(f"{base}/works", params, gate=self.name)
        return self._hits(answer, answer.body.get("results") if isinstance(answer.body, dict) else None, from_openalex)


class DataCite(Source):
    name = "datacite"

    async def by_doi(self, doi: str) -> DoiLookup:
        base = self.fetcher.config.datacite_url.rstrip("/")
        return _doi_lookup(await self.fetcher.get_json(f"{base}/dois/{quote(doi, safe='')}", gate=self.name),
                           from_datacite)


class DoiOrg(Source):
    """doi.org content negotiation: CSL-JSON from whichever agency registered the DOI."""

    name = "doi.org"

    async def by_doi(self, doi: str) -> DoiLookup:
        base = self.fetcher.config.doi_url.rstrip("/")
        answer = await self.fetcher.get_json(f"{base}/{quote(doi, safe='/')}", accept=CSL_JSON, gate=self.name)
        return _doi_lookup(answer, lambda body: from_csl(body, self.name))


def default_sources(fetcher: Fetcher) -> tuple[list[Source], list[Source]]:
    """(asked for a DOI, in order; asked for a title): Crossref holds most DOIs, DataCite the data
    sets and preprints, doi.org answers for the other agencies (mEDRA, JaLC, CNKI's DOIs)."""
    crossref, openalex = Crossref(fetcher), OpenAlex(fetcher)
    return [crossref, DataCite(fetcher), DoiOrg(fetcher)], [crossref, openalex]
