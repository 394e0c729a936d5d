"""Configuration files (issue 13): citeguard.toml or [tool.citeguard] in pyproject.toml, found here
or above, overridden by the command line; unknown keys are errors."""

from __future__ import annotations

import json
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
])
def test_a_bad_value_is_reported_with_its_file_and_key(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "citeguard.toml").write_text(f"[tool.citeguard.audit]\n{line}\n", encoding="utf-8")
    done = _run(tmp_path, "config")
    key = line.split(" =")[0]
    assert done.returncode == 2 and message in done.stderr and f"citeguard.toml: {key} = " in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
