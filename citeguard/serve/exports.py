"""What the desk hands out for one manuscript: the author's letter (the accepted findings), the
manuscript with those findings as Word comments, or with the safe fixes as tracked changes.
Built on demand from the stored upload, in a folder of the job's own that is removed after."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

from citeguard.api import load_with_source
from citeguard.checks import audit
from citeguard.fixes import Edit
from citeguard.model import Document
from citeguard.report.letter import LetterItem, letter_docx, render_letter_html, render_letter_md
from citeguard.serve.desk import Desk
from citeguard.serve.values import FindingRow, Manuscript, State

LETTER_FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class ExportError(ValueError):
    """An export this manuscript cannot have (with the reason)."""


def letter_items(rows: list[FindingRow], lang: str) -> list[LetterItem]:
    return [LetterItem(f.code, f.where(lang), f.said(lang), f.fix(lang), tuple(c.text for c in f.comments))
            for f in rows if f.state is State.ACCEPTED]


def letter(desk: Desk, m: Manuscript, lang: str, form: str) -> str | bytes:
    """The letter to the author in ``lang`` ("zh"/"en") as ``form`` ("md", "html", "docx")."""
    if form not in LETTER_FORMATS:
        raise ExportError(f"format must be one of {', '.join(LETTER_FORMATS)}")
    items = letter_items(desk.findings(m), lang)
    title = m.title or m.filename
    if form == "md":
        return render_letter_md(title, items, lang=lang)
    if form == "html":
        return render_letter_html(title, items, lang=lang)
    return letter_docx(title, items, lang=lang)


def _word(desk: Desk, m: Manuscript, action: str) -> tuple[bytes, Path]:
    if m.kind != ".docx":
        raise ExportError(f"{action} needs a .docx manuscript; this one is {m.kind}")
    folder = desk.config.data / "work" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    path = folder / (Path(m.filename).name or "manuscript.docx")
    data = desk.files.get(m.file_hash)
    path.write_bytes(data)
    return data, path


def commented_docx(desk: Desk, m: Manuscript, lang: str) -> bytes:
    """The .docx with each accepted finding as a Word comment at its place."""
    from citeguard.report.annotate import annotate_docx

    data, path = _word(desk, m, "Word comments")
    try:
        _, document = load_with_source(path)
        accepted = [f.finding() for f in desk.findings(m) if f.state is State.ACCEPTED]
        return annotate_docx(data, document, accepted, lang=lang)[0]
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)


def fixed_docx(desk: Desk, m: Manuscript) -> tuple[bytes, int]:
    """The .docx with the safe fixes of the accepted findings as tracked changes; how many."""
    from citeguard.fixes import plan_fixes
    from citeguard.ingest.docx import read_docx
    from citeguard.link import link_citations
    from citeguard.parse import parse_source
    from citeguard.report.tracked import tracked_docx

    data, path = _word(desk, m, "tracked changes")
    try:
        source, document = load_with_source(path)
        _, findings = audit(document)
        accepted = [f for f in desk.findings(m) if f.state is State.ACCEPTED]
        codes = tuple(sorted({f.code for f in accepted}))
        if not codes:
            return data, 0
        # Planned over all the findings (a fix is proven by re-auditing: the findings left open must
        # not count as new), for the accepted codes only, and kept for the accepted findings' entries.
        entries = {(f.code, n) for f in accepted for n in f.references}
        notes = {(f.code, i) for f in accepted for i in f.footnotes}
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")

        def reread(edits: list[Edit]) -> Document:  # the fixed .docx read again as Word shows it, changes accepted
            fixed, _ = tracked_docx(data, document, source.text, edits, date=stamp)
            return link_citations(parse_source(read_docx(fixed, str(path))))

        edits = [e for e in plan_fixes(document, source.text, findings, select=codes, reread=reread, move_entries=False)
                 if (e.entry is None or (e.code, e.entry) in entries) and (e.note is None or (e.code, e.note) in notes)]
        return tracked_docx(data, document, source.text, edits, date=stamp)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
