"""Calibration: for every rule, the kind of evidence it rests on and what gives it high, medium or
low confidence — what docs/rules.md prints under each rule and what :func:`ocr_cap` applies.

Most rules compare what a scanner garbles or drops the same way everywhere in an OCR'd text (its
spacing, its letters, its superscripts), so in such a text their evidence is the scanner's at every
place and their confidence is capped by the kind of evidence alone.  The rules of kind
:attr:`Evidence.OWN` weigh their evidence place by place instead (:mod:`citeguard.checks.evidence`):
a clean year, a number printed whole against a list read completely, keeps a warning in an OCR'd
text, and an unreadable corner lowers only what depends on it.
"""

from __future__ import annotations

from enum import StrEnum

from citeguard.model import Confidence


class Evidence(StrEnum):
    """What a rule's findings rest on, as far as OCR is concerned."""

    TYPING = "typing"  # spaces, widths, dashes, punctuation marks
    GLYPHS = "glyphs"  # names, URLs, page strings and keywords compared letter by letter
    ABSENCE = "absence"  # a mark, citation or line not found
    DIGITS = "digits"  # a year, page, element or number a scanner may misread without a trace
    OWN = "own"  # weighed place by place by the rule itself (checks/evidence.py)
    FIXED = "fixed"  # not the scanned text's characters: a .bib file, the network, counts, notes


_TEMPLATE = {
    Evidence.TYPING: "high in a typed text; low in an OCR'd text, whose spacing, widths and dashes are the "
                     "scanner's",
    Evidence.GLYPHS: "high in a typed text; low in an OCR'd text, where a scanner glues, splits and swaps letters",
    Evidence.ABSENCE: "high in a typed text; low in an OCR'd text, where a scanner drops superscripts, marks and "
                      "whole lines",
    Evidence.DIGITS: "high in a typed text; medium in an OCR'd text, where a scanner may misread a digit or an "
                     "element without leaving a trace",
}
_CLEAN_IN_OCR = "medium — the same evidence in an OCR'd text (a digit misread leaves no trace)"

# code → (kind of evidence, what else decides the confidence: "" when the kind says it all)
CALIBRATION: dict[str, tuple[Evidence, str]] = {
    "CG001": (Evidence.FIXED, "high — word for word on another page of the edition; low (information) for a "
              "passage not in quotation marks, matched nearly word for word"),
    "CG002": (Evidence.FIXED, "medium: the edition's text layer (a scan's OCR) may itself differ from the print"),
    "CG003": (Evidence.FIXED, "high — word for word in another work of the library"),
    "CG004": (Evidence.FIXED, "medium: another printing or edition may word it so"),
    "CG005": (Evidence.FIXED, "always low: what could not be checked, said once"),
    "CG101": (Evidence.OWN, "high — a clean author-year citation (its names letters, its year four digits) whose "
              "work no entry holds: none headed by its first author with a year unread, none with the name run "
              "on after its own year (a work whose head was lost), none of the cited year holding the first "
              "author (as a co-author, or one letter off) or all the cited co-authors, and at most two absent "
              "works between the same two entries of the list (more are a lost page, not omissions); "
              f"{_CLEAN_IN_OCR}; low — otherwise (the entry may be there, misread), and many such citations "
              "are named once by CG909"),
    "CG102": (Evidence.ABSENCE, "low also when two or more entries, over 30 % of the list, are uncited (likelier "
              "citations lost than padding); many are one CG910"),
    "CG103": (Evidence.OWN, "high — a clean citation (its year four digits) and the years of all that author's "
              "entries read as four digits, with no other entry that may be the cited one (as for CG101: a "
              f"near name of the cited year, a work run on into an entry); {_CLEAN_IN_OCR}; low — an entry "
              "year with a digit lost, or another entry that may be the cited one"),
    "CG104": (Evidence.OWN, "high — a clean author-year citation and similar entries whose authors were read; "
              "low when the citation was not read cleanly or the entries' authors were not read (a style read "
              "by number only). In an OCR'd text medium for a name that differs from the entry's as a writer "
              "misspells (a vowel for an unlike one, letters transposed); a name a scanner could have made of "
              "the entry's (a letter lost or doubled, look-alike letters: Gilette, Berms for Berns, Armold for "
              "Arnold; any one Chinese character) is linked as the scanner's slip (CG904), or low when several "
              "entries are that near"),
    "CG105": (Evidence.OWN, "high — the citation read cleanly and the entries sharing its author and year read "
              f"with their authors and years; {_CLEAN_IN_OCR} (a lost a/b suffix); low — an entry read only "
              "in part"),
    "CG106": (Evidence.DIGITS, "low when the citation was not read cleanly or the entry's authors were not "
              "read (a style read by number only: its authors uncounted)"),
    "CG107": (Evidence.FIXED, ""),
    "CG108": (Evidence.FIXED, ""),
    "CG109": (Evidence.OWN, "high — a number printed in brackets with its digits together (not only inside a "
              "printed range), missing from a numbered list read completely around it: every entry with its "
              "number, the number's label nowhere in the list's text (else its entry is there, misread), no "
              "other number missing or repeated, and the entries before and after it single entries (alone on "
              "their lines, no other label or second imprint inside); past the end, the last five numbers all "
              "there, the last entry single, no label past it, at most two numbers cited past it (more are a "
              "list cut off) and, in an OCR'd text, not two numbers run together ([56] for [5,6]; [334] for "
              f"[3,34] in a list of 45); {_CLEAN_IN_OCR}; low — otherwise, and many such citations are named "
              "once by CG909"),
    "CG110": (Evidence.ABSENCE, ""),
    "CG111": (Evidence.TYPING, ""),
    "CG112": (Evidence.FIXED, "high; medium when a bibliography file the manuscript names is missing (it may hold "
              "the keys)"),
    "CG113": (Evidence.GLYPHS, "low also when the number is not printed whole or the entry's authors were not "
              "read"),
    "CG114": (Evidence.OWN, "high — two clean four-digit years, the one printed beside the number and the "
              "entry's, the entry printing the cited year nowhere (a first edition behind a reprint); medium in an "
              "OCR'd text or against an entry read only in part"),
    "CG115": (Evidence.FIXED, ""),
    "CG116": (Evidence.FIXED, ""),
    "CG117": (Evidence.FIXED, "always low: what could not be read, said once"),
    "CG118": (Evidence.FIXED, "high beside a generated bibliography, medium beside a typed list; low (one note) "
                              "when most records match no entry"),
    "CG119": (Evidence.FIXED, "low (one note) when most entries match no cited record"),
    "CG120": (Evidence.FIXED, ""),
    "CG121": (Evidence.FIXED, ""),
    "CG122": (Evidence.FIXED, ""),
    "CG201": (Evidence.DIGITS, ""),
    "CG202": (Evidence.FIXED, ""),
    "CG203": (Evidence.FIXED, ""),
    "CG204": (Evidence.FIXED, ""),
    "CG205": (Evidence.GLYPHS, ""),
    "CG206": (Evidence.TYPING, ""),
    "CG301": (Evidence.OWN, "high in a typed text, low when the missing number's label stands in the list's text "
              "(its entry is there, misread); in an OCR'd text medium for the one missing number of the list "
              "when its neighbours are single entries and its label is nowhere in the list (as CG109), low for "
              "any other break (entries a scanner ran together or lost)"),
    "CG302": (Evidence.DIGITS, "entries read without a title (physics, Vancouver) are compared by their whole "
              "text"),
    "CG303": (Evidence.GLYPHS, ""),
    "CG304": (Evidence.FIXED, ""),
    "CG305": (Evidence.DIGITS, "medium also for a .bib entry, whose style file decides what is printed"),
    "CG306": (Evidence.TYPING, ""),
    "CG307": (Evidence.FIXED, ""),
    "CG308": (Evidence.TYPING, ""),
    "CG309": (Evidence.FIXED, ""),
    "CG310": (Evidence.DIGITS, ""),
    "CG311": (Evidence.FIXED, ""),
    "CG312": (Evidence.FIXED, ""),
    "CG313": (Evidence.FIXED, ""),
    "CG314": (Evidence.FIXED, "high; not checked in an OCR'd text"),
    "CG315": (Evidence.OWN, "high for a printed [J] entry read in full that ends cleanly without pages or "
              "an article number; medium for a .bib entry (its style decides what is printed) and in an OCR'd "
              "text (a line of an entry may be lost) and for an article with a DOI (an online journal may print no "
              "pages); an article whose DOI is a publisher's that numbers articles is information only"),
    "CG401": (Evidence.ABSENCE, ""),
    "CG402": (Evidence.ABSENCE, ""),
    "CG403": (Evidence.ABSENCE, ""),
    "CG404": (Evidence.FIXED, ""),
    "CG405": (Evidence.FIXED, ""),
    "CG406": (Evidence.TYPING, ""),
    "CG407": (Evidence.TYPING, ""),
    "CG408": (Evidence.OWN, "high — the footnote entry and the list entry read in full and matched as the same "
              "work by the same folded title, first author and type; medium when the titles are only a slip "
              "apart (matched by first author and year, publisher or journal), either entry was read only in "
              "part, or the text is OCR'd"),
    "CG501": (Evidence.GLYPHS, "medium for a .bib url field, which a style may complete"),
    "CG502": (Evidence.FIXED, ""),
    "CG503": (Evidence.FIXED, ""),
    "CG504": (Evidence.FIXED, ""),
    "CG601": (Evidence.GLYPHS, ""),
    "CG602": (Evidence.GLYPHS, ""),
    "CG603": (Evidence.GLYPHS, ""),
    "CG604": (Evidence.FIXED, ""),
    **{code: (Evidence.FIXED, "high: what resolving the URL found") for code in
       ("CG510", "CG511", "CG512", "CG513", "CG514", "CG515", "CG516", "CG517", "CG518", "CG519")},
    **{code: (Evidence.FIXED, "high: what the indexes hold (the verifier itself weighs OCR'd text with care)") for code
       in ("CG701", "CG702", "CG703", "CG704", "CG705")},
    **{code: (Evidence.FIXED, "high: counts of the list against the journal's policy") for code in
       ("CG801", "CG802", "CG803", "CG804", "CG805")},
    "CG901": (Evidence.FIXED, "always low: the reader's limit, said once for the list"),
    "CG902": (Evidence.FIXED, ""),
    "CG903": (Evidence.FIXED, "always low: the reader's limit"),
    "CG904": (Evidence.FIXED, ""),
    "CG905": (Evidence.FIXED, ""),
    "CG906": (Evidence.FIXED, "always low: a form citeguard could not read, said once"),
    "CG907": (Evidence.FIXED, ""),
    "CG908": (Evidence.FIXED, ""),
    "CG909": (Evidence.FIXED, "always low: what could not be read, said once, naming the citations"),
    "CG316": (Evidence.GLYPHS, ""),
    "CG317": (Evidence.TYPING, ""),
    "CG318": (Evidence.DIGITS, ""),
    "CG910": (Evidence.FIXED, "always low: what could not be read, said once, naming the entries"),
    "CG911": (Evidence.FIXED, "always low: what could not be read, said once"),
}

_OCR_CAP = {Evidence.TYPING: Confidence.LOW, Evidence.GLYPHS: Confidence.LOW, Evidence.ABSENCE: Confidence.LOW,
            Evidence.DIGITS: Confidence.MEDIUM}


def ocr_cap(code: str, confidence: Confidence) -> Confidence:
    """The confidence a finding of ``code`` keeps in an OCR'd text."""
    kind = CALIBRATION.get(code, (Evidence.FIXED, ""))[0]
    cap = _OCR_CAP.get(kind)
    return cap if cap is not None and cap.rank < confidence.rank else confidence


def calibration_text(code: str) -> str:
    """One line for docs/rules.md: which evidence gives this rule's findings which confidence."""
    kind, extra = CALIBRATION.get(code, (Evidence.FIXED, ""))
    if kind is Evidence.OWN:
        return f"Confidence ({kind.value} evidence): {extra}."
    if kind is Evidence.FIXED:
        return f"Confidence ({kind.value}): {extra or 'high'}; a scanned text does not lower it."
    said = _TEMPLATE[kind] + (f"; {extra}" if extra else "")
    return f"Confidence ({kind.value}): {said}."
