"""`citeguard annotate`: every finding becomes a Word comment at its paragraph; the text stays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest

from citeguard.api import audit_file
from citeguard.ingest import read_source
from citeguard.ingest.docx import W, body_paragraphs, note_paragraphs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCX = CORPUS / "wang2026-new-quality-productive-forces-open-economy.docx"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", "annotate", *args], capture_output=True, text=True,
                          check=False)


def _anchors(path: Path) -> dict[str, int]:
    """Comment text → index of the body paragraph its range starts in."""
    word = docx.Document(str(path))
    texts = {str(c.comment_id): c.text for c in word.comments}
    out = {}
    for index, p in enumerate(body_paragraphs(word.element.body)):
        for start in p.iter(W + "commentRangeStart"):
            out[texts[start.get(W + "id")]] = index
    return out


def test_every_finding_is_a_comment_at_its_paragraph(tmp_path: Path) -> None:
    target = tmp_path / "checked.docx"
    proc = _cli(str(DOCX), "--out", str(target), "--lang", "en")
    assert proc.returncode == 0 and "30 comments written" in proc.stdout, proc.stderr
    doc, findings = audit_file(DOCX)
    anchors = _anchors(target)
    assert len(anchors) == len(findings) == 30
    notes = note_paragraphs(docx.Document(str(DOCX)).element.body)
    for f in findings:
        (text, index), = [(t, i) for t, i in anchors.items() if f.message in t]
        where = doc.location(f.line, f.column)
        assert text.startswith(f"[{where}] " if where.startswith("footnote") else f.code)
        if where.startswith("¶"):
            assert index == int(where[1:]) - 1
        else:  # a note's finding sits on the paragraph with the note's reference
            assert index == notes[("footnote", int(where.split()[1]))]
    # The http:// URL is footnote ② of page 4, marked in text line 81 ("…占进出口总值的18.8%，^②"):
    # the 33rd paragraph of the text form, the 30th of the .docx (the paragraphs cut by the page
    # feet of pages 1-3 are one paragraph each in Word), so index 29.
    (http,) = [t for t in anchors if t.startswith("[footnote 9 (②, p. 4)] CG504")]
    assert anchors[http] == 29


def test_text_is_untouched(tmp_path: Path) -> None:
    target = tmp_path / "checked.docx"
    assert _cli(str(DOCX), "--out", str(target)).returncode == 0
    assert read_source(target).text == read_source(DOCX).text


@pytest.mark.parametrize(("args", "needle"), [
    (["corpus/wang2026-new-quality-productive-forces-open-economy.txt"], "needs a .docx"),
    ([str(DOCX), "--out", str(DOCX)], "never overwrites"),
    ([str(DOCX), "--lang", "fr"], "--lang"),
])
def test_refusals(args: list[str], needle: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "citeguard", "annotate", *args], capture_output=True, text=True,
                          check=False, cwd=CORPUS.parent)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr


def test_docx_and_pdf_of_one_paper_get_their_own_reports(tmp_path: Path) -> None:
    stem = "wang2026-new-quality-productive-forces-open-economy"
    proc = subprocess.run([sys.executable, "-m", "citeguard", "audit", str(DOCX), str(CORPUS / f"{stem}.pdf"),
                           "--offline", "--fail-on", "never", "-q", "--formats", "json", "--reports-dir", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}-docx.json", f"{stem}-pdf.json"]


def _anchored_text(path: Path) -> dict[str, str]:
    """Comment text → the text its range covers (between commentRangeStart and commentRangeEnd)."""
    word = docx.Document(str(path))
    texts = {str(c.comment_id): c.text for c in word.comments}
    out: dict[str, str] = {}
    for p in body_paragraphs(word.element.body):
        open_ids: list[str] = []
        covered: dict[str, list[str]] = {}
        for el in p.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t"):
            if el.tag == W + "commentRangeStart":
                open_ids.append(el.get(W + "id"))
                covered[el.get(W + "id")] = []
            elif el.tag == W + "commentRangeEnd":
                ident = el.get(W + "id")
                open_ids.remove(ident)
                out[texts[ident]] = "".join(covered.pop(ident))
            else:
                for ident in open_ids:
                    covered[ident].append(el.text or "")
    return out


def test_a_citations_comment_covers_the_citation_and_no_more(tmp_path: Path) -> None:
    target = tmp_path / "checked.docx"
    assert _cli(str(DOCX), "--out", str(target), "--lang", "en").returncode == 0
    doc, findings = audit_file(DOCX)
    covered = _anchored_text(target)
    cited = {c.id: c.text for c in doc.citations}
    about_citations = [f for f in findings if f.citations and doc.location(f.line, f.column).startswith("¶")]
    assert len(about_citations) >= 3
    for f in about_citations:
        (text,) = [t for comment, t in covered.items() if f.message in comment]
        assert text == cited[f.citations[0]], f.code
    # a finding about an entry covers its whole paragraph (no citation to point at)
    entry = next(f for f in findings if f.references and not f.citations and doc.location(f.line, f.column)
                 .startswith("¶"))
    (text,) = [t for comment, t in covered.items() if entry.message in comment]
    assert len(text) > 20
    assert read_source(target).text == read_source(DOCX).text  # the runs were split, the text is the same


def test_a_notes_comment_sits_on_its_mark(tmp_path: Path) -> None:
    target = tmp_path / "checked.docx"
    assert _cli(str(DOCX), "--out", str(target), "--lang", "en").returncode == 0
    word = docx.Document(str(target))
    texts = {str(c.comment_id): c.text for c in word.comments}
    on_marks = 0
    for p in body_paragraphs(word.element.body):
        for start in p.iter(W + "commentRangeStart"):
            if not texts[start.get(W + "id")].startswith("[footnote"):
                continue
            run = start.getnext()
            assert run is not None and run.find(W + "footnoteReference") is not None
            assert run.getnext() is not None and run.getnext().tag == W + "commentRangeEnd"
            on_marks += 1
    assert on_marks >= 5
