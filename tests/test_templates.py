"""The HTML templates are compiled once per machine (Jinja's bytecode cache in the user cache
folder, issue 21: start-up); a cache folder that cannot be written costs only the time."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

CODE = ("from citeguard.report.templates import template\n"
        "t = template('index.html.j2')\n"
        "print(type(t).__name__)\n")


def _run(cache_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=60)


def test_a_second_process_loads_the_compiled_template(tmp_path: Path) -> None:
    assert _run(tmp_path).returncode == 0
    cached = list((tmp_path / "citeguard" / "templates").glob("__jinja2_*.cache"))
    assert len(cached) == 1, cached  # written by the first process
    before = cached[0].stat().st_mtime_ns
    assert _run(tmp_path).returncode == 0
    assert cached[0].stat().st_mtime_ns == before  # read, not compiled and written again


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_an_unwritable_cache_folder_costs_only_the_time(tmp_path: Path) -> None:
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        done = _run(tmp_path)
    finally:
        tmp_path.chmod(stat.S_IRWXU)
    assert done.returncode == 0 and "Template" in done.stdout, done.stderr


def test_a_cache_path_that_is_a_file_costs_only_the_time(tmp_path: Path) -> None:
    (tmp_path / "citeguard").write_text("not a folder", encoding="utf-8")  # works for root too
    done = _run(tmp_path)
    assert done.returncode == 0 and "Template" in done.stdout, done.stderr
