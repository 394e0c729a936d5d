"""A run over many papers: folders and patterns expanded, papers audited in worker processes, one
index page, run-wide SARIF/JUnit, standard input, and an unreadable paper as one line."""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.cli import app, batch
from citeguard.cli.batch import AuditSettings, PaperJob, PaperOutcome, audit_paper, expand_papers
from citeguard.report.index_html import IndexRow, render_index

from .conftest import PAPER

runner = CliRunner()
OFFLINE = ["--offline", "--no-cache"]

GOOD = ("论开放经济（周文，2023）与新质生产力（高帆，2015）。\n\n参考文献\n\n"
        "周文, 2023. 论新质生产力[J]. 改革, (10): 1-13.\n高帆, 2015. 论开放[J]. 学术月刊, (2): 1-9.\n")
FLAWED = ("Growth matters (Smith, 2019; Lee, 2020).\n\nReferences\n\n"
          "Smith, J. (2018). A study of growth. Journal of Things, 1(1), 1-9.\n"
          "Lee, K. (2020). Another study. Journal of Things, 2(1), 10-19.\n")


def _folder(tmp_path: Path) -> Path:
    issue = tmp_path / "issue-3"
    (issue / "chapters").mkdir(parents=True)
    (issue / ".git").mkdir()
    (issue / "reports").mkdir()
    (issue / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (issue / "b-flawed.md").write_text(FLAWED, encoding="utf-8")
    (issue / "c-broken.pdf").write_bytes(b"this is not a PDF at all")
    (issue / "README.md").write_text("# Issue 3\n", encoding="utf-8")
    (issue / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (issue / ".git" / "x.txt").write_text(GOOD, encoding="utf-8")
    (issue / "reports" / "old.md").write_text(FLAWED, encoding="utf-8")
    (issue / "main.tex").write_text("\\documentclass{article}\\begin{document}\\input{chapters/one}\\end{document}\n",
                                    encoding="utf-8")
    (issue / "chapters" / "one.tex").write_text("A chapter.\n", encoding="utf-8")
    return issue


@pytest.mark.parametrize(("args", "expected", "problems"), [
    # a folder: its manuscripts in name order; not README, not a .csv, not hidden or reports folders,
    # not a chapter a main .tex file includes
    (["issue-3"], ["a-good.txt", "b-flawed.md", "c-broken.pdf", "main.tex"], 0),
    # a pattern the shell did not expand, and a file named twice is audited once
    (["issue-3/*.md", "issue-3/b-flawed.md"], ["README.md", "b-flawed.md"], 0),
    (["issue-3/**/*.tex"], ["main.tex"], 0),
    # a pattern matching nothing is one problem; a missing file is left for the reader to report
    (["issue-3/*.docx", "missing.txt"], ["missing.txt"], 1),
])
def test_expand_papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: list[str],
                       problems: int) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    paths, found = expand_papers([Path(a) for a in args])
    assert [p.name for p in paths] == expected
    assert len(found) == problems


def test_a_folder_in_two_processes_gives_each_paper_its_reports_and_one_index(tmp_path: Path) -> None:
    issue = _folder(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", *OFFLINE, str(issue), "--jobs", "2", "--reports-dir", str(out),
                                 "--sarif", str(tmp_path / "run.sarif"), "--junit", str(tmp_path / "run.xml"),
                                 "--fail-on", "never"])
    # the unreadable PDF is one line and exit 2; every other paper still has its reports
    assert result.exit_code == 2
    assert result.output.count("c-broken.pdf: named .pdf but its content is not a PDF") == 1
    assert "4 papers: 1 with errors, 1 with warnings only, 1 unreadable; 1 error, 2 warnings" in result.output
    for stem in ("a-good", "b-flawed", "main"):
        assert (out / f"{stem}.json").exists() and (out / f"{stem}.html").exists()
    flawed = json.loads((out / "b-flawed.json").read_text(encoding="utf-8"))
    assert any(f["code"] == "CG103" for f in flawed["findings"])  # Smith 2019 against an entry of 2018
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr") == 5  # the heading and one row per paper
    assert 'href="a-good.html"' in index and 'href="b-flawed.html"' in index
    assert "c-broken.pdf" in index and "unreadable" in index
    sarif = json.loads((tmp_path / "run.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for run in sarif["runs"] for r in run["results"]}
    assert any(u.endswith("b-flawed.md") for u in uris)
    suites = ET.parse(tmp_path / "run.xml").getroot().findall("testsuite")
    assert len(suites) == 4  # the three papers read, and the unreadable one as an error (never a pass)
    (broken,) = [s for s in suites if s.get("errors") == "1"]
    assert broken.get("name", "").endswith("c-broken.pdf")


def test_workers_give_the_same_reports_as_one_process(tmp_path: Path) -> None:
    issue = _folder(tmp_path)
    (issue / "c-broken.pdf").unlink()
    one, two = tmp_path / "one", tmp_path / "two"
    for jobs, out in (("1", one), ("2", two)):
        result = runner.invoke(app, ["audit", *OFFLINE, str(issue), "--jobs", jobs, "--reports-dir", str(out), "-q",
                                     "--fail-on", "never"])
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and "index.html" in names
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_a_pattern_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", *OFFLINE, str(tmp_path / "*.docx"), "--reports-dir", str(tmp_path)])
    assert result.exit_code == 2 and "no file matches this pattern" in result.output


def test_standard_input(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "citeguard", "audit", "-", *OFFLINE, "--json", "-",
                           "--fail-on", "never"], input=FLAWED.encode(), capture_output=True, cwd=tmp_path,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["document"]["path"] == "<stdin>"
    assert any(f["code"] == "CG103" for f in report["findings"])
    proc = subprocess.run([sys.executable, "-m", "citeguard", "audit", "-", *OFFLINE, "--reports-dir", "r", "-q",
                           "--fail-on", "never"], input=PAPER.read_bytes(), capture_output=True, cwd=tmp_path,
                          check=False, timeout=120)
    assert proc.returncode == 0 and (tmp_path / "r" / "stdin.json").exists()


def test_index_escapes_and_quotes_what_papers_bring() -> None:
    rows = [IndexRow("a<b>.md", "a<b>.html", "<script>alert(1)</script>", "en", 1, 2, 3),
            IndexRow("x y#1.txt", "x y#1.html", "题名", "zh", 0, 0, 1, links=4, broken=1),
            IndexRow("bad.pdf", error="bad.pdf: not a PDF")]
    page = render_index(rows, lang="zh")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="a%3Cb%3E.html"' in page and 'href="x%20y%231.html"' in page
    assert "共 3 篇：1 篇有错误，0 篇仅有警告，1 篇无问题，1 篇无法读取" in page
    assert "无法读取: bad.pdf: not a PDF" in page
    assert "4 (1)" in page
    assert not any(f">{word}<" in page for word in ("paper", "errors", "warnings", "title"))  # Chinese labels


def test_format_junit_prints_one_document_for_the_run(tmp_path: Path) -> None:
    issue = _folder(tmp_path)
    (issue / "c-broken.pdf").unlink()
    result = runner.invoke(app, ["audit", *OFFLINE, str(issue), "--format", "junit", "--reports-dir",
                                 str(tmp_path / "r"), "--fail-on", "warning"])
    assert result.exit_code == 1  # warnings at --fail-on warning
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites" and len(root.findall("testsuite")) == 3
    assert int(root.get("failures", "0")) == 3  # a-good's CG303, b-flawed's CG103 and CG303


def test_markdown_names_the_papers_it_could_not_read(tmp_path: Path) -> None:
    issue = _folder(tmp_path)
    result = runner.invoke(app, ["audit", *OFFLINE, str(issue), "--markdown", str(tmp_path / "pr.md"), "-q",
                                 "--reports-dir", str(tmp_path / "r"), "--fail-on", "never"])
    assert result.exit_code == 2
    comment = (tmp_path / "pr.md").read_text(encoding="utf-8")
    assert "c-broken.pdf" in comment and "could not be read" in comment


@pytest.mark.parametrize("extra", [["--format", "junit"], ["--format", "github"], ["--markdown", "-"]])
def test_one_document_on_standard_output(extra: list[str]) -> None:
    result = runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "--json", "-", *extra])
    assert result.exit_code == 2 and "already writes to standard output" in result.output


# --- issue 21: symbolic links in a walked folder or a pattern's matches, a folder with no manuscript,
# a worker killed (the out-of-memory killer) -------------------------------------------------------

def _linked(tmp_path: Path) -> Path:
    """A submission folder with a good paper, a link out of it (/etc/passwd's stand-in), a link loop,
    a link to nothing and a link that stays inside."""
    (tmp_path / "secret.txt").write_text("root:x:0:0:SECRET-OUTSIDE:/root:/bin/sh\n" + FLAWED, encoding="utf-8")
    issue = tmp_path / "issue"
    (issue / "sub").mkdir(parents=True)
    (issue / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (issue / "sub" / "inside.md").write_text(FLAWED, encoding="utf-8")
    (issue / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    (issue / "loop.txt").symlink_to("loop.txt")
    (issue / "gone.md").symlink_to("nowhere.md")
    (issue / "same.md").symlink_to("sub/inside.md")  # inside: read (once: it is sub/inside.md)
    return issue


@pytest.mark.parametrize("arg", ["issue", "issue/*.txt", "issue/**/*.*"])
def test_links_out_of_the_folder_and_loops_are_refused_one_line_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     arg: str) -> None:
    _linked(tmp_path)
    monkeypatch.chdir(tmp_path)
    paths, problems = expand_papers([Path(arg)])
    assert "passwd.txt" not in {p.name for p in paths} and "loop.txt" not in {p.name for p in paths}
    assert "a-good.txt" in {p.name for p in paths}
    assert any("passwd.txt: a symbolic link to" in p and "(--allow-outside reads it); not read" in p for p in problems)
    assert any(p == "issue/loop.txt: a symbolic link loop; not read" for p in problems)
    paths, problems = expand_papers([Path(arg)], allow_outside=True)
    assert "passwd.txt" in {p.name for p in paths} and not any("passwd" in p for p in problems)


def test_a_folder_with_hostile_links_audits_the_other_papers_and_prints_no_secret(tmp_path: Path) -> None:
    issue = _linked(tmp_path)
    out = tmp_path / "r"
    proc = subprocess.run([sys.executable, "-m", "citeguard", "--no-config", "audit", *OFFLINE, str(issue),
                           "--reports-dir", str(out), "--fail-on", "never", "-j", "1"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("citeguard: error: ") for e in errors)  # passwd, loop, gone
    assert {p.name for p in out.iterdir()} >= {"a-good.json", "same.json", "index.html"}  # same.md is sub/inside.md
    assert not any("SECRET-OUTSIDE" in p.read_text(encoding="utf-8") for p in out.iterdir())
    assert "SECRET-OUTSIDE" not in proc.stdout + proc.stderr


def test_a_pattern_does_not_follow_folder_links_for_ever(tmp_path: Path) -> None:
    # glob's ** follows links to folders: two links to .. make 2**40 paths to look at
    sub = tmp_path / "g" / "sub"
    sub.mkdir(parents=True)
    (sub / "up1").symlink_to("..")
    (sub / "up2").symlink_to("..")
    (sub / "x.md").write_text(FLAWED, encoding="utf-8")
    paths, problems = expand_papers([tmp_path / "g" / "**" / "*.md"])
    assert paths == [sub / "x.md"] and not problems


def test_a_fifo_named_like_a_main_tex_file_does_not_hang_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "main.tex")
    paths, _ = expand_papers([tmp_path])  # the .tex sniff opened it blocking: this never returned
    assert [p.name for p in paths] == ["a-good.txt", "main.tex"]  # the reader refuses it with its reason


@pytest.mark.parametrize("arg", ["empty", "empty/*.md"])
def test_an_empty_folder_or_pattern_is_exit_2_and_writes_nothing(tmp_path: Path, arg: str) -> None:
    (tmp_path / "empty").mkdir()
    proc = subprocess.run([sys.executable, "-m", "citeguard", "--no-config", "audit", *OFFLINE, arg, "--reports-dir",
                           "r"], capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert ("no manuscripts in this folder" if "*" not in arg else "no file matches this pattern") in proc.stderr
    assert not (tmp_path / "r").exists()  # no empty index


def _killer(job: PaperJob, settings: AuditSettings) -> PaperOutcome:
    """What the out-of-memory killer does to the process auditing a paper called kill-*."""
    if job.path.name.startswith("kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    return audit_paper(job, settings)


def test_a_killed_worker_costs_its_paper_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    issue = tmp_path / "issue"
    issue.mkdir()
    for name in ("a.txt", "b.md", "kill-me.txt", "c.txt", "d.md", "e.txt"):
        (issue / name).write_text(FLAWED if name.endswith(".md") else GOOD, encoding="utf-8")
    monkeypatch.setattr(batch, "run_papers", functools.partial(batch.run_papers, audit=_killer))
    out = tmp_path / "r"
    result = runner.invoke(app, ["--no-config", "audit", *OFFLINE, str(issue), "--jobs", "2", "--reports-dir", str(out),
                                 "--fail-on", "never", "--lang", "en", "--junit", str(tmp_path / "run.xml")])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output  # no BrokenProcessPool
    assert result.output.count("kill-me.txt: the process auditing it died (killed, perhaps for running out of memory)") == 1
    for stem in ("a", "b", "c", "d", "e"):
        assert (out / f"{stem}.json").exists(), stem
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr") == 7 and "kill-me.txt" in index
    assert "6 papers: 2 with errors, 3 with warnings only, 1 unreadable" in result.output
    assert len(ET.parse(tmp_path / "run.xml").getroot().findall("testsuite")) == 6


def test_run_papers_keeps_every_outcome_in_order_when_a_worker_dies() -> None:
    jobs = [PaperJob(Path(f"{n}.txt"), n) for n in ("a", "b", "kill", "c", "d", "e", "f")]
    got: list[PaperOutcome] = []
    batch.run_papers(jobs, None, 2, got.append, audit=_survivor)  # type: ignore[arg-type]
    assert [o.stem for o in got] == [j.stem for j in jobs]
    assert [o.stem for o in got if o.error] == ["kill"]


def _survivor(job: PaperJob, settings: AuditSettings) -> PaperOutcome:
    if job.stem == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    return PaperOutcome(job.path, job.stem)
