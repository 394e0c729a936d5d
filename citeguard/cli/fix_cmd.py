"""``citeguard fix``: apply the safe corrections (citeguard.fixes) to a text or Markdown manuscript.
Registered on the app in cli/__init__.py; this module reads no argv of its own."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from citeguard.fixes import Edit
    from citeguard.model import Document

# Manuscripts fix can rewrite today (Word tracked changes and .bib patches come later)
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})


def fix(
    paper: Annotated[Path, typer.Argument(help="A .txt, .md or .docx manuscript (a .docx gets tracked changes).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the fixed text (default: "
                                             "PAPER.fixed.txt next to PAPER).")] = None,
    diff: Annotated[bool, typer.Option("--diff", metavar="", help="Only print the changes as a unified diff; "
                                       "write nothing.")] = False,
    in_place: Annotated[bool, typer.Option("--in-place", metavar="", help="Rewrite the manuscript itself.")] = False,
    select: Annotated[list[str] | None, typer.Option("--select", help="Only fixes for findings with these code "
                                                     "prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="No fixes for findings with these code "
                                                     "prefixes.")] = None,
) -> None:
    """Apply the corrections that are safe by construction — entries rewritten in GB/T 7714 form in
    the list's own style (CG306, CG308, CG203 duplicate pages), citation brackets unified (CG111),
    等/et al. after the real author count (CG106, CG107), an author-year list sorted (CG303), a/b
    suffixes for same-author-year works (CG108), numeric citations renumbered in order of first
    citation with the list reordered (CG110) — and
    write PAPER.fixed.txt; each fix is
    kept only if auditing the fixed text shows no new finding. What needs a decision stays a finding."""
    from citeguard.api import load_with_source
    from citeguard.checks import audit
    from citeguard.cli.errors import fail as _fail
    from citeguard.cli.errors import guard as _guard
    from citeguard.cli.errors import prefixes as _prefixes
    from citeguard.fixes import apply_edits, plan_fixes, unified_diff
    from citeguard.report import write_report

    word = paper.suffix.lower() == ".docx"
    if paper.suffix.lower() == ".tex":
        _bib_patch(paper, out, diff, select, ignore)
        return
    if paper.suffix.lower() not in TEXT_SUFFIXES and not word:
        _fail(f"{paper}: fix rewrites .txt, .md, .docx manuscripts and the .bib files of .tex ones (not PDFs)")
    if in_place and out is not None:
        _fail("--in-place and --out exclude each other")
    chosen, dropped = _prefixes(select, "--select"), _prefixes(ignore, "--ignore")
    source, document = _guard(lambda: load_with_source(paper))
    _, findings = _guard(lambda: audit(document))
    reread = None
    if word:  # the fixed .docx is read again as Word shows it with the changes accepted
        from datetime import UTC, datetime

        from citeguard.ingest.docx import read_docx
        from citeguard.link import link_citations
        from citeguard.parse import parse_source
        from citeguard.report.tracked import tracked_docx
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        original = paper.read_bytes()

        def reread(chosen_edits: list[Edit]) -> Document:
            data, _ = tracked_docx(original, document, source.text, chosen_edits, date=stamp)
            return link_citations(parse_source(read_docx(data, str(paper))))
    # (Word: each change is marked inside its paragraph, so entries are not moved between paragraphs)
    edits = plan_fixes(document, source.text, findings, select=chosen, ignore=dropped, reread=reread,
                       move_entries=not word)
    fixed = apply_edits(source.text, edits)
    if diff:
        sys.stdout.write(unified_diff(source.text, fixed, str(paper)))
        return
    target = paper if in_place else out or paper.with_name(f"{paper.stem}.fixed{paper.suffix}")
    if target.is_dir():
        _fail(f"--out {target}: is a directory; give a file name")
    if target.resolve() == paper.resolve() and not in_place:
        _fail("--out is the manuscript itself: use --in-place to rewrite it")
    if word:  # every change a tracked change the editor accepts or rejects in Word
        data, applied = _guard(lambda: tracked_docx(original, document, source.text, edits, date=stamp))
        _guard(lambda: write_report(target, data))
        typer.echo(f"{applied} of {len(edits)} fixes written as tracked changes to {target}")
        return
    _guard(lambda: write_report(target, fixed))
    counts = Counter(e.code for e in edits)
    summary = ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items())) or "nothing to fix"
    typer.echo(f"{len(edits)} fix{'' if len(edits) == 1 else 'es'} ({summary}) written to {target}")


def _bib_patch(paper: Path, out: Path | None, diff: bool, select: list[str] | None, ignore: list[str] | None) -> None:
    """A LaTeX manuscript: its prose is never rewritten; the fixes to the .bib files it names are
    written as one unified patch (PAPER.bib.patch; `patch -p0` or `git apply` applies it)."""
    from citeguard.checks import audit
    from citeguard.cli.errors import guard as _guard
    from citeguard.cli.errors import prefixes as _prefixes
    from citeguard.fixes import apply_edits, plan_bib_fixes, unified_diff
    from citeguard.ingest import read_project
    from citeguard.link import link_citations
    from citeguard.parse import parse_source
    from citeguard.report import write_report

    project = _guard(lambda: read_project(paper))
    document = link_citations(parse_source(project.main, bibs=project.bibs, syntax=project.syntax,
                                           notes=project.notes, parts=project.parts))
    _, findings = _guard(lambda: audit(document))
    bibs = {b.path: b.text for b in project.bibs}
    edits = plan_bib_fixes(document, bibs, findings, select=_prefixes(select, "--select"),
                           ignore=_prefixes(ignore, "--ignore"))
    patch = "".join(unified_diff(bibs[path], apply_edits(bibs[path], sorted(found, key=lambda e: e.start)), path, path)
                    for path, found in sorted(edits.items()))
    if diff:
        sys.stdout.write(patch)
        return
    count = sum(len(found) for found in edits.values())
    if not count:
        typer.echo("nothing to fix in the .bib files (the .tex prose is never rewritten)")
        return
    target = out or paper.with_name(f"{paper.stem}.bib.patch")
    _guard(lambda: write_report(target, patch))
    typer.echo(f"{count} fix{'' if count == 1 else 'es'} to the .bib files written as a patch to {target}")
