"""Hostile files, caches, outputs and signals (docs/security.md): a manuscript cannot make citeguard
read outside its folder, hang, copy other files into reports, steer the terminal or a spreadsheet,
or cost another paper its reports; a broken cache or a SIGTERM costs nothing but itself."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citeguard.api import load_document
from citeguard.ingest import IngestError, read_source
from citeguard.model import LinkResult, LinkStatus
from citeguard.report.untrusted import csv_cell, visible_controls
from citeguard.resolve import LinkCache

from .conftest import PAPER

SECRET = "SECRET-OUTSIDE-THE-PROJECT"
OFFLINE = ["--offline", "-q", "--fail-on", "never", "--formats", "json,html,ledger"]


def _run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", *args], capture_output=True, text=True, check=False,
                          timeout=timeout, cwd=cwd)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with files the manuscript must not be able to read."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "x.bib").write_text("@book{k, author={" + SECRET + "}, title={T}, publisher={P}, year={2001}}\n")
    (secret / "x.tex").write_text(SECRET + " \\cite{k}\n")
    return secret


@pytest.mark.parametrize(("name", "text"), [
    ("m.tex", "Text \\cite{k}.\n\\input{../secret/x}\n\\bibliography{../secret/x}\n"),
    ("m.tex", "Text \\cite{k}.\n\\input{{OUT}/x}\n\\addbibresource{{OUT}/x.bib}\n"),
    ("m.tex", "Text \\cite{k}.\n\\import{../secret/}{x}\n"),
    ("m.md", "---\nbibliography: ../secret/x.bib\n---\nText [@k].\n"),
    ("m.md", "---\nbibliography:\n  - {OUT}/x.bib\n---\nText [@k].\n"),
])
def test_named_files_outside_the_folder_are_not_read(tmp_path: Path, outside: Path, name: str, text: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    main = project / name
    main.write_text(text.replace("{OUT}", str(outside)), encoding="utf-8")
    (project / "link.bib").symlink_to(outside / "x.bib")  # a symlink out is outside too
    document = load_document(main)
    dumped = json.dumps([c.text for c in document.citations] + [r.raw for r in document.references]
                        + [p.text for p in document.paragraphs], ensure_ascii=False)
    assert SECRET not in dumped
    assert any("outside the manuscript's folder" in i.message for i in document.issues)
    allowed = load_document(main) if "secret" in text else None  # relative names: same result without the flag
    assert allowed is None or SECRET not in json.dumps([r.raw for r in allowed.references], ensure_ascii=False)


def test_allow_outside_reads_them(tmp_path: Path, outside: Path) -> None:
    from citeguard.api import load_with_source

    project = tmp_path / "project"
    project.mkdir()
    main = project / "m.tex"
    main.write_text("Text \\cite{k}.\n\\bibliography{../secret/x}\n", encoding="utf-8")
    _, document = load_with_source(main, allow_outside=True)
    assert any(SECRET in (r.raw or "") for r in document.references)


def test_a_symlinked_bibliography_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.bib").write_text("@book{k, author={Lee, A}, title={T}, publisher={P}, year={2001}}\n")
    (tmp_path / "refs.bib").symlink_to(tmp_path / "real.bib")
    main = tmp_path / "m.tex"
    main.write_text("Text \\cite{k}.\n\\bibliography{refs}\n", encoding="utf-8")
    assert [r.key for r in load_document(main).references] == ["k"]


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo"])
def test_devices_and_fifos_are_refused_not_read(tmp_path: Path, target: str) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "pipe.txt")
        path = tmp_path / "pipe.txt"
    else:
        path = tmp_path / "paper.txt"
        path.symlink_to(target)
    started = time.perf_counter()
    with pytest.raises(IngestError, match="not a regular file"):
        read_source(path)
    assert time.perf_counter() - started < 2


def test_a_fifo_bibliography_is_a_note_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "refs.bib")
    main = tmp_path / "m.tex"
    main.write_text("Text \\cite{k}.\n\\bibliography{refs}\n", encoding="utf-8")
    document = load_document(main)
    assert any("not a regular file" in i.message for i in document.issues)


def test_file_names_longer_than_the_file_system_allows(tmp_path: Path) -> None:
    main = tmp_path / "m.tex"
    long = "a" * 300
    main.write_text(f"Text \\cite{{k}}.\n\\include{{{long}}}\n\\input{{{long}/{long}}}\n\\bibliography{{{long}}}\n",
                    encoding="utf-8")
    proc = _run("audit", str(main), *OFFLINE, "--reports-dir", str(tmp_path / "r"))
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_one_bad_paper_does_not_cost_the_others_their_reports(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    os.mkfifo(bad)
    proc = _run("audit", str(bad), str(PAPER), *OFFLINE, "--reports-dir", str(tmp_path / "r"))
    assert proc.returncode == 2 and "bad.txt" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert (tmp_path / "r" / f"{PAPER.stem}.json").exists()


# --- the link cache ---------------------------------------------------------------------------

def _ok(url: str) -> LinkResult:
    return LinkResult(url, LinkStatus.OK, 200, None, "t", None, 1, None, "HTTP 200")


@pytest.mark.parametrize("content", [
    b"this is not a database" * 100,
    "schema",
    "locked",
])
def test_a_bad_cache_degrades_to_no_cache_with_one_warning(tmp_path: Path, content: bytes | str) -> None:
    cache = tmp_path / "links.sqlite3"
    holder = None
    if content == "schema":
        with sqlite3.connect(cache) as db:
            db.execute("CREATE TABLE links (url TEXT, other INTEGER)")
    elif content == "locked":
        holder = sqlite3.connect(cache, isolation_level=None)
        holder.execute("CREATE TABLE links (key TEXT PRIMARY KEY, result TEXT NOT NULL, checked REAL NOT NULL)")
        holder.execute("BEGIN EXCLUSIVE")
    else:
        assert isinstance(content, bytes)
        cache.write_bytes(content)
    try:
        proc = _run("audit", str(PAPER), *OFFLINE, "--cache", str(cache), "--reports-dir", str(tmp_path / "r"))
    finally:
        if holder is not None:
            holder.close()
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("warning: link cache") == 1, proc.stderr
    assert (tmp_path / "r" / f"{PAPER.stem}.json").exists()


def test_a_cache_that_fails_mid_run_turns_itself_off(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    cache = LinkCache(path)
    cache.put(_ok("https://a.example/1"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another run takes the write lock and keeps it
    try:
        cache.put(_ok("https://a.example/2"))  # waits for the lock, then gives up: no exception
        assert cache.problem is not None and "went on without it" in cache.problem
        assert cache.get("https://a.example/1") is None  # off for the rest of the run
    finally:
        holder.close()
        cache.close()


# --- outputs ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("＝1", "'＝1"),
    ("习近平谈治国理政", "习近平谈治国理政"),
    ("12-15", "12-15"),
    (191, "191"),
])
def test_csv_cells_never_start_a_formula(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a\x1b[2Kb", "a\\x1b[2Kb"),
    ("bell\x07", "bell\\x07"),
    ("rtl\u202eevil", "rtl\\u202eevil"),
    ("c1\x9bX", "c1\\x9bX"),
    ("line\nbreak", "line\nbreak"),
    ("纯文本 text", "纯文本 text"),
])
def test_control_characters_are_shown_not_sent(text: str, expected: str) -> None:
    assert visible_controls(text) == expected


INJECTED = ("正文（张三，2020）。\n\n参考文献\n\n"
            "[1] 张三.题名\x1b[2K\x1b[1A[/][link=http://evil.example]点我[/link][bold red]ERROR[/]\u202e[J].刊名,2020(1):1-2.\n"
            "[2] =HYPERLINK(\"http://evil.example\",\"x\").题名[M].北京:出版社,2020:5.\n")


def test_manuscript_text_cannot_steer_the_terminal_or_a_spreadsheet(tmp_path: Path) -> None:
    paper = tmp_path / "inject.txt"
    paper.write_text(INJECTED, encoding="utf-8")
    proc = _run("audit", str(paper), "--offline", "--no-cache", "--fail-on", "never", "--reports-dir",
                str(tmp_path / "r"))
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout  # not a terminal: no styles either
    ledger = _run("ledger", str(paper), "--csv", "-")
    for row in ledger.stdout.splitlines()[1:]:
        assert not row.lstrip("\ufeff\"").startswith(("=", "+", "-", "@"))


def test_rich_markup_and_escapes_in_findings_are_printed_as_text() -> None:
    from dataclasses import replace

    from citeguard.api import document_from_text
    from citeguard.checks import audit
    from citeguard.report.audit_json import AuditOptions, AuditResult
    from citeguard.report.terminal import render_audit_summary, render_links_table

    document = document_from_text(INJECTED, path="[bold]x[/bold].txt")
    ctx, findings = audit(document)
    evil = "quoted [/] [link=http://evil.example]点我[/link] \x1b[2K\x1b[1A hidden\u202e"
    findings = (replace(findings[0], message=evil, message_zh=evil, suggestion=evil), *findings[1:])
    result = AuditResult(document, ctx.standard, ctx.paper_date, findings, AuditOptions((), (), "error"), ())
    for color in (False, True):
        out = render_audit_summary(result, color=color, width=300)
        assert "[bold]x[/bold].txt" in out and "[link=http://evil.example]点我[/link]" in out and "[/]" in out
        assert "\x1b[2K" not in out and "\x1b[1A" not in out and "\u202e" not in out
        assert "\\x1b[2K" in out
    link = LinkResult("http://a.example/[/]", LinkStatus.OK, 200, None, "[red]t[/red]\x1b]8;;http://evil\x07", None, 1,
                      None, "")
    table = render_links_table([link], 0, width=300, color=True)
    assert "[red]t[/red]" in table and "\x1b]8" not in table and "http://a.example/[/]" in table


def test_file_names_cannot_inject_markdown_headings(tmp_path: Path) -> None:
    weird = tmp_path / "a\n## Approved by the editor\n.txt"
    weird.write_text(PAPER.read_text(encoding="utf-8"), encoding="utf-8")
    md = tmp_path / "comment.md"
    proc = _run("audit", str(weird), "--offline", "--no-cache", "-q", "--fail-on", "never", "--formats", "json",
                "--reports-dir", str(tmp_path / "r"), "--markdown", str(md))
    assert proc.returncode == 0, proc.stderr
    lines = md.read_text(encoding="utf-8").splitlines()
    assert not any(line.startswith("## Approved") for line in lines)


# --- signals and report sets -----------------------------------------------------------------------

def test_sigterm_leaves_no_temporary_file_and_no_mixed_report_set(tmp_path: Path) -> None:
    refs = "\n".join(f"[{i}] 作者{i % 97}.题名{i}[J].刊名,{1990 + i % 30}({i % 12 + 1}):{i}-{i + 5}."
                     for i in range(1, 8001))
    paper = tmp_path / "big.txt"
    paper.write_text("正文（作者1，1991）[1]。\n\n参考文献\n\n" + refs + "\n", encoding="utf-8")
    out = tmp_path / "r"
    out.mkdir()
    for suffix in (".json", ".html", ".ledger.csv"):
        (out / f"big{suffix}").write_text("OLD", encoding="utf-8")
    for delay in (0.5, 1.5, 3.0):
        proc = subprocess.Popen([sys.executable, "-m", "citeguard", "audit", str(paper), *OFFLINE, "--no-cache",
                                 "--reports-dir", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=120)
        assert "Traceback" not in stderr
        # 143: citeguard's handler ran; -15: the signal came while the interpreter was still starting
        # (on a loaded machine), before any citeguard code — then nothing may have been touched
        assert proc.returncode in (0, 143) or (proc.returncode == -signal.SIGTERM and not stderr), \
            (proc.returncode, stderr)
        assert sorted(p.name for p in out.iterdir()) == ["big.html", "big.json", "big.ledger.csv"]  # no temp file
        olds = {p.read_text(encoding="utf-8-sig")[:3] == "OLD" for p in out.iterdir()}
        assert len(olds) == 1  # all old or all new, never a mix


# --- issue 21: user patterns applied to what a manuscript chose -----------------------------------

def test_an_exclude_url_pattern_cannot_backtrack_for_ever_on_a_cited_url(tmp_path: Path) -> None:
    # (a+)+b on forty a's and no b: 2**40 steps for a backtracking engine; RE2 is linear in the URL
    paper = tmp_path / "p.md"
    paper.write_text("Text [1].\n\nReferences\n\n[1] Smith J. Growth[EB/OL]. (2020-01-01). https://example.org/"
                     + "a" * 40 + "\n", encoding="utf-8")
    started = time.monotonic()
    done = _run("--no-config", "audit", str(paper), *OFFLINE, "--no-cache", "--exclude-url", "(a+)+b",
                "--json", str(tmp_path / "r.json"), timeout=60)
    assert done.returncode == 0 and time.monotonic() - started < 30, done.stderr
    links = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["links"]
    assert [x["detail"] for x in links] == ["offline: not checked"]  # not excluded: no b in it
    done = _run("--no-config", "links", "--offline", "--no-cache", "https://example.org/" + "a" * 40,
                "--exclude-url", "(a+)+b", timeout=60)
    assert "Traceback" not in done.stderr and time.monotonic() - started < 45


def test_a_pattern_re2_cannot_run_is_one_line() -> None:
    done = _run("--no-config", "links", "https://example.org/", "--exclude-url", "(?=example)x")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "is not a regular expression RE2 accepts" in done.stderr and "look-around" in done.stderr


def test_per_path_globs_are_linear_in_the_path() -> None:
    # fnmatch (3.11) translates every * but the last to an atomic group: no backtracking between stars
    from citeguard.cli.run_options import ignored_for

    name = Path("/" + "a" * 4000 + ".md")
    started = time.monotonic()
    assert ignored_for(name, [("*a*a*a*a*a*a*a*a*a*a*a*a*b", ["CG1"]), ("/" + "*/" * 30 + "*b", ["CG2"])]) == ()
    assert time.monotonic() - started < 0.5
