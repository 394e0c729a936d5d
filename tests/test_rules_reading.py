"""How sure citeguard is: confidence on every finding from its own evidence, error severity only at
high confidence, one CG9xx note instead of a cascade for what could not be read, GB/T rules only on
GB/T lists, OCR damage as information (reading.py, evidence.py, calibration.py, CG909, CG910)."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.checks.reading import read_quality
from citeguard.model import Confidence, Severity

from .rulekit import findings

APA_REFS = "\n".join(f"Author{chr(65 + i)}, X. ({2000 + i}). Title {i}. Journal, {i + 1}(1), 1-2." for i in range(10))


def test_a_clean_document_is_sure() -> None:
    body = "Known " + " ".join(f"(Author{chr(65 + i)}, {2000 + i})" for i in range(10)) + "."
    doc = document_from_text(f"{body}\n\nReferences\n\n{APA_REFS}\n")
    reading = read_quality(doc)
    assert (reading.citations, reading.unlinked, reading.citations_trusted) == (10, 0, True)


def test_one_missing_entry_is_an_error_at_high_confidence() -> None:
    body = "Known " + " ".join(f"(Author{chr(65 + i)}, {2000 + i})" for i in range(10)) + " (Nobody, 2019)."
    got = findings(f"{body}\n\nReferences\n\n{APA_REFS}\n", "CG101")
    assert [(f.severity, f.confidence) for f in got] == [(Severity.ERROR, Confidence.HIGH)]


def test_many_unmatched_citations_are_said_once() -> None:
    """Half the citations match nothing: the reader, not the author, is probably at fault — one
    low-confidence CG909 naming them, no CG101 cascade."""
    body = "Known " + " ".join(f"(Author{chr(65 + i)}, {2000 + i})" for i in range(5)) + " " + \
        " ".join(f"(Other{chr(65 + i)}, {1990 + i})" for i in range(5)) + "."
    doc = document_from_text(f"{body}\n\nReferences\n\n{APA_REFS}\n")
    _, found = audit(doc)
    codes = [f.code for f in found]
    assert "CG101" not in codes and codes.count("CG909") == 1
    note = next(f for f in found if f.code == "CG909")
    assert note.confidence is Confidence.LOW and note.severity is Severity.INFO
    assert "OtherA" in note.message and len(note.citations) == 5


def test_many_uncited_entries_are_said_once() -> None:
    body = "Known (AuthorA, 2000) and (AuthorB, 2001)."
    _, found = audit(document_from_text(f"{body}\n\nReferences\n\n{APA_REFS}\n"))
    codes = [f.code for f in found]
    assert "CG102" not in codes and codes.count("CG910") == 1


@pytest.mark.parametrize(("cited", "confidence"), [
    ("[2]和[4]", Confidence.LOW),                  # 3 of 5 uncited: likelier superscripts lost than padding
    ("[1][2][3]和[4]", Confidence.HIGH),           # 1 of 5: padding or a deleted citation
])
def test_a_short_list_mostly_uncited_is_said_at_low_confidence(cited: str, confidence: Confidence) -> None:
    refs = "".join(f"[{n}] 作者{n}.题名{n}[J].刊名,2020(1):{n}-9.\n" for n in range(1, 6))
    _, found = audit(document_from_text(f"正文引用{cited}。\n\n参考文献\n\n{refs}"))
    uncited = [f for f in found if f.code == "CG102"]
    assert uncited and {f.confidence for f in uncited} == {confidence}


def test_gbt_rules_do_not_touch_an_apa_list() -> None:
    """An APA list with a GB/T-looking entry in it: no GB/T element or punctuation findings."""
    refs = APA_REFS + "\n李明.一本没有出版者的书[M].2019."
    body = "Known " + " ".join(f"(Author{chr(65 + i)}, {2000 + i})" for i in range(10)) + "（李明，2019）。"
    _, found = audit(document_from_text(f"{body}\n\nReferences\n\n{refs}\n"))
    assert not {f.code for f in found} & {"CG305", "CG306", "CG308", "CG309", "CG206"}


OCR_TEXT = """研究表明 $\\mathrm { T g ~ C }$ 增加了 $2 0 1 0$ 年以来的碳储量（Smith，2015）。另见（Lee，2O12）。

参考文献

Smith J (2015). Carbon. Journal, 1(1), 1-2.
Lee K (2O12). Storage. Journal, 2(1), 3-4.
Wang L (2013). Uncited. Journal, 3(1), 5-6.
"""


def test_ocr_damage_is_information_not_the_authors_error() -> None:
    doc = document_from_text(OCR_TEXT)
    assert read_quality(doc).ocr
    assert all(c.reference is not None for c in doc.citations)  # 2O12 read as 2012
    _, found = audit(doc)
    repaired = [f for f in found if f.code == "CG904"]
    assert repaired and all(f.severity is Severity.INFO for f in repaired)
    uncited = [f for f in found if f.code == "CG102"]
    assert [(f.severity, f.confidence) for f in uncited] == [(Severity.INFO, Confidence.LOW)]


@pytest.mark.parametrize(("minimum", "codes"), [
    (Confidence.LOW, {"CG102", "CG904"}),
    (Confidence.MEDIUM, set()),
])
def test_min_confidence_filters(minimum: Confidence, codes: set[str]) -> None:
    _, found = audit(document_from_text(OCR_TEXT), min_confidence=minimum)
    assert {f.code for f in found} >= codes and all(f.confidence.rank >= minimum.rank for f in found)


def test_a_name_one_letter_off_in_an_ocr_text_is_linked_and_said() -> None:
    text = OCR_TEXT.replace("（Smith，2015）", "（Smlth，2015）")
    doc = document_from_text(text)
    assert doc.citations[0].reference == 1
    _, found = audit(doc)
    assert any(f.code == "CG904" and "Smlth" in f.message for f in found)
    assert not [f for f in found if f.code == "CG104"]


def test_the_same_slip_in_a_typed_text_is_an_error() -> None:
    text = "Known (Smlth, 2015) and (Lee, 2012).\n\nReferences\n\nSmith J (2015). Carbon. J, 1, 1-2.\nLee K (2012). S. J, 2, 3-4.\n"
    got = findings(text, "CG104")
    assert [(f.severity, f.confidence) for f in got] == [(Severity.ERROR, Confidence.HIGH)]


def test_two_crossed_ocr_slips_are_two_links_not_two_wrong_years() -> None:
    # the text's "Miller, 2003" is the list's "Miler S D 2003"; the text's "Miler, 2012" the list's Miller 2012
    text = OCR_TEXT.replace("另见（Lee，2O12）", "另见（Lee，2O12；Miller，2003；Miler，2012）") + (
        "Miler S D (2003). Dust. Journal, 4(1), 7-8.\nMiller M E (2012). Fire. Journal, 5(1), 9-10.\n")
    doc = document_from_text(text)
    linked = {c.text.strip("（）；"): c.reference for c in doc.citations}
    assert (linked["Miller，2003"], linked["Miler，2012"]) == (4, 5)
    _, found = audit(doc)
    assert not [f for f in found if f.code == "CG103"]
    assert len([f for f in found if f.code == "CG904" and "one letter off" in f.message]) == 2


# ---- confidence from each finding's own evidence (issue 22) -------------------------------------

# What makes a text OCR'd for parse/ocr.py: TeX commands and digits a converter spaced out
OCR_MARK = "研究表明 $\\mathrm { T g ~ C }$ 增加了 $2 0 1 0$ 年以来的碳储量。\n\n"


def _numbered(last: int = 10, *, cite: str = "", missing: tuple[int, ...] = (), tail: str = "",
              entry: dict[int, str] | None = None, ocr: bool = False) -> str:
    """A numbered GB/T paper citing each entry once, then ``cite``; entries ``missing`` left out,
    ``entry`` replacing some, ``tail`` after the list."""
    body = "正文" + "".join(f"引用[{k}]" for k in range(1, last + 1)) + cite + "。"
    refs = "".join((entry or {}).get(k, f"[{k}] 作者{k}.题名{k}[J].刊名{k},20{10 + k % 10},{k}(2):{k}-9.") + "\n"
                   for k in range(1, last + 1) if k not in missing)
    return f"{OCR_MARK if ocr else ''}{body}\n\n参考文献\n\n{refs}{tail}"


def _cg109(text: str) -> list[tuple[str, Severity, Confidence]]:
    _, found = audit(document_from_text(text))
    return [(f.message.split(":")[0], f.severity, f.confidence) for f in found if f.code == "CG109"]


@pytest.mark.parametrize(("text", "expected"), [
    # a number past the end of a list read completely: an error in a typed text, a warning in an
    # OCR'd one (a digit misread leaves no trace) — never information because the paper is OCR'd
    (_numbered(cite="，另见[11]"), [("[11]", Severity.ERROR, Confidence.HIGH)]),
    (_numbered(cite="，另见[11]", ocr=True), [("[11]", Severity.WARNING, Confidence.MEDIUM)]),
    # the entry is there, misread: its label run into the last entry, or opening a line the list's
    # reader did not take ("[11」")
    (_numbered(cite="，另见[11]", ocr=True, entry={10: "[10] 作者10.题名10[J].刊名10,2010,10(2):10-9.11] 作者11.题名11[J]."}),
     [("[11]", Severity.INFO, Confidence.LOW)]),
    (_numbered(cite="，另见[11]", tail="[11」作者11.题名11[J」.刊名11,2011,11(2):11-9.\n"),
     [("[11]", Severity.INFO, Confidence.LOW)]),
    # OCR lost the comma of [1,2]: "[12]" in a list of 10 — in a typed text a slip past the end
    (_numbered(cite="，另见[12]", ocr=True), [("[12]", Severity.INFO, Confidence.LOW)]),
    (_numbered(cite="，另见[12]"), [("[12]", Severity.ERROR, Confidence.HIGH)]),
    # digits a scanner spaced apart
    (_numbered(cite="，另见[ 1 3 ]", ocr=True), [("[ 1 3 ]", Severity.INFO, Confidence.LOW)]),
    # a number missing inside the list: the author's in a typed text even when two are missing; in an
    # OCR'd text one missing number between single entries is a warning, two are a scanner's losses
    (_numbered(missing=(4, 7)), [("[4]", Severity.ERROR, Confidence.HIGH), ("[7]", Severity.ERROR, Confidence.HIGH)]),
    (_numbered(missing=(4,), ocr=True), [("[4]", Severity.WARNING, Confidence.MEDIUM)]),
    (_numbered(missing=(4, 7), ocr=True), [("[4]", Severity.INFO, Confidence.LOW), ("[7]", Severity.INFO, Confidence.LOW)]),
    # a neighbour that is two entries run together (two imprints): the missing one may be inside it
    (_numbered(missing=(4,), ocr=True, entry={3: "[3] 作者3.题名3[J].刊名3,2013,3(2):3-9.作者4.题名4.刊名4,2014,4(2):4-9."}),
     [("[4]", Severity.INFO, Confidence.LOW)]),
    # … or holds the missing number's label in another form ("4.ldicula" after a sentence, "(4Smith")
    (_numbered(missing=(4,), ocr=True, entry={3: "[3] 作者3.题名3[J].刊名3,2013,3(2):3-9. 4.ldiculaT B.Title."}),
     [("[4]", Severity.INFO, Confidence.LOW)]),
    (_numbered(missing=(4,), ocr=True, entry={3: "[3] 作者3.题名3[J].刊名3,2013,3(2):3-9. (4Smith J.Title."}),
     [("[4]", Severity.INFO, Confidence.LOW)]),
    # … or is cut short: no year printed in it
    (_numbered(missing=(4,), ocr=True, entry={3: "[3] 作者3.题名3[J].刊名3"}), [("[4]", Severity.INFO, Confidence.LOW)]),
])
def test_a_missing_number_is_as_sure_as_its_own_evidence(text: str, expected: list[tuple[str, Severity, Confidence]]) -> None:
    assert _cg109(text) == expected


def test_a_run_of_numbers_past_the_end_is_a_list_cut_off_said_once() -> None:
    _, found = audit(document_from_text(_numbered(cite="，另见[11][12][13][14]")))
    assert not [f for f in found if f.code == "CG109"]
    note = [f for f in found if f.code == "CG909"]
    assert len(note) == 1 and note[0].confidence is Confidence.LOW and len(note[0].citations) == 4


def test_a_number_only_inside_a_printed_range_is_not_evidence_of_its_own() -> None:
    """"[3-5]" with no entry [4]: the break in the list is reported (CG301), the range's inside is
    not a printed citation of [4]."""
    _, found = audit(document_from_text(_numbered(missing=(4,), cite="，又见[3-5]").replace("引用[4]", "")))
    assert [(f.severity, f.confidence) for f in found if f.code == "CG109"] == [(Severity.INFO, Confidence.LOW)]
    assert [(f.severity, f.confidence) for f in found if f.code == "CG301"] == [(Severity.ERROR, Confidence.HIGH)]


@pytest.mark.parametrize(("ocr", "missing", "expected"), [
    (False, (4, 7), [Severity.ERROR, Severity.ERROR]),
    (True, (4,), [Severity.WARNING]),
    (True, (4, 7), [Severity.INFO, Severity.INFO]),  # entries a scanner lost
])
def test_a_break_in_the_numbering_is_weighed_like_the_missing_number(ocr: bool, missing: tuple[int, ...],
                                                                     expected: list[Severity]) -> None:
    _, found = audit(document_from_text(_numbered(missing=missing, ocr=ocr)))
    assert [f.severity for f in found if f.code == "CG301"] == expected


AY_REFS = "\n".join(f"Author{chr(65 + i)}, X. ({2000 + i}). Title {i}. Journal, {i + 1}(1), 1-2." for i in range(10))


def _author_year(cite: str, *, refs: str = AY_REFS, ocr: bool = False) -> str:
    body = "Known " + " ".join(f"(Author{chr(65 + i)}, {2000 + i})" for i in range(10)) + f" {cite}."
    return f"{OCR_MARK if ocr else ''}{body}\n\nReferences\n\n{refs}\n"


@pytest.mark.parametrize(("text", "expected"), [
    (_author_year("(Nobody, 2019)"), [(Severity.ERROR, Confidence.HIGH)]),
    (_author_year("(Nobody, 2019)", ocr=True), [(Severity.WARNING, Confidence.MEDIUM)]),
    # the work may be in the list, misread: an entry headed by the name whose year is lost (then the
    # same author's entry: CG103, at low confidence too) …
    (_author_year("(Nobody, 2019)", ocr=True, refs=AY_REFS + "\nNobody, Y. (8). Lost year. Journal, 9(1), 1-2."),
     [(Severity.INFO, Confidence.LOW)]),
    # … a work run on after another entry's year, its own year lost …
    (_author_year("(Nobody, 2019)", ocr=True, refs=AY_REFS.replace(
        "Title 9. Journal, 10(1), 1-2.", "Title 9. Journal, 10(1), 1-2. Nobody Y, Other Z. Run on. Journal, 11(1), 3-4.")),
     [(Severity.INFO, Confidence.LOW)]),
    # … or an entry of the cited year naming the author (cited as a co-author)
    (_author_year("(Nobody, 2019)", ocr=True, refs=AY_REFS + "\nSomebody, Z., & Nobody, Y. (2019). Theirs. J, 9(1), 1-2."),
     [(Severity.INFO, Confidence.LOW)]),
    # three absent works between the same two entries: a stretch of the list lost, not omissions
    (_author_year("(Nobody, 2019) (Nowhere, 2018) (Noone, 2017)", ocr=True), [(Severity.INFO, Confidence.LOW)] * 3),
])
def test_a_cited_work_absent_from_the_list_is_as_sure_as_its_own_evidence(
        text: str, expected: list[tuple[Severity, Confidence]]) -> None:
    _, found = audit(document_from_text(text))
    assert [(f.severity, f.confidence) for f in found if f.code in ("CG101", "CG103")] == expected


# five works the list lost together (after its last entry): many citations matching nothing
CROWD = " ".join(f"(Other{chr(65 + i)}, {1990 + i})" for i in range(5))


@pytest.mark.parametrize(("entries", "crowd", "expected"), [
    (("2005",), "", (Severity.WARNING, Confidence.MEDIUM)),  # two clean four-digit years, in an OCR'd text
    (("2OO5",), "", (Severity.WARNING, Confidence.MEDIUM)),  # letters a scanner put for digits: read back for certain
    (("2005",), CROWD, (Severity.WARNING, Confidence.MEDIUM)),  # however many other citations match nothing
    (("2005", "8"), "", (Severity.INFO, Confidence.LOW)),  # a year with digits lost may be the cited one
])
def test_a_year_mismatch_in_an_ocr_text_keeps_a_warning_when_both_years_are_clean(
        entries: tuple[str, ...], crowd: str, expected: tuple[Severity, Confidence]) -> None:
    refs = AY_REFS + "".join(f"\nSmith, J. ({year}). Carbon {i}. Journal, 9(1), 1-2." for i, year in enumerate(entries))
    _, found = audit(document_from_text(_author_year(f"(Smith, 2009) {crowd}", refs=refs, ocr=True)))
    assert [(f.severity, f.confidence) for f in found if f.code == "CG103"] == [expected]


def test_the_note_names_only_what_could_not_be_read_and_clean_findings_stay() -> None:
    """Many citations match nothing: the five that fall together after the list's last entry (a lost
    page) are CG909's; the one whose evidence is clean is still CG101's, an error."""
    cite = " ".join(f"(Other{chr(65 + i)}, {1990 + i})" for i in range(5)) + " (Aardvark, 2019)"
    _, found = audit(document_from_text(_author_year(cite)))
    note = [f for f in found if f.code == "CG909"]
    assert len(note) == 1 and len(note[0].citations) == 5 and "Aardvark" not in note[0].message
    assert [(f.severity, f.message.split(":")[0]) for f in found if f.code == "CG101"] == [
        (Severity.ERROR, "(Aardvark, 2019)")]


@pytest.mark.parametrize(("cited", "linked_as_slip"), [
    ("Smlth", True),    # l for i: look-alike letters
    ("Smitth", True),   # a letter doubled
    ("Smih", True),     # a letter lost
    ("Smitb", True),    # b for h
    ("Smoth", False),   # o for i: a vowel for an unlike one, the writer's
    ("Simth", False),   # two letters transposed: no scanner does that
])
def test_a_near_name_in_an_ocr_text_is_the_scanners_slip_only_if_a_scanner_could_make_it(
        cited: str, linked_as_slip: bool) -> None:
    """Only a difference a scanner makes is linked as OCR's slip (CG904, information); a writer's
    misspelling with clean evidence stays a warning (CG104) in an OCR'd text too."""
    doc = document_from_text(OCR_TEXT.replace("（Smith，2015）", f"（{cited}，2015）"))
    assert (doc.citations[0].reference == 1) is linked_as_slip
    _, found = audit(doc)
    near = [(f.severity, f.confidence) for f in found if f.code == "CG104"]
    assert near == ([] if linked_as_slip else [(Severity.WARNING, Confidence.MEDIUM)])


ZH_OCR_TEXT = """研究表明 $\\mathrm { T g ~ C }$ 增加了 $2 0 1 0$ 年以来的碳储量（{cited}等，2015）。另见（李明，2O12）。

参考文献

蒋忠诚，王五，赵六，2015. 岩溶生态[J]. 地理学报，1(1)：1-2.
李明，2O12. 碳储量[J]. 生态学报，2(1)：3-4.
"""


@pytest.mark.parametrize(("cited", "linked_as_slip"), [
    ("蒋忠成", True),   # 成 for 诚: the two share a part (成), as a scanner confuses them
    ("蒋忠华", False),  # 华 for 诚: nothing in common, the writer's slip
])
def test_a_chinese_name_one_character_off_is_the_scanners_only_for_a_look_alike(cited: str,
                                                                              linked_as_slip: bool) -> None:
    doc = document_from_text(ZH_OCR_TEXT.replace("{cited}", cited))
    assert (doc.citations[0].reference == 1) is linked_as_slip
    _, found = audit(doc)
    assert any(f.code == "CG104" and f.severity is Severity.WARNING for f in found) is not linked_as_slip


@pytest.mark.parametrize(("cited", "printed", "reads_as"), [
    ("蒋忠诚", "JIANG Z C", True),
    ("蒋忠诚", "JIANG ZC", True),
    ("蒋忠华", "JIANG ZC", False),  # the second initial is 华's h, not c
    ("曾重阳", "ZENG C Y", True),   # 重 read chong as well as zhong
    ("蒋忠华", "JIANG Z", True),    # one initial printed: only it is compared
])
def test_a_chinese_citation_against_an_entry_in_pinyin_compares_every_printed_initial(
        cited: str, printed: str, reads_as: bool) -> None:
    text = f"碳储量增加（{cited}，2015）。\n\n参考文献\n\n{printed}, 2015. Karst ecology[J]. Acta, 1(1): 1-2.\n"
    doc = document_from_text(text)
    assert (doc.citations[0].reference == 1) is reads_as


def _in_citation_order(at: int, cited: str, last: int = 30) -> str:
    """An OCR'd numbered paper citing [1] … [last] in order, with ``cited`` printed where [at] is
    first due (the numbers at … before it not cited yet)."""
    body = "".join(f"引用[{k}]" for k in range(1, at)) + f"引用{cited}" + "".join(
        f"引用[{k}]" for k in range(at, last + 1) if str(k) not in cited)
    refs = "".join(f"[{k}] 作者{k}.题名{k}[J].刊名{k},20{10 + k % 10},{k}(2):{k}-9.\n" for k in range(1, last + 1))
    return f"{OCR_MARK}正文{body}。\n\n参考文献\n\n{refs}"


@pytest.mark.parametrize(("text", "expected"), [
    # "[46]" where [4], [5], [6] are first due: OCR's "[4-6]" with its dash lost
    (_in_citation_order(4, "[46]"), [("[46]", Severity.INFO, Confidence.LOW)]),
    # the same number where [31] would be due, after every entry was cited: past the end
    (_in_citation_order(31, "[46]"), [("[46]", Severity.WARNING, Confidence.MEDIUM)]),
])
def test_a_number_past_the_end_that_is_the_next_numbers_due_is_a_lost_dash(
        text: str, expected: list[tuple[str, Severity, Confidence]]) -> None:
    assert _cg109(text) == expected


def _last_two_on_one_line(last_entry: str) -> str:
    """An OCR'd paper whose last two entries share one line, each under its own label, citing [9]."""
    refs = "".join(f"[{k}] 作者{k}.题名{k}[J].刊名{k},20{10 + k},{k}(2):{k}-9.\n" for k in range(1, 6))
    return f"{OCR_MARK}正文" + "".join(f"引用[{k}]" for k in range(1, 7)) + "，又见[9]。\n\n参考文献\n\n" + refs + \
        f"[6] 作者6.题名6[J].刊名6,2016,6(2):6-9.  {last_entry}\n"


@pytest.mark.parametrize(("last_entry", "expected"), [
    # [7] shares its line with [6], each labelled and whole: the list's end is read, [9] is past it
    ("[7] 作者7.题名7[J].刊名7,2017,7(2):7-9.", [("[9]", Severity.WARNING, Confidence.MEDIUM)]),
    # [7] stops short (no year): the entries after it may be lost with its tail
    ("[7] 作者7.题名7[J].刊名7", [("[9]", Severity.INFO, Confidence.LOW)]),
])
def test_the_last_entry_sharing_a_line_with_the_one_before_still_ends_the_list(
        last_entry: str, expected: list[tuple[str, Severity, Confidence]]) -> None:
    assert _cg109(_last_two_on_one_line(last_entry)) == expected


@pytest.mark.parametrize(("entry", "expected"), [
    # the line after the type code lost by the scanner: nothing to say about the author
    ("[2] Kehlet H. ERAS implementation-time to move forward ［J].", [(Severity.INFO, Confidence.LOW)]),
    # with its journal and year after the type code: the volume and pages are really not there
    ("[2] Kehlet H. ERAS implementation-time to move forward[J]. Ann Surg, 2016.", [(Severity.WARNING, Confidence.MEDIUM)]),
])
def test_an_ocr_entry_ending_at_its_type_code_lost_a_line(entry: str, expected: list[tuple[Severity, Confidence]]) -> None:
    text = f"{OCR_MARK}正文[1][2]。\n\n参考文献\n\n[1] 作者1.题名1[J].刊名1,2011,1(2):1-9.\n{entry}\n"
    _, found = audit(document_from_text(text))
    assert [(f.severity, f.confidence) for f in found if f.code == "CG305"] == expected


@pytest.mark.parametrize(("authors", "expected"), [
    # two names run together, their comma lost: three authors, "et al." is right
    ("Ketcham R.A., Donelick R.A. Donelick M.B.", []),
    ("Ketcham R.A., Donelick R.A.", [Severity.WARNING]),  # two authors: the pairs are written in full
])
def test_et_al_after_an_entry_whose_comma_was_lost_is_not_counted_short(authors: str, expected: list[Severity]) -> None:
    text = ("A (Ketcham et al., 2000). B (Smith & Lee, 2001). C (Wang & Li, 2002). D (Zhou & Xu, 2003).\n\n"
            f"References\n\n{authors}, 2000. AFTSolve. Geol Mater Res, 2, 1-32.\n"
            "Smith J., Lee K., 2001. A. J X, 1, 1-2.\nWang L., Li M., 2002. B. J X, 2, 3-4.\n"
            "Zhou Q., Xu R., 2003. C. J X, 3, 5-6.\n")
    _, found = audit(document_from_text(text))
    assert [f.severity for f in found if f.code == "CG106" and f.severity is not Severity.INFO] == expected


def test_citation_brackets_broken_after_chinese_text_mark_an_ocr_text() -> None:
    """ "理论[]。" "资源[2。": OCR lost a number or a closing bracket — the text is a scan, and an entry
    "never cited" may be cited by one of those marks: information, not a warning."""
    refs = "".join(f"[{k}] 作者{k}.题名{k}[J].刊名{k},20{10 + k},{k}(2):{k}-9.\n" for k in range(1, 6))
    text = "自我控制理论[1]。该理论认为[]。运作需要消耗资源[2。另见[3][4]。\n\n参考文献\n\n" + refs
    doc = document_from_text(text)
    assert doc.ocr
    _, found = audit(doc)
    uncited = [(f.severity, f.confidence) for f in found if f.code == "CG102"]
    assert uncited and set(uncited) == {(Severity.INFO, Confidence.LOW)}
    typed = document_from_text(text.replace("[]。", "[5]。").replace("[2。", "[2]。"))
    assert not typed.ocr


def test_authors_end_at_et_al_even_before_a_comma() -> None:
    """ "张绍岩，刘丽娟，吴真列，等，中国人…" — 等 closes the authors (a comma where the period goes)."""
    text = "正文[1]。\n\n参考文献\n\n[1] 张绍岩，刘丽娟，吴真列，等，中国人手腕骨发育标准-中华05L. TW3-CRUS[J].中国运动医学杂志, 2006,25(5): 509-516.\n"
    ref = document_from_text(text).references[0]
    assert (ref.authors, ref.et_al) == (("张绍岩", "刘丽娟", "吴真列"), True)
