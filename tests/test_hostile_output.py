"""File names are untrusted too (issue 21): a submission archive may hold a paper whose name
carries terminal escapes, and every line citeguard prints about it — "written:" lines, warnings —
writes those characters out instead of sending them to the terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from citeguard.report.messages import t

HOSTILE = "paper\x1b[2K\x1b]0;pwned\x07\u202e"  # erase the line, retitle the window, reverse the text


def test_the_catalogue_writes_out_the_control_characters_of_its_values() -> None:
    line = t("cli.written", "en", files=f"reports/{HOSTILE}.json")
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert "\\x1b[2K" in line and "\\u202e" in line


@pytest.mark.skipif(sys.platform == "win32", reason="control characters in file names")
def test_an_audit_of_a_hostile_file_name_prints_no_escape(tmp_path: Path) -> None:
    paper = tmp_path / f"{HOSTILE}.txt"
    paper.write_text("标题\n\n正文（张三，2020）。\n\n参考文献\n\n[1] 张三. 书名[M]. 北京: 人民出版社, 2020.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "citeguard", "--no-config", "audit", str(paper), "--offline",
                           "--no-cache", "--fail-on", "never", "--reports-dir", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for stream in (done.stdout, done.stderr):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream, stream
    assert "\\x1b[2K" in done.stdout  # the name is shown, written out
