"""Hostile and broken input: a clear one-line error with exit code 2, or a valid report — never a
traceback, never a half-written report."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.ingest import IngestError
from citeguard.report import write_report

from .conftest import PAPER

OFFLINE = ["--offline", "--no-cache", "-q", "--fail-on", "never", "--formats", "json,html"]


def _audit(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", "audit", str(path), *OFFLINE, "--reports-dir", str(out)],
                          capture_output=True, text=True, check=False, timeout=300)


def _paper_like(body: str) -> str:
    return f"标题\n\n{body}\n\n参考文献\n\n[1] 张三.题名[J].刊名,2020(1):1-2.\n"


CASES: dict[str, bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 40,
    "nul-bytes.txt": "正文（张三，2020）。".encode() + b"\x00\x00" + "更多。".encode(),
    "fake.pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\nstream\n\x9c\xff\x00\x10endstream",
    "fake.docx.txt": b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200 + b"word/document.xml",
    "gbk.txt": _paper_like("正文（张三，2020）。").encode("gbk"),
    "utf16.txt": codecs.BOM_UTF16_LE + _paper_like("正文（张三，2020）。").encode("utf-16-le"),
    "crlf-bom.txt": codecs.BOM_UTF8 + _paper_like("正文（张三，2020）。").replace("\n", "\r\n").encode(),
    "no-list.txt": "正文（张三，2020）和（李四，2021）。\n".encode(),
    "unnumbered.txt": "正文（张三，2020）。\n\n参考文献\n张三.(2020).题名.刊名,1(1),1-2.\n".encode(),
    "unbalanced.txt": _paper_like("正文（张三，2020。又（（（李四，2021））））[[[1]]（（").encode(),
    "long-line.txt": _paper_like("长" * 100_000 + "（张三，2020）").encode(),
    "nested-quotes.txt": _paper_like("“他说‘她说“它说‘很深’”’”（张三，2020:1）").encode(),
    "many-footnotes.txt": ("正文。" + "".join(f"句{i}。①" for i in range(1000)) + "\n\n"
                           + "\n\n".join(f"① 张三.题名{i}[M].北京:中华书局,2001:{i}." for i in range(1000)) + "\n").encode(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_bytes(CASES[name])
    out = tmp_path / "reports"
    proc = _audit(target, out)
    assert "Traceback" not in proc.stderr, proc.stderr
    if proc.returncode == 2:
        assert len(proc.stderr.strip().splitlines()) == 1 and str(target) in proc.stderr
        assert not out.exists() or not list(out.glob("*.json"))
    else:
        assert proc.returncode == 0, proc.stderr
        report = json.loads((out / f"{target.stem}.json").read_text(encoding="utf-8"))
        assert report["schema"] == "citeguard-report/1"
        assert (out / f"{target.stem}.html").stat().st_size > 0


def _entries(count: int) -> str:
    refs = "\n".join(f"[{i}] 作者{i % 97}.题名{i}[J].刊名,{1990 + i % 30}({i % 12 + 1}):{i}-{i + 5}." for i in range(1, count + 1))
    return "正文（作者1，1991）。\n\n参考文献\n\n" + refs + "\n"


def test_ten_thousand_entries_are_read_twenty_thousand_refused() -> None:
    doc = document_from_text(_entries(10_000))  # the limit (parse/limits.py MAX_ENTRIES)
    assert len(doc.references) == 10_000
    _, findings = audit(doc)
    assert all(f.line >= 5 for f in findings)  # a valid result (this generated list is clean)
    with pytest.raises(IngestError, match=r"^<text>: more than 10000 entries \(the limit\); not audited$"):
        document_from_text(_entries(20_000))


def test_fifty_megabyte_manuscript_is_refused_or_read(tmp_path: Path) -> None:
    target = tmp_path / "huge.txt"
    target.write_bytes(b"a" * (51 * 1024 * 1024))
    proc = _audit(target, tmp_path / "r")
    assert proc.returncode == 2 and "limit" in proc.stderr and "Traceback" not in proc.stderr


def test_interrupted_write_leaves_no_half_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("previous report", encoding="utf-8")

    def explode(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("citeguard.report.files.os.replace", explode)
    with pytest.raises(KeyboardInterrupt):
        write_report(target, "new report")
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_reference_paper_still_fine(tmp_path: Path) -> None:
    proc = _audit(PAPER, tmp_path)
    assert proc.returncode == 0, proc.stderr
