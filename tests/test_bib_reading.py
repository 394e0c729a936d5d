"""How a LaTeX thesis's .bib files are read and held to GB/T 7714 (false classes found by reading
born-digital theses, issue 22): each case a small project of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeguard.api import audit_file

from .rulekit import audit_files

SMITH_BOOK = "@book{smith, author = {Smith, J}, title = {A book}, year = {2020}, publisher = {P}, address = {A}}\n"
CONF = "@inproceedings{{c, author = {{Wang, Li}}, title = {{A study of things}}, booktitle = {{Proc. X}}, " \
       "year = {{2020}}, pages = {{1--9}}{extra}}}\n"


def _thesis(tmp_path: Path, bib: str, *, style: str = "gbt7714-numerical", body: str = "见\\cite{c}。",
            more: str = "") -> list[tuple[str, str]]:
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "main.tex").write_text(
        "\\documentclass{ctexart}\\begin{document}\n本文研究新质生产力与对外开放的关系。" + body + "\n" + more
        + f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex")
    return [(f.code, f.message) for f in found if f.severity.value in ("warning", "error")]


@pytest.mark.parametrize(("extra", "style", "lacks_publisher"), [
    ("", "gbt7714-numerical", True),                            # no publisher at all: GB/T 7714 wants one
    (", organization = {ACM}", "gbt7714-numerical", False),      # the style prints the organization there
    (", publisher = {IEEE}", "gbt7714-numerical", False),
    (", url = {https://openreview.net/forum?id=SJU4ayYgl}", "gbt7714-numerical", False),  # online: [s.n.], info
    (", doi = {10.1000/xyz123}", "gbt7714-numerical", False),
    (", url = {https://openreview.net/forum?id=SJU4ayYgl}, year = {}", "gbt7714-numerical", True),  # no year too
    ("", "plain", False),                                         # a thesis printing its list in plain style
    ("", "unsrtnat", False),
])
def test_a_conference_paper_s_publisher(tmp_path: Path, extra: str, style: str, lacks_publisher: bool) -> None:
    found = _thesis(tmp_path, CONF.format(extra=extra), style=style)
    assert any(code == "CG305" and "publisher" in message for code, message in found) is lacks_publisher


def test_an_entry_whose_brace_opens_on_the_next_line_is_read(tmp_path: Path) -> None:
    """ "@book\\n{\\n  key," is BibTeX syntax too: its key is defined (no CG112), on its own line."""
    bib = "@book\n{\n  c,\n  author = {Wang, Li},\n  title = {书名},\n  address = {北京},\n  publisher = {中华书局},\n" \
          "  year = {2020}\n}\n"
    assert not [m for code, m in _thesis(tmp_path, bib) if code == "CG112"]


def test_a_url_with_line_breaks_around_it_is_a_clean_url(tmp_path: Path) -> None:
    bib = CONF.format(extra=", publisher = {IEEE}, url = {\n  https://doi.org/10.1000/x\n  \n}")
    assert not [m for code, m in _thesis(tmp_path, bib) if code == "CG501"]


def test_a_missing_plot_named_by_input_is_no_missing_text(tmp_path: Path) -> None:
    """\\input{relu.pgf} is a plot exported as TeX: missing from the folder, it held no citations."""
    found = _thesis(tmp_path, CONF.format(extra=", publisher = {IEEE}"), more="\\input{relu.pgf}\n\\input{chap2}\n")
    missing = [m for code, m in found if code == "CG908"]
    assert len(missing) == 1 and "chap2.tex" in missing[0]


@pytest.mark.parametrize(("doi_b", "pages_b", "repeat"), [
    ("10.1000/a", "1--2", True),
    ("10.1000/b", "", False),      # an abstract (no pages) and the article: one title, two DOIs, two works
    ("10.1000/b", "1--2", True),   # a proceedings paper and its reprint in a journal issue: the same pages
    ("", "", True),                # one DOI, nothing else to tell them apart: a repeat
])
def test_one_title_with_two_dois_is_two_works(tmp_path: Path, doi_b: str, pages_b: str, repeat: bool) -> None:
    entry = "@article{{{k}, author = {{Lee, M}}, title = {{Quantum gates with trapped ions}}, journal = {{J}}, " \
            "year = {{2005}}, volume = {{1}}, pages = {{{pages}}}{doi}}}\n"
    bib = entry.format(k="c", pages="1--2", doi=", doi = {10.1000/a}") + entry.format(
        k="d", pages=pages_b, doi=f", doi = {{{doi_b}}}" if doi_b else "")
    found = _thesis(tmp_path, bib, body="见\\cite{c}和\\cite{d}。")
    assert any(code == "CG302" for code, _ in found) is repeat


@pytest.mark.parametrize(("title", "authors", "langid", "contradicts"), [
    ("我国草原牧区可持续发展的科学基础与实践", "Li, LingHao and Zhang, WenHao and Bai, YongFei", "chinese", False),
    ("我国草原牧区可持续发展的科学基础与实践", "Li, LingHao and Zhang, WenHao", "english", True),
    ("Grassland management in northern China", "Li, LingHao and Zhang, WenHao", "chinese", True),
    ("Grassland management in northern China", "Li, LingHao and Zhang, WenHao", "english", False),
    ("VirusTotal", "", "chinese", False),           # no author: nothing the field switches is printed (info)
    ("LIEF project", "{LIEF}", "chinese", False),   # a body as the author: the same
])
def test_the_language_field_against_the_title(tmp_path: Path, title: str, authors: str, langid: str,
                                              contradicts: bool) -> None:
    bib = (f"@article{{c, title = {{{{{title}}}}}, author = {{{authors}}}, journal = {{Chinese Science Bulletin}}, "
           f"year = {{2016}}, volume = {{61}}, number = {{2}}, pages = {{155--164}}, langid = {{{langid}}}}}\n")
    assert any(code == "CG313" for code, _ in _thesis(tmp_path, bib)) is contradicts


def test_a_thesis_class_s_own_cite_command_cites(tmp_path: Path) -> None:
    """\\inlinecite (thuthesis), \\citenum (natbib), \\Textcite (biblatex) cite like \\cite: their
    entries are not "never cited"."""
    bib = "".join(f"@book{{{k}, author = {{Wang, Li}}, title = {{书名{k}}}, address = {{北京}}, "
                  f"publisher = {{中华书局}}, year = {{2020}}}}\n" for k in ("c", "d", "e", "f"))
    found = _thesis(tmp_path, bib, body="见\\cite{c}、\\inlinecite{d}、\\citenum{e}与\\Textcite{f}。", style="thuthesis-numeric")
    assert not [m for code, m in found if code in ("CG102", "CG112")]


def test_citedate_is_the_access_date(tmp_path: Path) -> None:
    bib = "@misc{c, author = {IBM}, title = {Quantum devices}, url = {https://example.org/q}, " \
          "citedate = {2019-05-01}, year = {2018}}\n"
    assert not [m for code, m in _thesis(tmp_path, bib) if code == "CG305" and "access date" in m]


def test_a_key_cited_exactly_leaves_its_case_variant_uncited(tmp_path: Path) -> None:
    """biber matches keys exactly: with both @Bendsoe2003 and @bendsoe2003 in the .bib, \\cite{Bendsoe2003}
    prints the first only — the other is not printed, so not "never cited"."""
    entry = "@book{{{k}, author = {{Bendsoe, Martin}}, title = {{Topology optimization {k}}}, address = {{Berlin}}, " \
            "publisher = {{Springer}}, year = {{2003}}}}\n"
    found = _thesis(tmp_path, entry.format(k="Bendsoe2003") + entry.format(k="bendsoe2003"), body="见\\cite{Bendsoe2003}。")
    assert not [m for code, m in found if code == "CG102"]


@pytest.mark.parametrize(("pages", "malformed"), [
    ("V001T01A003--V001T01A003", False),  # an ASME paper number as both ends of a range
    ("Tu5A.2", False),                    # an OFC paper number
    ("19.6.1--19.6.4", False),            # IEDM pages numbered by section
    ("4.4--4.18", False),                 # pages numbered by chapter
    ("1.5:1--1.5:16", False),             # ACM: article 1.5, its pages 1-16
    ("335.01", False),                    # an AAS meeting abstract's number
    ("38-1--38-4", False),                # AGU: article 38, its pages 1-4
    ("30--25", True),
])
def test_paper_numbers_in_the_pages_field(tmp_path: Path, pages: str, malformed: bool) -> None:
    bib = CONF.format(extra=", publisher = {IEEE}").replace("1--9", pages)
    assert any(code == "CG205" for code, _ in _thesis(tmp_path, bib)) is malformed


def test_a_pandoc_thesis_names_its_bibliography_in_a_metadata_file(tmp_path: Path) -> None:
    """config.yaml beside thesis.md (pandoc --metadata-file) names references.bib, with a YAML comment."""
    _, found = audit_files(tmp_path, {"references.bib": SMITH_BOOK,
                                      "config.yaml": "title: A thesis\nbibliography: references.bib # see the pandoc manual\n",
                                      "thesis.md": "# Introduction\n\nAs shown before [@smith].\n\n# References\n"},
                           "thesis.md")
    assert not [f for f in found if f.code in ("CG112", "CG905", "CG906", "CG908")]


def test_pandoc_crossref_references_are_no_citations(tmp_path: Path) -> None:
    """{+@eq:bellman} and [@fig:map] point at the thesis's own equation and figure (pandoc-crossref)."""
    _, found = audit_files(tmp_path, {"references.bib": SMITH_BOOK, "thesis.md": "---\nbibliography: references.bib\n---"
                                      "\n\n# One\n\nAs {+@eq:bellman} and [@fig:map] show [@smith].\n\n$$ x $$ {#eq:bellman}\n"},
                           "thesis.md")
    assert not [f for f in found if f.code in ("CG112", "CG906")]


@pytest.mark.parametrize(("pages", "flagged"), [("741", False), ("741--760", True)])
def test_a_cited_page_against_an_article_s_one_number(tmp_path: Path, pages: str, flagged: bool) -> None:
    """MDPI's "pages = {741}" is the article's number: page 16 cited is no contradiction; a range is."""
    (tmp_path / "references.bib").write_text(
        f"@article{{raj, author = {{Raj, A}}, title = {{A study}}, journal = {{Electronics}}, year = {{2020}}, "
        f"volume = {{9}}, pages = {{{pages}}}}}\n", encoding="utf-8")
    (tmp_path / "thesis.md").write_text("---\nbibliography: references.bib\n---\n\nAs shown [@raj, p. 16].\n",
                                        encoding="utf-8")
    _, found = audit_file(tmp_path / "thesis.md")
    assert any(f.code == "CG201" for f in found) is flagged


def test_a_macro_that_throws_its_argument_away_cites_nothing(tmp_path: Path) -> None:
    """\\newcommand{\\nop}[1]{} keeps a draft paragraph out of the output: its \\cite is never read."""
    bib = CONF.format(extra=", publisher = {IEEE}")
    found = _thesis(tmp_path, bib, body="见\\cite{c}。\\nop{旧稿：见\\cite{gone2020}与{嵌套}\\cite{gone2021}。}",
                    more="\\newcommand{\\nop}[1]{}\n")
    assert not [m for code, m in found if code == "CG112"]
    assert [m for code, m in _thesis(tmp_path, bib, body="见\\cite{c}。\\mbox{见\\cite{gone2020}}")
            if code == "CG112"]  # an argument that is printed still cites


def test_a_macro_parameter_is_no_key(tmp_path: Path) -> None:
    bib = CONF.format(extra=", publisher = {IEEE}")
    found = _thesis(tmp_path, bib, more="\\newcommand{\\citen}[1]{\\cite{#1}}\n")
    assert not [m for code, m in found if code == "CG112"]


def test_author_year_prose_in_a_latex_comment_is_no_citation(tmp_path: Path) -> None:
    bib = CONF.format(extra=", publisher = {IEEE}")
    found = _thesis(tmp_path, bib, more="% authoryear: cite as Jones (1995) or (Jones, 1995)\n")
    assert not [m for code, m in found if code.startswith("CG10")]


def test_a_bibliography_named_in_the_thesis_class(tmp_path: Path) -> None:
    """sysuthesis.cls's \\makereferences runs \\bibliography{main}: the manuscript names no .bib itself."""
    _, found = audit_files(tmp_path, {
        "main.bib": CONF.format(extra=", publisher = {IEEE}"),
        "mythesis.cls": "\\newcommand{\\makereferences}{\\bibliographystyle{gbt7714-numerical}\\bibliography{main}}\n",
        "main.tex": "\\documentclass{mythesis}\\begin{document}\n本文研究新质生产力。见\\cite{c}。\n\\makereferences\n"
                    "\\end{document}\n"}, "main.tex")
    assert not [f for f in found if f.code in ("CG112", "CG905")]


@pytest.mark.parametrize("loader", ["\\documentclass[bib-resource={src/ref.bib}]{fduthesis}",
                                    "\\documentclass{article}\\xjtubib{src/ref}"])
def test_a_bibliography_loaded_by_a_class_option_or_macro_is_found_by_its_keys(tmp_path: Path, loader: str) -> None:
    """A class that loads the .bib by an option or a macro of its own: the .bib files of the folder
    that define the cited keys are read (here src/ref.bib, not the template's sample.bib)."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ref.bib").write_text(CONF.format(extra=", publisher = {IEEE}"), encoding="utf-8")
    (tmp_path / "sample.bib").write_text("@book{demo, title = {Demo}, year = {2000}}\n", encoding="utf-8")
    (tmp_path / "main.tex").write_text(f"{loader}\n\\begin{{document}}\n本文研究新质生产力。见\\cite{{c}}。\n"
                                       "\\printbibliography\n\\end{document}\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex")
    assert not [f for f in found if f.code in ("CG112", "CG905")]


@pytest.mark.parametrize(("loader", "twice"), [("\\addbibresource{refs.bib}", False), ("\\bibliography{refs}", True)])
def test_a_percent_line_in_a_bib_file_is_a_comment_for_biber_only(tmp_path: Path, loader: str, twice: bool) -> None:
    entry = "@book{c, author = {Wang, Li}, title = {书名}, address = {北京}, publisher = {中华书局}, year = {2020}}\n"
    (tmp_path / "refs.bib").write_text(entry + "% " + entry, encoding="utf-8")
    (tmp_path / "main.tex").write_text(f"\\documentclass{{ctexart}}\n{loader}\n\\begin{{document}}\n本文研究。见\\cite{{c}}。\n"
                                       "\\end{document}\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex")
    assert any(f.code == "CG312" for f in found) is twice


def test_a_thesis_and_the_conference_paper_drawn_from_it_are_two_works(tmp_path: Path) -> None:
    bib = ("@inproceedings{c, author = {Donnelly, K}, title = {Impacts of global climate change}, booktitle = {Proc},"
           " year = {2005}, publisher = {ASCE}, address = {Reston}, pages = {1--12}}\n"
           "@mastersthesis{d, author = {Donnelly, K}, title = {Impacts of global climate change}, "
           "school = {Colorado State University}, address = {Fort Collins}, year = {2005}}\n")
    assert not [m for code, m in _thesis(tmp_path, bib, body="见\\cite{c}和\\cite{d}。") if code == "CG302"]


def test_the_bib_search_reads_nothing_outside_the_manuscript_s_folder(tmp_path: Path) -> None:
    """A .bib linked in from outside the folder that defines the cited key is not read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ref.bib").write_text(CONF.format(extra=", publisher = {IEEE}"), encoding="utf-8")
    paper_dir = tmp_path / "paper"
    paper_dir.mkdir()
    (paper_dir / "ref.bib").symlink_to(outside / "ref.bib")
    (paper_dir / "main.tex").write_text("\\documentclass[bib-resource={ref.bib}]{fduthesis}\n\\begin{document}\n"
                                        "见\\cite{c}。\n\\end{document}\n", encoding="utf-8")
    doc, _ = audit_file(paper_dir / "main.tex")
    assert not doc.references


def test_a_hand_typed_thebibliography_list_is_the_reference_list(tmp_path: Path) -> None:
    """\\bibitem{key} entries are the printed list: \\cite{key} links to them, every item counts
    (cited or not), and "(SoCTA 2024)" inside an item is the entry's text, not an author-year citation.
    A .bib beside the manuscript defining the same keys is not what is printed."""
    (tmp_path / "refs.bib").write_text("@book{a, title = {Other}, year = {2000}}\n", encoding="utf-8")
    (tmp_path / "main.tex").write_text(
        "\\documentclass{ctexart}\\begin{document}\n本文研究雷达目标识别\\cite{a}，另见\\cite{b}。\n"
        "\\begin{thebibliography}{99}\n"
        "\\bibitem{a} 刘旗．基于元学习的小样本雷达目标识别技术 [D]．长沙：国防科技大学，2021．\n"
        "\\bibitem{b} Antony L T, Kumar S N. Demystifying wavelets [C]//Proceedings of the 9th Smart Trends in "
        "Computing (SoCTA 2024). Singapore: Springer, 2024: 1-9.\n"
        "\\bibitem{c} 句彦伟．反导系统及目标识别技术 [J]．现代雷达，2016，38(4): 8-14.\n"
        "\\end{thebibliography}\n\\end{document}\n", encoding="utf-8")
    doc, found = audit_file(tmp_path / "main.tex")
    assert [r.key for r in doc.references] == ["a", "b", "c"] and [r.number for r in doc.references] == [1, 2, 3]
    assert all(c.reference is not None for c in doc.citations)
    assert not [f for f in found if f.code in ("CG101", "CG112")]
    assert [f.references for f in found if f.code == "CG102"] == [(3,)]


@pytest.mark.parametrize(("pages", "malformed"), [("V2-285 - V2-288", False), ("V2-285 - V3", True)])
def test_pages_of_a_numbered_volume_of_proceedings(tmp_path: Path, pages: str, malformed: bool) -> None:
    bib = CONF.format(extra=", publisher = {IEEE}").replace("1--9", pages)
    assert any(code == "CG205" for code, _ in _thesis(tmp_path, bib)) is malformed


def test_a_macro_the_manuscript_defines_to_cite_cites(tmp_path: Path) -> None:
    """\\DeclareRobustCommand*{\\citen}[1]{… \\cite{#1} …}: \\citen{key} cites the entry."""
    bib = CONF.format(extra=", publisher = {IEEE}") + CONF.format(extra=", publisher = {IEEE}").replace("{c,", "{d,")
    found = _thesis(tmp_path, bib, body="见\\cite{c}与\\citen{d}，函数\\code{BSpline}。",
                    more="\\newcommand{\\code}[1]{\\texttt{#1}}\n"  # (a definition just before is not a citing one)
                         "\\DeclareRobustCommand*{\\citen}[1]{\\begingroup\\setcitestyle{numbers}\\cite{#1}\\endgroup}\n")
    assert not [m for code, m in found if code in ("CG102", "CG112", "CG906")]


def test_a_citation_command_citeguard_does_not_know_is_said_once_and_holds_back_never_cited(tmp_path: Path) -> None:
    """\\upcite{d} from a class citeguard cannot read: one low-confidence note naming it, and the
    entry it cites is not reported as never cited (it is information at most)."""
    bib = CONF.format(extra=", publisher = {IEEE}") + CONF.format(extra=", publisher = {IEEE}").replace("{c,", "{d,")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "main.tex").write_text("\\documentclass{ctexart}\\begin{document}\n本文研究新质生产力。见\\cite{c}与\\upcite{d}。"
                                       "\\nocite{*}\n\\bibliographystyle{gbt7714-numerical}\n\\bibliography{refs}\n"
                                       "\\end{document}\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex")
    notes = [f for f in found if f.code == "CG906"]
    assert len(notes) == 1 and "\\upcite" in notes[0].message and notes[0].confidence.value == "low"
    assert not [f for f in found if f.code == "CG102" and f.severity.value != "info"]


def test_a_journal_given_as_a_macro_is_a_journal(tmp_path: Path) -> None:
    """journal = {\\apj}: astronomy's journal macros print the journal's name."""
    bib = "@article{c, author = {Wang, Li}, title = {Planets}, journal = {\\apj}, year = {2010}, volume = {7}, " \
          "pages = {1--9}}\n"
    assert not [m for code, m in _thesis(tmp_path, bib) if code == "CG305"]


def test_an_empty_chapter_file_is_nothing_unchecked(tmp_path: Path) -> None:
    """An \\input chapter still empty (acknowledgements to come) holds no citation: no CG908."""
    (tmp_path / "thanks.tex").write_text("\n\n", encoding="utf-8")
    found = _thesis(tmp_path, CONF.format(extra=", publisher = {IEEE}"), more="\\input{thanks}\n")
    assert not [m for code, m in found if code == "CG908"]


def test_a_bibliography_named_by_a_class_option_is_the_one_read(tmp_path: Path) -> None:
    """whu-thesis's `bibliography = {refs}`: refs.bib is read, not an old copy in ref/ that also
    defines the cited keys (its repeats would be no repeats of the printed list)."""
    (tmp_path / "ref").mkdir()
    entry = CONF.format(extra=", publisher = {IEEE}")
    (tmp_path / "refs.bib").write_text(entry, encoding="utf-8")
    (tmp_path / "ref" / "refs.bib").write_text(entry + entry, encoding="utf-8")
    (tmp_path / "main.tex").write_text("\\documentclass{whu-thesis}\n\\whusetup{info = {bibliography = {refs}}}\n"
                                       "\\begin{document}\n本文研究新质生产力。见\\cite{c}。\n\\end{document}\n",
                                       encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex")
    assert not [f for f in found if f.code in ("CG112", "CG312", "CG905")]


def test_place_and_publisher_written_in_the_address(tmp_path: Path) -> None:
    bib = "@book{c, author = {Wang, Li}, title = {A handbook}, address = {Hoboken, NJ, USA: Wiley}, year = {2015}}\n"
    assert not [m for code, m in _thesis(tmp_path, bib) if code == "CG305"]


def test_langid_written_in_chinese_says_chinese(tmp_path: Path) -> None:
    bib = "@article{c, author = {孟超恒}, title = {{飞行器控制研究}}, journal = {航空学报}, year = {2020}, volume = {4}, " \
          "pages = {1--9}, langid = {中文}}\n"
    assert not [m for code, m in _thesis(tmp_path, bib) if code == "CG313"]


@pytest.mark.parametrize(("loader", "severity"), [("\\bibliography{refs}", "info"), ("\\addbibresource{refs.bib}", "warning")])
def test_a_key_in_another_case_matters_under_biber_only(tmp_path: Path, loader: str, severity: str) -> None:
    """BibTeX matches \\cite{C} to @book{c} (warning in its log); biber finds nothing."""
    (tmp_path / "refs.bib").write_text(CONF.format(extra=", publisher = {IEEE}"), encoding="utf-8")
    (tmp_path / "main.tex").write_text(f"\\documentclass{{ctexart}}\n{loader}\n\\begin{{document}}\n本文研究。见\\cite{{C}}。\n"
                                       "\\end{document}\n", encoding="utf-8")
    _, found = audit_file(tmp_path / "main.tex")
    assert [f.severity.value for f in found if f.code == "CG112"] == [severity]


def test_cross_reference_labels_cited_are_not_missing_works(tmp_path: Path) -> None:
    """\\cite{fig:framework} (a class sending \\autoref to \\cite): said once as information, not an
    error that the bibliography lacks a work."""
    bib = "@article{c, author = {Li, Lin}, title = {T}, journal = {J}, year = {2020}, volume = {1}, pages = {1--2}}\n"
    found = _thesis(tmp_path, bib, body="见\\cite{c}和\\cite{fig:framework}，\\cite{tab:results}。")
    assert not [m for code, m in found if code == "CG112"]
    _, all_found = audit_file(tmp_path / "main.tex")
    (note,) = [f for f in all_found if f.code == "CG112"]
    assert note.severity.value == "info" and "fig:framework" in note.message


def test_an_entry_without_its_closing_brace_is_read_as_bibtex_reads_it(tmp_path: Path) -> None:
    """BibTeX reads an entry that lacks its closing brace up to the next @: its key is defined (no
    "no entry" error), and the missing brace is said once as what could not be read cleanly."""
    bib = ("@article{c, author = {Li, Lin}, title = {T}, journal = {J}, year = {2020}, volume = {1}, pages = {1--2},\n"
           "@article{d, author = {Wu, Min}, title = {U}, journal = {J}, year = {2021}, volume = {2}, pages = {3--4}}\n")
    found = _thesis(tmp_path, bib, body="见\\cite{c}和\\cite{d}。")
    assert not [m for code, m in found if code == "CG112"]
    _, all_found = audit_file(tmp_path / "main.tex")
    assert [f.message for f in all_found if f.code == "CG901"] == [
        "the entry @c lacks its closing brace (BibTeX reads its fields up to the next entry)"]


def test_a_key_given_as_an_alias_cites_its_entry(tmp_path: Path) -> None:
    """biblatex's ids = {…}: biber resolves a citation of an alias to the entry that lists it."""
    bib = ("@article{Wang_2019a, ids = {wangStability2019b, wang2019}, author = {Wang, Lin}, title = {Stability}, "
           "journal = {J}, year = {2019}, volume = {42}, number = {5}, pages = {1116--1129}}\n")
    found = _thesis(tmp_path, bib, body="见\\cite{wangStability2019b}。",
                    more="\\usepackage[backend=biber,style=gb7714-2015]{biblatex}\n")
    assert not [m for code, m in found if code in ("CG112", "CG102")], found
