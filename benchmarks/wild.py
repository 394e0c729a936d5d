"""How citeguard reads real published manuscripts: the measures of docs/accuracy.md "Real manuscripts".

    .venv/bin/python benchmarks/wild.py [--corpus ../shared/corpus] [--set wild] [--rows rows.tsv]

For every manuscript of each set (``wild/*.md``, or the files a set's ``MANUSCRIPTS`` names) it
reads, links and audits offline, then prints per set and per citation system:

* list found: papers where entries were read, of the papers that have a list (``wild`` uses the
  hand-made labels in ``benchmarks/wild/labels.tsv``; elsewhere every paper with citations);
* linked: per paper, the share of citations (numeric, author-year, keyed) linked to an entry, or
  for footnote papers the share of footnote marks paired with a footnote; median and the share of
  papers at 0.90 or more;
* key: per paper, the share of entries read with their link key (a number in a numbered list,
  else authors and year);
* errors and warnings per paper (median, mean);
* Markdown footnotes: definitions read and marks paired, against a count made here with a plain
  regex (fenced code skipped), independent of citeguard's reader;
* audit time: median milliseconds per paper for read + parse + link + rules, in-process.

The citation system of a ``wild`` paper is its label's; where a paper is unlabelled, citeguard's.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from citeguard.api import load_document
from citeguard.checks import audit
from citeguard.ingest import IngestError
from citeguard.model import CitationSystem, Document, Severity

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).resolve().parent / "wild" / "labels.tsv"
SETS = ("wild", "wild-joss", "wild-latex", "wild-mdnotes")

# A Markdown footnote definition at a line start: [^3]: text   [^note]: text
_MD_DEF_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
# A Markdown footnote mark anywhere: text[^3]
_MD_MARK_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass
class Row:
    """The measures of one manuscript."""

    set: str
    name: str
    system: str
    has_list: bool
    list_found: bool
    citations: int
    linked: float | None
    entries: int
    keyed: float | None
    errors: int
    warnings: int
    ms: float
    md_defs: int = 0
    md_defs_read: int = 0
    md_marks: int = 0
    md_marks_paired: int = 0
    counted: bool | None = None  # entries found within 10 % (or one) of the labelled count
    codes: dict[str, int] = field(default_factory=dict)


def _labels(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def _manuscripts(folder: Path) -> list[Path]:
    listed = folder / "MANUSCRIPTS"
    if listed.exists():
        return [folder / line.strip() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sorted(p for p in folder.glob("*.md") if p.name != "README.md")


def _md_footnotes(text: str) -> tuple[set[str], list[str]]:
    """Definition labels and mark labels of a Markdown text, outside fenced code."""
    defs: set[str] = set()
    marks: list[str] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE_RE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        d = _MD_DEF_RE.match(line)
        if d:
            defs.add(d.group(1))
            line = line[d.end():]
        marks.extend(m.group(1) for m in _MD_MARK_RE.finditer(line))
    return defs, marks


def _system(doc: Document, label: dict[str, str] | None) -> str:
    if label and label.get("citation_system") in ("numeric", "author-year", "footnote", "none"):
        return label["citation_system"]
    if label and label.get("citation_system"):
        return "mixed"
    if doc.system is CitationSystem.NONE and doc.markers:
        return "footnote"
    return str(doc.system)


def measure(set_name: str, path: Path, label: dict[str, str] | None) -> Row | None:
    t0 = time.perf_counter()
    try:
        doc = load_document(path)
    except IngestError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return None
    _, findings = audit(doc)
    ms = (time.perf_counter() - t0) * 1000
    system = _system(doc, label)
    if system == "footnote":
        marks = [m for m in doc.markers]
        linked = sum(1 for m in marks if m.footnote) / len(marks) if marks else None
        count = len(marks)
    else:
        cited = [c for c in doc.citations]
        linked = sum(1 for c in cited if c.reference is not None) / len(cited) if cited else None
        count = len(cited)
    refs = doc.references
    keyed = (sum(1 for r in refs if r.number is not None or r.key or (r.authors and (r.year or r.damaged_year))) / len(refs)
             if refs else None)
    has_list = (label or {}).get("has_list", "y" if doc.citations else "n") == "y"
    expected = (label or {}).get("n_entries", "")
    counted = abs(len(refs) - int(expected)) <= max(1, int(expected) // 10) if expected.isdigit() else None
    codes: dict[str, int] = {}
    for f in findings:
        if f.severity is not Severity.INFO:
            codes[f"{f.code}:{f.severity.value[0]}"] = codes.get(f"{f.code}:{f.severity.value[0]}", 0) + 1
    row = Row(set_name, path.name if set_name == "wild" else str(path.relative_to(path.parents[1])), system,
              has_list, bool(refs), count, linked, len(refs), keyed,
              sum(1 for f in findings if f.severity is Severity.ERROR),
              sum(1 for f in findings if f.severity is Severity.WARNING), ms, codes=codes, counted=counted)
    if path.suffix == ".md":
        defs, marks = _md_footnotes(path.read_text(encoding="utf-8", errors="replace"))
        if defs or marks:
            read = {f.symbol[2:-1] for f in doc.footnotes if f.symbol.startswith("[^")}
            row.md_defs, row.md_defs_read = len(defs), len(defs & read)
            paired = {m.symbol[2:-1] for m in doc.markers if m.footnote and m.symbol.startswith("[^")}
            row.md_marks, row.md_marks_paired = len(marks), sum(1 for m in marks if m in paired and m in defs)
    return row


def _med(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "–"


def summarise(rows: list[Row]) -> list[str]:
    out = ["| set | system | papers | list found | entries ±10 % | linked, median | papers ≥ 0.90 linked | key, median "
           "| errors median / mean | warnings median / mean | ms median |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for set_name in dict.fromkeys(r.set for r in rows):
        in_set = [r for r in rows if r.set == set_name]
        groups = [("all", in_set)] + [(s, [r for r in in_set if r.system == s])
                                      for s in ("numeric", "author-year", "footnote", "key", "mixed", "none")]
        for system, group in groups:
            if not group or (system != "all" and len(group) == len(in_set)):
                continue
            with_list = [r for r in group if r.has_list]
            found = sum(1 for r in with_list if r.list_found)
            counted = [r.counted for r in group if r.counted is not None]
            counts = f"{sum(counted)}/{len(counted)}" if counted else "–"
            linked = [r.linked for r in group if r.linked is not None]
            keyed = [r.keyed for r in group if r.keyed is not None]
            errors = [r.errors for r in group]
            warnings = [r.warnings for r in group]
            out.append(
                f"| {set_name} | {system} | {len(group)} | {found}/{len(with_list)} | {counts} | {_med(linked)} | "
                f"{sum(1 for v in linked if v >= 0.9)}/{len(linked)} | {_med(keyed)} | "
                f"{statistics.median(errors):.0f} / {statistics.mean(errors):.2f} | "
                f"{statistics.median(warnings):.0f} / {statistics.mean(warnings):.2f} | "
                f"{statistics.median(r.ms for r in group):.1f} |")
    md = [r for r in rows if r.md_defs or r.md_marks]
    if md:
        defs = sum(r.md_defs for r in md)
        marks = sum(r.md_marks for r in md)
        out.append("")
        out.append(f"Markdown footnotes ({len(md)} documents): definitions read "
                   f"{sum(r.md_defs_read for r in md)}/{defs} = {sum(r.md_defs_read for r in md) / max(defs, 1):.3f}; "
                   f"marks paired {sum(r.md_marks_paired for r in md)}/{marks} = "
                   f"{sum(r.md_marks_paired for r in md) / max(marks, 1):.3f}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--set", action="append", choices=SETS, help="a set to measure (default: all)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--rows", type=Path, help="write one TSV row per manuscript here")
    parser.add_argument("--only", help="measure only manuscripts whose name contains this")
    args = parser.parse_args()
    labels = _labels(args.labels)
    rows: list[Row] = []
    for set_name in args.set or SETS:
        folder = args.corpus / set_name
        if not folder.is_dir():
            print(f"{folder}: not found, skipped", file=sys.stderr)
            continue
        for path in _manuscripts(folder):
            if args.only and args.only not in str(path):
                continue
            row = measure(set_name, path, labels.get(path.name) if set_name == "wild" else None)
            if row is not None:
                rows.append(row)
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as fh:
            fh.write("set\tname\tsystem\thas_list\tlist_found\tcounted\tcitations\tlinked\tentries\tkeyed\terrors\twarnings\t"
                     "ms\tmd_defs\tmd_defs_read\tmd_marks\tmd_marks_paired\tcodes\n")
            for r in rows:
                fh.write("\t".join(str(v) for v in (
                    r.set, r.name, r.system, r.has_list, r.list_found, r.counted, r.citations,
                    "" if r.linked is None else f"{r.linked:.3f}", r.entries,
                    "" if r.keyed is None else f"{r.keyed:.3f}", r.errors, r.warnings, f"{r.ms:.1f}",
                    r.md_defs, r.md_defs_read, r.md_marks, r.md_marks_paired,
                    " ".join(f"{k}={v}" for k, v in sorted(r.codes.items())))) + "\n")
    print("\n".join(summarise(rows)))


if __name__ == "__main__":
    main()
