"""Hostile LaTeX and Pandoc projects: cycles, broken or binary .bib files, runaway includes.
Each must give a valid document (with findings) or a one-line error — never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import audit_file
from citeguard.ingest import IngestError

CASES: dict[str, dict[str, bytes]] = {
    "self-include": {"m.tex": b"\\input{m}\n\\input{a}\nText \\cite{k}.\n\\bibliography{r}\n",
                     "a.tex": b"\\input{m}\\input{a}\nMore \\cite{k}.\n",
                     "r.bib": b"@book{k, author={A, B}, title={T}, publisher={P}, year={2001}}\n"},
    "binary-bib": {"m.tex": b"Text \\cite{k}.\n\\bibliography{r}\n", "r.bib": bytes(range(256)) * 20},
    "unbalanced-bib": {"m.tex": b"Text \\cite{k}.\n\\bibliography{r}\n",
                       "r.bib": b"@article{k, title={Open {brace, year=2001\n@book{j, title={T}}\n"},
    "empty-bib": {"m.tex": b"Text \\cite{k}.\n\\bibliography{r}\n", "r.bib": b""},
    "input-directory": {"m.tex": b"\\input{sub}\nText.\n", "sub.tex/x": b"not a file"},
    "many-inputs": {"m.tex": b"".join(b"\\input{c%d}\n" % i for i in range(400)),
                    **{f"c{i}.tex": b"Part \\cite{k%d}.\n" % i for i in range(400)}},
    "yaml-bib-missing": {"p.md": b"---\nbibliography: [gone.bib, also-gone.bib]\n---\nText [@k].\n"},
    "yaml-unclosed": {"p.md": b"---\nbibliography: r.bib\nText [@k].\n"},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_project(tmp_path: Path, name: str) -> None:
    files = CASES[name]
    for rel, data in files.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    main = tmp_path / next(iter(files))
    try:
        doc, findings = audit_file(main)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    assert doc.path == str(main)
    codes = {f.code for f in findings}
    expected = EXPECT.get(name)
    if expected is not None:
        assert expected(doc, codes), (name, sorted(codes), len(doc.citations))


EXPECT = {
    "self-include": lambda doc, codes: len(doc.citations) == 2,  # m.tex and a.tex once each, no loop
    "binary-bib": lambda doc, codes: "CG908" in codes or "CG112" in codes,
    "empty-bib": lambda doc, codes: "CG112" in codes,  # the key is in no (empty) bibliography
    "many-inputs": lambda doc, codes: 0 < len(doc.citations) <= 200,  # at most MAX_INCLUDES files followed
    "yaml-bib-missing": lambda doc, codes: "CG908" in codes,
}
