"""Manuscripts written in the styles of Chinese journals (issue 22): each round's planted slips found, and
its findings as an editor judged them at the round's first reading.

    .venv/bin/python benchmarks/written.py [--root benchmarks/written] [--round 12]

Each round folder (``round10`` …) holds, in its parts ``a/`` and ``b/`` (two writers), manuscripts
helpers wrote in the house styles of named journals
(《经济研究》, 《中国工业经济》, 《社会学研究》, 《心理学报》, 《中华护理杂志》, APA, Chicago, IEEE, LaTeX with
gbt7714 or biblatex, Word .docx …), each internally consistent except for the slips the writer planted
and recorded in each part's ``PLANTED.tsv`` (file, line, what), and ``findings.tsv``: the errors and warnings
citeguard reported on the round at its first reading, each judged true or false by a helper who read
the manuscripts only (verdict, reason). The writers saw no code and no earlier round; the readers saw no
code and no answer key.

Prints, per round: the planted slips found now (a finding at warning or above on the slip's line of its
file), the first reading's precision (errors and warnings true), and how many findings judged false
are still reported now at their place. Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from citeguard.api import audit_file
from citeguard.ingest import IngestError
from citeguard.model import Finding, Severity

ROOT = Path(__file__).resolve().parent.parent
MANUSCRIPT = (".txt", ".md", ".docx", ".tex")


def manuscripts(folder: Path) -> list[Path]:
    """The round's manuscripts: every .txt, .md, .docx and .tex with \\documentclass, not the .txt twin
    of a .docx nor a chapter a main file includes."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in MANUSCRIPT or not path.is_file():
            continue
        if path.suffix == ".txt" and path.with_suffix(".docx").exists():
            continue
        if path.suffix == ".tex" and "\\documentclass" not in path.read_text(encoding="utf-8", errors="replace"):
            continue
        if path.suffix == ".md" and any(p.suffix == ".yaml" for p in path.parent.iterdir()) and \
                path.parent != folder and path.name != "chapter.md":
            continue
        out.append(path)
    return out


def _raised(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity.rank >= Severity.WARNING.rank]


def _place(f: Finding, manuscript: Path) -> tuple[str, int]:
    """The file name and line a finding stands at."""
    return (Path(f.path).name if f.path else manuscript.name), f.line


def measure(folder: Path) -> None:
    found: dict[str, list[tuple[str, int, str, str]]] = {}  # manuscript's folder-relative path → places
    for path in manuscripts(folder):
        try:
            _, findings = audit_file(path)
        except IngestError as exc:
            print(f"  {path.relative_to(folder)}: {exc}")
            continue
        found[str(path.relative_to(folder))] = [(*_place(f, path), f.code, f.message) for f in _raised(findings)]
    planted = [row for part in sorted(folder.glob("*/PLANTED.tsv")) for row in _rows(part, folder)]
    hits = 0
    for row in planted:
        name, line = Path(row["file"]).name, int(row["line"])
        if any(n == name and at == line for places in found.values() for n, at, _, _ in places):
            hits += 1
        else:
            print(f"  missed: {row['file']}:{line} {row['what'][:100]}")
    judged = _rows(folder / "findings.tsv", folder)
    errors = [r for r in judged if r["severity"] == "error"]
    warnings = [r for r in judged if r["severity"] == "warning"]
    true_e = sum(1 for r in errors if r["verdict"].strip().lower() == "true")
    true_w = sum(1 for r in warnings if r["verdict"].strip().lower() == "true")
    still = 0
    for r in judged:
        if r["verdict"].strip().lower() != "false":
            continue
        name = r["line"].rsplit(":", 1)[0] if ":" in r["line"] else Path(r["file"]).name
        line = int(r["line"].rsplit(":", 1)[-1])
        if any(Path(name).name == n and at == line and code == r["code"]
               for places in found.values() for n, at, code, _ in places):
            still += 1
    false = len(judged) - true_e - true_w
    reading = (f"first reading: errors {true_e}/{len(errors)}, warnings {true_w}/{len(warnings)} true; judged false "
               f"and still reported: {still}/{false}") if judged else "no independent reading (a development round)"
    print(f"{folder.name}: {len(found)} manuscripts; planted slips found {hits}/{len(planted)}; {reading}")


def _rows(path: Path, folder: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT / "benchmarks" / "written")
    parser.add_argument("--round", action="append", help="only this round (10, 11 …)")
    args = parser.parse_args()
    for folder in sorted(p for p in args.root.iterdir() if p.is_dir() and p.name.startswith("round")):
        if args.round and folder.name.removeprefix("round") not in args.round:
            continue
        measure(folder)


if __name__ == "__main__":
    main()
