"""Verifying cited works: ask the sources about every reference, then judge (issue 12).

``verify_references`` is the synchronous entry point; the client, the address lookup and the
sleep are injected (tests pass a client pointed at a local mock of the services).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import httpx

from citeguard.checks.titles import normalise_title
from citeguard.checks.works_match import Evidence, claims_venue_of_preprint, judge
from citeguard.model import Document, Reference
from citeguard.parse.hanname import is_han_name
from citeguard.parse.names import surname_key
from citeguard.records import Verdict, Verification, WorkRecord
from citeguard.resolve.cache import LinkCache
from citeguard.resolve.resolver import PerHostTransport
from citeguard.resolve.safety import Lookup, SafetyPolicy, system_lookup
from citeguard.resolve.work_formats import bare_doi
from citeguard.resolve.works import Crossref, Fetcher, Outcome, Source, WorksConfig, default_sources

MAX_REFERENCES = 2000  # verified per paper (a thesis: 300)


@dataclass(frozen=True, slots=True)
class Library:
    """The author's or the journal's own records (``--library``: a BibTeX or CSL-JSON export),
    consulted before any network source and enough on their own when they match."""

    records: tuple[WorkRecord, ...] = ()
    by_doi: dict[str, WorkRecord] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Sequence[WorkRecord]) -> Library:
        return cls(tuple(records), {r.doi: r for r in records if r.doi})

    def search(self, ref: Reference) -> list[WorkRecord]:
        wanted = normalise_title(ref.title or "")
        if not wanted:
            return []
        return [r for r in self.records if normalise_title(r.title)[:40] == wanted[:40]]


def record_of(ref: Reference, source: str = "library") -> WorkRecord:
    """A library entry (read like any reference) as a record."""
    surnames = tuple(a if is_han_name(a.replace(" ", "")) else surname_key(a) for a in ref.authors)
    return WorkRecord(source=source, id=ref.key or ref.doi or (ref.title or "")[:80], title=ref.title or "",
                      authors=surnames, year=ref.year, container=ref.container or "",
                      volume=ref.volume or "", issue=ref.issue or "", pages="-".join(ref.pages[:1]),
                      doi=bare_doi(ref.doi))


def entry_label(ref: Reference) -> str:
    """How a report names the entry: its printed label, its key, or first author and year."""
    if ref.label or ref.key:
        return ref.label or ref.key or ""
    first = ref.authors[0].split(",")[0].strip() if ref.authors else ""
    return f"{first} {ref.year or ''}".strip() or str(ref.index)


def query_of(ref: Reference) -> str:
    """Title and first author: what Crossref's bibliographic query matches best on."""
    first = surname_key(ref.authors[0]) if ref.authors else ""
    return f"{ref.title or ''} {first}".strip()


async def _evidence(ref: Reference, doi_sources: Sequence[Source], search_sources: Sequence[Source],
                    library: Library) -> Evidence:
    asked: list[str] = []
    unavailable: list[str] = []
    if not ref.title and not ref.doi:
        return Evidence()  # nothing to look up
    doi = bare_doi(ref.doi)
    doi_record: WorkRecord | None = library.by_doi.get(doi) if doi else None
    found: list[WorkRecord] = library.search(ref)
    if library.records:
        asked.append("library")
    doi_missing = False
    if doi and doi_record is None:
        missing = 0
        for source in doi_sources:
            lookup = await source.by_doi(doi)
            asked.append(source.name)
            if lookup.outcome is Outcome.FOUND and lookup.record is not None:
                doi_record = lookup.record
                break
            if lookup.outcome is Outcome.MISSING:
                missing += 1
            else:
                unavailable.append(source.name)
        doi_missing = doi_record is None and missing > 0 and not unavailable
    title_known = doi_record is not None and ref.title and normalise_title(doi_record.title) == normalise_title(
        ref.title) and not claims_venue_of_preprint(ref, doi_record)  # (a preprint's DOI: look for the published one)
    if ref.title and not title_known and not found:
        for source in search_sources:
            hits = await source.search(query_of(ref))
            if source.name not in asked:
                asked.append(source.name)
            if hits is None:
                unavailable.append(source.name)
                continue
            found.extend(hits)
            if any(normalise_title(h.title) == normalise_title(ref.title) for h in hits):
                break  # the title is found: the other sources would only repeat it
    searched = bool(found) or any(s.name in asked and s.name not in unavailable for s in search_sources)
    same_year: list[WorkRecord] = []
    title_found = any(normalise_title(h.title) == normalise_title(ref.title or "") for h in found)
    if searched and not title_found and doi_record is None and ref.container and ref.volume and ref.year:
        for source in search_sources:  # is the cited volume one the journal published that year?
            if isinstance(source, Crossref):
                same_year = await source.volumes(ref.container, ref.year[:4]) or []
    return Evidence(doi_record, doi_missing, tuple(found), tuple(dict.fromkeys(asked)), tuple(dict.fromkeys(unavailable)),
                    searched=searched, same_year=tuple(same_year))


def document_works(document: Document) -> list[Reference]:
    """A manuscript's works to verify: its list's entries (with the DOI a reference manager's field
    record carries when the entry prints none), then its footnotes' entries labelled by page and mark."""
    from citeguard.link.fields import with_field_dois
    notes = [replace(f.entry, label=f"p{f.page}{f.symbol}") for f in document.footnotes if f.entry is not None]
    return verifiable([*with_field_dois(document), *notes])


def verifiable(references: Sequence[Reference]) -> list[Reference]:
    """The entries to verify (an entry with neither title nor DOI read is kept: it is reported as
    not checked, never silently left out)."""
    return list(references[:MAX_REFERENCES])


def verify_references(references: Sequence[Reference], *, config: WorksConfig | None = None,
                      policy: SafetyPolicy | None = None, client: httpx.AsyncClient | None = None,
                      lookup: Lookup = system_lookup, library: Library | None = None, offline: bool = False,
                      cache: LinkCache | None = None, damaged_text: bool = False, problems: set[str] | None = None,
                      sleep: Callable[[float], Awaitable[object]] = asyncio.sleep, today: date | None = None,
                      progress: Callable[[Verification], None] | None = None) -> tuple[list[Verification], int]:
    """A verdict for every reference (input order) and the number of HTTP requests sent.
    ``offline``: the library and the cache answer; nothing is sent (what they cannot answer is not-checked).
    ``damaged_text``: the manuscript is OCR'd (``Document.ocr``): a DOI that resolves nowhere is not
    taken for a fabrication. ``problems`` collects why sources could not answer (for one warning)."""
    config = config or WorksConfig()
    library = library or Library()

    async def run() -> tuple[list[Verification], int]:
        own = client is None
        active = client or httpx.AsyncClient(follow_redirects=False, transport=PerHostTransport(config.per_source),
                                             timeout=httpx.Timeout(config.timeout))
        fetcher = Fetcher(active, config, policy or SafetyPolicy(), lookup, sleep, cache, offline)
        doi_sources, search_sources = default_sources(fetcher)
        try:
            async def one(ref: Reference) -> Verification:
                before = fetcher.requests
                try:
                    evidence = await _evidence(ref, doi_sources, search_sources, library)
                    evidence = replace(evidence, requests=fetcher.requests - before, damaged_text=damaged_text)
                    verdict = judge(ref, evidence, today)
                except Exception as exc:  # a record nothing foresaw costs its reference a verdict, not the run
                    verdict = Verification(ref.index, Verdict.NOT_CHECKED, f"a source's record could not be read "
                                           f"({type(exc).__name__})", requests=fetcher.requests - before)
                verdict = replace(verdict, span=ref.span, label=entry_label(ref))
                if progress is not None:
                    progress(verdict)
                return verdict
            results = await asyncio.gather(*(one(r) for r in references))
            if problems is not None:
                problems.update(fetcher.problems)
            return list(results), fetcher.requests
        finally:
            if own:
                await active.aclose()

    return asyncio.run(run())
