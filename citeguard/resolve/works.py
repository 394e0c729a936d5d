"""Looking cited works up in Crossref, OpenAlex, DataCite and doi.org (issue 12): the sources,
each behind the same small interface and the injected ``httpx.AsyncClient``.

Every request passes the same address check as cited URLs (``safety.check``, connection pinned),
so a mirror on loopback needs ``--allow-private`` like any other private address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from citeguard.records import WorkRecord
from citeguard.resolve.work_formats import from_csl, from_datacite, from_openalex
from citeguard.resolve.works_fetch import Answer, Fetcher, Outcome, WorksConfig, classify

__all__ = ["Answer", "Crossref", "DataCite", "DoiLookup", "DoiOrg", "Fetcher", "OpenAlex", "Outcome", "Source",
           "WorksConfig", "classify", "default_sources", "doi_segment"]

MAX_QUERY = 300  # characters of a bibliographic query (a title and the first author are enough)
CSL_JSON = "application/vnd.citationstyles.csl+json"
VOLUME_SAMPLE = 20  # works of a journal's year read to learn its volume numbers


def doi_segment(doi: str) -> str:
    """A DOI as one path segment under the configured base: "/", "?", "#" and "%" encoded, so a
    DOI written "10.1/../../admin?x#" cannot climb out of the base path or add a query. (The
    resolvers decode %2F back into the DOI's slash, as the DOI Handbook's URL encoding asks.)"""
    return quote(doi, safe="")


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


def _doi_lookup(answer: Answer, read: Callable[[Any], WorkRecord | None], fetcher: Fetcher) -> DoiLookup:
    if answer.outcome is not Outcome.FOUND:
        return DoiLookup(answer.outcome, detail=answer.detail)
    record = read(answer.body)
    if record is None:  # a 200 whose body is no record ({}): said once among the run's problems
        fetcher.problems.add("a source answered with something that is not a record")
        return DoiLookup(Outcome.UNAVAILABLE, detail="unreadable record")
    return DoiLookup(Outcome.FOUND, record)


class Crossref(Source):
    name = "crossref"

    async def by_doi(self, doi: str) -> DoiLookup:
        base = self.fetcher.config.crossref_url.rstrip("/")
        answer = await self.fetcher.get_json(f"{base}/works/{doi_segment(doi)}", self._polite({}), gate=self.name)
        return _doi_lookup(answer, lambda body: from_csl(body.get("message") if isinstance(body, dict) else None,
                                                         self.name), self.fetcher)

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
        answer = await self.fetcher.get_json(f"{base}/works/doi:{doi_segment(doi)}", self._polite({}),
                                             gate=self.name)
        return _doi_lookup(answer, from_openalex, self.fetcher)

    async def search(self, query: str) -> list[WorkRecord] | None:
        base = self.fetcher.config.openalex_url.rstrip("/")
        params = self._polite({"search": query[:MAX_QUERY], "per-page": str(self.fetcher.config.rows)})
        answer = await self.fetcher.get_json(f"{base}/works", params, gate=self.name)
        return self._hits(answer, answer.body.get("results") if isinstance(answer.body, dict) else None, from_openalex)


class DataCite(Source):
    name = "datacite"

    async def by_doi(self, doi: str) -> DoiLookup:
        base = self.fetcher.config.datacite_url.rstrip("/")
        return _doi_lookup(await self.fetcher.get_json(f"{base}/dois/{doi_segment(doi)}", gate=self.name),
                           from_datacite, self.fetcher)


class DoiOrg(Source):
    """doi.org content negotiation: CSL-JSON from whichever agency registered the DOI."""

    name = "doi.org"

    async def by_doi(self, doi: str) -> DoiLookup:
        base = self.fetcher.config.doi_url.rstrip("/")
        answer = await self.fetcher.get_json(f"{base}/{doi_segment(doi)}", accept=CSL_JSON, gate=self.name)
        return _doi_lookup(answer, lambda body: from_csl(body, self.name), self.fetcher)


def default_sources(fetcher: Fetcher) -> tuple[list[Source], list[Source]]:
    """(asked for a DOI, in order; asked for a title): Crossref holds most DOIs, DataCite the data
    sets and preprints, doi.org answers for the other agencies (mEDRA, JaLC, CNKI's DOIs)."""
    crossref, openalex = Crossref(fetcher), OpenAlex(fetcher)
    return [crossref, DataCite(fetcher), DoiOrg(fetcher)], [crossref, openalex]
