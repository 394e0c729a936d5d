"""Hostile sizes: manuscripts with a very large number of lines, citations, footnotes or entries
(issue 21, "Bounds"). Each case's generator, the size it is checked at, and the full
``citeguard audit`` run on it (every report: JSON, HTML, SARIF, ledger), with time and peak memory.

    python benchmarks/hostile_scale.py [CASE[=SIZE] ...] [--scale F] [--repeat N]

``--scale 4`` runs each case at four times its size (a refusal is what most of them should then
get). Figures before and after are in docs/benchmarks.md ("Hostile input");
tests/test_hostile_scale.py runs each case in CI at a quarter of its size and at its size (the
growth must be linear) and each beyond-the-limit case as a one-line refusal.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ZH = "# 标题\n\n摘要：本文研究了某问题。\n\n关键词：测试\n\n## 1 引言\n\n"
EN = "# Title\n\nAbstract: We study a problem.\n\nKeywords: test\n\n## 1 Introduction\n\n"
EN_REFS = ("\n\n## References\n\nSmith, J., & Jones, K. (2020). A study. Journal of Tests, 5(2), 1-10.\n"
           "Brown, A. (2019). Another study. Journal of Tests, 4(1), 11-20.\n")
ZH_ENTRY = "张三. 某研究[J]. 经济研究, 2020, 55(3): 1-10."
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal .docx whose body is these paragraphs (text escaped by the caller)."""
    import io
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{RELS}" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def name(i: int) -> str:
    """Letters-only distinct names: aaaa, baaa, …"""
    return "".join("abcdefghijklmnopqrstuvwxyz"[(i // 26 ** k) % 26] for k in range(4))


def zh_name(i: int) -> str:
    """A Chinese name, distinct for the first 20,000: 张一丁 …"""
    return "张王李赵刘陈杨黄周吴"[i % 10] + chr(0x4E00 + (i * 7919) % 20000) + chr(0x4E00 + (i * 104729) % 20000)


Files = dict[str, str | bytes]
# name: (generator of the files for size n, the size checked in CI, the manuscript's extension)
CASES: dict[str, tuple[Callable[[int], Files], int, str]] = {
    # the cases
    "docx_cited_paragraphs": (lambda n: {"main.docx": docx_bytes(
        ["正文（张三，2020）。"] * n + ["参考文献", ZH_ENTRY])}, 10_000, ".docx"),
    "md_footnotes": (lambda n: {"main.md": ZH + "".join(f"正文{i}。[^{i}]\n\n" for i in range(1, n + 1)) + "".join(
        f"[^{i}]: 张三. 题名{i}[M]. 北京: 人民出版社, 2001: {i}.\n" for i in range(1, n + 1))}, 5_000, ".md"),
    "md_one_note_cited": (lambda n: {"main.md": ZH + "正文[^1]" * n + "\n\n[^1]: 张三. 题名[M]. 北京: 人民出版社, 2001.\n"},
                          19_000, ".md"),
    "author_year_citations": (lambda n: {"main.md": EN + "As shown (Smith & Jones, 2020).\n\n" * n + EN_REFS},
                              10_000, ".md"),
    "one_paragraph_citations": (lambda n: {"main.md": EN + "As shown (Smith & Jones, 2020). " * n + EN_REFS},
                                10_000, ".md"),
    "list_entries": (lambda n: {"main.md": EN + "Intro [1].\n\n## References\n\n" + "".join(
        f"[{i}] Smith{name(i)} J. Title {i}[J]. Journal of Tests, 2020, 5(2): 1-10.\n" for i in range(1, n + 1))},
                     5_000, ".md"),
    # every entry with its own URL (each is a link checked, or reported as not checked)
    "entries_with_urls": (lambda n: {"main.md": ZH + "正文[1]。\n\n## 参考文献\n\n" + "".join(
        f"[{i}] 张三. 网页{i}[EB/OL]. (2020-01-01)[2021-01-01]. https://example.com/page/{i}.\n" for i in range(1, n + 1))},
                          2_500, ".md"),
    # each entry cited once: the JSON report looked at every citation for every entry
    "entries_each_cited": (lambda n: {"main.md": EN + "".join(f"Text (Smith{name(i)}, 2020).\n\n" for i in range(n))
                                      + "## References\n\n" + "".join(
        f"Smith{name(i)}, J. (2020). Title {i}. Journal of Tests, 5(2), 1-10.\n" for i in range(n))}, 8_000, ".md"),
    # a .bib of n entries, each cited once by key
    "bib_entries_cited": (lambda n: {
        "main.md": "---\nbibliography: refs.bib\n---\n\n" + EN + "".join(f"Text [@k{i}].\n\n" for i in range(n)),
        "refs.bib": "".join(f"@article{{k{i}, author={{Smith{name(i)}, John and Jones, Kim}}, title={{A study {i}}}, "
                            f"journal={{Journal of Tests}}, year={{2020}}, volume={{5}}, pages={{1--10}}}}\n" for i in range(n))},
                          2_500, ".md"),
    # n citations, n footnote marks, n footnotes and n entries at once (each cited once)
    "everything_at_once": (lambda n: {"main.md": ZH + "".join(f"正文（{zh_name(i)}，2020）。[^{i}]\n\n" for i in range(n))
                                      + "".join(f"[^{i}]: 张三. 题名{i}[M]. 北京: 人民出版社, 2001: {i}.\n" for i in range(n))
                                      + "\n## 参考文献\n\n" + "".join(
        f"{zh_name(i)}. 某研究{i}[J]. 经济研究, 2020, 55(3): 1-10.\n" for i in range(n))}, 2_500, ".md"),
    # n footnotes (each marked) and n entries: the costliest pair
    "notes_and_entries": (lambda n: {"main.md": ZH + "".join(f"正文{i}。[^{i}]\n\n" for i in range(n)) + "".join(
        f"[^{i}]: 张三. 题名{i}[M]. 北京: 人民出版社, 2001: {i}.\n" for i in range(n)) + "\n## 参考文献\n\n" + "".join(
        f"[{i}] {zh_name(i)}. 某研究{i}[J]. 经济研究, 2020, 55(3): 1-10.\n" for i in range(1, n + 1))}, 2_500, ".md"),
    # lines and paragraphs with nothing in them: every stage and the HTML text view go line by line
    "blank_lines": (lambda n: {"main.md": ZH + "\n" * n + "正文。\n"}, 50_000, ".md"),
    "short_paragraphs": (lambda n: {"main.md": ZH + "a\n\n" * n}, 20_000, ".md"),
    "docx_paragraphs": (lambda n: {"main.docx": docx_bytes(["正文。"] * n)}, 20_000, ".docx"),
}


# Past the limits, the sizes among them: (case, size, the limit its one-line refusal names)
BEYOND: list[tuple[str, int, str]] = [
    ("docx_cited_paragraphs", 170_000, "paragraphs"),  # the issue's: 57 s, 1.4 GB
    ("docx_cited_paragraphs", 30_000, "citations"),
    ("md_footnotes", 100_000, "lines"),  # the issue's: 50 s, 1.8 GB
    ("md_footnotes", 20_000, "footnotes"),  # the issue's: 10 s
    ("md_one_note_cited", 1_000_000, "footnote marks"),  # the issue's: out of memory
    ("author_year_citations", 200_000, "lines"),  # the issue's: > 60 s
    ("author_year_citations", 30_000, "citations"),
    ("one_paragraph_citations", 200_000, "citations"),
    ("list_entries", 50_000, "entries"),  # the issue's: 22 s
    ("notes_and_entries", 7_000, "footnotes + entries"),
    ("everything_at_once", 6_000, "footnotes + entries"),
    ("blank_lines", 1_000_000, "lines"),
    ("docx_paragraphs", 320_000, "paragraphs"),
]


def write_case(folder: Path, case: str, size: int) -> Path:
    """Write the case's files at ``size`` into ``folder``; the manuscript's path."""
    generate, _, ext = CASES[case]
    for file_name, content in generate(size).items():
        path = folder / file_name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder / f"main{ext}"


def audit_in_process(path: Path) -> str:
    """Read, audit and render every report of ``path`` in this process (what ``citeguard audit``
    does for one paper, without the files); the refusal's message, or ""."""
    from citeguard.api import load_with_source
    from citeguard.checks import audit
    from citeguard.ingest import IngestError
    from citeguard.ledger import build_ledger
    from citeguard.report.audit_json import AuditResult, render_report_json
    from citeguard.report.ci_formats import render_sarif
    from citeguard.report.html import render_html
    from citeguard.report.ledger_csv import render_ledger_csv
    try:
        source, document = load_with_source(path)
    except IngestError as exc:
        return str(exc)
    context, findings = audit(document)
    result = AuditResult(document, context.standard, context.paper_date, findings)
    render_report_json(result)
    ledger = build_ledger(document)
    render_html(result, source.text, ledger, lang=document.language.value)
    render_ledger_csv(ledger)
    render_sarif([result])
    return ""


def audit_command(path: Path, reports: Path, timeout: float = 120.0) -> tuple[float, float, int, int, str]:
    """``citeguard audit PATH --offline`` with every report: (seconds, CPU seconds, peak MB, exit
    code, stderr). CPU time is what to compare on a busy machine: wall time includes waiting."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", "import resource, sys, runpy; sys.argv[0] = 'citeguard'\n"
                           "try:\n    runpy.run_module('citeguard', run_name='__main__')\nfinally:\n"
                           "    use = resource.getrusage(resource.RUSAGE_SELF)\n"
                           "    print(use.ru_utime + use.ru_stime, use.ru_maxrss, file=sys.stderr)",
                           "audit", str(path), "--offline", "--no-cache", "-q", "--fail-on", "never",
                           "--reports-dir", str(reports)], capture_output=True, text=True, timeout=timeout, check=False)
    seconds = time.perf_counter() - started
    *said, usage = proc.stderr.strip().splitlines() or ["0 0"]
    cpu, peak = usage.split()
    return seconds, float(cpu), int(peak) // 1024, proc.returncode, "\n".join(said)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("cases", nargs="*", help="cases to run, CASE or CASE=SIZE (default: all at their size)")
    parser.add_argument("--scale", type=float, default=1.0, help="run each case at this multiple of its size")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the fastest is printed")
    parser.add_argument("--beyond", action="store_true", help="run the cases past the limits (BEYOND) instead")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take")
    args = parser.parse_args()
    runs: list[tuple[str, int]] = [(case, size) for case, size, _ in BEYOND] if args.beyond else []
    for wanted in args.cases:
        case, _, size = wanted.partition("=")
        runs.append((case, int(size) if size else CASES[case][1]))
    if not runs:
        runs = [(case, size) for case, (_, size, _) in CASES.items()]
    for case, size in runs:
        n = int(size * args.scale)
        with tempfile.TemporaryDirectory() as folder:
            path = write_case(Path(folder), case, n)
            kb = sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file()) // 1024
            try:
                seconds, cpu, peak, code, said = min(audit_command(path, Path(folder) / "reports", args.timeout)
                                                     for _ in range(args.repeat))
            except subprocess.TimeoutExpired:
                print(f"{case:24s} n={n:<8d} {kb:>7d} KB  more than {args.timeout:.0f} s", flush=True)
                continue
            outcome = "report" if code in (0, 1) else said.splitlines()[-1] if said else f"exit {code}"
            print(f"{case:24s} n={n:<8d} {kb:>7d} KB {seconds:6.2f} s ({cpu:5.2f} s CPU) {peak:5d} MB  {outcome}",
                  flush=True)


if __name__ == "__main__":
    main()
