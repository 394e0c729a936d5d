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
OFFLINE = ["--offline", "--no-cache"]  # no test touches the network or the user's cache


def _audit(tmp_path: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "--json", str(out), "-q", *args])
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
    runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "--json", str(a), "-q"])
    runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "--json", str(b), "-q"])
    assert a.read_bytes() == b.read_bytes()
    runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "--json", str(b), "-q", "--timestamp"])
    assert "generated" in json.loads(b.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["--fail-on", "sometimes"], ["--standard", "gb1999"], ["--lang", "fr"],
                                  ["--select", "XY1"]])
def test_bad_options_exit_2(args: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "citeguard", "audit", *OFFLINE, str(PAPER), "-q", *args],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_several_papers_write_one_report_each(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", *OFFLINE, *map(str, REAL[:3]), "--reports-dir", str(tmp_path), "-q", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted(f"{p.stem}.json" for p in REAL[:3])
    assert sorted(p.name for p in tmp_path.glob("*.html")) == sorted([*(f"{p.stem}.html" for p in REAL[:3]),
                                                                      "index.html"])
    assert len(list(tmp_path.glob("*.sarif"))) == 3


def test_terminal_summary_languages() -> None:
    zh = runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "--fail-on", "never", "--reports-dir", "/tmp/cg-test-reports"])
    en = runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "--fail-on", "never", "--lang", "en",
                             "--reports-dir", "/tmp/cg-test-reports"])
    assert "只有一位作者" in zh.output and "the only author" in en.output
    assert f"{PAPER}:141:" in en.output or ":141:" in en.output


def test_rules_listing() -> None:
    data = json.loads(runner.invoke(app, ["rules", "--json"]).output)
    assert {d["code"] for d in data} >= {"CG101", "CG201", "CG301", "CG401", "CG501", "CG601", "CG901"}
    assert "CG201" in runner.invoke(app, ["rules"]).output


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_manuscripts_audit_without_crash(tmp_path: Path, path: Path) -> None:
    result = runner.invoke(app, ["audit", *OFFLINE, str(path), "--reports-dir", str(tmp_path), "-q", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert report["schema"] == "citeguard-report/1"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", *args], capture_output=True, text=True, check=False,
                          cwd=cwd)


def test_one_unreadable_paper_does_not_cost_the_others_their_reports(tmp_path: Path) -> None:
    proc = _run("audit", *OFFLINE, str(REAL[1]), str(tmp_path / "missing.md"), str(REAL[2]), "--reports-dir", str(tmp_path),
                "-q", "--fail-on", "never")
    assert proc.returncode == 2
    assert "missing.md: no such file" in proc.stderr
    assert {p.name for p in tmp_path.glob("*.json")} == {f"{REAL[1].stem}.json", f"{REAL[2].stem}.json"}


def test_papers_with_the_same_name_get_separate_reports(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.md").write_text("正文（张三，2020）。\n", encoding="utf-8")
    out = tmp_path / "reports"
    proc = _run("audit", *OFFLINE, str(tmp_path / "a" / "p.md"), str(tmp_path / "b" / "p.md"), "--reports-dir", str(out), "-q",
                "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.glob("*.json"))) == 2


def test_json_dash_is_standard_output() -> None:
    proc = _run("audit", *OFFLINE, str(PAPER), "--json", "-", "-q", "--fail-on", "never")
    assert json.loads(proc.stdout)["schema"] == "citeguard-report/1"


@pytest.mark.parametrize("args", [["--select", "CG999"], ["--select", "CG05"], ["--ignore", "CG09"]])
def test_selection_typos_are_usage_errors(args: list[str]) -> None:
    proc = _run("audit", *OFFLINE, str(PAPER), "-q", *args)
    assert proc.returncode == 2 and "no rule code starts with" in proc.stderr


def test_usage_errors_are_one_line() -> None:
    proc = _run("audit", *OFFLINE, "--no-such-flag")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_options_are_recorded_and_report_is_readable(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    _run("audit", *OFFLINE, str(PAPER), "--json", str(out), "-q", "--select", "CG2", "--ignore", "CG204", "--fail-on", "warning")
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["options"] == {"select": ["CG2"], "ignore": ["CG204"], "fail_on": "warning", "offline": True,
                                 "min_confidence": "low"}
    assert {f["code"][:3] for f in report["findings"]} == {"CG2"}
    assert out.stat().st_mode & 0o044  # readable by group/others under a normal umask


def test_guessed_encoding_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "latin1.txt"
    target.write_bytes("Muñoz and Gómez wrote about café culture in São Paulo, naïvely. (Muñoz, 2020)\n".encode("latin-1"))
    out = tmp_path / "r.json"
    _run("audit", *OFFLINE, str(target), "--json", str(out), "-q", "--fail-on", "never")
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "CG907" in {f["code"] for f in report["findings"]}


OCR_PAPER = """研究表明 $\\mathrm { T g ~ C }$ 增加了 $2 0 1 0$ 年以来的碳储量（Smith，2015）。

参考文献

Smith J (2015). Carbon. Journal, 1(1), 1-2.
Wang L (2013). Uncited. Journal, 3(1), 5-6.
"""


def test_confidence_in_every_report_and_min_confidence(tmp_path: Path) -> None:
    paper = tmp_path / "ocr.md"
    paper.write_text(OCR_PAPER, encoding="utf-8")
    out, sarif, html = tmp_path / "r.json", tmp_path / "r.sarif", tmp_path / "r.html"
    result = runner.invoke(app, ["audit", *OFFLINE, str(paper), "--json", str(out), "--sarif", str(sarif),
                                 "--html", str(html), "--fail-on", "never", "--lang", "en"])
    assert result.exit_code == 0
    assert "CG102 info (low confidence)" in result.output  # the terminal says how sure
    report = json.loads(out.read_text(encoding="utf-8"))
    uncited = next(f for f in report["findings"] if f["code"] == "CG102")
    assert uncited["confidence"] == "low" and uncited["severity"] == "info"
    assert report["summary"]["findings"]["confidence"]["low"] >= 1
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {r["properties"]["confidence"] for r in results} >= {"low"}
    assert 'data-conf="1"' in html.read_text(encoding="utf-8")
    runner.invoke(app, ["audit", *OFFLINE, str(paper), "--json", str(out), "-q", "--min-confidence", "high"])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["options"]["min_confidence"] == "high"
    assert {f["confidence"] for f in report["findings"]} <= {"high"}


def test_min_confidence_typo_is_a_usage_error() -> None:
    result = runner.invoke(app, ["audit", *OFFLINE, str(PAPER), "-q", "--min-confidence", "sure"])
    assert result.exit_code == 2 and "--min-confidence must be high, medium or low" in result.output


def test_audit_without_a_paper_is_a_usage_error() -> None:
    # in CI an empty glob must fail plainly, not audit the bundled example paper
    proc = _run("audit", *OFFLINE, "-q")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no PAPER given" in proc.stderr


def test_a_baseline_fails_ci_only_on_new_findings(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    text = PAPER.read_text(encoding="utf-8")
    paper.write_text(text, encoding="utf-8")
    base = tmp_path / "baseline.json"
    first = _run("audit", *OFFLINE, str(paper), "-q", "--fail-on", "never", "--reports-dir", str(tmp_path / "r"),
                 "--write-baseline", str(base))
    assert first.returncode == 0 and json.loads(base.read_text(encoding="utf-8"))["papers"]["p.txt"]  # (from its folder)
    # the same paper, edited above every finding (all line numbers shift): nothing is new
    paper.write_text("\n\n" + text, encoding="utf-8")
    again = _run("audit", *OFFLINE, str(paper), "--fail-on", "info", "--json", str(tmp_path / "a.json"),
                 "--baseline", str(base))
    assert again.returncode == 0, again.stdout[-500:]
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["findings"] == []
    assert "基线中已记录的 30 条问题未显示" in again.stderr  # (the paper is Chinese: so is the line)
    # the same paper named from another folder is the same paper
    elsewhere = subprocess.run([sys.executable, "-m", "citeguard", "audit", *OFFLINE, "p.txt", "-q", "--fail-on", "info",
                                "--json", "c.json", "--baseline", "baseline.json"], cwd=tmp_path, capture_output=True,
                               text=True, check=False)
    assert elsewhere.returncode == 0, elsewhere.stderr
    # a new problem: one list entry printed twice
    entry = next(line for line in text.splitlines() if line.lstrip("- ").startswith("[12]"))
    paper.write_text(text.replace(entry, entry + "\n" + entry), encoding="utf-8")
    new = _run("audit", *OFFLINE, str(paper), "-q", "--fail-on", "warning", "--json", str(tmp_path / "b.json"),
               "--baseline", str(base))
    codes = [f["code"] for f in json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"]]
    assert new.returncode == 1 and codes and len(codes) < 5, codes
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    bad = _run("audit", *OFFLINE, str(paper), "-q", "--baseline", str(broken))
    assert bad.returncode == 2 and "not a citeguard baseline" in bad.stderr


def test_junit_has_a_suite_per_paper_and_a_failure_per_finding_at_fail_on(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET
    junit, report = tmp_path / "cg.xml", tmp_path / "r"
    proc = _run("audit", *OFFLINE, str(PAPER), str(REAL[1]), "-q", "--fail-on", "warning", "--junit", str(junit),
                "--reports-dir", str(report), "--formats", "json")
    assert proc.returncode == 1, proc.stderr
    root = ET.parse(junit).getroot()
    suites = root.findall("testsuite")
    assert len(suites) == 2
    for suite in suites:
        stem = Path(suite.get("name", "")).stem
        findings = json.loads((report / f"{stem}.json").read_text(encoding="utf-8"))["findings"]
        failing = [f for f in findings if f["severity"] in ("error", "warning")]
        assert int(suite.get("failures", "-1")) == len(failing) == len(suite.findall("testcase/failure"))
        assert len(suite.findall("testcase")) == max(1, len(findings))
    assert int(root.get("failures", "-1")) == sum(int(s.get("failures", "0")) for s in suites)


SMALL_ZH = "研究表明[1]。\n\n参考文献\n\n[1] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.\n"
SMALL_EN = "Growth matters [1].\n\nReferences\n\n[1] Smith J. Title of the work[J]. Journal of Things, 2020, 12(3): 45-67.\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig decides Chromium's fonts on Linux")
@pytest.mark.parametrize(("text", "fonts", "warning"), [
    # a Chinese report and fontconfig knows no Chinese font: boxes, said in one line in the paper's language
    (SMALL_ZH, "", "citeguard：警告：未找到中文字体，截图中的汉字显示为方框；请安装 fonts-noto-cjk 或 fonts-wqy-microhei（Debian）"),
    (SMALL_ZH, "WenQuanYi Micro Hei\n", None),
    (SMALL_EN, "", None),  # nothing Chinese to draw
])
def test_screenshot_without_a_cjk_font_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, fonts: str,
                                             warning: str | None) -> None:
    import citeguard.cli.outputs as outputs

    def fake_screenshot(html: Path, png: Path) -> None:  # Chromium's part: a PNG is written
        png.write_bytes(b"\x89PNG\r\n\x1a\n")

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fc_list = bin_dir / "fc-list"  # fontconfig's answer to `fc-list :lang=zh family`
    fc_list.write_text(f"#!/bin/sh\nprintf '{fonts}'\n", encoding="utf-8")
    fc_list.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setattr(outputs, "screenshot", fake_screenshot)
    paper = tmp_path / "paper.txt"
    paper.write_text(text, encoding="utf-8")
    png = tmp_path / "shot.png"
    result = runner.invoke(app, ["audit", *OFFLINE, str(paper), "--reports-dir", str(tmp_path / "r"), "--fail-on", "never",
                                 "-q", "--screenshot", str(png)])
    assert result.exit_code == 0, result.output
    assert png.exists()  # a warning: the screenshot is written all the same
    lines = [line for line in result.stderr.splitlines() if "CJK" in line or "中文字体" in line]
    assert lines == ([warning] if warning else [])


@pytest.mark.parametrize(("args", "message"), [
    (("audit", "PAPER", "--offline", "--reports-dir", "afile"), "--reports-dir afile: is a file, not a folder"),
    (("--config", ".", "config"), ".: is a folder; --config names a configuration file"),
])
def test_a_file_where_a_folder_belongs_and_the_reverse_are_one_line(tmp_path: Path, args: tuple[str, ...],
                                                                    message: str) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    done = _run(*(str(PAPER) if a == "PAPER" else a for a in args), cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_typed_manuscript_citing_numbers_past_its_list_fails_on_error(tmp_path: Path) -> None:
    """Issue 22: a clean born-digital manuscript with two cited numbers missing from its list must
    fail ``--fail-on error`` — the two findings rest on their own clean evidence (numbers printed in
    brackets, past the end of a list read completely), not on the share of citations that linked."""
    refs = "".join(f"[{k}] 作者{k}.论题{k}[J].学报,20{10 + k},{k}(2):{k}-{k + 9}.\n" for k in range(1, 19))
    body = "".join(f"研究{k}表明[{k}]。" for k in range(1, 21))  # [19] and [20] have no entry
    paper = tmp_path / "稿件.md"
    paper.write_text(f"# 题目\n\n{body}\n\n## 参考文献\n\n{refs}", encoding="utf-8")
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["audit", *OFFLINE, str(paper), "--json", str(out), "-q", "--fail-on", "error"])
    assert result.exit_code == 1
    missing = [f for f in json.loads(out.read_text(encoding="utf-8"))["findings"] if f["code"] == "CG109"]
    assert [(f["severity"], f["confidence"]) for f in missing] == [("error", "high")] * 2
