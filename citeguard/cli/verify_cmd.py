"""``citeguard verify``: does each cited work exist and match its record (issue 12)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

import typer

from citeguard.cli.arguments import default_paper, send, terminal_width, use_color
from citeguard.cli.errors import TimeoutOption
from citeguard.ingest import IngestError, read_source
from citeguard.ingest.source import read_bounded
from citeguard.model import Document, Reference
from citeguard.records import NoticeKind, Verdict, Verification
from citeguard.report.untrusted import visible_controls
from citeguard.words import plural


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """The verification options shared by ``verify`` and ``audit --verify``."""

    library: Path | None = None
    offline: bool = False
    mailto: str | None = None
    crossref_url: str = "https://api.crossref.org"
    openalex_url: str = "https://api.openalex.org"
    datacite_url: str = "https://api.datacite.org"
    doi_url: str = "https://doi.org"
    allow_private: bool = False
    timeout: float = 15.0
    cache: Path | None = None
    no_cache: bool = False


def verify_document(document: Document, options: VerifyOptions, entries: list[Reference] | None = None
                    ) -> tuple[list[Reference], list[Verification], int]:
    """The entries verified (list entries, then footnote entries labelled by page and mark; or
    ``entries``, a .bib file's), their verdicts, and the requests sent."""
    from citeguard.cli.network import NetworkOptions, open_cache
    from citeguard.resolve.safety import SafetyPolicy
    from citeguard.resolve.verify import Library, document_works, verifiable, verify_references
    from citeguard.resolve.works import WorksConfig
    records = load_library(options.library) if options.library is not None else Library()
    assert isinstance(records, Library)
    refs = verifiable(entries) if entries is not None else document_works(document)
    config = WorksConfig(crossref_url=options.crossref_url, openalex_url=options.openalex_url,
                         datacite_url=options.datacite_url, doi_url=options.doi_url, mailto=options.mailto,
                         timeout=options.timeout)
    cache = open_cache(NetworkOptions(cache=options.cache, no_cache=options.no_cache))
    problems: set[str] = set()
    try:
        results, sent = verify_references(refs, config=config, policy=SafetyPolicy(allow_private=options.allow_private),
                                          library=records, offline=options.offline, cache=cache,
                                          damaged_text=document.ocr, problems=problems)
    finally:
        if cache is not None:
            cache.close()
            if cache.problem:
                print(f"citeguard: warning: {cache.problem}", file=sys.stderr)
    unchecked = [r for r in results if r.verdict is Verdict.NOT_CHECKED]
    if unchecked:  # say once why, rather than leave a column of "not-checked" to explain itself
        why = unchecked_reason(problems, unchecked, allow_private=options.allow_private, offline=options.offline)
        print(visible_controls(f"citeguard: warning: {len(unchecked)} of {len(results)} {plural(len(results), 'work')} "
                               f"not checked: {why}", one_line=True), file=sys.stderr)
    return refs, results, sent


def unchecked_reason(problems: set[str], unchecked: list[Verification], *, allow_private: bool = False,
                     offline: bool = False) -> str:
    """Why works went unchecked, in plain words: no network is said as such (never as a socket
    error), then every source given up, then the other reasons (at most three); with no problem
    recorded, the verdicts' own reasons (entries with no title or DOI, records that were no record)."""
    if any(p.startswith("no network") for p in problems):
        return "no network: the services' names do not resolve (connect this machine, or use --offline with a cache)"
    if offline and problems <= {"offline, and not in the cache"}:
        return "--offline, and the cache and the library have no answer for them"
    given_up = sorted(p for p in problems if "given up" in p)
    others = sorted(p for p in problems if "given up" not in p)
    if not given_up and not others:
        counted = Counter(r.detail for r in unchecked)
        return "; ".join(f"{detail} ({n})" if len(counted) > 1 else detail for detail, n in counted.most_common(3))
    why = "; ".join(given_up + others[:3])
    hint = " (a private address: add --allow-private for a local mirror)" if not allow_private and any(
        p.startswith("refused") and "private" in p for p in problems) else ""
    return why + hint


# Options shared by `verify` and `audit --verify` (declared once)
LibraryOption = Annotated[Path | None, typer.Option("--library", help="The author's or journal's records (a BibTeX "
                                                    "or CSL-JSON export), consulted before any index.")]
MailtoOption = Annotated[str | None, typer.Option("--mailto", help="Your e-mail for Crossref's and OpenAlex's "
                                                  "polite pools.")]
CrossrefOption = Annotated[str, typer.Option("--crossref-url", help="Crossref REST API base.")]
OpenAlexOption = Annotated[str, typer.Option("--openalex-url", help="OpenAlex API base.")]
DataCiteOption = Annotated[str, typer.Option("--datacite-url", help="DataCite API base.")]
DoiOption = Annotated[str, typer.Option("--doi-url", help="DOI resolver (content negotiation).")]

FAIL_LEVELS = {"mismatch": (Verdict.MISMATCH, Verdict.LIKELY_FABRICATED),
               "likely-fabricated": (Verdict.LIKELY_FABRICATED,), "never": (),
               # audit's levels, so that one configured fail-on serves both (CG702 error, CG701 warning, CG705 info)
               "error": (Verdict.LIKELY_FABRICATED,), "warning": (Verdict.MISMATCH, Verdict.LIKELY_FABRICATED),
               "info": (Verdict.MISMATCH, Verdict.LIKELY_FABRICATED, Verdict.NOT_FOUND)}


def load_library(path: Path) -> object:
    """A BibTeX (.bib) or CSL-JSON (.json, as Zotero exports it) library as records."""
    from citeguard.parse.bib import bib_references
    from citeguard.resolve.verify import Library, record_of
    from citeguard.resolve.work_formats import from_csl
    if path.suffix.lower() == ".json":
        try:
            items = json.loads(read_bounded(path).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IngestError(f"{path}: not a CSL-JSON library ({exc})") from exc
        if not isinstance(items, list):
            raise IngestError(f"{path}: a CSL-JSON library is a list of items")
        records = [r for r in (from_csl(i, "library") for i in items) if r]
        if not records:
            raise IngestError(f"{path}: no entries read (not a CSL-JSON library?)")
        return Library.of(records)
    refs, _ = bib_references(read_source(path))
    if not refs:
        raise IngestError(f"{path}: no entries read (not a BibTeX or CSL-JSON library?)")
    return Library.of([record_of(r) for r in refs])


def verify(
    paper: Annotated[Path | None, typer.Argument(help="Manuscript; default: the bundled paper.")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the verdicts as JSON here ('-' for "
                                                   "standard output).")] = None,
    library: LibraryOption = None,
    offline: Annotated[bool, typer.Option("--offline", metavar="",
                                          help="Send nothing: answer from the cache and --library.")] = False,
    mailto: MailtoOption = None,
    crossref_url: CrossrefOption = "https://api.crossref.org",
    openalex_url: OpenAlexOption = "https://api.openalex.org",
    datacite_url: DataCiteOption = "https://api.datacite.org",
    doi_url: DoiOption = "https://doi.org",
    allow_private: Annotated[bool, typer.Option("--allow-private", metavar="", help="Allow sources on loopback or private "
                                                "addresses (a local mirror).")] = False,
    timeout: TimeoutOption = 15.0,
    cache: Annotated[Path | None, typer.Option("--cache", help="Cache file (shared with links; default: in the "
                                               "user cache folder).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", metavar="", help="Neither read nor write the cache.")] = False,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 when a verdict at this level "
                                         "exists (or a work was retracted): mismatch, likely-fabricated or "
                                         "never.")] = "mismatch",
) -> None:
    """Verify every cited work against Crossref, OpenAlex, DataCite and doi.org (and --library):
    verified, mismatch (which fields), not-found, not-indexed (expected for Chinese works, books,
    government documents …), likely-fabricated (only on stated evidence), with retraction and
    correction notices. Exits 1 on a mismatch or likely fabrication (see --fail-on)."""
    from citeguard.api import load_document
    from citeguard.cli.errors import EXIT_UNCHECKED
    from citeguard.cli.errors import fail as _fail
    from citeguard.cli.errors import guard as _guard
    from citeguard.report.verify_report import render_verify_json, render_verify_table
    if fail_on not in FAIL_LEVELS:
        _fail(f"--fail-on: expected one of {', '.join(FAIL_LEVELS)}, got {fail_on!r}")
    path = default_paper(paper)
    document = _guard(lambda: load_document(path))
    entries = None
    if path.suffix.lower() == ".bib":  # a bibliography on its own: every entry, cited or not
        from citeguard.parse.bib import bib_references
        entries = _guard(lambda: bib_references(read_source(path))[0])
        entries = [replace(r, label=r.key) for r in entries]  # rows labelled by their keys
    options = VerifyOptions(library, offline, mailto, crossref_url, openalex_url, datacite_url, doi_url,
                            allow_private, timeout, cache, no_cache)
    refs, results, sent = _guard(lambda: verify_document(document, options, entries))
    pairs = list(zip(refs, results, strict=True))
    retracted = any(n.kind in (NoticeKind.RETRACTED, NoticeKind.WITHDRAWN) for r in results for n in r.notices)
    failing = any(r.verdict in FAIL_LEVELS[fail_on] for r in results) or (retracted and fail_on != "never")
    if not refs:
        print(f"citeguard: no reference entries found in {visible_controls(str(path), one_line=True)}", file=sys.stderr)
    if json_file is not None:
        text = render_verify_json(str(path), pairs, sent)
        if send(json_file, text):
            nothing = bool(results) and all(r.verdict is Verdict.NOT_CHECKED for r in results) and fail_on != "never"
            raise typer.Exit(1 if failing else EXIT_UNCHECKED if nothing else 0)
    sys.stdout.write(render_verify_table(pairs, sent, width=terminal_width(), color=use_color()))
    if failing:
        raise typer.Exit(1)
    if results and all(r.verdict is Verdict.NOT_CHECKED for r in results) and fail_on != "never":
        print("citeguard: nothing could be checked (see the warning above); exit code 3", file=sys.stderr)
        raise typer.Exit(EXIT_UNCHECKED)
