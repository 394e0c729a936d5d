"""Precision by reading: the errors and warnings citeguard reports on a fixed sample of real papers,
each judged true or false by a person who read the paper, and the precision that follows.

    .venv/bin/python benchmarks/wild_precision.py [--sample tuned|untuned|holdout|final] [--corpus …] [--write]

Each sample is fixed by a rule chosen before any finding was looked at.  ``tuned``: the files of
``wild/`` sorted by name, every 8th one starting with the 8th (``sorted(names)[7::8]``, 40
papers), and — since OCR'd papers rarely leave a finding at error level — every manuscript of the
born-digital sets ``wild-joss``, ``wild-latex`` and ``wild-mdnotes``; its first reading guided
fixes, so its precision today is no longer an independent measure.  ``untuned``: every 8th file
starting with the 4th (``sorted(names)[3::8]``, 41 papers), read once after those fixes, then
fixed from in turn.  ``holdout``: every 8th starting with the 6th (``sorted(names)[5::8]``, 40
papers), read once, then fixed from.  ``final``: every 8th starting with the 2nd
(``sorted(names)[1::8]``, 41 papers), read once at the very end, nothing changed after it: the
honest figure for the code as it stands (docs/accuracy.md). Issue 22: ``ocr22``, every 8th
starting with the 7th (``sorted(names)[6::8]``), and ``born``, every born-digital manuscript
(``born_digital``), each read once by a reader who had not seen the change — then fixed from; their
second samples, read after those fixes and then fixed from: ``ocr22b``, every 8th starting with the
1st (``sorted(names)[0::8]``), and ``born22b`` (``wild-born2``: theses no earlier set holds); their
third, read and then fixed from: ``ocr22c`` (``sorted(names)[2::8]``) and ``born22c``
(``wild-born3``); their fourth, read and fixed from: ``ocr22d`` (``sorted(names)[4::8]``) and
``born22d`` (``wild-born4``); then born-digital ones only (every offset of ``wild`` was used):
``born22e`` … ``born22h`` (``wild-born5`` … ``wild-born8``), read and fixed from, and ``born22i``
(``wild-born9``: theses of other schools' classes, gathered by a new look-up order), read after the
last change.

The judgements live in ``benchmarks/wild/precision.tsv``, ``precision-untuned.tsv``,
``precision-holdout.tsv`` and ``precision-final.tsv`` (file, code, severity, confidence, line,
message, verdict, reason):
``verdict`` is ``true`` or ``false``, ``reason`` one line saying why.
Without ``--write`` the script compares today's findings with that file and prints the precision
of errors and of warnings over the judged rows, and lists findings nobody has judged yet (new
since the reading) and judged rows citeguard no longer reports.  With ``--write`` it rewrites the
file with today's findings, keeping the verdicts of the rows that are still reported.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from citeguard.api import load_document
from citeguard.checks import audit
from citeguard.model import Severity

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
JUDGED = {"tuned": HERE / "wild" / "precision.tsv",
          "untuned": HERE / "wild" / "precision-untuned.tsv",
          "holdout": HERE / "wild" / "precision-holdout.tsv",
          "final": HERE / "wild" / "precision-final.tsv",
          "ocr22": HERE / "wild" / "precision-ocr22.tsv",
          "born": HERE / "wild" / "precision-born.tsv",
          "ocr22b": HERE / "wild" / "precision-ocr22b.tsv",
          "born22b": HERE / "wild" / "precision-born22b.tsv",
          "ocr22c": HERE / "wild" / "precision-ocr22c.tsv",
          "born22c": HERE / "wild" / "precision-born22c.tsv",
          "ocr22d": HERE / "wild" / "precision-ocr22d.tsv",
          "born22d": HERE / "wild" / "precision-born22d.tsv",
          "born22e": HERE / "wild" / "precision-born22e.tsv",
          "born22f": HERE / "wild" / "precision-born22f.tsv",
          "born22g": HERE / "wild" / "precision-born22g.tsv",
          "born22h": HERE / "wild" / "precision-born22h.tsv",
          "born22i": HERE / "wild" / "precision-born22i.tsv"}
# sorted(wild)[START::8]
START = {"tuned": 7, "untuned": 3, "holdout": 5, "final": 1, "ocr22": 6, "ocr22b": 0, "ocr22c": 2, "ocr22d": 4}
# born-digital samples gathered after a reading
LATER_BORN = {"born22b": "wild-born2", "born22c": "wild-born3", "born22d": "wild-born4", "born22e": "wild-born5",
              "born22f": "wild-born6", "born22g": "wild-born7", "born22h": "wild-born8", "born22i": "wild-born9"}
BORN_ZH = HERE / "born-zh"  # manuscripts written for the team in the styles of Chinese journals
COLUMNS = ["file", "code", "severity", "confidence", "line", "message", "verdict", "reason"]


BORN_DIGITAL = ("wild-joss", "wild-latex", "wild-mdnotes")


def sample(corpus: Path, which: str = "tuned") -> list[Path]:
    if which == "born":
        return born_digital(corpus)
    if which in LATER_BORN:
        return later_born(corpus, LATER_BORN[which])
    names = sorted(p.name for p in (corpus / "wild").glob("*.md") if p.name != "README.md")
    out = [corpus / "wild" / name for name in names[START[which]::8]]
    for folder in BORN_DIGITAL if which == "tuned" else ():
        listed = corpus / folder / "MANUSCRIPTS"
        if listed.exists():
            out += [corpus / folder / line.strip() for line in listed.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
    return out


def born_digital(corpus: Path) -> list[Path]:
    """Every born-digital manuscript (issue 22's rule, fixed before any finding was read): each work
    of wild-born (its MAIN file, stored or rebuilt into files/ by its rebuild.sh), every manuscript
    wild-latex, wild-joss and wild-mdnotes list, and every manuscript of benchmarks/born-zh."""
    out: list[Path] = []
    sources = corpus / "wild-born" / "SOURCES.tsv"
    if sources.exists():
        with sources.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["description"].startswith("MAIN"):
                    stored = corpus / "wild-born" / row["local_file"]
                    out.append(stored if stored.exists() else corpus / "wild-born" / "files" / row["local_file"])
    for folder in BORN_DIGITAL:
        listed = corpus / folder / "MANUSCRIPTS"
        if listed.exists():
            out += [corpus / folder / line.strip() for line in listed.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
    out += sorted(p for p in BORN_ZH.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    return [p for p in out if p.exists()]


def later_born(corpus: Path, folder: str) -> list[Path]:
    """Issue 22's later born-digital samples, each gathered after the previous one was read (its rule
    fixed before any finding on it was seen): every MAIN file of ``FOLDER/SOURCES.tsv`` — real theses
    and papers from public repositories that no earlier set holds, rebuilt into ``FOLDER/files/`` by
    ``benchmarks/rebuild_sample.sh`` from their manifests in benchmarks/born22b/ … benchmarks/born22h/
    (their text is not stored here)."""
    sources = corpus / folder / "SOURCES.tsv"
    if not sources.exists():
        return []
    with sources.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["description"].startswith("MAIN")]
    return [p for p in (corpus / folder / r["local_file"] for r in rows) if p.exists()]


def _name(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix() if path.is_relative_to(corpus) else \
        path.relative_to(ROOT).as_posix()


def findings(paths: list[Path], corpus: Path) -> list[dict[str, str]]:
    rows = []
    for path in paths:
        _, found = audit(load_document(path))
        for f in found:
            if f.severity is Severity.INFO:
                continue
            rows.append({"file": _name(path, corpus), "code": f.code, "severity": f.severity.value,
                         "confidence": f.confidence.value, "line": f"{Path(f.path).name}:{f.line}" if f.path
                         else str(f.line),
                         "message": " ".join(f.message.split())[:300], "verdict": "", "reason": ""})
    return rows


def _key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return row["file"], row["code"], row["line"], row["message"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--sample", choices=sorted(JUDGED), default="tuned")
    parser.add_argument("--write", action="store_true", help="rewrite the judged file with today's findings")
    args = parser.parse_args()
    paths = sample(args.corpus, args.sample)
    judged_file = JUDGED[args.sample]
    if not paths:
        sys.exit(f"{args.corpus / 'wild'}: no papers")
    today = findings(paths, args.corpus)
    judged: dict[tuple[str, str, str, str], dict[str, str]] = {}
    if judged_file.exists():
        with judged_file.open(encoding="utf-8") as fh:
            judged = {_key(r): r for r in csv.DictReader(fh, delimiter="\t")}
    if args.write:
        for row in today:
            old = judged.get(_key(row))
            if old is not None:
                row["verdict"], row["reason"] = old["verdict"], old["reason"]
        with judged_file.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(today)
        print(f"{judged_file}: {len(today)} findings on {len(paths)} papers")
        return
    print(f"sample {args.sample}: {len(paths)} manuscripts; {len(today)} errors and warnings today")
    for severity in ("error", "warning"):
        first = [r for r in judged.values() if r["severity"] == severity and r["verdict"] in ("true", "false")]
        true = sum(1 for r in first if r["verdict"] == "true")
        if first:
            print(f"  all rows of the judged file ({severity}s): {true}/{len(first)} "
                  f"true = {true / len(first):.2f}")
    for severity in ("error", "warning"):
        rows = [judged.get(_key(r)) for r in today if r["severity"] == severity]
        read = [r for r in rows if r is not None and r["verdict"] in ("true", "false")]
        true = sum(1 for r in read if r["verdict"] == "true")
        share = f"{true / len(read):.2f}" if read else "–"
        print(f"{severity}s: {len(rows)} reported, {len(read)} judged, {true} true: precision {share}")
    unjudged = [r for r in today if _key(r) not in judged or judged[_key(r)]["verdict"] not in ("true", "false")]
    gone = [k for k in judged if k not in {_key(r) for r in today}]
    for row in unjudged:
        print(f"  not judged: {row['file']}:{row['line']} {row['code']} {row['message'][:100]}")
    print(f"{len(unjudged)} not judged; {len(gone)} judged rows no longer reported")


if __name__ == "__main__":
    main()
