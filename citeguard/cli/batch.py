"""Many papers in one run: the command line's arguments turned into manuscripts (folders walked,
patterns expanded), each paper audited in a worker process, and what the run needs of each paper
sent back small (its counts, the files written, the terminal summary) so that memory stays flat in
the number of papers."""

from __future__ import annotations

import errno
import fnmatch
import functools
import gc
import itertools
import os
import stat
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from citeguard.api import load_with_source
from citeguard.checks import audit as audit_document
from citeguard.cli.network import NetworkOptions, resolve
from citeguard.cli.outputs import OutputPlan, github_annotations, write_paper
from citeguard.cli.problems import paper_problem
from citeguard.cli.quotes_run import web_pages
from citeguard.cli.run_options import url_filter
from citeguard.cli.verify_cmd import VerifyOptions, verify_document
from citeguard.model import Confidence, Document, Finding, JournalPolicy, LinkResult, LinkStatus, Severity, Standard
from citeguard.quotes import EditionIndex, Source, check_quotations, load_library
from citeguard.records import QuoteVerdict
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
    file \\input's are read with it, not audited on their own. Opened non-blocking and checked to be
    a regular file first, so that a FIFO named main.tex cannot hang the walk."""
    if path.suffix.lower() != ".tex":
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True  # let the reader say what is wrong with it
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return True  # the reader refuses it with its reason
        return b"\\documentclass" in os.read(fd, _TEX_SNIFF)
    except OSError:
        return True
    finally:
        os.close(fd)


def _is_manuscript(name: str) -> bool:
    return (Path(name).suffix.lower() in MANUSCRIPT_SUFFIXES and not name.startswith(".")
            and not name.lower().startswith(_NOT_MANUSCRIPTS))


def _walk(folder: Path, depth: int, keep: Callable[[str], bool]) -> Iterator[Path]:
    """The files under ``folder`` (at most ``depth`` folder levels down), sorted, without following
    symbolic links to folders (a link to an ancestor would make the walk endless); a symbolic link
    to a file, or a broken or looping one, is listed for the caller to judge."""
    base_depth = len(folder.parts)
    for root, dirs, files in os.walk(folder):  # os.walk never follows a folder link (followlinks=False)
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if keep(d) and len(here.parts) - base_depth < depth)
        for name in sorted(files):
            yield here / name


def _refusal(path: Path, base: str, allow_outside: bool) -> str | None:
    """Why a file a folder walk or a pattern found is not audited: a symbolic link that loops, leads
    nowhere, or (unless ``allow_outside``) leads out of the folder the command line named."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path}: a symbolic link loop; not read"
        if exc.errno == errno.ENOENT:
            return f"{path}: a symbolic link to a missing file; not read"
        return f"{path}: cannot be resolved ({exc.strerror or exc}); not read"
    if not allow_outside and not Path(real).is_relative_to(base):
        return (f"{path}: a symbolic link to {real}, outside {os.path.relpath(base) if base != '/' else base} "
                "(--allow-outside reads it); not read")
    return None


def _pattern_parts(text: str) -> tuple[Path, list[str]]:
    """A pattern's fixed folder (the leading parts without wildcards) and the parts after it."""
    parts = Path(text).parts
    fixed = next((i for i, part in enumerate(parts) if _has_magic(part)), len(parts))
    return Path(*parts[:fixed]) if fixed else Path("."), list(parts[fixed:])


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _matches(pattern: Sequence[str], parts: Sequence[str]) -> bool:
    """Whether a path's parts (below the pattern's fixed folder) match the pattern's parts as
    glob.glob matches them: ``**`` is any number of folders, ``*`` does not match a leading dot."""
    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(parts)
        if pattern[i] == "**":
            return match(i + 1, j) or (j < len(parts) and not parts[j].startswith(".") and match(i, j + 1))
        return (j < len(parts) and (pattern[i].startswith(".") or not parts[j].startswith("."))
                and fnmatch.fnmatchcase(parts[j], pattern[i]) and match(i + 1, j + 1))
    return match(0, 0)


def _pattern_matches(text: str) -> Iterator[Path]:
    """The files a pattern matches, in the order of a sorted walk: glob.glob's matching, but walked
    with os.walk, which never follows a folder link (glob's ``**`` does, and two links to ``..`` make
    it explore 2**40 paths) and goes at most MAX_DEPTH folders down."""
    base, pattern = _pattern_parts(text)
    if not base.is_dir():
        return
    depth = MAX_DEPTH if "**" in pattern else len(pattern) - 1
    dotted = any(p.startswith(".") for p in pattern)
    for path in _walk(base, depth, lambda d: dotted or not d.startswith(".")):
        if _matches(pattern, path.relative_to(base).parts):
            yield path


def expand_papers(arguments: Sequence[Path], *, allow_outside: bool = False) -> tuple[list[Path], list[str]]:
    """The manuscripts the arguments name, in order, each once: a folder gives every manuscript
    under it; a pattern (``issue-3/*.docx``, ``archive/**/*.pdf``; quoted, so the shell leaves it)
    its matches; ``-`` is standard input. A symbolic link a walk or a pattern finds is read only if
    it stays inside the folder named (unless ``allow_outside``); a file named on the command line is
    the user's choice. Also the problems, one line each: a link refused, a loop, a pattern matching
    nothing, a folder without manuscripts, too many."""
    out: list[Path] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = str(path) if str(path) == "-" else os.path.realpath(path)
        if key not in seen and len(out) < MAX_FILES:
            seen.add(key)
            out.append(path)

    def add_found(found: Iterator[Path], base: Path, files_only: bool) -> int:
        """Add what a walk or a pattern found; how many it found (refused ones too)."""
        root, count = os.path.realpath(base), 0
        for path in itertools.islice(found, MAX_FILES):
            count += 1
            refused = _refusal(path, root, allow_outside) if path.is_symlink() else None
            if refused is not None:
                problems.append(refused)
            elif (os.path.isfile(path) or not files_only) and _is_document(path):
                add(path)
        return count

    for arg in arguments:
        text = str(arg)
        if text != "-" and arg.is_dir():
            found = (p for p in _walk(arg, MAX_DEPTH, lambda d: not d.startswith(".") and d not in _SKIPPED_FOLDERS)
                     if _is_manuscript(p.name))
            if not add_found(found, arg, files_only=False):  # the reader refuses a FIFO with its reason
                problems.append(f"{text}: no manuscripts in this folder ({', '.join(sorted(MANUSCRIPT_SUFFIXES))})")
        elif _has_magic(text) and not os.path.lexists(arg):
            if not add_found(_pattern_matches(text), _pattern_parts(text)[0], files_only=True):
                problems.append(f"{text}: no file matches this pattern")
        elif text != "-" and _loops(arg):
            problems.append(f"{text}: a symbolic link loop; not read")
        else:
            add(arg)  # a file, standard input, or a missing path the reader reports
    if len(out) >= MAX_FILES:
        problems.append(f"more than {MAX_FILES} manuscripts named; the first {MAX_FILES} are audited")
    return out, problems


def _loops(path: Path) -> bool:
    try:
        os.path.realpath(path, strict=True)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


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
    editions: Path | None = None  # the office's library of editions (audit --library DIR): quotations checked
    editions_index: Path | None = None  # where the editions are indexed (None: in memory)


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
    excluded_url = url_filter(settings.exclude_urls)  # RE2: linear in the URL, whatever the pattern
    claims: list[LinkClaim] = []
    excluded: list[LinkClaim] = []
    for claim in claims_from(document):
        (excluded if excluded_url(claim.url) else claims).append(claim)
    results, _ = resolve(claims, settings.net)
    results += [LinkResult(c.url, LinkStatus.NOT_CHECKED, detail=EXCLUDED) for c in excluded]
    verdicts = verify_document(document, settings.checking)[1] if settings.checking is not None else []
    quotations = _quotations(document, settings)
    ctx, findings = audit_document(document, standard=settings.standard, select=settings.select,
                                   ignore=settings.ignore + job.ignore, links=results, min_confidence=settings.min_confidence,
                                   verifications=verdicts, policy=settings.policy, quotations=quotations)
    recorded = findings
    findings, hidden = new_findings(findings, job.known) if job.known else (findings, 0)
    options = replace(settings.options, ignore=settings.options.ignore + job.ignore) if job.ignore else \
        settings.options  # the report says which rules this paper skipped (per-path ignores too)
    result = AuditResult(document, ctx.standard, ctx.paper_date, findings, options, tuple(results),
                         tuple(verdicts), tuple(quotations))
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


_EDITIONS: dict[Path, tuple[list[Source], EditionIndex]] = {}  # a process's library, opened once for its papers


def _quotations(document: Document, settings: AuditSettings) -> list[QuoteVerdict]:
    """The verdicts on the paper's quoted passages (none without --library DIR).  The run checked the
    library before the papers: here it is read from its index."""
    if settings.editions is None:
        return []
    if settings.editions not in _EDITIONS:
        index = EditionIndex(settings.editions_index)
        _EDITIONS[settings.editions] = (load_library(settings.editions, index), index)
    sources, index = _EDITIONS[settings.editions]
    return check_quotations(document, sources, index, web_pages(document, index, settings.net))


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


AuditJob = Callable[[PaperJob, AuditSettings], PaperOutcome]  # what a worker does with one paper
DIED = "the process auditing it died (killed, perhaps for running out of memory); not audited"
_SETTINGS: list[tuple[AuditSettings, AuditJob]] = []  # a worker's copy of the run's settings (sent once)


def _init_worker(settings: AuditSettings, audit: AuditJob) -> None:
    _SETTINGS[:] = [(settings, audit)]


def _audit_in_worker(job: PaperJob) -> PaperOutcome:
    settings, audit = _SETTINGS[0]
    return audit(job, settings)


def _died(job: PaperJob) -> PaperOutcome:
    error = f"{job.path}: {DIED}"
    return PaperOutcome(job.path, job.stem, error, row=IndexRow(str(job.path), error=error))


def run_papers(jobs: Sequence[PaperJob], settings: AuditSettings, workers: int,
               done: Callable[[PaperOutcome], None], audit: AuditJob = audit_paper) -> None:
    """Audit every job with ``audit``, calling ``done`` with each outcome in the order of ``jobs``;
    with more than one worker and paper, in a pool of processes (forked where the platform can, so
    workers start with citeguard already imported).

    A worker that dies (the out-of-memory killer's SIGKILL) breaks the whole pool, and the pool
    cannot tell which paper killed it: the outcomes that came back are kept, and every paper whose
    outcome did not is audited again in a process of its own, so that only a paper that kills its
    process again gets the error line."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            done(audit(job, settings))
        return
    context = get_context("fork" if "fork" in get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                             initializer=_init_worker, initargs=(settings, audit)) as pool:
        futures: list[Future[PaperOutcome] | None] = [pool.submit(_audit_in_worker, job) for job in jobs]
        for index, future in enumerate(futures):
            assert future is not None
            try:
                outcome = future.result()
            except BrokenProcessPool:
                break
            futures[index] = None  # memory stays flat in the number of papers
            done(outcome)
        else:
            return
    rest = [(job, future.result() if future is not None and future.exception() is None else None)
            for job, future in zip(jobs[index:], futures[index:], strict=True)]
    for outcome in _isolated(rest, settings, workers, context, audit):
        done(outcome)


def _isolated(rest: list[tuple[PaperJob, PaperOutcome | None]], settings: AuditSettings, workers: int,
              context: BaseContext, audit: AuditJob) -> Iterator[PaperOutcome]:
    """The outcomes of ``rest`` in order: those kept as they are, each other paper audited in a
    one-process pool of its own (``workers`` at once); a pool that breaks is that paper's error."""
    queue: deque[tuple[PaperJob, PaperOutcome | Future[PaperOutcome], ProcessPoolExecutor | None]] = deque()
    pending = iter(rest)
    busy = 0

    def fill() -> None:
        nonlocal busy
        while busy < workers and (item := next(pending, None)) is not None:
            job, kept = item
            if kept is not None:
                queue.append((job, kept, None))
                continue
            pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_init_worker,
                                       initargs=(settings, audit))
            queue.append((job, pool.submit(_audit_in_worker, job), pool))
            busy += 1

    fill()
    while queue:
        job, result, pool = queue.popleft()
        if isinstance(result, PaperOutcome):
            yield result
        else:
            try:
                outcome = result.result()
            except BrokenProcessPool:
                outcome = _died(job)
            finally:
                if pool is not None:
                    pool.shutdown()
                busy -= 1
            yield outcome
        fill()
