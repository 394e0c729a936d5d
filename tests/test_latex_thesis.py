"""A LaTeX thesis (ctexbook + gbt7714, \\include'd and \\input'ted chapters, one .bib) audits to the
problems planted in it, and nothing else — each checked by reading corpus/latex-thesis/."""

from __future__ import annotations

from pathlib import Path

from citeguard.api import audit_file
from citeguard.model import CitationSystem, Language

THESIS = Path(__file__).resolve().parent.parent / "corpus" / "latex-thesis"


def test_thesis_findings() -> None:
    doc, findings = audit_file(THESIS / "main.tex")
    assert doc.language is Language.ZH  # the prose is Chinese; the preamble's English markup does not count
    assert doc.system is CitationSystem.KEY
    got = sorted((f.code, Path(f.path).name if f.path else "main.tex", f.line) for f in findings)
    assert got == sorted([
        ("CG112", "ch1.tex", 11),      # \cite{wang2025shuzi}: no such key in refs.bib
        ("CG312", "refs.bib", 131),    # sun2019kaifang defined twice (line 131 is the second)
        ("CG305", "refs.bib", 74),     # @marx2009wenji: a book without its place of publication
        ("CG313", "refs.bib", 35),     # @luo2024xinzhi: Chinese entry with language = {english}
        ("CG315", "refs.bib", 45),     # @jiang2024quyu: a journal article, 2024(2), without its pages
    ])
    # @tong2024duplicate (line 121, a copy of @tong2024xinzhi) and @unused2017 (line 139) are never
    # cited: BibTeX prints only cited entries, so neither "never cited" nor "duplicate" applies
    assert not [f for f in findings if f.path and f.line in (121, 139)]
    severity = {f.code: f.severity.value for f in findings}
    assert severity["CG305"] == "warning"  # a .bib entry's print depends on its style: not sure enough for an error


def test_every_cited_key_but_one_is_linked() -> None:
    doc, _ = audit_file(THESIS / "main.tex")
    keys = [(c.key, c.reference is not None) for c in doc.citations]
    assert len(keys) == 13  # 8 in chapter 1, 5 in chapter 2; the commented-out \cite is not one
    assert [k for k, linked in keys if not linked] == ["wang2025shuzi"]
    pages = {c.key: c.pages for c in doc.citations if c.pages}
    assert pages == {"jiang2024quyu": ("12",), "marx2009wenji": ("35",), "hall2004institutions": ("50",)}
