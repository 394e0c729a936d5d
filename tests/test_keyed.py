"""Pandoc Markdown and LaTeX manuscripts with a .bib file: keyed citations, linked by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import load_document
from citeguard.checks import audit
from citeguard.model import CitationKind, CitationSystem
from citeguard.parse.bib import find_latex, find_pandoc

from .conftest import REAL


@pytest.mark.parametrize(("text", "expected"), [
    ("as shown [@Smith2020].", [("Smith2020", False, ())]),
    ("see [see @a, p. 12; @b, pp. 3-5]", [("a", False, ("12",)), ("b", False, ("3-5",))]),
    ("@Calinon2007 introduced", [("Calinon2007", True, ())]),
    ("@Smith2020 [p. 33] says", [("Smith2020", True, ("33",))]),
    ("mail a@b.org or [@x]", [("x", False, ())]),
])
def test_pandoc(text: str, expected: list[tuple[str, bool, tuple[str, ...]]]) -> None:
    assert [(c.key, c.narrative, c.pages) for c in find_pandoc(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    (r"\cite{a,b}", [("a", False, ()), ("b", False, ())]),
    (r"\citep[p.~5]{a}", [("a", False, ("5",))]),
    (r"\citep[see][12--14]{a}", [("a", False, ("12-14",))]),
    (r"\citet{a} and \textcite{b}", [("a", True, ()), ("b", True, ())]),
    (r"\parencite*{a}\footcite[7]{b}", [("a", False, ()), ("b", False, ("7",))]),
])
def test_latex(text: str, expected: list[tuple[str, bool, tuple[str, ...]]]) -> None:
    assert [(c.key, c.narrative, c.pages) for c in find_latex(text)] == expected


def test_joss_paper_links_every_key() -> None:
    doc = load_document(next(p for p in REAL if p.name == "en-joss-gmr-paper.md"))
    assert doc.system is CitationSystem.KEY
    assert len(doc.references) == 8 and all(r.key and r.span.path.endswith(".bib") for r in doc.references)
    assert len(doc.citations) == 8 and all(c.reference is not None for c in doc.citations)
    _, findings = audit(doc)
    assert [f.code for f in findings if f.severity.value != "info"] == ["CG908"]  # paper.bib was renamed


BIB = """@article{zhou2023,
  author = {周文 and 许凌云},
  title = {论新质生产力},
  journal = {改革},
  year = {2023},
  number = {10},
  pages = {1--13},
  language = {zh}
}

@book{xi2025,
  author = {习近平},
  title = {习近平谈治国理政:第5卷},
  address = {北京},
  publisher = {外文出版社},
  year = {2025}
}

@book{unused,
  author = {张三},
  title = {没有被引用的书},
  address = {北京},
  publisher = {中华书局},
  year = {2001}
}

@article{zhou2023,
  author = {周文},
  title = {重复的键},
  journal = {改革},
  year = {2023}
}
"""

TEX = r"""\documentclass{article}
\begin{document}
新质生产力的内涵\citep[p.~5]{zhou2023}，习近平\citet[191]{xi2025}指出，另见\cite{missing2020}。
\bibliography{refs}
\end{document}
"""


def test_latex_project(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "main.tex").write_text(TEX, encoding="utf-8")
    doc = load_document(tmp_path / "main.tex")
    assert [(c.key, c.reference is not None, c.pages) for c in doc.citations] == [
        ("zhou2023", True, ("5",)), ("xi2025", True, ("191",)), ("missing2020", False, ())]
    assert all(c.kind is CitationKind.KEY for c in doc.citations)
    _, findings = audit(doc)
    got = {(f.code, f.path.endswith("refs.bib"), f.line) for f in findings}
    assert ("CG112", False, 3) in got  # \cite{missing2020}
    # @book{unused} (line 19 of refs.bib) is never cited, but BibTeX prints only cited entries:
    # no "never cited" and no "missing element" for it
    assert not {(code, line) for code, on_bib, line in got if on_bib and line == 19}
    assert all(ref.key != "unused" for ref in doc.references)
    assert ("CG312", True, 27) in got  # the second @article{zhou2023 starts on line 27


def test_missing_bibliography_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("---\nbibliography: nowhere.bib\n---\n\nText [@a].\n", encoding="utf-8")
    doc = load_document(tmp_path / "p.md")
    _, findings = audit(doc)
    assert "CG908" in {f.code for f in findings}


def test_latex_input_files_are_followed(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "one.tex").write_text("第一章\\cite{zhou2023}。\n\n另见\\cite{nokey}。\n", encoding="utf-8")
    (tmp_path / "main.tex").write_text("\\begin{document}\n\\input{chapters/one}\n% \\input{ignored}\n"
                                       "\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    doc = load_document(tmp_path / "main.tex")
    assert [(c.key, c.span.path.endswith("one.tex"), c.span.line) for c in doc.citations] == [
        ("zhou2023", True, 1), ("nokey", True, 3)]
    _, findings = audit(doc)
    (undefined,) = [f for f in findings if f.code == "CG112"]
    assert undefined.path.endswith("one.tex") and undefined.line == 3


def test_comments_verbatim_and_code_cite_nothing(tmp_path: Path) -> None:
    (tmp_path / "r.bib").write_text("@book{k, author={A B}, title={T}, publisher={P}, year={2000}}\n", encoding="utf-8")
    (tmp_path / "m.tex").write_text("\\begin{document}\nA \\cite{k}. % old \\cite{gone}\n50\\% done\n"
                                    "\\begin{verbatim}\n\\cite{verb}\n\\end{verbatim}\n\\bibliography{r}\n\\end{document}\n",
                                    encoding="utf-8")
    assert [c.key for c in load_document(tmp_path / "m.tex").citations] == ["k"]
    (tmp_path / "p.md").write_text("---\nbibliography: r.bib\n---\n\nText [@k] and `@inline`.\n\n```\nx = \"@decorator\"\n```\n",
                                   encoding="utf-8")
    assert [c.key for c in load_document(tmp_path / "p.md").citations] == ["k"]


def test_input_variants_and_missing_inputs(tmp_path: Path) -> None:
    (tmp_path / "r.bib").write_text("".join(f"@book{{k{i}, author={{A B}}, title={{T{i}}}, publisher={{P}}, year={{2000}}}}\n"
                                            for i in (1, 2, 3)), encoding="utf-8")
    for i in (1, 2, 3):
        (tmp_path / f"c{i}.tex").write_text(f"text \\cite{{k{i}}}\n", encoding="utf-8")
    (tmp_path / "m.tex").write_text("\\begin{document}\n\\input{c1}\\input{c2}\n\\input c3\n\\input{missing}\n"
                                    "\\bibliography{r}\n\\end{document}\n", encoding="utf-8")
    doc = load_document(tmp_path / "m.tex")
    assert sorted(c.key for c in doc.citations) == ["k1", "k2", "k3"]
    _, findings = audit(doc)
    codes = [f.code for f in findings]
    assert "CG102" not in codes and codes.count("CG908") == 1


def test_nocite_counts_as_cited(tmp_path: Path) -> None:
    (tmp_path / "r.bib").write_text("@book{k, author={A B}, title={T}, publisher={P}, year={2000}}\n", encoding="utf-8")
    (tmp_path / "m.tex").write_text("\\nocite{k}\n\\bibliography{r}\n", encoding="utf-8")
    _, findings = audit(load_document(tmp_path / "m.tex"))
    assert "CG102" not in {f.code for f in findings}


def test_yaml_date_chooses_the_standard(tmp_path: Path) -> None:
    from citeguard.model import Standard

    (tmp_path / "r.bib").write_text("@book{k, author={A B}, title={T}, publisher={P}, year={2000}}\n", encoding="utf-8")
    (tmp_path / "p.md").write_text("---\ntitle: x\ndate: 1 May 2024\nbibliography: r.bib\n---\n\nText [@k].\n",
                                   encoding="utf-8")
    ctx, _ = audit(load_document(tmp_path / "p.md"))
    assert ctx.paper_date == "2024-05-01" and ctx.standard is Standard.GB2015


def test_ledger_passages_carry_no_latex_markup(tmp_path: Path) -> None:
    from citeguard.ledger import build_ledger

    (tmp_path / "r.bib").write_text("@book{k, author={A B}, title={T}, publisher={P}, year={2000}}\n", encoding="utf-8")
    (tmp_path / "m.tex").write_text("% chapter file\n\\section{Chapter} As shown earlier \\citep[p.~3]{k}.\n"
                                    "\\bibliography{r}\n", encoding="utf-8")
    (row,) = build_ledger(load_document(tmp_path / "m.tex"))
    assert (row.page, row.quote) == ("3", "Chapter As shown earlier")


BIB_MANY = """@article{used2020,
  author = {Smith, John}, title = {Used work}, journal = {J}, year = {2020}, pages = {123:1--123:12}
}
@book{unused2019,
  author = {李明}, title = {没有出版地的书}, year = {2019}
}
@article{Mixed2021,
  author = {Lee, Kim}, title = {Mixed case key}, journal = {J}, year = {2021},
  author = {Lee, Kim}
}
"""

TEX_MANY = r"""\documentclass{article}
\newcommand{\foo}[1]{#1}
\algrenewcommand\algorithmicrequire[1]{\textbf{Input:}}
\begin{document}
% an old draft cited [2] and \cite{gone2000}
Text \cite{used2020} and \cite{mixed2021}.
\bibliography{refs}
\end{document}
"""


def test_bib_libraries_as_bibtex_prints_them(tmp_path: Path) -> None:
    """Uncited .bib entries are not printed: no "never cited", no "missing element" for them; a key
    differing only in case is one finding; "[1]" after a macro
    definition and "[2]" in a comment are no citations; ACM article-number pages are pages. The
    key's case is information here (BibTeX, which \\bibliography means, links it); under biber it
    is a warning (tests/test_bib_reading.py)."""
    (tmp_path / "refs.bib").write_text(BIB_MANY, encoding="utf-8")
    (tmp_path / "main.tex").write_text(TEX_MANY, encoding="utf-8")
    doc = load_document(tmp_path / "main.tex")
    assert [c.key for c in doc.citations] == ["used2020", "mixed2021"]  # no numeric "citations"
    assert [r.key for r in doc.references] == ["used2020", "Mixed2021"]  # the uncited entry is not one
    assert all(c.reference is not None for c in doc.citations)
    _, findings = audit(doc)
    got = sorted((f.code, f.severity.value) for f in findings)
    assert got == [("CG112", "info")]  # only the key's case; no CG102, CG305, CG205 or CG109
