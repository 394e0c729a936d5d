"""The command line: JSON output, exit codes, one-line errors, python -m."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeguard.cli import app

from .conftest import PAPER

runner = CliRunner()


def test_parse_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    result = runner.invoke(app, ["parse", str(PAPER), "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "citeguard-model/1"
    assert data["summary"]["references"] == 51
    assert data["summary"]["footnotes"] == 32
    assert all("line" in c for c in data["citations"])
    assert all(c["reference"] is not None for c in data["citations"])
    assert "51" in result.output  # the summary table


def test_json_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    runner.invoke(app, ["parse", str(PAPER), "--json", str(a), "-q"])
    runner.invoke(app, ["parse", str(PAPER), "--json", str(b), "-q"])
    assert a.read_bytes() == b.read_bytes()


def test_json_to_stdout() -> None:
    result = runner.invoke(app, ["parse", str(PAPER), "--json", "-"])
    assert json.loads(result.stdout)["summary"]["citations"] > 0


@pytest.mark.parametrize(("content", "name", "needle"), [
    (b"", "empty.txt", "empty"),
    (b"\x00\x01binary" * 50, "bin.txt", "binary"),
    (b"hello", "paper.docx", "content is not a Word .docx"),
    (b"hello", "paper.pdf", "content is not a PDF"),
    (b"hello", "paper.odt", "unsupported file type"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "paper.doc", "legacy Word .doc"),
    (b"{\\rtf1\\ansi hello}", "paper.rtf", "RTF"),
])
def test_bad_input_exit_2_with_one_line(tmp_path: Path, content: bytes, name: str, needle: str) -> None:
    target = tmp_path / name
    target.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "citeguard", "parse", str(target)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert needle in proc.stderr and "Traceback" not in proc.stderr


def test_missing_file_exit_2() -> None:
    result = runner.invoke(app, ["parse", "/no/such/paper.txt"])
    assert result.exit_code == 2


def test_unwritable_json_target_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["parse", str(PAPER), "--json", str(blocker / "sub" / "m.json")])
    assert result.exit_code == 2


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "citeguard" in result.output
    # the entry point answers --version without loading the CLI: the same line
    code = "import sys; sys.argv = ['citeguard', '--version']; from citeguard.__main__ import run; run(); " \
           "print('citeguard.cli' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines() == [result.output.strip(), "False"], done.stdout
