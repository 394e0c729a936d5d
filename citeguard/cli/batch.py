"""Many papers in one run: the command line's arguments turned into manuscripts (folders walked,
patterns expanded), each paper audited in a worker process, and what the run needs of each paper
sent back small (its counts, the files written, the terminal summary) so that memory stays flat in
the number of papers."""

from __future__ import annotations

import gc
import glob
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from citeguard.api import load_with_source
from citeguard.checks import audit as audit_document
from citeguard.cli.network import NetworkOptions, resolve
from citeguard.cli.outputs import OutputPlan, github_annotations, write_paper
from citeguard.cli.problems import paper_problem
from citeguard.cli.verify_cmd import VerifyOptions, verify_document
from citeguard.model import Confidence, Finding, JournalPolicy, LinkResult, LinkStatus, Severity, Standard
from citeguard.report.audit_json import AuditOptions, AuditResult
from citeguard.report.baseline import new_findings
from citeguard.report.index_html import IndexRow
from citeguard.report.terminal import render_audit_summary
from citeguard.resolve import LinkClaim, claims_from

# What a folder's files must be called to be audited (a .bib belongs to its .tex or .md)
MANUSCRIPT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".tex", ".docx", ".pdf"})
# Files in a folder that are never manuscripts
_NOT_MANUSCRIPTS = ("readme", "license", "licence", "changelog", "contributing", "code_of_conduct")
# Folders a walk does not enter: hidden ones, reports citeguard wrote, tool caches
_SKIPPED_FOLDERS = frozenset({"reports", "node_modules", "__pycache__", "venv", ".venv"})
EXCLUDED = "excluded (--exclude-url): not checked"  # what a link the configuration excludes says
MAX_FILES = 100_000  # manuscripts one run takes from folders and patterns
MAX_DEPTH = 32  # folder levels a walk goes down
_TEX_SNIFF = 65_536  # bytes of a .tex file read to see whether it is a document or an included part


def _is_document(path: Path) -> bool:
    """A .tex file in a folder is a manuscript only when it has \\documentclass: chapters a main
    file \\input's are read with it, not audited on their own."""
    if path.suffix.lower() != ".tex":
        return True
    try:
        with path.open("rb") as handle:
            return b"\\documentclass" in handle.read(_TEX_SNIFF)
    except OSError:
        return True  # let the reader say what is wrong with it


def _in_folder(folder: Path) -> Iterator[Path]:
    """The manuscripts under ``folder``, sorted, hidden and tool folders left out."""
    base_depth = len(folder.parts)
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS
                         and len(here.parts) - base_depth < MAX_DEPTH)
        for name in sorted(files):
            path = here / name
            if (path.suffix.lower() in MANUSCRIPT_SUFFIXES and not name.startswith(".")
                    and not name.lower().startswith(_NOT_MANUSCRIPTS) and _is_document(path)):
                yield path


def expand_papers(arguments: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The manuscripts the arguments name, in order, each once: a folder gives every manuscript
    under it; a pattern (``issue-3/*.docx``, ``archive/**/*.pdf``; quoted, so the shell leaves it)
    its matches; ``-`` is standard input. Also the problems: a pattern matching nothing, too many."""
    out: list[Path] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = str(path) if str(path) == "-" else os.path.realpath(path)
        if key not in seen and len(out) < MAX_FILES:
            seen.add(key)
            out.append(path)

    for arg in arguments:
        text = str(arg)
        if text != "-" and arg.is_dir():
            for path in _in_folder(arg):
                add(path)
        elif any(ch in text for ch in "*?[") and not arg.exists():
            matches = sorted(glob.iglob(text, recursive=True))[:MAX_FILES]
            found = [Path(m) for m in matches if Path(m).is_file() and _is_document(Path(m))]
            if not found:
                problems.append(f"{text}: no file matches this pattern")
            for path in found:
                add(path)
        else:
            add(arg)  # a file, standard input, or a missing path the reader reports
    if len(out) >= MAX_FILES:
        problems.append(f"more than {MAX_FILES} manuscripts named; the first {MAX_FILES} are audited")
    return out, problems


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """Everything one paper's audit needs besides the paper: the same for every paper of a run."""

    plan: OutputPlan
    net: NetworkOptions
    checking: VerifyOptions | None  # None: no --verify
    standard: Standard | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    min_confidence: Confidence
    options: AuditOptions
    allow_outside: bool = False
    max_pages: int = 100
    summary: str = "text"  # "text": a rich summary; "github": annotations; "": none
    width: int = 100
    color: bool = False
    limit: int = 200  # findings shown in a summary
    keep_results: bool = False  # the run writes files over all papers (SARIF, JUnit, Markdown, baseline)
    policy: JournalPolicy | None = None  # the journal's reference policy (CG8xx)
    exclude_urls: tuple[str, ...] = ()  # regular expressions of cited URLs not to check


@dataclass(frozen=True, slots=True)
class PaperJob:
    path: Path
    stem: str
    known: Counter[str] = field(default_factory=Counter)  # this paper's baseline
    ignore: tuple[str, ...] = ()  # rule prefixes skipped for this paper (per-path ignores)


@dataclass(frozen=True, slots=True)
class PaperOutcome:
    """What the run keeps of one paper."""

    path: Path
    stem: str
    error: str | None = None  # the one-line reason it could not be audited
    worst: int = 0  # the rank of its worst finding
    counts: tuple[int, int, int] = (0, 0, 0)  # errors, warnings, infos
    hidden: int = 0  # findings left out by the baseline
    written: tuple[Path, ...] = ()
    summary: str = ""  # the terminal summary or GitHub annotations, rendered in the worker
    row: IndexRow | None = None
    result: AuditResult | None = None  # slimmed, only when the run writes files over all papers
    recorded: tuple[Finding, ...] = ()  # every finding before the baseline, for --write-baseline


def _slim(result: AuditResult) -> AuditResult:
    """The result without the text's paragraphs and notes: what run-wide files need of it."""
    doc = replace(result.document, paragraphs=(), pages=(), markers=(), footnotes=())
    return replace(result, document=doc, links=())


def _audit(job: PaperJob, settings: AuditSettings) -> PaperOutcome:
    source, document = load_with_source(job.path, allow_outside=settings.allow_outside,
                                        max_pages=settings.max_pages)
    patterns = [re.compile(p) for p in settings.exclude_urls]
    claims: list[LinkClaim] = []
    excluded: list[LinkClaim] = []
    for claim in claims_from(document):
        (excluded if any(rx.search(claim.url) for rx in patterns) else claims).append(claim)
    results, _ = resolve(claims, settings.net)
    results += [LinkResult(c.url, LinkStatus.NOT_CHECKED, detail=EXCLUDED) for c in excluded]
    verdicts = verify_document(document, settings.checking)[1] if settings.checking is not None else []
    ctx, findings = audit_document(document, standard=settings.standard, select=settings.select,
                                   ignore=settings.ignore + job.ignore, links=results, min_confidence=settings.min_confidence,
                                   verifications=verdicts, policy=settings.policy)
    recorded = findings
    findings, hidden = new_findings(findings, job.known) if job.known else (findings, 0)
    options = replace(settings.options, ignore=settings.options.ignore + job.ignore) if job.ignore else \
        settings.options  # the report says which rules this paper skipped (per-path ignores too)
    result = AuditResult(document, ctx.standard, ctx.paper_date, findings, options, tuple(results),
                         tuple(verdicts))
    plan = replace(settings.plan, written=[])
    write_paper(plan, result, source.text, job.stem)
    lang = settings.plan.lang or document.language.value
    summary = ""
    if settings.summary == "github":
        summary = github_annotations(result, settings.plan.lang)
    elif settings.summary == "text":
        summary = render_audit_summary(result, lang=lang, width=settings.width, color=settings.color,
                                       limit=settings.limit)
    by = Counter(f.severity for f in findings)
    counts = (by[Severity.ERROR], by[Severity.WARNING], by[Severity.INFO])
    html = next((p for p in plan.written if p.suffix == ".html"), None)
    title = document.front_matter.title_zh or document.front_matter.title_en
    href = os.path.relpath(html, settings.plan.reports_dir) if html else ""  # the index sits in reports_dir
    row = IndexRow(str(job.path), href, title.text[:200] if title else "", lang,
                   *counts, links=len(results), broken=sum(1 for r in results if r.status.value == "broken"),
                   policy=sum(1 for f in findings if f.code.startswith("CG8")),
                   references=len(document.references), citations=len(document.citations))
    return PaperOutcome(job.path, job.stem, None, max([0, *(f.severity.rank for f in findings)]), counts, hidden,
                        tuple(plan.written), summary, row, _slim(result) if settings.keep_results else None,
                        recorded if settings.keep_results else ())


def audit_paper(job: PaperJob, settings: AuditSettings) -> PaperOutcome:
    """One paper's outcome; a paper that cannot be read is its one-line error, never the run's end."""
    # A paper's audit builds millions of objects that live until its reports are written (entries,
    # citations, their spans and tuples) and next to no cyclic garbage: the collector's full passes
    # over them were a quarter of the time of a paper with 20,000 citations. Reference counting
    # frees what dies young; the collector resumes when the paper is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        outcome = paper_problem(job.path, lambda: _audit(job, settings))
    finally:
        if collecting:
            gc.enable()
    if isinstance(outcome, str):
        return PaperOutcome(job.path, job.stem, outcome, row=IndexRow(str(job.path), error=outcome))
    return outcome


_SETTINGS: list[AuditSettings] = []  # a worker's copy of the run's settings (sent once, not per paper)


def _init_worker(settings: AuditSettings) -> None:
    _SETTINGS[:] = [settings]


def _audit_in_worker(job: PaperJob) -> PaperOutcome:
    return audit_paper(job, _SETTINGS[0])


def run_papers(jobs: Sequence[PaperJob], settings: AuditSettings, workers: int,
               done: Callable[[PaperOutcome], None]) -> None:
    """Audit every job, calling ``done`` with each outcome in the order of ``jobs``; with more than
    one worker and paper, in a pool of processes (forked where the platform can, so workers start
    with citeguard already imported)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            done(audit_paper(job, settings))
        return
    method = "fork" if "fork" in get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=get_context(method),
                             initializer=_init_worker, initargs=(settings,)) as pool:
        for outcome in pool.map(_audit_in_worker, jobs, chunksize=2):
            done(outcome)
