"""Reference managers' fields (issue 25): a Word manuscript with N field-coded citations of each
program and N entries inside its bibliography field, audited in-process; prints the seconds to read
and audit it, the citations read and linked, and the field findings (none expected: the paper is clean).

    .venv/bin/python benchmarks/fields.py [--n 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeguard.api import audit_file  # noqa: E402
from tests.docxbuild import raw_docx, run  # noqa: E402
from tests.fieldkit import BIBLIOGRAPHY, Work, bibliography, endnote, field, noteexpress, noteexpress_var, zotero  # noqa: E402


def paper(folder: Path, manager: str, n: int) -> Path:
    works = [Work(f"ID{i:05d}", f"Author{chr(65 + i % 26)}x{i}", "John", f"A study of open economies number {i}",
                  str(1990 + i % 30)) for i in range(1, n + 1)]
    doc_vars: dict[str, str] = {}
    cites = []
    for i, w in enumerate(works, start=1):
        if manager == "zotero":
            cites.append(field(zotero([w], f"[{i}]"), f"[{i}]"))
        elif manager == "endnote":
            cites.append(endnote([w], f"[{i}]", as_data=True))
        else:
            guid = f"{i:08d}-1111-2222-3333-444455556666"
            name, value = noteexpress_var(guid, [w])
            doc_vars[name] = value
            cites.append(noteexpress(guid, f"[{i}]"))
    body = [run("开放经济研究")] + [run("研究表明") + c + run("。") for c in cites] + [run("参考文献")]
    entries = [f"[{i}] {w.family.upper()} J. {w.title}[J]. {w.journal}, {w.year}, 5(1): 1-9." for i, w in enumerate(works, 1)]
    key = manager if manager != "endnote" else "endnote"
    return raw_docx(folder / f"{manager}.docx", body + bibliography(entries, BIBLIOGRAPHY[key]), doc_vars=doc_vars)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        for manager in ("zotero", "endnote", "noteexpress"):
            path = paper(Path(tmp), manager, n)
            start = time.perf_counter()
            document, found = audit_file(path)
            took = time.perf_counter() - start
            linked = sum(1 for k in document.field_links if k.reference is not None)
            fields = [f for f in found if "CG115" <= f.code <= "CG122"]
            print(f"{manager:12} {n} citations: read and audited in {took:.2f} s; field citations "
                  f"{len(document.field_citations)}, items linked {linked}/{len(document.field_links)}, "
                  f"field findings {len(fields)}")


if __name__ == "__main__":
    main()
