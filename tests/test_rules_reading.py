"""How sure citeguard is: confidence on every finding, error severity only at high confidence, one
CG9xx note instead of a cascade when the reading is doubtful, GB/T rules only on GB/T lists, OCR
damage as information (reading.py, CG909, CG910)."""

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
    assert (reading.citations, reading.unlinked, reading.link_confidence) == (10, 0, Confidence.HIGH)


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
