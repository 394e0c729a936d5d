"""The committed example reports in reports/ are what the README's main command produces now."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.cli import app

ROOT = Path(__file__).resolve().parent.parent
STEM = "wang2026-new-quality-productive-forces-open-economy"


@pytest.mark.parametrize("suffix", [".json", ".html", ".sarif", ".ledger.csv"])
def test_committed_report_is_fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.chdir(ROOT)  # the report records the paper's path relative to the project
    result = CliRunner().invoke(app, ["audit", f"corpus/{STEM}.txt", "--offline", "--no-cache", "--fail-on", "never", "-q",
                                      "--reports-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    fresh = (tmp_path / f"{STEM}{suffix}").read_bytes()
    committed = (ROOT / "reports" / f"{STEM}{suffix}").read_bytes()
    assert fresh == committed, f"reports/{STEM}{suffix} is stale: run the README's main command"
