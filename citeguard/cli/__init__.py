"""Command line: the only place that reads argv or sets an exit code.

Exit codes: 0 success; 1 findings at or above --fail-on (audit); 2 usage error or unreadable
input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import contextlib
import fnmatch
import itertools
import json
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from citeguard import __version__
from citeguard.api import load_document
from citeguard.checks import RULES
from citeguard.checks import audit as audit_document
from citeguard.cli.config import show_config
from citeguard.cli.fix_cmd import fix as fix_command
from citeguard.cli.verify_cmd import (
    CrossrefOption,
    DataCiteOption,
    DoiOption,
    LibraryOption,
    MailtoOption,
    OpenAlexOption,
    VerifyOptions,
)
from citeguard.cli.verify_cmd import verify as verify_command
from citeguard.ingest import IngestError
from citeguard.model import Confidence, JournalPolicy, LinkStatus, Standard
from citeguard.parse.fields import URL_RE
from citeguard.report import render_model_json, write_report
from citeguard.report.baseline import render_baseline
from citeguard.report.files import ReportWriteError
from citeguard.report.messages import plural, t
from citeguard.report.rules_doc import rules_json, rules_markdown
from citeguard.report.terminal import (
    render_ledger_table,
    render_links_table,
    render_parse_summary,
    render_rules_table,
)
from citeguard.report.untrusted import visible_controls

BUNDLED_PAPER = Path(__file__).resolve().parent.parent.parent / "corpus" / \
    "wang2026-new-quality-productive-forces-open-economy.txt"
EXIT_USAGE = 2

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="citeguard: check the citations, references and footnotes of a manuscript.")

T = TypeVar("T")


def _fail(message: str) -> NoReturn:
    typer.echo(f"citeguard: error: {visible_controls(message, one_line=True)}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _guard(action: Callable[[], T]) -> T:
    """Run ``action``; turn every failure into one line on stderr and exit code 2."""
    try:
        return action()
    except (IngestError, ReportWriteError) as exc:
        _fail(str(exc))
    except typer.Exit:
        raise
    except RecursionError:
        _fail("input is nested too deeply to process")
    except Exception as exc:
        _fail(f"internal error ({type(exc).__name__}: {exc}); please report this with the input file")
    raise AssertionError("unreachable")


def _read_baseline(path: Path) -> dict[str, Counter[str]]:
    from citeguard.ingest.source import read_bounded
    from citeguard.report.baseline import BaselineError, read_baseline
    try:
        return read_baseline(read_bounded(path).decode("utf-8", errors="replace"))
    except BaselineError as exc:
        raise IngestError(f"{path}: {exc}") from exc


def _paper(paper: Path | None) -> Path:
    if paper is not None:
        return paper
    if not BUNDLED_PAPER.exists():
        _fail("no PAPER given and the bundled corpus paper is not installed")
    try:  # a relative path keeps reports identical on every machine
        return BUNDLED_PAPER.relative_to(Path.cwd())
    except ValueError:
        return BUNDLED_PAPER


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _version(value: bool) -> None:
    if value:
        typer.echo(f"citeguard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(ctx: typer.Context,
          version: Annotated[bool, typer.Option("--version", metavar="", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False,
          config: Annotated[Path | None, typer.Option("--config", help="Configuration file (default: citeguard.toml, "
                                                      "or [tool.citeguard] in pyproject.toml, here or above).")] = None,
          no_config: Annotated[bool, typer.Option("--no-config", metavar="",
                                                  help="Read no configuration file.")] = False) -> None:
    """citeguard: check the citations, references and footnotes of a manuscript."""
    from citeguard.cli.config import Config, ConfigError, defaults_for, find_config, table_of
    path = None if no_config else config or find_config(Path.cwd())
    if path is None:
        ctx.obj = Config()
        return
    options = {name: {p.name: "Path" in str(p.bare_type()) for p in command.params if p.name}
               for name, command in ctx.command.commands.items()}  # type: ignore[attr-defined]
    try:
        ctx.obj = defaults_for(path, table_of(path), options)
    except ConfigError as exc:
        _fail(str(exc))
    _check_values(ctx, path, ctx.obj.defaults)
    ctx.default_map = ctx.obj.defaults  # command-line options override these


# An option's choices as its help shows them: "[error|warning|info|never]"
_CHOICES_RE = re.compile(r"^\[([\w-]+(?:\|[\w-]+)+)\]$")


def _check_values(ctx: typer.Context, path: Path, defaults: dict[str, dict[str, Any]]) -> None:
    """Each configured value as its option would take it: a bad one is one line naming the file and
    the key, when the configuration is read (also by `citeguard config`), not a later puzzle."""
    commands = ctx.command.commands  # type: ignore[attr-defined]
    for name, values in defaults.items():
        command = commands.get(name)
        if command is None:
            continue
        sub = command.make_context(name, [], resilient_parsing=True)
        params = {p.name: p for p in command.params}
        for key, value in values.items():
            param = params.get(key)
            if param is None:
                continue
            shown = key.replace("_", "-")
            choices = _CHOICES_RE.match(getattr(param, "metavar", None) or "")
            if choices and isinstance(value, str) and value not in choices.group(1).split("|"):
                _fail(f"{path}: {shown} = {value!r}: choose one of {choices.group(1).replace('|', ', ')}")
            try:
                param.process_value(sub, value)
            except Exception as exc:  # the option's own conversion and bounds (click's BadParameter)
                message = getattr(exc, "message", None) or str(exc)
                _fail(f"{path}: {shown} = {value!r}: {message}")


@app.command()
def parse(
    paper: Annotated[Path | None, typer.Argument(help="Manuscript (.txt or .md); default: the bundled paper.")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the document model as JSON here "
                                                   "('-' for standard output).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No terminal summary.")] = False,
) -> None:
    """Parse a manuscript and show (or write as JSON) what citeguard read from it."""
    path = _paper(paper)
    document = _guard(lambda: load_document(path))
    if json_file is not None:
        text = _guard(lambda: render_model_json(document))
        if str(json_file) == "-":
            sys.stdout.write(text)
            return
        _guard(lambda: write_report(json_file, text))
    if not quiet:
        width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 100
        sys.stdout.write(render_parse_summary(document, width=width, color=_use_color()))
        if json_file is not None:
            typer.echo(f"model written to {json_file}")


FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}
# Files `links --from` reads as manuscripts (anything else is read as a list of URLs)
MANUSCRIPT_SUFFIXES = frozenset({".bib", ".docx", ".markdown", ".md", ".pdf", ".tex", ".text", ".txt"})
MAX_URLS = 100_000  # URLs read from one list


LangOption = Annotated[str | None, typer.Option("--lang", metavar="[zh|en]", help="zh or en (default: the "
                                              "document's language, else en).")]


def _prefixes(values: list[str] | None, option: str) -> list[str]:
    """ "--select CG1,CG2 --select CG301" → ["CG1", "CG2", "CG301"]; a prefix that matches no rule
    is an error, so that a typo cannot turn a CI check green by selecting nothing."""
    out = [p.strip().upper() for v in values or [] for p in v.split(",") if p.strip()]
    for p in out:
        if not re.fullmatch(r"CG\d{0,3}", p):
            _fail(f"{option}: bad rule code prefix {p!r} (expected CG, CG1, CG20, CG201 …)")
        if not any(code.startswith(p) for code in RULES):
            _fail(f"{option}: no rule code starts with {p!r} (see: citeguard rules)")
    return out


def _report_stems(paths: list[Path]) -> list[str]:
    """Report names for each paper; papers sharing a name get their format (paper.docx and
    paper.pdf → paper-docx, paper-pdf) or else their folder in the name too."""
    stems = ["stdin" if str(p) == "-" else p.stem for p in paths]
    out = []
    for path, stem in zip(paths, stems, strict=True):
        if stems.count(stem) > 1:
            same = [p for p in paths if p.stem == stem]
            if len({p.suffix.lower() for p in same}) == len(same):
                stem = f"{stem}-{path.suffix.lower().lstrip('.')}"
            else:
                parent = "-".join(part for part in path.resolve().parent.parts[-2:] if part not in ("/", ""))
                stem = f"{parent}-{stem}"
        out.append(stem)
    return out


def _confidence(value: str) -> Confidence:
    """--min-confidence's value, or a one-line usage error."""
    try:
        return Confidence(value.lower())
    except ValueError:
        _fail(f"--min-confidence must be high, medium or low, not {value!r}")


@app.command()
def audit(
    papers: Annotated[list[Path] | None, typer.Argument(help="Manuscripts, folders of them, quoted patterns or '-' "
                                                        "(standard input).")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here ('-' for standard "
                                                   "output; one paper only; default reports/<name>.json).")] = None,
    reports_dir: Annotated[Path, typer.Option("--reports-dir", help="Folder for the default reports.")] = Path("reports"),
    offline: Annotated[bool, typer.Option("--offline", metavar="", help="Never touch the network: links are answered from "
                                          "the cache or reported as not-checked.")] = False,
    cache: Annotated[Path | None, typer.Option("--cache", help="Link cache file (default: in the user cache "
                                               "folder).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", metavar="", help="Neither read nor write the link cache.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", metavar="", help="Also fetch loopback and private "
                                                "addresses.")] = False,
    allow_outside: Annotated[bool, typer.Option("--allow-outside", metavar="", help="Also read .tex/.bib files the manuscript "
                                                "names outside its own folder.")] = False,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Refuse a PDF of more pages than this.",
                                           min=1)] = 100,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.", min=0.1)] = 15.0,
    archive_base: Annotated[str, typer.Option("--archive-base", help="Wayback Machine base URL for archived copies "
                                              "of dead links ('none': do not look).")] = "https://archive.org",
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="[error|warning|info|never]",
                                         help="Exit 1 when a finding at or above this level exists: "
                                         "error, warning, info or never.")] = "error",
    select: Annotated[list[str] | None, typer.Option("--select", help="Only rules with these code prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip rules with these code prefixes.")] = None,
    min_confidence: Annotated[str, typer.Option("--min-confidence", metavar="[high|medium|low]",
                                                help="Report only findings this sure or surer: "
                                                "high, medium or low (default: all).")] = "low",
    standard: Annotated[str | None, typer.Option("--standard", metavar="[gb2015|gb2025]",
                                                 help="gb2015 or gb2025 (default: by the "
                                                 "manuscript's date).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="[zh|en]",
                                             help="zh or en messages (default: the document's).")] = None,
    timestamp: Annotated[bool, typer.Option("--timestamp", metavar="", help="Put the time of the run into the JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No terminal summary.")] = False,
    formats: Annotated[str, typer.Option("--formats", help="Files written to --reports-dir for each paper: any of "
                                         "json,html,sarif,ledger.")] = "json,html,sarif,ledger",
    html_file: Annotated[Path | None, typer.Option("--html", help="Write the HTML report here (one paper).")] = None,
    sarif_file: Annotated[Path | None, typer.Option("--sarif", help="Write one SARIF 2.1.0 log for all papers "
                                                    "here.")] = None,
    markdown_file: Annotated[Path | None, typer.Option("--markdown", help="Write a Markdown summary (for a pull "
                                                       "request comment) here.")] = None,
    output_format: Annotated[str, typer.Option("--format", metavar="[text|github|junit]",
                                               help="text (rich summary), github (workflow annotations) or "
                                               "junit (one JUnit XML document for the run) on standard "
                                               "output.")] = "text",
    screenshot_file: Annotated[Path | None, typer.Option("--screenshot", help="Also save a PNG of the HTML report "
                                                         "(needs Playwright and Chromium; skipped with a warning "
                                                         "otherwise).")] = None,
    verify: Annotated[bool, typer.Option("--verify", metavar="", help="Also verify every cited work against Crossref, "
                                         "OpenAlex, DataCite and doi.org (CG7xx; see citeguard verify).")] = False,
    library: LibraryOption = None,
    mailto: MailtoOption = None,
    crossref_url: CrossrefOption = "https://api.crossref.org",
    openalex_url: OpenAlexOption = "https://api.openalex.org",
    datacite_url: DataCiteOption = "https://api.datacite.org",
    doi_url: DoiOption = "https://doi.org",
    junit_file: Annotated[Path | None, typer.Option("--junit", help="Write one JUnit XML file for all papers here "
                                                    "(a failure per finding at --fail-on or above).")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Leave out the findings recorded in this "
                                                  "baseline (CI fails only on new ones).")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", help="Record this run's findings "
                                                        "here, for --baseline.")] = None,
    jobs_count: Annotated[int, typer.Option("--jobs", "-j", help="Papers audited at once, each in its own process "
                                            "(default: the number of CPUs).", min=0)] = 0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", metavar="", help="Every finding in the summary, and each paper's "
                                          "summary in a run over many.")] = False,
    per_path_ignore: Annotated[list[str] | None, typer.Option(
        "--per-path-ignore", metavar="GLOB:CODES", help="Skip these rule code prefixes for the papers whose path "
        "matches GLOB ('drafts/*.md:CG3,CG5'; repeatable).")] = None,
    exclude_url: Annotated[list[str] | None, typer.Option(
        "--exclude-url", metavar="REGEX", help="Do not check cited URLs this regular expression finds (as "
        ".lycheeignore; repeatable).")] = None,
    policy_recent_share: Annotated[float | None, typer.Option(
        "--policy-recent-share", min=0, max=1, rich_help_panel="Journal policy (CG8xx, off unless set)",
        help="At least this share of the references from the last --policy-recent-years years (CG801).")] = None,
    policy_recent_years: Annotated[int, typer.Option("--policy-recent-years", min=1, rich_help_panel="Journal policy "
                                              "(CG8xx, off unless set)", help="Years counted as recent.")] = 5,
    policy_min_foreign: Annotated[int | None, typer.Option(
        "--policy-min-foreign", min=0, rich_help_panel="Journal policy (CG8xx, off unless set)",
        help="At least this many foreign-language references (CG802).")] = None,
    policy_foreign_share: Annotated[float | None, typer.Option(
        "--policy-foreign-share", min=0, max=1, rich_help_panel="Journal policy (CG8xx, off unless set)",
        help="At least this share of foreign-language references (CG802).")] = None,
    policy_doi: Annotated[bool, typer.Option(
        "--policy-doi", metavar="", rich_help_panel="Journal policy (CG8xx, off unless set)",
        help="Journal articles must carry their DOI (CG803).")] = False,
    policy_min_references: Annotated[int | None, typer.Option(
        "--policy-min-references", min=0, rich_help_panel="Journal policy (CG8xx, off unless set)",
        help="At least this many references (CG804).")] = None,
    policy_max_references: Annotated[int | None, typer.Option(
        "--policy-max-references", min=0, rich_help_panel="Journal policy (CG8xx, off unless set)",
        help="At most this many references (CG804).")] = None,
    policy_max_self_citation: Annotated[float | None, typer.Option(
        "--policy-max-self-citation", min=0, max=1, rich_help_panel="Journal policy (CG8xx, off unless set)",
        help="At most this share of references by the manuscript's authors (CG805).")] = None,
) -> None:
    """Audit manuscripts, folders of them or quoted patterns ('issue-3/*.docx'), '-' for standard input:
    print a summary, write the reports (and reports/index.html for several papers), exit 1 on findings
    at --fail-on."""
    # Imported here, not at the top: `citeguard --help` should not pay for httpx, Jinja2 and co.
    from citeguard.cli.batch import AuditSettings, PaperJob, PaperOutcome, expand_papers, run_papers
    from citeguard.cli.network import NetworkOptions
    from citeguard.cli.outputs import FORMATS, OutputPlan, screenshot, write_index, write_run
    from citeguard.report.audit_json import AuditOptions
    if fail_on not in FAIL_LEVELS:
        _fail(f"--fail-on must be one of {', '.join(FAIL_LEVELS)}, not {fail_on!r}")
    if standard is not None and standard not in {s.value for s in Standard}:
        _fail(f"--standard must be gb2015 or gb2025, not {standard!r}")
    sure = _confidence(min_confidence)
    if lang is not None and lang not in {"zh", "en"}:
        _fail(f"--lang must be zh or en, not {lang!r}")
    if not papers:  # in CI an empty glob must not audit someone else's paper (the bundled one)
        _fail("no PAPER given: name the manuscripts to audit (or set papers in the configuration; the "
              f"bundled example is {_paper(None)})")
    paths, problems = expand_papers(papers)
    if sum(1 for p in paths if str(p) == "-") and len(paths) > 1 and str(json_file) == "-":
        _fail("--json - writes one report to standard output: name one paper")
    if json_file is not None and len(paths) > 1:
        _fail("--json names one file; with several papers the reports go to --reports-dir")
    if str(json_file) == "-" and (output_format != "text" or str(markdown_file) == "-" or str(sarif_file) == "-"
                                  or str(junit_file) == "-"):
        _fail("--json - already writes to standard output: write the other report to a file")
    chosen, dropped = _prefixes(select, "--select"), _prefixes(ignore, "--ignore")
    stamp = datetime.now(UTC).isoformat(timespec="seconds") if timestamp else None
    wanted = tuple(f.strip() for f in formats.split(",") if f.strip())
    if unknown := [f for f in wanted if f not in FORMATS]:
        _fail(f"--formats: unknown format(s) {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    if output_format not in ("text", "github", "junit"):
        _fail(f"--format must be text, github or junit, not {output_format!r}")
    if html_file is not None and len(paths) > 1:
        _fail("--html names one file; with several papers the reports go to --reports-dir")
    plan = OutputPlan(reports_dir, wanted, json_file, html_file, sarif_file, markdown_file, junit_file,
                      FAIL_LEVELS[fail_on], stamp, lang)
    batch = len(paths) > 1
    net = NetworkOptions(offline=offline, cache=cache, no_cache=no_cache, allow_private=allow_private,
                         timeout=timeout, archive_base=None if archive_base == "none" else archive_base,
                         progress=not batch)
    checking = VerifyOptions(library, offline, mailto, crossref_url, openalex_url, datacite_url, doi_url,
                             allow_private, timeout, cache, no_cache) if verify else None
    known = _guard(lambda: _read_baseline(baseline)) if baseline is not None else {}
    to_terminal = output_format == "text" and not quiet and str(json_file) != "-"
    width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 100
    settings = AuditSettings(
        plan, net, checking, Standard(standard) if standard else None, tuple(chosen), tuple(dropped), sure,
        AuditOptions(tuple(chosen), tuple(dropped), fail_on, offline=offline, min_confidence=sure.value),
        allow_outside, max_pages,
        summary="github" if output_format == "github" else ("text" if to_terminal and (verbose or not batch) else ""),
        width=width, color=_use_color(), limit=10**9 if verbose else 200,
        keep_results=bool(sarif_file or markdown_file or junit_file or write_baseline or output_format == "junit"),
        exclude_urls=_url_patterns(exclude_url),
        policy=JournalPolicy(datetime.now(UTC).year, policy_recent_years, policy_recent_share, policy_min_foreign,
                             policy_foreign_share, policy_doi, policy_min_references, policy_max_references,
                             policy_max_self_citation))
    per_path = _per_path_ignores(per_path_ignore)
    jobs = [PaperJob(p, stem, known.get(_baseline_key(p, baseline), Counter()) if baseline else Counter(),
                     _ignored_for(p, per_path))
            for p, stem in zip(paths, _report_stems(paths), strict=True)]
    for problem in problems:
        typer.echo(f"citeguard: error: {visible_controls(problem, one_line=True)}", err=True)
    outcomes: list[PaperOutcome] = []  # each small: counts, files, a slim result only for run-wide files
    with _progress(len(jobs) if batch and not quiet and output_format == "text" else 0) as advance:
        def done(outcome: PaperOutcome) -> None:
            outcomes.append(outcome)
            advance(outcome)
            if outcome.error is not None:
                typer.echo(f"citeguard: error: {visible_controls(outcome.error, one_line=True)}", err=True)
            elif outcome.summary:
                sys.stdout.write(outcome.summary)
            elif to_terminal:
                errors, warnings, infos = outcome.counts
                said = lang or (outcome.row.lang if outcome.row else "en")
                sys.stdout.write(t("cli.paper", said, path=visible_controls(str(outcome.path), one_line=True),
                                   errors=errors, errors_word=plural(errors, "error"), warnings=warnings,
                                   warnings_word=plural(warnings, "warning"), infos=infos) + "\n")
        run_papers(jobs, settings, jobs_count or os.cpu_count() or 1, done)
    for outcome in outcomes:
        plan.written.extend(outcome.written)
    done_results = [o.result for o in outcomes if o.result is not None]
    failed = [(str(o.path), o.error) for o in outcomes if o.error is not None]
    _guard(lambda: write_run(plan, done_results, failed, lang or _run_language(outcomes)))
    if output_format == "junit":  # for CI dashboards that read a test report from a pipe
        from citeguard.report.junit import render_junit
        sys.stdout.write(render_junit(done_results, FAIL_LEVELS[fail_on], unreadable=failed,
                                      lang=lang or _run_language(outcomes)))
    if (batch or len(papers) > 1 or any(p.is_dir() for p in papers)) and "html" in wanted and json_file is None:
        _guard(lambda: write_index(plan, [o.row for o in outcomes if o.row is not None], lang or _run_language(outcomes)))
    if write_baseline is not None:
        recorded = {_baseline_key(o.path, write_baseline): o.recorded for o in outcomes if o.error is None}
        _guard(lambda: write_report(write_baseline, render_baseline(recorded)))
        plan.written.append(write_baseline)
    hidden = sum(o.hidden for o in outcomes)
    if hidden and output_format == "text" and not quiet:
        typer.echo(t("cli.baseline_hidden", lang or _run_language(outcomes), n=hidden,
                     findings_word=plural(hidden, "finding")), err=True)
    html_written = [p for p in plan.written if p.suffix == ".html" and p.name != "index.html"]
    if screenshot_file is not None and not html_written:
        typer.echo("citeguard: warning: no screenshot: no HTML report was written (add html to --formats)", err=True)
    if screenshot_file is not None and html_written:
        shot = screenshot(html_written[0], screenshot_file)
        if shot:
            typer.echo(f"citeguard: warning: no screenshot: {shot}", err=True)
        else:
            plan.written.append(screenshot_file)
    said = lang or _run_language(outcomes)
    if to_terminal and batch:
        read = [o for o in outcomes if o.error is None]
        errors, warnings = sum(o.counts[0] for o in read), sum(o.counts[1] for o in read)
        typer.echo(t("cli.run", said, papers=len(outcomes), with_errors=sum(1 for o in read if o.counts[0]),
                     with_warnings=sum(1 for o in read if o.counts[1] and not o.counts[0]),
                     unreadable=len(outcomes) - len(read), errors=errors, errors_word=plural(errors, "error"),
                     warnings=warnings, warnings_word=plural(warnings, "warning")))
    if to_terminal and plan.written:
        shown = plan.written if verbose or len(plan.written) <= 8 else \
            [*plan.written[:4], *[p for p in plan.written[4:] if p.name == "index.html" or p.parent != reports_dir]]
        more = len(plan.written) - len(shown)
        typer.echo(t("cli.written", said, files=", ".join(str(p) for p in shown))
                   + (t("cli.more_written", said, n=more, folder=reports_dir) if more else ""))
    if problems or any(o.error is not None for o in outcomes):
        raise typer.Exit(EXIT_USAGE)
    if max([0, *(o.worst for o in outcomes)]) >= FAIL_LEVELS[fail_on]:
        raise typer.Exit(1)


def _baseline_key(paper: Path, baseline: Path) -> str:
    """A paper as a baseline names it: its path from the baseline file's folder, so that the same
    paper is found whether citeguard runs from the project's root or elsewhere."""
    if str(paper) == "-":
        return "-"
    return Path(os.path.relpath(paper.resolve(), baseline.resolve().parent)).as_posix()


def _per_path_ignores(values: list[str] | None) -> list[tuple[str, list[str]]]:
    """ "drafts/*.md:CG3,CG5" → [("drafts/*.md", ["CG3", "CG5"])]; a malformed one is a usage error."""
    out = []
    for value in values or []:
        pattern, sep, codes = value.rpartition(":")
        if not sep or not pattern.strip() or not codes.strip():
            _fail(f"--per-path-ignore: expected GLOB:CODES ('drafts/*.md:CG3,CG5'), not {value!r}")
        glob = pattern.strip()
        if "/" in glob and not Path(glob).is_absolute():  # a folder in it: relative to where citeguard runs
            glob = (Path.cwd() / glob).as_posix()
        out.append((glob, _prefixes([codes], "--per-path-ignore")))
    return out


def _ignored_for(path: Path, per_path: list[tuple[str, list[str]]]) -> tuple[str, ...]:
    """The rule prefixes skipped for this paper: those of every pattern its path matches (a pattern
    without a folder matches the file's name in any folder)."""
    if str(path) == "-":
        return ()
    absolute = path.resolve().as_posix()
    return tuple(code for pattern, codes in per_path
                 if fnmatch.fnmatch(absolute, pattern) or ("/" not in pattern and fnmatch.fnmatch(path.name, pattern))
                 for code in codes)


def _url_patterns(values: list[str] | None) -> tuple[str, ...]:
    """--exclude-url's regular expressions, each checked here (a bad one is a usage error)."""
    for value in values or []:
        try:
            re.compile(value)
        except re.error as exc:
            _fail(f"--exclude-url: {value!r} is not a regular expression ({exc})")
    return tuple(values or ())


def _run_language(outcomes: list[Any]) -> str:
    """The index's language: Chinese when most papers of the run are."""
    langs = [o.row.lang for o in outcomes if o.row is not None and o.row.lang]
    return "zh" if langs and sum(1 for x in langs if x == "zh") * 2 >= len(langs) else "en"


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[Any], None]]:
    """A progress bar on standard error for a run over many papers (none for one, or off a terminal)."""
    if total <= 1 or not sys.stderr.isatty():
        yield lambda _outcome: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    with Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("papers", total=total)
        yield lambda _outcome: bar.advance(task)


@app.command()
def links(
    urls: Annotated[list[str] | None, typer.Argument(help="URLs to check.")] = None,
    from_file: Annotated[Path | None, typer.Option("--from", help="Check every URL cited in this manuscript "
                                                   "(or listed in this text file).")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the results as JSON here ('-' for "
                                                   "standard output).")] = None,
    offline: Annotated[bool, typer.Option("--offline", metavar="", help="Answer from the cache only.")] = False,
    cache: Annotated[Path | None, typer.Option("--cache", help="Link cache file.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", metavar="", help="Neither read nor write the cache.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", metavar="", help="Also fetch loopback and private "
                                                "addresses.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.", min=0.1)] = 15.0,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Requests at once, all hosts.", min=1)] = 128,
    per_host: Annotated[int, typer.Option("--per-host", help="Requests at once to one host.", min=1)] = 2,
    archive_base: Annotated[str, typer.Option("--archive-base", help="Wayback Machine base URL for archived copies "
                                              "of dead links ('none': do not look).")] = "https://archive.org",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", metavar="", help="A row for every URL (default: a summary and "
                                          "the links with problems).")] = False,
    lang: LangOption = None,
    exclude_url: Annotated[list[str] | None, typer.Option(
        "--exclude-url", metavar="REGEX", help="Do not check URLs this regular expression finds (repeatable).")] = None,
) -> None:
    """Check URLs: status, HTTP code, final URL, page title and date, archived copy of dead links.
    Exits 1 when a link is dead (not-found or soft-404)."""
    from citeguard.cli.network import NetworkOptions, resolve
    from citeguard.report.audit_json import link_dict
    from citeguard.resolve import LinkClaim, claims_from
    claims = [LinkClaim(u) for u in urls or []]
    language = lang or "en"
    if from_file is not None:
        if from_file.suffix.lower() in MANUSCRIPT_SUFFIXES:
            document = _guard(lambda: load_document(from_file))
            language = lang or document.language.value
            claims += claims_from(document) or [LinkClaim(m.group(0).rstrip(".,;")) for m in URL_RE.finditer(
                "\n".join(p.text for p in document.paragraphs))]
        else:  # a URL list (urls.txt without the suffix, a lychee input file): every URL in it
            from citeguard.ingest.source import read_bounded
            text = _guard(lambda: read_bounded(from_file).decode("utf-8", errors="replace"))
            claims += [LinkClaim(m.group(0).rstrip(".,;")) for m in itertools.islice(URL_RE.finditer(text), MAX_URLS)]
    excluded = [re.compile(p) for p in _url_patterns(exclude_url)]
    claims = [c for c in claims if not any(rx.search(c.url) for rx in excluded)]
    if not claims:
        _fail("no URLs: give URLs as arguments or --from FILE" + (" (all were excluded)" if excluded else ""))
    net = NetworkOptions(offline, cache, no_cache, allow_private, timeout, concurrency, per_host,
                         None if archive_base == "none" else archive_base)
    results, sent = _guard(lambda: resolve(claims, net))
    text = json.dumps([link_dict(r) for r in results], ensure_ascii=False, indent=2) + "\n"
    dead = any(r.status in (LinkStatus.NOT_FOUND, LinkStatus.SOFT_404) for r in results)
    if json_file is not None and str(json_file) == "-":
        sys.stdout.write(text)
        raise typer.Exit(1 if dead else 0)
    if json_file is not None:
        _guard(lambda: write_report(json_file, text))
    width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 120
    sys.stdout.write(render_links_table(results, sent, width=width, color=_use_color(), lang=language,
                                        every=verbose))
    if any(r.status in (LinkStatus.NOT_FOUND, LinkStatus.SOFT_404) for r in results):
        raise typer.Exit(1)


@app.command()
def ledger(
    paper: Annotated[Path | None, typer.Argument(help="Manuscript; default: the bundled paper.")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the ledger as CSV here ('-' for standard "
                                                  "output).")] = None,
    lang: LangOption = None,
) -> None:
    """The quotation ledger: every cited page with its passage, grouped by work, for checking
    against the printed books."""
    from citeguard.ledger import build_ledger
    from citeguard.report.ledger_csv import render_ledger_csv
    path = _paper(paper)
    document = _guard(lambda: load_document(path))
    rows = build_ledger(document)
    if csv_file is not None:
        text = render_ledger_csv(rows)
        if str(csv_file) == "-":
            sys.stdout.write(text)
        else:
            _guard(lambda: write_report(csv_file, text))
            typer.echo(t("cli.rows", lang or document.language.value, n=len(rows), path=csv_file))
        return
    width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 120
    sys.stdout.write(render_ledger_table(rows, width=width, lang=lang or document.language.value))


@app.command()
def export(
    paper: Annotated[Path | None, typer.Argument(help="Manuscript; default: the bundled paper.")] = None,
    bibtex: Annotated[Path | None, typer.Option("--bibtex", help="Write the reference list as BibTeX here "
                                                "('-' for standard output).")] = None,
    csl_json: Annotated[Path | None, typer.Option("--csl-json", help="Write CSL-JSON (Zotero import) here.")] = None,
) -> None:
    """Export the parsed reference list for reference managers (BibTeX, CSL-JSON)."""
    from citeguard.report.export import exportable, render_bibtex, render_csl_json
    if bibtex is None and csl_json is None:
        _fail("give --bibtex FILE and/or --csl-json FILE")
    path = _paper(paper)
    document = _guard(lambda: load_document(path))
    for target, render in ((bibtex, render_bibtex), (csl_json, render_csl_json)):
        if target is None:
            continue
        text = _guard(lambda r=render: r(document))  # type: ignore[misc]
        if str(target) == "-":
            sys.stdout.write(text)
        else:
            _guard(lambda t=target, x=text: write_report(t, x))  # type: ignore[misc]
            typer.echo(f"{len(exportable(document))} entries (the parsed reference list, then the works cited in "
                       f"footnotes) written to {target}")


@app.command()
def annotate(
    paper: Annotated[Path, typer.Argument(help="A Word .docx manuscript.")],
    out: Annotated[Path | None, typer.Option("--out", help="Where to write the commented copy "
                                             "(default: PAPER.checked.docx next to PAPER).")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="Only rules with these code prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip rules with these code prefixes.")] = None,
    min_confidence: Annotated[str, typer.Option("--min-confidence", metavar="[high|medium|low]",
                                                help="Comment only on findings this sure or "
                                                "surer: high, medium or low (default: all).")] = "low",
    lang: Annotated[str | None, typer.Option("--lang", metavar="[zh|en]",
                                             help="zh or en comments (default: the document's).")] = None,
    offline: Annotated[bool, typer.Option("--offline", metavar="", help="Accepted for symmetry with audit: "
                                          "annotate never uses the network.")] = False,
) -> None:
    """Write a copy of a .docx with every finding as a Word comment at its place (text untouched).

    The audit is the offline one (no links are fetched); run `citeguard audit` for link checks."""
    from citeguard.report.annotate import annotate_docx
    if lang is not None and lang not in {"zh", "en"}:
        _fail(f"--lang must be zh or en, not {lang!r}")
    document = _guard(lambda: load_document(paper))
    if document.encoding != "docx":
        _fail(f"{paper}: annotate writes Word comments, so it needs a .docx manuscript")
    target = out or paper.with_name(f"{paper.stem}.checked.docx")
    if target.is_dir():
        _fail(f"--out {target}: is a directory; give a file name such as {target / (paper.stem + '.checked.docx')}")
    if target.resolve() == paper.resolve():
        _fail("--out must not be the manuscript itself: annotate never overwrites the original")
    sure = _confidence(min_confidence)
    _, findings = _guard(lambda: audit_document(document, select=_prefixes(select, "--select"),
                                                ignore=_prefixes(ignore, "--ignore"), min_confidence=sure))
    data, added = _guard(lambda: annotate_docx(paper.read_bytes(), document, findings,
                                               lang=lang or document.language.value))
    _guard(lambda: write_report(target, data))
    typer.echo(t("cli.comments", lang or document.language.value, n=added, comments_word=plural(added, "comment"),
                 path=target))


@app.command()
def rules(
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the rules as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", metavar="", help="Print docs/rules.md.")] = False,
    lang: LangOption = None,
) -> None:
    """List every rule: code, name, default severity and summary."""
    if as_json and markdown:
        _fail("--json and --markdown exclude each other")
    ordered = sorted(RULES.values(), key=lambda r: r.code)
    if as_json:
        sys.stdout.write(rules_json(ordered))
    elif markdown:
        sys.stdout.write(rules_markdown())
    else:
        sys.stdout.write(render_rules_table(ordered, lang=lang or "en"))


app.command()(verify_command)  # citeguard verify: in cli/verify_cmd.py
app.command()(fix_command)  # citeguard fix: in cli/fix_cmd.py
app.command("config")(show_config)  # citeguard config: in cli/config.py


class Terminated(KeyboardInterrupt):
    """SIGTERM (CI cancelling a job), raised where the program is so that it unwinds like Ctrl-C:
    temporary files removed, no half-written report set."""


_signalled: list[int] = []  # the SIGTERM seen, if any (typer turns the exception into exit code 130)


def _terminate(signum: int, frame: object) -> None:
    _signalled.append(signum)
    raise Terminated()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: usage errors become one line on stderr and exit code 2."""
    with contextlib.suppress(ValueError, OSError):  # ValueError: not the main thread (embedded use)
        signal.signal(signal.SIGTERM, _terminate)
    try:
        code = app(args=argv, prog_name="citeguard", standalone_mode=False)
    except typer.TyperException as exc:  # usage errors of the command line itself
        message = exc.format_message()
        if not message:  # no arguments at all: the help was shown, nothing went wrong
            sys.exit(0)
        typer.echo(f"citeguard: error: {message} (see: citeguard --help)", err=True)
        sys.exit(EXIT_USAGE)
    except (typer.Abort, KeyboardInterrupt):
        code = 130
    if code == 130:  # typer's code for KeyboardInterrupt: Ctrl-C, or SIGTERM raised as one
        typer.echo("citeguard: terminated" if _signalled else "citeguard: interrupted", err=True)
        sys.exit(143 if _signalled else 130)
    sys.exit(code if isinstance(code, int) else 0)
