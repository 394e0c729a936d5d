"""citeguard links and citeguard audit against the local server (never the internet)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from .localserver import serve


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Counter[str]]]:
    with serve() as running:
        yield running


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", *args], capture_output=True, text=True, check=False)


def test_links_json(server: tuple[str, Counter[str]], tmp_path: Path) -> None:
    base = server[0]
    proc = _run("links", f"{base}/gbk-article", f"{base}/missing", "--allow-private", "--cache",
                str(tmp_path / "c.sqlite3"), "--archive-base", base, "--json", "-")
    assert proc.returncode == 1, proc.stderr  # a dead link
    rows = json.loads(proc.stdout)
    assert [r["status"] for r in rows] == ["ok", "not-found"]
    assert set(rows[0]) >= {"url", "status", "http_status", "final_url", "title", "published", "elapsed_ms",
                            "archive_url", "detail"}
    assert rows[0]["published"] == "2025-10-13" and rows[1]["archive_url"]


def test_links_refuses_loopback_without_allow_private(server: tuple[str, Counter[str]]) -> None:
    base, hits = server
    before = sum(hits.values())
    proc = _run("links", f"{base}/utf8-article", "--no-cache", "--json", "-")
    assert json.loads(proc.stdout)[0]["status"] == "private-address"
    assert sum(hits.values()) == before


def test_second_run_answers_from_the_cache(server: tuple[str, Counter[str]], tmp_path: Path) -> None:
    base, hits = server
    cache = str(tmp_path / "c.sqlite3")
    _run("links", f"{base}/utf8-article", "--allow-private", "--cache", cache, "--archive-base", "none")
    before = sum(hits.values())
    proc = _run("links", f"{base}/utf8-article", "--allow-private", "--cache", cache, "--archive-base", "none")
    assert sum(hits.values()) == before and "1 from the cache" in proc.stdout


def test_audit_reports_link_findings(server: tuple[str, Counter[str]], tmp_path: Path) -> None:
    base = server[0]
    paper = tmp_path / "p.txt"
    paper.write_text(
        "正文一句。①又一句。②再一句。③\n\n"
        f"① 国务院新闻办就2025年前三季度进出口情况举行发布会[EB/OL].(2025-10-13)[2026-03-29].{base}/gbk-article\n\n"
        f"② 某文件[EB/OL].(2024-01-01)[2026-03-29].{base}/missing\n\n"
        f"③ 某报告[EB/OL].(2024-01-01)[2026-03-29].{base}/challenge\n\n"
        "下一页。①又一句。②\n\n"
        f"① 国务院新闻办就2025年前三季度进出口情况举行发布会[EB/OL].(2025-10-13)[2026-03-29].{base}/other-title\n\n"
        f"② 国务院新闻办就2025年前三季度进出口情况举行发布会[EB/OL].(2025-10-13)[2026-03-29].{base}/other-date\n",
        encoding="utf-8")
    out = tmp_path / "r.json"
    proc = _run("audit", str(paper), "--allow-private", "--no-cache", "--archive-base", base, "--json", str(out), "-q",
                "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [x["status"] for x in report["links"]] == ["ok", "not-found", "blocked", "ok", "ok"]
    by_code: dict[str, list[int]] = {}
    for f in report["findings"]:
        by_code.setdefault(f["code"], []).append(f["line"])
    assert by_code["CG510"] == [5] and by_code["CG512"] == [7]
    assert by_code["CG516"] == [11]  # /other-title: a page about a patent survey, not the press conference
    assert by_code["CG517"] == [13]  # /other-date: published 2025-10-20, the footnote says 2025-10-13
    assert report["links"][1]["archive_url"]


def test_links_from_a_plain_url_list_without_a_suffix(tmp_path: Path) -> None:
    listing = tmp_path / "lychee-input"
    listing.write_text("https://www.gov.cn/zhengce/a.html\n# a comment\nhttp://example.org/b, and more text\n",
                       encoding="utf-8")
    proc = _run("links", "--from", str(listing), "--offline", "--no-cache", "--json", "-")
    # offline with no cache: every URL read, none checked — said, with exit code 3
    assert proc.returncode == 3 and "nothing could be checked: --offline" in proc.stderr, proc.stderr
    assert [r["url"] for r in json.loads(proc.stdout)] == ["https://www.gov.cn/zhengce/a.html", "http://example.org/b"]
    missing = _run("links", "--from", str(tmp_path / "nothing-here"), "--offline")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
