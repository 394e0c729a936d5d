"""Reading reference managers' fields from Word (issue 25): the five programs' citation fields and
bibliography fields, read into items with their records and linked to the printed entries by
those records; then each failure the issue names planted into a clean paper, found once at its
place, and nothing on the clean paper (CG115–CG122, one table)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from citeguard.api import audit_file, load_document
from citeguard.managed import Manager
from tests.docxbuild import raw_docx, run
from tests.fieldkit import (
    BIBLIOGRAPHY,
    Work,
    bibliography,
    endnote,
    field,
    noteexpress,
    noteexpress_var,
    word_citation,
    word_sources,
    zotero,
)

WORKS = [Work("AB12CD34", "Smith", "John", "Trade and growth in open economies", "2020", doi="10.1000/trade.2020"),
         Work("EF56GH78", "Lee", "Kim", "Innovation under uncertainty", "2019"),
         Work("JK90LM12", "周", "文", "新质生产力的理论逻辑", "2023", journal="经济研究")]
ENTRIES = ["[1] SMITH J. Trade and growth in open economies[J]. Journal of Economics, 2020, 5(1): 1-9. "
           "DOI:10.1000/trade.2020.",
           "[2] LEE K. Innovation under uncertainty[J]. Journal of Economics, 2019, 3(2): 10-19.",
           "[3] 周文. 新质生产力的理论逻辑[J]. 经济研究, 2023, 58(1): 4-16."]
EXTRA_ENTRY = "[4] WANG L. Exports and firms[J]. World Economy, 2018, 2(1): 3-9."
CODES = ("CG115", "CG116", "CG117", "CG118", "CG119", "CG120", "CG121", "CG122")


class Paper:
    """A numeric Chinese paper citing works through one program's fields."""

    def __init__(self, manager: str) -> None:
        self.manager = manager
        self.doc_vars: dict[str, str] = {}
        self.library: dict[str, Work] = {}

    def cite(self, works: list[Work], shown: str) -> str:
        """One citation field of ``works`` displaying ``shown`` (as the program formatted it)."""
        self.library.update({w.ident: w for w in works})
        if self.manager in ("zotero", "mendeley"):
            return field(zotero(works, shown, mendeley=self.manager == "mendeley"), shown)
        if self.manager == "endnote":
            return endnote(works, shown)
        if self.manager == "endnote-data":
            return endnote(works, shown, as_data=True)
        if self.manager == "noteexpress":
            guid = f"0000000{len(self.doc_vars)}-1111-2222-3333-444455556666"
            name, value = noteexpress_var(guid, works)
            self.doc_vars[name] = value
            return noteexpress(guid, shown)
        return word_citation([w.ident for w in works], shown)

    def write(self, path: Path, cites: list[tuple[list[Work], str]], entries: list[str], typed: str = "",
              english: bool = False) -> Path:
        words = ("Open economies and innovation", "Studies of open economies", ", ", ".", "References") if english \
            else ("开放经济与创新", "正文研究开放经济", "，", "。", "参考文献")
        body = run(words[1]) + "".join(self.cite(w, s) + run(words[2]) for w, s in cites) + run(typed + words[3])
        key = "endnote" if self.manager.startswith("endnote") else self.manager
        return raw_docx(path, [run(words[0]), body, run(words[4]), *bibliography(entries, BIBLIOGRAPHY[key])],
                        doc_vars=self.doc_vars, sources_xml=word_sources(list(self.library.values()))
                        if self.manager == "word" else "")


MANAGERS = ["zotero", "mendeley", "endnote", "endnote-data", "noteexpress", "word"]
CLEAN = [([WORKS[0]], "[1]"), ([WORKS[1]], "[2]"), ([WORKS[2]], "[3]")]


@pytest.mark.parametrize("manager", MANAGERS)
def test_each_program_s_fields_are_read_and_linked_by_their_records(tmp_path: Path, manager: str) -> None:
    document = load_document(Paper(manager).write(tmp_path / "p.docx", CLEAN, ENTRIES))
    expected = {"zotero": Manager.ZOTERO, "mendeley": Manager.MENDELEY, "endnote": Manager.ENDNOTE,
                "endnote-data": Manager.ENDNOTE, "noteexpress": Manager.NOTEEXPRESS, "word": Manager.WORD}[manager]
    assert [(c.manager, c.display, [i.title for i in c.items]) for c in document.field_citations] == [
        (expected, shown, [w.title for w in works]) for works, shown in CLEAN]
    assert [i.year for c in document.field_citations for i in c.items] == ["2020", "2019", "2023"]
    assert [(b.manager, b.paragraph, b.end_paragraph) for b in document.field_bibliographies] == [(expected, 4, 6)]
    assert [k.reference for k in document.field_links] == [1, 2, 3]  # by DOI, then by title
    assert document.field_links[0].how == "doi" and document.field_links[1].how == "title"


@pytest.mark.parametrize("manager", MANAGERS)
def test_a_clean_paper_written_with_fields_has_no_field_finding(tmp_path: Path, manager: str) -> None:
    _, found = audit_file(Paper(manager).write(tmp_path / "p.docx", CLEAN, ENTRIES))
    assert [(f.code, f.message) for f in found if f.code in CODES] == []


STALE = Work("NP34QR56", "Wang", "Li", "Exports and firms", "2018", journal="World Economy")
TWIN = Work("ST78UV90", "Smith", "John", "Trade and growth in open economies", "2020")
RETITLED = Work("AB12CD34", "Smith", "John", "Why nations fail to trade", "2020", doi="10.1000/trade.2020")
WRONG_YEAR = Work("AB12CD34", "Smith", "John", "Trade and growth in open economies", "2021")

Plant = Callable[[], tuple[list[tuple[list[Work], str]], list[str], str]]
PLANTED: list[tuple[str, Plant, str, str]] = [
    # a field cites a fourth work the bibliography (not refreshed) does not print
    ("cited, not listed", lambda: ([*CLEAN, ([STALE], "[4]")], ENTRIES, ""), "CG118", "Exports and firms"),
    # the bibliography prints an entry no field cites any more
    ("listed, not cited", lambda: (CLEAN, [*ENTRIES, EXTRA_ENTRY], ""), "CG119", "[4]"),
    # one work under two records of the library
    ("two records", lambda: ([*CLEAN, ([TWIN], "[1]")], ENTRIES, ""), "CG120", "AB12CD34"),
    # a citation typed by hand beside the fields
    ("typed", lambda: (CLEAN[:2], ENTRIES, "，又见[3]"), "CG121", "1 citation typed by hand"),
    # the printed entry says 2020, the record 2021
    ("record differs", lambda: ([([WRONG_YEAR], "[1]"), *CLEAN[1:]], ENTRIES, ""), "CG122", "record '2021', entry '2020'"),
    # linked by its DOI, the record carries another title than the entry prints
    ("title differs", lambda: ([([RETITLED], "[1]"), *CLEAN[1:]], ENTRIES, ""), "CG122", "title: record 'Why nations"),
]


@pytest.mark.parametrize("manager", ["zotero", "endnote", "noteexpress", "word"])
@pytest.mark.parametrize(("name", "plant", "code", "says"), PLANTED, ids=[p[0] for p in PLANTED])
def test_each_planted_failure_is_found_once(tmp_path: Path, manager: str, name: str, plant: Plant, code: str,
                                            says: str) -> None:
    cites, entries, typed = plant()
    _, found = audit_file(Paper(manager).write(tmp_path / "p.docx", cites, entries, typed))
    raised = [f for f in found if f.code in CODES]
    assert [f.code for f in raised] == [code], [(f.code, f.message) for f in raised]
    assert says in raised[0].message
    assert raised[0].severity.value == ("info" if code == "CG121" else "warning")


def test_a_field_in_a_footnote_is_read_at_its_note(tmp_path: Path) -> None:
    """A note-style paper: the citation field stands in footnote 1, edited by hand there (CG116)."""
    note = field(zotero([WORKS[0]], "Smith, Trade and growth, 2020."), "Smith, Trade and growth, 2021.")
    paper = raw_docx(tmp_path / "n.docx", [run("题目"), run("正文") + '<w:r><w:rPr><w:vertAlign w:val="superscript"/>'
                                          '</w:rPr><w:footnoteReference w:id="1"/></w:r>' + run("。")],
                     footnotes=[note])
    document, found = audit_file(paper)
    (cited,) = document.field_citations
    assert (cited.where, cited.paragraph, cited.items[0].title) == ("footnote", 1, WORKS[0].title)
    (edited,) = [f for f in found if f.code == "CG116"]
    assert document.location(edited.line, edited.column).startswith("footnote 1")


@pytest.mark.parametrize(("instruction", "data"), [
    (" ADDIN EN.CITE ", "bm90IGJhc2U2NCBvZiB4bWw="),  # EN.CITE.DATA that decodes to no record
    (" ADDIN NE.Ref.{99999999-1111-2222-3333-444455556666}", ""),  # NoteExpress without its document variable
    (' ADDIN ZOTERO_ITEM CSL_CITATION {"properties": {"plainCitation": ', ""),  # JSON cut off
])
def test_a_field_whose_data_cannot_be_read_is_said_once(tmp_path: Path, instruction: str, data: str) -> None:
    cites = field(instruction, "[1]", data=data) + run("，") + field(instruction, "[2]", data=data)
    paper = raw_docx(tmp_path / "u.docx", [run("题目"), run("正文") + cites + run("。"), run("参考文献"),
                                          run(ENTRIES[0]), run(ENTRIES[1])])
    _, found = audit_file(paper)
    raised = [f for f in found if f.code in CODES]
    assert [(f.code, f.severity.value, f.confidence.value) for f in raised] == [("CG117", "info", "low")]
    assert raised[0].message.startswith("2 citation field(s)")


def test_a_bibliography_in_another_language_is_one_low_note(tmp_path: Path) -> None:
    """Records in English, the list printed in Chinese: nothing matches — one note, not a finding per work."""
    works = [Work(f"ID{i}", "Zhang", "San", f"An English title number {i}", "2020") for i in range(1, 6)]
    entries = [f"[{i}] 张三. 中文题名第{i}篇[J]. 经济研究, 2020, 1(1): 1-9." for i in range(1, 6)]
    paper = Paper("zotero")
    _, found = audit_file(paper.write(tmp_path / "l.docx", [([w], f"[{i}]") for i, w in enumerate(works, 1)], entries))
    raised = [(f.code, f.severity.value) for f in found if f.code in CODES]
    assert raised == [("CG118", "info"), ("CG119", "info")]


def test_verify_asks_with_the_doi_the_field_record_carries(tmp_path: Path) -> None:
    """Entry [2] prints no DOI; its Zotero record has one: verify looks the work up by it."""
    from citeguard.cli.verify_cmd import VerifyOptions, verify_document

    lee = Work("EF56GH78", "Lee", "Kim", "Innovation under uncertainty", "2019", doi="10.1000/innovation.2019")
    paper = Paper("zotero").write(tmp_path / "v.docx", [CLEAN[0], ([lee], "[2]"), CLEAN[2]], ENTRIES)
    document = load_document(paper)
    assert document.references[1].doi is None
    refs, results, sent = verify_document(document, VerifyOptions(offline=True, no_cache=True))
    assert [r.doi for r in refs[:3]] == ["10.1000/trade.2020", "10.1000/innovation.2019", None]
    assert sent == 0 and len(results) == len(refs)


@pytest.mark.parametrize("manager", ["zotero", "endnote", "noteexpress", "word"])
def test_export_from_fields_writes_the_library_each_record_once(tmp_path: Path, manager: str) -> None:
    import json

    from citeguard.report.export_fields import render_fields_bibtex, render_fields_csl_json

    cites = [*CLEAN, ([WORKS[0]], "[1]")]  # the first work cited twice: exported once
    document = load_document(Paper(manager).write(tmp_path / "e.docx", cites, ENTRIES))
    items = json.loads(render_fields_csl_json(document))
    assert [(i["title"], i["issued"]["date-parts"][0][0]) for i in items] == [(w.title, int(w.year)) for w in WORKS]
    assert [i["id"] for i in items[:2]] == ["smith2020", "lee2019"]
    assert items[0]["DOI"] == "10.1000/trade.2020" and items[0]["author"][0]["family"] == "Smith"
    bib = render_fields_bibtex(document)
    assert bib.count("@") == 3 and "doi = {10.1000/trade.2020}" in bib and "title = {Innovation under uncertainty}" in bib


def test_fix_on_a_field_coded_docx_never_edits_a_field_s_instruction(tmp_path: Path) -> None:
    """Entry [3] puts a period between publisher and year (CG306): fixed as a tracked change inside the
    bibliography field's result; every instruction of every field stays as it was."""
    import re
    import subprocess
    import sys
    import zipfile

    book = Work("JK90LM12", "周", "文", "新质生产力的理论逻辑", "2023")
    entries = [*ENTRIES[:2], "[3] 周文. 新质生产力的理论逻辑[M]. 北京: 人民出版社. 2023."]
    Paper("endnote").write(tmp_path / "p.docx", [CLEAN[0], CLEAN[1], ([book], "[3]")], entries)
    done = subprocess.run([sys.executable, "-m", "citeguard", "fix", "p.docx", "--lang", "en"], cwd=tmp_path,
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0 and "p.fixed.docx" in done.stdout, done.stderr

    def instructions(path: Path) -> list[str]:
        with zipfile.ZipFile(path) as z:
            return re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", z.read("word/document.xml").decode())

    assert instructions(tmp_path / "p.fixed.docx") == instructions(tmp_path / "p.docx") != []
    fixed = load_document(tmp_path / "p.fixed.docx")
    assert "人民出版社,2023" in fixed.references[2].raw.replace(", ", ",")
    assert [k.reference for k in fixed.field_links] == [1, 2, 3]


def test_export_from_fields_of_a_paper_without_fields_is_a_clear_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    raw_docx(tmp_path / "plain.docx", [run("题目"), run("正文[1]。"), run("参考文献"), run(ENTRIES[0])])
    done = subprocess.run([sys.executable, "-m", "citeguard", "export", "plain.docx", "--from-fields", "--csl-json", "-"],
                          cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 2 and "no reference manager's citation fields" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize(("family", "printed", "differs"), [
    ("LeBlanc", "LEBLANC J", False),  # a capital inside a family name is no given name glued on
    ("van Dijk", "VAN DIJK J", False),
    ("周", "周文", False),            # a Chinese record's family name before the printed full name
    ("Smith", "JONES K", True),
])
def test_a_record_s_first_author_against_the_printed_one(family: str, printed: str, differs: bool) -> None:
    from citeguard.checks.field_list_rules import _differences
    from citeguard.managed import FieldItem
    from citeguard.model import Reference, Span

    ref = Reference(raw="", span=Span(1, 1, 1, 1), authors=(printed,), year="2020")
    found = _differences(FieldItem("zotero:x", authors=(family,), year="2020"), ref)
    assert bool(found) is differs


@pytest.mark.parametrize("manager", ["mendeley", "endnote-data", "word"])
def test_an_english_paper_clean_then_with_a_stale_bibliography(tmp_path: Path, manager: str) -> None:
    english = ENTRIES[:2]
    cites = CLEAN[:2]
    _, clean = audit_file(Paper(manager).write(tmp_path / "c.docx", cites, english, english=True))
    assert [f.code for f in clean if f.code in CODES] == []
    _, stale = audit_file(Paper(manager).write(tmp_path / "s.docx", cites[:1], english, english=True))
    assert [(f.code, f.references) for f in stale if f.code in CODES] == [("CG119", (2,))]
