"""``citeguard audit``: one paper, many, a folder or a pattern — the command's options and the run
(registered on the app in cli/__init__.py)."""

from __future__ import annotations

import os
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from citeguard.cli.arguments import FAIL_LEVELS, confidence_level, default_paper, read_baseline_file, report_stems, use_color
from citeguard.cli.errors import EXIT_USAGE, IgnoreOption, MinConfidenceOption, SelectOption, TimeoutOption
from citeguard.cli.errors import fail as _fail
from citeguard.cli.errors import guard as _guard
from citeguard.cli.errors import prefixes as _prefixes
from citeguard.cli.run_options import (
    baseline_key,
    ignored_for,
    per_path_ignores,
    progress,
    run_language,
    url_patterns,
)
from citeguard.cli.verify_cmd import (
    CrossrefOption,
    DataCiteOption,
    DoiOption,
    MailtoOption,
    OpenAlexOption,
    VerifyOptions,
)
from citeguard.model import JournalPolicy, Standard
from citeguard.report import write_report
from citeguard.report.baseline import render_baseline
from citeguard.report.messages import plural, t
from citeguard.report.untrusted import visible_controls

POLICY = "Journal policy (CG8xx, off unless set)"  # the help panel of the --policy-… options


def audit(
    papers: Annotated[list[Path] | None, typer.Argument(help="Manuscripts, folders of them, quoted patterns or '-' "
                                                        "(standard input).")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here ('-' for standard "
                                                   "output; one paper only; default: <name>.json in --reports-dir).")] = None,
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
    timeout: TimeoutOption = 15.0,
    archive_base: Annotated[str, typer.Option("--archive-base", help="Wayback Machine base URL for archived copies "
                                              "of dead links ('none': do not look).")] = "https://archive.org",
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="[error|warning|info|never]",
                                         help="Exit 1 when a finding at or above this level exists: "
                                         "error, warning, info or never.")] = "error",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    min_confidence: MinConfidenceOption = "low",
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
                                                         "(needs Playwright and Chromium, else skipped with a "
                                                         "warning; Chinese text needs a CJK font).")] = None,
    verify: Annotated[bool, typer.Option("--verify", metavar="", help="Also verify every cited work against Crossref, "
                                         "OpenAlex, DataCite and doi.org (CG7xx; see citeguard verify).")] = False,
    library: Annotated[Path | None, typer.Option("--library", help="A folder: the office's library of editions, "
                                                 "against which quoted passages are checked (CG0xx; see citeguard "
                                                 "quotes). A file: the author's records for --verify (BibTeX or "
                                                 "CSL-JSON).")] = None,
    no_index: Annotated[bool, typer.Option("--no-index", metavar="", help="Index the library of editions in memory "
                                           "for this run only (else once, in the user cache folder).")] = False,
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
        "--policy-recent-share", min=0, max=1, rich_help_panel=POLICY,
        help="At least this share of the references from the last --policy-recent-years years (CG801).")] = None,
    policy_recent_years: Annotated[int, typer.Option(
        "--policy-recent-years", min=1, rich_help_panel=POLICY, help="Years counted as recent.")] = 5,
    policy_min_foreign: Annotated[int | None, typer.Option(
        "--policy-min-foreign", min=0, rich_help_panel=POLICY,
        help="At least this many foreign-language references (CG802).")] = None,
    policy_foreign_share: Annotated[float | None, typer.Option(
        "--policy-foreign-share", min=0, max=1, rich_help_panel=POLICY,
        help="At least this share of foreign-language references (CG802).")] = None,
    policy_doi: Annotated[bool, typer.Option(
        "--policy-doi", metavar="", rich_help_panel=POLICY,
        help="Journal articles must carry their DOI (CG803).")] = False,
    policy_min_references: Annotated[int | None, typer.Option(
        "--policy-min-references", min=0, rich_help_panel=POLICY,
        help="At least this many references (CG804).")] = None,
    policy_max_references: Annotated[int | None, typer.Option(
        "--policy-max-references", min=0, rich_help_panel=POLICY,
        help="At most this many references (CG804).")] = None,
    policy_max_self_citation: Annotated[float | None, typer.Option(
        "--policy-max-self-citation", min=0, max=1, rich_help_panel=POLICY,
        help="At most this share of references by the manuscript's authors (CG805).")] = None,
) -> None:
    """Audit manuscripts, folders of them or quoted patterns ('issue-3/*.docx'), '-' for standard input:
    print a summary, write the reports (and reports/index.html for several papers), exit 1 on findings
    at --fail-on."""

    # Imported here, not at the top: `citeguard --help` should not pay for httpx, Jinja2 and co.
    from citeguard.cli.batch import AuditSettings, PaperJob, PaperOutcome, expand_papers, run_papers
    from citeguard.cli.network import NetworkOptions
    from citeguard.cli.outputs import FORMATS, OutputPlan, missing_cjk_font, screenshot, write_index, write_run
    from citeguard.report.audit_json import AuditOptions
    if fail_on not in FAIL_LEVELS:
        _fail(f"--fail-on must be one of {', '.join(FAIL_LEVELS)}, not {fail_on!r}")
    if standard is not None and standard not in {s.value for s in Standard}:
        _fail(f"--standard must be gb2015 or gb2025, not {standard!r}")
    sure = confidence_level(min_confidence)
    if lang is not None and lang not in {"zh", "en"}:
        _fail(f"--lang must be zh or en, not {lang!r}")
    if not papers:  # in CI an empty glob must not audit someone else's paper (the bundled one)
        _fail("no PAPER given: name the manuscripts to audit (or set papers in the configuration; the "
              f"bundled example is {default_paper(None)})")
    paths, problems = expand_papers(papers, allow_outside=allow_outside)
    if not paths:  # nothing to audit (an empty folder, links refused): no empty index, no exit 0
        for problem in problems[:-1]:
            typer.echo(f"citeguard: error: {visible_controls(problem, one_line=True)}", err=True)
        _fail(problems[-1] if problems else "no manuscripts named")
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
    if reports_dir.exists() and not reports_dir.is_dir():
        _fail(f"--reports-dir {reports_dir}: is a file, not a folder")
    plan = OutputPlan(reports_dir, wanted, json_file, html_file, sarif_file, markdown_file, junit_file,
                      FAIL_LEVELS[fail_on], stamp, lang)
    batch = len(paths) > 1
    net = NetworkOptions(offline=offline, cache=cache, no_cache=no_cache, allow_private=allow_private,
                         timeout=timeout, archive_base=None if archive_base == "none" else archive_base,
                         progress=not batch)
    editions = library if library is not None and library.is_dir() else None
    if editions is not None:  # read (and indexed) once here: a library that cannot be read stops the run at once
        from citeguard.cli.quotes_run import open_library
        open_library(editions, no_cache=no_index)
    from citeguard.quotes import default_index_path
    checking = VerifyOptions(None if editions else library, offline, mailto, crossref_url, openalex_url, datacite_url, doi_url,
                             allow_private, timeout, cache, no_cache) if verify else None
    known = _guard(lambda: read_baseline_file(baseline)) if baseline is not None else {}
    to_terminal = output_format == "text" and not quiet and str(json_file) != "-"
    width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 100
    settings = AuditSettings(
        plan, net, checking, Standard(standard) if standard else None, tuple(chosen), tuple(dropped), sure,
        AuditOptions(tuple(chosen), tuple(dropped), fail_on, offline=offline, min_confidence=sure.value),
        allow_outside, max_pages,
        summary="github" if output_format == "github" else ("text" if to_terminal and (verbose or not batch) else ""),
        width=width, color=use_color(), limit=10**9 if verbose else 200,
        keep_results=bool(sarif_file or markdown_file or junit_file or write_baseline or output_format == "junit"),
        exclude_urls=url_patterns(exclude_url), editions=editions.resolve() if editions else None,
        editions_index=None if no_index or editions is None else default_index_path(),
        policy=JournalPolicy(datetime.now(UTC).year, policy_recent_years, policy_recent_share, policy_min_foreign,
                             policy_foreign_share, policy_doi, policy_min_references, policy_max_references,
                             policy_max_self_citation))
    per_path = per_path_ignores(per_path_ignore)
    jobs = [PaperJob(p, stem, known.get(baseline_key(p, baseline), Counter()) if baseline else Counter(),
                     ignored_for(p, per_path))
            for p, stem in zip(paths, report_stems(paths), strict=True)]
    for problem in problems:
        typer.echo(f"citeguard: error: {visible_controls(problem, one_line=True)}", err=True)
    outcomes: list[PaperOutcome] = []  # each small: counts, files, a slim result only for run-wide files
    with progress(len(jobs) if batch and not quiet and output_format == "text" else 0) as advance:
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
    _guard(lambda: write_run(plan, done_results, failed, lang or run_language(outcomes)))
    if output_format == "junit":  # for CI dashboards that read a test report from a pipe
        from citeguard.report.junit import render_junit
        sys.stdout.write(render_junit(done_results, FAIL_LEVELS[fail_on], unreadable=failed,
                                      lang=lang or run_language(outcomes)))
    if (batch or len(papers) > 1 or any(p.is_dir() for p in papers)) and "html" in wanted and json_file is None:
        _guard(lambda: write_index(plan, [o.row for o in outcomes if o.row is not None], lang or run_language(outcomes)))
    if write_baseline is not None:
        recorded = {baseline_key(o.path, write_baseline): o.recorded for o in outcomes if o.error is None}
        _guard(lambda: write_report(write_baseline, render_baseline(recorded)))
        plan.written.append(write_baseline)
    hidden = sum(o.hidden for o in outcomes)
    if hidden and output_format == "text" and not quiet:
        typer.echo(t("cli.baseline_hidden", lang or run_language(outcomes), n=hidden,
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
            if missing_cjk_font(html_written[0]):  # written all the same: the rest of it is readable
                typer.echo(t("cli.no_cjk_font", lang or run_language(outcomes)), err=True)
    said = lang or run_language(outcomes)
    if to_terminal and batch:
        read = [o for o in outcomes if o.error is None]
        errors, warnings = sum(o.counts[0] for o in read), sum(o.counts[1] for o in read)
        typer.echo(t("cli.run", said, papers=len(outcomes), with_errors=sum(1 for o in read if o.counts[0]),
                     with_warnings=sum(1 for o in read if o.counts[1] and not o.counts[0]),
                     # (refused links and patterns matching nothing were not read either: said above)
                     unreadable=len(outcomes) - len(read) + len(problems), errors=errors,
                     errors_word=plural(errors, "error"),
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
