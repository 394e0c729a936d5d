"""Audit jobs: a pool of worker threads in the server's process takes queued manuscripts from the
database one at a time, audits each through the same stages as ``citeguard audit`` and stores
everything the audit found in one transaction, so that a server killed mid-job leaves the job
``running`` with nothing half-written; on the next start such jobs are queued again (resumed).

A revision's findings are matched to the version it revises by their baseline key (the code, the
entries and notes named, the message without line numbers): a match keeps the earlier decision, a
finding with no match is new, and the earlier version's unmatched findings are resolved.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from citeguard.api import load_with_source
from citeguard.checks import audit
from citeguard.ingest import IngestError
from citeguard.ledger import build_ledger
from citeguard.model import Document, Finding, LinkResult, Severity
from citeguard.records import Verification
from citeguard.report.audit_json import AuditResult, finding_dict, render_report_json
from citeguard.report.baseline import fingerprint
from citeguard.report.html import render_html
from citeguard.resolve import claims_from
from citeguard.serve.db import Database, now
from citeguard.serve.store import FileStore, UploadError, unpack_project

EXCERPT = 300  # characters of a finding's line kept beside it
MAX_PAGES = 300  # pages of a PDF the desk audits (a thesis can be long; the CLI's default is 100)


@dataclass(frozen=True, slots=True)
class AuditSetup:
    """The office's configuration of what an audit does beyond reading the manuscript."""

    check_links: bool = False  # fetch the cited web pages (the network); off: links are not checked
    verify: bool = False  # ask Crossref, OpenAlex and DataCite whether each cited work exists and matches
    mailto: str | None = None  # the office's address, sent to the scholarly indexes (their polite pool)
    allow_private: bool = False  # let network checks reach private addresses (never for a public desk)
    cache: Path | None = None  # answers of the network kept between audits (None: none kept)
    max_pages: int = MAX_PAGES


@dataclass(frozen=True, slots=True)
class AuditedPaper:
    """What one audit leaves: the findings with their places, and the two rendered reports."""

    title: str
    lang: str
    findings: tuple[Finding, ...]
    locations: tuple[str, ...]
    report_json: str
    html: str
    excerpts: tuple[str, ...] = ()  # the manuscript's line each finding is on (at most EXCERPT characters)


def _network(document: Document, setup: AuditSetup) -> tuple[list[LinkResult], list[Verification]]:
    """The cited web pages' states and the works' verdicts, as the office configured them (offline:
    links from the cache only, works not verified)."""
    from citeguard.resolve import LinkCache, offline_results
    claims = claims_from(document)
    cache = LinkCache(setup.cache) if setup.cache is not None and (setup.check_links or setup.verify) else None
    try:
        if not setup.check_links or not claims:
            links = offline_results(claims, cache)
        else:
            from citeguard.resolve.run import check_links
            from citeguard.resolve.safety import SafetyPolicy
            links = check_links(claims, policy=SafetyPolicy(allow_private=setup.allow_private), cache=cache)[0]
        verdicts: list[Verification] = []
        if setup.verify:
            from citeguard.resolve.safety import SafetyPolicy
            from citeguard.resolve.verify import document_works, verify_references
            from citeguard.resolve.works import WorksConfig
            verdicts = verify_references(document_works(document), config=WorksConfig(mailto=setup.mailto),
                                         policy=SafetyPolicy(allow_private=setup.allow_private), cache=cache,
                                         damaged_text=document.ocr)[0]
        return links, verdicts
    finally:
        if cache is not None:
            cache.close()


def audit_bytes(kind: str, filename: str, data: bytes, work: Path, setup: AuditSetup) -> AuditedPaper:
    """Audit one manuscript given as bytes, in a folder of its own under ``work`` (removed after):
    nothing it names outside that folder is read."""
    folder = work / uuid.uuid4().hex
    folder.mkdir(parents=True)
    try:
        if kind in (".zip", ".tex"):  # a project: the manuscript with its .bib
            main = unpack_project(data, folder)
        else:
            main = folder / (Path(filename).name or f"manuscript{kind}")
            main.write_bytes(data)
        source, document = load_with_source(main, max_pages=setup.max_pages)
        results, verdicts = _network(document, setup)
        ctx, findings = audit(document, links=results, verifications=verdicts)
        # Places inside the job's folder are named as the author named them (a .bib beside the .tex),
        # and the server's folders appear in no message
        inside = f"{folder}{os.sep}"
        findings = tuple(replace(f, path=f.path.replace(inside, ""), message=f.message.replace(inside, ""),
                                 message_zh=f.message_zh.replace(inside, ""))
                         if inside in f.path + f.message + f.message_zh else f for f in findings)
        document = replace(document, path=filename)
        result = AuditResult(document, ctx.standard, ctx.paper_date, findings, links=tuple(results),
                             verifications=tuple(verdicts))
        lang = document.language.value
        html = render_html(result, source.text, build_ledger(document), lang=lang)
        title = document.front_matter.title_zh or document.front_matter.title_en
        locations = tuple(str(finding_dict(f, document)["location"]) for f in findings)
        lines = source.text.splitlines()
        excerpts = tuple(" ".join(lines[f.line - 1].split())[:EXCERPT] if not f.path and 0 < f.line <= len(lines) else ""
                         for f in findings)
        return AuditedPaper(title.text[:300] if title else "", lang, findings, locations,
                            render_report_json(result), html, excerpts)
    except IngestError as exc:  # its one line, without the server's folder
        raise IngestError(str(exc).replace(f"{folder}{os.sep}", "")) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def key(f: Finding) -> str:
    """The finding's key across versions: its baseline fingerprint without the file's path."""
    return fingerprint(replace(f, path=Path(f.path).name if f.path else ""))


def store_result(db: Database, files: FileStore, manuscript_id: str, paper: AuditedPaper) -> None:
    """Write one audit's findings, reports and the match with the revised version, all at once."""
    report_hash, html_hash = files.put_text(paper.report_json), files.put_text(paper.html)
    by = Counter(f.severity for f in paper.findings)
    with db.write() as conn:
        row = conn.execute("SELECT revision_of, status FROM manuscripts WHERE id = ?", (manuscript_id,)).fetchone()
        if row is None or row["status"] != "running":
            return  # deleted, or taken and finished by another worker after a restart
        earlier: dict[str, list[tuple[str, str, str | None, float | None]]] = defaultdict(list)
        previous = []
        if row["revision_of"]:
            previous = conn.execute("SELECT fingerprint, state, reason, decided_by, decided_at, code, line, message, "
                                    "message_zh FROM findings WHERE manuscript_id = ? ORDER BY seq",
                                    (row["revision_of"],)).fetchall()
            for p in previous:
                earlier[p["fingerprint"]].append((p["state"], p["reason"], p["decided_by"], p["decided_at"]))
        conn.execute("DELETE FROM findings WHERE manuscript_id = ?", (manuscript_id,))
        conn.execute("DELETE FROM resolved WHERE manuscript_id = ?", (manuscript_id,))
        matched: Counter[str] = Counter()
        excerpts = paper.excerpts or ("",) * len(paper.findings)
        for seq, (f, where, excerpt) in enumerate(zip(paper.findings, paper.locations, excerpts, strict=True)):
            fp = key(f)
            carried = earlier[fp][matched[fp]] if matched[fp] < len(earlier[fp]) else None
            if carried is not None:
                matched[fp] += 1
            state, reason, who, at = carried or ("open", "", None, None)
            conn.execute(
                "INSERT INTO findings(manuscript_id, seq, code, rule, severity, confidence, line, col, location, refs, "
                "cites, notes, message, message_zh, suggestion, suggestion_zh, fingerprint, state, reason, decided_by, "
                "decided_at, new, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (manuscript_id, seq, f.code, f.rule, f.severity.value, f.confidence.value, f.line, f.column, where,
                 json.dumps(f.references), json.dumps(f.citations), json.dumps(f.footnotes), f.message, f.message_zh,
                 f.suggestion, f.suggestion_zh, fp, state, reason, who, at,
                 int(bool(row["revision_of"]) and carried is None), excerpt))
        for p in previous:  # each earlier finding not matched by one of this version is resolved
            if matched[p["fingerprint"]] > 0:
                matched[p["fingerprint"]] -= 1
                continue
            conn.execute("INSERT INTO resolved(manuscript_id, code, line, message, message_zh) VALUES (?, ?, ?, ?, ?)",
                         (manuscript_id, p["code"], p["line"], p["message"], p["message_zh"]))
        conn.execute("UPDATE manuscripts SET status = 'done', finished = ?, title = ?, lang = ?, report_hash = ?, "
                     "html_hash = ?, errors = ?, warnings = ?, infos = ?, error = NULL WHERE id = ?",
                     (now(), paper.title, paper.lang, report_hash, html_hash, by[Severity.ERROR], by[Severity.WARNING],
                      by[Severity.INFO], manuscript_id))


def claim_next(db: Database) -> tuple[str, str, str, str] | None:
    """Take the oldest queued manuscript (id, kind, filename, file hash), marking it running."""
    with db.write() as conn:
        row = conn.execute("SELECT id, kind, filename, file_hash FROM manuscripts WHERE status = 'queued' "
                           "ORDER BY created, id LIMIT 1").fetchone()
        if row is None:
            return None
        conn.execute("UPDATE manuscripts SET status = 'running', started = ? WHERE id = ?", (now(), row["id"]))
        return row["id"], row["kind"], row["filename"], row["file_hash"]


def fail(db: Database, manuscript_id: str, reason: str) -> None:
    with db.write() as conn:
        conn.execute("UPDATE manuscripts SET status = 'failed', finished = ?, error = ? WHERE id = ?",
                     (now(), reason[:500], manuscript_id))


def requeue_interrupted(db: Database) -> int:
    """Jobs a killed server left running are queued again; returns how many."""
    with db.write() as conn:
        return conn.execute("UPDATE manuscripts SET status = 'queued', started = NULL WHERE status = 'running'").rowcount


def run_one(db: Database, files: FileStore, work: Path, setup: AuditSetup) -> bool:
    """Audit the next queued manuscript, if any; returns whether there was one."""
    job = claim_next(db)
    if job is None:
        return False
    manuscript_id, kind, filename, digest = job
    try:
        paper = audit_bytes(kind, filename, files.get(digest), work, setup)
    except (IngestError, UploadError) as exc:
        fail(db, manuscript_id, str(exc).strip() or type(exc).__name__)
        return True
    except RecursionError:
        fail(db, manuscript_id, "the manuscript is nested too deeply to read")
        return True
    except Exception as exc:  # a bug must fail this job with its reason, never stop the worker
        fail(db, manuscript_id, f"internal error ({type(exc).__name__}: {str(exc)[:200]})")
        return True
    store_result(db, files, manuscript_id, paper)
    return True


class WorkerPool:
    """``size`` threads auditing queued manuscripts; ``wake`` after queueing one."""

    def __init__(self, db: Database, files: FileStore, work: Path, setup: AuditSetup, size: int = 2) -> None:
        self.db, self.files, self.work, self.setup, self.size = db, files, work, setup, max(1, size)
        self._event = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._threads:
                return
            requeue_interrupted(self.db)
            self._stop.clear()
            self._threads = [threading.Thread(target=self._loop, name=f"citeguard-audit-{i}", daemon=True)
                             for i in range(self.size)]
            for t in self._threads:
                t.start()
        self._event.set()

    def wake(self) -> None:
        self.start()
        self._event.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._event.set()
        for t in self._threads:
            t.join(timeout)
        self._threads = []

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._event.clear()  # before looking: an upload from now on wakes the wait below
            if run_one(self.db, self.files, self.work, self.setup):
                continue
            self._event.wait(5.0)  # woken by an upload; the timeout also finds jobs another process queued
