"""citeguard audit / rules from the command line: exit codes, reports, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.cli import app

from .conftest import PAPER, REAL

runner = CliRunner()


def _audit(tmp_path: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["audit", str(PAPER), "--json", str(out), "-q", *args])
    return result.exit_code, json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}


def test_report_schema_and_exit_code(tmp_path: Path) -> None:
    code, report = _audit(tmp_path)
    assert code == 1  # the paper has error-level findings
    assert report["schema"] == "citeguard-report/1"
    assert report["summary"]["findings"]["error"] == 2
    assert report["document"]["standard"] == "gb2015"
    assert len(report["links"]) == 7 and {x["status"] for x in report["links"]} == {"not-checked"}
    for f in report["findings"]:
        assert set(f) >= {"code", "rule", "severity", "message", "message_zh", "line", "column", "references",
                          "citations", "footnotes", "evidence", "suggestion"}
    cited = {r["number"]: r["times_cited"] for r in report["references"]}
    assert cited[42] == 0 and cited[41] == 12


@pytest.mark.parametrize(("args", "code"), [
    (["--fail-on", "never"], 0), (["--fail-on", "warning"], 1), (["--select", "CG6", "--fail-on", "error"], 0),
    (["--select", "CG6", "--fail-on", "warning"], 1), (["--ignore", "CG106,CG201"], 0),
])
def test_fail_on_and_selection(tmp_path: Path, args: list[str], code: int) -> None:
    assert _audit(tmp_path, *args)[0] == code


def test_deterministic_without_timestamp(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    runner.invoke(app, ["audit", str(PAPER), "--json", str(a), "-q"])
    runner.invoke(app, ["audit", str(PAPER), "--json", str(b), "-q"])
    assert a.read_bytes() == b.read_bytes()
    runner.invoke(app, ["audit", str(PAPER), "--json", str(b), "-q", "--timestamp"])
    assert "generated" in json.loads(b.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["--fail-on", "sometimes"], ["--standard", "gb1999"], ["--lang", "fr"],
                                  ["--select", "XY1"]])
def test_bad_options_exit_2(args: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "citeguard", "audit", str(PAPER), "-q", *args],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_several_papers_write_one_report_each(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", *map(str, REAL[:3]), "--reports-dir", str(tmp_path), "-q", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.json" for p in REAL[:3])


def test_terminal_summary_languages() -> None:
    zh = runner.invoke(app, ["audit", str(PAPER), "--fail-on", "never", "--reports-dir", "/tmp/cg-test-reports"])
    en = runner.invoke(app, ["audit", str(PAPER), "--fail-on", "never", "--lang", "en",
                             "--reports-dir", "/tmp/cg-test-reports"])
    assert "只有一位作者" in zh.output and "the only author" in en.output
    assert f"{PAPER}:141:" in en.output or ":141:" in en.output


def test_rules_listing() -> None:
    data = json.loads(runner.invoke(app, ["rules", "--json"]).output)
    assert {d["code"] for d in data} >= {"CG101", "CG201", "CG301", "CG401", "CG501", "CG601", "CG901"}
    assert "CG201" in runner.invoke(app, ["rules"]).output


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_manuscripts_audit_without_crash(tmp_path: Path, path: Path) -> None:
    result = runner.invoke(app, ["audit", str(path), "--reports-dir", str(tmp_path), "-q", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert report["schema"] == "citeguard-report/1"
