"""Command line: the only place that reads argv or sets an exit code.

Exit codes: 0 success; 1 findings at or above --fail-on (audit); 2 usage error or unreadable
input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from citeguard import __version__
from citeguard.api import load_document
from citeguard.checks import RULES
from citeguard.checks import audit as audit_document
from citeguard.cli.arguments import (
    PaperArgument,
    confidence_level,
    default_paper,
    send,
    terminal_width,
    use_color,
)
from citeguard.cli.audit_cmd import audit as audit_command
from citeguard.cli.config import show_config
from citeguard.cli.errors import (
    EXIT_UNCHECKED,
    EXIT_USAGE,
    IgnoreOption,
    MinConfidenceOption,
    SelectOption,
    TimeoutOption,
    usage_line,
)
from citeguard.cli.errors import fail as _fail
from citeguard.cli.errors import guard as _guard
from citeguard.cli.errors import prefixes as _prefixes
from citeguard.cli.fix_cmd import fix as fix_command
from citeguard.cli.help import HelpCommand, HelpGroup
from citeguard.cli.run_options import url_filter, url_patterns
from citeguard.cli.serve_cmd import serve as serve_command
from citeguard.cli.verify_cmd import verify as verify_command
from citeguard.model import LinkResult, LinkStatus
from citeguard.parse.fields import URL_RE
from citeguard.report import render_model_json, write_report
from citeguard.report.messages import plural, t
from citeguard.report.rules_doc import rules_json, rules_markdown
from citeguard.report.terminal import (
    render_ledger_table,
    render_links_table,
    render_parse_summary,
    render_rules_table,
)
from citeguard.report.untrusted import visible_controls

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, cls=HelpGroup,
                  help="citeguard: check the citations, references and footnotes of a manuscript.")

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
    from citeguard.cli.config import configure
    ctx.obj = configure(ctx, config, no_config)  # the user's own file, the project's, trusted as each is
    ctx.default_map = ctx.obj.defaults  # command-line options override these


@app.command(cls=HelpCommand)
def parse(
    paper: PaperArgument = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the document model as JSON here "
                                                   "('-' for standard output).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No terminal summary.")] = False,
) -> None:
    """Parse a manuscript and show (or write as JSON) what citeguard read from it."""
    path = default_paper(paper)
    document = _guard(lambda: load_document(path))
    if json_file is not None and send(json_file, _guard(lambda: render_model_json(document))):
        return
    if not quiet:
        sys.stdout.write(render_parse_summary(document, width=terminal_width(100), color=use_color()))
        if json_file is not None:
            typer.echo(f"model written to {visible_controls(str(json_file), one_line=True)}")


# Files `links --from` reads as manuscripts (anything else is read as a list of URLs)
MANUSCRIPT_SUFFIXES = frozenset({".bib", ".docx", ".markdown", ".md", ".pdf", ".tex", ".text", ".txt"})
MAX_URLS = 100_000  # URLs read from one list


LangOption = Annotated[str | None, typer.Option("--lang", metavar="[zh|en]", help="zh or en (default: the "
                                              "document's language, else en).")]


app.command(cls=HelpCommand)(audit_command)  # citeguard audit: in cli/audit_cmd.py


@app.command(cls=HelpCommand)
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
    timeout: TimeoutOption = 15.0,
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
    excluded = url_patterns(exclude_url)
    skipped = url_filter(excluded)  # RE2: linear in the URL, whatever the pattern
    claims = [c for c in claims if not skipped(c.url)]
    if not claims:
        _fail((f"no URLs in {from_file}" if from_file is not None and not urls else
               "no URLs: give URLs as arguments or --from FILE") + (" (all were excluded)" if excluded else ""))
    net = NetworkOptions(offline, cache, no_cache, allow_private, timeout, concurrency, per_host,
                         None if archive_base == "none" else archive_base)
    results, sent = _guard(lambda: resolve(claims, net))
    text = json.dumps([link_dict(r) for r in results], ensure_ascii=False, indent=2) + "\n"
    dead = any(r.status in (LinkStatus.NOT_FOUND, LinkStatus.SOFT_404) for r in results)
    unanswered = _unanswered(results, offline, language)
    if unanswered:  # nothing was checked: said plainly, and not a pass (exit 3)
        typer.echo("citeguard: " + t("links.unchecked", language, why=unanswered), err=True)
    code = 1 if dead else EXIT_UNCHECKED if unanswered else 0
    if json_file is not None and send(json_file, text):
        raise typer.Exit(code)
    sys.stdout.write(render_links_table(results, sent, width=terminal_width(), color=use_color(), lang=language,
                                        every=verbose))
    if code:
        raise typer.Exit(code)


def _unanswered(results: list[LinkResult], offline: bool, lang: str) -> str:
    """Why no link could be checked at all, or "" when one could: offline with none cached, or no
    host name resolving (no network). A timeout or a refused connection is the server's answer
    about the link (reported as its status), and links the manuscript gets wrong (invalid, private
    addresses) were checked."""
    from citeguard.urls import host_of
    asked = [r for r in results if r.status not in (LinkStatus.INVALID_URL, LinkStatus.PRIVATE_ADDRESS)]
    if not asked or any(r.status not in (LinkStatus.DNS_ERROR, LinkStatus.NOT_CHECKED) for r in asked):
        return ""
    if offline:
        return t("links.unchecked_offline", lang)
    hosts = {host_of(r.url) for r in asked}
    return t("links.unchecked_network", lang) if len(hosts) > 1 else \
        t("links.unchecked_host", lang, host=next(iter(hosts)))


@app.command(cls=HelpCommand)
def ledger(
    paper: PaperArgument = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the ledger as CSV here ('-' for standard "
                                                  "output).")] = None,
    lang: LangOption = None,
) -> None:
    """The quotation ledger: every cited page with its passage, grouped by work, for checking
    against the printed books."""
    from citeguard.ledger import build_ledger
    from citeguard.report.ledger_csv import render_ledger_csv
    path = default_paper(paper)
    document = _guard(lambda: load_document(path))
    rows = build_ledger(document)
    if csv_file is not None:
        if not send(csv_file, render_ledger_csv(rows)):
            typer.echo(t("cli.rows", lang or document.language.value, n=len(rows), rows_word=plural(len(rows), "row"),
                           path=csv_file))
        return
    sys.stdout.write(render_ledger_table(rows, width=terminal_width(), lang=lang or document.language.value))


@app.command(cls=HelpCommand)
def quotes(
    paper: PaperArgument = None,
    library: Annotated[Path | None, typer.Option("--library", help="The office's library of editions: a folder of "
                                                 "PDF, page-split text (form feeds), HTML or EPUB files, described "
                                                 "by library.toml.")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="Write the verdicts as JSON here ('-' for "
                                                   "standard output).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", metavar="", help="Index the library in memory for this "
                                           "run only (else once, in the user cache folder).")] = False,
    offline: Annotated[bool, typer.Option("--offline", metavar="", help="Fetch no quoted web page: those fetched "
                                          "before are checked from the index.")] = False,
    lang: LangOption = None,
) -> None:
    """Is each quotation really there? Quoted passages with a cited page against the library's edition
    of the cited work: verified, wrong page, differs, other work, not found, not checked."""
    from citeguard.cli.network import NetworkOptions
    from citeguard.cli.quotes_run import open_library, web_pages
    from citeguard.quotes import check_quotations
    from citeguard.report.quotes_report import render_quotes_json, render_quotes_table
    if library is None:
        _fail("give --library DIR: the folder of editions to check quotations against")
    path = default_paper(paper)
    document = _guard(lambda: load_document(path))
    sources, index = open_library(library, no_cache=no_cache)
    verdicts = check_quotations(document, sources, index, web_pages(document, index, NetworkOptions(offline=offline)))
    if json_file is not None and send(json_file, render_quotes_json(verdicts)):
        return
    sys.stdout.write(render_quotes_table(verdicts, width=terminal_width(), lang=lang or document.language.value))


@app.command(cls=HelpCommand)
def export(
    paper: PaperArgument = None,
    bibtex: Annotated[Path | None, typer.Option("--bibtex", help="Write them as BibTeX here ('-' for standard "
                                                "output).")] = None,
    csl_json: Annotated[Path | None, typer.Option("--csl-json", help="Write them as CSL-JSON (Zotero's import "
                                                  "format) here ('-' for standard output).")] = None,
    from_fields: Annotated[bool, typer.Option("--from-fields", help="Export the library a Word manuscript "
                                              "carries in its Zotero, Mendeley, EndNote, NoteExpress or Word "
                                              "citation fields, each record once, instead of the printed list.")] = False,
) -> None:
    """Export the parsed reference list, then the works cited only in footnotes, for reference managers
    (BibTeX, CSL-JSON); entries in a style citeguard does not read are left out. With --from-fields,
    the records a Word manuscript's citation fields carry."""
    from citeguard.report.export import exportable, render_bibtex, render_csl_json
    from citeguard.report.export_fields import field_items, render_fields_bibtex, render_fields_csl_json
    if bibtex is None and csl_json is None:
        _fail("give --bibtex FILE and/or --csl-json FILE")
    path = default_paper(paper)
    document = _guard(lambda: load_document(path))
    if from_fields and not document.field_citations:
        _fail(f"{path}: no reference manager's citation fields to export (a .docx written with Zotero, Mendeley, "
              "EndNote, NoteExpress or Word's citations)")
    renderers = (render_fields_bibtex, render_fields_csl_json) if from_fields else (render_bibtex, render_csl_json)
    for target, render in zip((bibtex, csl_json), renderers, strict=True):
        if target is None:
            continue
        if not send(target, _guard(lambda r=render: r(document))):  # type: ignore[misc]
            n = len(field_items(document) if from_fields else exportable(document))
            typer.echo(t("cli.exported", document.language.value, n=n, entries_word=plural(n, "entry"), path=target))


@app.command(cls=HelpCommand)
def annotate(
    paper: Annotated[Path, typer.Argument(help="A Word .docx manuscript.")],
    out: Annotated[Path | None, typer.Option("--out", help="Where to write the commented copy "
                                             "(default: PAPER.checked.docx next to PAPER).")] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    min_confidence: MinConfidenceOption = "low",
    lang: Annotated[str | None, typer.Option("--lang", metavar="[zh|en]",
                                             help="zh or en comments (default: the document's).")] = None,
    offline: Annotated[bool, typer.Option("--offline", metavar="", help="Accepted for symmetry with audit: "
                                          "annotate never uses the network.")] = False,
    library: Annotated[Path | None, typer.Option("--library", help="The office's library of editions (a folder): "
                                                 "the quotations' verdicts become comments too (CG0xx).")] = None,
) -> None:
    """Write a copy of a .docx with every finding as a Word comment at its place (text untouched).

    The audit is the offline one (no links are fetched; quoted web pages only from the index of an
    earlier run); run `citeguard audit` for link checks."""
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
    sure = confidence_level(min_confidence)
    quotations = []
    if library is not None:
        from citeguard.cli.network import NetworkOptions
        from citeguard.cli.quotes_run import open_library, web_pages
        from citeguard.quotes import check_quotations
        sources, index = open_library(library)
        quotations = check_quotations(document, sources, index, web_pages(document, index, NetworkOptions(offline=True)))
    _, findings = _guard(lambda: audit_document(document, select=_prefixes(select, "--select"),
                                                ignore=_prefixes(ignore, "--ignore"), min_confidence=sure,
                                                quotations=quotations))
    data, added = _guard(lambda: annotate_docx(paper.read_bytes(), document, findings,
                                               lang=lang or document.language.value))
    _guard(lambda: write_report(target, data))
    typer.echo(t("cli.comments", lang or document.language.value, n=added, comments_word=plural(added, "comment"),
                 path=target))


@app.command(cls=HelpCommand)
def rules(
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the rules as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", metavar="", help="Print docs/rules.md.")] = False,
    lang: Annotated[str | None, typer.Option("--lang", metavar="[zh|en]", help="zh or en (default: en).")] = None,
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


app.command(cls=HelpCommand)(verify_command)  # citeguard verify: in cli/verify_cmd.py
app.command(cls=HelpCommand)(fix_command)  # citeguard fix: in cli/fix_cmd.py
app.command("config", cls=HelpCommand)(show_config)  # citeguard config: in cli/config.py
app.command("serve", cls=HelpCommand)(serve_command)  # citeguard serve: in cli/serve_cmd.py


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
        if not exc.format_message():  # no arguments at all: the help was shown, nothing went wrong
            sys.exit(0)
        typer.echo(f"citeguard: error: {usage_line(exc, sys.argv[1:] if argv is None else argv)}", err=True)
        sys.exit(EXIT_USAGE)
    except (typer.Abort, KeyboardInterrupt):
        code = 130
    if code == 130:  # typer's code for KeyboardInterrupt: Ctrl-C, or SIGTERM raised as one
        typer.echo("citeguard: terminated" if _signalled else "citeguard: interrupted", err=True)
        sys.exit(143 if _signalled else 130)
    sys.exit(code if isinstance(code, int) else 0)
