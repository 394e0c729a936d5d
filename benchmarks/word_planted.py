"""Errors planted into copies of real Word manuscripts (issue 28): how many citeguard reports at
warning or above.

    .venv/bin/python benchmarks/word_planted.py FOLDER

For every .docx of FOLDER (never committed) one copy per kind of slip is made by editing its
document XML, where the slip can be planted in one text run: a numeric citation's number set past
the list's end; an author-year citation's year changed by one; a cited entry's paragraph removed;
a cited entry's paragraph duplicated. A slip counts as found when the copy has a warning or error
of the expected codes that the original does not have. Prints the share found per kind.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeguard.api import load_document  # noqa: E402
from citeguard.checks import audit  # noqa: E402
from citeguard.model import CitationKind, Document, Severity  # noqa: E402

EXPECTED = {"past-end": {"CG109", "CG301"}, "year": {"CG103", "CG101", "CG104"},
            "removed": {"CG109", "CG301", "CG101", "CG103", "CG909"}, "duplicated": {"CG302", "CG301"}}
# A w:t element's text: <w:t xml:space="preserve">text</w:t>
_T_RE = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")
# A paragraph of the body: <w:p …>…</w:p> (not nested)
_P_RE = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)


def _findings(data: bytes, name: str) -> Counter[tuple[str, str]]:
    path = Path("/tmp") / f"planted-{name}"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except Exception:  # an unreadable copy: nothing found
        return Counter()
    _, found = audit(doc)
    return Counter((f.code, f.message) for f in found if f.severity is not Severity.INFO)


def _replace_in_run(xml: str, old: str, new: str) -> str | None:
    """``xml`` with the first text run holding ``old`` changed to hold ``new``, or None."""
    for m in _T_RE.finditer(xml):
        if old in m.group(2):
            return xml[:m.start(2)] + m.group(2).replace(old, new, 1) + xml[m.end(2):]
    return None


def _paragraph_of(xml: str, text: str) -> re.Match[str] | None:
    for m in _P_RE.finditer(xml):
        if text in "".join(t.group(2) for t in _T_RE.finditer(m.group(0))):
            return m
    return None


def plants(doc: Document, xml: str) -> dict[str, str]:
    """The planted copies' document XML by kind (where the kind can be planted)."""
    out: dict[str, str] = {}
    numbered = [r for r in doc.references if r.number is not None]
    numeric = [c for c in doc.citations if c.kind is CitationKind.NUMERIC and c.reference and len(c.text) <= 6]
    if numbered and numeric:
        last = max(r.number or 0 for r in numbered)
        c = numeric[len(numeric) // 2]
        bumped = re.sub(r"\d+", str(last + 3), c.text, count=1)
        if (changed := _replace_in_run(xml, c.text, bumped)) is not None:
            out["past-end"] = changed
    dated = [c for c in doc.citations if c.kind is CitationKind.AUTHOR_YEAR and c.reference and c.year]
    if dated:
        c = dated[len(dated) // 2]
        year = c.year or ""
        changed = _replace_in_run(xml, c.text, c.text.replace(year, str(int(year) - 1), 1)) if year.isdigit() else None
        if changed is not None:
            out["year"] = changed
    cited = sorted({c.reference for c in doc.citations if c.reference})
    if cited:
        ref = doc.references[cited[len(cited) // 2] - 1]
        para = _paragraph_of(xml, ref.raw[:25].strip()) if len(ref.raw) >= 25 else None
        if para is not None:
            out["removed"] = xml[:para.start()] + xml[para.end():]
            out["duplicated"] = xml[:para.end()] + para.group(0) + xml[para.end():]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    tried: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed: list[str] = []
    for path in sorted(args.folder.glob("*.docx")):
        data = path.read_bytes()
        try:
            doc = load_document(path)
        except Exception:
            continue
        before = _findings(data, "original.docx")
        archive = zipfile.ZipFile(io.BytesIO(data))
        xml = archive.read("word/document.xml").decode("utf-8")
        for kind, changed in plants(doc, xml).items():
            out = io.BytesIO()
            try:
                with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                    for item in archive.infolist():
                        copy.writestr(item.filename, changed.encode("utf-8") if item.filename == "word/document.xml"
                                      else archive.read(item.filename))
            except (zipfile.BadZipFile, OSError) as exc:  # a member Word itself skips: the copy is not made
                print(f"  skipped {path.name} ({exc})")
                break
            after = _findings(out.getvalue(), f"{kind}.docx")
            new = after - before
            tried[kind] += 1
            if any(code in EXPECTED[kind] for code, _ in new):
                found[kind] += 1
            else:
                missed.append(f"{path.name}: {kind}")
    for kind in EXPECTED:
        if tried[kind]:
            print(f"{kind}: found {found[kind]}/{tried[kind]} ({found[kind] / tried[kind]:.2f})")
    total, hit = sum(tried.values()), sum(found.values())
    print(f"all: {hit}/{total} ({hit / max(1, total):.2f}) at warning or above (target 0.95)")
    for line in missed:
        print("  missed " + line)


if __name__ == "__main__":
    main()
