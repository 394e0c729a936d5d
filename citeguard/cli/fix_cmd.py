"""``citeguard fix``: apply the safe corrections (citeguard.fixes) to a text or Markdown manuscript.
Registered on the app in cli/__init__.py; this module reads no argv of its own."""

from __future__ import annotations

import os
import stat
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from citeguard.fixes import Edit
    from citeguard.ingest.sourcetext import SourceText
    from citeguard.model import Document

# Manuscripts fix can rewrite today (Word tracked changes and .bib patches come later)
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})


def fix(
    paper: Annotated[Path, typer.Argument(help="A .txt, .md or .docx manuscript (a .docx gets tracked changes).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the fixed text (default: "
                                             "PAPER.fixed.txt next to PAPER).")] = None,
    diff: Annotated[bool, typer.Option("--diff", metavar="", help="Only print the changes as a unified diff; "
                                       "write nothing.")] = False,
    in_place: Annotated[bool, typer.Option("--in-place", metavar="", help="Rewrite the manuscript itself (its "
                                           "encoding, line ends and permissions kept; the original kept as "
                                           "PAPER.orig).")] = False,
    no_backup: Annotated[bool, typer.Option("--no-backup", metavar="", help="With --in-place: keep no "
                                            "PAPER.orig.")] = False,
    select: Annotated[list[str] | None, typer.Option("--select", help="Only fixes for findings with these code "
                                                     "prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="No fixes for findings with these code "
                                                     "prefixes.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="[zh|en]",
                                             help="zh or en messages (default: the document's).")] = None,
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
    from citeguard.ingest.source import read_bounded
    from citeguard.report.files import write_reports
    from citeguard.report.messages import t

    if lang is not None and lang not in {"zh", "en"}:
        _fail(f"--lang must be zh or en, not {lang!r}")
    word = paper.suffix.lower() == ".docx"
    if paper.suffix.lower() == ".tex":
        if in_place:
            _fail("--in-place: a LaTeX manuscript's prose is never rewritten; fix writes a patch to its .bib files")
        _bib_patch(paper, out, diff, select, ignore, lang)
        return
    if paper.suffix.lower() not in TEXT_SUFFIXES and not word:
        _fail(f"{paper}: fix rewrites .txt, .md, .docx manuscripts and the .bib files of .tex ones (not PDFs)")
    if in_place and out is not None:
        _fail("--in-place and --out exclude each other")
    chosen, dropped = _prefixes(select, "--select"), _prefixes(ignore, "--ignore")
    source, document = _guard(lambda: load_with_source(paper))
    said = lang or document.language.value
    _, findings = _guard(lambda: audit(document))
    original = _guard(lambda: read_bounded(paper))  # the bytes: their form is kept, and the backup is them
    reread = None
    if word:  # the fixed .docx is read again as Word shows it with the changes accepted
        from datetime import UTC, datetime

        from citeguard.ingest.docx import read_docx
        from citeguard.link import link_citations
        from citeguard.parse import parse_source
        from citeguard.report.tracked import tracked_docx
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")

        def reread(chosen_edits: list[Edit]) -> Document:
            data, _ = tracked_docx(original, document, source.text, chosen_edits, date=stamp)
            return link_citations(parse_source(read_docx(data, str(paper))))
    # (Word: each change is marked inside its paragraph, so entries are not moved between paragraphs)
    edits = plan_fixes(document, source.text, findings, select=chosen, ignore=dropped, reread=reread,
                       move_entries=not word)
    fixed = apply_edits(source.text, edits)
    if not word:  # fixes that overlapped one another (an entry re-rendered and its 2018a) are planned again
        fixed, edits = _more_passes(paper, fixed, edits, chosen, dropped)
    if diff:
        sys.stdout.write(unified_diff(source.text, fixed, str(paper)))
        return
    target, info = _in_place(paper) if in_place else (out or paper.with_name(f"{paper.stem}.fixed{paper.suffix}"),
                                                      _guard(lambda: os.stat(paper)))
    if target.is_dir():
        _fail(f"--out {target}: is a directory; give a file name")
    if target.resolve() == paper.resolve() and not in_place:
        _fail("--out is the manuscript itself: use --in-place to rewrite it")
    if in_place and not edits:
        typer.echo(t("fix.unchanged", said, path=paper))
        return
    if word:  # every change a tracked change the editor accepts or rejects in Word
        data, applied = _guard(lambda: tracked_docx(original, document, source.text, edits, date=stamp))
    else:
        data = _text_bytes(paper, target, original, source, fixed, in_place)
    files: list[tuple[str | Path, str | bytes]] = [(target, data)]
    backup = target.with_name(f"{target.name}.orig") if in_place and not no_backup else None
    kept_backup = backup is not None and (backup.exists() or backup.is_symlink())
    if backup is not None and not kept_backup:
        files.insert(0, (backup, original))  # written with the fixed file, or neither is
    mode = stat.S_IMODE(info.st_mode)
    _guard(lambda: write_reports(files, mode=mode, owner=(info.st_uid, info.st_gid) if in_place else None))
    if word:
        typer.echo(t("fix.tracked", said, applied=applied, n=len(edits), fixes_word=_fixes(len(edits)), path=target))
    else:
        counts = Counter(e.code for e in edits)
        summary = ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items())) or t("fix.nothing", said)
        typer.echo(t("fix.written", said, n=len(edits), fixes_word=_fixes(len(edits)), summary=summary, path=target))
    if backup is not None:  # an earlier run's backup is the first original: never overwritten
        typer.echo(t("fix.backup_kept" if kept_backup else "fix.backup", said, path=backup))


MAX_PASSES = 3  # fix, audit again, fix what the first pass could not (edits that overlapped)


def _more_passes(paper: Path, fixed: str, edits: list[Edit], select: list[str], ignore: list[str]
                 ) -> tuple[str, list[Edit]]:
    """Audit the fixed text and fix again until nothing more can be fixed (at most MAX_PASSES in
    all): the text, and every edit made (for the counts)."""
    from citeguard.api import document_from_text
    from citeguard.checks import audit
    from citeguard.fixes import apply_edits, plan_fixes

    done = list(edits)
    for _ in range(MAX_PASSES - 1):
        if not edits:
            break
        document = document_from_text(fixed, path=str(paper))
        _, findings = audit(document)
        edits = plan_fixes(document, fixed, findings, select=select, ignore=ignore)
        fixed = apply_edits(fixed, edits)
        done += edits
    return fixed, done


def _fixes(count: int) -> str:
    return "fix" if count == 1 else "fixes"


def _in_place(paper: Path) -> tuple[Path, os.stat_result]:
    """The file --in-place rewrites, and its status: the manuscript, or the file its symbolic link
    names when that lies in the link's folder (the link stays a link). Refused, one line each: a link
    out of the folder (a submission's link must not make fix write elsewhere), a file with other hard
    links (a new file under this name would leave them unfixed)."""
    from citeguard.cli.errors import fail

    real = Path(os.path.relpath(os.path.realpath(paper))) if paper.is_symlink() else paper
    if real is not paper and not Path(os.path.realpath(real)).is_relative_to(os.path.realpath(paper.parent)):
        fail(f"{paper}: a symbolic link to {real}, outside its folder: --in-place does not write there "
             "(write a copy with -o)")
    try:
        info = os.stat(real)
    except OSError as exc:
        fail(f"{paper}: cannot rewrite it ({exc.strerror or exc})")
    if info.st_nlink > 1:
        fail(f"{paper}: has {info.st_nlink} hard links; rewriting it in place would leave the others as they were "
             "(write a copy with -o)")
    return real, info


def _text_bytes(paper: Path, target: Path, original: bytes, source: SourceText, fixed: str, in_place: bool) -> bytes:
    """The fixed text in the original's encoding, byte-order mark and line ends. When they cannot be
    kept (mixed line ends, a character the encoding cannot hold), --in-place refuses with one line;
    a copy is written as UTF-8 with LF line ends, and says so."""
    from citeguard.cli.errors import fail
    from citeguard.ingest.textform import UTF8, text_form, unencodable

    form = text_form(original, source)
    reason = form if isinstance(form, str) else unencodable(fixed, form)
    if reason is None and not isinstance(form, str):
        return form.encode(fixed)
    if in_place:
        fail(f"{paper}: not rewritten in place, because {reason} (write a UTF-8 copy with -o)")
    typer.echo(f"citeguard: warning: {target} is written as UTF-8 with LF line ends: {reason}", err=True)
    return UTF8.encode(fixed)


def _bib_patch(paper: Path, out: Path | None, diff: bool, select: list[str] | None, ignore: list[str] | None,
               lang: str | None) -> None:
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
    from citeguard.report.messages import t

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
    said = lang or document.language.value
    if not count:
        typer.echo(t("fix.bib_nothing", said))
        return
    target = out or paper.with_name(f"{paper.stem}.bib.patch")
    _guard(lambda: write_report(target, patch))
    typer.echo(t("fix.bib_patch", said, n=count, fixes_word=_fixes(count), path=target))
