"""Configuration files (issue 13): citeguard.toml or [tool.citeguard] in pyproject.toml, found here
or above, overridden by the command line; unknown keys are errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _audit(cwd: Path, *extra: str) -> tuple[int, dict[str, object]]:
    shutil.copy(PAPER, cwd / "p.txt")
    done = _run(cwd, "audit", "p.txt", "--offline", "--no-cache", "-q", "--json", "out.json", *extra)
    return done.returncode, json.loads((cwd / "out.json").read_text(encoding="utf-8")) if done.returncode < 2 else {}


def test_pyproject_settings_apply_and_the_command_line_overrides_them(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.citeguard]\nfail-on = "never"\nselect = ["CG2"]\n', encoding="utf-8")
    code, report = _audit(tmp_path)
    assert code == 0 and report["options"]["select"] == ["CG2"]  # type: ignore[index]
    assert {f["code"][:3] for f in report["findings"]} == {"CG2"}  # type: ignore[union-attr,index]
    code, _ = _audit(tmp_path, "--fail-on", "error")  # the paper has a CG201 error
    assert code == 1


def test_the_nearest_file_above_is_found_and_citeguard_toml_comes_first(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.citeguard]\nselect = ["CG2"]\n', encoding="utf-8")
    (tmp_path / "citeguard.toml").write_text('select = ["CG3"]\nfail-on = "never"\n', encoding="utf-8")
    sub = tmp_path / "issue" / "2026-03"
    sub.mkdir(parents=True)
    code, report = _audit(sub)
    assert code == 0 and report["options"]["select"] == ["CG3"]  # type: ignore[index]
    assert _audit(sub, "--fail-on", "never")[1]["options"]["select"] == ["CG3"]  # type: ignore[index]


def test_paths_are_relative_to_the_file_and_sections_are_per_command(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.citeguard]\nfail-on = "never"\n[tool.citeguard.audit]\n'
                                             'reports-dir = "reports-here"\nformats = "json"\n', encoding="utf-8")
    sub = tmp_path / "papers"
    sub.mkdir()
    shutil.copy(PAPER, sub / "p.txt")
    assert _run(sub, "audit", "p.txt", "--offline", "--no-cache", "-q").returncode == 0
    assert (tmp_path / "reports-here" / "p.json").is_file()
    shown = _run(sub, "config", "--json")
    assert json.loads(shown.stdout)["commands"]["audit"]["formats"] == "json"
    assert "reports-here" in _run(sub, "config").stdout


@pytest.mark.parametrize(("text", "message"), [
    ('[tool.citeguard]\nfail-onn = "never"\n', "unknown key 'fail-onn'"),
    ('[tool.citeguard.audits]\nfail-on = "never"\n', "unknown section [tool.citeguard.audits]"),
    ('[tool.citeguard.links]\nselect = ["CG1"]\n', "citeguard links has no --select"),
    ('[tool.citeguard\n', "not valid TOML"),
])
def test_a_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8") if "TOML" not in message else \
        (tmp_path / "citeguard.toml").write_text(text, encoding="utf-8")
    done = _run(tmp_path, "audit", str(PAPER), "--offline", "-q")
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert _run(tmp_path, "--no-config", "rules", "--json").returncode == 0  # --no-config reads none


def test_someone_else_s_pyproject_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nbroken", encoding="utf-8")  # no [tool.citeguard]
    assert "no configuration file" in _run(tmp_path, "config").stdout


def test_per_path_ignores_and_url_exclusions_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    shutil.copy(PAPER, tmp_path / "drafts" / "d.txt")
    shutil.copy(PAPER, tmp_path / "final.txt")
    (tmp_path / "citeguard.toml").write_text(
        '[tool.citeguard.audit]\nfail-on = "never"\nper-path-ignore = ["drafts/*.txt:CG3,CG2"]\n'
        'exclude-url = ["www\\\\.gov\\\\.cn"]\n', encoding="utf-8")
    done = _run(tmp_path, "audit", "drafts", "final.txt", "--offline", "--no-cache", "-q", "--reports-dir", "r")
    assert done.returncode == 0, done.stderr
    draft = json.loads((tmp_path / "r" / "d.json").read_text(encoding="utf-8"))
    final = json.loads((tmp_path / "r" / "final.json").read_text(encoding="utf-8"))
    assert not {f["code"][:3] for f in draft["findings"]} & {"CG2", "CG3"}
    assert {"CG2", "CG3"} <= {f["code"][:3] for f in final["findings"]}
    for report in (draft, final):  # the excluded site's URL is not checked, and says why
        details = {x["url"]: x["detail"] for x in report["links"]}
        assert [u for u, d in details.items() if d.startswith("excluded")] == \
            ["https://www.gov.cn/lianbo/fabu/202510/content_7044261.htm"]
        assert sum(1 for d in details.values() if d == "offline: not checked") == len(details) - 1


@pytest.mark.parametrize(("args", "message"), [
    (["--per-path-ignore", "drafts/*.txt"], "expected GLOB:CODES"),
    (["--per-path-ignore", "drafts/*.txt:XY1"], "bad rule code prefix"),
    (["--exclude-url", "gov(.cn"], "is not a regular expression"),
])
def test_bad_per_path_ignores_and_url_patterns_are_usage_errors(tmp_path: Path, args: list[str],
                                                                message: str) -> None:
    shutil.copy(PAPER, tmp_path / "p.txt")
    done = _run(tmp_path, "audit", "p.txt", "--offline", "--no-cache", "-q", *args)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_per_path_globs_are_relative_to_the_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    shutil.copy(PAPER, tmp_path / "drafts" / "d.txt")
    (tmp_path / "citeguard.toml").write_text('[tool.citeguard.audit]\nfail-on = "never"\n'
                                             'per-path-ignore = ["drafts/*.txt:CG3"]\n', encoding="utf-8")
    for cwd, paper in ((tmp_path, "drafts/d.txt"), (tmp_path / "drafts", "d.txt")):
        done = _run(cwd, "audit", paper, "--offline", "--no-cache", "-q", "--json", str(tmp_path / "o.json"))
        assert done.returncode == 0, done.stderr
        codes = {f["code"][:3] for f in json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["findings"]}
        assert "CG3" not in codes and "CG2" in codes, cwd


@pytest.mark.parametrize(("line", "message"), [
    ('fail-on = "warnings"', "choose one of error, warning, info, never"),
    ("policy-recent-share = 50", "not in the range 0<=x<=1"),
    ('policy-min-foreign = "five"', "'five' is not a valid"),
    ("timeout = nan", "is not a number of seconds"),  # (NaN passes every range check)
    ("timeout = inf", "is not a number of seconds"),
    ("offline = [1, 2]", "expected one value, not a list"),
    ("allow-private = 1", "not a value --allow-private takes"),  # (a flag is true or false, not a number)
])
def test_a_bad_value_is_reported_with_its_file_and_key(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "citeguard.toml").write_text(f"[tool.citeguard.audit]\n{line}\n", encoding="utf-8")
    done = _run(tmp_path, "config")
    key = line.split(" =")[0]
    assert done.returncode == 2 and message in done.stderr and f"citeguard.toml: {key} = " in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


# --- issue 21: a configuration found by discovery may have come with a submission -------------------

WIDENING = [
    ("allow-private = true", "would fetch loopback and private addresses"),
    ("allow-outside = true", "would read files outside the manuscript's folder"),
    ('archive-base = "http://169.254.169.254"', "decides which servers citeguard contacts"),
    ('[tool.citeguard.verify]\ncrossref-url = "http://10.0.0.1"', "decides which servers citeguard contacts"),
    ("[tool.citeguard.audit]\nmax-pages = 100000", "would read longer PDFs than the built-in limit (100)"),
    ("timeout = 600", "would wait longer for each request"),
    ('reports-dir = "/tmp/elsewhere"', "names /tmp/elsewhere, outside the configuration file's folder"),
    ('[tool.citeguard.audit]\nreports-dir = "../../out"', "outside the configuration file's folder"),
    ('cache = "/tmp/links.sqlite"', "outside the configuration file's folder"),
    ('[tool.citeguard.audit]\npapers = ["/etc/passwd"]', "outside the configuration file's folder"),
    ('ignore = ["CG"]', "leave no rule to check"),
    ('[tool.citeguard.audit]\nselect = ["CG1"]\nignore = ["CG1"]', "leave no rule to check"),
    ('[tool.citeguard.audit]\nper-path-ignore = ["*:CG"]', "leave no rule to check"),
    # family by family: each glob leaves rules, together they leave none for a paper both match
    ('[tool.citeguard.audit]\nper-path-ignore = ["*:CG0,CG1,CG2,CG3,CG4", "*:CG5,CG6,CG7,CG8,CG9"]', "leave no rule"),
    ('[tool.citeguard.audit]\nper-path-ignore = ["*:CG0,CG1,CG2,CG3,CG4"]\nignore = ["CG5","CG6","CG7","CG8","CG9"]',
     "leave no rule to check"),
    ('[tool.citeguard.audit]\nbaseline = "b.json"', "would hide every finding the baseline file lists"),
    # values checked as the option takes them: a quoted "yes" is true, "1000" is a thousand
    ('allow-private = "yes"', "would fetch loopback and private addresses"),
    ('allow-private = "TRUE"', "would fetch loopback and private addresses"),
    ('[tool.citeguard.audit]\nallow-outside = "on"', "would read files outside the manuscript's folder"),
    ('timeout = "1000"', "would wait longer for each request"),
    ('[tool.citeguard.audit]\nmax-pages = "100000"', "would read longer PDFs than the built-in limit (100)"),
]


@pytest.mark.parametrize(("line", "message"), WIDENING)
def test_a_discovered_file_cannot_widen_what_is_read_contacted_or_written(tmp_path: Path, line: str,
                                                                          message: str) -> None:
    sub = tmp_path / "a" / "submission"
    sub.mkdir(parents=True)
    (sub / "pyproject.toml").write_text(f"[tool.citeguard]\n{line}\n", encoding="utf-8")
    done = _run(sub, "config")
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "give it on the command line, name this file with --config, or put it in" in done.stderr
    # named with --config, or in the user's own file, the same value is the user's choice
    assert _run(sub, "--config", "pyproject.toml", "config").returncode == 0
    home = tmp_path / "home"
    (home / "citeguard").mkdir(parents=True)
    shutil.move(sub / "pyproject.toml", home / "citeguard" / "citeguard.toml")
    mine = subprocess.run([sys.executable, "-m", "citeguard", "config"], cwd=sub, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "XDG_CONFIG_HOME": str(home)})
    assert mine.returncode == 0 and "your own configuration" in mine.stdout, mine.stderr


def test_a_discovered_file_may_still_narrow_and_choose(tmp_path: Path) -> None:
    (tmp_path / "citeguard.toml").write_text(
        '[audit]\nmax-pages = 20\narchive-base = "none"\nallow-private = false\nreports-dir = "out/r"\n'
        'ignore = ["CG5"]\nfail-on = "never"\n', encoding="utf-8")
    shown = json.loads(_run(tmp_path, "config", "--json").stdout)
    assert shown["commands"]["audit"]["max_pages"] == 20 and shown["commands"]["audit"]["ignore"] == ["CG5"]


def test_the_user_s_own_file_is_under_the_project_s(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "citeguard").mkdir(parents=True)
    (home / "citeguard" / "citeguard.toml").write_text('fail-on = "never"\nselect = ["CG3"]\nallow-private = true\n',
                                                       encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "citeguard.toml").write_text('select = ["CG2"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "citeguard", "config", "--json"], cwd=project, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "XDG_CONFIG_HOME": str(home)})
    shown = json.loads(done.stdout)
    assert shown["commands"]["audit"]["select"] == ["CG2"] and shown["commands"]["audit"]["fail_on"] == "never"
    assert shown["commands"]["audit"]["allow_private"] is True
    assert shown["user_file"] == str(home / "citeguard" / "citeguard.toml")
    none = subprocess.run([sys.executable, "-m", "citeguard", "--no-config", "config", "--json"], cwd=project,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "XDG_CONFIG_HOME": str(home)})
    assert json.loads(none.stdout) == {"file": None, "user_file": None, "commands": {}}  # --no-config reads neither


DEEP = "x = " + "[" * 20_000 + "]" * 20_000 + "\n"


def test_a_deeply_nested_toml_above_is_not_a_crash(tmp_path: Path) -> None:
    sub = tmp_path / "deep"
    sub.mkdir()
    (tmp_path / "pyproject.toml").write_text(DEEP, encoding="utf-8")  # someone else's: ignored as before
    assert _run(sub, "rules", "--json").returncode == 0
    assert "no configuration file" in _run(sub, "config").stdout
    # a pyproject.toml with our table that cannot be read is ours: one line, not silently skipped
    (tmp_path / "pyproject.toml").write_text('[tool.citeguard]\nfail-on = "warning"\n' + DEEP, encoding="utf-8")
    done = _run(sub, "config")
    assert done.returncode == 2 and "nested too deeply" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    (tmp_path / "citeguard.toml").write_text(DEEP, encoding="utf-8")  # ours: one line, exit 2
    done = _run(sub, "rules", "--json")
    assert done.returncode == 2 and "nested too deeply" in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("name", "text", "message"), [
    ("pyproject.toml", '[tool.citeguard]\nfail-onn = "never"\n', "unknown key 'fail-onn' (no command has the option "
     "--fail-onn); did you mean 'fail-on'?"),
    ("pyproject.toml", '[tool.citeguard.audits]\nfail-on = "never"\n', "did you mean [tool.citeguard.audit]?"),
    ("citeguard.toml", '[audit]\nreport-dir = "r"\n', "unknown key 'report-dir' in [audit] (citeguard audit has no "
     "--report-dir); did you mean 'reports-dir'?"),
    ("citeguard.toml", '[audits]\nfail-on = "never"\n', "unknown section [audits] (commands:"),
    ("citeguard.toml", '[citeguard]\nfail-onn = "never"\n', "did you mean 'fail-on'?"),
    ("citeguard.toml", '[citeguard.audits]\nfail-on = "never"\n', "did you mean [citeguard.audit]?"),
])
def test_typos_get_a_did_you_mean_and_sections_are_named_as_written(tmp_path: Path, name: str, text: str,
                                                                    message: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = _run(tmp_path, "config")
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "tool.citeguard.citeguard" not in done.stderr


def test_a_citeguard_table_in_citeguard_toml_is_the_top_table(tmp_path: Path) -> None:
    (tmp_path / "citeguard.toml").write_text('[citeguard]\nfail-on = "never"\n[citeguard.audit]\nformats = "json"\n',
                                             encoding="utf-8")
    shown = json.loads(_run(tmp_path, "config", "--json").stdout)
    assert shown["commands"]["audit"] == {"fail_on": "never", "formats": "json"}
